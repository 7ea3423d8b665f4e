"""A sixth blind congdoanhatinh.org.vn: a Drupal 7-like site with RDFa, fields and comments.

Written from SITE.md and DESIGN.md only, with markup of its own: a node page with Drupal's field
wrappers (``field-name-body`` > ``field-items`` > ``field-item``, ``field-name-field-chuyen-muc``
holding the category as an RDFa ``skos:Concept`` link, ``field-name-field-tac-gia`` with the
author on D2), the published instant only in RDFa (``<span property="dc:date dc:created"
content="…+07:00">``) and as UTC meta (``article:published_time`` with ``+00:00``, after an
``article:modified_time``), a visible "Thứ Tư, 17/04/2024 - 08:15" in ``div.submitted``; an
"Ngày cập nhật:" field; players as iframes that are lazy-loaded (``data-src`` with ``src`` empty
or ``about:blank``), ``<video><source>`` and Flash-era ``<embed>`` of ``youtube.com/v/``; after
the node, comments with their own dates and unit names and a comment form; a "Tin khác" view
block; an RSS feed ``/rss.xml`` whose ``dc:creator`` is the editorial board (never a byline) and
whose ``<category>`` holds the category, or none. Listings ``/<slug>`` and ``/<slug>/page/N``.
"""

from __future__ import annotations

import random
import zlib
from datetime import UTC
from email.utils import format_datetime

from blind.cases import CaseData, CaseItem
from blind.common import REAL, WEEKDAYS, BlindSite
from blind.common import esc as _e

