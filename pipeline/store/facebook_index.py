"""What the store already holds of Facebook posts, to find the stored row an imported post is.

Kept in SQLite temporary tables (not in memory), so that an import of a million rows runs in
bounded memory. Built once per import from the Facebook rows stored before it; the rows an
import writes are "claimed" and never matched again by a later item of the same import.
"""

from __future__ import annotations

import json

from collectors.facebook.common import text_key

_TABLES = """
CREATE TEMP TABLE IF NOT EXISTS fbx_alias (alias TEXT PRIMARY KEY, key TEXT NOT NULL);
CREATE TEMP TABLE IF NOT EXISTS fbx_video (name TEXT NOT NULL, key TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS temp.fbx_video_name ON fbx_video (name);
CREATE TEMP TABLE IF NOT EXISTS fbx_text (minute TEXT NOT NULL, tk TEXT NOT NULL, key TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS temp.fbx_text_mt ON fbx_text (minute, tk);
CREATE TEMP TABLE IF NOT EXISTS fbx_video_only (key TEXT PRIMARY KEY);
CREATE TEMP TABLE IF NOT EXISTS fbx_claimed (key TEXT PRIMARY KEY);
CREATE TEMP TABLE IF NOT EXISTS fbx_written (key TEXT PRIMARY KEY);
"""
_BATCH = 5000


def basename(uri: str) -> str:
    return uri.replace("\\", "/").rsplit("/", 1)[-1].lower()


class KeyIndex:
    def __init__(self, store):
        self.conn = store.conn
        for stmt in _TABLES.strip().split(";\n"):
            if stmt.strip():
                self.conn.execute(stmt)
        for t in (
            "fbx_alias",
            "fbx_video",
            "fbx_text",
            "fbx_video_only",
            "fbx_claimed",
            "fbx_written",
        ):
            self.conn.execute(f"DELETE FROM temp.{t}")
        self._fill()

    def _fill(self) -> None:
        alias, video, text, only = [], [], [], []
        cur = self.conn.execute(
            "SELECT key, published_utc, raw FROM main.items WHERE source = 'facebook'"
        )
        for r in cur:
            try:
                raw = json.loads(r["raw"] or "{}")
            except ValueError:
                raw = {}
            if not isinstance(raw, dict):
                continue
            key = r["key"]
            if raw.get("video_only"):
                only.append((key,))
            alias += [(a, key) for a in raw.get("export_keys") or [] if isinstance(a, str)]
            video += [(basename(u), key) for u in raw.get("videos") or [] if isinstance(u, str)]
            if r["published_utc"]:
                minute = r["published_utc"][:16]
                tks = set(raw.get("text_keys") or []) | {text_key(raw.get("text", ""))}
                text += [(minute, tk, key) for tk in tks]
            if len(text) >= _BATCH:
                self._flush(alias, video, text, only)
                alias, video, text, only = [], [], [], []
        self._flush(alias, video, text, only)

    def _flush(self, alias, video, text, only) -> None:
        c = self.conn
        c.executemany("INSERT OR IGNORE INTO temp.fbx_alias VALUES (?, ?)", alias)
        c.executemany("INSERT INTO temp.fbx_video VALUES (?, ?)", video)
        c.executemany("INSERT INTO temp.fbx_text VALUES (?, ?, ?)", text)
        c.executemany("INSERT OR IGNORE INTO temp.fbx_video_only VALUES (?)", only)

    # ------------------------------------------------------------ lookups
    def stored_key(self, key: str) -> str | None:
        """The stored row's key for ``key`` (itself, or the row an earlier import mapped it to)."""
        if self.conn.execute(
            "SELECT 1 FROM main.items WHERE source = 'facebook' AND key = ?", (key,)
        ).fetchone():
            return key
        row = self.conn.execute("SELECT key FROM temp.fbx_alias WHERE alias = ?", (key,)).fetchone()
        return row[0] if row else None

    def by_video(self, uri: str) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT key FROM temp.fbx_video WHERE name = ?", (basename(uri),))]  # fmt: skip

    def by_text(self, minute: str, tk: str) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT key FROM temp.fbx_text WHERE minute = ? AND tk = ?", (minute, tk))]  # fmt: skip

    def video_only(self, key: str) -> bool:
        return (
            self.conn.execute("SELECT 1 FROM temp.fbx_video_only WHERE key = ?", (key,)).fetchone()
            is not None
        )

    def claimed(self, key: str) -> bool:
        return (
            self.conn.execute("SELECT 1 FROM temp.fbx_claimed WHERE key = ?", (key,)).fetchone()
            is not None
        )

    def claim(self, key: str) -> None:
        self.conn.execute("INSERT OR IGNORE INTO temp.fbx_claimed VALUES (?)", (key,))

    def written(self, key: str) -> bool:
        return (
            self.conn.execute("SELECT 1 FROM temp.fbx_written WHERE key = ?", (key,)).fetchone()
            is not None
        )

    def write(self, key: str) -> None:
        """``key`` was stored by this import (and so is claimed)."""
        self.conn.execute("INSERT OR IGNORE INTO temp.fbx_written VALUES (?)", (key,))
        self.claim(key)


def facebook_keys(store) -> set[str]:
    """Every key a stored Facebook post is known by (its key and the aliases it was met under)."""
    out = set()
    for r in store.conn.execute("SELECT key, raw FROM items WHERE source = 'facebook'"):
        out.add(r["key"])
        try:
            raw = json.loads(r["raw"] or "{}")
        except ValueError:
            continue
        if isinstance(raw, dict):
            out.update(k for k in raw.get("export_keys") or [] if isinstance(k, str))
    return out


def facebook_row(store, key: str):
    """The stored Facebook row ``key`` (its raw, linked_key and link_url), or None."""
    return store.conn.execute(
        "SELECT raw, linked_key, link_url FROM items WHERE source = 'facebook' AND key = ?", (key,)
    ).fetchone()
