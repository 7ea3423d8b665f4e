"""The replica's routing: which page a request path gets."""

from __future__ import annotations

from pipeline.demo.replica.feeds import render_feed, render_robots, render_sitemap
from pipeline.demo.replica.model import Article, Site
from pipeline.demo.replica.pages import (
    render_article,
    render_home,
    render_listing,
    render_not_found,
    render_static,
)

HTML = "text/html; charset=utf-8"


def route(site: Site, path: str, base: str) -> tuple[int, str, str, Article | None]:
    """(status, content type, body, the article served or None) for a request path."""
    path = path.split("?", 1)[0].split("#", 1)[0] or "/"
    if len(path) > 1:
        path = path.rstrip("/")
    with site.lock:
        if path == "/":
            return 200, HTML, render_home(site), None
        if path == "/feed":
            return 200, "application/rss+xml; charset=utf-8", render_feed(site), None
        if path == "/robots.txt":
            return 200, "text/plain; charset=utf-8", render_robots(site, base), None
        if path == "/sitemap.xml":
            return 200, "application/xml; charset=utf-8", render_sitemap(site), None
        a = site.article(path)
        if a is not None:
            return 200, HTML, render_article(site, a), a
        parts = path.strip("/").split("/")
        if len(parts) == 1:
            body = render_listing(site, parts[0], 1) or render_static(site, parts[0])
        elif len(parts) == 3 and parts[1] == "page" and parts[2].isdigit():
            body = render_listing(site, parts[0], int(parts[2]))
        else:
            body = None
        if body is None:
            return 404, HTML, render_not_found(site), None
        return 200, HTML, body, None
