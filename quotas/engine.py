"""Evaluate the NQ 06 targets against the store.

For each enabled target and each of its periods that overlaps the period asked for, count the
items that match (kind, video, bulletin or contest flag, keywords) inside the scope (a channel,
a unit, the units, a contributor) between the period's first day and the earlier of its due day
(end or deadline) and the cut-off (``as_of``, never after the period asked for). Dates are local
(Asia/Ho_Chi_Minh): ``Store.items_between`` filters on ``local_date``.

Status: ``not_due`` before the period starts; ``met``/``not_met`` once its due day has passed;
while it runs, ``on_track`` when the actual, or the projection (actual / elapsed share of the
period), reaches the target, else ``at_risk``.

Counting rules worth knowing:
- Pending items (listed, page not fetched) count like any other; their kind defaults to news.
- Scope ``site`` counts both channels; a Facebook post that shares a website item counted in the
  same result (``linked_key``) is not counted again.
- Bulletins and contests count once per issue or contest (see :func:`quotas.matching.dedupe_key`).
- Scope ``units`` counts the units (not the federation) that exist on any day of the period and
  have at least one matching item attributed to them; a numeric target above the number of those
  units becomes 100% of them, with a note.
- Scope ``contributor`` gives one result per contributor and measure with a personal target in
  contributors.toml: id ``B.I.4:<contributor id>:<news|articles|videos>``.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from pipeline.settings import Config
from pipeline.store import Store
from quotas.matching import dedupe, dedupe_key, keyword_match, matcher, matches
from quotas.model import Amount, QuotasFile, Target, instances, load_quotas
from quotas.periods import Period, month_period, parse_period, today_local

STATUSES = ("met", "not_met", "on_track", "at_risk", "not_due")
MEASURES = {"news": "news", "articles": "article", "videos": "video"}
MEASURE_VI = {"news": "tin", "articles": "bài chuyên sâu", "videos": "video"}


@dataclass
class QuotaResult:
    id: str  # "B.I.2a", or "B.I.4:<contributor>:<measure>" for personal targets
    target_id: str
    name: str
    description: str
    period: str  # "2025-05", "2025-Q2", "2025", "2025-tet"
    period_label: str  # "Tháng 5/2025"
    period_kind: str
    start: date
    end: date
    due: date
    as_of: date  # the cut-off the numbers are counted to
    scope: str
    channel: str
    count: str
    target: int
    stretch: int | None
    target_configured: str  # as written in quotas.toml ("14", "1-2", "100%")
    actual: int
    projection: float | None
    status: str
    unit_scope: str | None = None  # unit id (scope unit), "units" (scope units), else None
    contributor: str | None = None
    measure: str | None = None
    items: list[dict] = field(default_factory=list)
    units_existing: list[str] | None = None
    units_counted: list[str] | None = None
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        # one level of copying: the fields hold plain values, lists and dicts of them (asdict's
        # deep copy of every item list cost a fifth of a month report)
        d = {f.name: getattr(self, f.name) for f in fields(self)}
        for k in ("items", "units_existing", "units_counted"):
            if d[k] is not None:
                d[k] = [dict(x) if isinstance(x, dict) else x for x in d[k]]
        for k in ("start", "end", "due", "as_of"):
            d[k] = d[k].isoformat()
        if self.units_existing is not None:
            d["units_missing"] = sorted(set(self.units_existing) - set(self.units_counted or []))
        return d


# ---------------------------------------------------------------- evaluation
def _item_ref(row: sqlite3.Row, **extra) -> dict:
    ref = {
        "source": row["source"],
        "key": row["key"],
        "url": row["url"],
        "title": row["title"],
        "date": row["local_date"],
        "unit": row["eff_unit"],
    }
    if row["status"] != "ok":
        ref["status"] = row["status"]
    ref.update(extra)
    return ref


# the columns of ``v_items`` the evaluation reads (matching, dedupe keys, item references)
ROW_COLUMNS = (
    "id", "source", "key", "url", "title", "lead", "raw", "local_date", "status",
    "linked_key", "is_repost", "is_bulletin", "is_contest", "media_type", "eff_kind", "eff_unit",
    "eff_with_video",
)  # fmt: skip


class _Ctx:
    """The store as the evaluation reads it: the rows of one span of days fetched once (the
    union of the windows to count), each window's rows taken from them."""

    def __init__(self, store: Store, config: Config, quotas: QuotasFile):
        self.store, self.config, self.quotas = store, config, quotas
        self._cache: dict[tuple, list[sqlite3.Row]] = {}
        self._span: tuple[str, str, list[sqlite3.Row]] | None = None

    def prefetch(self, windows: list[tuple[date, date]]) -> None:
        """Read every source's rows from the first day of ``windows`` to the last, once."""
        if windows:
            start = min(s for s, _ in windows).isoformat()
            end = max(e for _, e in windows).isoformat()
            rows = self.store.items_between(start, end, columns=ROW_COLUMNS)
            self._span = (start, end, rows)

    def rows(self, start: date, end: date, channel: str) -> list[sqlite3.Row]:
        key = (start, end, channel)
        if key not in self._cache:
            source = None if channel == "all" else channel
            s, e = start.isoformat(), end.isoformat()
            span = self._span
            if span is not None and span[0] <= s and e <= span[1]:
                # the span is in items_between's order; a window keeps it
                self._cache[key] = [
                    r for r in span[2]
                    if s <= r["local_date"] <= e and (source is None or r["source"] == source)
                ]  # fmt: skip
            else:
                self._cache[key] = self.store.items_between(s, e, source, columns=ROW_COLUMNS)
        return self._cache[key]