CATEGORIES = {
    "tin-tuc": ("Tin tức", None),
    "hoat-dong-cong-doan": ("Hoạt động công đoàn", None),
    "an-toan-lao-dong": ("An toàn lao động", None),
    "bai-chuyen-sau": ("Bài chuyên sâu", "article"),
    "videoclip": ("Videoclip", "video"),
}
UNIT_NAMES = [
    ("LĐLĐ huyện Hương Sơn", "ldld-huong-son"),
    ("Liên đoàn Lao động huyện Đức Thọ", "ldld-duc-tho"),
    ("LĐLĐ thị xã Hồng Lĩnh", "ldld-tx-hong-linh"),
    ("LĐLĐ TX. Kỳ Anh", "ldld-tx-ky-anh"),
    ("Liên đoàn Lao động huyện Kỳ Anh", "ldld-h-ky-anh"),
    ("LĐLĐ huyện Can Lộc", "ldld-can-loc"),
    ("LĐLĐ huyện Lộc Hà", "ldld-loc-ha"),
    ("Liên đoàn Lao động huyện Nghi Xuân", "ldld-nghi-xuan"),
    ("LĐLĐ huyện Thạch Hà", "ldld-thach-ha"),
    ("Liên đoàn Lao động huyện Cẩm Xuyên", "ldld-cam-xuyen"),
    ("LĐLĐ huyện Vũ Quang", "ldld-vu-quang"),
    ("LĐLĐ huyện Hương Khê", "ldld-huong-khe"),
    ("Liên đoàn Lao động TP Hà Tĩnh", "ldld-tp-ha-tinh"),
    ("Công đoàn các Khu kinh tế tỉnh", "cd-kkt"),
    ("Công đoàn Viên chức tỉnh", "cd-vien-chuc"),
    ("Công đoàn ngành Giáo dục", "cd-giao-duc"),
    ("Công đoàn ngành Y tế", "cdn-y-te"),
    ("CĐN Công thương", "cdn-cong-thuong"),
    ("Công đoàn ngành Giao thông – Xây dựng", "cdn-gtxd"),
    ("Công đoàn ngành Nông nghiệp và PTNT", "cdn-nong-nghiep"),
    ("LĐLĐ tỉnh", "ldld-tinh"),
]
BYLINE_UNITS = [
    ("LĐLĐ huyện Kỳ Anh", "ldld-h-ky-anh"),
    ("LĐLĐ huyện Vũ Quang", "ldld-vu-quang"),
    ("CĐ Giáo dục", "cd-giao-duc"),
    ("Công đoàn ngành Y tế", "cdn-y-te"),
    ("LĐLĐ TX Hồng Lĩnh", "ldld-tx-hong-linh"),
    ("CĐ Viên chức tỉnh", "cd-vien-chuc"),
]
ACTIVITIES = [
    "diễn tập phương án chữa cháy tại nhà máy",
    "hội nghị đại biểu người lao động năm 2024",
    "chương trình Điểm tựa cho đoàn viên",
    "cuộc thi an toàn vệ sinh viên giỏi",
    "hành trình về nguồn của cán bộ công đoàn",
    "trao kinh phí xây nhà Mái ấm Công đoàn",
    "giải kéo co công nhân lao động",
    "tập huấn kỹ năng thương lượng tập thể",
    "tặng quà Trung thu cho con công nhân",
    "kiểm tra công tác an toàn lao động tại công trường",
    "gặp mặt nữ cán bộ công đoàn tiêu biểu",
    "phát động tháng hành động vì an toàn thực phẩm",
]
SENTENCES = [
    "Tham gia buổi diễn tập có hơn 200 công nhân cùng lực lượng phòng cháy chữa cháy cơ sở.",
    "Qua chương trình, người lao động được nâng cao kỹ năng xử lý tình huống khi có sự cố xảy ra.",
    "Mỗi suất hỗ trợ trị giá 40 triệu đồng, trích từ Quỹ Xã hội Công đoàn tỉnh.",
    "Anh Lê Văn Tùng, công nhân xây dựng, bày tỏ: “Tôi rất cảm động khi được công đoàn quan tâm giúp đỡ”.",
    "Hội nghị đã thông qua nhiều nội dung quan trọng liên quan trực tiếp đến quyền lợi người lao động.",
    "Các đội thi tranh tài ở ba phần thi: chào hỏi, kiến thức và xử lý tình huống.",
    "Đoàn kiểm tra đề nghị chủ đầu tư khắc phục ngay những tồn tại về giàn giáo và dây an toàn.",
    "Đến nay, 100% công đoàn cơ sở trong ngành đã tổ chức hội nghị người lao động đúng quy định.",
    "Những phần quà Trung thu mang niềm vui đến với hơn 300 cháu thiếu nhi là con công nhân.",
    "Dịp này, ban tổ chức khen thưởng 10 tập thể và 25 cá nhân có thành tích xuất sắc.",
    "Đoàn đã dâng hương tưởng niệm, ôn lại truyền thống vẻ vang của giai cấp công nhân Việt Nam.",
    "Các học viên được hướng dẫn cách chuẩn bị, tiến hành và kết thúc một cuộc thương lượng.",
    "Thời gian qua, phong trào thi đua lao động sản xuất đã thu hút đông đảo đoàn viên tham gia.",
    "Lãnh đạo đơn vị cam kết tiếp tục cải thiện điều kiện làm việc, nâng thu nhập cho người lao động.",
    "Giải đấu diễn ra trong không khí sôi nổi, đoàn kết, thể hiện tinh thần thể thao cao thượng.",
    "Năm nay, chương trình được mở rộng tới các doanh nghiệp trong khu kinh tế Vũng Áng.",
    "Nhiều kiến nghị về nhà ở, nhà trẻ cho con công nhân được lãnh đạo địa phương tiếp thu.",
    "Kết quả kiểm tra cho thấy phần lớn doanh nghiệp đã trang bị đầy đủ phương tiện bảo hộ.",
]
CAPTIONS = [
    "Công nhân thực hành chữa cháy.",
    "Trao kinh phí hỗ trợ xây nhà cho đoàn viên.",
    "Các đội tranh tài kéo co.",
    "Quang cảnh hội nghị đại biểu người lao động.",
    "Tặng quà Trung thu cho các cháu.",
]
PLAYERS = ("yt_lazy", "fb_lazy", "video_source", "yt_embed_v")
TEMPLATES = ("D1", "D2")
COMMENTERS = ["Nguyễn Văn Tài", "Trần Thị Hòa", "Một đoàn viên", "Lê Hữu Phước"]


