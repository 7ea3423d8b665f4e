"""The record every collector yields.

A collector only reads a source and fills an :class:`Item`; classification, attribution and
storage happen in ``pipeline``. Fields a source does not know stay at their defaults.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class Item:
    source: str  # "website" or "facebook"
    key: str  # identity within the source: canonical URL path or Facebook post key
    url: str = ""  # where a person can open it
    title: str = ""
    published: datetime | None = None  # timezone-aware
    date_source: str = ""  # which rule gave the publish date (for the data-quality section)
    category: str = ""  # category name or slug as the source shows it
    category_source: str = ""
    lead: str = ""
    text: str = ""  # body text used for the word count and for the unit search
    words: int = 0
    byline: str = ""
    photo_credits: list[str] = field(default_factory=list)
    has_player: bool = False  # a video player or file inside the body
    media_type: str = ""  # facebook: video, photo, link, text, share
    link_url: str = ""  # facebook: the shared link, if any
    status: str = "ok"  # ok | pending (listed, page not fetched yet)
    error: str = ""
    raw: dict = field(default_factory=dict)  # fields as extracted, kept for probing and audits
