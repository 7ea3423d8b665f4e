"""The posts of a "Download Your Information" export as the JSON (and the HTML) reader finds
them: each post's text, time, link and media, which media make it a video, and the copies of
one post merged (same timestamp, same or no text; a video listed in a post and in
``videos.json`` counts once)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import PurePosixPath

from collectors.facebook.common import clean_link
from collectors.facebook.errors import FacebookImportError
from collectors.facebook.export_source import VIDEO_EXTENSIONS
from collectors.textnorm import fold

MIN_TS = int(datetime(2004, 1, 1, tzinfo=UTC).timestamp())
MAX_TS = int(datetime(2101, 1, 1, tzinfo=UTC).timestamp()) - 1


def valid_ts(ts: int | None) -> bool:
    return ts is not None and MIN_TS <= ts <= MAX_TS


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
