"""Upgrades that can be undone, and releases that do not write a store newer than they are.

Opening a database that an older release left behind applies the migrations it lacks, but
only after a copy of it is made beside it (``<db>.bak-<schema>-<date>``, through
``VACUUM INTO``, so the copy is whole even while another process reads), and only for a
command that writes: a command that only reads (``status``, ``report``, ``quotas``, ``runs``,
the desk) refuses and names ``cdht migrate``, so that an update never changes the database
behind a report, and the copy is made once, by the person who updates.

The store also records the lowest release that may write it (table ``store_floor``): its
``format`` is this module's :data:`STORE_FORMAT` when the store was last migrated. A release
whose own format is lower refuses to open the database at all, reading or writing, with a
message that names the release it needs.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import stat
from dataclasses import dataclass
from datetime import datetime
from importlib import metadata
from pathlib import Path

from collectors.dates import LOCAL, utcnow
from pipeline.store.schema import (
    MIGRATIONS,
    SchemaError,
    check_known,
    migrate,
    pending,
    recorded,
    recorded_version,
)

log = logging.getLogger("cdht.store")

# The store's format. Raise it (with a migration) when a release before this one would read
# this store wrongly, or write it without what this release keeps (an audit row, a new table):
# such a release then refuses the store instead of counting different figures.
# 1: the first release that records a floor (schema "the lowest release that may write this store").
STORE_FORMAT = 1


class NeedsMigration(SchemaError):
    """An older database opened by a command that does not migrate."""

    def __init__(self, message: str, *, before: int, latest: int):
        super().__init__(message, for_people=True)
        self.before, self.latest = before, latest


class TooNew(SchemaError):
    """The database's floor is above this release."""

    def __init__(self, message: str):
        super().__init__(message, for_people=True)


@dataclass(frozen=True)
class Upgrade:
    """What opening the store did to an older database."""

    before: int
    after: int
    backup: Path


def this_release() -> str:
    try:
        return metadata.version("cdht")
    except metadata.PackageNotFoundError:
        return "unknown"


def latest_version() -> int:
    return len(MIGRATIONS)


# ---------------------------------------------------------------- the floor
def floor(conn: sqlite3.Connection) -> tuple[int, str] | None:
    """(format, release) the database needs, or None when it records none."""
    try:
        row = conn.execute("SELECT format, release FROM store_floor WHERE id = 1").fetchone()
    except sqlite3.OperationalError:  # an older database: no such table yet
        return None
    return (int(row[0]), str(row[1])) if row else None


def check_floor(conn: sqlite3.Connection, path) -> None:
    need = floor(conn)
    if need is None or need[0] <= STORE_FORMAT:
        return
    fmt, release = need
    raise TooNew(
        f"Cơ sở dữ liệu {path} cần cdht {release} trở lên; bản đang chạy ({this_release()}) cũ hơn "
        "nên không đọc và không ghi nó, để số liệu không bị tính sai. Hãy cài bản cdht mới hơn "
        "(docs/INSTALL.md), hoặc dùng bản sao lưu làm trước lần nâng cấp (tệp .bak- bên cạnh). "
        f"(this database needs cdht {release} or newer: store format {fmt}, this release "
        f"writes format {STORE_FORMAT})"
    )


def raise_floor(conn: sqlite3.Connection) -> None:
    """Record :data:`STORE_FORMAT` as the database's floor, never lowering one."""
    need = floor(conn)
    if need is not None and need[0] >= STORE_FORMAT:
        return
    conn.execute(
        "INSERT INTO store_floor (id, format, release, set_at) VALUES (1, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET format = excluded.format, release = excluded.release, "
        "set_at = excluded.set_at",
        (STORE_FORMAT, this_release(), utcnow()),
    )


# ---------------------------------------------------------------- the copy
def backup_path(path: Path, schema: int, now: datetime | None = None) -> Path:
    """``<db>.bak-<schema>-<local date>``; a second copy the same day gets the time too."""
    now = now or datetime.now(LOCAL)
    base = path.with_name(f"{path.name}.bak-{schema}-{now:%Y-%m-%d}")
    if not base.exists():
        return base
    n = 2
    while True:
        other = path.with_name(f"{base.name}-{now:%H%M%S}" + (f"-{n}" if n > 2 else ""))
        if not other.exists():
            return other
        n += 1


