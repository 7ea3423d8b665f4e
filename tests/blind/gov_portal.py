"""A fourth blind congdoanhatinh.org.vn: an older government "Cổng thông tin điện tử" (Liferay-like).

Written from SITE.md and DESIGN.md only, with markup of its own: deep ``<div>`` nesting named by
ids, not classes (``p_p_id_101_INSTANCE_…``, ``layout-column_column-1``, ``chi-tiet-tin``), no
``<h1>``, no JSON-LD and no published meta tag (only ``og:updated_time`` on some pages); a labelled
date line whose dates come in either order ("Ngày đăng: 17/04/2024 08:15 SA | Cập nhật: 18/04/2024
10:00 SA", "Cập nhật: … - Đăng ngày: …", "Sửa lần cuối", "Xuất bản", "Thời gian đăng") with 12-hour
times in SA/CH (12:30 SA is half past midnight); a "Hôm nay:" header date; and after the body, in
the same element and without classes: a view counter, a print/e-mail/share bar, a "Từ khóa:" line
naming units, a star rating, a comment form, and related lists marked only by headings ("Tin liên
quan", "Tin cùng chuyên mục", "Các tin khác", "Xem thêm") with dates. Template G2 writes them as
bare ``<p>`` siblings of the body's paragraphs. Listings ``/<slug>`` and ``/<slug>/page/N``; a feed
(``/rss``) or none; ``robots.txt`` with a sitemap.
"""

from __future__ import annotations

import random
import zlib
from datetime import datetime
from email.utils import format_datetime

from blind.cases import CaseData, CaseItem
from blind.common import REAL, BlindSite
from blind.common import esc as _e

