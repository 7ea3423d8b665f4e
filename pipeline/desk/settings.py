"""The desk's settings: the ``[desk]`` table of the installation file (``/etc/cdht/cdht.toml``)
over these defaults. Every limit the desk enforces is here, with the number INSTALL.md gives."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, fields, replace
from pathlib import Path

from pipeline.settings import ConfigError

MiB = 1024 * 1024


@dataclass(frozen=True)
class DeskSettings:
    secret_key_file: Path | None = None  # default: desk-secret.key beside the database
    idle_minutes: float = 120  # a session unused this long ends
    absolute_hours: float = 12  # and every session ends this long after sign-in
    secure_cookies: bool = False  # the desk is reached through HTTPS (a reverse proxy)
    trusted_proxies: int = 0  # reverse proxies in front whose X-Forwarded-For is believed
    write_wait_seconds: float = 5  # a write waits this long for the store's lock, then 503
    max_form_bytes: int = 1 * MiB  # the body of every form
    max_upload_bytes: int = 200 * MiB  # the body of the Facebook upload (signed-in editors)
    # waitress: a connection silent this long is closed; a request's headers must all have
    # arrived this long after its first byte; connections served at once
    channel_timeout: int = 30
    header_timeout: int = 10
    connection_limit: int = 500
    threads: int = 8
    # sign-in back-off (see auth.Throttle)
    free_failures: int = 5  # failed sign-ins of one name from one address before waiting
    free_failures_account: int = 20  # failed sign-ins of one name from anywhere before waiting
    max_wait_seconds: int = 15 * 60  # the back-off's longest wait

    @classmethod
    def from_table(cls, table: dict, where: str = "[desk]") -> DeskSettings:
        known = {f.name: f for f in fields(cls)}
        unknown = sorted(set(table) - set(known))
        if unknown:
            raise ConfigError(f"{where}: unknown key(s) {', '.join(unknown)}")
        values = {}
        for key, value in table.items():
            default = getattr(cls, key)
            if key == "secret_key_file":
                if not isinstance(value, str):
                    raise ConfigError(f"{where}: {key} must be a path in quotes")
                value = Path(value)
            elif isinstance(default, bool):
                if not isinstance(value, bool):
                    raise ConfigError(f"{where}: {key} must be true or false")
            elif isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                raise ConfigError(f"{where}: {key} must be a number, 0 or more")
            values[key] = value
        return replace(cls(), **values)

    def key_file(self, db: Path) -> Path:
        return self.secret_key_file or Path(db).parent / "desk-secret.key"


def secret_key(path: Path) -> bytes:
    """The key that signs the desk's cookies, from its file (mode 0600), made on first start.
    Whoever has a copy of the database has no key; a new file signs everyone out."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        key = path.read_bytes().strip()
        if len(key) < 32:
            raise ConfigError(f"{path}: the desk's signing key is too short; delete the file to make a new one") from None
        return key
    with os.fdopen(fd, "w", encoding="ascii") as out:
        key = secrets.token_hex(32)
        out.write(key + "\n")
    return key.encode("ascii")
