"""A fifth blind congdoanhatinh.org.vn: a static-site generator's theme (Hugo/Jekyll-like).

Written from SITE.md and DESIGN.md only, with markup of its own: clean HTML5 (``<main>``,
``<article>``, ``<header>``, ``<figure>``), JSON-LD as an ``@graph`` array (Organization, WebSite,
BreadcrumbList, then the NewsArticle, ``dateModified`` before ``datePublished``, author the site
itself), dates without a zone (local time: 23:50 on the last day read as UTC falls in the next
month), ``<time>`` elements for both the published and the updated date (by class, by itemprop or
only by the label before them, the updated one first on S2), an "Đọc thêm" block of links to the
site's own articles in the middle of the body, "Bài viết liên quan" or a bare list of links after
the signature inside the body, tags, previous/next links and a share bar in the article's footer;
players from ``youtube-nocookie.com``, protocol-relative ``//www.youtube.com/embed/…``, Hugo's
youtube shortcode and ``facebook.com/plugins/video.php``; a footer player outside the article.
S1 and S3 sign the body with its last paragraph, S2 in the header's author line. Listings
``/<slug>/`` and ``/<slug>/page/N/`` (served with or without the slash); a feed ``/index.xml``
(RSS with ``+0700`` dates, 15 items) or none; ``robots.txt`` and ``sitemap.xml``.
"""

from __future__ import annotations

import json
import random
import zlib
from email.utils import format_datetime

from blind.cases import CaseData, CaseItem
from blind.common import REAL, BlindSite
from blind.common import esc as _e

