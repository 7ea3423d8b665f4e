"""Editors' royalty decisions about website items: an item's points (within its kind's range,
checked by the caller against the rates) and the "không tính nhuận bút" mark. Kept apart from
``overrides`` (they change no count of NQ 06), keyed the same way by the item's identity, and
changed only through :func:`pipeline.store.audit.decide`, which records each change.
"""

from __future__ import annotations

import json

from collectors.dates import utcnow
from pipeline.store import Store

FIELDS = ("points", "no_royalty")


def get(store: Store, source: str, key: str, field: str):
    """The decided value (a number for points, True for no_royalty) or None."""
    row = store.conn.execute(
        "SELECT value FROM royalty_marks WHERE source = ? AND key = ? AND field = ?",
        (source, key, field),
    ).fetchone()
    return None if row is None else json.loads(row[0])


def put(store: Store, source: str, key: str, field: str, value, note: str = "") -> None:
    """Set (``value`` not None) or clear (None) one mark."""
    if value is None:
        store.conn.execute(
            "DELETE FROM royalty_marks WHERE source = ? AND key = ? AND field = ?",
            (source, key, field),
        )
        return
    store.conn.execute(
        "INSERT INTO royalty_marks (source, key, field, value, note, set_at) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (source, key, field) DO UPDATE SET "
        "value = excluded.value, note = excluded.note, set_at = excluded.set_at",
        (source, key, field, json.dumps(value), note, utcnow()),
    )


def marks_for(store: Store, source: str, key: str) -> dict:
    """{field: value} of one item."""
    return {
        r[0]: json.loads(r[1])
        for r in store.conn.execute(
            "SELECT field, value FROM royalty_marks WHERE source = ? AND key = ? ORDER BY field",
            (source, key),
        )
    }


def marks_between(store: Store, start: str, end: str) -> dict[str, dict]:
    """{item key: {field: value}} of the website items dated in [start, end]."""
    out: dict[str, dict] = {}
    for r in store.conn.execute(
        "SELECT m.key, m.field, m.value FROM royalty_marks m JOIN items i "
        "ON i.source = m.source AND i.key = m.key "
        "WHERE m.source = 'website' AND i.local_date BETWEEN ? AND ?",
        (start, end),
    ):
        out.setdefault(r[0], {})[r[1]] = json.loads(r[2])
    return out
