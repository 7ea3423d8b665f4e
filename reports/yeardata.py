"""The year report (months side by side) and the contributors report, as data."""

from __future__ import annotations

from datetime import date

from pipeline.periods import parse_month, parse_year
from pipeline.settings import Config
from pipeline.store import Store
from quotas import engine as quotas_engine
from quotas.periods import parse_period
from reports.bylines import editor_notes, unknown_bylines
from reports.common import (
    KIND_LABELS,
    ROLE_LABELS,
    jsonable,
    local_now,
    local_time,
    log,
    month_bounds,
    month_label,
    status_label,
)
from reports.coverage import coverage, data_spans, mark_quotas, month_cover
from reports.monthdata import (
    FEDERATION,
    KIND_KEYS,
    QUOTA_UNITS,
    active_contributors,
    contributor_info,
    contributor_rows,
    normalise_quota,
)
from reports.wording import months_phrase


def year_quotas(store: Store, config: Config, year: int) -> list[dict]:
    """The yearly evaluation of every target (each month of the monthly ones)."""
    out = []
    for q in quotas_engine.evaluate(store, config, parse_period(str(year))):
        d = normalise_quota(q)
        # the year report lists no items: keep how many, not the 50,000 references
        d["items_count"] = len(d.pop("items", None) or [])
        out.append(d)
    return out


def _empty_month(year: int, m: int, today: date, spans: dict) -> dict:
    m_start, m_end = month_bounds(year, m)
    cover = month_cover(spans, m_start, min(m_end, today))
    return {
        "period": f"{year:04d}-{m:02d}",
        "label": month_label(f"{year:04d}-{m:02d}"),
        "short_label": f"T{m}",
        "website": {"news": 0, "articles": 0, "videos": 0, "with_video": 0, "total": 0},
        "facebook": {"posts": 0, "videos": 0, "bulletins": 0, "contests": 0},
        "unattributed": 0,
        "future": m_start > today,
        "complete": m_end < today,
        # a past month the website was not read over whole (before the data starts, after
        # the last read, or read in part) has no result to judge; the running month may be
        # read in part
        "cover": cover,
        "no_data": m_start <= today and (
            cover["website"] == "none" or (cover["website"] == "partial" and m_end < today)),
        "quotas": [],
    }


COUNT_COLUMNS = ("id", "source", "local_date", "eff_unit", "eff_kind", "eff_with_video", "media_type",
                 "is_bulletin", "is_contest")  # fmt: skip


def _unit_counts() -> dict:
    return {"news": 0, "articles": 0, "videos": 0, "facebook": 0, "months": [0] * 12}


def _count(row, months: list[dict], units: dict, contributors: dict, ids) -> None:
    """One item into its month, its unit and its contributors."""
    mi = int(row["local_date"][5:7]) - 1
    mo, unit = months[mi], row["eff_unit"]
    u = units.setdefault(unit, _unit_counts()) if unit else None
    if u is not None:
        u["months"][mi] += 1
    if row["source"] != "website":
        f = mo["facebook"]
        f["posts"] += 1
        for flag, key in ((row["media_type"] == "video", "videos"), (row["is_bulletin"], "bulletins"),
                          (row["is_contest"], "contests")):  # fmt: skip
            if flag:
                f[key] += 1
        if u is not None:
            u["facebook"] += 1
        return
    key = KIND_KEYS.get(row["eff_kind"], "news")
    w = mo["website"]
    w[key] += 1
    w["total"] += 1
    if row["eff_with_video"]:
        w["with_video"] += 1
    if u is not None:
        u[key] += 1
    else:
        mo["unattributed"] += 1
    for cid in ids:
        contributors.setdefault(cid, {"news": 0, "articles": 0, "videos": 0})[key] += 1


def _year_quotas(evaluated: list[dict], months: list[dict], totals: dict, year: int) -> tuple[list, list]:
    """The year's own targets (with their text) and the ids of the monthly ones, each monthly
    result filed under its month."""
    by_period = {m["period"]: m for m in months}
    yearly = []
    for q in evaluated:
        if q.get("contributor"):
            continue
        if q.get("period") in by_period:
            by_period[q["period"]]["quotas"].append(q)
        else:
            yearly.append(q)
    for mo in months:
        mo["quota_index"] = {q["id"]: q for q in mo["quotas"]}
    if not any(q["id"] == "B.IV.3" for q in yearly):
        yearly.append(normalise_quota({
            "id": "B.IV.3", "name": "Tin, bài có video trên website", "period": str(year),
            "target": None, "stretch": None, "status": None,
            "actual": totals["website"]["with_video"],
        }))  # fmt: skip
    for q in yearly:
        what = QUOTA_UNITS.get(q["id"], "")
        text = f"{q['actual']} / {q['target']}" if q["target"] is not None else f"{q['actual']}"
        q["text"] = f"{text} {what}".strip()
    monthly_ids = list(dict.fromkeys(q["id"] for mo in months for q in mo["quotas"]))
    return yearly, monthly_ids


