"""The month's royalty sheet (nhuận bút) as data: the JSON contract of DESIGN.md ("Royalties")
plus what the XLSX and DOCX sheets need.

The month's website items, their kinds and contributors are read exactly as the month report
reads them (``v_items`` and ``contributors_of``, reports/monthdata.py), so the sheet's items
per contributor agree with the report's contributor counts. An item earns its kind's default
points, or the points an editor set within the kind's range; co-authors share it equally (or
each gets it all, ``co_authors = "full"``). Reposts, items without a known contributor and items
marked "không tính nhuận bút" earn nothing and are listed apart. A contributor's points are the
sum of item points × share, kept exact (fractions) until the amount is rounded to whole đồng.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from pipeline.periods import parse_month
from pipeline.settings import Config
from pipeline.store import Store, royalty_marks
from reports.common import (
    ROLE_LABELS,
    local_now,
    local_time,
    month_bounds,
    month_label,
)
from reports.coverage import coverage
from reports.monthdata import contributor_info
from reports.royalty_rates import KIND_LABELS, KIND_OF_ITEM, KINDS, Rates, rates_of
from reports.vn_words import amount_words

COLUMNS = ["id", "source", "key", "url", "title", "published_utc", "eff_kind", "is_repost", "status"]
REASONS = {
    "repost": "Tin đăng lại («Theo …»): không tính nhuận bút",
    "no_royalty": "Biên tập viên đánh dấu «không tính nhuận bút»",
    "no_contributor": "Chưa xác định được người viết có trong danh sách",
}
ROLE_ORDER = {"bbt": 0, "bcv": 1, "ctv": 2, "": 3}


def exact(x: float | int | Decimal) -> Fraction:
    """A rate or points value as the decimal it was written as (0.1 is one tenth)."""
    return Fraction(Decimal(repr(x)) if isinstance(x, float) else x)


def whole_dong(x: Fraction) -> int:
    """Rounded to whole đồng, half up."""
    return int((x + Fraction(1, 2)) // 1)


def _number(x: Fraction) -> int | float:
    return int(x) if x.denominator == 1 else float(x)


def item_points(rates: Rates, kind: str, mark: dict) -> tuple[float, bool]:
    """(points of the item, True when an editor set them); an editor's points outside the
    range of the rates in use (set under other rates) are brought back into it."""
    if "points" in mark:
        return rates.clamp(kind, float(mark["points"])), True
    return rates.default(kind), False


def unpaid_reason(row, ids: list[str], mark: dict) -> str | None:
    if row["is_repost"]:
        return "repost"
    if mark.get("no_royalty"):
        return "no_royalty"
    if not ids:
        return "no_contributor"
    return None


def _item(row, kind: str, names: dict[str, str], ids: list[str]) -> dict:
    local = local_time(row["published_utc"])
    return {
        "key": row["key"],
        "item_id": row["id"],
        "kind": kind,
        "kind_label": KIND_LABELS[kind],
        "title": row["title"],
        "url": row["url"],
        "published": local.strftime("%d/%m/%Y") if local else "",
        "published_iso": local.isoformat() if local else None,
        "contributors": list(ids),
        "contributor_names": [names.get(c, c) for c in ids],
        "pending": row["status"] == "pending",
    }


class _Person:
    def __init__(self, cid: str, meta: dict):
        self.id, self.meta = cid, meta
        self.items: list[dict] = []
        self.counts = dict.fromkeys(KINDS, 0)
        self.points = Fraction(0)
        self.amount = 0

    def to_dict(self) -> dict:
        return {
            "name": self.meta.get("name", self.id),
            "unit": self.meta.get("unit"),
            "unit_name": self.meta.get("unit_name", ""),
            "role": self.meta.get("role", ""),
            "role_label": self.meta.get("role_label", ROLE_LABELS[""]),
            "counts": self.counts,
            "items": self.items,
            "points": _number(self.points),
            "amount": self.amount,
        }


def build_royalties(store: Store, config: Config, period: str, *, rates: Rates | None = None) -> dict:
    """The royalty sheet of ``period`` ("YYYY-MM"); raises NoRates while none are set."""
    rates = rates or rates_of(config)
    year, month = parse_month(period)
    period = f"{year:04d}-{month:02d}"
    start, end = month_bounds(year, month)
    rows = store.items_between(start.isoformat(), end.isoformat(), "website", columns=COLUMNS)
    contribs = store.contributors_of([r["id"] for r in rows])
    marks = royalty_marks.marks_between(store, start.isoformat(), end.isoformat())
    info = contributor_info(config)
    names = {cid: m["name"] for cid, m in info.items()}
    value = exact(rates.point_value)
    people: dict[str, _Person] = {}
    unpaid: list[dict] = []
    for row in rows:
        kind = KIND_OF_ITEM.get(row["eff_kind"], "news")
        ids, mark = contribs.get(row["id"], []), marks.get(row["key"], {})
        rec = _item(row, kind, names, ids)
        reason = unpaid_reason(row, ids, mark)
        if reason:
            unpaid.append({**rec, "reason": reason, "reason_label": REASONS[reason]})
            continue
        points, set_by_editor = item_points(rates, kind, mark)
        share = Fraction(1, len(ids)) if rates.co_authors == "equal" else Fraction(1)
        for cid in ids:
            person = people.setdefault(cid, _Person(cid, info.get(cid, {"name": cid, "unknown": True})))
            earned = exact(points) * share
            person.items.append({**rec, "points": points, "share": float(share),
                                 "earned": _number(earned), "points_set": set_by_editor})  # fmt: skip
            person.counts[kind] += 1
            person.points += earned
    for person in people.values():
        person.amount = whole_dong(person.points * value)
    order = sorted(people.values(), key=lambda p: (ROLE_ORDER.get(p.meta.get("role", ""), 9),
                                                   p.meta.get("name", p.id), p.id))  # fmt: skip
    total = sum(p.amount for p in order)
    now = local_now()
    return {
        "period": period,
        "point_value": rates.to_dict()["point_value"],
        "contributors": {p.id: p.to_dict() for p in order},
        "total_amount": total,
        "total_in_words": amount_words(total),
        # ---- extra keys for the sheets
        "period_label": month_label(period),
        "title": f"Bảng kê chi trả nhuận bút tháng {month}/{year}",
        "rates": rates.to_dict(),
        "rates_file": rates.label,
        "total_points": _number(sum((p.points for p in order), Fraction(0))),
        "counts": {k: sum(p.counts[k] for p in order) for k in KINDS},
        "unpaid": unpaid,
        "unpaid_counts": {r: sum(1 for u in unpaid if u["reason"] == r) for r in REASONS},
        "website_items": len(rows),
        "generated_label": now.strftime("%d/%m/%Y %H:%M"),
        "coverage": coverage(store, start, end, website_items=len(rows)),
    }
