"""Accounts of the desk: users with a role, argon2 password hashes, API tokens.

A password is stored only as its argon2 hash; an API token only as its SHA-256 (a token is 32
random bytes, so a fast hash is enough and lets a request be checked with one lookup).
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from collectors.dates import utcnow
from pipeline.store import Store
from pipeline.store.sessions import end_all, quietly

ROLES = ("viewer", "editor", "admin")
ROLE_RANK = {r: n for n, r in enumerate(ROLES)}
ROLE_VI = {"viewer": "Xem", "editor": "Biên tập", "admin": "Quản trị"}
MIN_PASSWORD = 8
PREFIX = 12  # characters of a token kept to tell it apart ("cdht_" and 7 more)

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
        raise AccountError(f"không có vai trò «{role}»: chọn {', '.join(ROLES)}")
    return role


def add_user(store: Store, name: str, role: str, password: str) -> User:
    """Create a user, or set the role and password of an existing one."""
    name = (name or "").strip()
    if not name or len(name) > 64 or any(c.isspace() for c in name):
        raise AccountError("tên đăng nhập dài 1 đến 64 ký tự, không có dấu cách")
    check_role(role)
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"mật khẩu cần ít nhất {MIN_PASSWORD} ký tự")
    now, digest = utcnow(), _hasher.hash(password)
    old = store.conn.execute("SELECT id FROM users WHERE name = ?", (name,)).fetchone()
    if old is not None:  # a new password ends the sessions signed in with the old one
        end_all(store, old["id"])
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
    """Set a user's role; disabling also ends their sessions and revokes their tokens for good
    (enabling the user again revives none of them)."""
    check_role(role)
    store.conn.execute(
        "UPDATE users SET role = ?, disabled = ?, updated_at = ? WHERE name = ?",
        (role, int(disabled), utcnow(), name),
    )
    if disabled:
        revoke_tokens(store, name)
        sign_out_everywhere(store, name)


def set_password(store: Store, name: str, password: str) -> User:
    """A new password for an enabled user; every session of theirs ends."""
    user = get_user(store, name)
    if user is None:
        raise AccountError(f"không có tài khoản «{name}»")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"mật khẩu cần ít nhất {MIN_PASSWORD} ký tự")
    store.conn.execute(
        "UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?",
        (_hasher.hash(password), utcnow(), user.id),
    )
    end_all(store, user.id)
    return user


def check_password(store: Store, user: User, password: str) -> bool:
    return authenticate(store, user.name, password) is not None


def sign_out_everywhere(store: Store, name: str) -> int:
    """End every session of ``name``; how many there were."""
    row = store.conn.execute("SELECT id FROM users WHERE name = ?", (name,)).fetchone()
    return end_all(store, row["id"]) if row else 0


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


def new_token(store: Store, name: str, days: int | None = None) -> str:
    """A new API token for ``name`` (shown once; only its hash and first characters are
    kept), valid ``days`` days or, without, until revoked."""
    user = get_user(store, name)
    if user is None:
        raise AccountError(f"không có tài khoản «{name}»: tạo bằng cdht user add {name} --role …")
    if days is not None and not 1 <= days <= 3660:
        raise AccountError("thời hạn của mã API là 1 đến 3660 ngày")
    token = "cdht_" + secrets.token_urlsafe(32)
    expires = None
    if days is not None:
        expires = (datetime.now(UTC) + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")
    store.conn.execute(
        "INSERT INTO api_tokens (user_id, token_hash, created_at, expires_at, prefix) VALUES (?, ?, ?, ?, ?)",
        (user.id, token_hash(token), utcnow(), expires, token[:PREFIX]),
    )
    return token


def list_tokens(store: Store, name: str) -> list[sqlite3.Row]:
    """A user's tokens: prefix, made, last used, expiry (oldest first)."""
    return store.conn.execute(
        "SELECT t.prefix, t.created_at, t.last_used, t.expires_at FROM api_tokens t "
        "JOIN users u ON u.id = t.user_id WHERE u.name = ? ORDER BY t.id", (name,)
    ).fetchall()


def revoke_token(store: Store, name: str, prefix: str) -> int:
    """Revoke the tokens of ``name`` whose first characters are ``prefix`` (at least 8)."""
    if len(prefix) < 8:
        raise AccountError("cần ít nhất 8 ký tự đầu của mã, xem cdht user tokens TÊN")
    cur = store.conn.execute(
        "DELETE FROM api_tokens WHERE user_id = (SELECT id FROM users WHERE name = ?) "
        "AND prefix <> '' AND (substr(?, 1, length(prefix)) = prefix OR substr(prefix, 1, length(?)) = ?)",
        (name, prefix, prefix, prefix),
    )
    return cur.rowcount


def user_for_token(store: Store, token: str) -> User | None:
    if not token:
        return None
    row = store.conn.execute(
        "SELECT u.*, t.id AS token_id FROM api_tokens t JOIN users u ON u.id = t.user_id "
        "WHERE t.token_hash = ? AND u.disabled = 0 AND (t.expires_at IS NULL OR t.expires_at > ?)",
        (token_hash(token), utcnow()),
    ).fetchone()
    if row is None:
        return None
    quietly(store, "UPDATE api_tokens SET last_used = ? WHERE id = ?", (utcnow(), row["token_id"]))
    return _user(row)


def revoke_tokens(store: Store, name: str) -> int:
    cur = store.conn.execute(
        "DELETE FROM api_tokens WHERE user_id = (SELECT id FROM users WHERE name = ?)", (name,)
    )
    return cur.rowcount