def build_year(store: Store, config: Config, year: int | str, *, as_of: date | None = None) -> dict:
    year = parse_year(year)
    now = local_now()
    today = as_of or now.date()
    start, end = date(year, 1, 1), date(year, 12, 31)
    unit_names = {u.id: u.name for u in config.units}

    # only what a count reads: a year of full rows (bodies, raw records) is hundreds of MB
    rows = store.items_between(start.isoformat(), end.isoformat(), columns=COUNT_COLUMNS)
    contribs = store.contributors_of(r["id"] for r in rows if r["source"] == "website")
    spans = data_spans(store)
    months = [_empty_month(year, m, today, spans) for m in range(1, 13)]
    units: dict[str, dict] = {
        u.id: _unit_counts() for u in config.units if u.exists_during(start, end) or u.id == FEDERATION
    }
    contributors = {
        cid: {"news": 0, "articles": 0, "videos": 0}
        for cid in active_contributors(config, start, end)
    }
    for row in rows:
        _count(row, months, units, contributors, contribs.get(row["id"], ()))

    totals = {
        "website": {k: sum(m["website"][k] for m in months) for k in months[0]["website"]},
        "facebook": {k: sum(m["facebook"][k] for m in months) for k in months[0]["facebook"]},
        "unattributed": sum(m["unattributed"] for m in months),
    }
    evaluated = mark_quotas(year_quotas(store, config, year), spans, today)
    yearly, monthly_ids = _year_quotas(evaluated, months, totals, year)
    read = [m for m in months if not m["future"] and not m["no_data"]]

    info = contributor_info(config)
    for cid in contributors:
        info.setdefault(cid, {"name": cid, "role": "", "role_label": ROLE_LABELS[""], "unit": None,
                              "unit_name": "", "unknown": True,
                              "targets": {"news": 0, "articles": 0, "videos": 0}})  # fmt: skip
    return jsonable({
        "period": str(year),
        "year": year,
        "period_label": f"Năm {year}",
        "generated_at": now.isoformat(),
        "generated_label": now.strftime("%d/%m/%Y %H:%M"),
        "months": months,
        "totals": totals,
        "units": units,
        "unit_names": unit_names,
        "contributors": contributors,
        "contributor_info": info,
        "quotas": yearly,
        "monthly_quota_ids": monthly_ids,
        "complete": today > end,
        "coverage": coverage(store, start, end, website_items=totals["website"]["total"]),
        "months_read": [m["period"] for m in read],
        "months_unread": [m["period"] for m in months if m["no_data"]],
        "months_read_phrase": months_phrase([m["period"] for m in read]),
        "months_unread_phrase": months_phrase([m["period"] for m in months if m["no_data"]]),
    })


def build_contributors(store: Store, config: Config, period: str, *, as_of: date | None = None) -> dict:
    """Each contributor's month (website items) against their personal monthly targets."""
    year, month = parse_month(period)
    period = f"{year:04d}-{month:02d}"
    start, end = month_bounds(year, month)
    now = local_now()
    today = as_of or now.date()
    rows = store.items_between(start.isoformat(), end.isoformat(), source="website")
    contribs = store.contributors_of(r["id"] for r in rows)
    counts = {cid: {"news": 0, "articles": 0, "videos": 0} for cid in active_contributors(config, start, end)}
    items: dict[str, list[dict]] = {}
    without = 0
    for row in rows:
        key = KIND_KEYS.get(row["eff_kind"], "news")
        ids = contribs.get(row["id"], [])
        if not ids:
            without += 1
        local = local_time(row["published_utc"])
        for cid in ids:
            counts.setdefault(cid, {"news": 0, "articles": 0, "videos": 0})[key] += 1
            items.setdefault(cid, []).append({
                "key": row["key"], "url": row["url"], "title": row["title"],
                "kind": row["eff_kind"], "kind_label": KIND_LABELS.get(row["eff_kind"], ""),
                "published": local.strftime("%d/%m/%Y %H:%M") if local else "",
            })  # fmt: skip
    info = contributor_info(config)
    for cid in counts:
        if cid not in info:
            log.info("contributor %s is credited but not in contributors.toml", cid)
            info[cid] = {"name": cid, "role": "", "role_label": ROLE_LABELS[""], "unit": None,
                         "unit_name": "", "unknown": True,
                         "targets": {"news": 0, "articles": 0, "videos": 0}}  # fmt: skip
    complete = today > end
    rows_out = contributor_rows(counts, info, complete=complete)
    summary = {s: sum(1 for r in rows_out if r["status"] == s) for s in
               ("met", "not_met", "in_progress", "no_target")}  # fmt: skip
    return {
        "period": period,
        "period_label": month_label(f"{year:04d}-{month:02d}"),
        "generated_at": now.isoformat(),
        "generated_label": now.strftime("%d/%m/%Y %H:%M"),
        "complete": complete,
        "coverage": coverage(store, start, end, website_items=len(rows)),
        "contributors": rows_out,
        "items": items,
        "website_items": len(rows),
        "items_without_contributor": without,
        "unknown_bylines": unknown_bylines(rows, config),
        "editor_notes": editor_notes(store, start, end),
        "summary": summary,
        "summary_labels": {k: status_label(k) for k in summary},
    }
