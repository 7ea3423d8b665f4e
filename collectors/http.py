"""The one HTTP seam every web collector uses.

Politeness lives here once: robots.txt (protego), a delay between requests to a host (the larger
of the configured delay and robots.txt ``Crawl-delay``, unless ``--delay`` overrides both),
timeouts, retries with exponential backoff on connection errors, timeouts, truncated bodies and
5xx, ``429``/``503`` honouring ``Retry-After``, conditional GET from the per-URL fetch state,
decoding by the HTTP header or the page's meta charset, and a size cap. Time goes through an
injectable clock so tests never wait for real.

Bounds on a bad night: a ``Retry-After`` longer than ``max_backoff`` ends the run at once (the
site asks to come back later), a streak of failures lasting ``stop_after_seconds`` ends it, so
does the run's own ``run_deadline``, and attempts that each cost a whole timeout or deadline get
at most one retry and trip the breaker after ``stop_after_slow_failures`` in a row. robots.txt is
read as RFC 9309 says: 4xx means no rules, 5xx or no answer means the whole site is disallowed
for the run (it ends at once); a copy read in the last 24 hours is used without asking again.
"""

from __future__ import annotations

import email.utils
import hashlib
import logging
import time
from collections.abc import Callable
from datetime import datetime
from typing import Protocol
from urllib.parse import urlsplit

import requests
import urllib3
from protego import Protego

from collectors.breaker import Breaker
from collectors.charset import decode_page
from collectors.dates import LOCAL, utcnow
from collectors.fetch_errors import CircuitOpen, FetchError, TooSlow, cannot_connect, short_reason
from collectors.profile import Politeness
from collectors.response import Response
from collectors.robots import RobotsMixin
from collectors.state import FetchState
from collectors.watchdog import Watchdog, WatchedAdapter

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


def vn_duration(seconds: float) -> str:
    """``86400`` -> ``24 giờ``; ``5400`` -> ``1 giờ 30 phút``; ``90`` -> ``2 phút``."""
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds} giây"
    minutes = round(seconds / 60)
    hours, minutes = divmod(minutes, 60)
    if not hours:
        return f"{minutes} phút"
    return f"{hours} giờ" + (f" {minutes} phút" if minutes else "")


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


