"""The replica's records: a category and an article with its ground truth."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from collectors.dates import LOCAL


@dataclass
class Category:
    slug: str
    name: str
    in_nav: bool = True


@dataclass
class Article:
    path: str
    title: str
    published: datetime
    modified: datetime
    category: str
    kind: str  # news | article | video (expected)
    with_video: bool
    unit_id: str | None
    contributors: list[str]
    is_repost: bool
    lead: str
    paragraphs: list[str]
    captions: list[str]
    byline: str  # as shown ("" when the item has none)
    video: str | None  # youtube | youtu.be | fbplugin | video-tag | embed
    template: str  # a | b | c
    words: int = 0  # body words (lead + paragraphs + captions), counted on the generated text
    video_id: str = ""
    player_after: int = 0  # the player follows this paragraph
    figure_after: list[int] = field(default_factory=list)  # one per caption
    kind_reason: str = ""
    unit_reason: str = ""

    @property
    def created(self) -> int:
        return int(self.path.rsplit("-", 1)[1].split(".")[0])

    @property
    def local(self) -> datetime:
        return self.published.astimezone(LOCAL)

    @property
    def month(self) -> str:
        return self.local.strftime("%Y-%m")

    @property
    def body_text(self) -> str:
        return "\n".join([self.lead, *self.paragraphs, *self.captions])
