"""An article page and what its listing or feed said of it, made into an :class:`Item`: the
page's fields first, the listing's where the page gives none; how each field was found goes
with it (``raw["provenance"]``), and the listing's word (``raw["hint"]``), so that the item can
be re-derived from an archived copy of the page alone."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from collectors.dates import parse_iso
from collectors.extraction import Extracted, extract_article
from collectors.item import Item
from collectors.profile import SiteFile


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

    def to_raw(self) -> dict:
        return {"title": self.title, "published": self.published.isoformat() if self.published else None,
                "date_source": self.date_source, "category": self.category,
                "category_source": self.category_source, "categories": self.categories}  # fmt: skip

    @classmethod
    def from_raw(cls, url: str, raw: dict | None) -> Hint:
        raw = raw or {}
        return cls(url=url, title=raw.get("title", ""), published=parse_iso(raw.get("published")),
                   date_source=raw.get("date_source", ""), category=raw.get("category", ""),
                   category_source=raw.get("category_source", ""),
                   categories=list(raw.get("categories") or []))  # fmt: skip


def provenance_of(ex: Extracted, date_source: str, category_source: str) -> dict:
    return {"title": ex.title_source, "date": date_source, "category": category_source,
            "lead": ex.lead_source, "body": ex.body_source, "byline": ex.byline_source,
            "fallbacks": ex.fallbacks, "left_out": [list(x) for x in ex.left_out[:20]]}  # fmt: skip


def public_url(site: SiteFile, key: str) -> str:
    """The address people open: the canonical key on the configured ``base_url`` (not the
    ``--site-url`` a collection may read from, no tracking parameters)."""
    return site.site.base_url.rstrip("/") + key


def item_from_page(key: str, url: str, html: str | bytes, hint: Hint, site: SiteFile,
                   now: datetime | None = None) -> tuple[Item, Extracted]:  # fmt: skip
    """The record of an article page read from ``url`` (stored under its public address)."""
    ex = extract_article(html, url, site.selectors, site.site.site_authors, now)
    published, date_source = ex.published, ex.date_source
    if published is None and hint.published is not None:
        published, date_source = hint.published, hint.date_source
    categories = list(ex.categories)
    category, category_source = ex.category, ex.category_source
    if not categories and hint.category:
        categories = hint.categories or [hint.category]
        category, category_source = hint.category, hint.category_source
    problems = list(ex.problems)
    if published is None:
        problems.append("no publish date anywhere (page, listing, feed)")
    no_body = ex.body_source == "whole page"
    item = Item(
        source="website", key=key, url=public_url(site, key), title=ex.title or hint.title,
        published=published, date_source=date_source, category=category,
        category_source=category_source,
        lead="" if no_body else ex.lead, text="" if no_body else ex.text,
        words=0 if no_body else ex.words, byline="" if no_body else ex.byline,
        photo_credits=[] if no_body else ex.photo_credits,
        has_player=False if no_body else ex.has_player,
        status="ok", error="; ".join(problems),
        raw={"categories": categories, "players": ex.players[:5],
             "byline_source": ex.byline_source,
             "modified": ex.modified.isoformat() if ex.modified else None,
             "hint": hint.to_raw(),
             "provenance": provenance_of(ex, date_source, category_source)},
    )  # fmt: skip
    return item, ex
