"""The HTML pages of the replica (articles, listings, home), rendered from the live :class:`Site`;
the feed, robots.txt and sitemap are in ``feeds.py``, the routing in ``routes.py``.

Three article templates, like a CMS whose themes changed over the years:

- ``a``: JSON-LD NewsArticle and ``article:published_time``, ``<ol class="breadcrumb">``,
  ``<h1 class="title">``, ``<div class="sapo">``, ``<div class="content">``, byline as the last
  paragraph; links absolute with the real host.
- ``b``: no structured dates; ``Thứ Tư, 17/04/2024 - 08:15`` in ``<div class="post-meta">``,
  ``<a rel="category tag">``, the lead as the first bold paragraph of ``<div class="entry-content">``,
  ``<span class="updated">``; links relative.
- ``c``: ``<time class="updated">`` before ``<time class="published">``, the byline in the
  header's author line, ``<p class="lead">``, ``<nav aria-label="breadcrumb">``.

Every page has a header with today's date, the navigation, a sidebar with the newest items and
a YouTube player (outside any article body), and a footer.
"""

from __future__ import annotations

import json
from datetime import datetime
from html import escape
from urllib.parse import quote

from pipeline.demo.replica import text as T
from pipeline.demo.replica.model import LOCAL, Article, Site

PER_PAGE = 10
STATIC_PAGES = {
    "gioi-thieu": (
        "Giới thiệu",
        "Trang thông tin điện tử Công đoàn Hà Tĩnh là kênh thông tin chính thức của Liên đoàn Lao động tỉnh Hà Tĩnh.",
    ),
    "lien-he": (
        "Liên hệ",
        "Địa chỉ: số 2 đường Phan Đình Phùng, thành phố Hà Tĩnh. Điện thoại: 0239 3855 xxx.",
    ),
}


# ---------------------------------------------------------------- small helpers
def e(s: str) -> str:
    return escape(s, quote=True)


def vn_date(dt) -> str:
    """``Thứ Hai, 24/11/2026`` (a date or a datetime)."""
    return f"{T.WEEKDAYS[dt.weekday()]}, {dt.day:02d}/{dt.month:02d}/{dt.year}"


def vn_datetime(dt: datetime) -> str:
    """``Thứ Tư, 17/04/2024 - 08:15`` in local time."""
    dt = dt.astimezone(LOCAL)
    return f"{vn_date(dt)} - {dt:%H:%M}"


def iso(dt: datetime) -> str:
    return dt.astimezone(LOCAL).isoformat(timespec="seconds")


def href(path: str, absolute: bool) -> str:
    return T.REAL_BASE + path if absolute else path


def tracked(a: Article) -> bool:
    """Some links carry tracking parameters (the collector must canonicalise them)."""
    return a.created % 5 == 0


def article_href(a: Article, absolute: bool, track: bool = False) -> str:
    url = href(a.path, absolute)
    return (
        url + "?utm_source=facebook&utm_medium=social&utm_campaign=tin-moi"
        if track and tracked(a)
        else url
    )


