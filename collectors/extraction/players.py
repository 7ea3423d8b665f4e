"""Video players in the article, each with its kind: an embedded video host (YouTube in every
form, Facebook video, Vimeo, Dailymotion, TikTok, a broadcaster's or any other player page), a
<video>/<source> or a link to a video file, and a player a script sets up (JW Player, Video.js,
Flowplayer, Plyr, MediaElement, or any script or ``data-*`` attribute naming a media file or a
video host's watch/embed address). A script outside the article counts only when it sets up an
element of the article (by its id). A plain link to a video page is not a player."""

from __future__ import annotations

import re
from typing import NamedTuple

from lxml import etree

from collectors.extraction.patterns import PLAYER_CLASS

PLAYER_TAGS = ("iframe", "video", "embed", "object", "source", "a", "param")

# a video host's watch or embed address, by host
_HOSTS = (
    ("youtube", r"youtube(?:-nocookie)?\.com/(?:embed|watch|v/|shorts/|live/|playlist)|youtu\.be/"),
    ("facebook", r"facebook\.com/(?:plugins/video|[^\"'\s]*/videos/|watch|reel/)|fb\.watch/"),
    ("vimeo", r"vimeo\.com/(?:video/|channels/[^/\s\"']+/)?\d+"),
    ("dailymotion", r"dailymotion\.com/(?:embed/)?video/|dai\.ly/"),
    ("tiktok", r"tiktok\.com/(?:embed|@[^/\s\"']+/video/)"),
    ("jwplayer", r"(?:jwplatform|jwplayer)\.com/(?:players|previews|v2/media|videos)/"),
    ("broadcaster", r"(?:hatinhtv|truyenhinhhatinh|htv\.hatinh)\b"),
)
HOST_URL = re.compile("|".join(f"(?P<{kind}>{pat})" for kind, pat in _HOSTS), re.I)
# a media file named in an attribute or a script (not a thumbnail "clip.mp4.jpg")
MEDIA_FILE = re.compile(r"\.(?:mp4|m4v|m3u8|webm|mov|mpd|flv)(?=$|[?#&\"'\s,;)\]}\\])", re.I)
# any other page that plays a video in an iframe (not an audio player)
_PLAYER_PAGE = re.compile(r"//player\.|/player\b|/embed/|/video/embed", re.I)
_AUDIO = re.compile(r"soundcloud|spotify|mixcloud|audio|podcast", re.I)
# a player library set up by a script
_LIBRARIES = (
    ("jwplayer", r"\bjwplayer\s*\([^)]*\)\s*\.\s*setup\s*\("),
    ("videojs", r"\bvideojs\s*\(|\bvideojs\.getPlayer\s*\("),
    ("flowplayer", r"\bflowplayer\s*\("),
    ("plyr", r"\bnew\s+Plyr\s*\(|\bPlyr\.setup\s*\("),
    ("mediaelement", r"\bnew\s+MediaElement(?:Player)?\s*\(|\.mediaelementplayer\s*\(|\bMediaElementPlayer\s*\("),
    ("clappr", r"\bnew\s+Clappr\.Player\s*\("),
    ("hls.js", r"\bnew\s+Hls\s*\("),
)
LIBRARY_SETUP = re.compile("|".join(f"(?P<{k.replace('.', '_')}>{p})" for k, p in _LIBRARIES))
# the libraries' markup set up from its attributes (Flowplayer's div, Plyr's provider div)
_SETUP_ATTRS = ("data-setup", "data-plyr-provider", "data-plyr-embed-id", "data-video-id",
                "data-youtube-id", "data-vimeo-id", "data-jw-media-id")  # fmt: skip
_IDS = etree.XPath("descendant-or-self::*/@id", smart_strings=False)
_STRING = re.compile(r"""["']#?([A-Za-z][\w\-:.]{0,80})["']""")


class Player(NamedTuple):
    kind: str
    src: str


def _https(src: str) -> str:
    src = src.strip()
    return "https:" + src if src.startswith("//") else src


def kind_of_url(url: str) -> str | None:
    """The kind of player a media address names: a host's, "video file", or None."""
    m = HOST_URL.search(url)
    if m:
        return m.lastgroup
    if MEDIA_FILE.search(url):
        return "video file"
    return None


