"""Plan items with no content to count, tracked by hand in ``config/manual.toml``.

Equipment, the studio, union rooms, training classes, reviews: each has an owner, a deadline and
a status that a person edits. Evaluated as of a date: ``done`` (status done), ``overdue``
(deadline passed), ``due`` (deadline within the horizon, 90 days by default) or ``not_due``.
A deadline is a date (2025-11-30) or a period: "2027-Q2", "2025-12", "2025" (its last day).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any, Literal

from pydantic import Field, field_validator

from collectors.profile import Strict
from pipeline.settings import Config
from quotas.periods import fmt_date, parse_period, today_local

STATES = ("done", "overdue", "due", "not_due")
STATE_VI = {
    "done": "Đã hoàn thành",
    "overdue": "Quá hạn",
    "due": "Đến hạn",
    "not_due": "Chưa đến hạn",
}
RECORDED_VI = {"todo": "Chưa thực hiện", "in_progress": "Đang thực hiện", "done": "Đã xong"}
HORIZON_DAYS = 90


class ManualItem(Strict):
    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    plan_ref: str = ""  # the plan's item, e.g. "B.IV.7"
    name: str
    owner: str = ""
    deadline: date | str
    status: Literal["todo", "in_progress", "done"] = "todo"
    done_on: date | None = None
    note: str = ""

    @field_validator("deadline")
    @classmethod
    def _deadline(cls, v: date | str) -> date | str:
        if isinstance(v, str):
            try:
                parse_period(v)
            except ValueError as exc:
                raise ValueError(
                    f"{exc}; use a date (2025-12-31) or YYYY-QN, YYYY-MM, YYYY"
                ) from None
        return v

    @property
    def deadline_date(self) -> date:
        return self.deadline if isinstance(self.deadline, date) else parse_period(self.deadline).end

    @property
    def deadline_label(self) -> str:
        if isinstance(self.deadline, date):
            return fmt_date(self.deadline)
        return parse_period(self.deadline).label_vi


class ManualFile(Strict):
    items: list[ManualItem] = Field(default_factory=list)


@dataclass
class ManualResult:
    id: str
    plan_ref: str
    name: str
    owner: str
    deadline: date
    deadline_label: str
    recorded: str  # the status a person set: todo | in_progress | done
    state: str  # done | overdue | due | not_due
    state_vi: str
    done_on: date | None
    note: str

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["deadline"] = self.deadline.isoformat()
        d["done_on"] = self.done_on.isoformat() if self.done_on else None
        return d


def load_manual(config: Config) -> ManualFile:
    return config.section("manual", ManualFile)


def state_of(item: ManualItem, as_of: date, horizon_days: int = HORIZON_DAYS) -> str:
    if item.status == "done":
        return "done"
    deadline = item.deadline_date
    if deadline < as_of:
        return "overdue"
    if deadline <= as_of + timedelta(days=horizon_days):
        return "due"
    return "not_due"


def evaluate_manual(
    config: Config, as_of: date | None = None, *, horizon_days: int = HORIZON_DAYS
) -> list[ManualResult]:
    """Every manual item with its state as of ``as_of`` (default today), by deadline."""
    day = as_of or today_local()
    out = []
    for it in load_manual(config).items:
        state = state_of(it, day, horizon_days)
        out.append(
            ManualResult(
                id=it.id, plan_ref=it.plan_ref, name=it.name, owner=it.owner,
                deadline=it.deadline_date, deadline_label=it.deadline_label, recorded=it.status,
                state=state, state_vi=STATE_VI[state], done_on=it.done_on, note=it.note,
            )
        )  # fmt: skip
    return sorted(out, key=lambda r: (r.deadline, r.id))


def month_manual(config: Config, month: str, *, as_of: date | None = None) -> list[dict]:
    """Manual items a month-end report shows: due or overdue at the end of ``month`` (or
    ``as_of`` when earlier), plus those done whose deadline or completion falls in the month."""
    period = parse_period(month)
    day = min(as_of or today_local(), period.end)
    out = []
    for r in evaluate_manual(config, day):
        in_month = period.contains(r.deadline) or (r.done_on and period.contains(r.done_on))
        if r.state in ("due", "overdue") or (r.state == "done" and in_month):
            out.append(r.to_dict())
    return out
