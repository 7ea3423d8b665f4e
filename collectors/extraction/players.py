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


def _sources(el) -> list[str]:
    """Where an element's media comes from: ``src``, and the lazy loaders' ``data-src`` (a
    lazy player's ``src`` is often ``about:blank``)."""
    get = el.get
    if el.tag == "param":
        return [get("value") or ""] if (get("name") or "").lower() in ("movie", "src") else []
    found = [get(a) for a in ("src", "data-src", "data-lazy-src", "data-original", "data", "href")]
    return [f for f in found if f and not f.startswith(("about:", "data:"))] or [""]


def players_in(region) -> list[str]:
    """The players inside ``region``, in document order."""
    out: list[str] = []
    for el in region.iterdescendants(*PLAYER_TAGS):
        for src in _sources(el):
            player = player_of(el.tag, src)
            if player is not None:
                if player not in out:
                    out.append(player)
                break
    for el in region.iterdescendants(etree.Element):
        cls = el.get("class") or ""
        if cls and PLAYER_CLASS.search(cls):
            href = el.get("data-href") or ""
            out.append(href if "facebook.com" in href else "player element")
            break
    return out
