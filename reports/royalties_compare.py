"""What a change of rates costs: a span of months under the current rates and under another
rate file, side by side, in total and per contributor (each month's amounts as its sheet
rounds them, summed over the span)."""

from __future__ import annotations

from pipeline.periods import parse_month
from pipeline.settings import Config
from pipeline.store import Store
from reports.common import month_label
from reports.royalties import build_royalties
from reports.royalty_rates import Rates
from reports.vn_words import amount_words


def months_of(start: str, end: str) -> list[str]:
    """"2025-01", "2025-03" -> the three months; ValueError when ``end`` is before ``start``."""
    y, m = parse_month(start)
    y2, m2 = parse_month(end)
    if (y2, m2) < (y, m):
        raise ValueError(f"{end} is before {start}: give the first month first")
    out = []
    while (y, m) <= (y2, m2):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def span_totals(store: Store, config: Config, months: list[str], rates: Rates) -> dict:
    """{"total_amount", "total_points", "contributors": {id: {name, points, amount}}}."""
    people: dict[str, dict] = {}
    total = 0
    points = 0.0
    for period in months:
        sheet = build_royalties(store, config, period, rates=rates)
        total += sheet["total_amount"]
        points += sheet["total_points"]
        for cid, c in sheet["contributors"].items():
            p = people.setdefault(cid, {"name": c["name"], "unit_name": c["unit_name"],
                                        "points": 0.0, "amount": 0})  # fmt: skip
            p["points"] += c["points"]
            p["amount"] += c["amount"]
    return {"rates": rates.to_dict(), "rates_file": rates.label, "total_amount": total,
            "total_points": round(points, 6), "contributors": people}  # fmt: skip


def compare(store: Store, config: Config, start: str, end: str, proposed: Rates,
            current: Rates | None) -> dict:  # fmt: skip
    """The span under ``current`` (None when no rates are set yet) and under ``proposed``."""
    months = months_of(start, end)
    new = span_totals(store, config, months, proposed)
    old = span_totals(store, config, months, current) if current else None
    ids = list(dict.fromkeys([*(old["contributors"] if old else {}), *new["contributors"]]))
    rows = []
    for cid in ids:
        a = old["contributors"].get(cid) if old else None
        b = new["contributors"].get(cid)
        meta = a or b
        rows.append({
            "id": cid, "name": meta["name"], "unit_name": meta["unit_name"],
            "current_amount": a["amount"] if a else (0 if old else None),
            "proposed_amount": b["amount"] if b else 0,
            "current_points": a["points"] if a else (0 if old else None),
            "proposed_points": b["points"] if b else 0,
        })  # fmt: skip
        if old:
            rows[-1]["difference"] = rows[-1]["proposed_amount"] - rows[-1]["current_amount"]
    rows.sort(key=lambda r: (-(r["proposed_amount"]), r["name"]))
    label = month_label(months[0]) if len(months) == 1 else f"{month_label(months[0])} – {month_label(months[-1])}"
    out = {
        "from": months[0],
        "to": months[-1],
        "months": months,
        "period_label": label,
        "current": old,
        "proposed": new,
        "rows": rows,
        "proposed_in_words": amount_words(new["total_amount"]),
    }
    if old:
        out["difference"] = new["total_amount"] - old["total_amount"]
    return out
