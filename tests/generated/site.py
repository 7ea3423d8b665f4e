"""One generated site: the replica's articles (and their truth) with a seed's markup, and the
router that serves them at every address the markup gives them."""

from __future__ import annotations

from urllib.parse import urlsplit

from pipeline.demo.replica.model import Article, Site, build_site, kind_of
from pipeline.demo.replica.server import ReplicaServer
from pipeline.demo.replica.truth import expected_months

from . import feeds, pagers, urls
from .dimensions import Markup, draw
from .pages import Renderer

HTML = "text/html; charset=utf-8"
XML = "application/xml; charset=utf-8"
STARTS = ("2024-11", "2025-01", "2025-03", "2025-06", "2025-09")


class GeneratedSite:
    """``GeneratedSite(seed, full={"player"})``: the site of ``seed``, drawing the dimensions in
    ``full`` from all their options and the others from what the collector handles."""

    def __init__(self, seed: int, full: frozenset[str] | set[str] = frozenset(),
                 force: dict[str, tuple[str, ...]] | None = None, per_month: int | None = None):
        self.seed = seed
        self.markup: Markup = draw(seed, frozenset(full), force)
        self.site: Site = build_site(seed=seed, start=STARTS[seed % len(STARTS)], months=2,
                                     per_month=per_month or 30 + seed % 13)
        self.months = self.site.months()
        self.feed_path = feeds.feed_path(self.markup)
        self.pinned_paths = {}
        for c in self.site.categories:
            arts = self.site.in_category(c.slug)
            if len(arts) > 2:
                self.pinned_paths[c.slug] = arts[len(arts) // 2 + seed % 2].path
        self.renderer = Renderer(self)

    # ------------------------------------------------------------ truth
    @property
    def items(self) -> list[Article]:
        return self.site.articles

    def expected(self) -> dict[str, dict]:
        """Each month's expected report (website counts, units, contributors, unattributed)."""
        return expected_months(self.site)

    def publish(self, n: int = 7) -> list[Article]:
        """The second day: ``n`` new items at the head of the site."""
        return self.site.add_articles(n)

    def item_markup(self, a: Article) -> str:
        """The per-item choices, for messages."""
        m = self.markup
        parts = [f"date={m.pick('date', a.path)}", f"label={m.pick('byline_label', a.path)}"]
        if a.video:
            parts.append(f"player={m.pick('player', a.path)}")
        return " ".join(parts)

    # ------------------------------------------------------------ pages
    @property
    def pinned(self) -> dict[str, Article]:
        """The entry pinned atop each category's listing."""
        if self.markup.one("pinned") == "site":
            # an item whose kind rests on its category alone
            featured = next((a for a in self.site.articles
                             if kind_of(a.title, "tin-tuc", a.words, bool(a.video))[0] != a.kind), None)
            return {c.slug: featured for c in self.site.categories if featured}
        return {s: a for s, p in self.pinned_paths.items() if (a := self.site.article(p))}

    def site_video_link(self, a: Article) -> str | None:
        vids = [x for x in self.site.articles if x.category == "video" and x.path != a.path]
        return urls.host(self.markup) + vids[a.created % len(vids)].path if vids else None

    def route(self, _site: Site, raw: str, base: str) -> tuple[int, str, str, Article | None]:
        parts = urlsplit(raw)
        path, query = parts.path or "/", parts.query
        r, site = self.renderer, self.site
        with site.lock:
            if path == "/":
                return 200, HTML, r.home(), None
            if path == "/robots.txt":
                return 200, "text/plain; charset=utf-8", feeds.render_robots(self.markup, base), None
            if self.feed_path and path == self.feed_path:
                return 200, "application/rss+xml; charset=utf-8", feeds.render_feed(self.markup, site), None
            if path.startswith("/sitemap") and (xml := feeds.render_sitemap(self.markup, site, path)):
                return 200, XML, xml, None
            slugs = {c.slug for c in site.categories}
            found = urls.resolve(path, query, {a.path for a in site.articles}, slugs)
            if found:
                a = site.article(found)
                return 200, HTML, r.article(a), a
            listing = pagers.parse(self.markup, path, query, slugs)
            body = r.listing(*listing) if listing else None
            if body is None and not query:
                body = r.static(path.strip("/"))
            if body is None:
                return 404, HTML, r.not_found(), None
            return 200, HTML, body, None

    def server(self, host: str = "127.0.0.1", port: int = 0) -> ReplicaServer:
        """An unstarted server for this site (``with gen.server() as srv:``)."""
        return ReplicaServer(self.site, router=self.route, host=host, port=port)
