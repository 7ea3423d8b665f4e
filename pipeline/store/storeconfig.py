"""What the store adds to the configuration: the contributor registry and the plan marks.

``pipeline.cli.open_config`` calls :func:`apply_store` for the database a command opens, so
every command (reports, quotas, collection) sees the same registry and marks as the desk.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from pipeline.settings import Config, ConfigError
from pipeline.store.plan_marks import apply_marks
from pipeline.store.registry import apply_registry


def apply_conn(config: Config, conn: sqlite3.Connection) -> Config:
    config = apply_marks(apply_registry(config, conn), conn)
    check_decisions(config, conn)
    return config


def missing_ids(config: Config, conn: sqlite3.Connection) -> tuple[list[str], list[str]]:
    """Unit and contributor ids that editors' decisions in the store name but ``config`` lacks."""
    units = {u.id for u in config.units}
    people = {c.id for c in config.contributors}
    bad_units, bad_people = set(), set()
    try:
        rows = conn.execute("SELECT field, value FROM overrides WHERE field IN ('unit', 'contributors')")
        for field, value in rows:
            if field == "unit" and value and value not in units:
                bad_units.add(value)
            elif field == "contributors":
                try:
                    bad_people |= {c for c in json.loads(value) if c not in people}
                except (ValueError, TypeError):
                    continue
    except sqlite3.OperationalError:  # not a cdht database (yet)
        pass
    return sorted(bad_units), sorted(bad_people)


def check_decisions(config: Config, conn: sqlite3.Connection) -> None:
    """Refuse a configuration that does not match the database (a forgotten ``--config``)
    rather than print a report where the editors' decisions quietly count for nobody."""
    units, people = missing_ids(config, conn)
    if not units and not people:
        return
    parts = []
    if units:
        parts.append("đơn vị (units) " + ", ".join(units))
    if people:
        parts.append("người viết (contributors) " + ", ".join(people))
    raise ConfigError(
        "cấu hình không khớp cơ sở dữ liệu: các quyết định đã lưu nhắc tới "
        + "; ".join(parts)
        + f" nhưng cấu hình ({config.label('units')}; {config.label('contributors')}) không có. "
        "Có thể thiếu --config DIR? (the configuration does not match the database)"
    )


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
