"""The one HTTP seam every web collector uses.

Politeness lives here once: robots.txt (protego), a delay between requests to a host (the larger
of the configured delay and robots.txt ``Crawl-delay``, unless ``--delay`` overrides both),
timeouts, retries with exponential backoff on connection errors, timeouts, truncated bodies and
5xx, ``429``/``503`` honouring ``Retry-After``, conditional GET from the per-URL fetch state,
decoding by the HTTP header or the page's meta charset, and a size cap. Time goes through an
injectable clock so tests never wait for real.
"""

from __future__ import annotations

import email.utils
import hashlib
import logging
import re
import time
from collections.abc import Callable
from typing import Protocol
from urllib.parse import urljoin, urlsplit

import requests
import urllib3
from protego import Protego

from collectors.breaker import Breaker
from collectors.charset import decode, decode_page
from collectors.dates import utcnow
from collectors.profile import Politeness
from collectors.response import Response
from collectors.state import FetchState

log = logging.getLogger("cdht.http")


class Clock(Protocol):
    def now(self) -> float: ...
    def sleep(self, seconds: float) -> None: ...


class RealClock:
    def now(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)


class FakeClock:
    """A clock for tests: sleeping only moves time forward, and is recorded."""

    def __init__(self, start: float = 1000.0):
        self.t = start
        self.sleeps: list[float] = []

    def now(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            self.sleeps.append(seconds)
            self.t += seconds


RetryWhen = Callable[[requests.Response], "tuple[str, float | None] | None"]


class FetchError(Exception):
    """A URL could not be fetched after the allowed retries (or must not be fetched).

    ``kind`` says how it failed (the circuit breaker counts by kind): ``connect``, ``timeout``,
    ``server``, ``dropped``, ``other``; ``url`` for an address that is not one, ``robots``,
    ``size``, ``breaker`` when the run stopped fetching, ``page`` for a page that is not one."""

    def __init__(self, url: str, reason: str, status: int | None = None, kind: str = "other"):
        super().__init__(f"{url}: {reason}")
        self.url, self.reason, self.status, self.kind = url, reason, status, kind


class TooSlow(FetchError):
    """The body was still arriving when the request's total deadline passed."""


class CircuitOpen(FetchError):
    """The run stopped fetching: too many requests in a row failed the same way."""


def retry_after(value: str | None, now_epoch: float) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now_epoch)


