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

from collectors.facebook.common import first_line, text_key
from collectors.facebook.dyi_html import read_html_members
from collectors.facebook.dyi_posts import (
    POSTS_SHAPE,
    _as_int,
    _Post,
    _posts_list,
    _uri_keys,
    _videos_list,
    dedupe_posts,
    media_type_of,
    parse_post,
    valid_ts,
)
from collectors.facebook.errors import FacebookImportError
from collectors.facebook.export_source import (
    DEFAULT_LIMITS,
    Limits,
    load_json,
    open_source,
)
from collectors.facebook.mojibake import repair
from collectors.item import Item


@dataclass
class ReadResult:
    """What a reader found: the items (one per distinct post) and what it set aside."""

    format: str
    items: list[Item] = field(default_factory=list)
    duplicates: int = 0  # copies merged into another post
    warnings: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


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
