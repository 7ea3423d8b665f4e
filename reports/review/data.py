"""A review over a span of months as data: the JSON of DESIGN.md ("Reviews over any span").

The months are the month reports themselves (``build_month``), so the span's figures are their
sums, figure for figure. The targets are evaluated once over the span's years
(``quotas.span``): those whose period ends inside the span are the review's ``quotas``, each
year's own beside that year's totals under ``years``. A month not fully read, or before the
store's first item, is a month without data; a verdict that would rest on one says so.
"""

from __future__ import annotations

from datetime import date

from pipeline.settings import Config
from pipeline.store import Store
from quotas.engine import MEASURE_VI
from quotas.periods import month_period
from quotas.span import (
    TERM_FIRST,
    TERM_LAST,
    Span,
    ends_in,
    result_year,
    span_quotas,
    targets_of_year,
)
from reports.common import jsonable, local_now, month_label, vn_date
from reports.coverage import coverage
from reports.monthdata import FEDERATION, build_month, normalise_quota
from reports.review.ranking import describe, load_ranking, rank

NO_DATA = "no_data"
NO_DATA_LABEL = "Chưa có số liệu"
WEB_KEYS = ("news", "articles", "videos", "with_video", "total")


def _add(into: dict, counts: dict) -> None:
    for k, v in counts.items():
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            into[k] = into.get(k, 0) + v


def _sum_by_id(months: list[dict], key: str) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for m in months:
        for eid, counts in m[key].items():
            _add(out.setdefault(eid, {}), counts)
    return out


def _total(months: list[dict], key: str, template: dict) -> dict:
    out = dict.fromkeys(template, 0)
    for m in months:
        _add(out, m[key])
    return out


def data_start(store: Store) -> str | None:
    """The first month ("YYYY-MM") the store holds an item of; None when it holds none."""
    return min(store.months_with_items(limit=1200), default=None)


def month_gap(store: Store, period: str, first: str | None, cov: dict | None = None) -> dict:
    """A month's coverage (the month report's object) with ``no_data`` and why."""
    p = month_period(int(period[:4]), int(period[5:7]))
    c = dict(cov if cov is not None else coverage(store, p.start, p.end))
    before = first is None or period < first
    c["before_data"] = before
    c["no_data"] = before or not c["complete"]
    c["label"] = month_label(period)
    return c


