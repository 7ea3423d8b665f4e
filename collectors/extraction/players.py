"""Video players in the article: iframes and embeds of YouTube (any of its embed hosts, also
``//`` sources) and Facebook video, <video>, links to video files, player wrappers."""

from __future__ import annotations

from lxml import etree

from collectors.extraction.patterns import PLAYER_CLASS, PLAYER_SRC, VIDEO_FILE

PLAYER_TAGS = ("iframe", "video", "embed", "object", "source", "a", "param")


def player_of(name: str, src: str) -> str | None:
    """What a player-like element counts as (None: not a player)."""
    src = src.strip()
    if src.startswith("//"):
        src = "https:" + src
    if name == "a":
        return src if VIDEO_FILE.search(src) else None
    if name == "video" or PLAYER_SRC.search(src):
        return src or name
    return None


def _source(el) -> str:
    get = el.get
    if el.tag == "param":
        return get("value") or "" if (get("name") or "").lower() in ("movie", "src") else ""
    return get("src") or get("data-src") or get("data") or get("href") or ""


def players_in(region) -> list[str]:
    """The players inside ``region``, in document order."""
    out: list[str] = []
    for el in region.iterdescendants(*PLAYER_TAGS):
        player = player_of(el.tag, _source(el))
        if player is not None and player not in out:
            out.append(player)
    for el in region.iterdescendants(etree.Element):
        cls = el.get("class") or ""
        if cls and PLAYER_CLASS.search(cls):
            href = el.get("data-href") or ""
            out.append(href if "facebook.com" in href else "player element")
            break
    return out