class HttpClient:
    """A polite HTTP client. ``state`` (a :class:`collectors.state.FetchState`, such as the store)
    enables conditional GET and fetch records. ``timer`` measures the real time a request takes
    against its total deadline (the clock is for waits)."""

    RETRY_STATUS = frozenset({429, 500, 502, 503, 504, 520, 521, 522, 523, 524})
    QUICK_RETRY = 2.0  # seconds before the one retry of a connection that could not be made

    def __init__(
        self,
        politeness: Politeness,
        *,
        clock: Clock | None = None,
        session: requests.Session | None = None,
        state: FetchState | None = None,
        delay: float | None = None,
        timer=time.monotonic,
    ):
        self.p = politeness
        self.clock = clock or RealClock()
        self.timer = timer
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = politeness.user_agent
        self.session.headers.setdefault("Accept-Language", "vi,en;q=0.5")
        self.state = state
        self.delay_override = delay
        self.robots: dict[str, Protego | None] = {}
        self.last_request: dict[str, float] = {}
        self.requests = 0  # requests sent, robots.txt excluded
        self.robots_requests = 0
        self.breaker = Breaker(politeness.stop_after_failures)
        self.notices: list[tuple[str, str]] = []  # (url, message): said once per run
        self._noticed: set[tuple[str, str]] = set()

    # ------------------------------------------------------------ politeness
    def _host(self, url: str) -> str:
        return urlsplit(url).netloc

    def robots_for(self, url: str) -> Protego | None:
        host = self._host(url)
        if host not in self.robots:
            robots_url = urljoin(url, "/robots.txt")
            parser = None
            try:
                resp = self._send(robots_url, {}, count=False)
                if resp.status_code == 200:
                    parser = Protego.parse(decode(resp.content, resp.headers.get("content-type", "")))
            except (requests.RequestException, FetchError) as exc:
                log.debug("robots.txt unavailable at %s: %s", robots_url, exc)
            self.robots[host] = parser
        return self.robots[host]

    def sitemaps(self, url: str) -> list[str]:
        parser = self.robots_for(url)
        return list(parser.sitemaps) if parser else []

    def delay_for(self, url: str) -> float:
        if self.delay_override is not None:
            return self.delay_override
        delay = self.p.delay
        parser = self.robots_for(url) if self.p.respect_robots else None
        if parser is not None:
            crawl = parser.crawl_delay(self.p.user_agent)
            if crawl:
                delay = max(delay, float(crawl))
        return delay

    def allowed(self, url: str) -> bool:
        if not self.p.respect_robots:
            return True
        parser = self.robots_for(url)
        return parser is None or parser.can_fetch(url, self.p.user_agent)

    def _wait_turn(self, url: str) -> None:
        host = self._host(url)
        delay = self.delay_for(url)
        last = self.last_request.get(host)
        if last is not None and delay > 0:
            wait = last + delay - self.clock.now()
            if wait > 0:
                self.clock.sleep(wait)
        self.last_request[host] = self.clock.now()

    # ------------------------------------------------------------ sending
    def _send(
        self, url: str, headers: dict, *, count: bool = True, params: dict | None = None
    ) -> requests.Response:
        """One request, its body read within the total deadline and the size cap."""
        if count:
            self.requests += 1
        else:
            self.robots_requests += 1
        started = self.timer()
        resp = self.session.get(
            url, headers=headers, timeout=(self.p.timeout, self.p.timeout), stream=True,
            allow_redirects=True, params=params,
        )  # fmt: skip
        try:
            declared = resp.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > self.p.max_bytes:
                raise FetchError(url, f"body of {declared} bytes is over the {self.p.max_bytes} limit", kind="size")
            chunks, size = [], 0
            for chunk in _body(resp):
                size += len(chunk)
                if size > self.p.max_bytes:
                    raise FetchError(url, f"body is over the {self.p.max_bytes} byte limit", kind="size")
                chunks.append(chunk)
                if self.timer() - started > self.p.deadline:
                    raise TooSlow(url, f"the page was still arriving after the {self.p.deadline:g} s "
                                  f"deadline ({size} bytes so far)", kind="slow")  # fmt: skip
            resp._content = b"".join(chunks)
        finally:
            resp.close()
        return resp

    def _retries(self, kind: str) -> int:
        """Retries allowed for a failure of this kind: a connection that cannot be made, or a
        body that outlives its deadline, gets at most one; while the site keeps failing, every
        URL gets at most one (none for those two)."""
        if kind in ("connect", "slow"):
            return 0 if self.breaker.failing else min(self.p.retries, 1)
        return min(self.p.retries, 1) if self.breaker.failing else self.p.retries

    def _attempt(
        self, url: str, headers: dict, params: dict | None, retry_when: RetryWhen | None
    ) -> tuple[requests.Response | None, str, str, float | None]:
        """One attempt: (a final response or None, failure kind, failure text, wait asked)."""
        try:
            resp = self._send(url, headers, params=params)
        except TooSlow as exc:
            return None, "slow", exc.reason, None
        except requests.ConnectTimeout:
            return None, "connect", f"cannot connect (no answer within {self.p.timeout:g} s)", None
        except requests.Timeout:
            return None, "timeout", f"timed out after {self.p.timeout:g} s", None
        except requests.exceptions.ChunkedEncodingError:
            return None, "dropped", "connection closed before the whole page arrived (truncated body)", None
        except requests.ConnectionError as exc:
            if _cannot_connect(exc):
                return None, "connect", f"cannot connect ({_short(exc)})", None
            return None, "dropped", f"connection lost ({_short(exc)})", None
        except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                requests.exceptions.InvalidSchema) as exc:  # fmt: skip
            raise FetchError(url, f"not a web address that can be fetched ({_short(exc)})", kind="url") from None
        except requests.RequestException as exc:
            return None, "other", f"request failed ({_short(exc)})", None
        extra = retry_when(resp) if retry_when is not None else None
        if resp.status_code not in self.RETRY_STATUS and extra is None:
            return resp, "", "", None
        wait = retry_after(resp.headers.get("retry-after"), time.time())
        if extra:
            return None, "server", extra[0], wait if wait is not None else extra[1]
        return None, "server", f"HTTP {resp.status_code}", wait

    def get(
        self,
        url: str,
        *,
        conditional: bool = False,
        params: dict | None = None,
        retry_when: RetryWhen | None = None,
    ) -> Response:
        """GET with retries. Returns the response (2xx, 304, or a 4xx other than 429); raises
        FetchError when the URL is disallowed or still failing after the retries, and
        CircuitOpen once the run's circuit breaker has tripped.

        ``params`` are sent with the request but never written into ``url`` as this client logs
        and reports it (an API's access token goes there). ``retry_when(response)`` may name a
        further answer to wait out (an API's rate-limit error): it returns ``None``, or the
        reason and the seconds to wait (``None`` for the usual backoff)."""
        if self.breaker.tripped:
            raise CircuitOpen(url, self.breaker.message(), kind="breaker")
        if not self.allowed(url):
            raise FetchError(url, "disallowed by robots.txt", kind="robots")
        headers: dict[str, str] = {}
        prior = self.state.fetch_state(url) if (conditional and self.state) else None
        if prior is not None:
            if prior["etag"]:
                headers["If-None-Match"] = prior["etag"]
            if prior["last_modified"]:
                headers["If-Modified-Since"] = prior["last_modified"]
        attempt = 0
        while True:
            self._wait_turn(url)
            resp, kind, error, wait = self._attempt(url, headers, params, retry_when)
            if resp is not None:
                self.breaker.success()
                return self._finish(url, resp, prior)
            if attempt >= self._retries(kind):
                self._record_failure(url, error)
                self.breaker.failure(kind, f"{url}: {error}")
                raise FetchError(url, f"{error}; gave up after {attempt + 1} attempts", kind=kind)
            if kind in ("connect", "slow"):
                wait = min(self.p.backoff, self.QUICK_RETRY)
            elif wait is None:
                wait = self.p.backoff * (2**attempt)
            wait = min(wait, self.p.max_backoff)
            log.info("%s: %s; retrying in %.1f s", url, error, wait)
            self.clock.sleep(wait)
            attempt += 1

    def _finish(self, url: str, resp: requests.Response, prior) -> Response:
        headers = {k.lower(): v for k, v in resp.headers.items()}
        if resp.status_code == 304:
            return Response(url, 304, headers, not_modified=True)
        body = resp.content or b""
        out = Response(resp.url or url, resp.status_code, headers, body)
        if 200 <= resp.status_code < 300:
            out.text, note = decode_page(body, headers.get("content-type", ""))
            if note:
                self.notice(url, note)
            digest = hashlib.sha256(body).hexdigest()
            out.not_modified = prior is not None and prior["body_hash"] == digest
            if self.state is not None:
                self.state.save_fetch_state(
                    url, etag=headers.get("etag"), last_modified=headers.get("last-modified"),
                    body_hash=digest, http_status=resp.status_code, failures=0,
                    last_fetched=utcnow(), error="",
                )  # fmt: skip
        return out

    def notice(self, url: str, message: str) -> None:
        """Warn once per run and host about something true of many pages (not of one)."""
        key = (self._host(url), message)
        if key in self._noticed:
            return
        self._noticed.add(key)
        text = f"{self._host(url)}: {message} (first seen at {url}; said once per run)"
        log.warning("%s", text)
        self.notices.append((url, text))

    def _record_failure(self, url: str, error: str) -> None:
        if self.state is None:
            return
        prior = self.state.fetch_state(url)
        failures = (prior["failures"] if prior else 0) + 1
        self.state.save_fetch_state(url, failures=failures, error=error, last_fetched=utcnow())