class HttpClient(RobotsMixin):
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
        if session is None:
            session = requests.Session()
            for prefix in ("http://", "https://"):  # a deadline no dripping server outwaits
                session.mount(prefix, WatchedAdapter())
        self.session = session
        self.session.headers["User-Agent"] = politeness.user_agent
        self.session.headers.setdefault("Accept-Language", "vi,en;q=0.5")
        self.state = state
        self.delay_override = delay
        self.robots: dict[str, Protego | None] = {}
        self.last_request: dict[str, float] = {}
        self.requests = 0  # requests sent, robots.txt excluded
        self.robots_requests = 0
        self.breaker = Breaker(politeness.stop_after_failures, politeness.stop_after_slow_failures)
        self.notices: list[tuple[str, str]] = []  # (url, message): said once per run
        self._noticed: set[tuple[str, str]] = set()
        self.wall = time.time  # wall-clock time, for Retry-After dates and the robots.txt cache
        # time the run has spent: the clock's, or its waits and requests (a FakeClock only moves
        # when waited on), whichever is more
        self._clock0 = self.clock.now()
        self.waited = 0.0
        self.busy = 0.0
        self._bad_since: float | None = None  # when the current streak of failures began
        self._costly_cost = 0.0  # what the last attempt that cost a timeout or deadline took

    # ------------------------------------------------------------ politeness
    def _host(self, url: str) -> str:
        return urlsplit(url).netloc

    def _wait_turn(self, url: str) -> None:
        host = self._host(url)
        delay = self.delay_for(url)
        last = self.last_request.get(host)
        if last is not None and delay > 0:
            wait = last + delay - self.clock.now()
            if wait > 0:
                if self.elapsed() + wait > self.p.run_deadline:  # a Crawl-delay of hours
                    self._check_deadline(url, self.elapsed() + wait)
                self._sleep(wait)
        self.last_request[host] = self.clock.now()

    def _sleep(self, seconds: float) -> None:
        if seconds > 0:
            self.waited += seconds
            self.clock.sleep(seconds)

    def elapsed(self) -> float:
        """Seconds the run has spent so far: the clock's, or its waits and requests."""
        return max(self.clock.now() - self._clock0, self.waited + self.busy)

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
        try:
            return self._send_timed(url, headers, params, started)
        finally:
            self.busy += max(0.0, self.timer() - started)

    def _send_timed(self, url: str, headers: dict, params: dict | None, started: float) -> requests.Response:
        too_slow = TooSlow(url, f"the page was still arriving after the {self.p.deadline:g} s deadline "
                           "(cut off)", kind="slow")  # fmt: skip
        with Watchdog(self.p.deadline) as dog:
            try:
                resp = self._send_body(url, headers, params, started)
            except (requests.RequestException, urllib3.exceptions.HTTPError, OSError):
                if dog.fired:
                    raise too_slow from None
                raise
        if dog.fired:  # cut off at the deadline: what arrived is not the whole page
            raise too_slow
        return resp

    def _send_body(self, url: str, headers: dict, params: dict | None, started: float) -> requests.Response:
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
        """Retries allowed for a failure of this kind: an attempt that cost a whole timeout or
        deadline, or a connection that cannot be made, gets at most one; while the site keeps
        failing, every URL gets at most one (none for those)."""
        if kind in ("connect", "slow", "timeout"):
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
            if cannot_connect(exc):
                return None, "connect", f"cannot connect ({short_reason(exc)})", None
            return None, "dropped", f"connection lost ({short_reason(exc)})", None
        except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                requests.exceptions.InvalidSchema) as exc:  # fmt: skip
            raise FetchError(url, f"not a web address that can be fetched ({short_reason(exc)})", kind="url") from None
        except requests.RequestException as exc:
            return None, "other", f"request failed ({short_reason(exc)})", None
        extra = retry_when(resp) if retry_when is not None else None
        if resp.status_code not in self.RETRY_STATUS and extra is None:
            return resp, "", "", None
        wait = retry_after(resp.headers.get("retry-after"), self.wall())
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
        allowed = self.allowed(url)  # robots.txt first: one that cannot be read stops the run
        if self.breaker.tripped:
            raise CircuitOpen(url, self.breaker.message(), kind="breaker")
        if not allowed:
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
            self._check_deadline(url)
            self._wait_turn(url)
            self._check_streak(url)
            began = self.elapsed()
            resp, kind, error, wait = self._attempt(url, headers, params, retry_when)
            if resp is not None:
                self.breaker.success()
                self._bad_since = None
                return self._finish(url, resp, prior)
            if self._bad_since is None:
                self._bad_since = began
            if kind in ("slow", "timeout") or error.startswith("cannot connect (no answer"):
                self.breaker.costly_attempt(f"{url}: {error}")
                self._costly_cost = self.elapsed() - began
            asked = wait
            if kind in ("connect", "slow", "timeout"):
                wait = min(self.p.backoff, self.QUICK_RETRY)
            elif wait is None:
                wait = self.p.backoff * (2**attempt)
            if asked is not None and asked > self.p.max_backoff:
                self._come_back_later(url, error, asked)
            wait = min(wait, self.p.max_backoff)
            too_long = self.elapsed() + wait - self._bad_since > self.p.stop_after_seconds
            if attempt >= self._retries(kind) or self.breaker.tripped or too_long:
                self._record_failure(url, error)
                self.breaker.failure(kind, f"{url}: {error}")
                if too_long:
                    self.breaker.stop("slow-night", (
                        f"stopped: requests kept failing for {self.elapsed() - self._bad_since:.0f} s "
                        f"(stop_after_seconds = {self.p.stop_after_seconds:g}); last: {url}: {error}"
                    ))  # fmt: skip
                raise FetchError(url, f"{error}; gave up after {attempt + 1} attempts", kind=kind)
            log.info("%s: %s; retrying in %.1f s", url, error, wait)
            self._sleep(wait)
            attempt += 1

    def _check_streak(self, url: str) -> None:
        """While attempts keep costing a whole timeout or deadline, one more that would take the
        streak past ``stop_after_seconds`` is not made: the run stops fetching."""
        if self._bad_since is None or not self.breaker.costly or self.breaker.tripped:
            return
        lasted = self.elapsed() - self._bad_since
        if lasted + self._costly_cost <= self.p.stop_after_seconds:
            return
        self.breaker.stop("slow-night", (
            f"stopped: requests kept failing for {lasted:.0f} s, and the next would take it past "
            f"{self.p.stop_after_seconds:g} s (stop_after_seconds); last: {self.breaker.last}"
        ))  # fmt: skip
        raise CircuitOpen(url, self.breaker.message(), kind="breaker")

    def _check_deadline(self, url: str, at: float | None = None) -> None:
        """The run's own deadline: past it, fetching stops (CircuitOpen), nothing is lost."""
        if (self.elapsed() if at is None else at) <= self.p.run_deadline:
            return
        self.breaker.stop("deadline", (
            f"the run reached its time limit (run_deadline = {self.p.run_deadline:g} s, "
            f"{vn_duration(self.p.run_deadline)}): it stops fetching here; what it did not read is "
            "kept as pending and read on the next run"
        ))  # fmt: skip
        raise CircuitOpen(url, self.breaker.message(), kind="breaker")

    def _come_back_later(self, url: str, error: str, seconds: float) -> None:
        """The site asks for a wait longer than the run may wait: the run ends at once."""
        self._record_failure(url, error)
        when = datetime.fromtimestamp(self.wall() + seconds, LOCAL).strftime("%H:%M %d/%m/%Y")
        self.breaker.stop("later", (
            f"trang web yêu cầu quay lại sau {vn_duration(seconds)} (đến khoảng {when}; {error}, "
            f"Retry-After tại {url}), lâu hơn thời gian chờ tối đa {self.p.max_backoff:g} giây "
            "(max_backoff): đêm nay dừng tải, các trang chưa đọc được giữ lại và đọc ở lần chạy sau"
        ))  # fmt: skip
        log.warning("%s", self.breaker.reason)
        raise CircuitOpen(url, self.breaker.message(), kind="breaker")

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
