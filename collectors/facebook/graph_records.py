"""A Graph API node as an Item: a published post (a video post when an attachment or
sub-attachment has ``media_type`` ``video``, never a ``share``), a reel (a post and a video), and
a post that holds a reel merged with it into one item. ``created_time`` is UTC."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from collectors.facebook.common import first_line, text_key
from collectors.item import Item

MIN_YEAR, MAX_YEAR = 2004, 2100


def parse_time(value, where: str) -> datetime:
    """Graph's ``2025-03-31T23:00:05+0000`` as an aware UTC datetime, within 2004–2100."""
    if not isinstance(value, str):
        raise ValueError(f"{where}: no created_time")
    v = value.strip()
    if re.search(r"[+-]\d{4}$", v):
        v = v[:-2] + ":" + v[-2:]
    try:
        dt = datetime.fromisoformat(v.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"{where}: created_time {value!r} is not a date") from None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    if not MIN_YEAR <= dt.astimezone(UTC).year <= MAX_YEAR:
        raise ValueError(f"{where}: created_time {value!r} is outside {MIN_YEAR}–{MAX_YEAR}")
    return dt.astimezone(UTC)


def _data(v) -> list[dict]:
    if isinstance(v, dict):
        v = v.get("data")
    return [x for x in v if isinstance(x, dict)] if isinstance(v, list) else []


def _shape(node: dict) -> tuple[str, str, list[str]]:
    """(media_type, shared link, target ids of the non-share attachments)."""
    video = photo = False
    link = ""
    targets: list[str] = []
    for att in _data(node.get("attachments")):
        if att.get("type") == "share":
            link = link or str(att.get("unshimmed_url") or att.get("url") or "")
            continue
        tgt = att.get("target")
        if isinstance(tgt, dict) and tgt.get("id"):
            targets.append(str(tgt["id"]))
        subs = _data(att.get("subattachments"))
        kinds = {att.get("media_type")} | {
            s.get("media_type") for s in subs if s.get("type") != "share"
        }
        video = video or "video" in kinds
        photo = photo or bool(kinds & {"photo", "album"})
    if video:
        return "video", link, targets
    if link:
        return "link", link, targets
    if photo:
        return "photo", link, targets
    return ("text" if node.get("message") else "share"), link, targets


def post_item(node: dict, published: datetime) -> Item:
    gid = str(node.get("id") or "")
    post_id = gid.rsplit("_", 1)[-1]
    text = node.get("message") if isinstance(node.get("message"), str) else ""
    media_type, link, targets = _shape(node)
    return Item(
        source="facebook",
        key=f"fb:{post_id}",
        url=str(node.get("permalink_url") or ""),
        title=first_line(text),
        published=published,
        date_source="graph created_time",
        text=text.strip(),
        media_type=media_type,
        has_player=media_type == "video",
        link_url=link,
        raw={
            "format": "graph",
            "graph_id": gid,
            "status_type": str(node.get("status_type") or ""),
            "alt_keys": sorted({f"reel:{t}" for t in targets}),
            "text_keys": [text_key(text)],
        },
    )


def reel_item(node: dict, published: datetime) -> Item:
    rid = str(node.get("id") or "")
    text = node.get("description") if isinstance(node.get("description"), str) else ""
    url = str(node.get("permalink_url") or "")
    if url.startswith("/"):
        url = "https://www.facebook.com" + url
    return Item(
        source="facebook",
        key=f"reel:{rid}",
        url=url,
        title=first_line(text),
        published=published,
        date_source="graph created_time",
        text=text.strip(),
        media_type="video",
        has_player=True,
        raw={"format": "graph", "graph_id": rid, "reel": True, "text_keys": [text_key(text)]},
    )


def merge_reels(posts: list[Item], reels: list[Item]) -> list[Item]:
    """A published post whose attachment targets a reel is that reel: one item, a video."""
    by_key = {r.key: r for r in reels}
    used: set[str] = set()
    for p in posts:
        for alt in p.raw.get("alt_keys") or []:
            reel = by_key.get(alt)
            if reel is None or alt in used:
                continue
            used.add(alt)
            p.media_type, p.has_player = "video", True
            if not p.text and reel.text:
                p.text, p.title = reel.text, reel.title
            p.raw["text_keys"] = sorted(set(p.raw["text_keys"]) | set(reel.raw["text_keys"]))
            p.raw["reel_url"] = reel.url
    return posts + [r for r in reels if r.key not in used]
