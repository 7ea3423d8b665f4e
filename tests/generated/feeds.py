"""The feed, the sitemaps and robots.txt, in the shapes of the ``feed`` and ``sitemap``
dimensions."""

from __future__ import annotations

from email.utils import format_datetime
from xml.sax.saxutils import escape as x

from pipeline.demo.replica.model import LOCAL, Site
from pipeline.demo.replica.pages import STATIC_PAGES, iso, summary
from pipeline.demo.replica.text import REAL_BASE, SITE_NAME

from .dimensions import Markup

FEED_PATHS = ("/feed", "/rss.xml", "/rss")
FEED_SIZE = {"full": 20, "short": 5}


def feed_path(markup: Markup) -> str | None:
    if markup.one("feed") == "none":
        return None
    return FEED_PATHS[markup.seed % len(FEED_PATHS)]


def render_feed(markup: Markup, site: Site) -> str:
    items = []
    for a in site.articles[: FEED_SIZE[markup.one("feed")]]:
        cat = site.category(a.category)
        link = REAL_BASE + a.path
        items.append(
            f"<item><title>{x(a.title)}</title><link>{x(link)}</link>"
            f'<guid isPermaLink="true">{x(link)}</guid>'
            f"<pubDate>{format_datetime(a.published.astimezone(LOCAL))}</pubDate>"
            f"<category>{x(cat.name if cat else a.category)}</category>"
            f"<dc:creator>{x(SITE_NAME)}</dc:creator>"
            f"<description>{x(summary(a, 40))}</description></item>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
            f"<title>{x(SITE_NAME)}</title><link>{REAL_BASE}/</link><description>{x(SITE_NAME)}"
            "</description><language>vi</language>\n" + "\n".join(items) + "\n</channel></rss>\n")


def _urlset(locs: list[tuple[str, str]]) -> str:
    urls = "\n".join(f"<url><loc>{x(loc)}</loc><lastmod>{mod}</lastmod></url>" for loc, mod in locs)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}\n</urlset>\n')


def _pages(site: Site) -> list[tuple[str, str]]:
    today = site.today.isoformat()
    return ([(f"{REAL_BASE}/{c.slug}", today) for c in site.categories]
            + [(f"{REAL_BASE}/{s}", today) for s in STATIC_PAGES])


def _articles(site: Site, month: str | None = None) -> list[tuple[str, str]]:
    return [(REAL_BASE + a.path, iso(a.modified)) for a in site.articles
            if month is None or a.month == month]


def render_sitemap(markup: Markup, site: Site, path: str) -> str | None:
    """The sitemap served at ``path``, or None."""
    shape = markup.one("sitemap")
    if shape == "none":
        return None
    if path == "/sitemap.xml":
        if shape == "flat":
            return _urlset(_articles(site))
        if shape == "flat-mixed":
            return _urlset(_pages(site) + _articles(site))
        maps = [f"{REAL_BASE}/sitemap-pages.xml"]
        maps += [f"{REAL_BASE}/sitemap-posts-{m}.xml" for m in sorted(site.months(), reverse=True)]
        body = "\n".join(f"<sitemap><loc>{x(m)}</loc></sitemap>" for m in maps)
        return ('<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns='
                f'"http://www.sitemaps.org/schemas/sitemap/0.9">\n{body}\n</sitemapindex>\n')
    if shape != "index":
        return None
    if path == "/sitemap-pages.xml":
        return _urlset(_pages(site))
    if path.startswith("/sitemap-posts-") and path.endswith(".xml"):
        month = path[len("/sitemap-posts-"):-4]
        if month in site.months():
            return _urlset(_articles(site, month))
    return None


def render_robots(markup: Markup, base: str) -> str:
    out = "User-agent: *\nCrawl-delay: 2\nDisallow: /admin\n"
    if markup.one("sitemap") != "none":
        out += f"\nSitemap: {base.rstrip('/')}/sitemap.xml\n"
    return out
