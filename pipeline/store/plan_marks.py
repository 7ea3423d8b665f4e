"""Hand-tracked plan items marked done in the store (the desk's "Kế hoạch" page).

The items of ``manual.toml`` and the monthly B.I.3 column ("Lao động và Công đoàn" on the
provincial TV and in Báo Hà Tĩnh) are marked done with a date and a note. :func:`apply_marks`
lays the marks over the configuration's ``manual`` items, so ``quotas.manual`` (and every report
that lists manual items) reads them with no change: a mark sets ``status = "done"``, ``done_on``
and ``note``; a B.I.3 mark adds the month's column as a done manual item.
"""

from __future__ import annotations

import sqlite3
from datetime import date

from collectors.dates import utcnow
from pipeline.periods import parse_month
from pipeline.settings import Config
from pipeline.store import Store
from pipeline.store.audit import record

COLUMN = "B.I.3"
COLUMN_NAME = "Chuyên mục Lao động và Công đoàn (Đài PTTH tỉnh, Báo Hà Tĩnh)"
COLUMN_DAY = 28  # "trước ngày 28"
KV_VERSION = "plan_marks.version"  # raised by every write: a mark changed in the same second too


class PlanError(ValueError):
    pass


def column_month(mark_id: str) -> str | None:
    """The month of a B.I.3 column mark ("B.I.3:2025-05" -> "2025-05"); None for any other id,
    a month that does not exist included."""
    head, sep, month = (mark_id or "").partition(":")
    if head != COLUMN or not sep:
        return None
    try:
        y, m = parse_month(month)
    except ValueError:
        return None
    return month if month == f"{y:04d}-{m:02d}" else None


def check_id(mark_id: str, known: set[str]) -> str:
    """``mark_id`` if a mark may be stored under it (a manual item of the configuration or the
    column of a real month), else PlanError: nothing is stored that :func:`apply_marks` refuses."""
    if mark_id in known or column_month(mark_id) is not None:
        return mark_id
    raise PlanError(f"no plan item {mark_id[:100]!r}")


def bad_marks(conn: sqlite3.Connection, known: set[str] | None = None) -> list[dict]:
    """Stored marks that cannot be read (an id of no month, a date that is not a date), with
    why; ``known``: the manual items' ids, for marks of items no longer configured."""
    out = []
    for mid, m in sorted(marks(conn).items()):
        why = _why_bad(mid, m, known)
        if why:
            out.append({"id": mid, "done_on": m["done_on"], "who": m["who"], "at": m["at"], "why": why})
    return out


def _why_bad(mid: str, m: sqlite3.Row, known: set[str] | None) -> str:
    if mid.startswith(COLUMN + ":") and column_month(mid) is None:
        return "mã cột B.I.3 không chỉ một tháng có thật"
    if known is not None and mid not in known and column_month(mid) is None:
        return "không còn mục kế hoạch này trong cấu hình"
    try:
        date.fromisoformat(m["done_on"])
    except (TypeError, ValueError):
        return "ngày hoàn thành không phải một ngày"
    return ""


def column_id(month: str) -> str:
    """The mark id of B.I.3's column of a month ("2025-05" -> "B.I.3:2025-05")."""
    return f"{COLUMN}:{month}"


def marks(conn: sqlite3.Connection) -> dict[str, sqlite3.Row]:
    try:
        return {r["id"]: r for r in conn.execute("SELECT * FROM plan_marks")}
    except sqlite3.OperationalError:  # a database from before the desk's migration
        return {}


def stamp(store: Store) -> tuple:
    """Changes whenever a mark is set, changed or removed (by this process or another)."""
    return (int(store.get_kv(KV_VERSION, 0) or 0),
            *store.conn.execute("SELECT MAX(at), COUNT(*) FROM plan_marks").fetchone())  # fmt: skip


def _bump(store: Store) -> None:
    store.set_kv(KV_VERSION, int(store.get_kv(KV_VERSION, 0) or 0) + 1)


def mark_done(store: Store, who: str, mark_id: str, done_on: date, note: str = "") -> None:
    if not mark_id or len(mark_id) > 100 or (mark_id.startswith(COLUMN + ":") and column_month(mark_id) is None):
        raise PlanError("no plan item named")
    old = marks(store.conn).get(mark_id)
    before = {"done_on": old["done_on"], "note": old["note"]} if old else None
    after = {"done_on": done_on.isoformat(), "note": note}
    store.conn.execute(
        "INSERT INTO plan_marks (id, done_on, note, who, at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET done_on = excluded.done_on, note = excluded.note, "
        "who = excluded.who, at = excluded.at",
        (mark_id, done_on.isoformat(), note, who, utcnow()),
    )
    _bump(store)
    record(store, who, "done", "plan", mark_id, before=before, after=after, note=note)


def unmark(store: Store, who: str, mark_id: str, note: str = "") -> bool:
    old = marks(store.conn).get(mark_id)
    if old is None:
        return False
    store.conn.execute("DELETE FROM plan_marks WHERE id = ?", (mark_id,))
    _bump(store)
    record(store, who, "undone", "plan", mark_id,
           before={"done_on": old["done_on"], "note": old["note"]}, note=note)  # fmt: skip
    return True


def apply_marks(config: Config, conn: sqlite3.Connection) -> Config:
    """Lay the store's marks over ``config.raw["manual"]`` (see the module's docstring)."""
    done = marks(conn)
    if not done:
        return config
    manual = dict(config.raw.get("manual", {}))
    items = [dict(x) for x in manual.get("items", [])]
    by_id = {x.get("id"): x for x in items}
    for mid, m in sorted(done.items()):
        if _why_bad(mid, m, None):
            continue  # shown as bad on the plan page, never read as a mark
        entry = by_id.get(mid)
        month = column_month(mid)
        if entry is None and month is not None:
            entry = {"id": f"{COLUMN}-{month}", "plan_ref": COLUMN, "owner": "Ban TG-NC",
                     "name": f"{COLUMN_NAME} – tháng {int(month[5:7])}/{month[:4]}",
                     "deadline": date(int(month[:4]), int(month[5:7]), COLUMN_DAY)}  # fmt: skip
            items.append(entry)
        if entry is None:
            continue
        entry.update(status="done", done_on=date.fromisoformat(m["done_on"]), note=m["note"])
    manual["items"] = items
    config.raw["manual"] = manual
    config.extra.pop("manual", None)
    return config
