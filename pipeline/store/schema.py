"""Applying the schema's named migrations (``pipeline/store/migrations.py``) in order, each
recorded by name in ``schema_migrations``.

A database that records a migration this version does not know was written by a newer version
of cdht, and is refused rather than written to.
"""

from __future__ import annotations

import sqlite3

from collectors.dates import utcnow
from pipeline.store.migrations import MIGRATIONS


class SchemaError(Exception):
    """The database's schema is not one this version can use (``for_people``: the message is
    already a Vietnamese sentence that says what to do)."""

    def __init__(self, message: str, *, for_people: bool = False):
        super().__init__(message)
        self.for_people = for_people


def recorded(conn: sqlite3.Connection) -> set[str]:
    """The names of the migrations this database has (none for a new, empty file)."""
    has = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
    ).fetchone()
    if not has:
        return set()
    return {r[0] for r in conn.execute("SELECT name FROM schema_migrations")}


def recorded_version(conn: sqlite3.Connection) -> int:
    """The database's schema number (0 for a new file)."""
    if not recorded(conn):
        return 0
    return conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0] or 0


def check_known(done: set[str], path) -> None:
    """Refuse a database that records a migration this version does not know."""
    unknown = sorted(done - {name for name, _ in MIGRATIONS})
    if unknown:
        raise SchemaError(
            f"Cơ sở dữ liệu {path} do một bản cdht mới hơn ghi: bản này không đọc và không ghi "
            "nó. Hãy cài bản cdht mới hơn (docs/INSTALL.md), hoặc dùng bản sao lưu làm trước khi "
            f"nâng cấp. (this database was written by a newer version of cdht: it has the "
            f"migration(s) {', '.join(repr(u) for u in unknown)}; upgrade cdht to use it)",
            for_people=True,
        )


def pending(done: set[str]) -> list[str]:
    return [name for name, _ in MIGRATIONS if name not in done]


def migrate(conn: sqlite3.Connection, path) -> None:
    """Apply the migrations the database lacks, each in its own transaction.

    Each is checked again once its transaction holds the write lock, so two processes that
    open an old database at the same moment apply every migration once.
    """
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    done = recorded(conn)
    check_known(done, path)
    for name, sql in MIGRATIONS:
        if name in done:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            if conn.execute("SELECT 1 FROM schema_migrations WHERE name = ?", (name,)).fetchone():
                conn.execute("COMMIT")
                continue
            if callable(sql):  # a migration of the data itself, written in Python
                sql(conn)
            else:
                for statement in _split_sql(sql):
                    conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES "
                "((SELECT COALESCE(MAX(version), 0) + 1 FROM schema_migrations), ?, ?)",
                (name, utcnow()),
            )
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


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