def _months_of(start: str, end: str) -> list[str]:
    a, b = date.fromisoformat(start), date.fromisoformat(end)
    out, (y, m) = [], (a.year, a.month)
    while (y, m) <= (b.year, b.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def months_text(periods: list[str]) -> str:
    """"Tháng 1/2025, Tháng 3/2025" or, for a run of three or more, "Tháng 1/2024 – Tháng 9/2024"."""
    runs: list[list[str]] = []
    for p in periods:
        if runs and _months_of(runs[-1][-1] + "-01", p + "-01")[1:] == [p]:
            runs[-1].append(p)
        else:
            runs.append([p])
    parts = []
    for r in runs:
        if len(r) >= 3:
            parts.append(f"{month_label(r[0])} – {month_label(r[-1])}")
        else:
            parts += [month_label(p) for p in r]
    return ", ".join(parts)


def _verdicts(quotas: list[dict], gap) -> None:
    """Each result's ``verdict``: its status, or ``no_data`` when a month it counts has no data
    and the status could change with it (a target met stays met: more data only adds)."""
    for q in quotas:
        counted = _months_of(q["start"], q["as_of"]) if q["status"] != "not_due" else []
        missing = [p for p in counted if gap(p)["no_data"]]
        q["months_without_data"] = missing
        all_missing = bool(counted) and len(missing) == len(counted)
        if missing and (all_missing or q["status"] in ("not_met", "at_risk")):
            q["verdict"], q["verdict_label"] = NO_DATA, NO_DATA_LABEL
        else:
            q["verdict"], q["verdict_label"] = q["status"], q["status_label"]
        if missing:
            q["data_note"] = f"{months_text(missing)}: chưa có số liệu."


def _owner(config: Config, uid: str, p: str) -> str | None:
    """The unit a month's counts of ``uid`` belong to: itself while it exists, else its
    successor (followed along the chain); None when there is none."""
    pm = month_period(int(p[:4]), int(p[5:7]))
    seen = set()
    unit = config.unit(uid)
    while unit is not None and not unit.exists_during(pm.start, pm.end) and unit.successor:
        if unit.id in seen:
            return None
        seen.add(unit.id)
        unit = config.unit(unit.successor)
    if unit is None or not unit.exists_during(pm.start, pm.end):
        return None
    return unit.id


def _unit_entries(config: Config, span: Span, months: list[dict]) -> dict[str, dict]:
    ranked = {u.id for u in config.units if u.type != "federation" and u.id != FEDERATION
              and u.exists_during(span.start, span.end)}  # fmt: skip
    out = {uid: {"news": 0, "articles": 0, "videos": 0, "facebook": 0} for uid in sorted(ranked)}
    for m in months:
        for uid, counts in m["units"].items():
            owner = _owner(config, uid, m["period"])
            if owner in out:
                _add(out[owner], counts)
    return out


def _targets_of(quotas: list[dict]) -> tuple[dict, dict]:
    """Targets met and missed, per unit (unit-count targets) and per contributor (personal)."""
    units: dict[str, dict] = {}
    people: dict[str, dict] = {}
    for q in quotas:
        label = f"{q['id'].split(':')[0]} {q.get('period_label') or q['period']}"
        if q.get("contributor"):
            label = f"{label} ({MEASURE_VI.get(q.get('measure'), q.get('measure'))})"
            slot = {"met": "met", "not_met": "missed"}.get(q["verdict"])
            if slot:
                people.setdefault(q["contributor"], {"met": [], "missed": []})[slot].append(label)
        elif q.get("units_existing") is not None and q["verdict"] in ("met", "not_met"):
            for uid in q["units_existing"]:
                slot = "met" if uid in (q.get("units_counted") or []) else "missed"
                units.setdefault(uid, {"met": [], "missed": []})[slot].append(label)
    return units, people


def _ranking(config: Config, span: Span, months: list[dict], contributors: dict, quotas: list[dict]) -> dict:
    rules = load_ranking(config)
    unit_targets, people_targets = _targets_of(quotas)
    names = {u.id: u.name for u in config.units}
    cnames = {c.id: c.name for c in config.contributors}
    units = rank(_unit_entries(config, span, months), rules.score)
    people = rank({cid: {**c, "facebook": 0} for cid, c in contributors.items()}, rules.score)
    for r in units:
        r["name"] = names.get(r["id"], r["id"])
        r.update(unit_targets.get(r["id"], {"met": [], "missed": []}))
    for r in people:
        r["name"] = cnames.get(r["id"], r["id"])
        r.update(people_targets.get(r["id"], {"met": [], "missed": []}))
    return {"units": units, "contributors": people, "score": rules.score.model_dump(),
            "score_text": describe(rules.score), "top": rules.show.top}  # fmt: skip


def _years(span: Span, months: list[dict], evaluated: list[dict], gaps: dict) -> list[dict]:
    out = []
    for y in span.years():
        mine = [m for m in months if m["year"] == y]
        own = [q for q in evaluated if result_year(q) == y and q["period_kind"] != "month"
               and not q.get("contributor")]  # fmt: skip
        monthly: dict[str, dict] = {}
        for q in evaluated:
            if q["period_kind"] == "month" and not q.get("contributor") and q["period"] in gaps \
                    and result_year(q) == y:  # fmt: skip
                s = monthly.setdefault(q["id"], {"id": q["id"], "name": q["name"], "target": q["target"],
                                                 "months": 0, "met": 0, "not_met": 0, "no_data": 0,
                                                 "running": 0})  # fmt: skip
                s["months"] += 1
                key = {"met": "met", "not_met": "not_met", NO_DATA: "no_data"}.get(q["verdict"], "running")
                s[key] += 1
        out.append({
            "year": y,
            "months": [m["period"] for m in mine],
            "months_without_data": [m["period"] for m in mine if gaps[m["period"]]["no_data"]],
            "website": _total(mine, "website", dict.fromkeys(WEB_KEYS, 0)),
            "facebook": _total(mine, "facebook", mine[0]["facebook"]),
            "unattributed": sum(m["unattributed"] for m in mine),
            "quotas": own,
            "monthly": list(monthly.values()),
        })  # fmt: skip
    return out


def span_title(span: Span) -> tuple[str, str]:
    """(kind, the title's words) of a span: sơ kết 6 tháng, tổng kết năm, nhiệm kỳ, or a span."""
    (y1, m1), (y2, m2) = span.first, span.last
    if span.first == TERM_FIRST and span.last == TERM_LAST:
        return "term", "nhiệm kỳ 2023 - 2028 (từ tháng 10/2024 đến tháng 12/2028)"
    if span.first == TERM_FIRST and (y2, m2) != (y1, m1):
        return "term", f"từ đầu nhiệm kỳ (tháng 10/2024) đến tháng {m2}/{y2}"
    if y1 == y2 and (m1, m2) == (1, 6):
        return "half", f"6 tháng đầu năm {y1}"
    if y1 == y2 and (m1, m2) == (7, 12):
        return "half", f"6 tháng cuối năm {y1}"
    if y1 == y2 and (m1, m2) == (1, 12):
        return "year", f"năm {y1}"
    if span.first == span.last:
        return "span", f"tháng {m1}/{y1}"
    return "span", f"từ tháng {m1}/{y1} đến tháng {m2}/{y2}"


def _title(kind: str, words: str, span: Span) -> str:
    """"Sơ kết 6 tháng đầu năm 2025 thực hiện Nghị quyết 06/NQ-LĐLĐ", "Tổng kết năm 2025 …"."""
    nq = "thực hiện Nghị quyết 06/NQ-LĐLĐ"
    if kind == "term":
        return f"{'Tổng kết' if span.last == TERM_LAST else 'Sơ kết'} {nq} {words}"
    if kind in ("half", "year"):
        return f"{'Sơ kết' if kind == 'half' else 'Tổng kết'} {words} {nq}"
    return f"Kết quả {nq} {words}"


def build_review(store: Store, config: Config, span: Span, *, as_of: date | None = None) -> dict:
    """The review of ``span`` as a JSON-ready dict (DESIGN.md, "Reviews over any span")."""
    now = local_now()
    months = [build_month(store, config, p, as_of=as_of) for p in span.months()]
    first = data_start(store)
    gaps = {m["period"]: month_gap(store, m["period"], first, m["coverage"]) for m in months}

    def gap(p: str) -> dict:
        if p not in gaps:
            gaps[p] = month_gap(store, p, first)
        return gaps[p]

    evaluated = []
    for r in span_quotas(store, config, span, as_of=as_of):
        count, r.items = len(r.items), []  # the review lists no items: keep how many
        d = normalise_quota(r)
        d.pop("items", None)
        d["items_count"] = count
        evaluated.append(d)
    _verdicts(evaluated, gap)
    quotas = [q for q in evaluated if ends_in(q, span)]
    contributors = _sum_by_id(months, "contributors")
    in_span = {p: gaps[p] for p in span.months()}
    missing = [p for p, c in in_span.items() if c["no_data"]]
    kind, words = span_title(span)
    no_data_at_all = len(missing) == len(in_span)
    out = jsonable({
        "from": span.months()[0],
        "to": span.months()[-1],
        "website": _total(months, "website", dict.fromkeys(WEB_KEYS, 0)),
        "facebook": _total(months, "facebook", months[0]["facebook"]),
        "units": _sum_by_id(months, "units"),
        "contributors": contributors,
        "unattributed": sum(m["unattributed"] for m in months),
        "quotas": quotas,
        "years": _years(span, months, evaluated, in_span),
        "ranking": _ranking(config, span, months, contributors, quotas),
        "coverage": in_span,
        # ---- for the renderers
        "kind": kind,
        "title_words": words,
        "title": _title(kind, words, span),
        "period_label": words[0].upper() + words[1:],
        "start": span.start.isoformat(),
        "end": span.end.isoformat(),
        "start_label": vn_date(span.start),
        "end_label": vn_date(span.end),
        "generated_at": now.isoformat(),
        "generated_label": now.strftime("%d/%m/%Y %H:%M"),
        "months_without_data": missing,
        "no_data": no_data_at_all,
        "warning": _warning(missing, no_data_at_all),
        "ahead": _ahead(config, span),
        "unit_names": {u.id: u.name for u in config.units},
        "contributor_names": {c.id: c.name for c in config.contributors},
    })
    return {"from": out.pop("from"), "to": out.pop("to"), "months": months, **out}  # months: as built


def _ahead(config: Config, span: Span) -> dict:
    """The next year's targets (those that rise year by year), for the tasks ahead."""
    year = span.last[0] + 1 if span.last[1] == 12 else span.last[0]
    if year > TERM_LAST[0]:
        return {"year": None, "targets": []}
    return {"year": year, "targets": targets_of_year(config, year)}


def _warning(missing: list[str], none: bool) -> str:
    if none:
        return ("CHƯA CÓ SỐ LIỆU: không tháng nào trong kỳ có số liệu đã đọc đủ; mọi đánh giá dưới "
                "đây là «chưa có số liệu», các con số 0 không có nghĩa là không đăng tin, bài.")  # fmt: skip
    if missing:
        return ("Chưa có số liệu của " + months_text(missing)
                + ": chỉ tiêu nào tính trên các tháng đó mà chưa đạt được ghi «chưa có số liệu».")  # fmt: skip
    return ""