# ---------------------------------------------------------------- the frame
def page(site: Site, title: str, main: str, *, head: str = "", absolute: bool = False,
         sidebar_extra: str = "", exclude: str = "") -> str:  # fmt: skip
    nav = [f'<li><a href="{href("/", absolute)}">Trang chủ</a></li>']
    for c in site.categories:
        if c.in_nav:
            nav.append(f'<li><a href="{href("/" + c.slug, absolute)}">{e(c.name)}</a></li>')
    for slug, (name, _) in STATIC_PAGES.items():
        nav.append(f'<li><a href="{href("/" + slug, absolute)}">{e(name)}</a></li>')
    newest = [a for a in site.articles[:7] if a.path != exclude][:6]
    items = "".join(
        f'<li><a href="{article_href(a, absolute)}">{e(a.title)}</a> '
        f'<span class="date">({a.local:%d/%m/%Y})</span></li>'
        for a in newest
    )
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)} - {e(T.SITE_NAME)}</title>
<link rel="alternate" type="application/rss+xml" title="{e(T.SITE_NAME)}" href="/feed">
{head}
</head>
<body>
<header class="site-header">
<div class="top-bar"><span class="today">Hôm nay: {vn_date(site.today)}</span></div>
<div class="logo"><a href="{href("/", absolute)}">Trang thông tin điện tử {e(T.SITE_NAME)}</a></div>
<nav class="main-menu"><ul>{"".join(nav)}</ul></nav>
</header>
<div class="container">
<main class="main-content">
{main}
</main>
<aside class="sidebar">
<div class="widget tin-moi"><h3>Tin mới</h3><ul>{items}</ul></div>
<div class="widget video-widget"><h3>Video nổi bật</h3>
<iframe width="300" height="170" src="https://www.youtube.com/embed/cdhtSidebar1" frameborder="0" allowfullscreen></iframe></div>
{sidebar_extra}
</aside>
</div>
<footer class="site-footer"><p>Cơ quan chủ quản: Liên đoàn Lao động tỉnh Hà Tĩnh.</p>
<p>Giấy phép số 05/GP-TTĐT. Ghi rõ nguồn {e(T.SITE_NAME)} khi phát hành lại thông tin từ website này.</p></footer>
</body>
</html>
"""


# ---------------------------------------------------------------- article body parts
def player_html(a: Article) -> str:
    vid = a.video_id
    month = a.local.strftime("%Y/%m")
    if a.video == "youtube":
        return (f'<div class="video-embed"><iframe width="640" height="360" src="https://www.youtube.com/embed/{vid}" '
                f'frameborder="0" allowfullscreen></iframe><noscript>{T.NOSCRIPT}</noscript></div>')  # fmt: skip
    if a.video == "youtu.be":
        return f'<p><iframe width="640" height="360" src="https://youtu.be/{vid}" frameborder="0" allowfullscreen></iframe></p>'
    if a.video == "fbplugin":
        target = quote(f"https://www.facebook.com/congdoanhatinh/videos/{a.created}/", safe="")
        return (f'<div class="video-embed"><iframe src="https://www.facebook.com/plugins/video.php?href={target}'
                f'&amp;show_text=false&amp;width=640" width="640" height="360" frameborder="0" '
                f'allowfullscreen="true"></iframe></div>')  # fmt: skip
    if a.video == "video-tag":
        return (f'<div class="video-file"><video controls width="640"><source src="/uploads/video/{month}/{vid}.mp4" '
                f'type="video/mp4">{T.VIDEO_FALLBACK}</video></div>')  # fmt: skip
    if a.video == "embed":
        return f'<p><embed src="/uploads/video/{month}/{vid}.mp4" type="video/mp4" width="640" height="360"></p>'
    return ""


def figure_html(a: Article, i: int, caption: str, style: str) -> str:
    src = f"/uploads/news/{a.local:%Y/%m}/{a.created}-{i + 1}.jpg"
    if style == "b":
        return (f'<figure class="wp-caption aligncenter"><img src="{src}" alt="">'
                f'<figcaption class="wp-caption-text">{e(caption)}</figcaption></figure>')  # fmt: skip
    return f'<figure class="image"><img src="{src}" alt="{e(a.title)}"><figcaption>{e(caption)}</figcaption></figure>'


def body_parts(a: Article, style: str) -> list[str]:
    """Paragraphs with the figures and the player placed among them."""
    out: list[str] = []
    for i, p in enumerate(a.paragraphs):
        out.append(f"<p>{e(p)}</p>")
        if a.video and a.player_after == i:
            out.append(player_html(a))
        for k, after in enumerate(a.figure_after):
            if after == i:
                out.append(figure_html(a, k, a.captions[k], style))
    if not a.paragraphs:
        if a.video:
            out.append(player_html(a))
        out += [figure_html(a, k, c, style) for k, c in enumerate(a.captions)]
    return out


def byline_paragraph(a: Article) -> str:
    if not a.byline:
        return ""
    if a.created % 3 == 0:
        return f'<p style="text-align: right;"><strong>{e(a.byline)}</strong></p>'
    if a.created % 3 == 1:
        return f'<p align="right"><em>{e(a.byline)}</em></p>'
    return f"<p><strong>{e(a.byline)}</strong></p>"


def related(site: Site, a: Article, absolute: bool) -> list[Article]:
    same = [x for x in site.articles if x.category == a.category and x.path != a.path]
    i = next((k for k, x in enumerate(same) if x.published < a.published), len(same))
    return (same[i : i + 4] or same[:4])[:4]


def related_html(site: Site, a: Article, absolute: bool) -> str:
    items = "".join(
        f'<li><a href="{article_href(x, absolute)}">{e(x.title)}</a> <span class="date">{x.local:%d-%m-%Y %H:%M}</span></li>'
        for x in related(site, a, absolute)
    )
    return f'<div class="tin-lien-quan"><h3>Tin liên quan</h3><ul>{items}</ul></div>'


# ---------------------------------------------------------------- article templates
def render_article(site: Site, a: Article) -> str:
    cat = site.category(a.category)
    cat_name = cat.name if cat else a.category
    if a.template == "a":
        return _template_a(site, a, cat_name)
    if a.template == "b":
        return _template_b(site, a, cat_name)
    return _template_c(site, a, cat_name)


def _template_a(site: Site, a: Article, cat_name: str) -> str:
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a.title,
        "datePublished": iso(a.published),
        "dateModified": iso(a.modified),
        "articleSection": cat_name,
        "author": {"@type": "Organization", "name": T.SITE_NAME},
        "publisher": {"@type": "Organization", "name": T.SITE_NAME},
        "mainEntityOfPage": T.REAL_BASE + a.path,
    }
    head = (
        f'<meta property="og:title" content="{e(a.title)}">\n'
        f'<meta property="og:type" content="article">\n'
        f'<meta property="article:published_time" content="{iso(a.published)}">\n'
        f'<meta property="article:modified_time" content="{iso(a.modified)}">\n'
        f'<meta name="author" content="{e(T.SITE_NAME)}">\n'
        f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>'
    )
    main = f"""<div class="detail">
