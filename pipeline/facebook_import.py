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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from collectors.facebook.business_csv import iter_csv, read_csv
from collectors.facebook.common import local_month, text_key, urls_in, utc_minute
from collectors.facebook.detect import detect_format
from collectors.facebook.dyi import ReadResult, read_dyi
from collectors.facebook.errors import FacebookImportError
from collectors.facebook.export_source import DEFAULT_LIMITS, Limits
from collectors.item import Item
from collectors.urls import canonical_key, unwrap_redirect
from pipeline.ingest import process_item
from pipeline.settings import Config
from pipeline.store import Store
from pipeline.store.facebook_index import KeyIndex, facebook_keys, facebook_row

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


# ------------------------------------------------------------------ whose Page
PAGE_ID_COLUMNS = ("Page ID", "ID Trang", "Mã Trang")
PAGE_NAME_COLUMNS = ("Page name", "Tên Trang")


def _first(raw: dict, names: tuple[str, ...]) -> str:
    return next((str(raw[n]).strip() for n in names if str(raw.get(n) or "").strip()), "")


def same_page(config: Config, items: Iterable[Item], path: Path) -> Iterator[Item]:
    """``items``, refusing (FacebookImportError, so the import's transaction stores nothing) an
    export whose rows name another Page than facebook.toml's ``graph.page_id`` / ``page_name``."""
    from collectors.textnorm import fold
    from pipeline.facebook_graph import settings_of

    graph = settings_of(config)
    want_id, want_name = graph.page_id, graph.page_name.strip()
    for it in items:
        if want_id or want_name:
            got_id, got_name = _first(it.raw, PAGE_ID_COLUMNS), _first(it.raw, PAGE_NAME_COLUMNS)
            other = (want_id and got_id and got_id != want_id) or (
                want_name and got_name and fold(got_name) != fold(want_name)
                and not (want_id and got_id == want_id))  # fmt: skip
            if other:
                raise FacebookImportError(
                    f"{path}: tệp này là của Trang Facebook khác: «{got_name or '?'}» (mã {got_id or '?'}), "
                    f"không phải Trang đã cấu hình «{want_name or '?'}» (mã {want_id or '?'}); "
                    "không lưu gì (an export of another Page)"
                )
        yield it


def check_dyi_page(config: Config, items: list[Item], path: Path) -> None:
    """A DYI export names no Page id; its posts' titles begin with the Page's name ("Công đoàn
    Hà Tĩnh đã chia sẻ một liên kết."). With ``graph.page_name`` set, an export where no title
    begins with that name while most titles begin with the same two words is another Page's."""
    from collectors.facebook.mojibake import repair_text
    from collectors.textnorm import fold
    from pipeline.facebook_graph import settings_of

    want = settings_of(config).page_name.strip()
    titles = [repair_text(str(it.raw.get("export_title") or "")).strip() for it in items]
    titles = [t for t in titles if t]
    if not want or len(titles) < 3 or any(fold(t).startswith(fold(want)) for t in titles):
        return
    heads: dict[str, list[str]] = {}
    for t in titles:
        words = fold(t).split()
        if len(words) >= 3:
            heads.setdefault(" ".join(words[:2]), []).append(t)
    common = max(heads.values(), key=len, default=[])
    if len(common) * 2 >= len(titles):
        raise FacebookImportError(
            f"{path}: tệp này là của Trang Facebook khác: các bài ghi «{common[0]}», không phải "
            f"Trang đã cấu hình «{want}»; không lưu gì (an export of another Page)"
        )


# ------------------------------------------------------------------ rows
def resolve_keys(store: Store, items: list[Item], index: KeyIndex | None = None) -> int:
    """Give each item the key of the stored row it is, if any, and claim that key.

    First that applies: the same key, or one of the item's other keys (``raw["alt_keys"]``: a
    Graph post holding a reel, a CSV row with a reel permalink); a key an earlier import mapped
    this export key to; a stored row holding the same video file; a stored row with the same
    local publish minute and normalised text. A key already claimed in this import is not taken
    again. Returns how many items took over a row stored under another key.
    """
    idx = index or KeyIndex(store)
    pending: list[Item] = []
    for it in items:
        key = None
        for k in [it.key, *(it.raw.get("alt_keys") or [])]:
            key = idx.stored_key(k)
            if key and not idx.claimed(key):
                break
            key = None
        if key:
            _take(it, key)
            idx.claim(key)
        else:
            pending.append(it)
    matched = 0
    for it in pending:
        candidates: list[str] = []
        for uri in it.raw.get("videos") or []:
            candidates += idx.by_video(uri)
        if it.published is not None:
            minute = utc_minute(it.published)
            for tk in it.raw.get("text_keys") or [text_key(it.text)]:
                candidates += idx.by_text(minute, tk)
        free = next((k for k in candidates if not idx.claimed(k)), None)
        if free:
            if it.raw.get("video_only") and not idx.video_only(free):
                # A videos.json entry of a post already stored: the post says more; keep it.
                it.raw["keep_stored"] = True
            _take(it, free)
            idx.claim(free)
            matched += 1
    return matched


