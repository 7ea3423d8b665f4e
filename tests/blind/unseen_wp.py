"""A second independent synthetic congdoanhatinh.org.vn: a WordPress-like site.

Written from SITE.md and DESIGN.md only, with markup of its own: WordPress themes (a classic
theme with Yoast JSON-LD ``@graph``, a block theme with Rank Math JSON-LD and ``rel="tag"``
category links, a Vietnamese news theme with a left sidebar and a sapo box, a minimal theme with
only a visible date), ``entry-meta`` with a published and an updated ``<time>`` in UTC, a site-wide
author ("admin", "Ban Biên tập") that is never a byline, Jetpack share bars and related posts
*inside* ``entry-content``, comments with their own dates and paragraphs, ``&nbsp;`` spacer
paragraphs, sticky posts on top of every listing page, a WordPress RSS feed (tags as
``<category>``, ``?p=N`` guids, ``content:encoded``), a comments feed, ``wp-sitemap.xml`` with
``lastmod`` = modified date, and a main navigation that mixes relative, absolute and
trailing-slash links to the categories. Every item keeps its ground truth (kind, with_video,
unit, local date, words) computed from what was generated, by DESIGN.md's rules.
"""

from __future__ import annotations

import json
import unicodedata
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from blind.common import (
    ICT,
    PLAYERS,
    REAL,
    WEEKDAYS,
    BlindData,
    BlindItem,
    BlindSite,
    bracket_bylines,
    item_tags,
    slugify,
)
from blind.common import esc as _e

# slug -> (name, kind implied by the category)
CATEGORIES = {
    "tin-tuc": ("Tin tức", None),
    "hoat-dong-co-so": ("Hoạt động cơ sở", None),
    "chuyen-de": ("Chuyên đề", "article"),
    "chuyen-sau": ("Bài chuyên sâu", "article"),
    "videoclip": ("Video", "video"),
}

NFD = unicodedata.normalize("NFD", "Liên đoàn Lao động huyện Cẩm Xuyên")
# (text as written on the page, unit id)
UNIT_NAMES = [
    ("Liên đoàn Lao động huyện Hương Khê", "ldld-huong-khe"),
    ("LĐLĐ H. Hương Khê", "ldld-huong-khe"),
    ("LĐLĐ huyện Vũ Quang", "ldld-vu-quang"),
    ("Liên đoàn Lao động (LĐLĐ) huyện Đức Thọ", "ldld-duc-tho"),
    ("LĐLĐ TX. Hồng Lĩnh", "ldld-tx-hong-linh"),
    ("Liên đoàn Lao động thị xã Hồng Lĩnh", "ldld-tx-hong-linh"),
    ("LĐLĐ thị xã Kỳ Anh", "ldld-tx-ky-anh"),
    ("LĐLĐ TX Kì Anh", "ldld-tx-ky-anh"),
    ("Liên đoàn Lao động huyện Kì Anh", "ldld-h-ky-anh"),
    ("LĐLĐ H. Kỳ Anh", "ldld-h-ky-anh"),
    ("L\u00d0L\u00d0 huyện Can Lộc", "ldld-can-loc"),
    ("Liên\u00a0đoàn Lao động huyện Lộc Hà", "ldld-loc-ha"),
    ("LĐLĐ huyện Nghi\u00a0Xuân", "ldld-nghi-xuan"),
    ("LĐLĐ thành phố Hà Tĩnh", "ldld-tp-ha-tinh"),
    ("LĐLĐ TP Hà Tĩnh", "ldld-tp-ha-tinh"),
    ("Liên đoàn Lao động huyện Thạch Hà", "ldld-thach-ha"),
    ("LĐLĐ huyện Cẩm Xuyên", "ldld-cam-xuyen"),
    (NFD, "ldld-cam-xuyen"),
    ("LĐLĐ huyện Hương Sơn", "ldld-huong-son"),
    ("Công đoàn Khu kinh tế tỉnh", "cd-kkt"),
    ("Công đoàn các Khu Kinh tế tỉnh", "cd-kkt"),
    ("Công đoàn Viên chức tỉnh", "cd-vien-chuc"),
    ("Công đoàn Giáo dục tỉnh", "cd-giao-duc"),
    ("CĐ Giáo dục", "cd-giao-duc"),
    ("Công đoàn ngành Y tế", "cdn-y-te"),
    ("CĐN Y tế", "cdn-y-te"),
    ("Công đoàn ngành Công thương", "cdn-cong-thuong"),
    ("Công đoàn ngành Giao thông - Xây dựng", "cdn-gtxd"),
    ("CĐN Giao thông — Xây dựng", "cdn-gtxd"),
    ("Công đoàn ngành Nông nghiệp và PTNT", "cdn-nong-nghiep"),
    ("Liên đoàn Lao động tỉnh", "ldld-tinh"),
    ("LĐLĐ tỉnh Hà Tĩnh", "ldld-tinh"),
    ("Công đoàn Hà Tĩnh", "ldld-tinh"),
]
BYLINE_UNITS = [
    ("LĐLĐ huyện Hương Sơn", "ldld-huong-son"),
    ("LĐLĐ TX Kỳ Anh", "ldld-tx-ky-anh"),
    ("Công đoàn ngành Công thương", "cdn-cong-thuong"),
    ("CĐ Giáo dục", "cd-giao-duc"),
    ("LĐLĐ H. Lộc Hà", "ldld-loc-ha"),
    ("Công đoàn Viên chức tỉnh", "cd-vien-chuc"),
    ("LĐLĐ huyện Can Lộc", "ldld-can-loc"),
    ("CĐN Giao thông – Xây dựng", "cdn-gtxd"),
]
PEOPLE = ["Khánh Linh", "Quốc Việt", "Mai Phương", "Trần Hữu Đạt", "Lê Thị Thu", "Ngọc Ánh",
          "Phạm Tuấn", "Hải Yến", "Võ Văn Nam", "Thùy Dung"]
REPOSTS = ["Theo Kiều Minh/baohatinh.vn", "Theo: MAI ANH (Báo Lao Động)", "Theo baohatinh.vn",
           "Theo Lê Hà (Báo Hà Tĩnh)"]
