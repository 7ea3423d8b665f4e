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
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urljoin, urlsplit

import requests
from protego import Protego

from collectors.dates import utcnow
from collectors.profile import Politeness
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
    """A URL could not be fetched after the allowed retries (or must not be fetched)."""

    def __init__(self, url: str, reason: str, status: int | None = None):
        super().__init__(f"{url}: {reason}")
        self.url, self.reason, self.status = url, reason, status


@dataclass
class Response:
    url: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    text: str = ""
    not_modified: bool = False  # 304, or a body identical to the last one (hash)

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300 or self.status == 304


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-:.]+)", re.I)


def decode(body: bytes, content_type: str = "") -> str:
    """Text of a body: the header's charset, else the page's meta charset, else UTF-8, else a
    detected encoding."""
    candidates = []
    m = _HEADER_CHARSET.search(content_type or "")
    if m:
        candidates.append(m.group(1))
    m = _META_CHARSET.search(body[:4096])
    if m:
        candidates.append(m.group(1).decode("ascii", "ignore"))
    candidates.append("utf-8")
    for enc in candidates:
        try:
            return body.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(body).best()
    return str(best) if best is not None else body.decode("utf-8", "replace")


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
    enables conditional GET and fetch records."""

    RETRY_STATUS = frozenset({429, 500, 502, 503, 504, 520, 521, 522, 523, 524})

    def __init__(
        self,
        politeness: Politeness,
        *,
        clock: Clock | None = None,
        session: requests.Session | None = None,
        state: FetchState | None = None,
        delay: float | None = None,
    ):
        self.p = politeness
        self.clock = clock or RealClock()
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = politeness.user_agent
        self.session.headers.setdefault("Accept-Language", "vi,en;q=0.5")
        self.state = state
        self.delay_override = delay
        self.robots: dict[str, Protego | None] = {}
        self.last_request: dict[str, float] = {}
        self.requests = 0  # requests sent, robots.txt excluded
        self.robots_requests = 0

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
            except requests.RequestException as exc:
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
        if count:
            self.requests += 1
        else:
            self.robots_requests += 1
        resp = self.session.get(
            url, headers=headers, timeout=(self.p.timeout, self.p.timeout), stream=True,
            allow_redirects=True, params=params,
        )  # fmt: skip
        try:
            declared = resp.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > self.p.max_bytes:
                raise FetchError(url, f"body of {declared} bytes is over the {self.p.max_bytes} limit")
            chunks, size = [], 0
            for chunk in resp.iter_content(65536):
                size += len(chunk)
                if size > self.p.max_bytes:
                    raise FetchError(url, f"body is over the {self.p.max_bytes} byte limit")
                chunks.append(chunk)
            resp._content = b"".join(chunks)
        finally:
            resp.close()
        return resp

    def get(
        self,
        url: str,
        *,
        conditional: bool = False,
        params: dict | None = None,
        retry_when: RetryWhen | None = None,
    ) -> Response:
        """GET with retries. Returns the response (2xx, 304, or a 4xx other than 429); raises
        FetchError when the URL is disallowed or still failing after the retries.

        ``params`` are sent with the request but never written into ``url`` as this client logs
        and reports it (an API's access token goes there). ``retry_when(response)`` may name a
        further answer to wait out (an API's rate-limit error): it returns ``None``, or the
        reason and the seconds to wait (``None`` for the usual backoff)."""
        if not self.allowed(url):
            raise FetchError(url, "disallowed by robots.txt")
        headers: dict[str, str] = {}
        prior = self.state.fetch_state(url) if (conditional and self.state) else None
        if prior is not None:
            if prior["etag"]:
                headers["If-None-Match"] = prior["etag"]
            if prior["last_modified"]:
                headers["If-Modified-Since"] = prior["last_modified"]
        attempt, last_error = 0, ""
        while True:
            self._wait_turn(url)
            wait = None
            try:
                resp = self._send(url, headers, params=params)
            except FetchError:
                raise
            except requests.Timeout:
                last_error = f"timed out after {self.p.timeout:g} s"
            except requests.exceptions.ChunkedEncodingError:
                last_error = "connection closed before the whole page arrived (truncated body)"
            except requests.ConnectionError as exc:
                last_error = f"cannot connect ({_short(exc)})"
            except requests.RequestException as exc:
                last_error = f"request failed ({_short(exc)})"
            else:
                extra = retry_when(resp) if retry_when is not None else None
                if resp.status_code not in self.RETRY_STATUS and extra is None:
                    return self._finish(url, resp, prior)
                last_error = extra[0] if extra else f"HTTP {resp.status_code}"
                wait = retry_after(resp.headers.get("retry-after"), time.time())
                if wait is None and extra:
                    wait = extra[1]
            if attempt >= self.p.retries:
                self._record_failure(url, last_error)
                raise FetchError(url, f"{last_error}; gave up after {attempt + 1} attempts")
            if wait is None:
                wait = self.p.backoff * (2**attempt)
            wait = min(wait, self.p.max_backoff)
            log.info("%s: %s; retrying in %.1f s", url, last_error, wait)
            self.clock.sleep(wait)
            attempt += 1

    def _finish(self, url: str, resp: requests.Response, prior) -> Response:
        headers = {k.lower(): v for k, v in resp.headers.items()}
        if resp.status_code == 304:
            return Response(url, 304, headers, not_modified=True)
        body = resp.content or b""
        out = Response(resp.url or url, resp.status_code, headers, body)
        if 200 <= resp.status_code < 300:
            out.text = decode(body, headers.get("content-type", ""))
            digest = hashlib.sha256(body).hexdigest()
            out.not_modified = prior is not None and prior["body_hash"] == digest
            if self.state is not None:
                self.state.save_fetch_state(
                    url, etag=headers.get("etag"), last_modified=headers.get("last-modified"),
                    body_hash=digest, http_status=resp.status_code, failures=0,
                    last_fetched=utcnow(), error="",
                )  # fmt: skip
        return out

    def _record_failure(self, url: str, error: str) -> None:
        if self.state is None:
            return
        prior = self.state.fetch_state(url)
        failures = (prior["failures"] if prior else 0) + 1
        self.state.save_fetch_state(url, failures=failures, error=error, last_fetched=utcnow())


def _short(exc: Exception) -> str:
    text = str(exc)
    m = re.search(r"\] ([^'\]]+)'?\)*$", text)
    return (m.group(1) if m else text)[:160]