CATEGORIES = {
    "tin-tuc": ("Tin tức - Sự kiện", None),
    "hoat-dong-co-so": ("Hoạt động công đoàn cơ sở", None),
    "chinh-sach-phap-luat": ("Chính sách - Pháp luật", None),
    "chuyen-de": ("Chuyên đề", "article"),
    "video-clip": ("Video clip", "video"),
}
UNIT_NAMES = [
    ("Liên đoàn Lao động huyện Hương Sơn", "ldld-huong-son"),
    ("LĐLĐ huyện Hương Sơn", "ldld-huong-son"),
    ("Liên đoàn Lao động (LĐLĐ) thị xã Hồng Lĩnh", "ldld-tx-hong-linh"),
    ("LĐLĐ TX Hồng Lĩnh", "ldld-tx-hong-linh"),
    ("LĐLĐ thị xã Kỳ Anh", "ldld-tx-ky-anh"),
    ("LĐLĐ huyện Kì Anh", "ldld-h-ky-anh"),
    ("LĐLĐ huyện Can Lộc", "ldld-can-loc"),
    ("Liên đoàn Lao động huyện Lộc Hà", "ldld-loc-ha"),
    ("LĐLĐ huyện Nghi Xuân", "ldld-nghi-xuan"),
    ("LĐLĐ huyện\u00a0Đức Thọ", "ldld-duc-tho"),
    ("Liên đoàn Lao động huyện Thạch Hà", "ldld-thach-ha"),
    ("LĐLĐ huyện Cẩm Xuyên", "ldld-cam-xuyen"),
    ("LĐLĐ huyện Vũ Quang", "ldld-vu-quang"),
    ("Liên đoàn Lao động huyện Hương Khê", "ldld-huong-khe"),
    ("LĐLĐ thành phố Hà Tĩnh", "ldld-tp-ha-tinh"),
    ("Công đoàn các Khu kinh tế tỉnh", "cd-kkt"),
    ("Công đoàn Viên chức tỉnh", "cd-vien-chuc"),
    ("Công đoàn Giáo dục tỉnh", "cd-giao-duc"),
    ("Công đoàn ngành Y tế", "cdn-y-te"),
    ("Công đoàn ngành Công thương", "cdn-cong-thuong"),
    ("Công đoàn ngành Giao thông - Xây dựng", "cdn-gtxd"),
    ("Công đoàn ngành Nông nghiệp và PTNT", "cdn-nong-nghiep"),
    ("Ban Thường vụ LĐLĐ tỉnh", "ldld-tinh"),
]
BYLINE_UNITS = [
    ("LĐLĐ huyện Kỳ Anh", "ldld-h-ky-anh"),
    ("LĐLĐ huyện Nghi Xuân", "ldld-nghi-xuan"),
    ("CĐ Giáo dục", "cd-giao-duc"),
    ("Công đoàn ngành Y tế", "cdn-y-te"),
    ("LĐLĐ TX Hồng Lĩnh", "ldld-tx-hong-linh"),
    ("Công đoàn các KKT", "cd-kkt"),
]
ACTIVITIES = [
    "hội nghị tổng kết phong trào thi đua lao động giỏi",
    "chương trình Tết Sum vầy cho công nhân lao động",
    "lớp bồi dưỡng nghiệp vụ cho chủ tịch công đoàn cơ sở",
    "hội thao chào mừng Ngày Quốc tế Lao động 1/5",
    "trao Mái ấm Công đoàn cho đoàn viên có hoàn cảnh khó khăn",
    "đối thoại định kỳ giữa người sử dụng lao động và người lao động",
    "giám sát việc thực hiện thỏa ước lao động tập thể",
    "tháng Công nhân và tháng An toàn vệ sinh lao động",
    "tuyên truyền phòng chống cháy nổ tại doanh nghiệp",
    "tặng quà con đoàn viên nhân Ngày Quốc tế Thiếu nhi",
    "phát triển đoàn viên trong doanh nghiệp ngoài nhà nước",
    "hội nghị cán bộ, công chức, viên chức năm 2024",
]
SENTENCES = [
    "Tham dự hội nghị có lãnh đạo Liên đoàn Lao động tỉnh, đại diện chính quyền địa phương và các ban ngành.",
    "Trong năm qua, các cấp công đoàn đã bám sát cơ sở, kịp thời nắm bắt tâm tư, nguyện vọng của người lao động.",
    "Nhiều mô hình hay, cách làm hiệu quả được nhân rộng, góp phần nâng cao đời sống đoàn viên.",
    "Ban tổ chức đã trao 45 suất quà, mỗi suất trị giá 1.000.000 đồng cho công nhân có hoàn cảnh khó khăn.",
    "Phát biểu tại buổi lễ, đồng chí Chủ tịch đề nghị các đơn vị tiếp tục đổi mới nội dung, phương thức hoạt động.",
    "Các đại biểu đã thảo luận sôi nổi, đóng góp nhiều ý kiến tâm huyết cho phương hướng nhiệm vụ năm tới.",
    "Chị Nguyễn Thị Lan, công nhân Công ty May Hà Tĩnh, xúc động: “Món quà tuy nhỏ nhưng rất ý nghĩa với gia đình tôi”.",
    "Qua giám sát, phần lớn doanh nghiệp đã thực hiện đúng quy định về tiền lương, thời giờ làm việc.",
    "Bên cạnh đó, vẫn còn tình trạng chậm đóng bảo hiểm xã hội ở một số đơn vị, cần được xử lý dứt điểm.",
    "Kết thúc hội thao, ban tổ chức trao 12 giải nhất, 15 giải nhì và 20 giải ba cho các vận động viên.",
    "Năm 2024, toàn tỉnh phấn đấu kết nạp mới 3.000 đoàn viên và thành lập 25 công đoàn cơ sở.",
    "Hoạt động đã lan tỏa tinh thần đoàn kết, tương trợ trong đội ngũ công nhân, viên chức, lao động.",
    "Buổi đối thoại diễn ra dân chủ, thẳng thắn; 17 kiến nghị của người lao động đã được giải đáp.",
    "Dịp này, 8 tập thể và 15 cá nhân được tặng giấy khen vì có thành tích xuất sắc.",
    "Ngay sau hội nghị, các công đoàn cơ sở sẽ xây dựng kế hoạch cụ thể để triển khai thực hiện.",
    "Công tác an toàn, vệ sinh lao động được các doanh nghiệp quan tâm hơn, tai nạn lao động giảm rõ rệt.",
    "Theo báo cáo, 6 tháng đầu năm đã có 1.245 lượt đoàn viên được thăm hỏi, hỗ trợ kịp thời.",
    "Chương trình nhận được sự hưởng ứng nhiệt tình của đông đảo đoàn viên, người lao động.",
    "Mỗi phần quà gồm gạo, dầu ăn, sữa và tiền mặt, được trao tận tay các gia đình.",
    "Lãnh đạo địa phương ghi nhận, đánh giá cao những đóng góp của tổ chức công đoàn thời gian qua.",
]
CAPTIONS = [
    "Đồng chí Chủ tịch trao quà cho đoàn viên.",
    "Quang cảnh hội nghị.",
    "Các vận động viên tranh tài tại hội thao.",
    "Trao giấy khen cho các tập thể xuất sắc.",
    "Đại biểu chụp ảnh lưu niệm.",
]
PLAYERS = ("yt_iframe", "fb_iframe", "video_tag", "yt_http")
TEMPLATES = ("G1", "G2", "G3")


