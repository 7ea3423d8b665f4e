"""The month report as data: the JSON contract of DESIGN.md plus what the renderers need.

``build_month`` reads the month's effective rows (``v_items``) once and counts everything in
that one pass; the quota results come from ``quotas.engine`` when it is installed.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, timedelta

from pipeline.periods import parse_month
from pipeline.settings import Config
from pipeline.store import Store
from quotas import engine as quotas_engine
from reports.common import (
    KIND_LABELS,
    ROLE_LABELS,
    jsonable,
    local_now,
    local_time,
    month_bounds,
    month_label,
    status_label,
    vn_date,
)
from reports.coverage import coverage
from reports.reasons import AmbiguityFinder, annotate

KIND_KEYS = {"news": "news", "article": "articles", "video": "videos"}
FEDERATION = "ldld-tinh"

# What a yearly (or quarterly) target counts, for "124 / 200 tin, bài có video".
QUOTA_UNITS = {
    "B.I.2a": "tin",
    "B.I.2b": "bài chuyên sâu",
    "B.III": "bản tin",
    "B.IV.1": "video",
    "B.IV.2": "bản tin",
    "B.IV.3": "tin, bài có video",
    "B.IV.5": "cuộc thi trực tuyến",
    "A.I.10": "tin, bài về NQ 05",
}

# date_source values that mean the page gave no date of its own (DESIGN: "only then the
# feed's or listing's date").
DATE_FALLBACKS = ("feed", "listing", "rss", "fallback", "sitemap")


def month_quotas(store: Store, config: Config, period: str) -> list[dict]:
    return [normalise_quota(q) for q in quotas_engine.month_quotas(store, config, period)]


def normalise_quota(q) -> dict:
    if hasattr(q, "to_dict"):
        q = q.to_dict()
    d = jsonable(q if isinstance(q, dict) else vars(q))
    for key in ("id", "target", "actual", "status", "name", "period", "stretch"):
        d.setdefault(key, None)
    d["status_label"] = status_label(d["status"])
    d.setdefault("what", QUOTA_UNITS.get(d["id"], ""))
    return d


def is_fallback_kind(reason: str) -> bool:
    r = (reason or "").lower()
    return r.startswith("pending") or "fallback" in r or "listing" in r


def is_fallback_date(date_source: str, source: str) -> bool:
    ds = (date_source or "").lower()
    if source != "website":
        return False
    return not ds or any(f in ds for f in DATE_FALLBACKS)


def _empty_counts() -> dict:
    return {"news": 0, "articles": 0, "videos": 0, "facebook": 0}


def contributor_info(config: Config) -> dict[str, dict]:
    out = {}
    for c in config.contributors:
        unit = config.unit(c.unit) if c.unit else None
        out[c.id] = {
            "name": c.name,
            "role": c.role,
            "role_label": ROLE_LABELS.get(c.role, c.role),
            "unit": c.unit or None,
            "unit_name": unit.name if unit else "",
            "targets": {"news": c.targets.news, "articles": c.targets.articles,
                        "videos": c.targets.videos},
            "valid_from": c.valid_from.isoformat() if c.valid_from else None,
            "valid_to": c.valid_to.isoformat() if c.valid_to else None,
        }  # fmt: skip
    return out


def active_contributors(config: Config, start: date, end: date) -> list[str]:
    return [
        c.id
        for c in config.contributors
        if (c.valid_from is None or c.valid_from <= end) and (c.valid_to is None or start <= c.valid_to)
    ]


def item_record(row, contributors: list[str], unit_names: dict[str, str]) -> dict:
    """One stored row as the item dict of the reports."""
    local = local_time(row["published_utc"])
    unit = row["eff_unit"]
    return {
        "source": row["source"],
        "key": row["key"],
        "url": row["url"],
        "title": row["title"],
        "published": local.strftime("%d/%m/%Y %H:%M") if local else "",
        "published_iso": local.isoformat() if local else None,
        "local_date": row["local_date"],
        "kind": row["eff_kind"],
        "kind_label": KIND_LABELS.get(row["eff_kind"], row["eff_kind"]),
        "with_video": bool(row["eff_with_video"]),
        "media_type": row["media_type"],
        "unit": unit,
        "unit_name": unit_names.get(unit, unit or ""),
        "unit_reason": row["eff_unit_reason"],
        "contributors": contributors,
        "is_repost": bool(row["is_repost"]),
        "is_bulletin": bool(row["is_bulletin"]),
        "is_contest": bool(row["is_contest"]),
        "kind_reason": row["kind_reason"],
        "date_source": row["date_source"],
        "category": row["category"],
        "status": row["status"],
        "error": row["error"],
        "linked_key": row["linked_key"],
        "overridden": bool(row["overridden"]),
    }


class _Tally:
    """The month's counts, item by item: website kinds, Facebook posts, units, contributors,
    days, and the data-quality lists."""

    def __init__(self, config: Config, start: date, end: date):
        self.website = {"news": 0, "articles": 0, "videos": 0, "with_video": 0, "total": 0}
        self.facebook = {"posts": 0, "videos": 0, "bulletins": 0, "contests": 0, "linked": 0}
        self.units: dict[str, dict] = {
            u.id: _empty_counts()
            for u in config.units
            if u.exists_during(start, end) or u.id == FEDERATION
        }
        self.contributors: dict[str, dict] = {
            cid: {"news": 0, "articles": 0, "videos": 0}
            for cid in active_contributors(config, start, end)
        }
        self.per_day: dict[str, Counter] = {}
        self.unattributed = 0
        self.dq: dict[str, list] = {"unattributed": [], "reposts": [], "kind_fallback": [],
                                    "date_fallback": [], "overridden": [], "pending": [], "unsure": []}  # fmt: skip

    def add(self, row, ids: list[str], rec: dict) -> None:
        if row["source"] == "website":
            self._website(row, ids, rec)
        else:
            self._facebook(row)
        if row["overridden"]:
            self.dq["overridden"].append(rec)
        if row["status"] == "pending":
            self.dq["pending"].append(rec)

    def _website(self, row, ids: list[str], rec: dict) -> None:
        key, unit = KIND_KEYS.get(row["eff_kind"], "news"), row["eff_unit"]
        self.website[key] += 1
        self.website["total"] += 1
        day = self.per_day.setdefault(row["local_date"], Counter())
        day[key] += 1
        if row["eff_with_video"]:
            self.website["with_video"] += 1
            day["with_video"] += 1
        if unit:
            self.units.setdefault(unit, _empty_counts())[key] += 1
        else:
            self.unattributed += 1
            self.dq["unattributed"].append(rec)
        for cid in ids:
            self.contributors.setdefault(cid, {"news": 0, "articles": 0, "videos": 0})[key] += 1
        if row["is_repost"]:
            self.dq["reposts"].append(rec)
        if is_fallback_kind(row["kind_reason"]):
            self.dq["kind_fallback"].append(rec)
        if is_fallback_date(row["date_source"], row["source"]):
            self.dq["date_fallback"].append(rec)
        flags = json.loads(row["flags"] or "[]")
        if flags:  # how the tool is unsure of it, in Vietnamese (pipeline/quality.py)
            self.dq["unsure"].append({**rec, "flags": flags})

    def _facebook(self, row) -> None:
        self.facebook["posts"] += 1
        for flag, key in ((row["media_type"] == "video", "videos"), (row["is_bulletin"], "bulletins"),
                          (row["is_contest"], "contests"), (row["linked_key"], "linked")):  # fmt: skip
            if flag:
                self.facebook[key] += 1
        if row["eff_unit"]:
            self.units.setdefault(row["eff_unit"], _empty_counts())["facebook"] += 1


def _daily(per_day: dict[str, Counter], start: date, end: date, today: date) -> list[dict]:
    """Running totals day by day (None after ``today``), for the burn-up chart."""
    daily, running, day = [], Counter(), start
    while day <= end:
        running.update(per_day.get(day.isoformat(), Counter()))
        future = day > today
        daily.append({
            "date": day.isoformat(),
            "label": day.strftime("%d/%m"),
            **{k: None if future else running[k] for k in ("news", "articles", "videos", "with_video")},
        })  # fmt: skip
        day += timedelta(days=1)
    return daily


def build_month(store: Store, config: Config, period: str, *, as_of: date | None = None) -> dict:
    """The month report of ``period`` ("YYYY-MM") as a JSON-ready dict."""
    year, month = parse_month(period)
    period = f"{year:04d}-{month:02d}"
    start, end = month_bounds(year, month)
    now = local_now()
    today = as_of or now.date()
    unit_names = {u.id: u.name for u in config.units}

    rows = store.items_between(start.isoformat(), end.isoformat())
    contribs = store.contributors_of([r["id"] for r in rows if r["source"] == "website"])
    finder = AmbiguityFinder(config)
    cnames = {c.id: c.name for c in config.contributors}
    tally = _Tally(config, start, end)
    items: list[dict] = []
    for row in rows:
        website = row["source"] == "website"
        ids = contribs.get(row["id"], []) if website else []
        rec = annotate(item_record(row, ids, unit_names), row, finder if website else None, cnames)
        items.append(rec)
        tally.add(row, ids, rec)
    website, facebook, units, contributors = tally.website, tally.facebook, tally.units, tally.contributors
    unattributed, dq = tally.unattributed, tally.dq
    daily = _daily(tally.per_day, start, end, today)

    quotas = month_quotas(store, config, period)
    info = contributor_info(config)
    for cid in contributors:
        info.setdefault(cid, {"name": cid, "role": "", "role_label": ROLE_LABELS[""],
                              "unit": None, "unit_name": "", "unknown": True,
                              "targets": {"news": 0, "articles": 0, "videos": 0}})  # fmt: skip
    inactive = [
        uid for uid, c in units.items()
        if uid != FEDERATION and not any(c.values())
    ]  # fmt: skip

    return {
        "period": period,
        "website": website,
        "facebook": facebook,
        "units": units,
        "contributors": contributors,
        "unattributed": unattributed,
        "quotas": quotas,
        "coverage": coverage(store, start, end, website_items=website["total"]),
        # ---- extra keys for the renderers
        "headline_quotas": [
            q for q in quotas if q.get("period") in (None, period) and not q.get("contributor")
        ],
        "generated_at": now.isoformat(),
        "generated_label": now.strftime("%d/%m/%Y %H:%M"),
        "period_label": month_label(f"{year:04d}-{month:02d}"),
        "year": year,
        "month": month,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "start_label": vn_date(start),
        "end_label": vn_date(end),
        "complete": today > end,
        "daily": daily,
        "items": items,
        "pending": dq["pending"],
        "data_quality": dq | worklist(dq),
        "year_to_date": year_to_date(store, quotas, period, year, end),
        "manual": manual_items(config, period),
        "unit_names": {uid: unit_names.get(uid, uid) for uid in units} | unit_names,
        "units_inactive": inactive,
        "contributor_info": info,
        "contributor_rows": contributor_rows(contributors, info, complete=today > end),
    }


def manual_items(config: Config, period: str) -> list[dict]:
    """The plan items tracked by hand (config/manual.toml) for the month's report: those due,
    overdue or done in the month, then the rest of the year's, each with its state at the
    month's end (or today, when earlier)."""
    from quotas.manual import evaluate_manual, month_manual
    from quotas.periods import parse_period, today_local

    shown = month_manual(config, period)
    ids = {m["id"] for m in shown}
    p = parse_period(period)
    day = min(today_local(), p.end)
    for r in evaluate_manual(config, day):
        if r.id not in ids and r.deadline.year == p.end.year:
            shown.append(r.to_dict())
    return shown


