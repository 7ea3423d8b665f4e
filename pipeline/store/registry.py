"""The contributor registry in the store.

``contributors.toml`` is an import: the first time the desk opens a store, the configured
contributors are copied into its ``contributors`` table (kv ``registry.imported``). From then
on the store's registry is the one every command uses: :func:`apply_registry` puts it in place
of the configured list (``pipeline.cli.open_config`` calls it for the database a command opens).
Each change is audited and bumps kv ``registry.version`` so a running desk reloads.
"""

from __future__ import annotations

import json
import sqlite3

from collectors.dates import utcnow
from pipeline.settings import Config, ConfigError, Contributor, validate
from pipeline.store import Store
from pipeline.store.audit import record

KV_IMPORTED = "registry.imported"
KV_VERSION = "registry.version"


def _row_to_dict(row: sqlite3.Row) -> dict:
    d = {
        "id": row["id"],
        "name": row["name"],
        "aliases": json.loads(row["aliases"] or "[]"),
        "unit": row["unit"],
        "role": row["role"],
        "targets": json.loads(row["targets"] or "{}"),
    }
    for k in ("valid_from", "valid_to"):
        if row[k]:
            d[k] = row[k]
    return d


def contributor_dict(c: Contributor) -> dict:
    d = c.model_dump(mode="json")
    return {k: v for k, v in d.items() if v is not None}


def stored(conn: sqlite3.Connection) -> list[Contributor] | None:
    """The store's registry, or None when it has never been imported."""
    try:
        flag = conn.execute("SELECT value FROM kv WHERE key = ?", (KV_IMPORTED,)).fetchone()
        if flag is None:
            return None
        rows = conn.execute("SELECT * FROM contributors ORDER BY name, id").fetchall()
    except sqlite3.OperationalError:  # a database from before the desk's migration
        return None
    return [validate(Contributor, _row_to_dict(r), "contributors (database)") for r in rows]


def apply_registry(config: Config, conn: sqlite3.Connection) -> Config:
    """Use the store's registry in ``config`` (when it has one)."""
    people = stored(conn)
    if people is None:
        return config
    units = {u.id for u in config.units}
    config.contributors = [c for c in people if not c.unit or c.unit in units]
    config.extra.pop("engines", None)  # the attributor was built from the old list
    config.sources["contributors"] = ["database"]
    return config


def exists(store: Store, cid: str) -> bool:
    return store.conn.execute("SELECT 1 FROM contributors WHERE id = ?", (cid,)).fetchone() is not None


def version(store: Store) -> int:
    return int(store.get_kv(KV_VERSION, 0) or 0)


def _bump(store: Store) -> None:
    store.set_kv(KV_VERSION, version(store) + 1)


def _write(store: Store, c: Contributor) -> None:
    store.conn.execute(
        "INSERT INTO contributors (id, name, aliases, unit, role, valid_from, valid_to, targets, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
        "name = excluded.name, aliases = excluded.aliases, unit = excluded.unit, "
        "role = excluded.role, valid_from = excluded.valid_from, valid_to = excluded.valid_to, "
        "targets = excluded.targets, updated_at = excluded.updated_at",
        (c.id, c.name, json.dumps(c.aliases, ensure_ascii=False), c.unit, c.role,
         c.valid_from.isoformat() if c.valid_from else None,
         c.valid_to.isoformat() if c.valid_to else None,
         json.dumps(c.targets.model_dump()), utcnow()),
    )  # fmt: skip


def import_config(store: Store, config: Config, who: str = "system") -> int:
    """Copy the configured contributors into the store (ids already there are replaced)."""
    n = 0
    for c in config.contributors:
        _write(store, c)
        n += 1
    store.set_kv(KV_IMPORTED, {"at": utcnow(), "from": config.label("contributors"), "count": n})
    record(store, who, "import", "contributors", config.label("contributors"), after=n)
    _bump(store)
    return n


def ensure_imported(store: Store, config: Config) -> bool:
    """Import the configured registry once, the first time a store is opened by the desk."""
    if store.get_kv(KV_IMPORTED) is not None:
        return False
    with store.transaction():
        import_config(store, config)
    return True


def save(store: Store, config: Config, data: dict, who: str, note: str = "") -> Contributor:
    """Add or replace one contributor (validated like contributors.toml); audited."""
    c = validate(Contributor, data, "contributor")
    if c.unit and config.unit(c.unit) is None:
        raise ConfigError(f"contributor {c.id}: {c.unit!r} is not a unit id")
    old = store.conn.execute("SELECT * FROM contributors WHERE id = ?", (c.id,)).fetchone()
    before = _row_to_dict(old) if old else None
    _write(store, c)
    after = contributor_dict(c)
    if before != after:
        record(store, who, "update" if old else "add", "contributor", c.id,
               before=before, after=after, note=note)  # fmt: skip
        _bump(store)
    return c


def add_alias(store: Store, config: Config, cid: str, alias: str, who: str) -> Contributor:
    row = store.conn.execute("SELECT * FROM contributors WHERE id = ?", (cid,)).fetchone()
    if row is None:
        raise ConfigError(f"no contributor {cid!r}")
    data = _row_to_dict(row)
    if alias not in data["aliases"]:
        data["aliases"].append(alias)
    return save(store, config, data, who, note=f"thêm bút danh «{alias}»")


def names_of(c: Contributor | None) -> set[str]:
    return {n for n in ([c.name, *c.aliases] if c else []) if n.strip()}


def reattribute(store: Store, config: Config, names: set[str]) -> dict[str, int]:
    """Recompute the stored items whose byline holds one of ``names`` (the old and new names
    and aliases of a changed contributor): only they can change, so a change to the registry
    costs a search, not a reprocessing of the whole store."""
    from collectors.textnorm import ascii_fold, fold
    from pipeline.ingest import item_from_row, save_items

    keys = {fold(n) for n in names} | {ascii_fold(n) for n in names}
    keys.discard("")
    if not keys:
        return {"new": 0, "updated": 0, "same": 0}
    rows = [
        r for r in store.conn.execute("SELECT * FROM items WHERE byline <> ''")
        if any(k in fold(r["byline"]) or k in ascii_fold(r["byline"]) for k in keys)
    ]  # fmt: skip
    return save_items(store, config, (item_from_row(r) for r in rows))