# Lead subjects that name no unit.
TRAPS = [
    "Tại huyện Can Lộc, đông đảo người lao động đã tham gia",
    "CĐCS Công ty TNHH Formosa Hà Tĩnh đã tổ chức",
    "Công đoàn cơ sở Bệnh viện Đa khoa huyện Hương Sơn phối hợp tổ chức",
    "Thực hiện Kế hoạch của Tổng Liên đoàn Lao động Việt Nam, các cấp công đoàn đã triển khai",
    "Thực hiện Nghị quyết 06/NQ-LĐLĐ, các cấp công đoàn đã tổ chức",
    "LĐLĐ Kỳ Anh đã phối hợp tổ chức",
    "Tại xã Thạch Hà, huyện Thạch Hà, người lao động đã tham gia",
]
# Openings naming no unit, before the unit that acts.
INTROS = [
    "Thực hiện Kế hoạch của Tổng Liên đoàn Lao động Việt Nam",
    "Thực hiện Nghị quyết 06/NQ-LĐLĐ",
    "Tại huyện Can Lộc",
    "Cùng với CĐCS Công ty CP Gạch Tuynel Thạch Hà",
    "Phối hợp với Công đoàn cơ sở Trường THPT Nghi Xuân",
]
ACTIVITIES = [
    "hội nghị sơ kết công tác công đoàn 6 tháng đầu năm",
    "chương trình Tết Sum vầy - Xuân gắn kết năm 2025",
    "trao quà cho đoàn viên, người lao động bị ảnh hưởng bởi bão lũ",
    "hội thao chào mừng kỷ niệm ngày thành lập Công đoàn Việt Nam",
    "tập huấn kỹ năng thương lượng tập thể cho cán bộ công đoàn",
    "giải cầu lông công nhân viên chức lao động",
    "phiên chợ Tết cho người lao động có thu nhập thấp",
    "đối thoại định kỳ giữa người sử dụng lao động và tập thể lao động",
    "hội thi nữ công nhân viên chức với chủ đề duyên dáng áo dài",
    "bàn giao nhà Mái ấm tình thương cho đoàn viên khó khăn",
    "giám sát việc thực hiện chính sách bảo hiểm xã hội tại doanh nghiệp",
    "tuyên truyền pháp luật lao động cho công nhân khu công nghiệp",
]
SENTENCES = [
    "Đến dự có các đồng chí lãnh đạo địa phương, đại diện các doanh nghiệp và đông đảo đoàn viên.",
    "Năm qua, công tác chăm lo đời sống cho người lao động tiếp tục được triển khai kịp thời, đúng đối tượng.",
    "Các hoạt động đã góp phần động viên người lao động yên tâm công tác, gắn bó với đơn vị.",
    "Theo đó, mỗi suất quà gồm tiền mặt và nhu yếu phẩm trị giá 700.000 đồng.",
    "Phát biểu tại chương trình, đại diện lãnh đạo ghi nhận những nỗ lực của đội ngũ cán bộ công đoàn cơ sở.",
    "Các đại biểu đã tập trung thảo luận, làm rõ những khó khăn, vướng mắc trong quá trình thực hiện.",
    "Không khí chương trình diễn ra vui tươi, đầm ấm – để lại nhiều ấn tượng đẹp trong lòng người lao động.",
    "Tính đến nay, đã có hơn 3.500 đoàn viên được thăm hỏi, hỗ trợ với tổng số tiền trên 1,2 tỷ đồng.",
    "Bên cạnh kết quả đạt được, vẫn còn một số hạn chế như tỷ lệ phát triển đoàn viên ở khu vực ngoài nhà nước còn thấp.",
    "Anh Trần Văn Hùng, công nhân Nhà máy gạch tuy nen chia sẻ: “Chúng tôi rất cảm động trước sự quan tâm này”.",
    "Ngày 12/10/2024, ban tổ chức đã họp để thống nhất kế hoạch và phân công nhiệm vụ cụ thể.",
    "Dịp này, 18 tập thể và 32 cá nhân được tặng giấy khen vì có thành tích xuất sắc.",
    "Sau 2 ngày thi đấu sôi nổi, ban tổ chức đã trao giải cho các vận động viên đạt thành tích cao.",
    "Hoạt động cũng nhằm đẩy mạnh phong trào thi đua lao động giỏi, lao động sáng tạo trong đơn vị.",
    "Qua giám sát, các doanh nghiệp cơ bản thực hiện đúng quy định về tiền lương, thời giờ làm việc.",
    "Đồng thời đề nghị doanh nghiệp quan tâm hơn nữa đến điều kiện làm việc, bữa ăn ca cho người lao động.",
    "Mỗi đoàn viên cần phát huy vai trò tiên phong, gương mẫu trong thực hiện nhiệm vụ chính trị của đơn vị.",
    "Kết thúc hội thi, ban giám khảo đã trao 1 giải Nhất, 2 giải Nhì, 3 giải Ba và 5 giải Khuyến khích.",
    "Chương trình là hoạt động thiết thực hướng tới Đại hội Công đoàn các cấp nhiệm kỳ 2023 - 2028.",
    "Đây là năm thứ 5 liên tiếp chương trình được tổ chức, thu hút sự tham gia của hàng nghìn người lao động.",
]
CAPTIONS = [
    "Lãnh đạo trao quà cho đoàn viên có hoàn cảnh khó khăn.",
    "Toàn cảnh chương trình.",
    "Các đội tham gia thi đấu.",
    "Trao giấy khen cho các tập thể, cá nhân xuất sắc.",
    "Người lao động phấn khởi nhận quà.",
    "Đại biểu tham quan gian hàng.",
]
COMMENTS = [
    ("Nguyễn Văn Tư", "Bài viết rất ý nghĩa, cảm ơn LĐLĐ huyện Vũ Quang đã quan tâm người lao động."),
    ("Hoa", "Mong các cấp công đoàn tiếp tục tổ chức nhiều chương trình như thế này."),
    ("Lê Minh", "Tin, ảnh rất đẹp. Chúc mừng Công đoàn ngành Y tế!"),
]


def _slugify(text: str) -> str:
    return slugify(text, 60)


@dataclass(kw_only=True)
class Post(BlindItem):
    pid: int  # WordPress post id
    theme: str  # A, B, C, D
    lead_bold: bool = True
    quote: int = -1  # index of a paragraph rendered as a blockquote
    spacers: bool = False  # <p>&nbsp;</p> before and after the byline
    comments: int = 0


