"""What the store adds to the configuration: the contributor registry and the plan marks.

``pipeline.cli.open_config`` calls :func:`apply_store` for the database a command opens, so
every command (reports, quotas, collection) sees the same registry and marks as the desk.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pipeline.plan_marks import apply_marks
from pipeline.registry import apply_registry
from pipeline.settings import Config


def apply_conn(config: Config, conn: sqlite3.Connection) -> Config:
    return apply_marks(apply_registry(config, conn), conn)


def apply_store(config: Config, db: Path | str) -> Config:
    """Read-only; a database that does not exist (yet) leaves ``config`` as it is."""
    db = Path(db)
    if not db.exists():
        return config
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    except sqlite3.DatabaseError:
        return config
    conn.row_factory = sqlite3.Row
    try:
        return apply_conn(config, conn)
    except sqlite3.DatabaseError:
        return config
    finally:
        conn.close()
