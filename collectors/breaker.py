"""A circuit breaker for one run: stop fetching once the site keeps failing the same way.

Each URL that fails for good (after its retries) counts one failure of its kind; any answer
from the server (a page, a 304, a 404) resets the counts. After ``limit`` failures of one kind
in a row the breaker trips and the run stops fetching: a site that is down, or that answers 500
to every page, costs a bounded number of requests instead of hours of retries. While a streak
lasts, each further URL is tried with at most one retry (the retries are for passing trouble,
not for a site that is failing).
"""

from __future__ import annotations

# failure kinds, as a person reads them
KINDS = {
    "connect": "the site could not be connected to (refused, unknown host or no answer)",
    "timeout": "the server did not answer in time",
    "slow": "pages arrived too slowly (still arriving at the deadline)",
    "server": "the server answered with an error (HTTP 5xx or 429)",
    "dropped": "the connection dropped before the page arrived",
    "other": "the request failed",
}


class Breaker:
    def __init__(self, limit: int):
        self.limit = limit
        self.streaks: dict[str, int] = {}
        self.tripped: str | None = None  # the kind that tripped it
        self.last = ""  # the last failure, URL and reason

    @property
    def failing(self) -> bool:
        """A streak of failures is under way (the last URL failed)."""
        return bool(self.streaks)

    def success(self) -> None:
        self.streaks.clear()

    def failure(self, kind: str, what: str) -> None:
        self.last = what
        self.streaks[kind] = self.streaks.get(kind, 0) + 1
        if self.tripped is None and self.streaks[kind] >= self.limit:
            self.tripped = kind

    def message(self) -> str:
        """Why fetching stopped, for the run's message."""
        if self.tripped is None:
            return ""
        n = self.streaks.get(self.tripped, self.limit)
        return f"stopped after {n} failed requests in a row: {KINDS.get(self.tripped, self.tripped)}; last: {self.last}"
