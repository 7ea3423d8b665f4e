"""A generated site (``tests/generated``) that a test can change while it is served: an
article's page rewritten (another canonical), a listing's pager rewritten, an article moved to a
new slug. The truth stays the site's own item list (a moved article's path is its new one)."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from generated import gate, pagers
from generated.site import GeneratedSite
from generated.urls import resolve

from collectors.http import FakeClock
from pipeline.demo.replica.model import Article
from pipeline.store import Store

from .collect import collect, load


class TweakedSite(GeneratedSite):
    """``TweakedSite(seed, force={"url_variant": ("cid",)})``: the seed's site, every dimension
    drawn from what the collector handles unless ``force`` sets it."""

    def __init__(self, seed: int, force: dict[str, tuple[str, ...]] | None = None, **kw):
        super().__init__(seed, force=force, **kw)
        self.article_edits: dict[str, Callable[[str], str]] = {}  # path -> page rewrite
        self.listing_edit: Callable[[str, int, str], str] | None = None  # (slug, page, html)

    def route(self, site, raw: str, base: str):
        status, ctype, body, article = super().route(site, raw, base)
        if article is not None and article.path in self.article_edits:
            body = self.article_edits[article.path](body)
        elif article is None and status == 200 and self.listing_edit is not None:
            parts = urlsplit(raw)
            where = pagers.parse(self.markup, parts.path, parts.query, {c.slug for c in self.site.categories})
            if where:
                body = self.listing_edit(*where, body)
        return status, ctype, body, article

    def move(self, a: Article, slug: str) -> str:
        """Give ``a`` a new slug (its id digits kept); returns its old path."""
        old = a.path
        a.path = f"/{slug}-{a.created}.html"
        self.site.reindex()
        return old


def night(gen: GeneratedSite, server, db, config=None, **kw):
    """One collection of ``gen`` into ``db`` through the library (waits on a fake clock)."""
    config = config or load()
    with Store(db) as store:
        return collect(config, store, server, clock=FakeClock(), **kw)


def article_requests(server, gen: GeneratedSite) -> list[str]:
    """The requests of the server's log that asked for an article page (any of its addresses)."""
    slugs = {c.slug for c in gen.site.categories}
    paths = {a.path for a in gen.items}
    out = []
    for _, raw in server.requests:
        parts = urlsplit(raw)
        if resolve(parts.path, parts.query, paths, slugs):
            out.append(raw)
    return out


def site_requests(server) -> list[str]:
    return [p for _, p in server.requests if p != "/robots.txt"]


BARE = gate.BARE
