"""The SQLite store: schema, migrations, upserts and the effective view of items.

Collected fields and editors' decisions are kept apart: ``items`` holds what collectors saw
and what the pipeline derived from it; ``overrides`` holds what an editor set, keyed by the
item's identity (source + key), so a decision survives every later collection. The view
``v_items`` is what quotas and reports read: the derived values with overrides applied.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import platformdirs

from collectors.dates import utcnow


class StoreError(Exception):
    """The database cannot be opened or written."""


def default_db_path() -> Path:
    return Path(platformdirs.user_data_dir("cdht", appauthor=False)) / "cdht.sqlite"


MIGRATIONS: list[tuple[str, str]] = [
    (
        "initial schema",
        """
        CREATE TABLE items (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL CHECK (source IN ('website', 'facebook')),
            key TEXT NOT NULL CHECK (key <> ''),
            url TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL DEFAULT '',
            published_utc TEXT,            -- ISO 8601 UTC, 'YYYY-MM-DDTHH:MM:SSZ'
            local_date TEXT,               -- YYYY-MM-DD in Asia/Ho_Chi_Minh
            date_source TEXT NOT NULL DEFAULT '',
            category TEXT NOT NULL DEFAULT '',
            category_source TEXT NOT NULL DEFAULT '',
            lead TEXT NOT NULL DEFAULT '',
            words INTEGER NOT NULL DEFAULT 0,
            byline TEXT NOT NULL DEFAULT '',
            has_player INTEGER NOT NULL DEFAULT 0,
            media_type TEXT NOT NULL DEFAULT '',
            link_url TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL DEFAULT 'news' CHECK (kind IN ('news', 'article', 'video')),
            kind_reason TEXT NOT NULL DEFAULT '',
            with_video INTEGER NOT NULL DEFAULT 0,
            unit_id TEXT,
            unit_reason TEXT NOT NULL DEFAULT '',
            is_repost INTEGER NOT NULL DEFAULT 0,
            is_bulletin INTEGER NOT NULL DEFAULT 0,
            is_contest INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'pending')),
            error TEXT NOT NULL DEFAULT '',
            linked_key TEXT NOT NULL DEFAULT '',   -- facebook post -> website item key
            raw TEXT NOT NULL DEFAULT '{}',
            first_seen TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (source, key)
        );
        CREATE INDEX items_local_date ON items (source, local_date);

        CREATE TABLE item_contributors (
            item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
            contributor_id TEXT NOT NULL,
            PRIMARY KEY (item_id, contributor_id)
        );

        CREATE TABLE overrides (
            source TEXT NOT NULL,
            key TEXT NOT NULL,
            field TEXT NOT NULL CHECK (field IN ('kind', 'unit', 'contributors', 'published')),
            value TEXT NOT NULL,           -- kind name, unit id ('' = none), JSON list, ISO date
            note TEXT NOT NULL DEFAULT '',
            set_at TEXT NOT NULL,
            PRIMARY KEY (source, key, field)
        );

        CREATE TABLE fetch_state (
            url TEXT PRIMARY KEY,
            etag TEXT,
            last_modified TEXT,
            body_hash TEXT,
            http_status INTEGER,
            failures REAL NOT NULL DEFAULT 0,
            next_attempt TEXT,
            last_fetched TEXT,
            error TEXT NOT NULL DEFAULT ''
        );

        CREATE TABLE listing_state (
            slug TEXT PRIMARY KEY,
            backfill_complete INTEGER NOT NULL DEFAULT 0,
            resume_page INTEGER NOT NULL DEFAULT 1,
            updated_at TEXT NOT NULL
        );

        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            command TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            outcome TEXT NOT NULL DEFAULT 'running'
                CHECK (outcome IN ('running', 'ok', 'partial', 'failed', 'interrupted')),
            items_new INTEGER NOT NULL DEFAULT 0,
            items_updated INTEGER NOT NULL DEFAULT 0,
            requests INTEGER NOT NULL DEFAULT 0,
            errors INTEGER NOT NULL DEFAULT 0,
            message TEXT NOT NULL DEFAULT '',
            pid INTEGER
        );

        CREATE TABLE run_errors (
            run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            at TEXT NOT NULL,
            url TEXT NOT NULL DEFAULT '',
            message TEXT NOT NULL
        );

        CREATE VIEW v_items AS
        SELECT i.*,
               COALESCE(ok.value, i.kind) AS eff_kind,
               CASE WHEN ou.source IS NOT NULL THEN NULLIF(ou.value, '') ELSE i.unit_id END
                   AS eff_unit,
               CASE WHEN ou.source IS NOT NULL THEN 'override' ELSE i.unit_reason END
                   AS eff_unit_reason,
               (ok.source IS NOT NULL OR ou.source IS NOT NULL OR oc.source IS NOT NULL)
                   AS overridden,
               oc.value AS contributors_override
        FROM items i
        LEFT JOIN overrides ok ON ok.source = i.source AND ok.key = i.key AND ok.field = 'kind'
        LEFT JOIN overrides ou ON ou.source = i.source AND ou.key = i.key AND ou.field = 'unit'
        LEFT JOIN overrides oc ON oc.source = i.source AND oc.key = i.key
                                AND oc.field = 'contributors';
        """,
    ),
    (
        "key-value state (discovered feeds and categories)",
        """
        CREATE TABLE kv (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        """,
    ),
    (
        "how each field was found, and why an item is uncertain",
        """
        -- JSON object: field -> the rule that gave it (title, date, category, lead, body, byline)
        ALTER TABLE items ADD COLUMN provenance TEXT NOT NULL DEFAULT '{}';
        -- JSON list of Vietnamese reasons for the data-quality list ([] = nothing to check)
        ALTER TABLE items ADD COLUMN flags TEXT NOT NULL DEFAULT '[]';
        """,
    ),
]


class Store:
    """A connection to one SQLite file, migrated to the current schema on open."""

    def __init__(self, path: Path | str, *, readonly: bool = False):
        self.path = Path(path)
        try:
            if not readonly:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            elif not self.path.exists():
                raise StoreError(f"{self.path}: no database here (run `cdht collect` first)")
            self.conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA busy_timeout=30000")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open the database ({exc})") from None
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot open the database ({exc})") from None

    # ------------------------------------------------------------ basics
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def migrate(self) -> None:
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        done = {r[0] for r in self.conn.execute("SELECT version FROM schema_migrations")}
        for version, (name, sql) in enumerate(MIGRATIONS, start=1):
            if version in done:
                continue
            with self.transaction() as c:
                for statement in _split_sql(sql):
                    c.execute(statement)
                c.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (version, name, utcnow()),
                )

    @property
    def schema_version(self) -> int:
        return self.conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0]

    # ------------------------------------------------------------ items
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
        self, start: str, end: str, source: str | None = None
    ) -> list[sqlite3.Row]:
        """Effective rows whose local publish date lies in [start, end] (YYYY-MM-DD)."""
        sql = "SELECT * FROM v_items WHERE local_date BETWEEN ? AND ?"
        params: list = [start, end]
        if source:
            sql += " AND source = ?"
            params.append(source)
        return self.conn.execute(sql + " ORDER BY published_utc, id", params).fetchall()

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

    # ------------------------------------------------------------ overrides
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

    def overrides_for(self, source: str, key: str) -> dict[str, str]:
        return {
            r["field"]: r["value"]
            for r in self.conn.execute(
                "SELECT field, value FROM overrides WHERE source = ? AND key = ?", (source, key)
            )
        }

    # ------------------------------------------------------------ fetch and listing state
    def fetch_state(self, url: str) -> sqlite3.Row | None:
        return self.conn.execute("SELECT * FROM fetch_state WHERE url = ?", (url,)).fetchone()

    def save_fetch_state(self, url: str, **fields) -> None:
        cols = ["url", *fields]
        updates = ", ".join(f"{k} = excluded.{k}" for k in fields)
        self.conn.execute(
            f"INSERT INTO fetch_state ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) "
            f"ON CONFLICT (url) DO UPDATE SET {updates}",
            [url, *fields.values()],
        )

    def listing_state(self, slug: str) -> sqlite3.Row | None:
        return self.conn.execute("SELECT * FROM listing_state WHERE slug = ?", (slug,)).fetchone()

    def save_listing_state(self, slug: str, *, backfill_complete: bool, resume_page: int) -> None:
        self.conn.execute(
            "INSERT INTO listing_state (slug, backfill_complete, resume_page, updated_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (slug) DO UPDATE SET "
            "backfill_complete = MAX(listing_state.backfill_complete, excluded.backfill_complete),"
            " resume_page = excluded.resume_page, updated_at = excluded.updated_at",
            (slug, int(backfill_complete), resume_page, utcnow()),
        )

    def get_kv(self, key: str, default=None):
        row = self.conn.execute("SELECT value FROM kv WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def set_kv(self, key: str, value) -> None:
        self.conn.execute(
            "INSERT INTO kv (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE "
            "SET value = excluded.value, updated_at = excluded.updated_at",
            (key, json.dumps(value, ensure_ascii=False), utcnow()),
        )

    # ------------------------------------------------------------ runs
    def start_run(self, command: str, pid: int | None = None) -> int:
        cur = self.conn.execute(
            "INSERT INTO runs (command, started_at, pid) VALUES (?, ?, ?)",
            (command, utcnow(), pid),
        )
        return cur.lastrowid

    def finish_run(self, run_id: int, outcome: str, **counts) -> None:
        sets = ", ".join(f"{k} = ?" for k in counts)
        self.conn.execute(
            f"UPDATE runs SET finished_at = ?, outcome = ?{', ' + sets if sets else ''} "
            "WHERE id = ?",
            [utcnow(), outcome, *counts.values(), run_id],
        )

    def run_error(self, run_id: int, message: str, url: str = "") -> None:
        self.conn.execute(
            "INSERT INTO run_errors (run_id, at, url, message) VALUES (?, ?, ?, ?)",
            (run_id, utcnow(), url, message),
        )
        self.conn.execute("UPDATE runs SET errors = errors + 1 WHERE id = ?", (run_id,))

    def runs(self, limit: int = 20) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT * FROM runs ORDER BY id DESC LIMIT ?", (limit,)
        ).fetchall()


def _split_sql(script: str) -> list[str]:
    """Split a migration into statements (sqlite3.complete_statement knows where each ends)."""
    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