def _short(exc: Exception) -> str:
    text = str(exc)
    m = re.search(r"\] ([^'\]]+)'?\)*$", text)
    return (m.group(1).rstrip("'\")") if m else text)[:160]


def _cannot_connect(exc: requests.ConnectionError) -> bool:
    """The connection could not be made at all (refused, unknown host), as opposed to one
    that was made and then lost."""
    reason = getattr(exc.args[0] if exc.args else None, "reason", None)
    if isinstance(reason, urllib3.exceptions.NewConnectionError):
        return True
    return isinstance(reason, ConnectionRefusedError) or "Connection refused" in str(exc)


def _body(resp: requests.Response):
    """The body in pieces as they arrive (``read1``: a dripping server cannot hold a read
    for longer than the read timeout), with urllib3's errors as requests raises them."""
    raw = resp.raw
    if not hasattr(raw, "read1"):
        yield from resp.iter_content(65536)
        return
    while True:
        try:
            chunk = raw.read1(65536, decode_content=True)
        except urllib3.exceptions.ReadTimeoutError as exc:
            raise requests.exceptions.ReadTimeout(exc) from exc
        except urllib3.exceptions.ProtocolError as exc:
            raise requests.exceptions.ChunkedEncodingError(exc) from exc
        except urllib3.exceptions.DecodeError as exc:
            raise requests.exceptions.ContentDecodingError(exc) from exc
        except urllib3.exceptions.SSLError as exc:
            raise requests.exceptions.SSLError(exc) from exc
        if not chunk:
            return
        yield chunk
