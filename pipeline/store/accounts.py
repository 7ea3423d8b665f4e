"""Accounts of the desk: users with a role, argon2 password hashes, API tokens.

A password is stored only as its argon2 hash; an API token only as its SHA-256 (a token is 32
random bytes, so a fast hash is enough and lets a request be checked with one lookup).
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from collectors.dates import utcnow
from pipeline.store import Store

ROLES = ("viewer", "editor", "admin")
ROLE_RANK = {r: n for n, r in enumerate(ROLES)}
ROLE_VI = {"viewer": "Xem", "editor": "Biên tập", "admin": "Quản trị"}
MIN_PASSWORD = 8

_hasher = PasswordHasher()
# a hash to verify against when the user does not exist, so both cases take the same time
_DUMMY = _hasher.hash("not a password of anyone")


class AccountError(ValueError):
    """A bad user name, role or password; the message is for the person who typed it."""


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str

    def can(self, role: str) -> bool:
        return ROLE_RANK[self.role] >= ROLE_RANK[role]


def _user(row: sqlite3.Row | None) -> User | None:
    return User(row["id"], row["name"], row["role"]) if row else None


def check_role(role: str) -> str:
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r} (one of: {', '.join(ROLES)})")
    return role


def add_user(store: Store, name: str, role: str, password: str) -> User:
    """Create a user, or set the role and password of an existing one."""
    name = (name or "").strip()
    if not name or len(name) > 64 or any(c.isspace() for c in name):
        raise AccountError("a user name is 1 to 64 characters without spaces")
    check_role(role)
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"the password needs at least {MIN_PASSWORD} characters")
    now, digest = utcnow(), _hasher.hash(password)
    store.conn.execute(
        "INSERT INTO users (name, role, password_hash, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET role = excluded.role, "
        "password_hash = excluded.password_hash, disabled = 0, updated_at = excluded.updated_at",
        (name, role, digest, now, now),
    )
    return get_user(store, name)


def get_user(store: Store, name: str) -> User | None:
    return _user(
        store.conn.execute(
            "SELECT * FROM users WHERE name = ? AND disabled = 0", (name,)
        ).fetchone()
    )


def user_row(store: Store, name: str) -> sqlite3.Row | None:
    """A user's row, disabled or not (role, disabled), for changing it."""
    return store.conn.execute("SELECT role, disabled FROM users WHERE name = ?", (name,)).fetchone()


def user_by_id(store: Store, user_id: int) -> User | None:
    return _user(
        store.conn.execute(
            "SELECT * FROM users WHERE id = ? AND disabled = 0", (user_id,)
        ).fetchone()
    )


def list_users(store: Store) -> list[sqlite3.Row]:
    return store.conn.execute(
        "SELECT u.id, u.name, u.role, u.disabled, u.created_at, "
        "(SELECT COUNT(*) FROM api_tokens t WHERE t.user_id = u.id) AS tokens "
        "FROM users u ORDER BY u.name"
    ).fetchall()


def set_role(store: Store, name: str, role: str, *, disabled: bool = False) -> None:
    check_role(role)
    store.conn.execute(
        "UPDATE users SET role = ?, disabled = ?, updated_at = ? WHERE name = ?",
        (role, int(disabled), utcnow(), name),
    )


def authenticate(store: Store, name: str, password: str) -> User | None:
    """The user if the password is right, else None (same work either way)."""
    row = store.conn.execute(
        "SELECT * FROM users WHERE name = ? AND disabled = 0", ((name or "").strip(),)
    ).fetchone()
    try:
        _hasher.verify(row["password_hash"] if row else _DUMMY, password or "")
    except (VerificationError, InvalidHashError):
        return None
    if row is None:
        return None
    if _hasher.check_needs_rehash(row["password_hash"]):
        store.conn.execute(
            "UPDATE users SET password_hash = ? WHERE id = ?", (_hasher.hash(password), row["id"])
        )
    return _user(row)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token(store: Store, name: str) -> str:
    """A new API token for ``name`` (shown once; only its hash is kept)."""
    user = get_user(store, name)
    if user is None:
        raise AccountError(f"no user {name!r} (create it with `cdht user add {name} --role …`)")
    token = "cdht_" + secrets.token_urlsafe(32)
    store.conn.execute(
        "INSERT INTO api_tokens (user_id, token_hash, created_at) VALUES (?, ?, ?)",
        (user.id, token_hash(token), utcnow()),
    )
    return token


def user_for_token(store: Store, token: str) -> User | None:
    if not token:
        return None
    row = store.conn.execute(
        "SELECT u.*, t.id AS token_id FROM api_tokens t JOIN users u ON u.id = t.user_id "
        "WHERE t.token_hash = ? AND u.disabled = 0",
        (token_hash(token),),
    ).fetchone()
    if row is None:
        return None
    store.conn.execute("UPDATE api_tokens SET last_used = ? WHERE id = ?", (utcnow(), row["token_id"]))
    return _user(row)


def revoke_tokens(store: Store, name: str) -> int:
    cur = store.conn.execute(
        "DELETE FROM api_tokens WHERE user_id = (SELECT id FROM users WHERE name = ?)", (name,)
    )
    return cur.rowcount