def _status(target: int, actual: int, projection: float | None, ended: bool) -> str:
    if ended:
        return "met" if actual >= target else "not_met"
    if actual >= target or (projection is not None and projection >= target):
        return "on_track"
    return "at_risk"


def _timing(p: Period, due: date, cutoff: date) -> tuple[str, date | None, float | None]:
    """('not_due' | 'ended' | 'running', last day counted, elapsed share)."""
    if cutoff < p.start:
        return "not_due", None, None
    if cutoff >= due:
        return "ended", due, 1.0
    return "running", cutoff, ((cutoff - p.start).days + 1) / ((due - p.start).days + 1)


def _result(
    t: Target, p: Period, due: date, cutoff: date, amount: Amount, actual: int,
    phase: str, share: float | None, n_units: int | None = None, **kw,
) -> QuotaResult:  # fmt: skip
    target, stretch, note = amount.resolve(n_units)
    projection = None
    if phase == "running" and share:
        projection = round(actual / share, 1)
    elif phase == "ended":
        projection = float(actual)
    status = (
        "not_due" if phase == "not_due" else _status(target, actual, projection, phase == "ended")
    )
    if t.deadline_day or t.deadline:
        note = " ".join(x for x in (note, f"Hạn: {due.strftime('%d/%m/%Y')}.") if x)
    return QuotaResult(
        id=kw.pop("id", t.id), target_id=t.id, name=kw.pop("name", t.name),
        description=t.description, period=p.key, period_label=p.label_vi, period_kind=p.kind,
        start=p.start, end=p.end, due=due, as_of=min(cutoff, due), scope=t.scope,
        channel=t.channel_filter, count=t.count, target=target, stretch=stretch,
        target_configured=kw.pop("configured", amount.text), actual=actual,
        projection=projection, status=status, note=note, **kw,
    )  # fmt: skip


def _window(t: Target, p: Period, cutoff: date) -> tuple[date, date] | None:
    """The days counted for ``t`` over ``p`` (none before the period starts)."""
    _phase, last, _share = _timing(p, t.due(p), cutoff)
    return (p.start, last) if last else None


