"""The quota definitions (``config/quotas.toml``) as validated data.

A target names what counts (``count``, ``keywords``), where (``scope``, ``channel``, ``unit``),
over which periods (``period``, ``windows``, ``applies_from``/``applies_to``, a deadline) and
how many (``values``, keyed by period). Each concrete (target, period) pair is an *instance*;
:func:`instances` lists them and :func:`load_quotas` refuses a file where one lacks a value or a
window lacks its dates, naming the file, the entry and the key.

Values: an integer (``100``), a range whose lower bound is the target and upper bound the stretch
(``"1-2"``, ``"5-10"``), or a share of the units that exist (``"100%"``, scope ``units`` only).
Value keys, most specific first: the period's own key (``"2025-05"``, ``"2025-Q3"``), its year
(``"2025"``), then ``"default"``. For a yearly target, a quarter key (``"2024-Q4"``) makes that
quarter a period of its own instead of the year (the plan's Q4 2024 for B.IV.3).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from pydantic import Field, field_validator, model_validator

from collectors.profile import Strict
from pipeline.settings import Config, ConfigError
from quotas.periods import (
    Period,
    month_period,
    quarter_period,
    window_period,
    year_period,
)

SCOPES = ("site", "website", "facebook", "unit", "units", "contributor")
COUNTS = ("news", "article", "video", "with_video", "items", "bulletin", "contest")
_VALUE_KEY = re.compile(r"^(default|\d{4}|\d{4}-Q[1-4]|\d{4}-\d{2})$")
_RANGE = re.compile(r"^\s*(\d+)\s*[-–]\s*(\d+)\s*$")
_PERCENT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%\s*$")
_MONTH_KEY = re.compile(r"^(\d{4})-(\d{2})$")
_MD = re.compile(r"^(\d{2})-(\d{2})$")


@dataclass(frozen=True)
class Amount:
    """A parsed value: a count target (with an optional stretch) or a percent of units."""

    target: int | None = None
    stretch: int | None = None
    percent: float | None = None
    text: str = ""

    def resolve(self, units_existing: int | None) -> tuple[int, int | None, str]:
        """(target, stretch, note) once the number of existing units is known."""
        if self.percent is not None:
            n = units_existing or 0
            return math.ceil(self.percent * n / 100 - 1e-9), None, ""
        assert self.target is not None
        if units_existing is not None and self.target > units_existing:
            note = (
                f"Chỉ tiêu {self.target} đơn vị lớn hơn số đơn vị tồn tại trong kỳ "
                f"({units_existing}): tính là 100% = {units_existing} đơn vị."
            )
            stretch = None if self.stretch is None else min(self.stretch, units_existing)
            return units_existing, stretch, note
        return self.target, self.stretch, ""


def parse_amount(value: int | str) -> Amount:
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a count")
    if isinstance(value, int):
        if value < 0:
            raise ValueError(f"{value} is negative")
        return Amount(target=value, text=str(value))
    if m := _RANGE.match(value):
        lo, hi = int(m[1]), int(m[2])
        if hi < lo:
            raise ValueError(f"range {value!r}: the stretch is below the target")
        return Amount(target=lo, stretch=hi, text=f"{lo}-{hi}")
    if m := _PERCENT.match(value):
        pct = float(m[1])
        if not 0 < pct <= 100:
            raise ValueError(f"{value!r}: a percent must be in (0, 100]")
        return Amount(percent=pct, text=f"{m[1]}%")
    if value.strip().isdigit():
        return Amount(target=int(value), text=value.strip())
    raise ValueError(f"{value!r} is not a count, a range such as '1-2' or a percent such as '100%'")


def _month_start(key: str) -> date:
    m = _MONTH_KEY.match(key)
    if not m or not 1 <= int(m[2]) <= 12:
        raise ValueError(f"{key!r} is not a month (YYYY-MM)")
    return date(int(m[1]), int(m[2]), 1)


class DateRange(Strict):
    start: date
    end: date

    @model_validator(mode="after")
    def _order(self) -> DateRange:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


class Window(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str
    dates: dict[int, DateRange] = Field(default_factory=dict)


class Target(Strict):
    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    name: str
    description: str = ""
    enabled: bool = True
    period: Literal["month", "quarter", "year", "window"]
    windows: list[str] = Field(default_factory=list)
    scope: Literal["site", "website", "facebook", "unit", "units", "contributor"]
    channel: Literal["all", "website", "facebook"] | None = None
    unit: str = ""
    include_unattributed: bool = False
    count: Literal["news", "article", "video", "with_video", "items", "bulletin", "contest"]
    keywords: list[str] = Field(default_factory=list)
    values: dict[str, int | str] = Field(default_factory=dict)
    applies_from: str = "2024-10"
    applies_to: str = "2028-12"
    deadline_day: int | None = Field(None, ge=1, le=31)
    deadline: str = ""  # MM-DD inside the year, for yearly targets

    @field_validator("values")
    @classmethod
    def _values(cls, v: dict) -> dict:
        for key, raw in v.items():
            if not _VALUE_KEY.match(key):
                raise ValueError(
                    f"key {key!r}: use 'default', a year (2025), a quarter (2025-Q3) "
                    "or a month (2025-05)"
                )
            try:
                parse_amount(raw)
            except ValueError as exc:
                raise ValueError(f"key {key!r}: {exc}") from None
        return v

    @model_validator(mode="after")
    def _check(self) -> Target:
        for key in ("applies_from", "applies_to"):
            try:
                _month_start(getattr(self, key))
            except ValueError as exc:
                raise ValueError(f"{key}: {exc}") from None
        if self.applies_to < self.applies_from:
            raise ValueError(
                f"applies_to {self.applies_to} is before applies_from {self.applies_from}"
            )
        if self.period == "window" and not self.windows:
            raise ValueError("windows: a target with period = 'window' names at least one window")
        if self.period != "window" and self.windows:
            raise ValueError(
                f"windows: only a target with period = 'window' has windows (period is {self.period!r})"
            )
        if self.scope == "unit" and not self.unit:
            raise ValueError("unit: scope 'unit' needs the unit id")
        if self.scope != "unit" and self.unit:
            raise ValueError(f"unit: only scope 'unit' takes a unit (scope is {self.scope!r})")
        if self.scope in ("site", "website", "facebook") and self.channel is not None:
            raise ValueError(f"channel: scope {self.scope!r} is already a channel")
        if self.scope == "contributor":
            if self.values:
                raise ValueError("values: contributor targets come from contributors.toml")
            if self.period != "month":
                raise ValueError("period: personal targets are monthly")
        elif not self.values:
            raise ValueError("values: a target needs at least one value")
        if self.scope != "units":
            for key, raw in self.values.items():
                if parse_amount(raw).percent is not None:
                    raise ValueError(f"values.{key}: a percent needs scope 'units'")
        if self.deadline_day is not None and self.period != "month":
            raise ValueError("deadline_day: only monthly targets have a day-of-month deadline")
        if self.deadline:
            if self.period != "year":
                raise ValueError("deadline: only yearly targets have a MM-DD deadline")
            m = _MD.match(self.deadline)
            try:
                date(2024, int(m[1]), int(m[2])) if m else None
            except ValueError:
                m = None
            if not m:
                raise ValueError(f"deadline: {self.deadline!r} is not a day of the year (MM-DD)")
        return self

    # ------------------------------------------------------------ derived
    @property
    def first_day(self) -> date:
        return _month_start(self.applies_from)

    @property
    def last_day(self) -> date:
        return month_period(*_ym(self.applies_to)).end

    @property
    def channel_filter(self) -> str:
        """'website', 'facebook' or 'all'."""
        if self.scope in ("website", "facebook"):
            return self.scope
        if self.scope == "site":
            return "all"
        if self.channel:
            return self.channel
        return "website" if self.scope == "contributor" else "all"

    def due(self, period: Period) -> date:
        """The last day that counts: the period's end, or its deadline inside the period."""
        if self.deadline_day and period.kind == "month":
            return min(period.end, period.start.replace(day=min(self.deadline_day, period.end.day)))
        if self.deadline and period.kind == "year":
            mm, dd = (int(x) for x in self.deadline.split("-"))
            return min(period.end, date(period.start.year, mm, dd))
        return period.end

    def amount_for(self, period: Period) -> Amount | None:
        for key in (period.key, str(period.year), "default"):
            if key in self.values:
                return parse_amount(self.values[key])
        return None


