"""The generated site's HTML: the frame, article pages, listings and the home page, each part
written by its dimension's module."""

from __future__ import annotations

import json

from pipeline.demo.replica.model import Article
from pipeline.demo.replica.pages import STATIC_PAGES, summary, vn_date
from pipeline.demo.replica.text import REAL_BASE, SITE_NAME, UNIT_NAMES

from . import bylines, captions, dates, leads, pagers, players, trailers, urls
from .encoding import attr, text


class Renderer:
    """Renders the pages of ``gen`` (a :class:`site.GeneratedSite`)."""

    def __init__(self, gen):
        self.gen, self.m = gen, gen.markup
        self.mode = self.m.one("encoding")

    @property
    def site(self):
        return self.gen.site

    def t(self, s: str) -> str:
        return text(s, self.mode)

    def href(self, path: str) -> str:
        return urls.host(self.m) + path

    # ------------------------------------------------------------ the frame
    def frame(self, title: str, main: str, *, head: str = "", exclude: str = "") -> str:
        m, site = self.m, self.site
        nav = [f'<li><a href="{self.href("/")}">Trang chủ</a></li>']
        nav += [f'<li><a href="{self.href("/" + c.slug)}">{self.t(c.name)}</a></li>'
                for c in site.categories if c.in_nav]
        nav += [f'<li><a href="{self.href("/" + s)}">{self.t(n)}</a></li>' for s, (n, _) in STATIC_PAGES.items()]
        newest = [a for a in site.articles[:7] if a.path != exclude][:6]
        items = "".join(f'<li><a href="{urls.link(m, a, "sidebar")}">{self.t(a.title)}</a> '
                        f'<span class="date">({a.local:%d/%m/%Y})</span></li>' for a in newest)
        feed = self.gen.feed_path
        alt = f'<link rel="alternate" type="application/rss+xml" href="{feed}">' if feed else ""
        side = players.SIDEBAR[m.one("sidebar_player")]
        return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>{self.t(title)} - {self.t(SITE_NAME)}</title>
{alt}
{head}
</head>
<body>
<header class="site-header"><div class="top-bar"><span class="today">Hôm nay: {vn_date(site.today)}</span></div>
<nav class="main-menu"><ul>{"".join(nav)}</ul></nav></header>
<div class="container">
<main class="main-content">
{main}
</main>
<aside class="sidebar"><div class="widget tin-moi"><h3>Tin mới</h3><ul>{items}</ul></div>
<div class="widget video-widget"><h3>Video nổi bật</h3>{side}</div></aside>
</div>
<footer class="site-footer"><p>Cơ quan chủ quản: Liên đoàn Lao động tỉnh Hà Tĩnh.</p></footer>
</body>
</html>
"""

    # ------------------------------------------------------------ article pages
    def body_parts(self, a: Article) -> list[str]:
        m = self.m
        style = m.one("caption")
        after = captions.positions(a, m.one("caption_last"))
        link_mode = m.pick("video_link", a.path)
        link_to = players.video_link_href(a, link_mode, self.gen.site_video_link(a))
        link_at = a.created % max(1, len(a.paragraphs)) if link_to and a.created % 3 else -1
        player = players.player_html(a, m.pick("player", a.path)) if a.video else ""
        out: list[str] = []

        def figures(i: int) -> None:
            for k, at in enumerate(after):
                if at == i:
                    cap = a.captions[k]
                    out.append(captions.figure_html(captions.photo_src(a, k), self.t(cap), "Ảnh:" in cap, style))

        for i, p in enumerate(a.paragraphs):
            words = p.split(" ")
            if i == link_at and len(words) > 4:
                out.append(f"<p>{self.t(' '.join(words[:-3]))} <a href=\"{attr(link_to)}\">"
                           f"{self.t(' '.join(words[-3:]))}</a></p>")
            else:
                out.append(f"<p>{self.t(p)}</p>")
            if player and a.player_after == i:
                out.append(player)
            figures(i)
        if not a.paragraphs:
            out.append(player)
            for k, c in enumerate(a.captions):
                out.append(captions.figure_html(captions.photo_src(a, k), self.t(c), "Ảnh:" in c, style))
        return out

    def category_name(self, a: Article) -> str:
        cat = self.site.category(a.category)
        return cat.name if cat else a.category

    def article(self, a: Article) -> str:
        m = self.m
        date_mode = m.pick("date", a.path)
        meta, ld = dates.head(a, date_mode)
        cat_mode, cat_name = m.one("category_markup"), self.category_name(a)
        if cat_mode == "jsonld":
            ld["articleSection"] = cat_name
        head = [urls.canonical_tags(m, a), meta, f'<meta property="og:title" content="{attr(a.title)}">',
                f'<meta name="author" content="{attr(SITE_NAME)}">']
        if ld:
            ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": a.title, **ld,
                  "author": {"@type": "Organization", "name": SITE_NAME}}
            head.append(f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=self.mode != "utf8")}</script>')
        crumb = ""
        if cat_mode == "breadcrumb":
            crumb = (f'<ol class="breadcrumb"><li><a href="{self.href("/")}">Trang chủ</a></li>'
                     f'<li><a href="{self.href("/" + a.category)}">{self.t(cat_name)}</a></li></ol>')
        cat_line = (f'<div class="cat"><a href="{self.href("/" + a.category)}" rel="category tag">'
                    f"{self.t(cat_name)}</a></div>") if cat_mode == "rel-tag" else ""
        place = m.one("byline_place")
        sig = bylines.byline_html(self.t(bylines.signature(a, m.pick("byline_label", a.path), m.one("repost"))), place)
        before, first = leads.lead_html(self.t(a.lead), m.one("lead"))
        related = trailers.related_items(self.site.articles, a)
        tag_unit = UNIT_NAMES[sorted(UNIT_NAMES)[a.created % len(UNIT_NAMES)]][0]
        inside, outside = [], []
        for mode in m.options["trailer"]:
            html = trailers.trailer_html(mode, a, related, lambda x: urls.link(m, x, "related"), self.t, tag_unit)
            (inside if mode in trailers.INSIDE else outside).append(html)
        body_class = m.one("body_class")
        opening = "<div>" if body_class == "bare" else f'<div class="{body_class}">'
        main = f"""{crumb}
