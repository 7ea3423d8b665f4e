"""A circuit breaker for one run: stop fetching once the site keeps failing the same way.

Each URL that fails for good (after its retries) counts one failure of its kind; any answer
from the server (a page, a 304, a 404) resets the counts. After ``limit`` failures of one kind
in a row the breaker trips and the run stops fetching: a site that is down, or that answers 500
to every page, costs a bounded number of requests instead of hours of retries. While a streak
lasts, each further URL is tried with at most one retry (the retries are for passing trouble,
not for a site that is failing).

Failures that each cost a whole timeout or deadline (a server that accepts and never answers,
hangs before its headers, or drips its body) are counted per attempt, whatever their kind, and
trip it after ``slow_limit`` in a row. Some answers end the run at once (:meth:`stop`): a
``Retry-After`` longer than the run may wait, a robots.txt that cannot be read, the run's own
deadline, a streak of failures that has lasted too long.
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
    def __init__(self, limit: int, slow_limit: int | None = None):
        self.limit = limit
        self.slow_limit = slow_limit or limit
        self.streaks: dict[str, int] = {}
        self.costly = 0  # attempts in a row that each cost a timeout or deadline
        self.tripped: str | None = None  # the kind that tripped it
        self.last = ""  # the last failure, URL and reason
        self.reason = ""  # why it was stopped at once (stop)

    @property
    def failing(self) -> bool:
        """A streak of failures is under way (the last URL failed)."""
        return bool(self.streaks)

    def success(self) -> None:
        self.streaks.clear()
        self.costly = 0

    def costly_attempt(self, what: str) -> None:
        """One attempt cost a whole timeout or deadline."""
        self.last = what
        self.costly += 1
        if self.tripped is None and self.costly >= self.slow_limit:
            self.tripped = "costly"

    def failure(self, kind: str, what: str) -> None:
        self.last = what
        self.streaks[kind] = self.streaks.get(kind, 0) + 1
        if self.tripped is None and self.streaks[kind] >= self.limit:
            self.tripped = kind

    def stop(self, kind: str, reason: str) -> None:
        """End the run's fetching at once, for ``reason`` (said as it is)."""
        if self.tripped is None:
            self.tripped, self.reason = kind, reason

    def message(self) -> str:
        """Why fetching stopped, for the run's message."""
        if self.tripped is None:
            return ""
        if self.reason:
            return self.reason
        if self.tripped == "costly":
            return (f"stopped after {self.costly} requests in a row that each cost a whole timeout or "
                    f"deadline (the server accepts but does not answer, or sends too slowly); last: {self.last}")  # fmt: skip
        n = self.streaks.get(self.tripped, self.limit)
        return f"stopped after {n} failed requests in a row: {KINDS.get(self.tripped, self.tripped)}; last: {self.last}"