class WPData(BlindData):
    """The posts and their ground truth; deterministic for a seed."""

    sentences = SENTENCES
    para_tokens = 50
    hours = (7, 8, 9, 11, 13, 15, 16, 19, 21)
    minute_step = 3
    stamp_offsets = (1200, 3600 * 3, 3600 * 20, 3600 * 49)
    month_jitter = 4
    publish_every = 2

    def __init__(self, seed: int, months: list[str], per_month: int = 60):
        self.posts: list[Post] = []
        self.next_pid = 101
        super().__init__(seed, months, per_month)
        # two sticky posts from the first month, shown on top of every listing page
        first = [p for p in self.posts if p.month == months[0]]
        self.sticky = [next(p for p in first if p.category == "chuyen-de"),
                       next(p for p in first if p.category == "tin-tuc" and p.pid % 2)]

    def records(self) -> list[Post]:
        return self.posts

    # ------------------------------------------------------------ generation
    def make(self, published: datetime, spec: dict) -> Post:
        rng = self.rng
        cat = spec.get("category") or rng.choice(["tin-tuc"] * 3 + ["hoat-dong-co-so"] * 2)
        player = spec.get("player", "")
        activity = rng.choice(ACTIVITIES)
        case = spec.get("case") or rng.choice(
            ["lead", "lead", "lead", "lead", "title", "byline", "byline", "lead_two", "trap_first",
             "trap", "none", "repost", "photo_credit", "ambiguous", "body_only", "nfd", "federation"])
        unit: str | None = None
        title_unit = ""
        person = rng.choice(PEOPLE)
        byline = rng.choice([person.upper(), f"Tin, ảnh: {person}", person, f"Bài và ảnh: {person}"])
        subject = "các cấp công đoàn"
        extra = ""
        u_text, u_id = rng.choice(UNIT_NAMES)
        if case == "lead":
            subject, unit = u_text, u_id
        elif case == "nfd":
            subject, unit = NFD, "ldld-cam-xuyen"
        elif case == "federation":
            subject, unit = rng.choice([("Liên đoàn Lao động tỉnh", "ldld-tinh"),
                                        ("Công đoàn Hà Tĩnh", "ldld-tinh")])
        elif case == "lead_two":
            other, _ = rng.choice(UNIT_NAMES)
            subject, unit = f"{u_text} phối hợp với {other}", u_id
        elif case == "title":
            title_unit, unit = u_text, u_id
            subject, _ = rng.choice(UNIT_NAMES)
        elif case == "byline":
            b_text, unit = rng.choice(BYLINE_UNITS)
            byline = rng.choice(bracket_bylines(person, b_text))
            subject = u_text
        elif case == "trap_first":
            subject, unit = u_text, u_id
            intro = rng.choice(INTROS)
        elif case == "trap":
            subject = rng.choice(TRAPS)
        elif case == "ambiguous":
            subject = "LĐLĐ Kỳ Anh"
        elif case == "repost":
            byline = rng.choice(REPOSTS)
            subject = u_text
        elif case == "photo_credit":
            b_text, _ = rng.choice(BYLINE_UNITS)
            byline = f"Tin: {person}; Ảnh: Văn Đức ({b_text})"
            if rng.random() < 0.5:
                subject, unit = u_text, u_id
        elif case == "body_only":
            extra = f"Thời gian tới, {u_text} sẽ tiếp tục duy trì và nhân rộng mô hình này."
        elif case == "none":
            byline = rng.choice(["CTV", "Nhóm PV", "HỒNG NGUYÊN", f"Bài và ảnh: {person}"])
        prefix = rng.choice(["(CĐHT) - ", "CĐHT – ", ""])
        if case == "trap_first":
            lead = f"{prefix}{intro}, {subject} đã tổ chức {activity}."
        elif case == "trap":
            lead = f"{prefix}{subject} {activity} trong tháng {published.month}/{published.year}."
        else:
            lead = f"{prefix}Ngày {published.day}/{published.month}, {subject} đã tổ chức {activity}."
        if title_unit:
            title = f"{title_unit}: {activity}"
        elif rng.random() < 0.35:
            title = f"Sôi nổi {activity}"
        else:
            title = activity[0].upper() + activity[1:]
        title = spec.get("prefix", "") + title + spec.get("suffix", "")
        captions = [rng.choice(CAPTIONS) for _ in range(rng.choice([0, 1, 2, 2, 3]))]
        captions, paragraphs = self.fit(spec["words"], lead, extra, captions)
        pid = self.next_pid
        self.next_pid += rng.randint(1, 4)
        post = Post(
            pid=pid, slug=f"{_slugify(title)}-{self.stamp(published)}.html", title=title, category=cat,
            published=published, modified=published + timedelta(hours=rng.choice([1, 5, 30, 75])),
            lead=lead, paragraphs=paragraphs, captions=captions, byline=byline, player=player,
            theme=spec.get("theme") or rng.choice("AABBCCD"), lead_bold=rng.random() < 0.6,
            quote=rng.randrange(1, len(paragraphs)) if len(paragraphs) > 2 and rng.random() < 0.2 else -1,
            spacers=rng.random() < 0.3, comments=rng.choice([0, 0, 0, 1, 2]),
            tags=item_tags(rng, UNIT_NAMES), case=case,
        )
        post.unit = unit
        post.settle_kind(CATEGORIES[cat][1], ("Bài 2:", "Kỳ II:", "Kì 3:", "Bài 1:"))  # DESIGN.md, Kind
        return post

    def month_specs(self, count: int) -> list[dict]:
        rng = self.rng
        specs: list[dict] = [
            {"words": rng.randint(960, 998)},
            {"words": 999},
            {"words": 1000},
            {"words": 1001, "category": "hoat-dong-co-so"},
            {"words": rng.randint(1050, 1700)},
            {"words": rng.randint(1000, 1400), "player": rng.choice(PLAYERS)},
            {"words": rng.randint(40, 140), "player": rng.choice(PLAYERS)},
            {"words": 149, "player": rng.choice(PLAYERS)},
            {"words": 150, "player": rng.choice(PLAYERS)},
            {"words": 151, "player": "video"},
            {"words": rng.randint(250, 800), "player": rng.choice(PLAYERS)},
            {"words": rng.randint(40, 130), "player": "youtube", "prefix": "[Video] "},
            {"words": rng.randint(200, 500), "player": "facebook", "prefix": "VIDEO: "},
            {"words": rng.randint(30, 120), "player": "video", "prefix": "Clip: "},
            {"words": rng.randint(160, 400), "player": "youtube", "prefix": "(Video) "},
            {"words": rng.randint(60, 600), "player": "youtube", "category": "videoclip"},
            {"words": rng.randint(170, 400), "player": "facebook", "category": "videoclip"},
            {"words": rng.randint(300, 900), "category": "chuyen-de"},
            {"words": rng.randint(900, 1900), "category": "chuyen-de"},
            {"words": rng.randint(400, 999), "category": "chuyen-sau"},
            {"words": rng.randint(90, 140), "category": "chuyen-sau", "player": "youtu.be"},
            {"words": rng.randint(400, 900), "prefix": "Bài 2: "},
            {"words": rng.randint(400, 900), "suffix": " (Kỳ II: Lan tỏa mô hình hay)"},
            {"words": rng.randint(400, 800), "suffix": " nhiệm kỳ 2023 - 2028"},
            {"words": rng.randint(300, 700), "prefix": "Video clip tuyên truyền: ", "player": "youtube"},
            {"words": rng.randint(300, 700), "prefix": "Cuộc thi viết bài, video clip: "},
        ]
        return specs + [{"words": rng.randint(110, 950)} for _ in range(count - len(specs))]

    def new_specs(self) -> list[dict]:
        rng = self.rng
        return [
            {"words": rng.randint(200, 600), "category": "tin-tuc"},
            {"words": rng.randint(200, 600), "category": "hoat-dong-co-so"},
            {"words": rng.randint(1000, 1300), "category": "tin-tuc"},
            {"words": rng.randint(500, 900), "category": "chuyen-de"},
            {"words": rng.randint(60, 120), "category": "videoclip", "player": "youtube"},
            {"words": rng.randint(300, 500), "category": "tin-tuc", "player": "facebook"},
            {"words": rng.randint(300, 600), "category": "chuyen-sau"},
        ]


# ================================================================ rendering
MONTHS_VI = ["Một", "Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười", "Mười Một", "Mười Hai"]


def _utc(d: datetime) -> str:
    return d.astimezone(UTC).isoformat()  # 2025-01-31T17:30:00+00:00


def _wp_date(d: datetime) -> str:
    d = d.astimezone(ICT)
    return f"{d.day} Tháng {MONTHS_VI[d.month - 1]}, {d.year}"


