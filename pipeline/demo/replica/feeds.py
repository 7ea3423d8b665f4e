"""The replica's RSS feed, robots.txt and sitemap, rendered from the live :class:`Site`."""

from __future__ import annotations

from email.utils import format_datetime
from xml.sax.saxutils import escape as xml_escape

from pipeline.demo.replica import text as T
from pipeline.demo.replica.model import LOCAL, Site
from pipeline.demo.replica.pages import iso, summary

FEED_SIZE = 20


def render_feed(site: Site) -> str:
    items = []
    for a in site.articles[:FEED_SIZE]:
        cat = site.category(a.category)
        link = T.REAL_BASE + a.path
        items.append(
            "<item>"
            f"<title>{xml_escape(a.title)}</title>"
            f"<link>{xml_escape(link)}</link>"
            f'<guid isPermaLink="true">{xml_escape(link)}</guid>'
            f"<pubDate>{format_datetime(a.published.astimezone(LOCAL))}</pubDate>"
            f"<category>{xml_escape(cat.name if cat else a.category)}</category>"
            f"<dc:creator>{xml_escape(T.SITE_NAME)}</dc:creator>"
            f"<description>{xml_escape(summary(a, 40))}</description>"
            "</item>"
        )
    built = format_datetime(site.articles[0].modified.astimezone(LOCAL)) if site.articles else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">\n'
        "<channel>"
        f"<title>{xml_escape(T.SITE_NAME)}</title><link>{T.REAL_BASE}/</link>"
        "<description>Trang thông tin điện tử Công đoàn Hà Tĩnh</description><language>vi</language>"
        f"<lastBuildDate>{built}</lastBuildDate>\n" + "\n".join(items) + "\n</channel>\n</rss>\n"
    )


def render_robots(site: Site, base: str) -> str:
    return f"User-agent: *\nCrawl-delay: 2\nDisallow: /admin\n\nSitemap: {base.rstrip('/')}/sitemap.xml\n"


def render_sitemap(site: Site) -> str:
    urls = "\n".join(
        f"<url><loc>{xml_escape(T.REAL_BASE + a.path)}</loc><lastmod>{iso(a.modified)}</lastmod></url>"
        for a in site.articles
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}\n</urlset>\n'
    )
