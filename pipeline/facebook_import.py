"""Import one Facebook export into the store, in one transaction.

Identity across imports: a post keeps the key it was first stored under. An item whose key is
not in the store yet, but whose local publish minute and normalised text agree with a stored
Facebook row, reuses that row's key (the same post from another export or format); the newer
import then updates what the older one said. Importing the same export twice, or exports that
overlap, counts every post once.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from collectors.facebook.business_csv import read_csv
from collectors.facebook.common import local_month, text_key, urls_in, utc_minute
from collectors.facebook.detect import detect_format
from collectors.facebook.dyi import DEFAULT_LIMITS, Limits, ReadResult, read_dyi
from collectors.facebook.errors import FacebookImportError
from collectors.item import Item
from collectors.urls import canonical_key, unwrap_redirect
from pipeline.ingest import process_item
from pipeline.settings import Config
from pipeline.store import Store

log = logging.getLogger("cdht.facebook")

Progress = Callable[[int, int], None]


@dataclass
class ImportResult:
    path: str
    format: str
    posts: int = 0  # distinct posts read from the export
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped_duplicates: int = 0  # copies of a post inside the export (and repeated ids)
    matched_existing: int = 0  # posts stored earlier under another key (other export/format)
    videos: int = 0
    linked: int = 0  # posts linking to a website article
    warnings: list[str] = field(default_factory=list)
    months: dict[str, dict[str, int]] = field(default_factory=dict)  # YYYY-MM -> posts, videos

    @property
    def posts_read(self) -> int:
        return self.posts


def read_export(path: Path | str, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    """Detect the format of ``path`` and read its items."""
    fmt = detect_format(path)
    if fmt in ("dyi-zip", "dyi-folder"):
        return read_dyi(path, limits)
    return read_csv(path, limits, fmt=fmt)


# ------------------------------------------------------------------ links
_TRACKING_PREFIXES = ("utm_",)
_TRACKING = {"fbclid", "gclid", "igshid", "__tn__", "ref", "ref_src"}


def canonical_link(url: str) -> str:
    """The shared link unwrapped from Facebook's redirect, without tracking or fragment."""
    url = unwrap_redirect(url)
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return url
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(_TRACKING_PREFIXES) and k.lower() not in _TRACKING
    ]
    return urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path, urlencode(query), "")
    )


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower().removeprefix("www.")


def link_item(item: Item, site_base: str) -> None:
    """Canonicalise the shared link and link the post to the website article it shares."""
    if item.link_url:
        item.link_url = canonical_link(item.link_url)
    site_host = _host(site_base)
    if not site_host:
        return
    candidates = [item.link_url] if item.link_url else []
    candidates += [canonical_link(u) for u in urls_in(item.text)]
    for url in candidates:
        if url and _host(url) == site_host:
            key = canonical_key(url)
            if key and key != "/":
                item.raw["linked_key"] = key
                return


# ------------------------------------------------------------------ rows
def _basename(uri: str) -> str:
    return uri.replace("\\", "/").rsplit("/", 1)[-1].lower()


@dataclass
class _Index:
    """What the store already holds, to find the row an item of this import is."""

    keys: set[str]
    text: dict[tuple[str, str], list[str]]  # (UTC minute, text key) -> row keys
    videos: dict[str, list[str]]  # video file name -> row keys
    aliases: dict[str, str]  # key an export gave -> the key the row is stored under
    video_only: set[str]  # rows made from a videos.json entry alone


def _existing_index(store: Store) -> _Index:
    idx = _Index(keys=set(), text={}, videos={}, aliases={}, video_only=set())
    for r in store.all_items("facebook", "key, published_utc, raw"):
        idx.keys.add(r["key"])
        try:
            raw = json.loads(r["raw"] or "{}")
        except ValueError:
            raw = {}
        if not isinstance(raw, dict):
            continue
        if raw.get("video_only"):
            idx.video_only.add(r["key"])
        for alias in raw.get("export_keys") or []:
            idx.aliases.setdefault(alias, r["key"])
        for uri in raw.get("videos") or []:
            idx.videos.setdefault(_basename(uri), []).append(r["key"])
        if r["published_utc"]:
            minute = r["published_utc"][:16]
            keys = set(raw.get("text_keys") or []) | {text_key(raw.get("text", ""))}
            for k in keys:
                idx.text.setdefault((minute, k), []).append(r["key"])
    return idx


