"""Periods a quota is measured over: months, quarters, years and dated event windows.

All boundaries are local dates (Asia/Ho_Chi_Minh), inclusive at both ends. A period's ``key``
is what the month-report JSON shows ("2025-05", "2025-Q2", "2025", "2025-tet"); ``label_vi``
is what a person reads ("Tháng 5/2025", "Quý 2/2025", "Năm 2025", "Tết Sum vầy 2025").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from collectors.dates import LOCAL

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")


@dataclass(frozen=True)
class Period:
    kind: str  # month | quarter | year | window
    start: date
    end: date
    key: str
    label_vi: str
    window: str = ""  # the window id, for kind == "window"

    @property
    def year(self) -> int:
        """The year the period belongs to (a window's configured year, else its start's)."""
        if self.kind == "window":
            return int(self.key.split("-", 1)[0])
        return self.start.year

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def months(self) -> list[Period]:
        """The calendar months this period touches."""
        out, y, m = [], self.start.year, self.start.month
        while (y, m) <= (self.end.year, self.end.month):
            out.append(month_period(y, m))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out


def _month_end(year: int, month: int) -> date:
    nxt = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return nxt - timedelta(days=1)


@functools.lru_cache(maxsize=2048)
def month_period(year: int, month: int) -> Period:
    if not 1 <= month <= 12:
        raise ValueError(f"month {month} is not 1-12")
    return Period(
        "month", date(year, month, 1), _month_end(year, month), f"{year:04d}-{month:02d}",
        f"Tháng {month}/{year}",
    )  # fmt: skip


@functools.lru_cache(maxsize=2048)
def quarter_period(year: int, quarter: int) -> Period:
    if not 1 <= quarter <= 4:
        raise ValueError(f"quarter {quarter} is not 1-4")
    first = 3 * quarter - 2
    return Period(
        "quarter", date(year, first, 1), _month_end(year, first + 2), f"{year:04d}-Q{quarter}",
        f"Quý {quarter}/{year}",
    )  # fmt: skip


@functools.lru_cache(maxsize=2048)
def year_period(year: int) -> Period:
    return Period("year", date(year, 1, 1), date(year, 12, 31), f"{year:04d}", f"Năm {year}")


def window_period(window_id: str, name_vi: str, year: int, start: date, end: date) -> Period:
    if end < start:
        raise ValueError(f"window {window_id} {year}: ends {end} before it starts {start}")
    return Period("window", start, end, f"{year:04d}-{window_id}", f"{name_vi} {year}", window_id)


def parse_period(text: str) -> Period:
    """ "2025-05" (month), "2025-Q2" (quarter) or "2025" (year)."""
    s = (text or "").strip()
    try:
        if m := _MONTH.match(s):
            return month_period(int(m[1]), int(m[2]))
        if m := _QUARTER.match(s):
            return quarter_period(int(m[1]), int(m[2]))
        if m := _YEAR.match(s):
            return year_period(int(m[1]))
    except ValueError as exc:
        raise ValueError(f"{text!r}: {exc}") from None
    raise ValueError(f"{text!r} is not a period (YYYY-MM, YYYY-QN or YYYY)")


def quarter_of(day: date) -> Period:
    return quarter_period(day.year, (day.month - 1) // 3 + 1)


def today_local() -> date:
    return datetime.now(LOCAL).date()


def fmt_date(day: date | None) -> str:
    """dd/mm/yyyy, as people read dates."""
    return day.strftime("%d/%m/%Y") if day else ""