def _ym(key: str) -> tuple[int, int]:
    d = _month_start(key)
    return d.year, d.month


class QuotasFile(Strict):
    windows: list[Window] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique(self) -> QuotasFile:
        for what, ids in (
            ("window", [w.id for w in self.windows]),
            ("target", [t.id for t in self.targets]),
        ):
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            if dupes:
                raise ValueError(f"duplicate {what} ids: {', '.join(dupes)}")
        return self

    def window(self, wid: str) -> Window | None:
        return next((w for w in self.windows if w.id == wid), None)

    def target(self, tid: str) -> Target | None:
        return next((t for t in self.targets if t.id == tid), None)


# ---------------------------------------------------------------- instances
def instances(target: Target, quotas: QuotasFile) -> list[Period]:
    """Every period this target is measured over, in date order (no value check)."""
    first, last = target.first_day, target.last_day
    out: list[Period] = []
    if target.period == "window":
        for y in range(first.year, last.year + 1):
            for wid in target.windows:
                w = quotas.window(wid)
                if w is None or y not in w.dates:
                    continue
                d = w.dates[y]
                p = window_period(w.id, w.name, y, d.start, d.end)
                if p.end >= first and p.start <= last:
                    out.append(p)
        return sorted(out, key=lambda p: (p.start, p.key))
    for y in range(first.year, last.year + 1):
        if target.period == "year":
            quarter_keys = sorted(k for k in target.values if k.startswith(f"{y}-Q"))
            if quarter_keys:
                out += [quarter_period(y, int(k[-1])) for k in quarter_keys]
            else:
                out.append(year_period(y))
        elif target.period == "quarter":
            out += [quarter_period(y, q) for q in range(1, 5)]
        else:
            out += [month_period(y, m) for m in range(1, 13)]
    return [p for p in out if p.end >= first and p.start <= last]