def worklist(dq: dict) -> dict:
    """What needs an editor's decision, apart from what only needs a look.

    Reposts («Theo …») are counted on the website and for no unit by rule: they are listed
    apart and are not items needing a decision; pending pages wait for the next collection.
    """
    def waiting(it: dict) -> bool:
        return it["is_repost"] or it["status"] == "pending"

    unit_decision = [it for it in dq["unattributed"] if not waiting(it)]
    kind = [it for it in dq["kind_fallback"] if it["status"] != "pending"]
    dates = [it for it in dq["date_fallback"] if it["status"] != "pending"]
    keys = {it["key"] for it in (*unit_decision, *kind, *dates)}
    return {
        "unit_decision": unit_decision,
        "ambiguous": [it for it in unit_decision if it["ambiguous_units"]],
        "kind_decision": kind,
        "date_decision": dates,
        "counts": {"decisions": len(keys), "unit": len(unit_decision), "kind": len(kind),
                   "date": len(dates), "reposts": len(dq["reposts"]),
                   "pending": len(dq["pending"]), "unsure": len(dq["unsure"])},
    }  # fmt: skip


def contributor_rows(counts: dict[str, dict], info: dict[str, dict], *, complete: bool) -> list[dict]:
    """Each contributor's month against their personal targets, BBT first."""
    order = {"bbt": 0, "bcv": 1, "ctv": 2, "": 3}
    out = []
    for cid, c in counts.items():
        meta = info.get(cid, {})
        targets = meta.get("targets") or {"news": 0, "articles": 0, "videos": 0}
        checks = {k: c[k] >= t for k, t in targets.items() if t}
        if not checks:
            status = "no_target"
        elif all(checks.values()):
            status = "met"
        else:
            status = "not_met" if complete else "in_progress"
        out.append({
            "id": cid,
            "name": meta.get("name", cid),
            "role": meta.get("role", ""),
            "role_label": meta.get("role_label", ""),
            "unit": meta.get("unit"),
            "unit_name": meta.get("unit_name", ""),
            "news": c["news"], "articles": c["articles"], "videos": c["videos"],
            "targets": targets,
            "met": checks,
            "status": status,
            "status_label": status_label(status),
            "unknown": bool(meta.get("unknown")),
        })  # fmt: skip
    out.sort(key=lambda r: (order.get(r["role"], 9), r["name"]))
    return out