class DrupalData(CaseData):
    categories = CATEGORIES
    news_categories = ("tin-tuc", "tin-tuc", "hoat-dong-cong-doan", "an-toan-lao-dong")
    templates = TEMPLATES
    players = PLAYERS
    unit_names = UNIT_NAMES
    byline_units = BYLINE_UNITS
    activities = ACTIVITIES
    captions = CAPTIONS
    sentences = SENTENCES
    para_tokens = 52
    hours = (0, 6, 7, 8, 9, 10, 11, 14, 15, 16, 17, 21, 23)
    minute_step = 5
    stamp_offsets = (3600 * 3, 3600 * 30, 600, 3600 * 8)
    month_jitter = 3
    publish_every = 2

    def __init__(self, seed: int, months: list[str], per_month: int = 42):
        super().__init__(seed, months, per_month)


def long_vn(d) -> str:
    return f"{WEEKDAYS[d.weekday()]}, {d:%d/%m/%Y - %H:%M}"


class Drupal:
    per_page = 15

    def __init__(self, data: DrupalData, feed: bool):
        self.data = data
        self.feed = feed

    def link(self, it: CaseItem, i: int = 0) -> str:
        return REAL + it.path if i % 2 else it.path

    def head(self, title: str, extra: str = "") -> str:
        feed = ('<link rel="alternate" type="application/rss+xml" title="Công đoàn Hà Tĩnh RSS" href="/rss.xml" />'
                if self.feed else "")
        return (
            '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML+RDFa 1.0//EN" "http://www.w3.org/MarkUp/DTD/xhtml-rdfa-1.dtd">'
            '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="vi" version="XHTML+RDFa 1.0" dir="ltr" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/terms/" '
            'xmlns:skos="http://www.w3.org/2004/02/skos/core#"><head profile="http://www.w3.org/1999/xhtml/vocab">'
            '<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />'
            '<meta name="Generator" content="Drupal 7 (http://drupal.org)" />'
            f"{feed}{extra}<title>{_e(title)} | Công đoàn Hà Tĩnh</title>"
            '<style type="text/css" media="all">@import url("/sites/all/themes/cdht/css/style.css?s0x1yz");</style>'
            '<script type="text/javascript" src="/misc/jquery.js?v=1.4.4"></script></head>'
        )

    def header(self) -> str:
        lis = "".join(f'<li class="leaf"><a href="/{s}" title="">{_e(n)}</a></li>' for s, (n, _) in CATEGORIES.items())
        return (
            '<div id="page-wrapper"><div id="page"><div id="header"><a href="/" id="logo" rel="home">'
            '<img src="/sites/default/files/logo.png" alt="Trang chủ" /></a>'
            '<div id="site-name"><strong><a href="/" rel="home"><span>Công đoàn Hà Tĩnh</span></a></strong></div></div>'
            f'<div id="main-menu" class="navigation"><ul class="menu"><li class="first leaf"><a href="/">Trang chủ</a></li>{lis}'
            '<li class="last leaf"><a href="/lien-he">Liên hệ</a></li></ul></div>'
        )

    def sidebar(self) -> str:
        rows = "".join(f'<li><a href="{_e(self.link(o, i))}">{_e(o.title)}</a> <span class="date">{long_vn(o.published)}</span></li>'
                       for i, o in enumerate(self.data.newest()[:6]))
        return ('<div id="sidebar-second" class="column sidebar"><div class="region region-sidebar-second">'
                f'<div id="block-views-tin-moi-block" class="block block-views"><h2>Tin mới</h2><ul>{rows}</ul></div>'
                '<div id="block-block-3" class="block block-block"><h2>Video</h2><iframe width="300" height="169" '
                'src="https://www.youtube.com/embed/DrupalSide01" frameborder="0" allowfullscreen></iframe></div></div></div>')

    def page(self, title: str, content: str, extra: str = "") -> str:
        return (self.head(title, extra) + '<body class="html not-front">' + self.header()
                + f'<div id="main-wrapper"><div id="main" class="clearfix"><div id="content" class="column">'
                f'<div class="section"><a id="main-content"></a>{content}</div></div>{self.sidebar()}</div></div>'
                '<div id="footer"><div class="region region-footer">Bản quyền © Liên đoàn Lao động tỉnh Hà Tĩnh. '
                "Ghi rõ nguồn khi phát hành lại thông tin từ website này.</div></div></div></div></body></html>")

    def home(self) -> str:
        rows = "".join(self.teaser(it, i) for i, it in enumerate(self.data.newest()[:12]))
        return self.page("Trang chủ", f'<div class="view view-frontpage">{rows}</div>')

    def teaser(self, it: CaseItem, i: int) -> str:
        return (f'<div class="views-row"><h2 class="node-title"><a href="{_e(self.link(it, i))}">{_e(it.title)}</a></h2>'
                f'<span class="date-display-single">{it.published:%d-%m-%Y}</span>'
                f'<div class="field-content">{_e(it.lead)}</div></div>')

    def listing(self, slug: str, page: int) -> str | None:
        its = [it for it in self.data.newest() if it.category == slug]
        pages = max(1, -(-len(its) // self.per_page))
        if page > pages:
            return None
        chunk = its[(page - 1) * self.per_page: page * self.per_page]
        pager = "".join(f'<li class="pager-item"><a href="/{slug}' + (f"/page/{p}" if p > 1 else "") + f'">{p}</a></li>'
                        if p != page else f'<li class="pager-current">{p}</li>' for p in range(1, pages + 1))
        if page < pages:
            pager += f'<li class="pager-next"><a href="/{slug}/page/{page + 1}">sau ›</a></li>'
        name = CATEGORIES[slug][0]
        return self.page(name, f'<h1 class="title" id="page-title">{_e(name)}</h1><div class="view view-taxonomy-term">'
                         + "".join(self.teaser(it, i) for i, it in enumerate(chunk))
                         + f'</div><h2 class="element-invisible">Trang</h2><div class="item-list"><ul class="pager">{pager}</ul></div>')

    def player(self, it: CaseItem) -> str:
        vid = f"d{zlib.crc32(it.slug.encode()) % 10**9}"
        return {
            "yt_lazy": f'<p><iframe class="lazyload" data-src="https://www.youtube.com/embed/{vid}" src="" width="640" '
                       'height="360" frameborder="0" allowfullscreen></iframe></p>',
            "fb_lazy": '<p><iframe loading="lazy" src="about:blank" data-src="https://www.facebook.com/plugins/video.php?href='
                       'https%3A%2F%2Fwww.facebook.com%2Fcongdoanhatinh%2Fvideos%2F99887766%2F" width="560" height="315"></iframe></p>',
            "video_source": f'<p><video controls="controls" width="640" preload="none"><source src="/sites/default/files/video/{vid}.mp4" '
                            'type="video/mp4" />Trình duyệt không hỗ trợ video.</video></p>',
            "yt_embed_v": f'<p><embed src="https://www.youtube.com/v/{vid}&amp;hl=vi_VN&amp;fs=1" '
                          'type="application/x-shockwave-flash" width="560" height="340" allowfullscreen="true"></embed></p>',
        }.get(it.player, "")

    def body(self, it: CaseItem, signed: bool) -> str:
        parts = [f'<p class="rtejustify"><strong>{_e(it.lead)}</strong></p>']
        caps = list(it.captions)
        player = self.player(it)
        for i, p in enumerate(it.paragraphs):
            parts.append(f'<p class="rtejustify">{_e(p)}</p>')
            if i == 0 and player:
                parts.append(player)
            if caps and i % 3 == 1:
                parts.append(f'<p class="rtecenter"><img alt="" src="/sites/default/files/anh/{i}.jpg" style="width: 600px;" /></p>'
                             f'<p class="rtecenter"><em>{_e(caps.pop(0))}</em></p>')
        if not it.paragraphs and player:
            parts.append(player)
        for cap in caps:
            parts.append(f'<p class="rtecenter"><img alt="" src="/sites/default/files/anh/x.jpg" /><br /><em>{_e(cap)}</em></p>')
        if signed:
            parts.append(f'<p class="rteright"><strong>{_e(it.byline)}</strong></p>')
        return "".join(parts)

    def comments(self, it: CaseItem, rng: random.Random) -> str:
        others = [o for o in self.data.newest() if o.published > it.published][:2] or self.data.newest()[:2]
        cs = []
        for j in range(rng.randint(0, 3)):
            when = it.modified
            cs.append(f'<div class="comment clearfix"><div class="submitted">Gửi bởi <span class="username">{COMMENTERS[j]}</span> '
                      f'vào {long_vn(when)}</div><div class="content"><p>Cảm ơn {_e(rng.choice(UNIT_NAMES)[0])} đã quan tâm '
                      "tới người lao động chúng tôi.</p></div></div>")
        related = "".join(f'<li><a href="{_e(self.link(o, k))}">{_e(o.title)}</a> <em>({o.published:%d/%m/%Y})</em></li>'
                          for k, o in enumerate(others + [o for o in self.data.newest() if o.category == it.category][:3]))
        return (f'<div id="block-views-tin-khac-block" class="block"><h2>Tin khác</h2><ul>{related}</ul></div>'
                f'<div id="comments" class="comment-wrapper"><h2 class="title">Bình luận</h2>{"".join(cs)}'
                '<h2 class="title comment-form">Gửi bình luận</h2><form class="comment-form" action="/comment/reply" method="post">'
                '<div class="form-item"><label>Tên của bạn </label><input type="text" name="name" /></div>'
                '<div class="form-item"><label>Nội dung <span class="form-required">*</span></label><textarea name="comment_body"></textarea></div>'
                '<input type="submit" value="Gửi" class="form-submit" /></form></div>')

    def article(self, path: str) -> str | None:
        it = next((x for x in self.data.items if x.path == path), None)
        if it is None:
            return None
        rng = random.Random(it.slug)
        name = CATEGORIES[it.category][0]
        p, m = it.published, it.modified
        utc = lambda d: d.astimezone(UTC).isoformat()  # noqa: E731
        meta = (f'<meta property="article:modified_time" content="{utc(m)}" />'
                f'<meta property="article:published_time" content="{utc(p)}" />'
                f'<meta property="og:title" content="{_e(it.title)}" />')
        submitted = (f'<div class="submitted"><span property="dc:date dc:created" content="{p.isoformat()}" '
                     f'datatype="xsd:dateTime">{long_vn(p)}</span></div>')
        cat = (f'<div class="field field-name-field-chuyen-muc field-type-taxonomy-term-reference field-label-inline clearfix">'
               f'<div class="field-label">Chuyên mục:&nbsp;</div><div class="field-items"><div class="field-item even">'
               f'<a href="/{it.category}" typeof="skos:Concept" property="rdfs:label skos:prefLabel" datatype="">{_e(name)}</a>'
               "</div></div></div>")
        updated = (f'<div class="field field-name-field-ngay-cap-nhat field-label-inline"><div class="field-label">Ngày cập nhật:&nbsp;</div>'
                   f'<div class="field-items"><div class="field-item even"><span class="date-display-single">{m:%d/%m/%Y - %H:%M}</span>'
                   "</div></div></div>")
        if it.template == "D1":
            top, signed = updated + submitted, True
        else:
            author = (f'<div class="field field-name-field-tac-gia field-label-inline"><div class="field-label">Tác giả:&nbsp;</div>'
                      f'<div class="field-items"><div class="field-item even">{_e(it.byline)}</div></div></div>')
            top, signed = submitted + author, False
        body = (f'<div class="field field-name-body field-type-text-with-summary field-label-hidden"><div class="field-items">'
                f'<div class="field-item even" property="content:encoded">{self.body(it, signed)}</div></div></div>')
        bottom = updated if it.template == "D2" else ""
        node = (f'<h1 class="title" id="page-title">{_e(it.title)}</h1>'
                f'<div id="node-{zlib.crc32(it.slug.encode()) % 100000}" class="node node-article node-full clearfix" '
                f'about="{it.path}" typeof="sioc:Item foaf:Document">'
                f'<span property="dc:title" content="{_e(it.title)}" class="rdf-meta element-hidden"></span>'
                f'{top}<div class="content">{cat}{body}{bottom}</div>'
                '<ul class="links inline"><li class="print_html first"><a href="#" title="In bài">In</a></li>'
                '<li class="print_mail last"><a href="#">Gửi email</a></li></ul></div>')
        return self.page(it.title, node + self.comments(it, rng), meta)

    def rss(self) -> str:
        items = "".join(
            f"<item><title>{_e(it.title)}</title><link>{REAL}{it.path}</link><description>{_e(it.lead)}</description>"
            f'<category domain="{REAL}/{it.category}">{_e(CATEGORIES[it.category][0])}</category>'
            f"<pubDate>{format_datetime(it.published.astimezone(UTC))}</pubDate><dc:creator>Ban Biên tập</dc:creator>"
            f'<guid isPermaLink="false">{zlib.crc32(it.slug.encode())} at {REAL}</guid></item>'
            for it in self.data.newest()[:10])
        return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xml:base="' + REAL + '" '
                'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Công đoàn Hà Tĩnh</title>'
                f"<link>{REAL}</link><description></description><language>vi</language>{items}</channel></rss>")


class DrupalSite(BlindSite):
    """Serves a DrupalData on 127.0.0.1, with the feed /rss.xml or none."""

    extra_headers = (("X-Generator", "Drupal 7 (http://drupal.org)"),)

    def __init__(self, data: DrupalData, feed: bool):
        super().__init__(data)
        self.drupal = Drupal(data, feed)
        self.feed = feed

    def respond(self, raw: str) -> tuple[int, str, str]:
        h = "text/html; charset=utf-8"
        path = raw.split("?", 1)[0].split("#", 1)[0]
        d = self.drupal
        if path == "/robots.txt":
            return 200, "text/plain", "User-agent: *\nCrawl-delay: 10\nDisallow: /admin/\nDisallow: /comment/reply/\n"
        if path in ("/", "/node"):
            return 200, h, d.home()
        if path == "/rss.xml" and self.feed:
            return 200, "application/rss+xml; charset=utf-8", d.rss()
        if path == "/lien-he":
            return 200, h, d.page("Liên hệ", '<h1 class="title">Liên hệ</h1><p>Số 2 Phan Đình Phùng, TP Hà Tĩnh.</p>')
        if path.endswith(".html"):
            page = d.article(path)
            if page is not None:
                return 200, h, page
        parts = path.strip("/").split("/")
        page = None
        if len(parts) == 1 and parts[0] in CATEGORIES:
            page = d.listing(parts[0], 1)
        elif len(parts) == 3 and parts[0] in CATEGORIES and parts[1] == "page" and parts[2].isdigit():
            page = d.listing(parts[0], int(parts[2]))
        if page is not None:
            return 200, h, page
        return 404, h, d.page("Không tìm thấy trang", "<h1>Không tìm thấy trang</h1>")