class Theme:
    def __init__(self, data: WPData, feed: bool, per_page: int = 10):
        self.data = data
        self.feed = feed
        self.per_page = per_page

    def href(self, post: Post, i: int = 0) -> str:
        return REAL + post.path if i % 2 == 0 else post.path

    # -------------------------------------------------------------- chrome
    def head(self, title: str, extra: str = "") -> str:
        feeds = ('<link rel="alternate" type="application/rss+xml" title="Công đoàn Hà Tĩnh &raquo; Dòng thông tin" '
                 f'href="{REAL}/feed/">'
                 '<link rel="alternate" type="application/rss+xml" title="Công đoàn Hà Tĩnh &raquo; Dòng phản hồi" '
                 f'href="{REAL}/comments/feed/">') if self.feed else ""
        return (
            '<!DOCTYPE html>\n<html lang="vi" prefix="og: https://ogp.me/ns#"><head><meta charset="UTF-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(title)} &#8211; Công đoàn Hà Tĩnh</title>"
            '<meta name="robots" content="max-image-preview:large">'
            f'<link rel="dns-prefetch" href="//stats.wp.com">{feeds}'
            "<script>window._wpemojiSettings={\"baseUrl\":\"https://s.w.org/images/core/emoji/15.0.3/72x72/\"};"
            "</script><style id=\"wp-emoji-styles-inline-css\">img.wp-smiley{height:1em}</style>"
            f'<link rel="https://api.w.org/" href="{REAL}/wp-json/">'
            '<meta name="generator" content="WordPress 6.5.3">'
            f"{extra}</head>\n"
        )

    def masthead(self) -> str:
        return (
            '<div id="page" class="site"><a class="skip-link screen-reader-text" href="#primary">Chuyển đến nội dung</a>'
            '<div class="top-bar"><span class="current-date">Hôm nay: Thứ Hai, 24/11/2026</span>'
            '<span class="hotline">Đường dây nóng: 0239.3855.xxx</span></div>'
            '<header id="masthead" class="site-header"><div class="site-branding">'
            f'<p class="site-title"><a href="{REAL}/" rel="home">Công đoàn Hà Tĩnh</a></p>'
            '<p class="site-description">Trang thông tin điện tử Liên đoàn Lao động tỉnh Hà Tĩnh</p></div>'
            + self.nav() + "</header>"
        )

    def nav(self) -> str:
        return (
            '<nav id="site-navigation" class="main-navigation" aria-label="Menu chính">'
            '<button class="menu-toggle" aria-controls="primary-menu" aria-expanded="false">Menu</button>'
            '<ul id="primary-menu" class="menu">'
            f'<li class="menu-item menu-item-home"><a href="{REAL}/">Trang chủ</a></li>'
            '<li class="menu-item menu-item-has-children"><a href="/gioi-thieu">Giới thiệu</a><ul class="sub-menu">'
            '<li class="menu-item"><a href="/gioi-thieu/lich-su">Lịch sử</a></li>'
            '<li class="menu-item"><a href="/gioi-thieu/to-chuc-bo-may">Tổ chức bộ máy</a></li></ul></li>'
            '<li class="menu-item menu-item-has-children"><a href="/tin-tuc">Tin tức</a><ul class="sub-menu">'
            f'<li class="menu-item menu-item-type-taxonomy"><a href="{REAL}/hoat-dong-co-so">Hoạt động cơ sở</a></li></ul></li>'
            f'<li class="menu-item menu-item-type-taxonomy"><a href="{REAL}/chuyen-de">Chuyên đề</a></li>'
            f'<li class="menu-item menu-item-type-taxonomy"><a href="{REAL}/chuyen-sau/">Bài chuyên sâu</a></li>'
            '<li class="menu-item menu-item-type-taxonomy"><a href="/videoclip">Video</a></li>'
            '<li class="menu-item"><a href="/van-ban">Văn bản</a></li>'
            '<li class="menu-item"><a href="/lien-he">Liên hệ</a></li>'
            '<li class="menu-item"><a href="https://www.facebook.com/congdoanhatinh" target="_blank">Facebook</a></li>'
            "</ul></nav>"
        )

    def sidebar(self) -> str:
        posts = self.data.newest()
        recent = "".join(
            f'<li><a href="{_e(self.href(p, i))}">{_e(p.title)}</a> '
            f'<span class="post-date">{p.published:%d-%m-%Y}</span></li>' for i, p in enumerate(posts[:6]))
        cats = "".join(
            f'<li class="cat-item cat-item-{i + 2}"><a href="{REAL}/{s}">{_e(n)}</a> '
            f'({sum(1 for p in posts if p.category == s)})</li>'
            for i, (s, (n, _)) in enumerate(CATEGORIES.items()))
        archive_months = sorted({p.published.strftime("%Y/%m") for p in posts}, reverse=True)
        archives = "".join(f'<li><a href="{REAL}/{m}">Tháng {int(m[5:])} {m[:4]}</a></li>' for m in archive_months)
        return (
            '<aside id="secondary" class="widget-area">'
            '<section id="search-2" class="widget widget_search"><form role="search" method="get" class="search-form" '
            f'action="{REAL}/"><input type="search" class="search-field" placeholder="Tìm kiếm &hellip;" name="s">'
            '<input type="submit" class="search-submit" value="Tìm kiếm"></form></section>'
            '<section id="recent-posts-2" class="widget widget_recent_entries"><h2 class="widget-title">Bài viết mới</h2>'
            f"<ul>{recent}</ul></section>"
            '<section id="custom_html-3" class="widget_text widget widget_custom_html"><h2 class="widget-title">Video nổi bật</h2>'
            '<div class="textwidget custom-html-widget"><iframe width="300" height="170" '
            'src="https://www.youtube.com/embed/wpSideBar01" title="YouTube video player" frameborder="0" '
            'allowfullscreen></iframe><p>Công đoàn Hà Tĩnh chung tay vì người lao động</p></div></section>'
            '<section id="categories-2" class="widget widget_categories"><h2 class="widget-title">Chuyên mục</h2>'
            f"<ul>{cats}</ul></section>"
            '<section id="archives-2" class="widget widget_archive"><h2 class="widget-title">Lưu trữ</h2>'
            f"<ul>{archives}</ul></section>"
            '<section id="text-4" class="widget widget_text"><div class="textwidget"><p>LĐLĐ huyện Hương Sơn – '
            'đơn vị dẫn đầu phong trào thi đua năm 2024.</p></div></section></aside>'
        )

    def footer(self) -> str:
        return (
            '<footer id="colophon" class="site-footer"><div class="site-info">'
            "<p>Cơ quan chủ quản: Liên đoàn Lao động tỉnh Hà Tĩnh. Địa chỉ: 02 Phan Đình Phùng, TP Hà Tĩnh.</p>"
            '<a href="https://wordpress.org/">Vận hành bởi WordPress</a></div></footer></div>'
            "<script id=\"jetpack-stats\">_stq=window._stq||[];_stq.push(['view',{v:'ext',blog:'1'}]);</script>"
            "</body></html>"
        )

    def page(self, title: str, main: str, extra_head: str = "", body_class: str = "",
             left_sidebar: bool = False) -> str:
        primary = f'<div id="primary" class="content-area"><main id="main" class="site-main">{main}</main></div>'
        inner = self.sidebar() + primary if left_sidebar else primary + self.sidebar()
        return (self.head(title, extra_head) + f'<body class="{body_class} wp-embed-responsive">'
                + self.masthead() + f'<div id="content" class="site-content">{inner}</div>' + self.footer())

    # -------------------------------------------------------------- listings
    def excerpt(self, p: Post, i: int, sticky: bool = False) -> str:
        name = CATEGORIES[p.category][0]
        cls = f"post-{p.pid} post type-post status-publish format-standard hentry category-{p.category}"
        return (
            f'<article id="post-{p.pid}" class="{cls}{" sticky" if sticky else ""}">'
            + ('<span class="sticky-label">Nổi bật</span>' if sticky else "")
            + f'<div class="post-thumbnail"><a href="{_e(self.href(p, i))}"><img width="300" height="200" '
            f'src="/wp-content/uploads/{p.published:%Y/%m}/anh-{p.pid}-300x200.jpg" alt=""></a></div>'
            f'<header class="entry-header"><h2 class="entry-title"><a href="{_e(self.href(p, i))}" '
            f'rel="bookmark">{_e(p.title)}</a></h2>'
            f'<div class="entry-meta"><span class="posted-on">{p.published:%d-%m-%Y}</span></div></header>'
            f'<div class="entry-summary"><p>{_e(p.lead)} [&hellip;]</p></div>'
            f'<footer class="entry-footer"><span class="cat-links"><a href="{REAL}/{p.category}" '
            f'rel="category tag">{_e(name)}</a></span></footer></article>'
        )

    def listing(self, slug: str, page: int) -> str | None:
        if slug not in CATEGORIES:
            return None
        name = CATEGORIES[slug][0]
        sticky = self.data.sticky
        posts = [p for p in self.data.newest() if p.category == slug and p not in sticky]
        pages = max(1, -(-len(posts) // self.per_page))
        if page > pages:
            return None
        chunk = posts[(page - 1) * self.per_page: page * self.per_page]
        body = "".join(self.excerpt(p, i, True) for i, p in enumerate(sticky))
        body += "".join(self.excerpt(p, i) for i, p in enumerate(chunk))
        links = []
        if page > 1:
            links.append(f'<a class="prev page-numbers" href="/{slug}' + (f"/page/{page - 1}" if page > 2 else "")
                         + '">&laquo; Trang trước</a>')
        for n in range(1, pages + 1):
            if n == page:
                links.append(f'<span aria-current="page" class="page-numbers current">{n}</span>')
            elif abs(n - page) <= 2 or n in (1, pages):
                links.append(f'<a class="page-numbers" href="/{slug}' + (f"/page/{n}" if n > 1 else "") + f'">{n}</a>')
        if page < pages:
            links.append(f'<a class="next page-numbers" href="/{slug}/page/{page + 1}">Trang sau &raquo;</a>')
        main = (f'<header class="page-header"><h1 class="page-title">Chuyên mục: <span>{_e(name)}</span></h1>'
                f'</header>{body}<nav class="navigation pagination" aria-label="Phân trang bài viết">'
                f'<div class="nav-links">{"".join(links)}</div></nav>')
        return self.page(f"{name} - Trang {page}" if page > 1 else name, main,
                         body_class=f"archive category category-{slug}")

    def home(self) -> str:
        sticky = self.data.sticky
        posts = [p for p in self.data.newest() if p not in sticky][:10]
        main = ("".join(self.excerpt(p, i, True) for i, p in enumerate(sticky))
                + "".join(self.excerpt(p, i + 1) for i, p in enumerate(posts))
                + f'<p class="more"><a href="{REAL}/tin-tuc">Xem tất cả tin tức</a></p>')
        return self.page("Trang chủ", main, body_class="home blog")

    def static(self, title: str, text: str) -> str:
        main = (f'<article class="page type-page status-publish hentry"><header class="entry-header">'
                f'<h1 class="entry-title">{_e(title)}</h1></header><div class="entry-content">{text}</div></article>')
        return self.page(title, main, body_class="page-template-default page")

    def tag(self, tag_slug: str) -> str | None:
        posts = [p for p in self.data.newest() if any(_slugify(t) == tag_slug for t in p.tags)][:10]
        if not posts:
            return None
        main = (f'<header class="page-header"><h1 class="page-title">Thẻ: <span>{_e(tag_slug)}</span></h1></header>'
                + "".join(self.excerpt(p, i) for i, p in enumerate(posts)))
        return self.page("Thẻ", main, body_class="archive tag")

    # -------------------------------------------------------------- article body
    def player(self, p: Post) -> str:
        vid = f"v{zlib.crc32(p.slug.encode()) % 10 ** 8:08d}"
        if p.player == "youtube":
            return ('<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube '
                    'wp-embed-aspect-16-9 wp-has-aspect-ratio"><div class="wp-block-embed__wrapper">'
                    f'<iframe loading="lazy" title="{_e(p.title)}" width="640" height="360" '
                    f'src="https://www.youtube.com/embed/{vid}?feature=oembed" frameborder="0" '
                    'allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture" '
                    'allowfullscreen></iframe></div></figure>')
        if p.player == "youtu.be":
            return (f'<p><span class="embed-youtube" style="text-align:center; display: block;">'
                    f'<iframe class="youtube-player" width="640" height="360" src="https://youtu.be/{vid}" '
                    'allowfullscreen="true" style="border:0;"></iframe></span></p>')
        if p.player == "facebook":
            return ('<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">'
                    '<iframe src="https://www.facebook.com/plugins/video.php?height=314&amp;href=https%3A%2F%2F'
                    f'www.facebook.com%2Fcongdoanhatinh%2Fvideos%2F{vid[1:]}%2F&amp;show_text=false&amp;width=560" '
                    'width="560" height="314" style="border:none;overflow:hidden" scrolling="no" frameborder="0" '
                    'allowfullscreen="true"></iframe></div></figure>')
        if p.player == "video":
            src = f"/wp-content/uploads/{p.published:%Y/%m}/clip-{p.pid}.mp4"
            return (f'<div style="width: 640px;" class="wp-video"><video class="wp-video-shortcode" '
                    f'id="video-{p.pid}-1" width="640" height="360" preload="metadata" controls="controls">'
                    f'<source type="video/mp4" src="{src}?_=1"><a href="{src}">Tải video clip tuyên truyền '
                    f"về hoạt động công đoàn tại đây</a></video></div>")
        return ""

    def figure(self, p: Post, cap: str, i: int, block: bool) -> str:
        src = f"/wp-content/uploads/{p.published:%Y/%m}/anh-{p.pid}-{i}.jpg"
        if block:
            return (f'<figure class="wp-block-image size-large"><img decoding="async" width="1024" height="683" '
                    f'src="{src}" alt="Ảnh hoạt động" class="wp-image-{p.pid + i}">'
                    f'<figcaption class="wp-element-caption">{_e(cap)}</figcaption></figure>')
        return (f'<div id="attachment_{p.pid + i}" style="width: 810px" class="wp-caption aligncenter">'
                f'<img aria-describedby="caption-attachment-{p.pid + i}" class="size-full wp-image-{p.pid + i}" '
                f'src="{src}" alt="Ảnh hoạt động" width="800" height="533">'
                f'<p id="caption-attachment-{p.pid + i}" class="wp-caption-text">{_e(cap)}</p></div>')

    def content(self, p: Post, lead_inside: bool, block: bool) -> str:
        """The inside of entry-content: lead (if inside), player, paragraphs, captions, byline."""
        parts = []
        if lead_inside:
            parts.append(f"<p><strong>{_e(p.lead)}</strong></p>" if p.lead_bold else f"<p>{_e(p.lead)}</p>")
        parts.append(self.player(p))
        caps = list(p.captions)
        for i, para in enumerate(p.paragraphs):
            if i == p.quote:
                parts.append(f'<blockquote class="wp-block-quote"><p>{_e(para)}</p></blockquote>')
            else:
                parts.append(f'<p style="text-align: justify;">{_e(para)}</p>' if not block else f"<p>{_e(para)}</p>")
            if caps and i % 2 == 0:
                parts.append(self.figure(p, caps.pop(0), i, block))
        for j, cap in enumerate(caps):
            parts.append(self.figure(p, cap, 90 + j, block))
        if p.spacers:
            parts.append("<p>&nbsp;</p>")
        if block:
            parts.append(f'<p class="has-text-align-right"><strong>{_e(p.byline)}</strong></p>')
        elif p.byline.startswith("Theo"):
            parts.append(f'<p style="text-align: right;"><em>{_e(p.byline)}</em></p>')
        else:
            parts.append(f'<p style="text-align: right;"><strong>{_e(p.byline)}</strong></p>')
        if p.spacers:
            parts.append("<p>&nbsp;</p>")
        return "".join(parts)

    def jetpack(self, p: Post) -> str:
        """Share bar, likes and related posts, which Jetpack puts inside entry-content."""
        others = [o for o in self.data.newest() if o.category == p.category and o is not p][:3]
        rel = "".join(
            f'<div class="jp-relatedposts-post jp-relatedposts-post{i}" data-post-id="{o.pid}">'
            f'<h4 class="jp-relatedposts-post-title"><a class="jp-relatedposts-post-a" href="{_e(o.path)}" '
            f'title="{_e(o.title)}" rel="nofollow">{_e(o.title)}</a></h4>'
            f'<p class="jp-relatedposts-post-excerpt">{_e(o.lead)}</p>'
            f'<p class="jp-relatedposts-post-date">{o.published:%d-%m-%Y}</p>'
            f'<p class="jp-relatedposts-post-context">Trong &quot;{_e(CATEGORIES[o.category][0])}&quot;</p></div>'
            for i, o in enumerate(others))
        return (
            '<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social '
            'sd-social-icon-text sd-sharing"><h3 class="sd-title">Chia sẻ:</h3><div class="sd-content"><ul>'
            '<li class="share-facebook"><a rel="nofollow noopener noreferrer" class="share-facebook sd-button" '
            'href="?share=facebook" target="_blank"><span>Facebook</span></a></li>'
            '<li class="share-twitter"><a class="share-twitter sd-button" href="?share=twitter"><span>X</span></a></li>'
            '<li class="share-print"><a class="share-print sd-button" href="#print"><span>In bài viết</span></a></li>'
            "</ul></div></div></div>"
            '<div class="sharedaddy sd-block sd-like jetpack-likes-widget-wrapper"><h3 class="sd-title">Thích bài này:</h3>'
            '<div class="likes-widget-placeholder post-likes-widget-placeholder"><span class="button"><span>Thích'
            '</span></span> <span class="loading">Đang tải...</span></div></div>'
            '<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline">'
            f'<em>Bài viết liên quan</em></h3><div class="jp-relatedposts-items jp-relatedposts-items-visual">{rel}'
            "</div></div>"
        )

    def comments(self, p: Post) -> str:
        if not p.comments:
            return ('<div id="comments" class="comments-area"><div id="respond" class="comment-respond">'
                    '<h3 id="reply-title" class="comment-reply-title">Trả lời</h3><form class="comment-form">'
                    '<p class="comment-notes">Email của bạn sẽ không được hiển thị công khai.</p>'
                    '<textarea name="comment"></textarea></form></div></div>')
        li = []
        for k in range(p.comments):
            who, text = COMMENTS[(p.pid + k) % len(COMMENTS)]
            when = p.published + timedelta(days=k + 1, hours=3)
            li.append(
                f'<li id="comment-{p.pid * 10 + k}" class="comment even thread-even depth-1">'
                f'<article id="div-comment-{p.pid * 10 + k}" class="comment-body"><footer class="comment-meta">'
                f'<div class="comment-author vcard"><b class="fn">{_e(who)}</b> <span class="says">viết:</span></div>'
                f'<div class="comment-metadata"><a href="#comment-{p.pid * 10 + k}"><time datetime="{_utc(when)}">'
                f"{when:%d/%m/%Y} lúc {when:%H:%M}</time></a></div></footer>"
                f'<div class="comment-content"><p>{_e(text)}</p></div></article></li>')
        return (f'<div id="comments" class="comments-area"><h2 class="comments-title">{p.comments} bình luận '
                f'về &ldquo;{_e(p.title)}&rdquo;</h2><ol class="comment-list">{"".join(li)}</ol>'
                '<div id="respond" class="comment-respond"><h3 class="comment-reply-title">Trả lời</h3></div></div>')

    def post_nav(self, p: Post) -> str:
        posts = self.data.newest()
        i = posts.index(p)
        prev_p = posts[i + 1] if i + 1 < len(posts) else None
        next_p = posts[i - 1] if i > 0 else None
        out = '<nav class="navigation post-navigation" aria-label="Bài viết"><div class="nav-links">'
        if prev_p:
            out += (f'<div class="nav-previous"><a href="{REAL}{prev_p.path}" rel="prev"><span class="meta-nav">'
                    f'Bài trước</span> <span class="post-title">{_e(prev_p.title)}</span></a></div>')
        if next_p:
            out += (f'<div class="nav-next"><a href="{REAL}{next_p.path}" rel="next"><span class="meta-nav">'
                    f'Bài tiếp theo</span> <span class="post-title">{_e(next_p.title)}</span></a></div>')
        return out + "</div></nav>"

    def tags_html(self, p: Post, rel: str = "tag") -> str:
        return ", ".join(f'<a href="{REAL}/tag/{_slugify(t)}" rel="{rel}">{_e(t)}</a>' for t in p.tags)

    def article_classes(self, p: Post) -> str:
        tags = " ".join(f"tag-{_slugify(t)}" for t in p.tags)
        return (f"post-{p.pid} post type-post status-publish format-{'video' if p.player else 'standard'} "
                f"has-post-thumbnail hentry category-{p.category} {tags}")

    def article(self, path: str) -> str | None:
        p = next((x for x in self.data.posts if x.path == path), None)
        if p is None:
            return None
        return getattr(self, f"theme_{p.theme.lower()}")(p)

    def _yoast(self, p: Post) -> str:
        url = REAL + p.path
        graph = [
            {"@type": "WebPage", "@id": url, "url": url, "name": f"{p.title} - Công đoàn Hà Tĩnh",
             "isPartOf": {"@id": f"{REAL}/#website"}, "datePublished": _utc(p.published),
             "dateModified": _utc(p.modified), "inLanguage": "vi",
             "breadcrumb": {"@id": f"{url}#breadcrumb"}},
            {"@type": "Article", "@id": f"{url}#article", "isPartOf": {"@id": url},
             "author": {"name": "Ban Biên tập", "@id": f"{REAL}/#/schema/person/1a2b"},
             "headline": p.title, "datePublished": _utc(p.published), "dateModified": _utc(p.modified),
             "mainEntityOfPage": {"@id": url}, "wordCount": p.n_words + 7,
             "publisher": {"@id": f"{REAL}/#organization"}, "articleSection": [CATEGORIES[p.category][0]],
             "keywords": p.tags, "inLanguage": "vi"},
            {"@type": "BreadcrumbList", "@id": f"{url}#breadcrumb", "itemListElement": [
                {"@type": "ListItem", "position": 1, "name": "Trang chủ", "item": f"{REAL}/"},
                {"@type": "ListItem", "position": 2, "name": CATEGORIES[p.category][0],
                 "item": f"{REAL}/{p.category}"},
                {"@type": "ListItem", "position": 3, "name": p.title}]},
            {"@type": "WebSite", "@id": f"{REAL}/#website", "url": f"{REAL}/", "name": "Công đoàn Hà Tĩnh"},
            {"@type": "Organization", "@id": f"{REAL}/#organization", "name": "Liên đoàn Lao động tỉnh Hà Tĩnh"},
            {"@type": "Person", "@id": f"{REAL}/#/schema/person/1a2b", "name": "Ban Biên tập"},
        ]
        return ('<script type="application/ld+json" class="yoast-schema-graph">'
                + json.dumps({"@context": "https://schema.org", "@graph": graph}, ensure_ascii=False) + "</script>")

    def entry_meta(self, p: Post, updated_first: bool = False) -> str:
        pub = (f'<time class="entry-date published" datetime="{_utc(p.published)}">'
               f"{_wp_date(p.published)}</time>")
        upd = f'<time class="updated" datetime="{_utc(p.modified)}">{_wp_date(p.modified)}</time>'
        times = upd + pub if updated_first else pub + upd
        return (f'<div class="entry-meta"><span class="posted-on">Đăng ngày <a href="{REAL}{p.path}" '
                f'rel="bookmark">{times}</a></span><span class="byline"> bởi <span class="author vcard">'
                f'<a class="url fn n" href="{REAL}/author/admin">admin</a></span></span></div>')

    def theme_a(self, p: Post) -> str:
        """Classic theme, Yoast: meta tags and JSON-LD @graph in UTC; lead is the first paragraph."""
        name = CATEGORIES[p.category][0]
        head = (f'<link rel="canonical" href="{REAL}{p.path}"><link rel="shortlink" href="{REAL}/?p={p.pid}">'
                f'<meta property="og:type" content="article"><meta property="og:title" content="{_e(p.title)}">'
                f'<meta property="og:description" content="{_e(p.lead)}">'
                f'<meta property="article:publisher" content="https://www.facebook.com/congdoanhatinh">'
                f'<meta property="article:published_time" content="{_utc(p.published)}">'
                f'<meta property="article:modified_time" content="{_utc(p.modified)}">'
                '<meta name="author" content="Ban Biên tập">'
                '<meta name="twitter:label1" content="Được viết bởi"><meta name="twitter:data1" content="Ban Biên tập">'
                + self._yoast(p))
        main = (
            f'<article id="post-{p.pid}" class="{self.article_classes(p)}"><header class="entry-header">'
            f'<h1 class="entry-title">{_e(p.title)}</h1>{self.entry_meta(p)}</header>'
            f'<div class="entry-content">{self.content(p, True, False)}{self.jetpack(p)}</div>'
            f'<footer class="entry-footer"><span class="cat-links">Chuyên mục: <a href="{REAL}/{p.category}" '
            f'rel="category tag">{_e(name)}</a></span><span class="tags-links">Thẻ: {self.tags_html(p)}</span>'
            f"</footer></article>{self.post_nav(p)}{self.comments(p)}"
        )
        return self.page(p.title, main, head, body_class=f"post-template-default single single-post postid-{p.pid}")

    def theme_b(self, p: Post) -> str:
        """Block theme, Rank Math: JSON-LD in +07:00, block post-date without a class, rel="tag" categories."""
        name = CATEGORIES[p.category][0]
        ld = {"@context": "https://schema.org", "@graph": [
            {"@type": "Organization", "@id": f"{REAL}/#organization", "name": "Công đoàn Hà Tĩnh"},
            {"@type": "WebPage", "@id": f"{REAL}{p.path}#webpage", "url": f"{REAL}{p.path}",
             "datePublished": p.published.isoformat(), "dateModified": p.modified.isoformat()},
            {"@type": "Person", "@id": f"{REAL}/author/admin/", "name": "admin"},
            {"@type": "BlogPosting", "headline": p.title, "datePublished": p.published.isoformat(),
             "dateModified": p.modified.isoformat(), "articleSection": name,
             "author": {"@id": f"{REAL}/author/admin/", "name": "admin"},
             "description": p.lead, "@id": f"{REAL}{p.path}#richSnippet"}]}
        head = (f'<link rel="canonical" href="{REAL}{p.path}">'
                f'<meta property="article:section" content="{_e(name)}">'
                f'<meta property="og:updated_time" content="{p.modified.isoformat()}">'
                f'<meta property="article:published_time" content="{p.published.isoformat()}">'
                f'<meta property="article:modified_time" content="{p.modified.isoformat()}">'
                '<script type="application/ld+json" class="rank-math-schema">'
                + json.dumps(ld, ensure_ascii=False) + "</script>")
        main = (
            '<div class="wp-block-group"><div class="taxonomy-category wp-block-post-terms">'
            f'<a href="{REAL}/{p.category}" rel="tag">{_e(name)}</a></div>'
            f'<h1 class="wp-block-post-title">{_e(p.title)}</h1>'
            '<div class="wp-block-group is-layout-flex"><div class="wp-block-post-author-name">admin</div>'
            f'<div class="wp-block-post-date"><time datetime="{p.published.isoformat()}">'
            f"{p.published:%d/%m/%Y}</time></div></div></div>"
            f'<div class="entry-content wp-block-post-content">{self.content(p, True, True)}{self.jetpack(p)}</div>'
            f'<div class="taxonomy-post_tag wp-block-post-terms">{self.tags_html(p)}</div>'
            f"{self.post_nav(p)}"
            '<div class="wp-block-comments">'
            + "".join(
                f'<div class="wp-block-comment-template"><div class="wp-block-comment-author-name">{_e(w)}</div>'
                f'<div class="wp-block-comment-date"><time datetime="{(p.published + timedelta(days=2)).isoformat()}">'
                f'{p.published + timedelta(days=2):%d/%m/%Y}</time></div><div class="wp-block-comment-content">'
                f"<p>{_e(t)}</p></div></div>" for w, t in COMMENTS[:p.comments]) + "</div>"
        )
        body = (self.head(p.title, head) + f'<body class="post-template-default single single-post postid-{p.pid}">'
                '<div class="wp-site-blocks"><header class="wp-block-template-part">'
                '<div class="top-bar">Hôm nay: Thứ Hai, 24/11/2026</div>'
                f'<p class="wp-block-site-title"><a href="{REAL}" rel="home">Công đoàn Hà Tĩnh</a></p>'
                + self.nav() + f'</header><main class="wp-block-group">{main}</main>'
                + self.sidebar() + '<footer class="wp-block-template-part">' + self.footer())
        return body

    def theme_c(self, p: Post) -> str:
        """Vietnamese news theme: left sidebar first, Yoast breadcrumb, sapo box, updated <time> first."""
        name = CATEGORIES[p.category][0]
        crumbs = (f'<p id="breadcrumbs"><span><span><a href="{REAL}/">Trang chủ</a></span> » <span>'
                  f'<a href="{REAL}/{p.category}">{_e(name)}</a></span> » <span class="breadcrumb_last" '
                  f'aria-current="page">{_e(p.title)}</span></span></p>')
        main = (
            f'{crumbs}<article id="post-{p.pid}" class="{self.article_classes(p)}"><header class="entry-header">'
            f'<h1 class="entry-title">{_e(p.title)}</h1>{self.entry_meta(p, updated_first=True)}</header>'
            f'<div class="entry-excerpt sapo"><p><strong>{_e(p.lead)}</strong></p></div>'
            f'<div class="entry-content">{self.content(p, False, False)}{self.jetpack(p)}</div>'
            f'<footer class="entry-footer"><span class="cat-links"><a href="{REAL}/{p.category}" '
            f'rel="category tag">{_e(name)}</a></span><span class="tags-links">{self.tags_html(p)}</span></footer>'
            f"</article>{self.comments(p)}"
        )
        return self.page(p.title, main, body_class="single single-post", left_sidebar=True)

    def theme_d(self, p: Post) -> str:
        """Minimal theme: no machine-readable date, only a visible Vietnamese date line."""
        name = CATEGORIES[p.category][0]
        main = (
            f'<article id="post-{p.pid}" class="{self.article_classes(p)}">'
            f'<h1 class="entry-title">{_e(p.title)}</h1>'
            f'<div class="entry-meta"><span class="posted-on">{WEEKDAYS[p.published.weekday()]}, '
            f'{p.published:%d/%m/%Y - %H:%M}</span> <span class="sep">|</span> <span class="last-updated">'
            f"Cập nhật: {p.modified:%d/%m/%Y %H:%M}</span></div>"
            f'<div class="entry-content">{self.content(p, True, False)}{self.jetpack(p)}</div>'
            f'<footer class="entry-footer"><span class="cat-links"><a href="{REAL}/{p.category}" '
            f'rel="category tag">{_e(name)}</a></span></footer></article>{self.post_nav(p)}{self.comments(p)}'
        )
        return self.page(p.title, main, body_class="single single-post")

    # -------------------------------------------------------------- feeds and sitemaps
    def feed_xml(self) -> str:
        items = []
        for p in self.data.newest()[:10]:
            cats = [CATEGORIES[p.category][0], *p.tags]
            items.append(
                f"<item><title>{_e(p.title)}</title><link>{REAL}{p.path}</link>"
                f"<comments>{REAL}{p.path}#respond</comments><dc:creator><![CDATA[admin]]></dc:creator>"
                f"<pubDate>{format_datetime(p.published.astimezone(UTC))}</pubDate>"
                + "".join(f"<category><![CDATA[{c}]]></category>" for c in cats)
                + f'<guid isPermaLink="false">{REAL}/?p={p.pid}</guid>'
                f"<description><![CDATA[{p.lead} [&#8230;]]]></description>"
                f"<content:encoded><![CDATA[{self.content(p, True, False)}]]></content:encoded>"
                f"<wfw:commentRss>{REAL}{p.path}/feed/</wfw:commentRss><slash:comments>{p.comments}</slash:comments>"
                "</item>")
        last = self.data.newest()[0].modified
        return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
                'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" '
                'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom" '
                'xmlns:sy="http://purl.org/rss/1.0/modules/syndication/" xmlns:slash="http://purl.org/rss/1.0/modules/slash/">'
                f'<channel><title>Công đoàn Hà Tĩnh</title><atom:link href="{REAL}/feed/" rel="self" '
                f'type="application/rss+xml"/><link>{REAL}</link><description>Trang thông tin điện tử</description>'
                f"<lastBuildDate>{format_datetime(last.astimezone(UTC))}</lastBuildDate><language>vi</language>"
                "<sy:updatePeriod>hourly</sy:updatePeriod><generator>https://wordpress.org/?v=6.5.3</generator>"
                + "".join(items) + "</channel></rss>")

    def comments_feed(self) -> str:
        items = []
        for p in self.data.newest()[:30]:
            for k in range(p.comments):
                who, text = COMMENTS[(p.pid + k) % len(COMMENTS)]
                when = p.published + timedelta(days=k + 1, hours=3)
                items.append(f"<item><title>Bình luận về {_e(p.title)} bởi {_e(who)}</title>"
                             f"<link>{REAL}{p.path}#comment-{p.pid * 10 + k}</link><dc:creator>{_e(who)}</dc:creator>"
                             f"<pubDate>{format_datetime(when.astimezone(UTC))}</pubDate>"
                             f"<description>{_e(text)}</description></item>")
        return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
                f"<channel><title>Bình luận về Công đoàn Hà Tĩnh</title><link>{REAL}</link>"
                + "".join(items) + "</channel></rss>")

    def sitemap_index(self) -> str:
        maps = ["wp-sitemap-posts-post-1.xml", "wp-sitemap-posts-page-1.xml",
                "wp-sitemap-taxonomies-category-1.xml", "wp-sitemap-users-1.xml"]
        return ('<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                + "".join(f"<sitemap><loc>{REAL}/{m}</loc></sitemap>" for m in maps) + "</sitemapindex>")

    def sitemap(self, name: str) -> str | None:
        if name == "wp-sitemap-posts-post-1.xml":
            urls = [(REAL + p.path, _utc(p.modified)) for p in self.data.newest()]
        elif name == "wp-sitemap-posts-page-1.xml":
            urls = [(f"{REAL}/{s}/", "") for s in ("gioi-thieu", "van-ban", "lien-he")]
        elif name == "wp-sitemap-taxonomies-category-1.xml":
            urls = [(f"{REAL}/{s}/", "") for s in CATEGORIES]
        elif name == "wp-sitemap-users-1.xml":
            urls = [(f"{REAL}/author/admin/", "")]
        else:
            return None
        return ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                + "".join(f"<url><loc>{u}</loc>" + (f"<lastmod>{m}</lastmod>" if m else "") + "</url>"
                          for u, m in urls) + "</urlset>")