<ol class="breadcrumb"><li><a href="{T.REAL_BASE}/">Trang chủ</a></li><li><a href="{T.REAL_BASE}/{a.category}">{e(cat_name)}</a></li></ol>
<h1 class="title">{e(a.title)}</h1>
<div class="detail-time"><span class="date">{a.local:%d/%m/%Y %H:%M}</span></div>
<div class="sapo">{e(a.lead)}</div>
<div class="content">
{chr(10).join(body_parts(a, "a"))}
{byline_paragraph(a)}
</div>
{related_html(site, a, True)}
</div>"""
    return page(site, a.title, main, head=head, absolute=True, exclude=a.path)


def _template_b(site: Site, a: Article, cat_name: str) -> str:
    main = f"""<article class="post">
<h1 class="entry-title">{e(a.title)}</h1>
<div class="post-meta"><span class="post-date">{vn_datetime(a.published)}</span> | <a href="/{a.category}" rel="category tag">{e(cat_name)}</a> | <span class="updated">Cập nhật: {a.modified.astimezone(LOCAL):%d/%m/%Y - %H:%M}</span></div>
<div class="entry-content">
<p><strong>{e(a.lead)}</strong></p>
{chr(10).join(body_parts(a, "b"))}
{byline_paragraph(a)}
</div>
</article>
{related_html(site, a, False)}"""
    return page(site, a.title, main, absolute=False, exclude=a.path)


def _template_c(site: Site, a: Article, cat_name: str) -> str:
    author = f'<p class="author">Tác giả: {e(a.byline)}</p>' if a.byline else ""
    mod, pub = a.modified.astimezone(LOCAL), a.published.astimezone(LOCAL)
    main = f"""<nav aria-label="breadcrumb"><ol><li><a href="/">Trang chủ</a></li><li><a href="{T.REAL_BASE}/{a.category}">{e(cat_name)}</a></li></ol></nav>
