"""Bylines seen that match no contributor, with counts (for the contributors page)."""

from __future__ import annotations

import json
import re
from collections import Counter

from collectors.textnorm import ascii_fold, fold
from pipeline.ingest import engines
from pipeline.settings import Config
from pipeline.store import Store, registry


def unknown_names(store: Store, config: Config, limit: int = 100) -> list[tuple[str, int]]:
    """Names read from website bylines that no contributor's name or alias matches."""
    attributor = engines(config)[1]
    index = attributor.alias_index
    seen: Counter = Counter()
    spelled: dict[str, Counter] = {}
    for raw in store.byline_names_raw():
        try:
            names = json.loads(raw or "{}").get("names") or []
        except (ValueError, AttributeError):
            continue
        for n in names:
            # names stored by an older rule may still carry a unit: "Lê Văn Bình (LĐLĐ …)"
            n = attributor.person_part(n) if isinstance(n, str) else ""
            if not n:
                continue
            key = fold(n)
            if key in index or ascii_fold(n) in index:
                continue
            seen[key] += 1
            spelled.setdefault(key, Counter())[n.strip()] += 1
    return [(spelled[k].most_common(1)[0][0], c) for k, c in seen.most_common(limit)]


def slug(name: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", ascii_fold(name)).strip("-")
    return s or "nguoi-viet"


def free_id(store: Store, name: str) -> str:
    base = slug(name)
    cid, n = base, 2
    while registry.exists(store, cid):
        cid, n = f"{base}-{n}", n + 1
    return cid


def items_named(store: Store, config: Config, name: str) -> int:
    """How many website items carry ``name`` among the unknown bylines (what an alias moves)."""
    key = fold(name)
    return next((n for spelled, n in unknown_names(store, config, limit=10_000) if fold(spelled) == key), 0)