# ================================================================ server
class WPSite(BlindSite):
    """Serves a WPData on 127.0.0.1 and logs the paths requested."""

    extra_headers = (("X-Powered-By", "PHP/8.2.18"),)

    def __init__(self, data: WPData, feed: bool):
        super().__init__(data)
        self.feed = feed
        self.theme = Theme(data, feed)

    def respond(self, raw: str) -> tuple[int, str, str]:
        h = "text/html; charset=UTF-8"
        xml = "application/xml; charset=UTF-8"
        t = self.theme
        path = raw.split("?", 1)[0].split("#", 1)[0]
        if path == "/robots.txt":
            return 200, "text/plain", ("User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n"
                                       f"Crawl-delay: 10\n\nSitemap: {REAL}/wp-sitemap.xml\n")
        if path in ("/", "/index.php"):
            return 200, h, t.home()
        if self.feed and path in ("/feed", "/feed/"):
            return 200, "application/rss+xml; charset=UTF-8", t.feed_xml()
        if self.feed and path in ("/comments/feed", "/comments/feed/"):
            return 200, "application/rss+xml; charset=UTF-8", t.comments_feed()
        if path == "/wp-sitemap.xml":
            return 200, xml, t.sitemap_index()
        if path.startswith("/wp-sitemap-"):
            sm = t.sitemap(path[1:])
            if sm is not None:
                return 200, xml, sm
        statics = {
            "gioi-thieu": ("Giới thiệu", "<p>Công đoàn Hà Tĩnh là tổ chức chính trị - xã hội của giai cấp công nhân.</p>"),
            "gioi-thieu/lich-su": ("Lịch sử", "<p>Thành lập năm 1946.</p>"),
            "gioi-thieu/to-chuc-bo-may": ("Tổ chức bộ máy", "<p>Ban Thường vụ, các ban chuyên môn.</p>"),
            "van-ban": ("Văn bản", '<ul><li><a href="/wp-content/uploads/2024/10/kh-06.pdf">Kế hoạch 06/KH-LĐLĐ'
                        '</a></li><li><a href="/wp-content/uploads/2024/11/nq-06.pdf">Nghị quyết 06/NQ-LĐLĐ</a></li></ul>'),
            "lien-he": ("Liên hệ", "<p>Địa chỉ: 02 Phan Đình Phùng, TP Hà Tĩnh.</p>"),
        }
        key = path.strip("/")
        if key in statics:
            return 200, h, t.static(*statics[key])
        if path.endswith(".html"):
            page = t.article(path)
            if page is not None:
                return 200, h, page
        if path.endswith(".html/feed") or path.endswith(".html/feed/"):
            return 200, "application/rss+xml; charset=UTF-8", ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0">'
                                                               "<channel><title>Bình luận</title></channel></rss>")
        parts = key.split("/")
        if len(parts) == 1 and parts[0] in CATEGORIES:
            return 200, h, t.listing(parts[0], 1)
        if len(parts) == 3 and parts[0] in CATEGORIES and parts[1] == "page" and parts[2].isdigit():
            page = t.listing(parts[0], int(parts[2]))
            if page is not None:
                return 200, h, page
        if len(parts) == 2 and parts[0] == "tag":
            page = t.tag(parts[1])
            if page is not None:
                return 200, h, page
        return 404, h, t.page("Không tìm thấy trang", '<section class="error-404 not-found"><h1 class="page-title">'
                                "Rất tiếc! Không tìm thấy trang.</h1></section>", body_class="error404")