def _take(it: Item, key: str) -> None:
    """Store ``it`` under ``key``, remembering the key its export gave it."""
    if key != it.key:
        aliases = set(it.raw.get("export_keys") or []) | {it.key}
        it.raw["export_keys"] = sorted(aliases)
        it.key = key


def _remember_keys(store: Store, it: Item) -> None:
    """Keep every key this post was known by (earlier imports' and this item's other keys), and
    the website article a source that knew the shared link linked it to."""
    keys = set(it.raw.get("export_keys") or []) | set(it.raw.get("alt_keys") or [])
    old = facebook_row(store, it.key)
    if old is not None:
        if not it.raw.get("linked_key") and not it.link_url and old["linked_key"]:
            it.raw["linked_key"], it.link_url = old["linked_key"], old["link_url"]
        try:
            prior = json.loads(old["raw"] or "{}")
        except ValueError:
            prior = {}
        if isinstance(prior, dict):
            keys |= set(prior.get("export_keys") or [])
    keys.discard(it.key)
    if keys:
        it.raw["export_keys"] = sorted(keys)


def known_keys(store: Store) -> set[str]:
    """Every key a stored Facebook post is known by (its key and the aliases it was met under)."""
    return facebook_keys(store)


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
    fmt = detect_format(path)
    if fmt in ("business-suite-csv", "insights-csv"):  # streamed: memory stays bounded
        sink = ReadResult(format=fmt)
        result = ImportResult(path=str(path), format=fmt)
        rows = same_page(config, iter_csv(path, limits, fmt, sink), path)
        save_items(store, config, rows, result, progress=progress)
        if result.posts == 0:
            raise FacebookImportError(
                f"{path}: no post rows under the header (expected one row per post with its "
                "'Publish time' / 'Thời gian đăng')"
            )
        read = sink
    else:
        read = read_dyi(path, limits)
        result = ImportResult(path=str(path), format=read.format)
        result.skipped_duplicates = read.duplicates
        check_dyi_page(config, read.items, path)
        save_items(store, config, list(same_page(config, read.items, path)), result, progress=progress)
    result.warnings = list(read.warnings)
    for w in read.warnings:
        log.warning("%s", w)
    return result


def save_items(
    store: Store,
    config: Config,
    items: Iterable[Item],
    result: ImportResult,
    *,
    progress: Progress | None = None,
    total: int | None = None,
) -> ImportResult:
    """Link, resolve and store ``items`` (one source's posts) in one transaction.

    ``items`` may be a stream: it is consumed in batches, so memory stays bounded."""
    site_base = config.site.site.base_url
    if total is None and isinstance(items, list):
        total = len(items)
    n = 0
    with store.transaction():
        idx = KeyIndex(store)
        for batch in _batches(items, BATCH):
            for it in batch:
                link_item(it, site_base)
            result.matched_existing += resolve_keys(store, batch, idx)
            for it in batch:
                n += 1
                if idx.written(it.key):  # two posts of this import resolved to one stored post
                    result.skipped_duplicates += 1
                    continue
                _save_one(store, config, it, result, idx)
                if progress is not None and n % 100 == 0:
                    progress(n, total or n)
    if progress is not None:
        progress(n, total or n)
    result.months = dict(sorted(result.months.items()))
    return result


BATCH = 2000


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    batch: list[Item] = []
    for it in items:
        batch.append(it)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _save_one(store: Store, config: Config, it: Item, result: ImportResult, idx: KeyIndex) -> None:
    if it.raw.get("keep_stored"):
        outcome = "same"
    else:
        _remember_keys(store, it)
        row, contributors = process_item(it, config)
        if it.media_type == "video":
            row["kind"], row["with_video"] = "video", 1
        row.setdefault("linked_key", it.raw.get("linked_key", ""))
        outcome = store.upsert_item(row, contributors)
    idx.write(it.key)
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


__all__ = [
    "FacebookImportError",
    "ImportResult",
    "canonical_link",
    "import_facebook",
    "known_keys",
    "read_export",
    "resolve_keys",
    "save_items",
]


def import_recorded(store: Store, config: Config, path: Path | str, *, command: str = "import-facebook",
                    name: str | None = None) -> ImportResult:  # fmt: skip
    """``import_facebook`` recorded as a run of ``command``, whichever face imports (the
    command line, the desk's upload, the night's inbox, the demo), so the run log and the
    desk's Facebook page show every import. An export that cannot be read is recorded as a
    failed run and raised again."""
    name = name or str(path)
    run_id = store.start_run(command)
    try:
        result = import_facebook(store, config, path)
    except Exception as exc:
        store.run_error(run_id, (str(exc) or exc.__class__.__name__).replace(str(path), name), name)
        store.finish_run(run_id, "failed", message=f"{name}: nothing was stored")
        raise
    store.finish_run(run_id, "ok", items_new=result.new, items_updated=result.updated,
                     message=f"{name}: {result.posts} posts ({result.format})")  # fmt: skip
    return result
