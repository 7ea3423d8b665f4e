"""The desk's queries of the store: the item search, the worklist's rows, freshness figures."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from collectors.textnorm import fold
from pipeline.store import Store

FLAGS = {
    "unattributed": "v.eff_unit IS NULL AND v.source = 'website'",
    "repost": "v.is_repost = 1",
    "pending": "v.status = 'pending'",
    "overridden": "v.overridden = 1",
    "with_video": "v.eff_with_video = 1",
    "bulletin": "v.is_bulletin = 1",
    "contest": "v.is_contest = 1",
    "undated": "v.local_date IS NULL",
}


def with_fold(store: Store) -> Store:
    """Register ``fold()`` (Vietnamese-aware case and tone folding) on the connection."""
    store.conn.create_function("fold", 1, fold, deterministic=True)
    return store


def items(store: Store, *, start: str = "", end: str = "", source: str = "", kind: str = "",
          unit: str = "", contributor: str = "", flag: str = "", q: str = "", page: int = 1,
          size: int = 100) -> tuple[list[sqlite3.Row], int]:  # fmt: skip
    """Effective rows by the item list's filters (local dates in [start, end]), newest first:
    (the rows of page ``page``, the total)."""
    where, params = ["1 = 1"], []
    if start:
        where.append("v.local_date BETWEEN ? AND ?")
        params += [start, end]
    if source in ("website", "facebook"):
        where.append("v.source = ?")
        params.append(source)
    if kind in ("news", "article", "video"):
        where.append("v.eff_kind = ?")
        params.append(kind)
    if unit == "none":
        where.append("v.eff_unit IS NULL")
    elif unit:
        where.append("v.eff_unit = ?")
        params.append(unit)
    if contributor:
        where.append(
            "(CASE WHEN v.contributors_override IS NOT NULL "
            "THEN EXISTS (SELECT 1 FROM json_each(v.contributors_override) j WHERE j.value = ?) "
            "ELSE EXISTS (SELECT 1 FROM item_contributors ic WHERE ic.item_id = v.id "
            "AND ic.contributor_id = ?) END)"
        )
        params += [contributor, contributor]
    if flag in FLAGS:
        where.append(FLAGS[flag])
    if q.strip():
        with_fold(store)
        where.append("fold(v.title) LIKE ? ESCAPE '\\'")
        needle = fold(q.strip()).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params.append(f"%{needle}%")
    sql_where = " AND ".join(where)
    total = store.conn.execute(f"SELECT COUNT(*) FROM v_items v WHERE {sql_where}", params).fetchone()[0]
    page = max(1, page)
    rows = store.conn.execute(
        f"SELECT v.* FROM v_items v WHERE {sql_where} "
        "ORDER BY v.published_utc DESC, v.id DESC LIMIT ? OFFSET ?",
        [*params, size, (page - 1) * size],
    ).fetchall()
    return rows, total


def unreviewed(store: Store, start: str, end: str) -> list[sqlite3.Row]:
    """Items dated in [start, end], or undated, that nobody reviewed since they last changed."""
    return store.conn.execute(
        "SELECT v.* FROM v_items v LEFT JOIN reviews r ON r.source = v.source AND r.key = v.key "
        "AND r.at >= v.updated_at "  # looked at since it last changed
        "WHERE r.key IS NULL AND ((v.local_date BETWEEN ? AND ?) OR v.local_date IS NULL) "
        "ORDER BY v.local_date IS NULL DESC, v.published_utc DESC, v.id DESC",
        (start, end),
    ).fetchall()


def existing_keys(store: Store, source: str, keys: Iterable[str]) -> set[str]:
    """Which of ``keys`` are stored items of ``source``."""
    wanted, found = sorted(set(keys)), set()
    for i in range(0, len(wanted), 900):
        chunk = wanted[i : i + 900]
        found |= {r[0] for r in store.conn.execute(
            f"SELECT key FROM items WHERE source = ? AND key IN ({','.join('?' * len(chunk))})",
            [source, *chunk])}  # fmt: skip
    return found


def newest_read(store: Store, source: str) -> str | None:
    """The publish time (UTC) of the newest item of ``source`` that was read."""
    row = store.conn.execute(
        "SELECT published_utc FROM items WHERE +source = ? AND +status = 'ok' AND "
        "published_utc IS NOT NULL ORDER BY published_utc DESC LIMIT 1",  # walk the time index
        (source,),
    ).fetchone()
    return row[0] if row else None
