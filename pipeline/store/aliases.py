"""The other addresses of an item: every URL a page was reached by that is not its own.

An article page names its own URL (``<link rel="canonical">``, else ``og:url``); a listing may
link it with a navigation parameter, a category path or a trailing slash, a moved article keeps
its old address. Each such address is an alias of the item, kept in ``aliases``, so that a later
night knows the article by any of its URLs without fetching it. An item stored under an address
that turns out to be an alias is merged into the item it stands for: editors' decisions,
contributors and the desk's review move with it, and the audit trail notes the merge.
"""

from __future__ import annotations

import json
import sqlite3

from collectors.dates import utcnow

MERGED_BY = "cdht"  # who the audit trail names for a merge the collection made


class AliasesMixin:
    conn: sqlite3.Connection

    def aliases(self, source: str) -> dict[str, str]:
        """alias -> the key of the item it stands for."""
        return dict(self.conn.execute("SELECT alias, key FROM aliases WHERE source = ?", (source,)).fetchall())

    def aliases_of(self, source: str, key: str) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT alias FROM aliases WHERE source = ? AND key = ? ORDER BY alias", (source, key))]  # fmt: skip

    def same_time_items(self, source: str, published_utc: str) -> list[sqlite3.Row]:
        """Items read whose publish instant is ``published_utc`` (a moved article's old row)."""
        return self.conn.execute(
            "SELECT key, title, lead, status FROM items WHERE source = ? AND published_utc = ?",
            (source, published_utc),
        ).fetchall()

    def save_alias(self, source: str, alias: str, key: str, *, why: str = "") -> str:
        """Record ``alias`` as another address of the item ``key`` (itself resolved, should it
        be an alias) and merge an item stored under ``alias`` into it. Returns the key."""
        target = self.conn.execute(
            "SELECT key FROM aliases WHERE source = ? AND alias = ?", (source, key)
        ).fetchone()
        key = target[0] if target else key
        if not alias or alias == key:
            return key
        self.conn.execute("SAVEPOINT save_alias")
        try:
            self._save_alias(source, alias, key, why)
        except BaseException:
            self.conn.execute("ROLLBACK TO save_alias")
            self.conn.execute("RELEASE save_alias")
            raise
        self.conn.execute("RELEASE save_alias")
        return key

    def _save_alias(self, source: str, alias: str, key: str, why: str) -> None:
        self.conn.execute(
            "INSERT INTO aliases (source, alias, key, first_seen) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (source, alias) DO UPDATE SET key = excluded.key",
            (source, alias, key, utcnow()),
        )
        # an address that stood for the alias stands for the item now; the item is no alias
        self.conn.execute("UPDATE aliases SET key = ? WHERE source = ? AND key = ?", (key, source, alias))
        self.conn.execute("DELETE FROM aliases WHERE source = ? AND alias = ?", (source, key))
        self.merge_item(source, alias, key, why=why)

    def merge_item(self, source: str, old: str, new: str, *, why: str = "") -> bool:
        """Fold the item stored under ``old`` into the one under ``new`` (renamed to ``new``
        when there is none): one article, one item. Returns True when a row was merged."""
        row = self.conn.execute("SELECT * FROM items WHERE source = ? AND key = ?", (source, old)).fetchone()
        if row is None or old == new:
            return False
        kept = self.conn.execute("SELECT * FROM items WHERE source = ? AND key = ?", (source, new)).fetchone()
        url = row["url"][: -len(old)] + new if row["url"].endswith(old) else row["url"]
        if kept is None:
            self.conn.execute("UPDATE items SET key = ?, url = ?, updated_at = ? WHERE id = ?",
                              (new, url, utcnow(), row["id"]))  # fmt: skip
        else:
            if kept["status"] == "pending" and row["status"] == "ok":
                # the page was read under the old address only: its fields are the better ones
                cols = [c for c in row.keys() if c not in ("id", "source", "key", "url", "first_seen")]  # noqa: SIM118
                sets = ", ".join(f"{c} = ?" for c in cols)
                self.conn.execute(f"UPDATE items SET {sets} WHERE id = ?", [row[c] for c in cols] + [kept["id"]])
            self.conn.execute(
                "INSERT OR IGNORE INTO item_contributors (item_id, contributor_id) "
                "SELECT ?, contributor_id FROM item_contributors WHERE item_id = ?",
                (kept["id"], row["id"]),
            )
            self.conn.execute("DELETE FROM items WHERE id = ?", (row["id"],))
        # an editor's decision on either address stays (the item's own wins where both have one)
        self.conn.execute(
            "UPDATE OR IGNORE overrides SET key = ? WHERE source = ? AND key = ?", (new, source, old)
        )
        self.conn.execute("DELETE FROM overrides WHERE source = ? AND key = ?", (source, old))
        self.conn.execute("UPDATE OR IGNORE reviews SET key = ? WHERE source = ? AND key = ?", (new, source, old))
        self.conn.execute("DELETE FROM reviews WHERE source = ? AND key = ?", (source, old))
        self.conn.execute(
            "UPDATE OR IGNORE royalty_marks SET key = ? WHERE source = ? AND key = ?", (new, source, old)
        )
        self.conn.execute("DELETE FROM royalty_marks WHERE source = ? AND key = ?", (source, old))
        self.conn.execute(
            "INSERT INTO audit (at, who, action, target_type, target, field, before, after, note) "
            "VALUES (?, ?, 'merge', 'item', ?, 'key', ?, ?, ?)",
            (utcnow(), MERGED_BY, f"{source}:{new}", json.dumps(old), json.dumps(new),
             why or "cùng một bài dưới hai địa chỉ: gộp làm một"),
        )  # fmt: skip
        return True


# ---------------------------------------------------------------- the upgrade's merge
UPGRADE_WHY = "gộp khi nâng cấp: cùng một bài (cùng tiêu đề, cùng ngày đăng) dưới hai địa chỉ"


def _plain_of(key: str) -> str:
    """The address an alias of the site's shapes stands for: the article's last path segment
    alone, without a query (``/tin-tuc/x-1.html?cid=12`` → ``/x-1.html``)."""
    path = key.split("?", 1)[0].rstrip("/")
    return "/" + path.rsplit("/", 1)[-1]


class _Conn(AliasesMixin):
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn


def merge_stored_aliases(conn: sqlite3.Connection) -> int:
    """Merge each website item stored under an alias (a query, a path prefix, a trailing
    slash) into the item stored under its plain address, when both have the same title (or
    one has none: a pending entry) and the same publish date where both know it. Returns the
    number merged."""
    from collectors.textnorm import fold

    rows = conn.execute(
        "SELECT key, title, local_date FROM items WHERE source = 'website'").fetchall()  # fmt: skip
    by_key = {r[0]: r for r in rows}
    merged = 0
    for key, title, published in rows:
        plain = _plain_of(key)
        kept = by_key.get(plain)
        if plain == key or kept is None:
            continue
        if title and kept[1] and fold(title) != fold(kept[1]):
            continue
        if published and kept[2] and published != kept[2]:
            continue
        _Conn(conn).save_alias("website", key, plain, why=UPGRADE_WHY)
        merged += 1
    return merged