def load_quotas(config: Config) -> QuotasFile:
    """The validated quotas file, cross-checked against the unit registry and the windows
    (checked once per quotas file and set of units: the check is kept on the config)."""
    quotas: QuotasFile = config.section("quotas", QuotasFile)
    unit_ids = {u.id for u in config.units}
    checked = config.extra.get("quotas_checked")
    if checked is not None and checked[0] is quotas and checked[1] == unit_ids:
        return quotas
    _check(config, quotas, unit_ids)
    config.extra["quotas_checked"] = (quotas, unit_ids)
    return quotas


def _check(config: Config, quotas: QuotasFile, unit_ids: set[str]) -> None:
    label = config.label("quotas")
    windex = {w.id: i for i, w in enumerate(quotas.windows)}
    for i, t in enumerate(quotas.targets):
        where = f"{label}: targets[{i}] (id={t.id})"
        if t.scope == "unit" and t.unit not in unit_ids:
            raise ConfigError(f"{where}.unit: {t.unit!r} is not a unit id in units.toml")
        for wid in t.windows:
            if wid not in windex:
                raise ConfigError(f"{where}.windows: {wid!r} is not a window id in this file")
        if t.period == "window":
            for y in range(t.first_day.year, t.last_day.year + 1):
                for wid in t.windows:
                    if y not in quotas.windows[windex[wid]].dates:
                        raise ConfigError(
                            f"{label}: windows[{windex[wid]}] (id={wid}).dates: no dates for "
                            f"{y}, needed by targets[{i}] (id={t.id}) (applies "
                            f"{t.applies_from} to {t.applies_to})"
                        )
        if t.scope == "contributor":
            continue
        for p in instances(t, quotas):
            if t.amount_for(p) is None:
                year_key = str(p.year)
                raise ConfigError(
                    f"{where}.values: no value for {p.key} (add {p.key!r}, {year_key!r} or "
                    f"'default', or narrow applies_from/applies_to)"
                )
