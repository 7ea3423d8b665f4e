"""Helpers for the quota tests: rows inserted straight into a real store."""

from __future__ import annotations

from datetime import UTC, datetime

from collectors.dates import LOCAL

_seq = iter(range(1, 10**9))


def add(
    store, when: str, *, source: str = "website", key: str | None = None, contributors=(), **fields
):
    """Insert one item published at local time ``when`` ('YYYY-MM-DD' or 'YYYY-MM-DD HH:MM')."""
    fmt = "%Y-%m-%d %H:%M" if " " in when else "%Y-%m-%d"
    local = datetime.strptime(when, fmt).replace(tzinfo=LOCAL)
    n = next(_seq)
    row = {
        "source": source,
        "key": key or (f"/tin-tuc/item-{n}" if source == "website" else f"fb-{n}"),
        "url": f"https://congdoanhatinh.vn/tin-tuc/item-{n}" if source == "website" else "",
        "title": fields.pop("title", f"Tin số {n}"),
        "published_utc": local.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "local_date": local.date().isoformat(),
        "kind": "news",
    }
    row.update(fields)
    store.upsert_item(row, contributors)
    return row


def by_id(results, qid, period=None):
    hits = [r for r in results if (r["id"] if isinstance(r, dict) else r.id) == qid]
    if period is not None:
        hits = [r for r in hits if (r["period"] if isinstance(r, dict) else r.period) == period]
    assert len(hits) == 1, f"{qid} {period}: {len(hits)} results"
    return hits[0]