def resolve_keys(store: Store, items: list[Item]) -> int:
    """Give each item the key of the stored row it is, if any.

    First that applies: the same key; a key an earlier import mapped this export key to; a
    stored row holding the same video file; a stored row with the same local publish minute and
    normalised text. Returns how many items took over a row stored under another key.
    """
    idx = _existing_index(store)
    claimed: set[str] = set()
    pending: list[Item] = []
    for it in items:
        key = it.key if it.key in idx.keys else idx.aliases.get(it.key)
        if key and key not in claimed:
            _take(it, key)
            claimed.add(key)
        else:
            pending.append(it)
    matched = 0
    for it in pending:
        candidates: list[str] = []
        for uri in it.raw.get("videos") or []:
            candidates += idx.videos.get(_basename(uri), [])
        if it.published is not None:
            minute = utc_minute(it.published)
            for tk in it.raw.get("text_keys") or [text_key(it.text)]:
                candidates += idx.text.get((minute, tk), [])
        free = [k for k in candidates if k not in claimed]
        if free:
            if it.raw.get("video_only") and free[0] not in idx.video_only:
                # A videos.json entry of a post already stored: the post says more; keep it.
                it.raw["keep_stored"] = True
            _take(it, free[0])
            claimed.add(free[0])
            matched += 1
    return matched


def _take(it: Item, key: str) -> None:
    """Store ``it`` under ``key``, remembering the key its export gave it."""
    if key != it.key:
        aliases = set(it.raw.get("export_keys") or []) | {it.key}
        it.raw["export_keys"] = sorted(aliases)
        it.key = key


def import_facebook(
    store: Store,
    config: Config,
    path: Path | str,
    *,
    progress: Progress | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> ImportResult:
    """Read the export at ``path`` and store its posts in one transaction.

    Raises :class:`FacebookImportError` (message naming the file) for a bad input; nothing is
    stored then.
    """
    path = Path(path)
    read = read_export(path, limits)
    result = ImportResult(path=str(path), format=read.format, warnings=list(read.warnings))
    result.skipped_duplicates = read.duplicates
    for w in read.warnings:
        log.warning("%s", w)
    items = read.items
    site_base = config.site.site.base_url
    for it in items:
        link_item(it, site_base)
    total = len(items)
    with store.transaction():
        result.matched_existing = resolve_keys(store, items)
        seen: set[str] = set()
        for n, it in enumerate(items, start=1):
            if it.key in seen:  # two posts of this export resolved to one stored post
                result.skipped_duplicates += 1
                continue
            seen.add(it.key)
            if it.raw.get("keep_stored"):
                outcome = "same"
            else:
                row, contributors = process_item(it, config)
                if it.media_type == "video":
                    row["kind"], row["with_video"] = "video", 1
                row.setdefault("linked_key", it.raw.get("linked_key", ""))
                outcome = store.upsert_item(row, contributors)
            if outcome == "new":
                result.new += 1
            elif outcome == "updated":
                result.updated += 1
            else:
                result.unchanged += 1
            result.posts += 1
            video = it.media_type == "video"
            result.videos += video
            result.linked += bool(it.raw.get("linked_key"))
            if it.published is not None:
                m = result.months.setdefault(local_month(it.published), {"posts": 0, "videos": 0})
                m["posts"] += 1
                m["videos"] += video
            if progress is not None and (n % 100 == 0 or n == total):
                progress(n, total)
    result.months = dict(sorted(result.months.items()))
    return result


__all__ = [
    "FacebookImportError",
    "ImportResult",
    "canonical_link",
    "import_facebook",
    "read_export",
    "resolve_keys",
]
