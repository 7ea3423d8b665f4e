"""The rules of DESIGN.md that the replica's truth is computed by, written independently of the
pipeline's implementation: the kind of an item and the unit it is attributed to, with the demo's
contributors registry they read."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

AMBIG = "?"  # a mention that fits two units
ARTICLE_CATEGORIES = {"chuyen-de", "phong-su"}
VIDEO_CATEGORIES = {"video"}

# The kind rules of DESIGN.md, written independently of the pipeline's implementation.
VIDEO_TITLE = re.compile(r"^\s*(?:\[\s*video\s*\]|\(\s*video\s*\)|video\s*:|clip\s*:)", re.I)
SERIES_MARK = re.compile(
    r"(?:^|[\s(\[«\"“])(?:bài|kỳ|kì|phần)\s+(?:\d{1,2}|[ivxlc]{1,5})\s*:", re.I
)
MAX_VIDEO_WORDS = 150
MIN_ARTICLE_WORDS = 1000


# ---------------------------------------------------------------- the demo registry
def demo_contributors() -> list[dict]:
    path = Path(__file__).parents[1] / "config" / "contributors.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))["contributors"]


CONTRIBUTORS = demo_contributors()
CONTRIB_UNIT = {c["id"]: c.get("unit") or None for c in CONTRIBUTORS}
ALIASES = {c["id"]: c["aliases"] for c in CONTRIBUTORS}
WITH_UNIT = [c["id"] for c in CONTRIBUTORS if c.get("unit")]
WITHOUT_UNIT = [c["id"] for c in CONTRIBUTORS if not c.get("unit")]


# ---------------------------------------------------------------- the rules of DESIGN.md
def kind_of(title: str, category: str, words: int, has_player: bool) -> tuple[str, str]:
    if VIDEO_TITLE.search(title):
        return "video", "title marker"
    if category in VIDEO_CATEGORIES:
        return "video", "video category"
    if has_player and words < MAX_VIDEO_WORDS:
        return "video", "player with few words"
    if category in ARTICLE_CATEGORIES:
        return "article", "in-depth category"
    if SERIES_MARK.search(title):
        return "article", "series marker"
    if words >= MIN_ARTICLE_WORDS:
        return "article", "long body"
    return "news", "default"


def unit_of(
    *, repost: bool, byline_units: list[str], contributors: list[str],
    title_mentions: list[str], lead_mentions: list[str],
) -> tuple[str | None, str]:  # fmt: skip
    if repost:
        return None, "repost"
    if byline_units:
        return byline_units[0], "byline"
    for cid in contributors:
        if CONTRIB_UNIT.get(cid):
            return CONTRIB_UNIT[cid], "contributor"
    for where, mentions in (("title", title_mentions), ("lead", lead_mentions)):
        for m in mentions:
            if m != AMBIG:
                return m, where
    return None, "none"