class GovData(CaseData):
    categories = CATEGORIES
    news_categories = ("tin-tuc", "tin-tuc", "hoat-dong-co-so", "chinh-sach-phap-luat")
    templates = TEMPLATES
    players = PLAYERS
    unit_names = UNIT_NAMES
    byline_units = BYLINE_UNITS
    activities = ACTIVITIES
    captions = CAPTIONS
    sentences = SENTENCES
    para_tokens = 50
    hours = (0, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 20, 23)
    minute_step = 5
    stamp_offsets = (3600 * 4, 3600 * 26, 1200, 3600 * 7)
    month_jitter = 3
    publish_every = 2

    def __init__(self, seed: int, months: list[str], per_month: int = 35):
        super().__init__(seed, months, per_month)


# ================================================================ dates as the portal writes them
def hm12(d: datetime) -> str:
    """08:15 SA, 12:30 SA (00:30), 12:05 CH (12:05), 11:50 CH (23:50)."""
    h = d.hour % 12 or 12
    return f"{h:02d}:{d.minute:02d} {'SA' if d.hour < 12 else 'CH'}"


def dmy(d: datetime) -> str:
    return f"{d:%d/%m/%Y}"


def date_line(it: CaseItem, form: int) -> str:
    """The labelled date line: published and updated, in either order."""
    p, m = it.published, it.modified
    forms = [
        f"Ngày đăng: {dmy(p)} {hm12(p)} | Cập nhật: {dmy(m)} {hm12(m)}",
        f"Cập nhật: {dmy(m)} {hm12(m)} | Ngày đăng: {dmy(p)} {hm12(p)}",
        f"Sửa lần cuối: {hm12(m)}, {dmy(m)} - Đăng ngày: {hm12(p)}, {dmy(p)}",
        f"Ngày cập nhật: {dmy(m)} {m:%H:%M} &nbsp;&nbsp; Xuất bản: {dmy(p)} {p:%H:%M}",
        f"Thời gian đăng: {dmy(p)} - {hm12(p)} &nbsp;|&nbsp; Cập nhật lần cuối: {dmy(m)} - {hm12(m)}",
    ]
    return forms[form]