def backup(conn: sqlite3.Connection, path: Path, schema: int) -> Path:
    """A whole copy of the database beside it, made before anything is changed."""
    target = backup_path(path, schema)
    try:
        conn.execute("VACUUM INTO ?", (str(target),))
        with contextlib.suppress(OSError):  # as private as the database
            os.chmod(target, stat.S_IMODE(os.stat(path).st_mode))
    except (sqlite3.Error, OSError) as exc:
        target.unlink(missing_ok=True)  # half a copy is no copy
        from pipeline.errors import explain_failure

        reason = explain_failure(exc, target) or f"{exc.__class__.__name__}: {exc}"
        raise SchemaError(
            f"Chưa nâng cấp cơ sở dữ liệu {path}: không tạo được bản sao lưu {target} trước khi "
            f"nâng cấp, nên cơ sở dữ liệu được giữ nguyên. {reason}",
            for_people=True,
        ) from None
    return target


# ---------------------------------------------------------------- opening
def open_schema(conn: sqlite3.Connection, path: Path, *, upgrade: bool = True,
                command: str = "") -> Upgrade | None:  # fmt: skip
    """Bring the database to this release's schema, or refuse.

    A new file gets the whole schema. An older database is copied, then migrated, when
    ``upgrade``; otherwise :class:`NeedsMigration` names ``cdht migrate``. A database of a newer
    release (its floor, or a migration this release does not know) is :class:`TooNew` or a
    :class:`SchemaError`, and is left untouched either way.
    """
    done = recorded(conn)
    check_floor(conn, path)
    check_known(done, path)
    todo = pending(done)
    if not todo:
        if upgrade:  # after an interrupted upgrade, or a format raised without a new migration
            raise_floor(conn)
        return None
    if not done:  # a new database: made, not upgraded
        migrate(conn, path)
        raise_floor(conn)
        return None
    before, latest = recorded_version(conn), latest_version()
    if not upgrade:
        raise NeedsMigration(_refusal(path, command, before, latest), before=before, latest=latest)
    copy = backup(conn, path, before)
    log.warning("Đã sao lưu cơ sở dữ liệu trước khi nâng cấp: %s (a copy before migrating)", copy)
    migrate(conn, path)
    raise_floor(conn)
    after = recorded_version(conn)
    log.warning(
        "Đã nâng cấp cơ sở dữ liệu %s từ lược đồ %d lên %d (%d bước). Từ nay không dùng bản cdht cũ "
        "với nó nữa; muốn quay lại bản cũ thì dùng bản sao lưu %s. (migrated schema %d -> %d)",
        path, before, after, len(todo), copy, before, after,
    )  # fmt: skip
    return Upgrade(before, after, copy)


def _refusal(path: Path, command: str, before: int, latest: int) -> str:
    if command == "serve":
        who = "Bàn biên tập (`cdht serve`) không tự nâng cấp cơ sở dữ liệu"
    elif command == "nightly":
        who = "`cdht nightly` nâng cấp nó khi bắt đầu đêm tới, sau khi giữ khóa chạy"
    elif command:
        who = f"Lệnh `cdht {command}` chỉ đọc nên không nâng cấp nó"
    else:
        who = "Lệnh này không nâng cấp nó"
    return (
        f"Cơ sở dữ liệu {path} do bản cdht cũ hơn ghi (lược đồ {before}; bản này dùng lược đồ "
        f"{latest}). {who}. Hãy dừng lần chạy hằng đêm, chạy `cdht migrate --db {path}` (lệnh "
        "này sao lưu cơ sở dữ liệu rồi mới nâng cấp; xem docs/INSTALL.md), rồi chạy lại. "
        f"(the database needs migrating: schema {before} < {latest}; run `cdht migrate`)"
    )
