"""What a fetch that failed says: the errors every collector catches, and the short reasons
read out of requests' exceptions."""

from __future__ import annotations

import re

import requests
import urllib3


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
    """The run stopped fetching: too many requests in a row failed the same way (or the site
    asked to come back later, its robots.txt could not be read, the run's time ran out)."""


def short_reason(exc: Exception) -> str:
    text = str(exc)
    m = re.search(r"\] ([^'\]]+)'?\)*$", text)
    return (m.group(1).rstrip("'\")") if m else text)[:160]


def cannot_connect(exc: requests.ConnectionError) -> bool:
    """The connection could not be made at all (refused, unknown host), as opposed to one
    that was made and then lost."""
    reason = getattr(exc.args[0] if exc.args else None, "reason", None)
    if isinstance(reason, urllib3.exceptions.NewConnectionError):
        return True
    return isinstance(reason, ConnectionRefusedError) or "Connection refused" in str(exc)