def _evaluate_instance(ctx: _Ctx, t: Target, p: Period, cutoff: date) -> list[QuotaResult]:
    due = t.due(p)
    phase, last, share = _timing(p, due, cutoff)
    rows = ctx.rows(p.start, last, t.channel_filter) if last else []
    if t.scope == "contributor":
        return _contributors(ctx, t, p, due, cutoff, rows, phase, share)
    amount = t.amount_for(p)
    if amount is None:  # load_quotas refuses this; keep the engine total anyway
        return []
    test = matcher(t)
    hits = [r for r in rows if test(r)]
    if t.scope == "unit":
        hits = [
            r for r in hits
            if r["eff_unit"] == t.unit
            or (t.include_unattributed and r["eff_unit"] is None and not r["is_repost"])
        ]  # fmt: skip
    if t.scope == "units":
        existing = sorted(
            u.id for u in ctx.config.units
            if u.type != "federation" and u.exists_during(p.start, due)
        )  # fmt: skip
        exist_set = set(existing)
        hits = [r for r in hits if r["eff_unit"] in exist_set]
        counted = sorted({r["eff_unit"] for r in hits})
        return [
            _result(
                t, p, due, cutoff, amount, len(counted), phase, share, len(existing),
                unit_scope="units", items=[_item_ref(r) for r in hits],
                units_existing=existing, units_counted=counted,
            )
        ]  # fmt: skip
    if t.count in ("bulletin", "contest"):
        keys = dedupe(hits, t.count, p.year)
        items = [_item_ref(r, counts_as=keys[r["id"]]) for r in hits]
        actual = len(set(keys.values()))
    else:
        if t.channel_filter == "all":
            web = {r["key"] for r in hits if r["source"] == "website"}
            hits = [r for r in hits if not (r["source"] == "facebook" and r["linked_key"] in web)]
        items = [_item_ref(r) for r in hits]
        actual = len(hits)
    unit_scope = t.unit if t.scope == "unit" else None
    return [
        _result(t, p, due, cutoff, amount, actual, phase, share, unit_scope=unit_scope, items=items)
    ]


def _contributors(
    ctx: _Ctx, t: Target, p: Period, due: date, cutoff: date, rows: list[sqlite3.Row],
    phase: str, share: float | None,
) -> list[QuotaResult]:  # fmt: skip
    people = [
        c for c in ctx.config.contributors
        if (c.valid_from is None or c.valid_from <= due) and (c.valid_to is None or p.start <= c.valid_to)
        and any(getattr(c.targets, m) for m in MEASURES)
    ]  # fmt: skip
    if not people:
        return []
    rows = [r for r in rows if keyword_match(r, t.keywords)]
    credits = ctx.store.contributors_of([r["id"] for r in rows])
    out = []
    for c in people:
        mine = [r for r in rows if c.id in credits.get(r["id"], [])]
        for measure, kind in MEASURES.items():
            goal = getattr(c.targets, measure)
            if not goal:
                continue
            hits = [r for r in mine if r["eff_kind"] == kind]
            out.append(
                _result(
                    t, p, due, cutoff, Amount(target=goal, text=str(goal)), len(hits), phase,
                    share, id=f"{t.id}:{c.id}:{measure}",
                    name=f"{t.name}: {c.name} ({MEASURE_VI[measure]})",
                    unit_scope=c.unit or None, contributor=c.id, measure=measure,
                    items=[_item_ref(r) for r in hits],
                )
            )  # fmt: skip
    return out


def evaluate(
    store: Store, config: Config, period: Period, *, as_of: date | None = None
) -> list[QuotaResult]:
    """Every target that applies to ``period``: each of its periods that overlaps it, counted
    to the earlier of ``as_of`` (default: today, local) and the end of ``period``."""
    quotas = load_quotas(config)
    cutoff = min(as_of or today_local(), period.end)
    ctx = _Ctx(store, config, quotas)
    todo = [
        (order, t, p)
        for order, t in enumerate(quotas.targets) if t.enabled
        for p in instances(t, quotas) if p.overlaps(period)
    ]  # fmt: skip
    ctx.prefetch([w for _, t, p in todo if (w := _window(t, p, cutoff))])
    out: list[tuple[tuple, QuotaResult]] = []
    for order, t, p in todo:
        for r in _evaluate_instance(ctx, t, p, cutoff):
            out.append(((order, p.start, p.key), r))
    out.sort(key=lambda x: x[0])
    return [r for _, r in out]


def month_quotas(
    store: Store, config: Config, month: str, *, as_of: date | None = None
) -> list[dict]:
    """The month-report JSON's ``quotas`` list: every target that applies to ``month``
    ("YYYY-MM"); targets of longer periods are counted to the end of the month (or ``as_of``
    when earlier) with their status as of then."""
    period = parse_period(month)
    if period.kind != "month":
        raise ValueError(f"{month!r} is not a month (YYYY-MM)")
    return [r.to_dict() for r in evaluate(store, config, period, as_of=as_of)]


__all__ = [
    "STATUSES",
    "QuotaResult",
    "dedupe_key",
    "evaluate",
    "keyword_match",
    "matches",
    "month_period",
    "month_quotas",
]