<article class="detail">
<h1 class="title">{self.t(a.title)}</h1>
{dates.visible(a, date_mode)}
{sig if bylines.in_header(place) else ""}
{cat_line}
{before}
{opening}
{first}
{chr(10).join(self.body_parts(a))}
{"" if bylines.in_header(place) else sig}
{chr(10).join(inside)}
</div>
{chr(10).join(outside)}
</article>"""
        return self.frame(a.title, main, head="\n".join(h for h in head if h), exclude=a.path)

    # ------------------------------------------------------------ listings and home
    def entry(self, a: Article, where: str, cls: str = "news-item") -> str:
        url = urls.link(self.m, a, where)
        date = f'<span class="news-date">{a.local:%d-%m-%Y}</span>' if self.m.one("listing_date") == "dmy" else ""
        return (f'<div class="{cls}"><a class="thumb" href="{url}"><img src="{captions.photo_src(a, 0)}" alt=""></a>'
                f'<h3 class="news-title"><a href="{url}">{self.t(a.title)}</a></h3>{date}'
                f'<p class="news-summary">{self.t(summary(a))}</p></div>')

    def listing(self, slug: str, n: int) -> str | None:
        m, site = self.m, self.site
        cat = site.category(slug)
        arts = site.in_category(slug)
        per = pagers.per_page(m)
        last = max(1, -(-len(arts) // per))
        if cat is None or not 1 <= n <= last:
            return None
        chunk = arts[(n - 1) * per : n * per]
        entries = [self.entry(a, f"list-{slug}-{n}-{i}") for i, a in enumerate(chunk)]
        pinned = self.gen.pinned.get(slug)
        block = ""
        if pinned is not None and m.one("pinned") in ("entry", "site"):
            entries.insert(0, self.entry(pinned, f"pin-{slug}-{n}", "news-item sticky"))
        elif pinned is not None and m.one("pinned") == "block":
            block = f'<div class="featured">{self.entry(pinned, f"pin-{slug}-{n}", "featured-item")}</div>'
        main = (f'<h1 class="cat-title">{self.t(cat.name)}</h1>\n{block}\n<div class="list-news">\n'
                + "\n".join(entries) + f"\n</div>\n{pagers.pager_html(m, slug, n, last)}")
        title = cat.name if n == 1 else f"{cat.name} - Trang {n}"
        return self.frame(title, main, head=pagers.head_links(m, slug, n, last))

    def home(self) -> str:
        site = self.site
        latest = "\n".join(self.entry(a, f"home-{i}") for i, a in enumerate(site.articles[:15]))
        blocks = []
        for c in site.categories:
            arts = site.in_category(c.slug)[:3]
            if arts:
                items = "".join(f'<li><a href="{urls.link(self.m, a, "home-cat")}">{self.t(a.title)}</a></li>'
                                for a in arts)
                blocks.append(f'<section class="home-cat"><h2><a href="{self.href("/" + c.slug)}">'
                              f"{self.t(c.name)}</a></h2><ul>{items}</ul></section>")
        main = (f'<section class="home-latest"><h2>Tin mới nhất</h2><div class="list-news">\n{latest}\n'
                f"</div></section>\n" + "\n".join(blocks))
        return self.frame("Trang chủ", main)

    def static(self, slug: str) -> str | None:
        if slug not in STATIC_PAGES:
            return None
        name, body = STATIC_PAGES[slug]
        return self.frame(name, f'<div class="static-page"><h1>{self.t(name)}</h1><p>{self.t(body)}</p></div>')

    def not_found(self) -> str:
        return self.frame("Không tìm thấy trang", '<div class="error-404"><h1>404</h1></div>')


__all__ = ["REAL_BASE", "Renderer"]
