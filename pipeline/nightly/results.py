"""What a night and each of its steps did."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from collectors.dates import LOCAL
from pipeline.nightly.settings import parse_at

log = logging.getLogger("cdht.nightly")


@dataclass
class StepResult:
    name: str  # collect, facebook, reports, mail
    outcome: str  # ok, partial, failed, skipped, interrupted
    message: str = ""
    new: int = 0
    updated: int = 0
    requests: int = 0
    errors: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    @property
    def worked(self) -> bool:
        return self.outcome in ("ok", "partial")


@dataclass
class NightResult:
    run_id: int
    command: str
    steps: list[StepResult]
    outcome: str
    interrupted: bool = False

    @property
    def failed_steps(self) -> list[StepResult]:
        return [s for s in self.steps if s.outcome == "failed"]

    @property
    def exit_code(self) -> int:
        """0 ok or partial without a failed step; 1 a step failed (interruption: see CLI)."""
        return 1 if self.failed_steps or self.outcome == "failed" else 0

    def step(self, name: str) -> StepResult | None:
        return next((s for s in self.steps if s.name == name), None)

    def summary(self) -> str:
        return "; ".join(
            f"{s.name}: {s.outcome}" + (f" ({s.message})" if s.message else "") for s in self.steps
        )


def night_outcome(steps: list[StepResult], interrupted: bool) -> str:
    if interrupted:
        return "interrupted"
    failed = [s for s in steps if s.outcome == "failed"]
    worked = [s for s in steps if s.worked]
    if failed:
        return "partial" if worked else "failed"
    return "partial" if any(s.outcome == "partial" for s in steps) else "ok"


def local_today(now: datetime | None = None) -> date:
    return (now or datetime.now(UTC)).astimezone(LOCAL).date()


def previous_month(day: date) -> str:
    first = day.replace(day=1)
    return (first - timedelta(days=1)).strftime("%Y-%m")


def next_run_time(at: str, tz: str = "Asia/Ho_Chi_Minh", now: datetime | None = None) -> datetime:
    """The next instant at local time ``at`` in ``tz`` strictly after ``now`` (aware)."""
    zone = ZoneInfo(tz)
    now = (now or datetime.now(UTC)).astimezone(zone)
    h, m = (int(x) for x in parse_at(at).split(":"))
    candidate = now.replace(hour=h, minute=m, second=0, microsecond=0)
    if candidate <= now:
        candidate = (candidate + timedelta(days=1)).replace(hour=h, minute=m)
    return candidate


