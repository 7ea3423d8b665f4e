"""Re-derive every stored website item from the page archive, with no request to the site:
each item's latest archived page is read again by the current rules and site profile, with what
its listing or feed said (kept in the item's ``raw["hint"]``), then classified, attributed and
stored as a collection would. Pages are read in parallel worker processes, started from a fork
server (they inherit no open file, so never the run lock) and ended with their parent: the
kernel signals them when it dies (``PR_SET_PDEATHSIG``), and each also watches it."""

from __future__ import annotations

import json
import math
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime

from collectors.page_item import Hint, item_from_page
from collectors.profile import SiteFile
from pipeline.archive import WarcArchive
from pipeline.archive_check import mark_damage
from pipeline.ingest import item_from_row, save_items
from pipeline.settings import Config
from pipeline.store import Store
from pipeline.workers import die_with_parent

CHUNK = 200


def _extract_chunk(args):
    site, now, jobs = args
    out = []
    for key, url, body, content_type, hint_raw in jobs:
        from collectors.charset import decode

        html = decode(body, content_type)
        try:
            item, _ex = item_from_page(key, url, html, Hint.from_raw(url, hint_raw), site, now)
        except Exception as exc:  # a page that breaks the rules must not stop the others
            out.append((key, None, f"{type(exc).__name__}: {exc}"))
            continue
        out.append((key, item if item.title else None, "" if item.title else "no article title"))
    return out


def _items(jobs: list, site: SiteFile, now: datetime | None, workers: int):
    size = max(1, min(CHUNK, math.ceil(len(jobs) / max(workers, 1))))
    chunks = [(site, now, jobs[i : i + size]) for i in range(0, len(jobs), size)]
    if workers <= 1 or len(chunks) <= 1:
        for c in chunks:
            yield from _extract_chunk(c)
        return
    ctx = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=die_with_parent,
                             initargs=(os.getpid(),)) as pool:  # fmt: skip
        for result in pool.map(_extract_chunk, chunks):
            yield from result


def reextract_all(store: Store, config: Config, archive: WarcArchive, *,
                  now: datetime | None = None, workers: int | None = None) -> dict[str, int]:  # fmt: skip
    """Counts: updated, same, new (never: every item was stored before), without_page (kept as
    stored: no archived copy), failed (the page no longer reads: kept as stored), damaged
    (archive records that do not read: skipped, named in the log; the items they name are
    fetched again by the next collection)."""
    pages = archive.latest()
    mark_damage(store, archive.damaged)
    rows = store.all_items("website")
    jobs, keep = [], []
    for row in rows:
        page = pages.get(row["key"])
        if page is None:
            keep.append(row)
            continue
        hint = json.loads(row["raw"] or "{}").get("hint") or {
            "title": row["title"], "category": row["category"] if row["category_source"] in ("listing", "feed category") else "",
            "category_source": row["category_source"] if row["category_source"] in ("listing", "feed category") else "",
        }  # fmt: skip
        jobs.append((row["key"], row["url"] or page.url, page.body, page.headers.get("content-type", ""), hint))
    workers = workers if workers is not None else min(4, os.cpu_count() or 1)
    by_key = {r["key"]: r for r in rows}
    items, failed = [], 0
    for key, item, _why in _items(jobs, config.site, now, workers):
        if item is None:
            failed += 1
            items.append(item_from_row(by_key[key]))
        else:
            item.url = by_key[key]["url"] or item.url
            items.append(item)
    counts = {"new": 0, "updated": 0, "same": 0}
    for i in range(0, len(items), 500):
        for k, v in save_items(store, config, items[i : i + 500]).items():
            counts[k] += v
    counts["without_page"] = len(keep)
    counts["failed"] = failed
    counts["damaged"] = len(archive.damaged)
    return counts