def player_of(name: str, src: str) -> Player | None:
    """What a player-like element counts as (None: not a player)."""
    src = _https(src)
    if name == "a":  # a link plays nothing, unless it is the video file itself
        return Player("video file", src) if MEDIA_FILE.search(src) else None
    kind = kind_of_url(src)
    if kind is not None:
        return Player(kind, src)
    if name == "video":
        return Player("video file", src or name)
    if name in ("iframe", "embed", "object") and _PLAYER_PAGE.search(src) and not _AUDIO.search(src):
        return Player("embedded player", src)
    return None


def _sources(el) -> list[str]:
    """Where an element's media comes from: ``src``, and the lazy loaders' ``data-src`` (a
    lazy player's ``src`` is often ``about:blank``)."""
    get = el.get
    if el.tag == "param":
        return [get("value") or ""] if (get("name") or "").lower() in ("movie", "src") else []
    found = [get(a) for a in ("src", "data-src", "data-lazy-src", "data-original", "data", "href")]
    return [f for f in found if f and not f.startswith(("about:", "data:"))] or [""]


def script_player(text: str) -> Player | None:
    """The player a script's text sets up: a library's setup call, else a media file or a video
    host's address it names."""
    m = LIBRARY_SETUP.search(text)
    if m:
        return Player(m.lastgroup.replace("_", "."), "script")
    m = HOST_URL.search(text)
    if m:
        return Player(m.lastgroup, "script")
    if MEDIA_FILE.search(text):
        return Player("script media file", "script")
    return None


def _attribute_player(el) -> Player | None:
    """A player that ``data-*`` attributes set up: a library's setup attribute, or one naming
    a media file or a video host's address (not on a link: a link plays nothing)."""
    for name, value in el.attrib.items():
        if not name.startswith("data-") or not value:
            continue
        kind = kind_of_url(value)
        if name in _SETUP_ATTRS:
            if name == "data-plyr-provider":
                kind = kind or value.strip().lower()[:20]
            return Player(kind or "player attribute", value)
        if kind is not None and el.tag != "a":
            return Player(kind, _https(value))
    return None


def _script_text(el) -> str:
    return (el.get("src") or "") + " " + (el.text or "")


def find_players(region, page=None) -> list[Player]:
    """The players inside ``region`` (the article), in document order; ``page``: the whole
    page, whose scripts outside the article count when they set up an element of it."""
    out: list[Player] = []
    seen: set[str] = set()

    def add(player: Player | None) -> bool:
        if player is None:
            return False
        key = player.src if player.src not in ("script", "player element") else f"{player.kind}:{len(out)}"
        if key not in seen:
            seen.add(key)
            out.append(player)
        return True

    for el in region.iter(etree.Element):
        tag = el.tag
        if tag in PLAYER_TAGS and any(add(player_of(tag, src)) for src in _sources(el)):
            continue
        if tag == "script":
            add(script_player(_script_text(el)))
            continue
        if el.attrib:
            if add(_attribute_player(el)):
                continue
            cls = el.get("class") or ""
            if cls and PLAYER_CLASS.search(cls):
                href = el.get("data-href") or ""
                add(Player("facebook", href) if "facebook.com" in href else Player("player element", "player element"))
    if page is not None:
        out += _set_up_from_outside(region, page)
    return out


def _set_up_from_outside(region, page) -> list[Player]:
    """Players that a script outside the article sets up in an element of the article."""
    ids = {i for i in _IDS(region) if i}
    if not ids:
        return []  # (nothing in the article a script could name: its scripts are not read)
    found = []
    for s in page.iter("script"):
        if s is region or region in s.iterancestors():
            continue
        text = s.text or ""
        if text and (player := script_player(text)) is not None \
                and any(m.group(1) in ids for m in _STRING.finditer(text)):  # fmt: skip
            found.append(player)
    return found


def players_in(region, page=None) -> list[str]:
    """The players inside ``region``: where each plays from (a script's: "script")."""
    return [p.src for p in find_players(region, page)]