<article class="news-detail">
<header class="article-header">
<h1>{e(a.title)}</h1>
{author}
<div class="times"><time class="updated" datetime="{iso(a.modified)}">Cập nhật {mod:%H:%M %d/%m/%Y}</time> · <time class="published" datetime="{iso(a.published)}">{pub:%H:%M %d/%m/%Y}</time></div>
</header>
<p class="lead">{e(a.lead)}</p>
<div class="article-body">
{chr(10).join(body_parts(a, "c"))}
</div>
</article>
{related_html(site, a, True)}"""
    return page(site, a.title, main, absolute=False, exclude=a.path)


# ---------------------------------------------------------------- listings and home
def summary(a: Article, n: int = 30) -> str:
    words = a.lead.split()
    return " ".join(words[:n]) + (" …" if len(words) > n else "")


def entry_html(a: Article, i: int) -> str:
    url = article_href(a, absolute=i % 2 == 0, track=True)
    return (
        f'<div class="news-item"><a class="thumb" href="{url}"><img src="/uploads/news/{a.local:%Y/%m}/{a.created}-1.jpg" alt=""></a>'
        f'<h3 class="news-title"><a href="{url}">{e(a.title)}</a></h3>'
        f'<span class="news-date">{a.local:%d-%m-%Y}</span>'
        f'<p class="news-summary">{e(summary(a))}</p></div>'
    )


def last_page(site: Site, slug: str) -> int:
    n = len(site.in_category(slug))
    return max(1, -(-n // PER_PAGE))


def listing_path(slug: str, n: int) -> str:
    return f"/{slug}" if n == 1 else f"/{slug}/page/{n}"


def render_listing(
    site: Site, slug: str, page_no: int, *, entries_page: int | None = None
) -> str | None:
    """Listing page ``page_no`` of a category; None past the end. ``entries_page`` serves
    another page's entries under this page number (a CMS that loops)."""
    cat = site.category(slug)
    if cat is None or page_no < 1:
        return None
    arts = site.in_category(slug)
    last = last_page(site, slug)
    src = entries_page or page_no
    if page_no > last and entries_page is None:
        return None
    chunk = arts[(src - 1) * PER_PAGE : src * PER_PAGE]
    entries = "\n".join(entry_html(a, i) for i, a in enumerate(chunk))
    links = []
    if page_no > 1:
        links.append(f'<a class="prev" href="{listing_path(slug, page_no - 1)}">« Trang trước</a>')
    for k in range(max(1, page_no - 2), min(last, page_no + 2) + 1):
        links.append(
            f'<span class="current">{k}</span>'
            if k == page_no
            else f'<a href="{listing_path(slug, k)}">{k}</a>'
        )
    if page_no < last or entries_page is not None:
        links.append(f'<a class="next" href="/{slug}/page/{page_no + 1}">Trang sau »</a>')
    main = f"""<h1 class="cat-title">{e(cat.name)}</h1>
<div class="list-news">
{entries}
</div>
<div class="pagination">{" ".join(links)}</div>"""
    others = [a for a in site.articles if a.category != slug][:5]
    extra = (
        '<div class="widget xem-nhieu"><h3>Đọc nhiều</h3><ul>'
        + "".join(
            f'<li><a href="{a.path}">{e(a.title)}</a> <span class="date">{a.local:%d-%m-%Y}</span></li>'
            for a in others
        )
        + "</ul></div>"
    )
    return page(
        site,
        cat.name if page_no == 1 else f"{cat.name} - Trang {page_no}",
        main,
        sidebar_extra=extra,
    )


def render_home(site: Site) -> str:
    latest = "\n".join(entry_html(a, i + 1) for i, a in enumerate(site.articles[:15]))
    blocks = []
    for c in site.categories:
        arts = site.in_category(c.slug)[:3]
        if not arts:
            continue
        items = "".join(f'<li><a href="{a.path}">{e(a.title)}</a></li>' for a in arts)
        blocks.append(
            f'<section class="home-cat"><h2><a href="/{c.slug}">{e(c.name)}</a></h2><ul>{items}</ul></section>'
        )
    main = f"""<section class="home-latest"><h2>Tin mới nhất</h2>
<div class="list-news">
{latest}
</div></section>
{chr(10).join(blocks)}"""
    return page(site, "Trang chủ", main)


def render_static(site: Site, slug: str) -> str | None:
    if slug not in STATIC_PAGES:
        return None
    name, body = STATIC_PAGES[slug]
    return page(site, name, f'<div class="static-page"><h1>{e(name)}</h1><p>{e(body)}</p></div>')


def render_not_found(site: Site) -> str:
    return page(
        site,
        "Không tìm thấy trang",
        '<div class="error-404"><h1>404</h1><p>Trang bạn tìm không tồn tại.</p></div>',
    )
