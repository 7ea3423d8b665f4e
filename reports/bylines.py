"""What the contributor report adds for the editors: the names in bylines that match nobody
in contributors.toml (with how many items carry each), and the notes editors left with their
decisions (``cdht item … --note``)."""

from __future__ import annotations

from collections import Counter
from datetime import date

from pipeline.settings import Config
from pipeline.store import Store
from reports.common import local_time


def unknown_bylines(rows, config: Config) -> list[dict]:
    """[{"name", "count", "example"}] of byline names no contributor answers to, most first."""
    from pipeline.ingest import engines

    attributor = engines(config)[1]
    counts: Counter = Counter()
    spelled: dict[str, str] = {}
    example: dict[str, str] = {}
    for row in rows:
        if row["is_repost"] or not (row["byline"] or "").strip():
            continue
        on = date.fromisoformat(row["local_date"]) if row["local_date"] else None
        for name in attributor.names(row["byline"]):
            if attributor.contributor_ids([name], on):
                continue
            key = " ".join(name.lower().split())
            counts[key] += 1
            spelled.setdefault(key, name)
            example.setdefault(key, row["key"])
    return [{"name": spelled[k], "count": n, "example": example[k]}
            for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]  # fmt: skip


FIELD_VI = {"kind": "loại", "unit": "đơn vị", "contributors": "người viết", "published": "ngày đăng"}


def editor_notes(store: Store, start: date, end: date) -> list[dict]:
    """The notes editors wrote with their decisions on the period's items."""
    rows = store.override_notes(start.isoformat(), end.isoformat())
    out = []
    for r in rows:
        at = local_time(r["set_at"])
        out.append({
            "key": r["key"], "title": r["title"], "field": r["field"],
            "field_vi": FIELD_VI.get(r["field"], r["field"]), "value": r["value"],
            "note": r["note"], "set_at_label": at.strftime("%d/%m/%Y %H:%M") if at else "",
        })  # fmt: skip
    return out
