"""What collectors remember between runs: fetch state per URL, listing cursors, named values."""

from __future__ import annotations

import json
import sqlite3

from collectors.dates import utcnow


class StateMixin:
    conn: sqlite3.Connection

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
