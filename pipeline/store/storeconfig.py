"""What the store adds to the configuration: the contributor registry and the plan marks.

``pipeline.cli.open_config`` calls :func:`apply_store` for the database a command opens, so
every command (reports, quotas, collection) sees the same registry and marks as the desk.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path

from pipeline.settings import Config, ConfigError
from pipeline.store.plan_marks import apply_marks
from pipeline.store.registry import apply_registry

log = logging.getLogger("cdht.config")


def apply_conn(config: Config, conn: sqlite3.Connection) -> Config:
    config = apply_marks(apply_registry(config, conn), conn)
    check_decisions(config, conn)
    for warning in held_but_left_out(config, conn):
        log.warning("%s", warning)
    return config


# what the store holds per configuration file: (file, the ids the store holds with how many
# items each, what people call them, what is lost when the file is left out)
_HELD = (
    ("contributors",
     "SELECT contributor_id, COUNT(*) FROM item_contributors GROUP BY contributor_id",
     "người viết", "tin, bài của họ không được tính cho ai và chỉ tiêu cá nhân của họ bị bỏ khỏi báo cáo"),
    ("units",
     "SELECT unit_id, COUNT(*) FROM items WHERE unit_id IS NOT NULL AND unit_id <> '' GROUP BY unit_id",
     "đơn vị", "tin, bài của các đơn vị đó không được tính cho đơn vị nào"),
)  # fmt: skip


def held_but_left_out(config: Config, conn: sqlite3.Connection) -> list[str]:
    """Warnings, in Vietnamese: the ids the database's items hold that the configuration lacks
    (a config folder without ``contributors.toml`` quietly drops every personal target)."""
    have = {"contributors": {c.id for c in config.contributors}, "units": {u.id for u in config.units}}
    out = []
    for name, sql, what, loss in _HELD:
        try:
            rows = conn.execute(sql).fetchall()
        except sqlite3.OperationalError:  # not a cdht database (yet)
            continue
        lost = {r[0]: r[1] for r in rows if r[0] not in have[name]}
        if not lost:
            continue
        ids = ", ".join(sorted(lost)[:8]) + (", …" if len(lost) > 8 else "")
        folder = config.config_dir
        if folder is not None and not (Path(folder) / f"{name}.toml").exists():
            hint = (f"Thư mục cấu hình {folder} không có {name}.toml: chép tệp đó vào, hoặc chỉ "
                    "đúng thư mục bằng --config.")  # fmt: skip
        else:
            hint = "Có thể thiếu --config DIR, hoặc thư mục cấu hình thiếu tệp này?"
        out.append(
            f"cảnh báo: cấu hình ({config.label(name)}) không có {len(lost)} {what} mà cơ sở dữ "
            f"liệu đang ghi cho {sum(lost.values())} tin, bài ({ids}): {loss}. {hint} "
            f"(the configuration leaves out {name} the database holds)"
        )
    return out


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
