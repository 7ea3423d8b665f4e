"""Editors' decisions about items, each recorded in the audit trail (who, when, before, after,
note), and undone the same way. ``cdht item`` and the desk both go through :func:`decide`.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3

from collectors.dates import utcnow
from pipeline.store import Store, royalty_marks

FIELDS = ("kind", "unit", "contributors", *royalty_marks.FIELDS)
KINDS = ("news", "article", "video")


class DecisionError(ValueError):
    """A decision names an unknown item, field or value."""


def record(store: Store, who: str, action: str, target_type: str, target: str, *,
           field: str = "", before=None, after=None, note: str = "") -> int:  # fmt: skip
    """Write one audit row; values are stored as JSON (None when there was none)."""
    cur = store.conn.execute(
        "INSERT INTO audit (at, who, action, target_type, target, field, before, after, note) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (utcnow(), who, action, target_type, target, field,
         None if before is None else json.dumps(before, ensure_ascii=False),
         None if after is None else json.dumps(after, ensure_ascii=False), note),
    )  # fmt: skip
    return cur.lastrowid


def item_target(source: str, key: str) -> str:
    return f"{source}:{key}"


def _override(store: Store, source: str, key: str, field: str) -> str | None:
    if field in royalty_marks.FIELDS:
        value = royalty_marks.get(store, source, key, field)
        return None if value is None else json.dumps(value)
    row = store.conn.execute(
        "SELECT value FROM overrides WHERE source = ? AND key = ? AND field = ?",
        (source, key, field),
    ).fetchone()
    return row[0] if row else None


def _note(store: Store, source: str, key: str, field: str) -> str:
    table = "royalty_marks" if field in royalty_marks.FIELDS else "overrides"
    row = store.conn.execute(
        f"SELECT note FROM {table} WHERE source = ? AND key = ? AND field = ?", (source, key, field)
    ).fetchone()
    return row[0] if row else ""


def _keep_note(store: Store, source: str, key: str, field: str, value, note: str) -> None:
    """A decision set again to the value it has: the value stays, the new note replaces the old."""
    table = "royalty_marks" if field in royalty_marks.FIELDS else "overrides"
    store.conn.execute(
        f"UPDATE {table} SET note = ? WHERE source = ? AND key = ? AND field = ?",
        (note, source, key, field),
    )


def _decoded(field: str, value: str | None):
    if value is None:
        return None
    return json.loads(value) if field in ("contributors", *royalty_marks.FIELDS) else value


def decide(store: Store, who: str, source: str, key: str, field: str, value, note: str = "", *,
           keep_note: bool = False) -> bool:  # fmt: skip
    """Set (``value`` not None) or clear (None) an editor's decision and audit it.

    ``value``: a kind name; a unit id ('' for none); a list of contributor ids; an item's
    royalty points (a number, its range checked by the caller); True for no royalty. Returns
    False when the value did not change: no audit row then, unless ``keep_note`` (``cdht item``;
    the desk keeps a form's note in its review row) and a new ``note`` came with it, which then
    replaces the decision's note and is audited as a ``note`` row.
    """
    if field not in FIELDS:
        raise DecisionError(f"unknown field {field!r}")
    if field == "kind" and value is not None and value not in KINDS:
        raise DecisionError(f"unknown kind {value!r}")
    if field == "points" and value is not None and (
        isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < 1e6
    ):
        raise DecisionError(f"points must be a number of 0 or more, not {value!r}")
    if field == "no_royalty" and value not in (None, True):
        raise DecisionError("no_royalty is set with True and cleared with None")
    if store.conn.execute(
        "SELECT 1 FROM items WHERE source = ? AND key = ?", (source, key)
    ).fetchone() is None:
        raise DecisionError(f"no item {source}:{key}")
    before = _decoded(field, _override(store, source, key, field))
    if field == "contributors" and value is not None:
        value = sorted(dict.fromkeys(value))
    if before == value:
        if keep_note and value is not None and note and note != _note(store, source, key, field):
            _keep_note(store, source, key, field, value, note)
            record(store, who, "note", "item", item_target(source, key), field=field,
                   before=before, after=value, note=note)  # fmt: skip
        return False
    if field in royalty_marks.FIELDS:
        royalty_marks.put(store, source, key, field, value, note)
    elif value is None:
        store.clear_override(source, key, field)
    else:
        stored = json.dumps(value) if field == "contributors" else value
        store.set_override(source, key, field, stored, note)
    record(store, who, "clear" if value is None else "set", "item", item_target(source, key),
           field=field, before=before, after=value, note=note)  # fmt: skip
    return True


def review(store: Store, who: str, source: str, key: str, note: str = "") -> None:
    """Mark an item as looked at: it leaves the worklist."""
    store.conn.execute(
        "INSERT INTO reviews (source, key, at, who, note) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (source, key) DO UPDATE SET at = excluded.at, who = excluded.who, "
        "note = excluded.note",
        (source, key, utcnow(), who, note),
    )
    record(store, who, "review", "item", item_target(source, key), note=note)


def history(store: Store, target_type: str, target: str) -> list[sqlite3.Row]:
    return store.conn.execute(
        "SELECT * FROM audit WHERE target_type = ? AND target = ? ORDER BY id DESC",
        (target_type, target),
    ).fetchall()


def recent(store: Store, limit: int = 100) -> list[sqlite3.Row]:
    return store.conn.execute("SELECT * FROM audit ORDER BY id DESC LIMIT ?", (limit,)).fetchall()


def of_action(store: Store, action: str, limit: int = 1000) -> list[sqlite3.Row]:
    """The newest ``limit`` audit rows of one action (``report``, ``upload``…), newest first."""
    return store.conn.execute("SELECT * FROM audit WHERE action = ? ORDER BY id DESC LIMIT ?",
                              (action, limit)).fetchall()  # fmt: skip


def entry(store: Store, audit_id: int) -> sqlite3.Row | None:
    return store.conn.execute("SELECT * FROM audit WHERE id = ?", (audit_id,)).fetchone()


def undo(store: Store, who: str, audit_id: int, note: str = "") -> int:
    """Put an item's field back to its value before change ``audit_id``; the new audit id."""
    row = store.conn.execute("SELECT * FROM audit WHERE id = ?", (audit_id,)).fetchone()
    if row is None or row["target_type"] != "item" or row["field"] not in FIELDS:
        raise DecisionError(f"change {audit_id} cannot be undone")
    if row["undone_by"]:
        raise DecisionError(f"change {audit_id} was already undone")
    source, key = row["target"].split(":", 1)
    before = None if row["before"] is None else json.loads(row["before"])
    current = _decoded(row["field"], _override(store, source, key, row["field"]))
    after = None if row["after"] is None else json.loads(row["after"])
    if current != after:
        raise DecisionError(f"change {audit_id} was changed again since; undo the later change")
    decide(store, who, source, key, row["field"], before, note or f"hoàn tác thay đổi #{audit_id}")
    new_id = store.conn.execute("SELECT MAX(id) FROM audit").fetchone()[0]
    store.conn.execute("UPDATE audit SET undone_by = ? WHERE id = ?", (new_id, audit_id))
    return new_id


def item_version(store: Store, source: str, key: str) -> str:
    """A short hash of everything an editor's form shows of an item (for stale-form checks)."""
    row = store.conn.execute(
        "SELECT updated_at FROM items WHERE source = ? AND key = ?", (source, key)
    ).fetchone()
    parts = [row[0] if row else ""]
    parts += [
        f"{r[0]}={r[1]}"
        for r in store.conn.execute(
            "SELECT field, value FROM overrides WHERE source = ? AND key = ? ORDER BY field",
            (source, key),
        )
    ]
    parts += [f"{f}={json.dumps(v)}" for f, v in royalty_marks.marks_for(store, source, key).items()]
    last = store.conn.execute(
        "SELECT MAX(id) FROM audit WHERE target_type = 'item' AND target = ?",
        (item_target(source, key),),
    ).fetchone()[0]
    parts.append(str(last or 0))
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


def cli_user() -> str:
    """Who a command-line change is recorded as: the system account running it."""
    import getpass

    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"