CATEGORIES = {
    "tin-tuc": ("Tin tức", None),
    "hoat-dong": ("Hoạt động công đoàn", None),
    "nu-cong": ("Nữ công", None),
    "phong-su": ("Phóng sự", "article"),
    "video": ("Video", "video"),
}
UNIT_NAMES = [
    ("LĐLĐ huyện Hương Sơn", "ldld-huong-son"),
    ("Liên đoàn Lao động huyện Can Lộc", "ldld-can-loc"),
    ("LĐLĐ H. Đức Thọ", "ldld-duc-tho"),
    ("LĐLĐ TX. Hồng Lĩnh", "ldld-tx-hong-linh"),
    ("Liên đoàn Lao động thị xã Kỳ Anh", "ldld-tx-ky-anh"),
    ("LĐLĐ huyện Kỳ Anh", "ldld-h-ky-anh"),
    ("LĐLĐ huyện Thạch Hà", "ldld-thach-ha"),
    ("LĐLĐ huyện Nghi Xuân", "ldld-nghi-xuan"),
    ("Liên đoàn Lao động huyện Lộc Hà", "ldld-loc-ha"),
    ("LĐLĐ TP Hà Tĩnh", "ldld-tp-ha-tinh"),
    ("LĐLĐ huyện Cẩm Xuyên", "ldld-cam-xuyen"),
    ("Liên đoàn Lao động huyện Vũ Quang", "ldld-vu-quang"),
    ("LĐLĐ huyện Hương Khê", "ldld-huong-khe"),
    ("Công đoàn các Khu Kinh tế", "cd-kkt"),
    ("CĐ Viên chức tỉnh", "cd-vien-chuc"),
    ("CĐ Giáo dục", "cd-giao-duc"),
    ("CĐN Y tế", "cdn-y-te"),
    ("Công đoàn ngành Công thương", "cdn-cong-thuong"),
    ("Công đoàn ngành Giao thông – Xây dựng", "cdn-gtxd"),
    ("Công đoàn ngành Nông nghiệp", "cdn-nong-nghiep"),
    ("Liên đoàn Lao động tỉnh", "ldld-tinh"),
]
BYLINE_UNITS = [
    ("LĐLĐ huyện Kỳ Anh", "ldld-h-ky-anh"),
    ("LĐLĐ huyện Hương Khê", "ldld-huong-khe"),
    ("CĐ Giáo dục", "cd-giao-duc"),
    ("CĐN Y tế", "cdn-y-te"),
    ("LĐLĐ huyện Can Lộc", "ldld-can-loc"),
    ("Công đoàn Viên chức tỉnh", "cd-vien-chuc"),
]
ACTIVITIES = [
    "ngày hội việc làm cho công nhân lao động",
    "hội thi cán bộ nữ công giỏi",
    "chương trình Phiên chợ nghĩa tình cho đoàn viên",
    "tọa đàm nâng cao vai trò đại diện của công đoàn",
    "giải bóng chuyền hơi nữ công nhân viên chức",
    "khám sức khỏe miễn phí cho công nhân khu công nghiệp",
    "trao tặng sổ tiết kiệm cho con đoàn viên mồ côi",
    "tập huấn nghiệp vụ công tác tài chính công đoàn",
    "ký kết thỏa ước lao động tập thể nhóm doanh nghiệp",
    "hỗ trợ đoàn viên bị thiệt hại do mưa lũ",
    "lễ tuyên dương công nhân lao động tiêu biểu",
    "hội nghị sơ kết công tác nữ công",
]
SENTENCES = [
    "Sự kiện thu hút hơn 500 đoàn viên, người lao động đến từ các doanh nghiệp trên địa bàn.",
    "Ban tổ chức đã trao 60 suất quà, mỗi suất trị giá 500.000 đồng cho đoàn viên khó khăn.",
    "Đây là hoạt động thiết thực nhằm chăm lo đời sống vật chất, tinh thần cho người lao động.",
    "Các đội thi đã thể hiện sự am hiểu về pháp luật lao động và kỹ năng hoạt động công đoàn.",
    "Phát biểu tại buổi lễ, lãnh đạo đơn vị ghi nhận nỗ lực của các công đoàn cơ sở trong năm qua.",
    "Chị Trần Thị Hoa, công nhân may, chia sẻ: “Được khám sức khỏe miễn phí, chúng tôi yên tâm làm việc hơn”.",
    "Tính đến nay, toàn ngành đã có 42 thỏa ước lao động tập thể được ký kết, đạt 95% kế hoạch.",
    "Nhiều ý kiến đề nghị tăng cường đối thoại tại nơi làm việc và giám sát việc trả lương.",
    "Những phần quà đã kịp thời động viên các gia đình đoàn viên vượt qua khó khăn sau bão lũ.",
    "Qua đó, vị thế của tổ chức công đoàn ngày càng được khẳng định trong doanh nghiệp.",
    "Sau 2 ngày tranh tài sôi nổi, ban tổ chức đã trao giải nhất cho đội Công ty Cổ phần Dệt may.",
    "Các học viên được trang bị kiến thức về quản lý tài chính, tài sản và thu, chi kinh phí công đoàn.",
    "Buổi tọa đàm diễn ra cởi mở; nhiều giải pháp được đề xuất để thu hút người lao động gia nhập công đoàn.",
    "Thời gian tới, các cấp công đoàn tiếp tục đồng hành cùng doanh nghiệp, vì quyền lợi người lao động.",
    "Mỗi em được nhận một sổ tiết kiệm trị giá 3.000.000 đồng cùng cặp sách và đồ dùng học tập.",
    "Năm 2024 là năm thứ ba liên tiếp chương trình được tổ chức, với quy mô ngày càng lớn.",
    "Ngoài ra, hơn 1.200 người lao động đã được tư vấn về chính sách bảo hiểm xã hội tự nguyện.",
    "Các tiết mục văn nghệ đặc sắc mang lại không khí vui tươi, phấn khởi cho người tham dự.",
]
CAPTIONS = [
    "Trao quà cho đoàn viên có hoàn cảnh khó khăn.",
    "Các đội thi tranh tài sôi nổi.",
    "Bác sĩ khám sức khỏe cho công nhân.",
    "Lãnh đạo tuyên dương các cá nhân tiêu biểu.",
    "Đoàn viên tham gia phiên chợ.",
]
PLAYERS = ("yt_nocookie", "yt_proto", "fb_plugin", "yt_shortcode")
TEMPLATES = ("S1", "S2", "S3")


class StaticData(CaseData):
    categories = CATEGORIES
    news_categories = ("tin-tuc", "tin-tuc", "hoat-dong", "nu-cong")
    templates = TEMPLATES
    players = PLAYERS
    unit_names = UNIT_NAMES
    byline_units = BYLINE_UNITS
    activities = ACTIVITIES
    captions = CAPTIONS
    sentences = SENTENCES
    para_tokens = 45
    hours = (6, 7, 8, 9, 10, 14, 15, 16, 19, 21, 22)
    minute_step = 1
    stamp_offsets = (3600 * 2, 3600 * 20, 300, 3600 * 50)
    month_jitter = 3
    publish_every = 3
    lead_prefix = "CĐHT - "

    def __init__(self, seed: int, months: list[str], per_month: int = 34):
        super().__init__(seed, months, per_month)


