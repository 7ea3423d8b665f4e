"""The desk's sign-in sessions, kept in the store (table ``desk_sessions``).

The browser's cookie carries a random session id; the store keeps only its SHA-256, the user,
when the session began and when it was last used. A session ends when its row goes: logout,
a new password, disabling the user, "sign out everywhere", or when it is idle or old.
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3

from pipeline.store import Store

TOUCH_EVERY = 60.0  # seconds: last_seen is written at most this often (reads stay reads)


def _hash(sid: str) -> str:
    return hashlib.sha256(sid.encode("utf-8")).hexdigest()


def begin(store: Store, user_id: int, now: float, address: str = "") -> str:
    """A new session of ``user_id``; its id (for the cookie, shown nowhere else)."""
    sid = secrets.token_urlsafe(32)
    store.conn.execute(
        "INSERT INTO desk_sessions (id_hash, user_id, created, last_seen, address) VALUES (?, ?, ?, ?, ?)",
        (_hash(sid), user_id, now, now, address[:100]),
    )
    return sid


def user_id_of(store: Store, sid: str, now: float, idle: float, absolute: float) -> int | None:
    """The user of a live session, else None (an idle or old session is ended here)."""
    if not sid or not isinstance(sid, str):
        return None
    row = store.conn.execute(
        "SELECT user_id, created, last_seen FROM desk_sessions WHERE id_hash = ?", (_hash(sid),)
    ).fetchone()
    if row is None:
        return None
    if now - row["last_seen"] > idle or now - row["created"] > absolute:
        quietly(store, "DELETE FROM desk_sessions WHERE id_hash = ?", (_hash(sid),))
        return None
    if now - row["last_seen"] > TOUCH_EVERY:
        quietly(store, "UPDATE desk_sessions SET last_seen = ? WHERE id_hash = ?", (now, _hash(sid)))
    return row["user_id"]


def quietly(store: Store, sql: str, params: tuple) -> None:
    """A write that may wait for nobody (when a session or token was last used): with the
    store busy it is left for the next request, and a read never waits on the lock."""
    conn = store.conn
    conn.execute("PRAGMA busy_timeout=0")
    try:
        conn.execute(sql, params)
    except sqlite3.OperationalError:
        pass
    finally:
        store.wait_for_lock(store.busy_ms)


def prune(store: Store, now: float, idle: float, absolute: float) -> int:
    """Delete the rows of sessions that have ended by time (called at each sign-in)."""
    return store.conn.execute(
        "DELETE FROM desk_sessions WHERE last_seen < ? OR created < ?", (now - idle, now - absolute)
    ).rowcount


def end(store: Store, sid: str) -> None:
    if sid and isinstance(sid, str):
        store.conn.execute("DELETE FROM desk_sessions WHERE id_hash = ?", (_hash(sid),))


def end_all(store: Store, user_id: int) -> int:
    """End every session of a user; how many there were."""
    return store.conn.execute("DELETE FROM desk_sessions WHERE user_id = ?", (user_id,)).rowcount


def count(store: Store, user_id: int) -> int:
    return store.conn.execute("SELECT COUNT(*) FROM desk_sessions WHERE user_id = ?", (user_id,)).fetchone()[0]
