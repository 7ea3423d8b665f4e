"""Read a "Download Your Information" JSON export of a Page (zip or unpacked folder).

Layouts seen (files are found by pattern, wherever they sit):

- old: ``posts/your_posts_1.json``;
- 2023-25: ``your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json``;
- Pages from 2025: ``this_profile's_activity_across_facebook/posts/profile_posts_1.json`` (``_2``,
  …) with ``…/posts/videos.json`` (``videos_v2``) and ``…/posts/album/*.json`` (not posts).

The export has no post id. Posts with the same timestamp are one post unless both carry text
and the texts differ; the fuller copy is kept. A video listed both in a post and in
``videos.json`` (matched by media ``uri``) counts once; a ``videos.json`` entry no post holds is
one more post (a video), dated by its ``creation_timestamp``.

Zip archives are never extracted: the JSON members are read in memory one at a time, under size
caps, after the whole archive was checked for unsafe names and zip bombs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from collectors.facebook.common import clean_link, first_line, text_key
from collectors.facebook.errors import FacebookImportError
from collectors.facebook.export_source import (
    DEFAULT_LIMITS,
    VIDEO_EXTENSIONS,
    Limits,
    load_json,
    open_source,
)
from collectors.facebook.mojibake import repair
from collectors.item import Item
from collectors.textnorm import fold

MIN_TS = int(datetime(2004, 1, 1, tzinfo=UTC).timestamp())
MAX_TS = int(datetime(2101, 1, 1, tzinfo=UTC).timestamp()) - 1


def valid_ts(ts: int | None) -> bool:
    return ts is not None and MIN_TS <= ts <= MAX_TS


@dataclass
class ReadResult:
    """What a reader found: the items (one per distinct post) and what it set aside."""

    format: str
    items: list[Item] = field(default_factory=list)
    duplicates: int = 0  # copies merged into another post
    warnings: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


# ------------------------------------------------------------------ parsing
@dataclass
class _Media:
    uri: str
    created: int | None
    video: bool
    description: str = ""


@dataclass
class _Post:
    ts: int
    text: str
    link: str  # usable shared link ('' when absent or scrubbed)
    had_link: bool  # an external_context link, even if scrubbed
    media: list[_Media]
    origin: str  # file#index, for messages
    export_title: str = ""
    extra_uris: set[str] = field(default_factory=set)  # media of merged copies

    @property
    def fullness(self) -> tuple:
        return (bool(self.text), len(self.text), len(self.media), bool(self.link), self.had_link)


def _as_int(v) -> int | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, int):
        return v
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, str) and v.strip().isdigit():
        return int(v.strip())
    return None


def _dicts(v) -> list[dict]:
    return [x for x in v if isinstance(x, dict)] if isinstance(v, list) else []


def _media_of(m: dict) -> _Media | None:
    uri = m.get("uri")
    if not isinstance(uri, str) or not uri:
        return None
    meta = m.get("media_metadata")
    video = isinstance(meta, dict) and "video_metadata" in meta
    video = video or uri.lower().endswith(VIDEO_EXTENSIONS)
    desc = m.get("description") if isinstance(m.get("description"), str) else ""
    return _Media(
        uri=uri, created=_as_int(m.get("creation_timestamp")), video=video, description=desc
    )


def parse_post(p: dict, origin: str) -> _Post | None:
    ts = _as_int(p.get("timestamp"))
    if ts is None:
        return None
    texts = [
        d["post"]
        for d in _dicts(p.get("data"))
        if isinstance(d.get("post"), str) and d["post"].strip()
    ]
    text = texts[0].strip() if texts else ""
    media: list[_Media] = []
    link, had_link = "", False
    for att in _dicts(p.get("attachments")):
        for d in _dicts(att.get("data")):
            if isinstance(d.get("media"), dict):
                m = _media_of(d["media"])
                if m:
                    media.append(m)
            ctx = d.get("external_context")
            if isinstance(ctx, dict) and "url" in ctx:
                url = ctx.get("url") if isinstance(ctx.get("url"), str) else ""
                if url.strip():
                    had_link = True
                link = link or clean_link(url)
    if not text:
        # A photo or video posted with its caption only as the media description.
        descs = [m.description.strip() for m in media if m.description.strip()]
        if len(set(descs)) == 1:
            text = descs[0]
    title = p.get("title") if isinstance(p.get("title"), str) else ""
    return _Post(
        ts=ts,
        text=text,
        link=link,
        had_link=had_link,
        media=media,
        origin=origin,
        export_title=title,
    )


POSTS_SHAPE = (
    'expected a list of posts, [{"timestamp": …, "data": [{"post": …}], '
    '"attachments": […]}, …], or an object holding such a list'
)


def _posts_list(doc, label: str) -> list[dict] | None:
    """The list of posts in a posts file (a bare list, or the first list of posts in an object)."""
    if isinstance(doc, list):
        return doc
    if isinstance(doc, dict):
        if "timestamp" in doc:
            raise FacebookImportError(
                f"{label}: holds one post as a bare object, not a list of posts ({POSTS_SHAPE})"
            )
        for v in doc.values():
            if isinstance(v, list) and any(isinstance(x, dict) and "timestamp" in x for x in v):
                return v
        lists = [v for v in doc.values() if isinstance(v, list)]
        if lists and all(not v for v in lists):
            return []
    return None


def _videos_list(doc) -> list[dict]:
    if isinstance(doc, dict):
        for k in ("videos_v2", "videos"):
            if isinstance(doc.get(k), list):
                return _dicts(doc[k])
        for v in doc.values():
            if isinstance(v, list) and any(isinstance(x, dict) and "uri" in x for x in v):
                return _dicts(v)
        return []
    return _dicts(doc)


def media_type_of(post: _Post) -> str:
    if any(m.video for m in post.media):
        return "video"
    if post.media:
        return "photo"
    if post.link or post.had_link:
        return "link"
    if post.text:
        return "text"
    return "share"


def _uri_keys(uri: str) -> set[str]:
    n = uri.replace("\\", "/").strip()
    return {n.lower(), PurePosixPath(n).name.lower()}


def dedupe_posts(posts: list[_Post]) -> tuple[list[_Post], int]:
    """Merge copies of one post (same timestamp); returns (posts, copies merged)."""
    by_ts: dict[int, list[_Post]] = {}
    for p in posts:
        by_ts.setdefault(p.ts, []).append(p)
    out: list[_Post] = []
    merged = 0
    for ts in sorted(by_ts):
        group = by_ts[ts]
        clusters: dict[str, list[_Post]] = {}
        textless: list[_Post] = []
        for p in group:
            if p.text:
                clusters.setdefault(fold(p.text), []).append(p)
            else:
                textless.append(p)
        if not clusters:
            clusters[""] = textless
            textless = []
        chosen = []
        for copies in clusters.values():
            if len(clusters) == 1:
                copies = copies + textless
            best = max(copies, key=lambda c: c.fullness)
            for c in copies:
                if c is not best:
                    best.extra_uris.update(m.uri for m in c.media)
                    if c.link and not best.link:
                        best.link = c.link
                    best.had_link = best.had_link or c.had_link
                    if any(m.video for m in c.media) and not any(m.video for m in best.media):
                        best.media.extend(m for m in c.media if m.video)
            merged += len(copies) - 1
            chosen.append(best)
        if len(clusters) > 1:
            merged += len(
                textless
            )  # a textless copy of one of several posts: not a post of its own
        out.extend(chosen)
    return out, merged


def _post_item(p: _Post, key: str) -> Item:
    media_type = media_type_of(p)
    raw = {
        "format": "dyi",
        "origin": p.origin,
        "timestamp": p.ts,
        "media": sorted({m.uri for m in p.media} | p.extra_uris),
        "videos": sorted(m.uri for m in p.media if m.video),
        "link": p.link,
        "export_title": p.export_title,
        "text_keys": [text_key(p.text)],
    }
    return Item(
        source="facebook",
        key=key,
        url="",
        title=first_line(p.text),
        published=datetime.fromtimestamp(p.ts, UTC),
        date_source="dyi timestamp",
        text=p.text,
        media_type=media_type,
        has_player=media_type == "video",
        link_url=p.link,
        raw=raw,
    )


def _orphan_item(v: dict, uri: str, created: int, origin: str) -> Item:
    desc = v.get("description") if isinstance(v.get("description"), str) else ""
    vtitle = v.get("title") if isinstance(v.get("title"), str) else ""
    text = desc.strip() or vtitle.strip()
    return Item(
        source="facebook",
        key="video:" + PurePosixPath(uri.replace("\\", "/")).name,
        url="",
        title=first_line(text),
        published=datetime.fromtimestamp(created, UTC),
        date_source="videos.json creation_timestamp",
        text=text,
        media_type="video",
        has_player=True,
        raw={
            "format": "dyi",
            "origin": origin,
            "timestamp": created,
            "media": [uri],
            "videos": [uri],
            "video_only": True,
            # the text of a videos.json entry is its description (a title is only a fallback)
            "text_keys": sorted({text_key(desc.strip()), text_key(text)}),
        },
    )


def _repaired(doc, label: str):
    try:
        return repair(doc)
    except RecursionError:
        raise FacebookImportError(
            f"{label}: the JSON is nested too deeply to be a Facebook export (refused)"
        ) from None


def read_dyi(path: Path | str, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    """Read a DYI export (zip or folder) into one Item per distinct post."""
    path = Path(path)
    fmt = "dyi-folder" if path.is_dir() else "dyi-zip"
    result = ReadResult(format=fmt)
    posts: list[_Post] = []
    videos: list[tuple[dict, str]] = []
    with open_source(path, limits) as src:
        members = src.members()
        post_files = [n for n, k in members if k == "posts"]
        video_files = [n for n, k in members if k == "videos"]
        if not post_files and not video_files:
            post_html = [n for n, k in members if k == "html"]
            video_html = [n for n, k in members if k == "videos-html"]
            if not post_html and not video_html:
                raise FacebookImportError(
                    f"{path}: no posts file found (your_posts*.json, profile_posts_*.json, "
                    "videos.json or their .html forms)"
                )
            result.format = fmt.replace("dyi-", "dyi-html-")
            from collectors.facebook.dyi_html import read_html_members

            read_html_members(src, path, fmt, post_html, video_html, result, posts, videos)
        for name in post_files:
            label = f"{path}: {name}" if fmt == "dyi-zip" else str(path / name)
            doc = _repaired(load_json(src.read(name), label), label)
            entries = _posts_list(doc, label)
            if entries is None:
                raise FacebookImportError(f"{label}: not a list of posts ({POSTS_SHAPE})")
            result.files.append(name)
            for i, entry in enumerate(entries):
                if not isinstance(entry, dict):
                    result.warnings.append(f"{label}: post #{i + 1} is not an object (ignored)")
                    continue
                p = parse_post(entry, f"{name}#{i + 1}")
                if p is not None and not valid_ts(p.ts):
                    result.warnings.append(
                        f"{label}: post #{i + 1}: timestamp {p.ts} is outside 2004–2100 (ignored)"
                    )
                    continue
                if p is None:
                    result.warnings.append(
                        f"{label}: post #{i + 1} has no valid timestamp (ignored)"
                    )
                    continue
                posts.append(p)
        for name in video_files:
            label = f"{path}: {name}" if fmt == "dyi-zip" else str(path / name)
            doc = _repaired(load_json(src.read(name), label), label)
            result.files.append(name)
            for i, v in enumerate(_videos_list(doc)):
                videos.append((v, f"{name}#{i + 1}"))

    unique, merged = dedupe_posts(posts)
    result.duplicates += merged
    by_ts: dict[int, int] = {}
    for p in unique:
        by_ts[p.ts] = by_ts.get(p.ts, 0) + 1
    known_uris: set[str] = set()
    for p in unique:
        key = f"dyi:{p.ts}" if by_ts[p.ts] == 1 else f"dyi:{p.ts}:{text_key(p.text)[:8]}"
        for m in p.media:
            known_uris |= _uri_keys(m.uri)
        for u in p.extra_uris:
            known_uris |= _uri_keys(u)
        result.items.append(_post_item(p, key))

    seen_orphans: set[str] = set()
    for v, origin in videos:
        uri = v.get("uri") if isinstance(v.get("uri"), str) else ""
        if not uri:
            result.warnings.append(f"{path}: {origin}: video without uri (ignored)")
            continue
        keys = _uri_keys(uri)
        if keys & known_uris:
            continue  # the post that holds it counts it
        base = PurePosixPath(uri.replace("\\", "/")).name.lower()
        if base in seen_orphans:
            result.duplicates += 1
            continue
        created = _as_int(v.get("creation_timestamp"))
        if created is not None and not valid_ts(created):
            result.warnings.append(
                f"{path}: {origin}: video {uri}: creation_timestamp {created} is outside "
                "2004–2100 (ignored)"
            )
            continue
        if created is None:
            result.warnings.append(
                f"{path}: {origin}: video {uri} has no creation_timestamp (ignored)"
            )
            continue
        seen_orphans.add(base)
        result.items.append(_orphan_item(v, uri, created, origin))
    if not result.items:
        raise FacebookImportError(
            f"{path}: no post could be read from {', '.join(result.files) or 'the export'} "
            f"({POSTS_SHAPE}; each post needs a timestamp)"
        )
    result.items.sort(key=lambda it: (it.published, it.key))
    return result


def iter_dyi(path: Path | str, limits: Limits = DEFAULT_LIMITS) -> Iterator[Item]:
    """The items of a DYI export (see :func:`read_dyi`)."""
    yield from read_dyi(path, limits).items