# ================================================================ rendering
class GovPortal:
    per_page = 10

    def __init__(self, data: GovData, feed: bool):
        self.data = data
        self.feed = feed

    def link(self, it: CaseItem, i: int = 0) -> str:
        return REAL + it.path if i % 4 == 1 else it.path

    # -------------------------------------------------------------- chrome
    def head(self, title: str, extra: str = "") -> str:
        feed = ('<link rel="alternate" type="application/rss+xml" title="Tin mới" href="/rss" />'
                if self.feed else "")
        return (
            '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
            '<html dir="ltr" xmlns="http://www.w3.org/1999/xhtml" lang="vi-VN"><head>'
            f"<title>{_e(title)} - Cổng thông tin điện tử Công đoàn Hà Tĩnh</title>"
            '<meta content="text/html; charset=UTF-8" http-equiv="content-type" />'
            '<link href="/html/themes/cdht-theme/images/favicon.ico" rel="Shortcut Icon" />'
            '<link href="/html/themes/cdht-theme/css/main.css?browserId=other&amp;t=1389" rel="stylesheet" type="text/css" />'
            f"{feed}{extra}"
            '<script type="text/javascript">var themeDisplay={getPlid:function(){return "10712";},'
            'getLanguageId:function(){return "vi_VN";}};</script></head>\n'
        )

    def banner(self) -> str:
        menu = [("/", "Trang chủ"), ("/web/guest/gioi-thieu", "Giới thiệu")]
        menu += [(f"/{s}" if i % 2 == 0 else f"{REAL}/{s}", n) for i, (s, (n, _)) in enumerate(CATEGORIES.items())]
        menu += [("/web/guest/van-ban", "Văn bản"), ("/web/guest/lien-he", "Liên hệ")]
        lis = "".join(f'<li><a href="{_e(h)}"><span>{_e(n)}</span></a></li>' for h, n in menu)
        return (
            '<div id="wrapper"><a href="#main-content" id="skip-to-content">Bỏ qua nội dung</a>'
            '<div id="banner"><div id="logo"><a href="/"><img src="/image/company_logo?img_id=10157" alt="" /></a></div>'
            '<div id="banner-title"><div>CỔNG THÔNG TIN ĐIỆN TỬ</div><div>CÔNG ĐOÀN HÀ TĨNH</div></div>'
            '<div id="ngay-hom-nay">Hôm nay: Thứ Ba, 01/12/2026 09:15 SA</div>'
            '<div id="tim-kiem"><form action="/web/guest/tim-kiem" method="get"><input name="q" type="text" />'
            '<input type="submit" value="Tìm kiếm" /></form></div></div>'
            f'<div id="navigation"><div id="navigation-inner"><ul id="menu-ngang">{lis}</ul></div></div>'
        )

    def right(self) -> str:
        newest = self.data.newest()[:7]
        rows = "".join(f'<div><div><a href="{_e(self.link(it, i))}">{_e(it.title)}</a></div>'
                       f"<div>{dmy(it.published)} {hm12(it.published)}</div></div>" for i, it in enumerate(newest))
        return (
            '<div id="layout-column_column-2"><div id="p_p_id_tinmoi_WAR_cdhtportlet_">'
            f'<div id="portlet-title-tinmoi"><span>Tin mới cập nhật</span></div><div id="tinmoi-list">{rows}</div></div>'
            '<div id="p_p_id_video_WAR_cdhtportlet_"><div><span>Video</span></div>'
            '<div><iframe width="280" height="180" src="https://www.youtube.com/embed/GovSide0001" frameborder="0" '
            'allowfullscreen="true"></iframe></div></div>'
            '<div id="p_p_id_thongke_WAR_cdhtportlet_"><div><span>Thống kê truy cập</span></div>'
            "<div>Đang trực tuyến: 21</div><div>Tổng lượt truy cập: 3.402.118</div></div>"
            '<div id="lien-ket"><a href="http://www.congdoan.vn"><img src="/documents/banner-tld.jpg" alt="" /></a>'
            '<a href="https://hatinh.gov.vn"><img src="/documents/banner-tinh.jpg" alt="" /></a></div></div>'
        )

    def footer(self) -> str:
        return (
            '<div id="footer"><div>Cơ quan chủ quản: Liên đoàn Lao động tỉnh Hà Tĩnh</div>'
            "<div>Địa chỉ: Số 2 đường Phan Đình Phùng, TP Hà Tĩnh. Điện thoại: 0239.3855.xxx</div>"
            "<div>Giấy phép số 12/GP-TTĐT ngày 10/3/2015 của Sở Thông tin và Truyền thông</div></div></div>"
            '<script type="text/javascript">Liferay.Portlet.runtimePortletIds=["73_INSTANCE_zA1c"];</script>'
            "</body></html>"
        )

    def page(self, title: str, content: str, extra: str = "") -> str:
        return (self.head(title, extra) + '<body id="cdht">' + self.banner()
                + '<div id="content"><div id="main-content"><div id="layout-column_column-1">'
                + '<div id="p_p_id_101_INSTANCE_x7Gk_"><div id="portlet-borderless-container">'
                + f'<div id="portlet-body">{content}</div></div></div></div>'
                + self.right() + "</div></div>" + self.footer())

    # -------------------------------------------------------------- home, listings, static
    def home(self) -> str:
        blocks = []
        for slug, (name, _) in CATEGORIES.items():
            its = [it for it in self.data.newest() if it.category == slug][:4]
            if not its:
                continue
            rows = "".join(f'<div><a href="{_e(self.link(it, i))}">{_e(it.title)}</a></div>' for i, it in enumerate(its[1:]))
            blocks.append(
                f'<div id="box-{slug}"><div><a href="/{slug}">{_e(name.upper())}</a></div>'
                f'<div><a href="{_e(self.link(its[0]))}">{_e(its[0].title)}</a></div>'
                f"<div>{_e(its[0].lead[:150])}…</div>{rows}</div>")
        return self.page("Trang chủ", "".join(blocks))

    def static(self, title: str) -> str:
        return self.page(title, f'<div id="tieu-de-trang">{_e(title)}</div>'
                         "<div><p>Liên đoàn Lao động tỉnh Hà Tĩnh là tổ chức chính trị - xã hội rộng lớn "
                         "của giai cấp công nhân và người lao động trên địa bàn tỉnh.</p></div>")

    def listing(self, slug: str, page: int) -> str | None:
        its = [it for it in self.data.newest() if it.category == slug]
        pages = max(1, -(-len(its) // self.per_page))
        if page > pages:
            return None
        chunk = its[(page - 1) * self.per_page: page * self.per_page]
        rows = "".join(
            f'<div id="tin-{i}"><div><a href="{_e(self.link(it, i))}"><img src="/documents/10157/thumb/{it.slug[:-5]}.jpg" alt="" /></a></div>'
            f'<div><div><a href="{_e(self.link(it, i))}">{_e(it.title)}</a></div>'
            f"<div>{it.published:%d-%m-%Y} | Lượt xem: {it.views}</div><div>{_e(it.lead)}</div></div></div>"
            for i, it in enumerate(chunk))
        nav = []
        if page > 1:
            nav.append(f'<a href="/{slug}">Trang đầu</a> <a href="/{slug}' + (f"/page/{page - 1}" if page > 2 else "") + '">«</a>')
        for p in range(max(1, page - 3), min(pages, page + 3) + 1):
            nav.append(f"<span>{p}</span>" if p == page else f'<a href="/{slug}' + (f"/page/{p}" if p > 1 else "") + f'">{p}</a>')
        if page < pages:
            nav.append(f'<a href="/{slug}/page/{page + 1}">»</a> <a href="/{slug}/page/{pages}">Trang cuối</a>')
        name = CATEGORIES[slug][0]
        return self.page(name, f'<div id="tieu-de-chuyen-muc"><a href="/{slug}">{_e(name)}</a></div>'
                         f'<div id="danh-sach-tin">{rows}</div><div id="phan-trang">{" ".join(nav)}</div>')

    # -------------------------------------------------------------- article parts
    def player(self, it: CaseItem) -> str:
        vid = f"g{zlib.crc32(it.slug.encode()) % 10**9}"
        return {
            "yt_iframe": f'<div style="text-align:center"><iframe width="560" height="315" src="https://www.youtube.com/embed/{vid}" '
                         'frameborder="0" allowfullscreen="true"></iframe></div>',
            "yt_http": f'<p style="text-align: center;"><iframe height="360" src="http://www.youtube.com/embed/{vid}?rel=0" '
                       'width="640"></iframe></p>',
            "fb_iframe": '<div style="text-align:center"><iframe src="https://www.facebook.com/plugins/video.php?height=314&amp;'
                         'href=https%3A%2F%2Fwww.facebook.com%2Fcongdoanhatinh%2Fvideos%2F1029384756%2F&amp;show_text=false&amp;width=560" '
                         'width="560" height="314" style="border:none;overflow:hidden" scrolling="no" frameborder="0"></iframe></div>',
            "video_tag": '<div style="text-align:center"><video controls="controls" width="560" '
                         f'src="/documents/10157/video/{vid}.mp4">Trình duyệt không hỗ trợ video.</video></div>',
        }.get(it.player, "")

    def body(self, it: CaseItem, rng: random.Random, tag: str) -> list[str]:
        """The body's paragraphs (as `tag`), figures and player, without the lead."""
        parts = []
        caps = list(it.captions)
        player = self.player(it)
        at = rng.randint(0, max(0, len(it.paragraphs) - 1))
        for i, p in enumerate(it.paragraphs):
            if i == at and player:
                parts.append(player)
            style = ' style="text-align: justify;"' if tag == "p" else ""
            parts.append(f"<{tag}{style}>{_e(p)}</{tag}>")
            if caps and i % 2 == 0:
                cap = caps.pop(0)
                parts.append('<table align="center" border="0" cellpadding="1" cellspacing="1" style="width:500px">'
                             f'<tbody><tr><td><img src="/documents/10157/anh/{i}.jpg" style="width:500px" /></td></tr>'
                             f'<tr><td style="text-align:center"><em>{_e(cap)}</em></td></tr></tbody></table>')
        if not it.paragraphs and player:
            parts.append(player)
        for cap in caps:
            parts.append(f'<div style="text-align:center"><img src="/documents/10157/anh/z.jpg" /><br /><em>{_e(cap)}</em></div>')
        return parts

    def related(self, it: CaseItem, n: int, offset: int) -> list[CaseItem]:
        same = [o for o in self.data.newest() if o.category == it.category and o is not it]
        return same[offset: offset + n]

    def trailers(self, it: CaseItem, rng: random.Random, bare: bool) -> list[str]:
        """What follows the body in the same element: counters, tools, tags, rating, comments,
        related lists; in `bare` form as <p> siblings, else as unclassed <div>s."""
        share = (f'<a href="javascript:window.print()">In trang</a> | <a href="mailto:?subject={_e(it.title)}">Gửi email</a> | '
                 f'<a href="https://www.facebook.com/sharer/sharer.php?u={REAL}{it.path}">Chia sẻ Facebook</a> | '
                 '<a href="https://zalo.me/share">Zalo</a>')
        tags = ", ".join(f'<a href="/web/guest/tim-kiem?tu-khoa={_e(t)}">{_e(t)}</a>' for t in it.tags)
        rate = ('Đánh giá bài viết: <input type="radio" name="rate" value="1" /> 1 <input type="radio" name="rate" value="3" /> 3 '
                f'<input type="radio" name="rate" value="5" /> 5 <input type="button" value="Bình chọn" /> ({it.views % 40} lượt đánh giá)')
        form = ('<form action="/web/guest/binh-luan" method="post">Họ và tên: <input name="ten" /> Email: <input name="email" />'
                'Nội dung: <textarea name="noidung" rows="4"></textarea><input type="submit" value="Gửi ý kiến" /></form>')
        out = []
        blocks = [("Tin liên quan", 4, 0), ("Tin cùng chuyên mục", 5, 4), ("Các tin khác", 5, 9), ("Xem thêm", 3, 14)]
        picked = rng.sample(blocks, 2)
        if bare:
            out.append(f"<p>Lượt xem: {it.views} | {share}</p>")
            out.append(f"<p>Từ khóa: {tags}</p>")
            for h, n, off in picked:
                out.append(f"<p><strong>{h}</strong></p>")
                out += [f'<p>- <a href="{_e(self.link(o, j))}">{_e(o.title)}</a> ({dmy(o.published)})</p>'
                        for j, o in enumerate(self.related(it, n, off))]
            out.append(f"<p>{rate}</p>")
            out.append("<p><strong>Ý kiến bạn đọc</strong></p>")
            out.append(f"<p>{form}</p>")
            return out
        out.append(f"<div>Lượt xem: {it.views}</div><div>{share}</div><div>Từ khóa: {tags}</div><div>{rate}</div>")
        for h, n, off in picked:
            lis = "".join(f'<li><a href="{_e(self.link(o, j))}">{_e(o.title)}</a> <span>({dmy(o.published)} {hm12(o.published)})</span></li>'
                          for j, o in enumerate(self.related(it, n, off)))
            out.append(f"<div><div><b>{h}</b></div><ul>{lis}</ul></div>")
        out.append(f"<div><div><b>Ý kiến bạn đọc</b></div>{form}</div>")
        if rng.random() < 0.5:
            out.reverse()  # related lists first, counters last
        return out

    def article(self, path: str) -> str | None:
        it = next((x for x in self.data.items if x.path == path), None)
        if it is None:
            return None
        rng = random.Random(it.slug)
        name = CATEGORIES[it.category][0]
        line = date_line(it, rng.randrange(5))
        crumbs = (f'<div id="duong-dan"><a href="/">Trang chủ</a> » <a href="/{it.category}">{_e(name)}</a></div>')
        if it.template == "G1":
            body = "".join(self.body(it, rng, "p"))
            content = (
                f'{crumbs}<div id="chi-tiet-tin"><div id="tieu-de"><h3>{_e(it.title)}</h3></div>'
                f'<div id="thoi-gian">{line}</div><div id="tom-tat"><strong>{_e(it.lead)}</strong></div>'
                f'<div id="noi-dung">{body}<p style="text-align: right;"><strong>{_e(it.byline)}</strong></p></div>'
                + "".join(self.trailers(it, rng, bare=False)) + "</div>")
        elif it.template == "G2":
            parts = [f'<p style="text-align: justify;"><strong>{_e(it.lead)}</strong></p>',
                     *self.body(it, rng, "p"), f'<p style="text-align: right;"><b>{_e(it.byline)}</b></p>',
                     *self.trailers(it, rng, bare=True)]
            content = (
                f'<div id="tieu-de-chuyen-muc"><a href="/{it.category}">{_e(name.upper())}</a></div>'
                f'<div id="article-detail"><div id="tieu-de-bai-viet" style="font-size:20px;font-weight:bold">{_e(it.title)}</div>'
                f'<div id="ngay-dang-tin">{line}</div><div id="noi-dung-chi-tiet">{"".join(parts)}</div></div>')
        else:  # G3: an older table, body in <div>s, the byline a right-aligned <div>
            body = "".join(self.body(it, rng, "div"))
            content = (
                f'{crumbs}<table id="tblChiTiet" width="100%" border="0" cellpadding="0" cellspacing="0">'
                f'<tr><td id="tdTieuDe"><span id="lblTieuDe" style="font-size:16pt;color:#b40000">{_e(it.title)}</span></td></tr>'
                f'<tr><td id="tdNgay" style="color:#777">{line}</td></tr>'
                f'<tr><td id="tdNoiDung"><div id="divTomTat"><b><i>{_e(it.lead)}</i></b></div>'
                f'<div id="divChiTiet">{body}<div style="text-align:right"><b>{_e(it.byline)}</b></div>'
                + "".join(self.trailers(it, rng, bare=False)) + "</div></td></tr></table>")
        extra = (f'<meta property="og:updated_time" content="{it.modified.isoformat()}" />'
                 if rng.random() < 0.5 else "")
        extra += f'<meta name="description" content="{_e(it.lead[:160])}" />'
        return self.page(it.title, content, extra)

    # -------------------------------------------------------------- feed, sitemap
    def rss(self) -> str:
        items = "".join(
            f"<item><title>{_e(it.title)}</title><link>{REAL}{it.path}</link><guid>{REAL}{it.path}</guid>"
            f"<description>{_e(it.lead)}</description><pubDate>{format_datetime(it.published)}</pubDate></item>"
            for it in self.data.newest()[:20])
        return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
                f"<title>Công đoàn Hà Tĩnh - Tin mới</title><link>{REAL}</link>"
                f"<description>Tin mới</description>{items}</channel></rss>")

    def sitemap(self) -> str:
        urls = [f"<url><loc>{REAL}/</loc></url>"]
        urls += [f"<url><loc>{REAL}/{s}</loc></url>" for s in CATEGORIES]
        urls += [f"<url><loc>{REAL}/web/guest/{s}</loc></url>" for s in ("gioi-thieu", "lien-he", "van-ban")]
        urls += [f"<url><loc>{REAL}{it.path}</loc><lastmod>{it.modified:%Y-%m-%d}</lastmod></url>"
                 for it in self.data.newest()]
        return ('<?xml version="1.0" encoding="UTF-8"?>'
                f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{"".join(urls)}</urlset>')


class GovSite(BlindSite):
    """Serves a GovData on 127.0.0.1, with a feed at /rss or none."""

    extra_headers = (("Liferay-Portal", "Liferay Portal Community Edition 6.2.0 CE GA1"),)

    def __init__(self, data: GovData, feed: bool):
        super().__init__(data)
        self.portal = GovPortal(data, feed)
        self.feed = feed

    def respond(self, raw: str) -> tuple[int, str, str]:
        h = "text/html; charset=UTF-8"
        path = raw.split("?", 1)[0].split("#", 1)[0]
        p = self.portal
        if path == "/robots.txt":
            return 200, "text/plain", f"User-agent: *\nDisallow: /c/\nDisallow: /group/\nSitemap: {REAL}/sitemap.xml\n"
        if path in ("/", "/web/guest", "/web/guest/trang-chu"):
            return 200, h, p.home()
        if path == "/sitemap.xml":
            return 200, "application/xml", p.sitemap()
        if path == "/rss" and self.feed:
            return 200, "application/rss+xml; charset=UTF-8", p.rss()
        if path.startswith("/web/guest/") and path.count("/") == 3:
            return 200, h, p.static(path.rsplit("/", 1)[1].replace("-", " ").capitalize())
        if path.endswith(".html"):
            page = p.article(path)
            if page is not None:
                return 200, h, page
        parts = path.strip("/").split("/")
        page = None
        if len(parts) == 1 and parts[0] in CATEGORIES:
            page = p.listing(parts[0], 1)
        elif len(parts) == 3 and parts[0] in CATEGORIES and parts[1] == "page" and parts[2].isdigit():
            page = p.listing(parts[0], int(parts[2]))
        if page is not None:
            return 200, h, page
        return 404, h, p.page("Không tìm thấy", "<div>Trang bạn yêu cầu không tồn tại.</div>")

