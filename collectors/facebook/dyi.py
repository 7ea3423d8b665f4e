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

import json
import re
import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from collectors.facebook.common import clean_link, first_line, text_key
from collectors.facebook.errors import FacebookImportError
from collectors.facebook.mojibake import repair
from collectors.item import Item
from collectors.textnorm import fold

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Caps that protect the importer from huge or hostile inputs."""

    max_file_bytes: int = 256 * MiB  # one JSON member / file
    max_csv_bytes: int = 4096 * MiB  # one CSV file (read as a stream)
    max_read_bytes: int = 1024 * MiB  # all JSON read from one export
    max_ratio: float = 200.0  # uncompressed / compressed, for members above ratio_min_bytes
    ratio_min_bytes: int = 1 * MiB
    max_archive_bytes: int = 64 * 1024 * MiB  # declared uncompressed size of the whole zip
    max_members: int = 500_000


DEFAULT_LIMITS = Limits()

POSTS_FILE = re.compile(r"^(your_posts.*|profile_posts.*)\.json$", re.I)
VIDEOS_FILE = re.compile(r"^videos\.json$", re.I)
HTML_POSTS_FILE = re.compile(r"^(your_posts.*|profile_posts.*)\.html?$", re.I)
HTML_VIDEOS_FILE = re.compile(r"^(videos|your_videos)\.html?$", re.I)
VIDEO_EXTENSIONS = (".mp4", ".mov", ".m4v", ".webm", ".avi", ".mkv")
# Posts are dated 2004 (Facebook's start) to 2100; a timestamp outside is refused, with a warning.
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


# ------------------------------------------------------------------ sources (zip or folder)
def _is_album(parts: tuple[str, ...]) -> bool:
    return any(p.lower() == "album" for p in parts[:-1])


def classify_member(name: str) -> str:
    """'posts', 'videos', 'html' or '' for a path inside an export."""
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if not parts or _is_album(parts):
        return ""
    base = parts[-1]
    if POSTS_FILE.match(base):
        return "posts"
    if VIDEOS_FILE.match(base):
        return "videos"
    if HTML_POSTS_FILE.match(base):
        return "html"
    if HTML_VIDEOS_FILE.match(base):
        return "videos-html"
    return ""


def _natural(name: str) -> list:
    return [int(t) if t.isdigit() else t.lower() for t in re.split(r"(\d+)", name)]


def _unsafe_name(name: str) -> bool:
    n = name.replace("\\", "/")
    if n.startswith("/") or re.match(r"^[A-Za-z]:", n):
        return True
    return ".." in PurePosixPath(n).parts


class ExportSource:
    """The JSON files of an export, read one at a time as bytes under the size caps."""

    def __init__(self, path: Path, limits: Limits = DEFAULT_LIMITS):
        self.path = Path(path)
        self.limits = limits
        self.read_total = 0

    def members(self) -> list[tuple[str, str]]:  # (name, 'posts' | 'videos' | 'html')
        raise NotImplementedError

    def read(self, name: str) -> bytes:
        raise NotImplementedError

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _count(self, name: str, size: int) -> None:
        if size > self.limits.max_file_bytes:
            raise FacebookImportError(
                f"{self.path}: {name} is {size / MiB:.0f} MiB, over the "
                f"{self.limits.max_file_bytes / MiB:.0f} MiB limit for one file (refused)"
            )
        self.read_total += size
        if self.read_total > self.limits.max_read_bytes:
            raise FacebookImportError(
                f"{self.path}: the export's JSON files exceed "
                f"{self.limits.max_read_bytes / MiB:.0f} MiB in total (refused)"
            )


class FolderSource(ExportSource):
    def members(self) -> list[tuple[str, str]]:
        out = []
        for p in self.path.rglob("*"):
            if not p.is_file():
                continue
            rel = p.relative_to(self.path).as_posix()
            kind = classify_member(rel)
            if kind:
                out.append((rel, kind))
        return sorted(out, key=lambda m: _natural(m[0]))

    def read(self, name: str) -> bytes:
        p = self.path / name
        try:
            self._count(name, p.stat().st_size)
            return p.read_bytes()
        except OSError as exc:
            raise FacebookImportError(f"{p}: cannot read ({exc.strerror or exc})") from None


class ZipSource(ExportSource):
    def __init__(self, path: Path, limits: Limits = DEFAULT_LIMITS):
        super().__init__(path, limits)
        try:
            self.zip = zipfile.ZipFile(self.path)
        except zipfile.BadZipFile as exc:
            raise FacebookImportError(
                f"{self.path}: damaged or truncated zip archive ({exc})"
            ) from None
        except OSError as exc:
            raise FacebookImportError(f"{self.path}: cannot read ({exc.strerror or exc})") from None
        try:
            self._check()
        except BaseException:
            self.zip.close()
            raise
        self.infos = {i.filename: i for i in self.zip.infolist()}

    def _check(self) -> None:
        """Refuse unsafe names, zip bombs and archives too large to be an export."""
        infos = self.zip.infolist()
        lim = self.limits
        if len(infos) > lim.max_members:
            raise FacebookImportError(
                f"{self.path}: {len(infos)} entries in the zip, over the limit of {lim.max_members} (refused)"
            )
        total = 0
        for info in infos:
            if _unsafe_name(info.filename):
                raise FacebookImportError(
                    f"{self.path}: unsafe path in the zip: {info.filename!r} "
                    "(absolute or leading outside the archive; refused)"
                )
            if stat.S_ISLNK(info.external_attr >> 16):
                raise FacebookImportError(
                    f"{self.path}: the zip holds a symbolic link {info.filename!r} (refused)"
                )
            total += info.file_size
            if info.file_size > lim.ratio_min_bytes and info.file_size > lim.max_ratio * max(
                info.compress_size, 1
            ):
                raise FacebookImportError(
                    f"{self.path}: {info.filename} expands {info.file_size / max(info.compress_size, 1):.0f} "
                    f"times (over {lim.max_ratio:.0f}): looks like a zip bomb (refused)"
                )
        if total > lim.max_archive_bytes:
            raise FacebookImportError(
                f"{self.path}: the zip would expand to {total / MiB:.0f} MiB, over the "
                f"{lim.max_archive_bytes / MiB:.0f} MiB limit (refused)"
            )

    def close(self) -> None:
        self.zip.close()

    def members(self) -> list[tuple[str, str]]:
        out = []
        for name, info in self.infos.items():
            if info.is_dir():
                continue
            kind = classify_member(name)
            if kind:
                out.append((name, kind))
        return sorted(out, key=lambda m: _natural(m[0]))

    def read(self, name: str) -> bytes:
        info = self.infos[name]
        self._count(name, info.file_size)
        try:
            with self.zip.open(info) as f:
                data = f.read(info.file_size + 1)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
            raise FacebookImportError(
                f"{self.path}: {name}: damaged or truncated in the zip ({exc})"
            ) from None
        except Exception as exc:  # zlib.error and friends
            raise FacebookImportError(
                f"{self.path}: {name}: cannot be decompressed ({exc})"
            ) from None
        if len(data) != info.file_size:
            raise FacebookImportError(
                f"{self.path}: {name}: size differs from the zip's directory (damaged; refused)"
            )
        return data


def open_source(path: Path, limits: Limits = DEFAULT_LIMITS) -> ExportSource:
    path = Path(path)
    if path.is_dir():
        return FolderSource(path, limits)
    return ZipSource(path, limits)


def load_json(data: bytes, label: str):
    """Parse JSON bytes; a parse error names the file, line and column."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FacebookImportError(f"{label}: not UTF-8 JSON (byte {exc.start})") from None
    if not text.strip():
        raise FacebookImportError(f"{label}: the file is empty")
    try:
        return json.loads(text)
    except RecursionError:
        raise FacebookImportError(
            f"{label}: the JSON is nested too deeply to be a Facebook export (refused)"
        ) from None
    except json.JSONDecodeError as exc:
        hint = " (the file looks truncated)" if exc.pos >= len(text.rstrip()) - 1 else ""
        raise FacebookImportError(
            f"{label}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}{hint}"
        ) from None


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