def year_to_date(store: Store, quotas: list[dict], period: str, year: int, end: date) -> list[dict]:
    """Targets of a longer period than the month, with their actual at the month's end."""
    out = []
    for q in quotas:
        if q.get("period") in (None, period) or q.get("contributor"):
            continue
        out.append(_ytd_entry(q))
    if not any(e["id"] == "B.IV.3" for e in out):
        n = store.count_between("website", f"{year:04d}-01-01", end.isoformat(), with_video=True)
        out.append(_ytd_entry({"id": "B.IV.3", "name": "Tin, bài có video trên website",
                               "target": None, "actual": n, "status": None, "period": str(year),
                               "stretch": None}))  # fmt: skip
    return out


def _ytd_entry(q: dict) -> dict:
    what = QUOTA_UNITS.get(q["id"], "")
    target = q.get("target")
    text = f"{q.get('actual', 0)} / {target}" if target is not None else f"{q.get('actual', 0)}"
    return {
        "id": q["id"],
        "name": q.get("name") or q["id"],
        "period": q.get("period"),
        "period_label": q.get("period_label"),
        "target": target,
        "stretch": q.get("stretch"),
        "actual": q.get("actual"),
        "status": q.get("status"),
        "status_label": status_label(q.get("status")),
        "what": what,
        "text": f"{text} {what}".strip(),
    }
