"""The kind of an item (news, article, video), by the rules of ``rules.toml``.

First that applies: video (title marker, video category, a player with few words); article
(in-depth category, series marker in the title, long body); news. An editor's override is
applied later, in the store's view, and always wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from collectors.textnorm import fold, fold_pattern
from pipeline.settings import RulesFile


@dataclass(frozen=True)
class Kind:
    kind: str  # news | article | video
    reason: str  # which rule decided, for people checking the number
    with_video: bool


class Classifier:
    def __init__(self, rules: RulesFile):
        self.rules = rules
        self.video_title = [re.compile(r"^\s*" + fold_pattern(p), re.I) for p in rules.video.title_prefixes]
        self.series = [re.compile(fold_pattern(p), re.I) for p in rules.article.title_patterns]
        self.video_categories = {fold(c) for c in rules.video.categories}
        self.article_categories = {fold(c) for c in rules.article.categories}
        self.repost = [re.compile(r"^\s*" + fold_pattern(p), re.I) for p in rules.repost.byline_prefixes]
        self.bulletin = [fold(k) for k in rules.bulletin.keywords]
        self.contest = [fold(k) for k in rules.contest.keywords]

    def classify(
        self, title: str, categories: list[str], words: int, has_player: bool
    ) -> Kind:
        t = fold(title)
        cats = {fold(c) for c in categories if c}
        if any(p.search(t) for p in self.video_title):
            return Kind("video", "video marker in the title", True)
        if _names_any(cats, self.video_categories):
            return Kind("video", "video category", True)
        if has_player and words < self.rules.video.max_words_with_player:
            return Kind(
                "video",
                f"player in the body with {words} words "
                f"(< {self.rules.video.max_words_with_player})",
                True,
            )
        if _names_any(cats, self.article_categories):
            return Kind("article", "in-depth category", has_player)
        if any(p.search(t) for p in self.series):
            return Kind("article", "series marker in the title", has_player)
        if words >= self.rules.article.min_words:
            return Kind("article", f"{words} words (≥ {self.rules.article.min_words})", has_player)
        return Kind("news", "default (news)", has_player)

    def is_repost(self, byline: str) -> bool:
        """A byline, or one of its parts ("Tác giả: X - Nguồn: Theo …"), starting as a repost's."""
        parts = _PARTS.split(fold(byline))
        return any(
            part and any(p.search(part) for p in self.repost)
            for part in (x.lstrip("([ ") for x in parts)  # "(Theo Báo Lao Động)" too
        )

    def flags(self, *texts: str) -> tuple[bool, bool]:
        """(is_bulletin, is_contest) from keywords in the given texts."""
        joined = " \n ".join(fold(t) for t in texts if t)
        return (
            any(k in joined for k in self.bulletin),
            any(k in joined for k in self.contest),
        )


# where a byline's parts meet: "Tác giả: Ngọc Ánh - Nguồn: Theo baohatinh.vn", "X; Nguồn: Báo Y"
_PARTS = re.compile(r"\s+[-–—]\s+|\s*[;|]\s*|\n")


def _names_any(categories: set[str], names: set[str]) -> bool:
    """A category names one of ``names``: equal, or holding it as whole words
    ("Video - Clip", "Chuyên đề - Phóng sự", "video-clip")."""
    for cat in categories:
        for name in names:
            if cat == name or re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", cat):
                return True
    return False
