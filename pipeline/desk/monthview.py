"""The month as the desk shows it: the report's data (cached per data state) and its charts."""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date

from markupsafe import Markup

from pipeline.desk.burnup import burnup_svg
from pipeline.settings import Config
from pipeline.store import Store
from reports.charts import COLORS, quota_target
from reports.common import local_now, status_label
from reports.monthdata import build_month

_CACHE: OrderedDict = OrderedDict()
_LOCK = threading.Lock()
_MAX = 16


def data_stamp(store: Store) -> int:
    """Changes whenever anything a month report reads changes (read before the data)."""
    return store.data_stamp()


def _cached(key: tuple, stamp: int, config: Config, make):
    """The value kept under ``key`` for this stamp and this very config, else ``make()``.

    The stamp only grows: a value kept under another stamp is never asked for again (or the
    database was replaced), so keeping a new value drops those."""
    with _LOCK:
        hit = _CACHE.get(key)
        if hit is not None and hit[0] == stamp and hit[1] is config:
            _CACHE.move_to_end(key)
            return hit[2]
    value = make()
    with _LOCK:
        for old in [k for k, v in _CACHE.items() if v[0] != stamp]:
            del _CACHE[old]
        _CACHE[key] = (stamp, config, value)
        while len(_CACHE) > _MAX:
            _CACHE.popitem(last=False)
    return value


def month_data(store: Store, config: Config, month: str, stamp: int) -> dict:
    """``build_month`` of ``month``, kept while the store's stamp, the config and the day stay."""
    today = local_now().date()
    return _cached(("data", month, id(config), today), stamp, config,
                   lambda: mark_no_data(store, build_month(store, config, month)))  # fmt: skip


NO_DATA_FROM = ("at_risk", "not_met")  # a target met stays met: more data only adds
SOURCES = {"website": ("website",), "facebook": ("facebook",)}


def _without_data(store: Store, q: dict) -> bool:
    """No stored item on the target's channel in the days it has counted so far (False when
    it has not started)."""
    start, last = q.get("start"), q.get("as_of") or q.get("end")
    if not start or not last or last < start:
        return False
    sources = SOURCES.get(q.get("channel") or "", ("website", "facebook"))
    return not store.has_items_between(start, last, sources)


def mark_no_data(store: Store, data: dict) -> dict:
    """The desk's statuses when there is nothing to count: a target whose days so far hold no
    stored item on its channel is "Chưa có số liệu" rather than "Có nguy cơ không đạt" or
    "Chưa đạt" (a month of no items is a gap in the data, not a month of zeros), and so is
    each contributor's row of a month with no website item."""
    for q in data.get("quotas", []):
        # a target that counted something has data (and the count query is spared)
        if q.get("status") in NO_DATA_FROM and not q.get("actual") and _without_data(store, q):
            q["status"], q["status_label"] = "no_data", status_label("no_data")
    if not data.get("website", {}).get("total"):
        for r in data.get("contributor_rows", []):
            if r.get("status") in ("not_met", "in_progress"):
                r["status"], r["status_label"] = "no_data", status_label("no_data")
    return data


def burnups(data: dict) -> dict[str, Markup]:
    """The burn-up charts of news and in-depth articles (inline SVG, same series as the
    report's charts in ``reports.charts``)."""
    q, p, label = data.get("quotas", []), data["period"], data["period_label"]
    return {
        "tin": burnup_svg(data["daily"], "news", quota_target(q, "B.I.2a", p), f"Tin – {label}",
                          COLORS["news"]),
        "bai": burnup_svg(data["daily"], "articles", quota_target(q, "B.I.2b", p),
                          f"Bài chuyên sâu – {label}", COLORS["articles"]),
    }  # fmt: skip


def pace(q: dict, today: date) -> dict:
    """Expected by now (or by the month's end) at an even pace, and the projection."""
    start, due = q.get("start"), q.get("due") or q.get("end")
    out = {"expected": None, "projection": _whole(q.get("projection"))}
    if q.get("status") == "no_data":  # nothing read: no pace to keep, no projection to make
        out["projection"] = None
        return out
    if not start or not due or not q.get("target"):
        return out
    s, d = date.fromisoformat(start), date.fromisoformat(due)
    if q.get("as_of"):  # the month's cut-off: a report of a past month counts to its end
        today = min(today, date.fromisoformat(q["as_of"]))
    if today < s:
        out["expected"] = 0
    elif today >= d:
        out["expected"] = q["target"]
    else:
        share = ((today - s).days + 1) / ((d - s).days + 1)
        out["expected"] = _whole(q["target"] * share)
    return out


def _whole(value: float | None) -> int | None:
    """Counts of items are whole: a pace of 22.6 items reads 23."""
    return None if value is None else int(value + 0.5)  # half up, never to even


def units_without_video(data: dict) -> list[dict]:
    """Targets counting units (event windows): the units still missing, by name."""
    names = data.get("unit_names", {})
    out = []
    for q in data.get("quotas", []):
        if q.get("unit_scope") != "units" or q.get("status") == "not_due":
            continue
        no_data = q.get("status") == "no_data"  # no unit is "missing" from data never read
        missing = [] if no_data else q.get("units_missing") or []
        out.append({"id": q["id"], "name": q.get("name"), "period_label": q.get("period_label"),
                    "missing": [names.get(u, u) for u in missing], "no_data": no_data,
                    "actual": q.get("actual"), "target": q.get("target")})  # fmt: skip
    return out
