"""The SQLite store: schema, migrations, upserts and the effective view of items.

Collected fields and editors' decisions are kept apart: ``items`` holds what collectors saw
and what the pipeline derived from it; ``overrides`` holds what an editor set, keyed by the
item's identity (source + key), so a decision survives every later collection. The view
``v_items`` is what quotas and reports read: the derived values with overrides applied.

``Store`` is the one facade: its methods come from modules of one job each, ``schema``
(migrations), ``items`` (items, contributors, overrides), ``aliases`` (an item's other
addresses, and merging the items stored under them), ``state`` (what collectors remember)
and ``runs`` (the run log). No SQL is written outside this package.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import platformdirs

from pipeline.errors import explain_failure
from pipeline.store.aliases import AliasesMixin
from pipeline.store.items import ItemsMixin
from pipeline.store.runs import RunsMixin
from pipeline.store.schema import MIGRATIONS, SchemaError
from pipeline.store.state import StateMixin
from pipeline.store.upgrade import NeedsMigration, TooNew, open_schema

__all__ = ["MIGRATIONS", "Store", "StoreError", "StoreNeedsMigration", "default_db_path"]


class StoreError(Exception):
    """The database cannot be opened or written. ``missing``: there is no database file."""

    def __init__(self, message: str, *, missing: bool = False, for_people: bool = False):
        super().__init__(message)
        self.missing = missing
        self.for_people = for_people  # already a sentence that says what to do


class NoDatabase(StoreError):
    """A command that reads found no database file at ``path``."""

    def __init__(self, path: Path):
        super().__init__(f"{path}: no database here (run `cdht collect` first)", missing=True)
        self.path = path


class StoreNeedsMigration(StoreError):
    """An older database, opened by a command that does not migrate (``cdht migrate`` does)."""


class StoreTooNew(StoreError):
    """A database that needs a newer release of cdht."""


def default_db_path() -> Path:
    return Path(platformdirs.user_data_dir("cdht", appauthor=False)) / "cdht.sqlite"


def _private(path: Path) -> None:
    """Read and write for the owner and the group only (0660 under the default umask 007)."""
    mask = os.umask(0o077)
    os.umask(mask)
    os.chmod(path, 0o666 & ~mask & ~0o007)


class Store(ItemsMixin, AliasesMixin, StateMixin, RunsMixin):
    """A connection to one SQLite file, migrated to the current schema on open.

    ``must_exist``: open an existing database only (commands that read, or change what a
    collection stored); a missing file is an error instead of a new empty database.
    ``upgrade``: an older database is copied beside itself and migrated (a command that
    writes); when False (a command that only reads, the desk) it is refused with a message
    that names ``command`` and ``cdht migrate`` (``pipeline/store/upgrade.py``).
    ``upgraded``: what opening did to an older database (None: nothing).
    """

    def __init__(self, path: Path | str, *, must_exist: bool = False, upgrade: bool = True,
                 command: str = ""):  # fmt: skip
        self.path = Path(path)
        self.upgraded = None
        try:
            if not must_exist:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            elif not self.path.exists():
                raise NoDatabase(self.path)
            new = not self.path.exists()
            self.conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            if new:  # SQLite makes it 0644; its WAL and shared-memory files copy this mode
                _private(self.path)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.busy_ms = 30000
            self.conn.execute("PRAGMA busy_timeout=30000")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.upgraded = open_schema(self.conn, self.path, upgrade=upgrade, command=command)
        except SchemaError as exc:
            self.conn.close()
            kind = StoreNeedsMigration if isinstance(exc, NeedsMigration) else \
                StoreTooNew if isinstance(exc, TooNew) else StoreError  # fmt: skip
            raise kind(str(exc), for_people=exc.for_people) from None
        except (sqlite3.DatabaseError, OSError) as exc:
            message = explain_failure(exc, self.path)
            if message:
                raise StoreError(message, for_people=True) from None
            raise StoreError(f"{self.path}: cannot open the database ({exc})") from None

    # ------------------------------------------------------------ basics
    def wait_for_lock(self, ms: int) -> None:
        """How long a write waits for another writer's lock before it fails (30 s by default)."""
        self.busy_ms = int(ms)
        self.conn.execute(f"PRAGMA busy_timeout={self.busy_ms}")

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
            if self.conn.in_transaction:  # SQLite may have rolled back itself (a full disk)
                self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    @property
    def schema_version(self) -> int:
        return self.conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0]
