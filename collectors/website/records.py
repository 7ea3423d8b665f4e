"""What the website collector passes around: the run's result (hints are in collectors.page_item)."""

from __future__ import annotations

from dataclasses import dataclass, field

FEED_GUESSES = ["/feed", "/rss", "/rss.xml", "/feed.xml", "/atom.xml"]
BATCH = 20  # records handed to the save step at once


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
    aliases: int = 0  # addresses learnt this run to be another address of an item
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (slug, why): listings left resumable
    failed: bool = False
    interrupted: bool = False
    message: str = ""

