"""What the website collector passes around: hints from listings and feeds, the run's result."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

FEED_GUESSES = ["/feed", "/rss", "/rss.xml", "/feed.xml", "/atom.xml"]
BATCH = 20  # records handed to the save step at once


@dataclass
class Hint:
    """What a listing or feed says of an article, used when its page cannot be read."""

    url: str
    title: str = ""
    published: datetime | None = None
    date_source: str = ""
    category: str = ""
    category_source: str = ""
    categories: list[str] = field(default_factory=list)  # name and slug, for the kind rules


@dataclass
class CollectResult:
    requests: int = 0
    new: int = 0
    updated: int = 0
    fetched: int = 0
    pending: list[tuple[str, str]] = field(default_factory=list)  # (url, reason)
    errors: list[tuple[str, str]] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    failed: bool = False
    interrupted: bool = False
    message: str = ""

