"""robots.txt for the HTTP seam, as RFC 9309 says: 4xx means no rules; 5xx, 429 or no answer
means the whole site is disallowed for the run (the breaker stops it at once); a copy read in the
last 24 hours (kept in the fetch state) is used without asking again. The host's Crawl-delay
sets the delay between requests unless ``--delay`` overrides it."""

from __future__ import annotations

import logging
from urllib.parse import urljoin

import requests
from protego import Protego

from collectors.breaker import KINDS
from collectors.charset import decode
from collectors.fetch_errors import FetchError, TooSlow, cannot_connect, short_reason

log = logging.getLogger("cdht.http")

KINDS_CONNECT = KINDS["connect"]
ROBOTS_CACHE_SECONDS = 24 * 3600  # RFC 9309 §2.4: a cached robots.txt is used for up to 24 h
KV_ROBOTS = "robots.txt:"  # + host: {"fetched": epoch seconds, "status": n, "text": body}
_DISALLOW_ALL = Protego.parse("User-agent: *\nDisallow: /\n")


class RobotsMixin:
    """The robots.txt part of :class:`collectors.http.HttpClient` (which gives ``p``, ``state``,
    ``breaker``, ``wall``, ``_send`` and ``_sleep``)."""

    def robots_for(self, url: str) -> Protego | None:
        """The host's robots.txt rules (None: no rules). A robots.txt that cannot be read (5xx,
        429, no answer) disallows the whole site and stops the run's fetching (RFC 9309)."""
        host = self._host(url)
        if host not in self.robots:
            self.robots[host] = self._read_robots(url, host)
        return self.robots[host]

    def _read_robots(self, url: str, host: str) -> Protego | None:
        robots_url = urljoin(url, "/robots.txt")
        cached = self._cached_robots(host)
        if cached is not None:
            status, text = cached
            log.debug("robots.txt of %s from the copy read in the last 24 h", host)
            return Protego.parse(text) if status == 200 else None
        status, text, trouble = None, "", ""
        for attempt in range(2):  # one quick retry for an error that costs little
            try:
                resp = self._send(robots_url, {}, count=False)
            except TooSlow as exc:
                trouble, kind = exc.reason, "slow"
            except requests.Timeout:
                trouble, kind = f"no answer within {self.p.timeout:g} s", "timeout"
            except requests.ConnectionError as exc:
                kind = "connect" if cannot_connect(exc) else "dropped"
                trouble = f"cannot connect ({short_reason(exc)})" if kind == "connect" else f"connection lost ({short_reason(exc)})"
            except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                    requests.exceptions.InvalidSchema):  # fmt: skip
                return None  # not an address: the request itself says so
            except requests.TooManyRedirects:
                status, trouble = 404, ""  # RFC 9309 §2.3.1.2: more than five redirects, unavailable
                break
            except (requests.RequestException, FetchError) as exc:
                trouble, kind = short_reason(exc), "other"
            else:
                if resp.status_code >= 500 or resp.status_code == 429:
                    trouble, kind = f"HTTP {resp.status_code}", "server"
                else:
                    status, trouble = resp.status_code, ""
                    if status == 200:
                        text = decode(resp.content, resp.headers.get("content-type", ""))
                    break
            if kind in ("slow", "timeout") or attempt or self.p.retries == 0:
                break
            self._sleep(min(self.p.backoff, self.QUICK_RETRY))
        if trouble:
            self.robots_unreadable(robots_url, trouble, kind)
            return _DISALLOW_ALL
        self._remember_robots(host, status, text)
        return Protego.parse(text) if status == 200 else None  # 4xx (or 3xx left): no rules

    def robots_unreadable(self, robots_url: str, trouble: str, kind: str) -> None:
        if not self.p.respect_robots:
            log.warning("robots.txt at %s could not be read (%s); respect_robots is off", robots_url, trouble)
            return
        if kind == "connect":  # the site is not there at all: the usual "could not be reached"
            self.breaker.stop("connect", f"robots.txt could not be fetched ({trouble}): "
                              f"{KINDS_CONNECT}; last: {robots_url}: {trouble}")  # fmt: skip
            return
        self.breaker.stop("robots", (
            f"không đọc được robots.txt của trang web ({robots_url}: {trouble}); theo RFC 9309, khi "
            "robots.txt báo lỗi máy chủ hoặc không trả lời, cả trang web coi như cấm thu thập: đêm "
            "nay không tải trang nào, lần chạy sau thử lại (robots.txt unreachable: the whole site is "
            "disallowed for this run)"
        ))  # fmt: skip
        log.warning("%s", self.breaker.reason)

    def _cached_robots(self, host: str) -> tuple[int, str] | None:
        get_kv = getattr(self.state, "get_kv", None)
        if get_kv is None or not self.p.respect_robots:
            return None
        entry = get_kv(KV_ROBOTS + host)
        if not isinstance(entry, dict):
            return None
        age = self.wall() - float(entry.get("fetched", 0))
        if not 0 <= age < ROBOTS_CACHE_SECONDS:
            return None
        return int(entry.get("status", 0)), str(entry.get("text", ""))

    def _remember_robots(self, host: str, status: int | None, text: str) -> None:
        set_kv = getattr(self.state, "set_kv", None)
        if set_kv is not None and status is not None:
            set_kv(KV_ROBOTS + host, {"fetched": self.wall(), "status": status, "text": text[:500_000]})

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
