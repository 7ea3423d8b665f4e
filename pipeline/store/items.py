"""Items, their contributors and editors' overrides: what collectors saw and what editors decided."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from collectors.dates import utcnow


class ItemsMixin:
    conn: sqlite3.Connection

    ITEM_COLUMNS = (
        "url", "title", "published_utc", "local_date", "date_source", "category",
        "category_source", "lead", "words", "byline", "has_player", "media_type", "link_url",
        "kind", "kind_reason", "with_video", "unit_id", "unit_reason", "is_repost",
        "is_bulletin", "is_contest", "status", "error", "linked_key", "raw", "provenance", "flags",
    )  # fmt: skip

    def upsert_item(self, row: dict, contributors: Iterable[str] = ()) -> str:
        """Insert or update one item by (source, key); return 'new', 'updated' or 'same'.

        A pending row (listed, page not fetched) never overwrites a fetched one.
        """
        source, key = row.get("source"), row.get("key")
        if not source or not key:
            raise ValueError(f"an item needs a source and a key, got {source!r}, {key!r}")
        values = {c: row.get(c) for c in self.ITEM_COLUMNS if c in row}
        for col in ("raw", "provenance", "flags"):
            if isinstance(values.get(col), dict | list):
                values[col] = json.dumps(values[col], ensure_ascii=False, sort_keys=True)
        old = self.conn.execute(
            "SELECT * FROM items WHERE source = ? AND key = ?", (source, key)
        ).fetchone()
        now = utcnow()
        if old is not None and old["status"] == "ok" and values.get("status") == "pending":
            return "same"
        if old is None:
            cols = ["source", "key", "first_seen", "updated_at", *values]
            params = [source, key, now, now, *values.values()]
            cur = self.conn.execute(
                f"INSERT INTO items ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                params,
            )
            item_id, outcome = cur.lastrowid, "new"
        else:
            item_id = old["id"]
            changed = {k: v for k, v in values.items() if old[k] != v}
            if changed:
                sets = ", ".join(f"{k} = ?" for k in changed)
                self.conn.execute(
                    f"UPDATE items SET {sets}, updated_at = ? WHERE id = ?",
                    [*changed.values(), now, item_id],
                )
            outcome = "updated" if changed else "same"
        new_contribs = sorted(set(contributors))
        old_contribs = [
            r[0]
            for r in self.conn.execute(
                "SELECT contributor_id FROM item_contributors WHERE item_id = ? ORDER BY 1",
                (item_id,),
            )
        ]
        if new_contribs != old_contribs:
            self.conn.execute("DELETE FROM item_contributors WHERE item_id = ?", (item_id,))
            self.conn.executemany(
                "INSERT INTO item_contributors (item_id, contributor_id) VALUES (?, ?)",
                [(item_id, c) for c in new_contribs],
            )
            if outcome == "same":
                outcome = "updated"
        return outcome

    def get_item(self, source: str, key: str) -> sqlite3.Row | None:
        return self.conn.execute(
            "SELECT * FROM v_items WHERE source = ? AND key = ?", (source, key)
        ).fetchone()

    def get_item_by_id(self, item_id: int) -> sqlite3.Row | None:
        return self.conn.execute("SELECT * FROM v_items WHERE id = ?", (item_id,)).fetchone()

    def months_with_items(self, limit: int = 36) -> list[str]:
        """The newest ``limit`` months (YYYY-MM) that hold a dated item, newest first.

        A walk down the ``local_date`` index, one lookup per month: the month before ``m`` is
        that of the newest date below ``m`` (every date of ``m`` sorts after the bare "YYYY-MM").
        """
        return [r[0] for r in self.conn.execute(
            "WITH RECURSIVE m (month) AS ("
            " SELECT substr(MAX(local_date), 1, 7) FROM items"
            " UNION ALL"
            " SELECT (SELECT substr(MAX(local_date), 1, 7) FROM items WHERE local_date < m.month)"
            " FROM m WHERE m.month IS NOT NULL"
            ") SELECT month FROM m WHERE month IS NOT NULL LIMIT ?", (limit,))]  # fmt: skip

    def oldest_local_date(self, source: str) -> str | None:
        """The local date (YYYY-MM-DD) of the oldest dated item of ``source``; None if none."""
        return self.conn.execute(
            "SELECT MIN(local_date) FROM items WHERE source = ? AND local_date IS NOT NULL", (source,)
        ).fetchone()[0]

    def byline_names_raw(self) -> list[str]:
        """The ``raw`` of every website item with a byline that is not a repost."""
        return [r[0] for r in self.conn.execute(
            "SELECT raw FROM items WHERE source = 'website' AND is_repost = 0 AND byline <> ''")]  # fmt: skip

    def data_stamp(self) -> int:
        """Changes whenever anything a month report reads changes, whichever process changed
        it (items, their contributors, decisions, runs, the registry, plan marks): the
        ``change_counter`` the schema's triggers raise on every such write."""
        return self.conn.execute("SELECT n FROM change_counter WHERE id = 1").fetchone()[0]

    def ping(self) -> None:
        """A query that touches the database file (the desk's health check)."""
        self.conn.execute("SELECT 1").fetchone()

    def known_keys(self, source: str, *, fetched_only: bool = True) -> set[str]:
        sql = "SELECT key FROM items WHERE source = ?"
        if fetched_only:
            sql += " AND status = 'ok'"
        return {r[0] for r in self.conn.execute(sql, (source,))}

    def newest_keys(self, source: str, n: int) -> list[str]:
        """The keys of the ``n`` most recently published items that were read."""
        rows = self.conn.execute(
            "SELECT key FROM items WHERE source = ? AND status = 'ok' "
            "AND published_utc IS NOT NULL ORDER BY published_utc DESC LIMIT ?",
            (source, n),
        ).fetchall()
        return [r[0] for r in rows]

    def keys_published_after(self, source: str, published_utc: str) -> set[str]:
        rows = self.conn.execute(
            "SELECT key FROM items WHERE source = ? AND published_utc > ?", (source, published_utc)
        ).fetchall()
        return {r[0] for r in rows}

    def count_without_own_category(self, source: str) -> int:
        """Items read whose category came from a listing or feed, not from their own page."""
        return self.conn.execute(
            "SELECT COUNT(*) FROM items WHERE source = ? AND status = 'ok' "
            "AND category_source IN ('', 'listing', 'feed category')",
            (source,),
        ).fetchone()[0]

    def items_between(
        self, start: str, end: str, source: str | None = None, *,
        columns: Iterable[str] | None = None,
    ) -> list[sqlite3.Row]:  # fmt: skip
        """Effective rows whose local publish date lies in [start, end] (YYYY-MM-DD), in
        publish order; ``columns``: only these columns of ``v_items`` (default: all)."""
        cols = "*"
        if columns is not None:
            names = list(columns)
            if not names or not all(c.isidentifier() for c in names):
                raise ValueError(f"not a list of column names: {names!r}")
            cols = ", ".join(names)
        sql = f"SELECT {cols} FROM v_items WHERE local_date BETWEEN ? AND ?"
        params: list = [start, end]
        if source:
            sql += " AND source = ?"
            params.append(source)
        return self.conn.execute(sql + " ORDER BY published_utc, id", params).fetchall()

    def count_items(self, source: str, *, status: str | None = None, undated: bool = False) -> int:
        sql, params = "SELECT COUNT(*) FROM items WHERE source = ?", [source]
        if status:
            sql += " AND status = ?"
            params.append(status)
        if undated:
            sql += " AND local_date IS NULL"
        return self.conn.execute(sql, params).fetchone()[0]

    def count_between(self, source: str, start: str, end: str, *, with_video: bool = False) -> int:
        """Items whose local publish date lies in [start, end] (YYYY-MM-DD)."""
        sql = "SELECT COUNT(*) FROM v_items WHERE source = ? AND local_date BETWEEN ? AND ?"
        if with_video:
            sql += " AND eff_with_video = 1"
        return self.conn.execute(sql, (source, start, end)).fetchone()[0]

    def has_items_between(self, start: str, end: str, sources: Iterable[str] = ("website", "facebook")) -> bool:
        """Whether any item of ``sources`` was published on a local day in [start, end]
        (YYYY-MM-DD): one lookup on the ``local_date`` index, however many items there are."""
        names = list(sources)
        marks = ", ".join("?" * len(names))
        sql = f"SELECT 1 FROM items WHERE local_date BETWEEN ? AND ? AND source IN ({marks}) LIMIT 1"
        return self.conn.execute(sql, [start, end, *names]).fetchone() is not None

    def newest_published(self, source: str, *, status: str | None = None) -> str | None:
        sql, params = "SELECT MAX(published_utc) FROM items WHERE source = ?", [source]
        if status:
            sql += " AND status = ?"
            params.append(status)
        return self.conn.execute(sql, params).fetchone()[0]

    def newest_change(self, source: str) -> str | None:
        """When an item of ``source`` was last stored or changed (UTC)."""
        return self.conn.execute(
            "SELECT MAX(updated_at) FROM items WHERE source = ?", (source,)
        ).fetchone()[0]

    def kind_counts(self, source: str, start: str, end: str) -> dict[str, int]:
        """Effective kinds (overrides applied) of the items dated in [start, end]."""
        return dict(
            self.conn.execute(
                "SELECT eff_kind, COUNT(*) FROM v_items WHERE source = ? "
                "AND local_date BETWEEN ? AND ? GROUP BY eff_kind",
                (source, start, end),
            ).fetchall()
        )

    def all_items(self, source: str | None = None, columns: str = "*") -> list[sqlite3.Row]:
        """Every stored row as collected (no overrides applied), for reprocessing and indexes."""
        sql = f"SELECT {columns} FROM items"
        if source:
            return self.conn.execute(sql + " WHERE source = ?", (source,)).fetchall()
        return self.conn.execute(sql).fetchall()

    def contributors_of(self, item_ids: Iterable[int]) -> dict[int, list[str]]:
        """Effective contributors per item id (an editor's list replaces the derived one)."""
        ids = list(item_ids)
        out: dict[int, list[str]] = {i: [] for i in ids}
        for chunk in (ids[i : i + 900] for i in range(0, len(ids), 900)):
            marks = ",".join("?" * len(chunk))
            for r in self.conn.execute(
                f"SELECT item_id, contributor_id FROM item_contributors "
                f"WHERE item_id IN ({marks}) ORDER BY contributor_id",
                chunk,
            ):
                out[r[0]].append(r[1])
            for r in self.conn.execute(
                f"SELECT i.id, o.value FROM items i JOIN overrides o ON o.source = i.source "
                f"AND o.key = i.key AND o.field = 'contributors' WHERE i.id IN ({marks})",
                chunk,
            ):
                out[r[0]] = list(json.loads(r[1]))
        return out

    def set_override(self, source: str, key: str, field: str, value: str, note: str = "") -> None:
        self.conn.execute(
            "INSERT INTO overrides (source, key, field, value, note, set_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (source, key, field) DO UPDATE SET "
            "value = excluded.value, note = excluded.note, set_at = excluded.set_at",
            (source, key, field, value, note, utcnow()),
        )

    def clear_override(self, source: str, key: str, field: str) -> bool:
        cur = self.conn.execute(
            "DELETE FROM overrides WHERE source = ? AND key = ? AND field = ?",
            (source, key, field),
        )
        return cur.rowcount > 0

    def override_notes(self, start: str, end: str) -> list[sqlite3.Row]:
        """Editors' decisions that carry a note, on items dated in [start, end]."""
        return self.conn.execute(
            "SELECT o.source, o.key, o.field, o.value, o.note, o.set_at, i.title FROM overrides o "
            "JOIN items i ON i.source = o.source AND i.key = o.key "
            "WHERE o.note <> '' AND i.local_date BETWEEN ? AND ? ORDER BY o.set_at",
            (start, end),
        ).fetchall()

    def overrides_for(self, source: str, key: str) -> dict[str, str]:
        return {
            r["field"]: r["value"]
            for r in self.conn.execute(
                "SELECT field, value FROM overrides WHERE source = ? AND key = ?", (source, key)
            )
        }
