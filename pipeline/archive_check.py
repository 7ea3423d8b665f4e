"""Which stored items lost their archived page, and their pages fetched again.

Items whose only copy was in a damaged record are listed in the store (``archive_refetch``);
the next collection fetches their pages again (a fresh copy is then archived) and takes them off
the list. ``cdht archive check`` lists the damage and these items.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field

from collectors.page_item import Hint
from collectors.urls import canonical_key
from pipeline.archive import WarcArchive
from pipeline.archive_scan import Damage

log = logging.getLogger("cdht.archive")

KV_REFETCH = "archive_refetch"


@dataclass
class ArchiveCheck:
    files: int = 0
    pages: int = 0
    damage: list[Damage] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)  # item keys with no readable copy left


def check_archive(store, archive: WarcArchive) -> ArchiveCheck:
    """Read every record; the damaged ones, and the stored website items left without a copy
    because of them (all items without a copy when a damaged record's address is unknown)."""
    out = ArchiveCheck(files=len(archive.files()))
    kept: set[str] = set()
    for page in archive.pages():
        out.pages += 1
        if page.status == 200:
            kept.add(page.key)
    out.damage = list(archive.damaged)
    if out.damage:
        fetched = store.known_keys("website")
        named = {canonical_key(d.url) for d in out.damage if d.url}
        unnamed = any(not d.url for d in out.damage)
        out.lost = sorted(k for k in fetched - kept if unnamed or k in named)
    return out


def mark_for_refetch(store, keys) -> int:
    """Add items to the list of pages the next collection fetches again."""
    keys = {k for k in keys if k}
    if not keys:
        return 0
    have = set(store.get_kv(KV_REFETCH, []) or [])
    store.set_kv(KV_REFETCH, sorted(have | keys))
    return len(keys - have)


def mark_damage(store, damage: list[Damage]) -> int:
    """The stored items named by damaged records go on the list to fetch again."""
    known = store.known_keys("website")
    return mark_for_refetch(store, {canonical_key(d.url) for d in damage if d.url} & known)


def refetch_lost(collector, store, archive: WarcArchive) -> int:
    """Fetch again the pages whose archived copy was lost (once the run is still fetching);
    those kept in the archive now leave the list. Returns how many were fetched."""
    keys = list(store.get_kv(KV_REFETCH, []) or [])
    if not keys:
        return 0
    done = 0
    for key in keys:
        if collector.halted():
            break
        if key in archive.kept_keys:
            continue
        row = store.get_item("website", key)
        if row is None:
            archive.kept_keys.add(key)  # gone from the store: nothing to fetch
            continue
        raw = json.loads(row["raw"] or "{}").get("hint") or {"title": row["title"]}
        collector.fetch_article(key, Hint.from_raw(collector.base + key, raw))
        done += 1
    collector.flush()
    left = [k for k in keys if k not in archive.kept_keys]
    store.set_kv(KV_REFETCH, left)
    if done:
        log.info("%d page(s) whose archived copy was damaged fetched again; %d left", done, len(left))
    return done