def local(d) -> str:
    """An ISO time without a zone (the theme's dates are local)."""
    return d.replace(tzinfo=None).isoformat(timespec="seconds")


class Theme:
    per_page = 12

    def __init__(self, data: StaticData, feed: bool):
        self.data = data
        self.feed = feed

    def link(self, it: CaseItem, i: int = 0) -> str:
        return REAL + it.path if i % 3 == 2 else it.path

    # -------------------------------------------------------------- chrome
    def head(self, title: str, canonical: str, extra: str = "") -> str:
        feed = ('<link rel="alternate" type="application/rss+xml" href="/index.xml" title="Công đoàn Hà Tĩnh">'
                if self.feed else "")
        return (
            '<!doctype html><html lang="vi" dir="ltr"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<meta name="generator" content="Hugo 0.121.2">'
            f"<title>{_e(title)} | Công đoàn Hà Tĩnh</title>"
            f'<link rel="canonical" href="{REAL}{canonical}">{feed}'
            '<link rel="stylesheet" href="/css/main.min.7c1e2f.css" integrity="sha256-xyz">'
            f"{extra}</head>"
        )

    def nav(self) -> str:
        links = "".join(f'<li><a href="{"/" + s + "/" if i % 2 == 0 else REAL + "/" + s + "/"}">{_e(n)}</a></li>'
                        for i, (s, (n, _)) in enumerate(CATEGORIES.items()))
        return (
            '<header class="site-header"><a class="site-title" href="/">Công đoàn Hà Tĩnh</a>'
            f'<nav class="site-nav" aria-label="Chuyên mục"><ul><li><a href="/">Trang chủ</a></li>{links}'
            '<li><a href="/gioi-thieu/">Giới thiệu</a></li><li><a href="/lien-he/">Liên hệ</a></li></ul></nav></header>'
        )

    def aside(self) -> str:
        newest = self.data.newest()[:5]
        lis = "".join(f'<li><a href="{_e(self.link(it, i))}">{_e(it.title)}</a> <time datetime="{local(it.published)}">'
                      f"{it.published:%d-%m-%Y}</time></li>" for i, it in enumerate(newest))
        return (f'<aside class="sidebar"><section class="widget"><h3>Bài mới</h3><ul>{lis}</ul></section>'
                '<section class="widget"><h3>Video nổi bật</h3><iframe src="https://www.youtube-nocookie.com/embed/SideVid0001" '
                'width="300" height="170" title="YouTube video player" allowfullscreen></iframe></section></aside>')

    def page(self, title: str, canonical: str, main: str, extra: str = "") -> str:
        return (self.head(title, canonical, extra) + "<body>" + self.nav()
                + f'<div class="container"><main id="main">{main}</main>{self.aside()}</div>'
                '<footer class="site-footer"><p>© 2024 Liên đoàn Lao động tỉnh Hà Tĩnh. Xây dựng với Hugo.</p>'
                '<p><a href="/index.xml">RSS</a></p></footer>'
                '<script src="/js/bundle.min.js" defer></script></body></html>')

    # -------------------------------------------------------------- home, listings
    def entry(self, it: CaseItem, i: int) -> str:
        return (f'<article class="post-entry"><h2 class="entry-title"><a href="{_e(self.link(it, i))}">{_e(it.title)}</a></h2>'
                f'<div class="entry-summary"><p>{_e(it.lead)}</p></div>'
                f'<footer class="entry-footer"><time datetime="{local(it.published)}">{it.published:%d-%m-%Y}</time>'
                f" · {max(1, it.n_words // 200)} phút đọc</footer></article>")

    def home(self) -> str:
        its = self.data.newest()[:10]
        return self.page("Trang chủ", "/", '<h1 class="visually-hidden">Công đoàn Hà Tĩnh</h1>'
                         + "".join(self.entry(it, i) for i, it in enumerate(its)))

    def listing(self, slug: str, page: int, tag: bool = False) -> str | None:
        if tag:
            its = [it for it in self.data.newest() if any(_tag_slug(t) == slug for t in it.tags)][:30]
            name, base = slug, f"/tags/{slug}/"
        else:
            its = [it for it in self.data.newest() if it.category == slug]
            name, base = CATEGORIES[slug][0], f"/{slug}/"
        pages = max(1, -(-len(its) // self.per_page))
        if page > pages:
            return None
        chunk = its[(page - 1) * self.per_page: page * self.per_page]
        nav = []
        if page > 1:
            nav.append(f'<a class="prev" href="{base}{"" if page == 2 else f"page/{page - 1}/"}">« Trang trước</a>')
        if page < pages:
            nav.append(f'<a class="next" href="{base}page/{page + 1}/">Trang sau »</a>')
        main = (f'<header class="page-header"><h1>{_e(name)}</h1></header>'
                + "".join(self.entry(it, i) for i, it in enumerate(chunk))
                + f'<nav class="pagination">{"".join(nav)}</nav>')
        return self.page(name, base if page == 1 else f"{base}page/{page}/", main)

    def static(self, title: str, path: str) -> str:
        return self.page(title, path, f'<article class="page"><h1>{_e(title)}</h1><p>Trang thông tin điện tử của '
                         "Liên đoàn Lao động tỉnh Hà Tĩnh.</p></article>")

    # -------------------------------------------------------------- article parts
    def player(self, it: CaseItem) -> str:
        vid = f"s{zlib.crc32(it.slug.encode()) % 10**9}"
        return {
            "yt_nocookie": f'<div class="video-embed"><iframe src="https://www.youtube-nocookie.com/embed/{vid}" '
                           'title="YouTube video player" frameborder="0" allowfullscreen></iframe></div>',
            "yt_proto": f'<p><iframe width="640" height="360" src="//www.youtube.com/embed/{vid}" allowfullscreen></iframe></p>',
            "fb_plugin": '<div class="fb-video-wrap"><iframe src="https://www.facebook.com/plugins/video.php?href='
                         'https%3A%2F%2Fwww.facebook.com%2Fcongdoanhatinh%2Fvideos%2F556677889900%2F&amp;show_text=0" '
                         'width="560" height="315" style="border:none;overflow:hidden" scrolling="no" allowfullscreen="true">'
                         "</iframe></div>",
            "yt_shortcode": '<div style="position: relative; padding-bottom: 56.25%; height: 0; overflow: hidden;">'
                            f'<iframe src="https://www.youtube.com/embed/{vid}?autoplay=0&amp;controls=1&amp;end=0&amp;loop=0" '
                            'style="position: absolute; top: 0; left: 0; width: 100%; height: 100%; border:0;" '
                            'allowfullscreen title="YouTube Video"></iframe></div>',
        }.get(it.player, "")

    def others(self, it: CaseItem, n: int, offset: int) -> list[CaseItem]:
        same = [o for o in self.data.newest() if o is not it]
        k = same.index(next(o for o in same if o.published <= it.published)) if any(
            o.published <= it.published for o in same) else 0
        return (same[k + offset:] + same[:k + offset])[:n]

    def links(self, its: list[CaseItem]) -> str:
        return "".join(f'<li><a href="{_e(self.link(o, j))}">{_e(o.title)}</a></li>' for j, o in enumerate(its))

    def content(self, it: CaseItem, rng: random.Random, signed: bool) -> str:
        parts = [f"<p><strong>{_e(it.lead)}</strong></p>"]
        caps = list(it.captions)
        player = self.player(it)
        read_more_at = 1 if len(it.paragraphs) > 2 else -1
        for i, p in enumerate(it.paragraphs):
            if i == 0 and player:
                parts.append(player)
            parts.append(f"<p>{_e(p)}</p>")
            if caps and i % 2 == 1:
                parts.append(f'<figure><img src="/images/2024/{it.slug[:12]}-{i}.jpg" alt="" loading="lazy">'
                             f"<figcaption><p>{_e(caps.pop(0))}</p></figcaption></figure>")
            if i == read_more_at:
                parts.append('<div class="read-more"><p><strong>Đọc thêm:</strong></p>'
                             f"<ul>{self.links(self.others(it, 3, 1))}</ul></div>")
        if not it.paragraphs and player:
            parts.append(player)
        for cap in caps:
            parts.append(f'<figure><img src="/images/2024/x.jpg" alt=""><figcaption>{_e(cap)}</figcaption></figure>')
        if signed:
            parts.append(f'<p style="text-align: right"><strong>{_e(it.byline)}</strong></p>')
        if it.template == "S3":
            parts.append(f"<ul>{self.links(self.others(it, 4, 4))}</ul>")
            o = self.others(it, 1, 8)[0]
            parts.append(f'<p>Xem thêm: <a href="{_e(o.path)}">{_e(o.title)}</a></p>')
        else:
            parts.append(f"<h2>Bài viết liên quan</h2><ul>{self.links(self.others(it, 5, 4))}</ul>")
        return f'<div class="post-content">{"".join(parts)}</div>'

    def post_footer(self, it: CaseItem) -> str:
        tags = "".join(f'<li><a href="/tags/{_tag_slug(t)}/">{_e(t)}</a></li>' for t in it.tags)
        newer = [o for o in self.data.items if o.published > it.published]
        older = [o for o in self.data.items if o.published < it.published]
        pn = ""
        if older:
            o = max(older, key=lambda x: x.published)
            pn += f'<a class="prev" href="{_e(o.path)}"><span>« Bài trước</span><br><span>{_e(o.title)}</span></a>'
        if newer:
            o = min(newer, key=lambda x: x.published)
            pn += f'<a class="next" href="{_e(o.path)}"><span>Bài sau »</span><br><span>{_e(o.title)}</span></a>'
        share = (f'<div class="share-buttons"><a href="https://www.facebook.com/sharer/sharer.php?u={REAL}{it.path}">Facebook</a>'
                 f'<a href="https://zalo.me/share?u={REAL}{it.path}">Zalo</a><a href="mailto:?subject={_e(it.title)}">Email</a></div>')
        return f'<footer class="post-footer"><ul class="post-tags">{tags}</ul><nav class="paginav">{pn}</nav>{share}</footer>'

    def graph(self, it: CaseItem) -> str:
        name = CATEGORIES[it.category][0]
        url = REAL + it.path
        g = {"@context": "https://schema.org", "@graph": [
            {"@type": "Organization", "@id": f"{REAL}/#org", "name": "Công đoàn Hà Tĩnh", "url": REAL + "/"},
            {"@type": "WebSite", "@id": f"{REAL}/#website", "url": REAL + "/", "name": "Công đoàn Hà Tĩnh",
             "publisher": {"@id": f"{REAL}/#org"}, "inLanguage": "vi"},
            {"@type": "BreadcrumbList", "@id": f"{url}#breadcrumb", "itemListElement": [
                {"@type": "ListItem", "position": 1, "name": "Trang chủ", "item": REAL + "/"},
                {"@type": "ListItem", "position": 2, "name": name, "item": f"{REAL}/{it.category}/"},
                {"@type": "ListItem", "position": 3, "name": it.title}]},
            {"@type": "NewsArticle", "@id": f"{url}#article", "headline": it.title, "description": it.lead,
             "dateModified": local(it.modified), "datePublished": local(it.published),
             "author": {"@id": f"{REAL}/#org"}, "publisher": {"@id": f"{REAL}/#org"},
             "articleSection": name, "mainEntityOfPage": url, "inLanguage": "vi"},
        ]}
        return f'<script type="application/ld+json">{json.dumps(g, ensure_ascii=False)}</script>'

    def article(self, path: str) -> str | None:
        it = next((x for x in self.data.items if x.path == path), None)
        if it is None:
            return None
        rng = random.Random(it.slug)
        name = CATEGORIES[it.category][0]
        p, m = it.published, it.modified
        crumbs = (f'<nav class="breadcrumbs" aria-label="breadcrumb"><ol><li><a href="/">Trang chủ</a></li>'
                  f'<li><a href="/{it.category}/">{_e(name)}</a></li></ol></nav>')
        mins = max(1, it.n_words // 200)
        if it.template == "S1":
            meta = (f'<div class="post-meta"><span>Đăng ngày <time datetime="{local(p)}">{p:%d/%m/%Y %H:%M}</time></span>'
                    f' · <span>Cập nhật <time datetime="{local(m)}">{m:%d/%m/%Y %H:%M}</time></span> · <span>{mins} phút đọc</span></div>')
            extra = self.graph(it)
            signed = True
        elif it.template == "S2":
            meta = (f'<p class="post-meta"><time class="dt-updated" datetime="{local(m)}">Sửa lần cuối: {m:%d-%m-%Y}</time> '
                    f'<time class="dt-published" datetime="{local(p)}">Xuất bản: {p:%d-%m-%Y %H:%M}</time> · '
                    f'<span class="p-author h-card">{_e(it.byline)}</span></p>')
            extra = f'<meta property="article:section" content="{_e(name)}">'
            signed = False
        else:
            meta = (f'<p class="post-meta"><time itemprop="datePublished" datetime="{local(p)}">{p:%d-%m-%Y}</time> • '
                    '<span itemprop="author" itemscope itemtype="http://schema.org/Organization">'
                    '<span itemprop="name">Công đoàn Hà Tĩnh</span></span> • '
                    f'Cập nhật: <time itemprop="dateModified" datetime="{local(m)}">{m:%d-%m-%Y %H:%M}</time></p>')
            extra = self.graph(it) if rng.random() < 0.5 else ""
            signed = True
        main = (f'<article class="post" itemscope itemtype="http://schema.org/NewsArticle"><header class="post-header">{crumbs}'
                f'<h1 class="post-title" itemprop="headline">{_e(it.title)}</h1>{meta}</header>'
                f"{self.content(it, rng, signed)}{self.post_footer(it)}</article>")
        return self.page(it.title, it.path, main, extra + f'<meta name="description" content="{_e(it.lead[:150])}">')

    # -------------------------------------------------------------- feed, sitemap
    def rss(self) -> str:
        items = "".join(
            f"<item><title>{_e(it.title)}</title><link>{REAL}{it.path}</link><pubDate>{format_datetime(it.published)}</pubDate>"
            f"<guid>{REAL}{it.path}</guid><description>{_e(it.lead)}</description></item>"
            for it in self.data.newest()[:15])
        return ('<?xml version="1.0" encoding="utf-8" standalone="yes"?>'
                '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Công đoàn Hà Tĩnh</title>'
                f"<link>{REAL}/</link><description>Bài mới trên Công đoàn Hà Tĩnh</description>"
                f"<generator>Hugo</generator><language>vi</language>{items}</channel></rss>")

    def sitemap(self) -> str:
        urls = [f"<url><loc>{REAL}/</loc></url>"]
        urls += [f"<url><loc>{REAL}/{s}/</loc></url>" for s in CATEGORIES]
        urls += [f"<url><loc>{REAL}/{s}/</loc></url>" for s in ("gioi-thieu", "lien-he")]
        urls += [f"<url><loc>{REAL}{it.path}</loc><lastmod>{local(it.modified)}</lastmod></url>" for it in self.data.newest()]
        urls += [f"<url><loc>{REAL}/tags/{t}/</loc></url>" for t in sorted({_tag_slug(t) for it in self.data.items for t in it.tags})]
        return ('<?xml version="1.0" encoding="utf-8" standalone="yes"?>'
                f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{"".join(urls)}</urlset>')


def _tag_slug(tag: str) -> str:
    from blind.common import slugify

    return slugify(tag, 60)


class StaticSite(BlindSite):
    """Serves a StaticData on 127.0.0.1, with the feed /index.xml or none."""

    extra_headers = (("Server", "nginx"),)

    def __init__(self, data: StaticData, feed: bool):
        super().__init__(data)
        self.theme = Theme(data, feed)
        self.feed = feed

    def respond(self, raw: str) -> tuple[int, str, str]:
        h = "text/html; charset=utf-8"
        path = raw.split("?", 1)[0].split("#", 1)[0]
        t = self.theme
        if path == "/robots.txt":
            return 200, "text/plain", f"User-agent: *\nSitemap: {REAL}/sitemap.xml\n"
        if path in ("/", "/index.html"):
            return 200, h, t.home()
        if path == "/index.xml" and self.feed:
            return 200, "application/rss+xml", t.rss()
        if path == "/sitemap.xml":
            return 200, "application/xml", t.sitemap()
        if path.endswith(".html"):
            page = t.article(path)
            if page is not None:
                return 200, h, page
        parts = path.strip("/").split("/")
        page = None
        if parts[0] in ("gioi-thieu", "lien-he") and len(parts) == 1:
            page = t.static("Giới thiệu" if parts[0] == "gioi-thieu" else "Liên hệ", f"/{parts[0]}/")
        elif parts[0] == "tags" and len(parts) == 2:
            page = t.listing(parts[1], 1, tag=True)
        elif parts[0] in CATEGORIES and len(parts) == 1:
            page = t.listing(parts[0], 1)
        elif parts[0] in CATEGORIES and len(parts) == 3 and parts[1] == "page" and parts[2].isdigit():
            page = t.listing(parts[0], int(parts[2]))
        if page is not None:
            return 200, h, page
        return 404, h, t.page("Không tìm thấy trang", path, "<h1>404</h1><p>Không tìm thấy trang.</p>")
