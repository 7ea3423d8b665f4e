"""A third independent synthetic congdoanhatinh.org.vn: a hand-rolled ASP.NET "Cổng thông tin" portal.

Written from SITE.md and DESIGN.md only, with markup of its own: a WebForms page (``aspnetForm``,
``__VIEWSTATE``) laid out in nested ``<table>``s, no semantic tags, no ``<h1>`` and no helpful
classes (ids such as ``ctl00_ContentPlaceHolder1_lblTitle``); the title in a large-font ``<span>``,
``<div>``, ``<td>`` or ``<font>`` (``<title>`` holds ``Tiêu đề | Công đoàn Hà Tĩnh``); the date after
the title as ``Ngày đăng: 17/04/2024 08:15``, ``(17/04/2024)``, ``08:15 17/04/2024`` or ``Thứ Tư, ngày
17 tháng 4 năm 2024``; a ``Cập nhật lần cuối:`` line; an unlabelled date in the header; the lead in
``<b>`` inside the first ``<p>`` (or in a bold ``<div>``, or at the head of a ``<br><br>``-separated
``<div>``); captions in ``<i>`` under images; bylines right-aligned and bold; Flash-era
``<object><embed>`` players, iframes, ``<embed src=.mp4>`` and ``<video>``; a "Các tin khác" list with
dates in the same table cell as the article; a left menu and a right column with the newest items
and a YouTube player; listings ``/<slug>`` and ``/<slug>/page/N`` as table rows; a home page whose
menu table links the categories; no feed; ``sitemap.xml`` (``lastmod`` = modified date); UTF-8 or
windows-1258 (decomposed tone marks) declared only by ``<meta http-equiv>``, never in the HTTP
header. Every item keeps its ground truth computed from what was generated, by DESIGN.md's rules.
"""

from __future__ import annotations

import random
import unicodedata
import zlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from blind.common import (
    REAL,
    WEEKDAYS,
    BlindData,
    BlindItem,
    BlindSite,
    slugify,
)
from blind.common import esc as _e

# slug -> (name, kind implied by the category)
CATEGORIES = {
    "tin-tuc": ("Tin tức", None),
    "hoat-dong-co-so": ("Hoạt động cơ sở", None),
    "phong-su": ("Phóng sự", "article"),
    "chuyen-sau": ("Bài chuyên sâu", "article"),
    "truyen-hinh": ("Truyền hình Công đoàn", "video"),
}
TEMPLATES = ("P1", "P2", "P3", "P4")
PLAYERS = ("yt_object", "yt_iframe", "fb_iframe", "embed_mp4", "video_tag")

# (text as written on the page, unit id)
UNIT_NAMES = [
    ("Thường trực Liên đoàn Lao động huyện Hương Sơn", "ldld-huong-son"),
    ("LĐLĐ huyện Hương Sơn", "ldld-huong-son"),
    ("Liên đoàn Lao động (LĐLĐ) thị xã Hồng Lĩnh", "ldld-tx-hong-linh"),
    ("LĐLĐ TX. Hồng Lĩnh", "ldld-tx-hong-linh"),
    ("Ban Thường vụ LĐLĐ huyện Lộc Hà", "ldld-loc-ha"),
    ("Liên đoàn Lao động huyện Nghi Xuân", "ldld-nghi-xuan"),
    ("LĐLĐ thị xã Kì Anh", "ldld-tx-ky-anh"),
    ("LĐLĐ TX Kỳ Anh", "ldld-tx-ky-anh"),
    ("Liên đoàn Lao động huyện Kỳ Anh", "ldld-h-ky-anh"),
    ("LĐLĐ H. Kì Anh", "ldld-h-ky-anh"),
    ("L\u00d0L\u00d0 huyện Đức Thọ", "ldld-duc-tho"),
    ("LĐLĐ\u00a0huyện Can Lộc", "ldld-can-loc"),
    ("Liên đoàn Lao động huyện Thạch Hà", "ldld-thach-ha"),
    ("LĐLĐ huyện Cẩm Xuyên", "ldld-cam-xuyen"),
    (unicodedata.normalize("NFD", "Liên đoàn Lao động huyện Vũ Quang"), "ldld-vu-quang"),
    ("LĐLĐ huyện Hương Khê", "ldld-huong-khe"),
    ("LĐLĐ TP Hà Tĩnh", "ldld-tp-ha-tinh"),
    ("Liên đoàn Lao động thành phố Hà Tĩnh", "ldld-tp-ha-tinh"),
    ("Công đoàn các Khu kinh tế tỉnh", "cd-kkt"),
    ("Công đoàn các Khu Kinh tế", "cd-kkt"),
    ("Công đoàn Viên chức tỉnh", "cd-vien-chuc"),
    ("CĐ Giáo dục", "cd-giao-duc"),
    ("Công đoàn ngành Giáo dục", "cd-giao-duc"),
    ("Công đoàn ngành Y tế", "cdn-y-te"),
    ("Công đoàn ngành Công thương", "cdn-cong-thuong"),
    ("Công đoàn ngành Giao thông – Xây dựng", "cdn-gtxd"),
    ("CĐN Giao thông - Xây dựng", "cdn-gtxd"),
    ("Công đoàn ngành Nông nghiệp và PTNT", "cdn-nong-nghiep"),
    ("Liên đoàn Lao động tỉnh", "ldld-tinh"),
    ("Công đoàn Hà Tĩnh", "ldld-tinh"),
]
# Units named in a byline (in brackets, "( X )" spacing, or after a dash).
BYLINE_UNITS = [
    ("LĐLĐ huyện Kỳ Anh", "ldld-h-ky-anh"),
    ("LĐLĐ TX Hồng Lĩnh", "ldld-tx-hong-linh"),
    ("LĐLĐ huyện Can Lộc", "ldld-can-loc"),
    ("Công đoàn ngành Y tế", "cdn-y-te"),
    ("CĐ Giáo dục", "cd-giao-duc"),
    ("Công đoàn các Khu kinh tế", "cd-kkt"),
    ("LĐLĐ huyện Hương Khê", "ldld-huong-khe"),
    ("Công đoàn Viên chức tỉnh", "cd-vien-chuc"),
]
PEOPLE = ["Thu Hà", "Minh Thái", "Hải Yến", "Nguyễn Văn Hùng", "Trần Thị Mai", "Lê Quang Vinh",
          "Phương Thảo", "Đình Nam", "Thanh Tâm", "Bảo Ngọc"]
# Lead subjects that name no unit (DESIGN.md: places, grassroots unions, the national
# confederation, resolution numbers, a Kỳ Anh that fits two units).
TRAPS = [
    "Tại huyện Can Lộc, các doanh nghiệp",
    "CĐCS Công ty TNHH May Hồng Lĩnh",
    "Công đoàn cơ sở Trường Tiểu học Thạch Trung",
    "Hưởng ứng chỉ đạo của Tổng Liên đoàn Lao động Việt Nam, các cấp công đoàn",
    "Triển khai Nghị quyết số 06/NQ-LĐLĐ, các cấp công đoàn",
    "LĐLĐ Kỳ Anh",
    "Tại xã Thạch Hà, chính quyền và đoàn thể",
]
ACTIVITIES = [
    "hội nghị sơ kết công tác công đoàn 6 tháng đầu năm",
    "chương trình Mái ấm Công đoàn cho đoàn viên khó khăn",
    "tập huấn kỹ năng đối thoại cho cán bộ công đoàn cơ sở",
    "kỷ niệm 95 năm Ngày thành lập Công đoàn Việt Nam",
    "hội thi nữ công nhân viên chức khéo tay",
    "trao học bổng cho con đoàn viên vượt khó học giỏi",
    "kiểm tra việc thực hiện chính sách pháp luật lao động",
    "giải cầu lông công nhân viên chức lao động",
    "phát triển đoàn viên, thành lập công đoàn cơ sở mới",
    "hội nghị người lao động tại doanh nghiệp",
    "thăm, tặng quà công nhân bị tai nạn lao động",
    "tuyên truyền Bộ luật Lao động cho công nhân khu công nghiệp",
]
SENTENCES = [
    "Đến dự có đồng chí Phó Chủ tịch cùng đại diện các ban, đơn vị liên quan và đông đảo đoàn viên.",
    "Theo đó, trong thời gian qua công tác chăm lo cho đoàn viên luôn được chú trọng thực hiện.",
    "Các đơn vị đã chủ động xây dựng kế hoạch, phân công cán bộ bám sát cơ sở để nắm bắt tâm tư người lao động.",
    "Nhờ vậy, đời sống vật chất và tinh thần của công nhân, viên chức từng bước được nâng lên.",
    "Dịp này, ban tổ chức trao 30 suất quà, mỗi suất gồm tiền mặt và nhu yếu phẩm trị giá 800.000 đồng.",
    "Phát biểu kết luận, lãnh đạo đơn vị đề nghị các cấp công đoàn tiếp tục đổi mới phương thức hoạt động – hướng về cơ sở.",
    "Nhiều ý kiến tham luận đã chỉ rõ những khó khăn, vướng mắc và đề xuất giải pháp khắc phục.",
    "Trước đó, ngày 12/6/2024, Ban Thường vụ đã ban hành kế hoạch triển khai tới các đơn vị.",
    "Anh Trần Văn Lực, công nhân Nhà máy gạch Tuynel chia sẻ: “Chúng tôi rất vui khi được tổ chức quan tâm”.",
    "Qua kiểm tra, đa số doanh nghiệp đã đóng bảo hiểm xã hội đầy đủ cho người lao động.",
    "Tuy nhiên, vẫn còn một số đơn vị chậm đóng kinh phí công đoàn, cần được đôn đốc kịp thời.",
    "Kết thúc giải, ban tổ chức đã trao cúp, cờ và tiền thưởng cho các đội đạt thành tích cao.",
    "Năm 2024, toàn ngành phấn đấu phát triển mới 1.500 đoàn viên và thành lập 10 công đoàn cơ sở.",
    "Hoạt động góp phần lan tỏa tinh thần tương thân tương ái trong công nhân, viên chức, lao động.",
    "Các thí sinh đã mang đến hội thi nhiều sản phẩm đẹp, sáng tạo, giàu tính ứng dụng.",
    "Buổi đối thoại diễn ra cởi mở, thẳng thắn; nhiều kiến nghị được giải đáp ngay tại hội nghị.",
    "Chương trình được tổ chức theo hướng thiết thực, hiệu quả, tránh hình thức.",
    "Mỗi em học sinh được nhận một suất học bổng trị giá 1.000.000 đồng cùng bộ đồ dùng học tập.",
    "Công tác an toàn, vệ sinh lao động tại các doanh nghiệp được quan tâm hơn trước.",
    "Ngay sau hội nghị, các đơn vị sẽ tổ chức quán triệt, triển khai đến toàn thể đoàn viên.",
]
CAPTIONS = [
    "Lãnh đạo trao quà cho công nhân có hoàn cảnh khó khăn.",
    "Toàn cảnh hội nghị.",
    "Các đại biểu tham quan gian trưng bày sản phẩm.",
    "Trao học bổng cho các em học sinh.",
    "Các vận động viên thi đấu tại giải.",
]
SERIES = ("Kỳ 2:", "Bài 3:", "Kỳ II:", "Bài 1:")


@dataclass(kw_only=True)
class Post(BlindItem):
    template: str  # P1..P4


class PortalData(BlindData):
    """Generates the items and their ground truth; deterministic for a seed."""

    sentences = SENTENCES
    para_tokens = 55
    hours = (7, 8, 9, 10, 11, 14, 15, 16, 17, 21)
    minute_step = 5
    stamp_offsets = (3600 * 5, 3600 * 27, 900, 3600 * 3)
    month_jitter = 4
    publish_every = 2

    def __init__(self, seed: int, months: list[str], per_month: int = 58):
        self.posts: list[Post] = []
        super().__init__(seed, months, per_month)

    def records(self) -> list[Post]:
        return self.posts

    def make(self, published: datetime, spec: dict) -> Post:
        rng = self.rng
        cat = spec.get("category") or rng.choice(["tin-tuc", "tin-tuc", "hoat-dong-co-so"])
        activity = rng.choice(ACTIVITIES)
        case = spec.get("unit_case") or rng.choice(
            ["lead", "lead", "lead", "lead", "title", "byline", "byline", "byline_dash", "lead2",
             "trap_then_unit", "trap", "none", "repost", "photo_credit", "ambiguous", "body_only"])
        unit: str | None = None
        u_text, u_id = rng.choice(UNIT_NAMES)
        person = rng.choice(PEOPLE)
        byline = rng.choice([person.upper(), f"Tin, ảnh: {person}", f"Bài và ảnh: {person}", person])
        subject = "các cấp công đoàn"
        title_unit = ""
        extra = ""
        if case == "lead":
            subject, unit = u_text, u_id
        elif case == "lead2":
            u2, _ = rng.choice(UNIT_NAMES)
            subject, unit = f"{u_text} phối hợp với {u2}", u_id
        elif case == "title":
            title_unit, unit = u_text, u_id
            subject = rng.choice(UNIT_NAMES)[0]  # the title's unit comes first
        elif case == "byline":
            b_text, b_id = rng.choice(BYLINE_UNITS)
            byline = rng.choice([f"{person} ({b_text})", f"{person} ( {b_text} )", f"Tin, ảnh: {person} ({b_text})"])
            subject, unit = u_text, b_id  # the byline wins over the lead
        elif case == "byline_dash":
            b_text, b_id = rng.choice(BYLINE_UNITS)
            byline = f"{person} - {b_text}"
            unit = b_id
        elif case == "trap_then_unit":
            subject, unit = u_text, u_id
            extra = rng.choice(TRAPS[:3]) + " cũng đã tham gia hưởng ứng."
        elif case == "trap":
            subject = rng.choice(TRAPS)
        elif case == "ambiguous":
            subject = "LĐLĐ Kỳ Anh"
        elif case == "repost":
            byline = rng.choice(["Theo Kiều Minh/baohatinh.vn", "Theo: MAI ANH (Báo Lao Động)",
                                 "Theo Hồng Nhung (Báo Người Lao động)"])
            subject = u_text  # a repost gets no unit
        elif case == "photo_credit":
            b_text, _ = rng.choice(BYLINE_UNITS)
            byline = f"Tin: {person}; Ảnh: Quang Đạt ({b_text})"
            if rng.random() < 0.5:
                subject, unit = u_text, u_id
        elif case == "body_only":
            extra = f"Thời gian tới, {u_text} sẽ tiếp tục nhân rộng cách làm này."
        elif case == "none":
            byline = rng.choice(["CTV", "Nhóm PV", "HỒNG NGUYÊN", f"Bài và ảnh: {person}"])
        if case == "trap":
            lead = f"(CĐHT) - {subject} đã tổ chức {activity} trong tháng {published.month}/{published.year}."
        else:
            lead = f"(CĐHT) - Ngày {published.day}/{published.month}, {subject} đã tổ chức {activity}."
        if title_unit:
            title = f"{title_unit}: {activity}"
        elif rng.random() < 0.35:
            title = f"Sôi nổi {activity}"
        else:
            title = activity[0].upper() + activity[1:]
        title = spec.get("title_prefix", "") + title + spec.get("title_suffix", "")
        captions = [rng.choice(CAPTIONS) for _ in range(rng.choice([0, 1, 1, 2, 3]))]
        captions, paragraphs = self.fit(spec["words"], lead, extra, captions)
        uid = self.stamp(published)
        post = Post(
            slug=f"{slugify(title, 80)}-{uid}.html", title=title, category=cat, published=published,
            modified=published + timedelta(hours=rng.choice([2, 5, 26, 49])), lead=lead,
            paragraphs=paragraphs, captions=captions, byline=byline, player=spec.get("player", ""),
            template=spec.get("template") or rng.choice(TEMPLATES), case=case,
        )
        post.unit = unit
        post.settle_kind(CATEGORIES[cat][1], SERIES)
        return post

    def month_specs(self, count: int) -> list[dict]:
        rng = self.rng
        pl = lambda: rng.choice(PLAYERS)  # noqa: E731
        edge = [
            {"words": rng.randint(950, 998)},
            {"words": 999},
            {"words": 1000},
            {"words": 1001},
            {"words": rng.randint(1050, 1700)},
            {"words": rng.randint(1000, 1400), "player": pl()},
            {"words": rng.randint(40, 140), "player": pl()},
            {"words": 148, "player": pl()},
            {"words": 149, "player": pl()},
            {"words": 150, "player": pl()},
            {"words": rng.randint(200, 800), "player": pl()},
            {"words": rng.randint(60, 140), "player": "yt_iframe", "title_prefix": "[Video] "},
            {"words": rng.randint(200, 400), "player": "fb_iframe", "title_prefix": "VIDEO: "},
            {"words": rng.randint(50, 120), "title_prefix": "Clip: "},
            {"words": rng.randint(40, 120), "player": "video_tag", "title_prefix": "(Video) "},
            {"words": rng.randint(60, 300), "player": "yt_object", "category": "truyen-hinh"},
            {"words": rng.randint(180, 400), "player": "embed_mp4", "category": "truyen-hinh"},
            {"words": rng.randint(1000, 1200), "player": "yt_iframe", "category": "truyen-hinh"},
            {"words": rng.randint(400, 990), "category": "phong-su"},
            {"words": rng.randint(600, 1400), "category": "phong-su"},
            {"words": rng.randint(80, 140), "category": "phong-su", "player": "yt_iframe"},
            {"words": rng.randint(500, 990), "category": "chuyen-sau"},
            {"words": rng.randint(700, 1500), "category": "chuyen-sau", "player": "yt_object"},
            {"words": rng.randint(500, 900), "title_prefix": "Kỳ 2: "},
            {"words": rng.randint(500, 900), "title_suffix": " - Bài 3: Những cách làm hay"},
            {"words": rng.randint(500, 900), "title_prefix": "Kỳ II: "},
            {"words": rng.randint(300, 800), "title_suffix": " nhiệm kỳ 2023 - 2028"},
            {"words": rng.randint(300, 600), "title_prefix": "Hội thi làm video clip: "},
            {"words": rng.randint(300, 600), "title_suffix": " (Kỳ họp thứ 2)"},
        ]
        return [{"words": rng.randint(120, 900)} for _ in range(count - len(edge))] + edge

    def new_specs(self) -> list[dict]:
        rng = self.rng
        return [
            {"words": rng.randint(200, 600), "category": "tin-tuc", "template": "P2"},
            {"words": rng.randint(200, 600), "category": "hoat-dong-co-so", "template": "P4"},
            {"words": rng.randint(1000, 1300), "category": "tin-tuc", "template": "P1"},
            {"words": rng.randint(500, 900), "category": "phong-su", "template": "P2"},
            {"words": rng.randint(60, 400), "category": "truyen-hinh", "player": "yt_object", "template": "P4"},
            {"words": rng.randint(300, 500), "category": "tin-tuc", "player": "fb_iframe", "template": "P3"},
            {"words": rng.randint(300, 600), "category": "chuyen-sau", "template": "P2"},
        ]


# ================================================================ encoding
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text: str) -> bytes:
    """windows-1258 as Vietnamese Windows writes it: base letters (â, ê, ơ, ư, ă, đ) precomposed,
    tone marks as combining characters where no precomposed code exists; the rest as &#N;."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONES))
        try:
            out += (base + "".join(c for c in d if c in _TONES)).encode("cp1258")
        except UnicodeEncodeError:
            out += f"&#{ord(ch)};".encode("ascii")
    return bytes(out)


# ================================================================ rendering
def _ymd(d: datetime) -> str:
    return f"{d:%d/%m/%Y}"


def _long_vn(d: datetime) -> str:
    return f"{WEEKDAYS[d.weekday()]}, ngày {d.day} tháng {d.month} năm {d.year}"


VIEWSTATE = "/wEPDwUKMTY1NDU2MTA1Mg9kFgJmD2QWAgIDD2QWBgIBD2QWAmYPFgIeBFRleHQFDVRpbiB04bupYyBtb2k"


class Portal:
    """Renders the portal's pages."""

    per_page = 12

    def __init__(self, data: PortalData, charset: str):
        self.data = data
        self.charset = charset

    def link(self, it: Post, i: int = 0) -> str:
        return REAL + it.path if i % 3 == 0 else it.path

    # -------------------------------------------------------------- chrome
    def head(self, title: str) -> str:
        return (
            '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
            '<html xmlns="http://www.w3.org/1999/xhtml"><head id="ctl00_Head1">'
            f'<meta http-equiv="Content-Type" content="text/html; charset={self.charset}" />'
            f"<title>{_e(title)} | Công đoàn Hà Tĩnh</title>"
            '<link href="/App_Themes/Default/style.css" type="text/css" rel="stylesheet" />'
            '<script type="text/javascript" src="/WebResource.axd?d=pynGkmcFUV41&amp;t=6386"></script>'
            "</head>\n"
        )

    def header(self) -> str:
        return (
            '<form name="aspnetForm" method="post" action="./Default.aspx" id="aspnetForm">'
            f'<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="{VIEWSTATE}" />'
            '<table width="1000" border="0" cellpadding="0" cellspacing="0" align="center">'
            '<tr><td colspan="3" style="background:#0b4f9c;height:110px">'
            '<table width="100%"><tr><td width="110"><img src="/Images/logo.png" width="100" /></td>'
            '<td><div style="font-size:28px;font-weight:bold;color:#fff">TRANG THÔNG TIN ĐIỆN TỬ</div>'
            '<div style="font-size:30px;font-weight:bold;color:#ff0">CÔNG ĐOÀN HÀ TĨNH</div></td>'
            '<td align="right" valign="bottom" style="color:#fff">'
            '<span id="ctl00_ucHeader_lblNgay">Thứ Hai, 05/01/2026</span></td></tr></table></td></tr>'
            + self.menu_row()
        )

    def menu_row(self) -> str:
        cells = [("/", "TRANG CHỦ"), ("/gioi-thieu", "GIỚI THIỆU"), ("/tin-tuc", "TIN TỨC"),
                 (f"{REAL}/hoat-dong-co-so", "HOẠT ĐỘNG CƠ SỞ"), ("/phong-su", "PHÓNG SỰ"),
                 ("/chuyen-sau", "BÀI CHUYÊN SÂU"), (f"{REAL}/truyen-hinh", "TRUYỀN HÌNH CÔNG ĐOÀN"),
                 ("/lien-he", "LIÊN HỆ")]
        tds = "".join(f'<td align="center" style="padding:6px"><a href="{h}" style="color:#fff;font-weight:bold">'
                      f"{_e(n)}</a></td>" for h, n in cells)
        return (f'<tr><td colspan="3" style="background:#c00"><table id="ctl00_tblMenu" cellpadding="0" '
                f'cellspacing="0"><tr>{tds}</tr></table></td></tr>')

    def left(self) -> str:
        links = "".join(f'<tr><td style="border-bottom:1px dotted #ccc;padding:4px">» <a href="/{s}">{_e(n)}</a></td></tr>'
                        for s, (n, _) in CATEGORIES.items())
        return (
            '<td width="190" valign="top"><table width="100%" cellpadding="0" cellspacing="0">'
            '<tr><td style="background:#0b4f9c;color:#fff;font-weight:bold;padding:5px">DANH MỤC</td></tr>'
            f"{links}"
            '<tr><td style="padding:4px">» <a href="/gioi-thieu">Giới thiệu chung</a></td></tr>'
            '<tr><td><br /><select onchange="window.open(this.value)"><option>-- Liên kết website --</option>'
            '<option value="http://www.congdoan.vn">Tổng Liên đoàn Lao động Việt Nam</option>'
            '<option value="https://baohatinh.vn">Báo Hà Tĩnh</option></select></td></tr>'
            "</table></td>"
        )

    def right(self) -> str:
        newest = self.data.newest()[:8]
        rows = "".join(f'<tr><td style="padding:3px">• <a href="{_e(self.link(it, i))}">{_e(it.title)}</a> '
                       f'<span style="color:#888">({_ymd(it.published)})</span></td></tr>'
                       for i, it in enumerate(newest))
        return (
            '<td width="230" valign="top"><table width="100%" cellpadding="0" cellspacing="0">'
            '<tr><td style="background:#c00;color:#fff;font-weight:bold;padding:5px">TIN MỚI NHẤT</td></tr>'
            f"{rows}"
            '<tr><td style="background:#c00;color:#fff;font-weight:bold;padding:5px">VIDEO CLIP</td></tr>'
            '<tr><td><iframe width="220" height="160" src="https://www.youtube.com/embed/PortalSide01" '
            'frameborder="0" allowfullscreen></iframe></td></tr>'
            '<tr><td><a href="http://www.congdoan.vn" target="_blank"><img src="/Images/banner-tld.jpg" '
            'width="220" border="0" /></a></td></tr>'
            '<tr><td><a href="https://dichvucong.gov.vn"><img src="/Images/banner-dvc.jpg" width="220" border="0" /></a></td></tr>'
            "</table></td>"
        )

    def footer(self) -> str:
        return (
            '<tr><td colspan="3" style="background:#0b4f9c;color:#fff;padding:8px" align="center">'
            "Cơ quan chủ quản: Liên đoàn Lao động tỉnh Hà Tĩnh<br />Địa chỉ: Số 2 Phan Đình Phùng, "
            "TP Hà Tĩnh - Điện thoại: 0239.3855.xxx<br />Đang truy cập: 27 | Tổng lượt truy cập: 2.318.406"
            "</td></tr></table>"
            '<script type="text/javascript">//<![CDATA[\nWebForm_InitCallback();//]]>\n</script>'
            "</form></body></html>"
        )

    def page(self, title: str, content: str) -> str:
        return (self.head(title) + "<body>" + self.header() + "<tr>" + self.left()
                + f'<td width="580" valign="top" style="padding:0 8px">{content}</td>'
                + self.right() + "</tr>" + self.footer())

    # -------------------------------------------------------------- pages
    def home(self) -> str:
        blocks = []
        for slug, (name, _) in CATEGORIES.items():
            its = [it for it in self.data.newest() if it.category == slug][:5]
            if not its:
                continue
            first = its[0]
            rows = "".join(f'<tr><td>• <a href="{_e(self.link(it, i + 1))}">{_e(it.title)}</a> '
                           f"<span>({_ymd(it.published)})</span></td></tr>" for i, it in enumerate(its[1:]))
            blocks.append(
                '<table width="100%" cellpadding="3" cellspacing="0" style="margin-bottom:8px">'
                f'<tr><td style="border-bottom:2px solid #c00"><a href="/{slug}" style="font-weight:bold;color:#c00">'
                f"{_e(name.upper())}</a></td></tr>"
                f'<tr><td><a href="{_e(self.link(first))}" style="font-weight:bold">{_e(first.title)}</a><br />'
                f"{_e(first.lead[:160])}…</td></tr>{rows}</table>")
        return self.page("Trang chủ", "".join(blocks))

    def static(self, title: str) -> str:
        return self.page(title, f'<span style="font-size:18px;font-weight:bold">{_e(title)}</span>'
                         "<p>Liên đoàn Lao động tỉnh Hà Tĩnh là tổ chức chính trị - xã hội của giai cấp công nhân "
                         "và người lao động trên địa bàn tỉnh.</p>")

    def listing(self, slug: str, page: int) -> str:
        name = CATEGORIES[slug][0]
        its = [it for it in self.data.newest() if it.category == slug]
        pages = max(1, -(-len(its) // self.per_page))
        chunk = its[(page - 1) * self.per_page: page * self.per_page]
        if not chunk:
            rows = '<tr><td colspan="2">Không có dữ liệu.</td></tr>'
        else:
            rows = "".join(
                f'<tr><td width="130" valign="top"><a href="{_e(self.link(it, i))}"><img src="/Uploads/thumb/'
                f'{it.slug[:-5]}.jpg" width="120" border="0" /></a></td>'
                f'<td valign="top"><a href="{_e(self.link(it, i))}" style="font-weight:bold;color:#0b4f9c">'
                f'{_e(it.title)}</a> <span style="color:#888">({it.published:%d-%m-%Y})</span><br />'
                f"{_e(it.lead)}</td></tr>"
                for i, it in enumerate(chunk))
        nav = ["Trang: "]
        if page > 1:
            prev = f"/{slug}" if page == 2 else f"/{slug}/page/{page - 1}"
            nav.append(f'<a href="{prev}">« Trước</a> ')
        for p in range(1, pages + 1):
            nav.append(f"<b>{p}</b> " if p == page else
                       f'<a href="/{slug}' + (f"/page/{p}" if p > 1 else "") + f'">{p}</a> ')
        if page < pages:
            nav.append(f'<a href="/{slug}/page/{page + 1}">Sau »</a>')
        content = (
            '<table width="100%" cellpadding="0" cellspacing="0">'
            f'<tr><td style="background:#0b4f9c;color:#fff;font-weight:bold;padding:5px">{_e(name.upper())}</td></tr>'
            f'<tr><td><table id="ctl00_ContentPlaceHolder1_dlNews" width="100%" cellpadding="4">{rows}</table></td></tr>'
            f'<tr><td align="center" style="padding:6px">{"".join(nav)}</td></tr></table>'
        )
        return self.page(name, content)

    # -------------------------------------------------------------- article parts
    def player(self, it: Post) -> str:
        vid = f"p{zlib.crc32(it.slug.encode()) % 10**8}"
        return {
            "yt_object": f'<p align="center"><object width="480" height="385"><param name="movie" '
                         f'value="https://www.youtube.com/v/{vid}?fs=1&amp;hl=vi_VN"></param>'
                         '<param name="allowFullScreen" value="true"></param>'
                         f'<embed src="https://www.youtube.com/v/{vid}?fs=1&amp;hl=vi_VN" '
                         'type="application/x-shockwave-flash" allowfullscreen="true" width="480" '
                         'height="385"></embed></object></p>',
            "yt_iframe": f'<div align="center"><iframe width="560" height="315" src="//www.youtube.com/embed/{vid}" '
                         'frameborder="0" allowfullscreen>Trình duyệt không hỗ trợ iframe.</iframe></div>',
            "fb_iframe": '<p align="center"><iframe src="https://www.facebook.com/plugins/video.php?href='
                         'https%3A%2F%2Fwww.facebook.com%2Fcongdoanhatinh%2Fvideos%2F7788%2F&amp;width=500" '
                         'width="500" height="280" style="border:none" scrolling="no" frameborder="0" '
                         'allowfullscreen="true"></iframe></p><script>var fbv=1;</script>',
            "embed_mp4": '<p align="center"><embed src="/Uploads/Video/2024/clip-cong-doan.mp4" '
                         'type="video/mp4" width="480" height="320" autostart="false"></embed></p>',
            "video_tag": '<center><video width="480" controls="controls"><source src="/Uploads/Video/tin.mp4" '
                         'type="video/mp4" /><p>Trình duyệt của bạn không hỗ trợ thẻ video.</p></video></center>',
        }.get(it.player, "")

    def related(self, it: Post, fmt: str) -> str:
        others = [o for o in self.data.newest() if o.category == it.category and o is not it][:6]
        if fmt == "lines":
            return ("<br /><b>Các tin khác:</b><br />" + "".join(
                f'&nbsp;-&nbsp;<a href="{_e(o.path)}">{_e(o.title)}</a> <span style="color:#888">'
                f"({_ymd(o.published)})</span><br />" for o in others))
        rows = "".join(f'<tr><td>» <a href="{_e(self.link(o, i))}">{_e(o.title)}</a> '
                       f'<font color="#888">({o.published:%d/%m/%Y %H:%M})</font></td></tr>'
                       for i, o in enumerate(others))
        return ('<table width="100%" cellpadding="2"><tr><td style="border-bottom:1px solid #c00">'
                f"<b>Các tin khác</b></td></tr>{rows}</table>")

    def paragraphs_p(self, it: Post, rng: random.Random, lead_in_first_p: bool) -> str:
        """Lead as <b> in the first <p>, then <p align="justify"> paragraphs, images with captions."""
        parts = []
        if lead_in_first_p:
            parts.append(f'<p align="justify"><b>{_e(it.lead)}</b></p>')
        player = self.player(it)
        if player:
            parts.append(player)
        caps = list(it.captions)
        for i, p in enumerate(it.paragraphs):
            if rng.random() < 0.3:
                parts.append(f'<p align="justify"><span style="font-family:\'Times New Roman\';font-size:14px">'
                             f"{_e(p)}</span></p>")
            else:
                parts.append(f'<p align="justify">{_e(p)}</p>')
            if caps and i % 2 == 0:
                cap = caps.pop(0)
                if rng.random() < 0.5:
                    parts.append(f'<p align="center"><img src="/Uploads/Images/{i}.jpg" width="450" border="0" /></p>'
                                 f'<p align="center"><i>{_e(cap)}</i></p>')
                else:
                    parts.append('<table align="center" cellpadding="0" cellspacing="0"><tr><td>'
                                 f'<img src="/Uploads/Images/{i}.jpg" width="450" /></td></tr>'
                                 f'<tr><td align="center"><i>{_e(cap)}</i></td></tr></table>')
            if rng.random() < 0.1:
                parts.append("<p>&nbsp;</p>")
        for cap in caps:
            parts.append(f'<p align="center"><img src="/Uploads/Images/x.jpg" /></p><p align="center"><i>{_e(cap)}</i></p>')
        if rng.random() < 0.25:
            parts.insert(1, "<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View>"
                            "</w:WordDocument></xml><![endif]-->")
        return "".join(parts)

    def paragraphs_br(self, it: Post) -> str:
        """Lead in <b> at the head of a <div>, paragraphs separated by <br><br>, images centred."""
        parts = [f"<b>{_e(it.lead)}</b>"]
        player = self.player(it)
        if player:
            parts.append(player)
        caps = list(it.captions)
        for i, p in enumerate(it.paragraphs):
            parts.append(_e(p))
            if caps and i % 2 == 1:
                parts.append(f'<center><img src="/Uploads/Images/{i}.jpg" width="450" /><br /><i>{_e(caps.pop(0))}</i></center>')
        for cap in caps:
            parts.append(f'<center><img src="/Uploads/Images/y.jpg" width="450" /><br /><i>{_e(cap)}</i></center>')
        return '<div id="ctl00_ContentPlaceHolder1_divContent" style="text-align:justify">' + "<br /><br />".join(parts) + "</div>"

    def article(self, path: str) -> str | None:
        it = next((p for p in self.data.posts if p.path == path), None)
        if it is None:
            return None
        rng = random.Random(it.slug)
        name = CATEGORIES[it.category][0]
        pub, mod = it.published, it.modified
        cph = "ctl00_ContentPlaceHolder1_"
        tools = ('<div align="right" style="padding:4px"><a href="javascript:window.print()">In bài</a> | '
                 '<a href="#">Gửi email</a> | <a href="#top">Về đầu trang</a></div>')
        if it.template == "P1":
            content = (
                f'<table width="100%" cellpadding="0" cellspacing="0"><tr><td style="padding:4px 0">'
                f'<span id="{cph}lblPath"><a href="/">Trang chủ</a> &gt; <a href="/{it.category}">{_e(name)}</a></span>'
                "</td></tr><tr><td valign=\"top\">"
                f'<span id="{cph}lblTitle" style="font-size:18px;font-weight:bold;color:#0b4f9c">{_e(it.title)}</span><br />'
                f'<span id="{cph}lblDate" style="color:#888;font-size:11px">Ngày đăng: {pub:%d/%m/%Y %H:%M}</span>'
                f'<div id="{cph}lblContent">{self.paragraphs_p(it, rng, True)}'
                f'<p align="right"><b>{_e(it.byline)}</b></p></div>'
                f'<div style="color:#999;font-size:11px">Cập nhật lần cuối: {mod:%d/%m/%Y %H:%M}</div>'
                f"{tools}{self.related(it, 'table')}</td></tr></table>"
            )
        elif it.template == "P2":
            content = (
                '<table width="100%" cellpadding="0" cellspacing="0"><tr><td valign="top">'
                f'<div style="font-size:20px;font-weight:bold;color:#c00;line-height:26px">{_e(it.title)}</div>'
                f'<span style="color:#888">({_ymd(pub)})</span> &nbsp; <span style="color:#888">Lượt xem: '
                f"{len(it.slug) * 13}</span><br /><br />"
                f"{self.paragraphs_br(it)}"
                f'<div style="text-align:right;font-weight:bold">{_e(it.byline)}</div>'
                f'<div style="color:#999;font-size:11px">Cập nhật lần cuối: {mod:%H:%M %d/%m/%Y}</div>'
                f"{self.related(it, 'lines')}</td></tr></table>"
            )
        elif it.template == "P3":
            content = (
                '<table width="100%" cellpadding="0" cellspacing="0">'
                f'<tr><td style="background:#0b4f9c;padding:5px"><a href="/{it.category}" style="color:#fff;'
                f'font-weight:bold">{_e(name.upper())}</a></td></tr>'
                f'<tr><td style="font-size:17pt;color:#0b4f9c;padding-top:6px"><b>{_e(it.title)}</b></td></tr>'
                f'<tr><td style="color:#888;font-size:11px">{pub:%H:%M %d/%m/%Y} | Cập nhật lần cuối: '
                f"{mod:%H:%M %d/%m/%Y}</td></tr>"
                f'<tr><td><div id="{cph}lblSapo" style="font-weight:bold;text-align:justify">{_e(it.lead)}</div>'
                f'<div id="{cph}lblNoiDung">{self.paragraphs_p(it, rng, False)}</div>'
                f'<div align="right"><b><i>{_e(it.byline)}</i></b></div>'
                f"{tools}{self.related(it, 'table')}</td></tr></table>"
            )
        else:  # P4: everything in one cell, <font> title, long Vietnamese date, no wrapper around the body
            content = (
                '<table width="100%" cellpadding="0" cellspacing="0"><tr><td valign="top">'
                f'<font size="4" color="#003399"><b>{_e(it.title)}</b></font><br />'
                f'<i><font color="#666">{_long_vn(pub)}</font></i>'
                f"{self.paragraphs_p(it, rng, True)}"
                f'<p align="right"><b>{_e(it.byline)}</b></p>'
                f'<i>Cập nhật lần cuối: {_long_vn(mod)}</i><br />'
                f"{self.related(it, 'lines')}</td></tr></table>"
            )
        return self.page(it.title, content)

    def sitemap(self) -> str:
        urls = [f"<url><loc>{REAL}/</loc><changefreq>hourly</changefreq></url>"]
        urls += [f"<url><loc>{REAL}/{s}</loc><changefreq>daily</changefreq></url>" for s in CATEGORIES]
        urls += [f"<url><loc>{REAL}/{s}</loc></url>" for s in ("gioi-thieu", "lien-he")]
        urls += [f"<url><loc>{REAL}{it.path}</loc><lastmod>{it.modified.isoformat()}</lastmod></url>"
                 for it in self.data.newest()]
        return ('<?xml version="1.0" encoding="UTF-8"?>'
                f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{"".join(urls)}</urlset>')


# ================================================================ server
class PortalSite(BlindSite):
    """Serves a PortalData on 127.0.0.1 (UTF-8 or windows-1258, charset only in the page) and logs
    the paths requested."""

    extra_headers = (("X-AspNet-Version", "4.0.30319"), ("X-Powered-By", "ASP.NET"))

    def __init__(self, data: PortalData, charset: str = "utf-8"):
        super().__init__(data)
        self.charset = charset
        self.portal = Portal(data, charset)

    def html(self, page: str) -> bytes:
        return cp1258(page) if self.charset == "windows-1258" else page.encode("utf-8")

    def respond(self, raw: str) -> tuple[int, str, str | bytes]:
        h = "text/html"  # no charset: the page's <meta http-equiv> says it
        path = raw.split("?", 1)[0].split("#", 1)[0]
        p = self.portal
        if path == "/robots.txt":
            return 200, "text/plain", f"User-agent: *\nDisallow: /Admin/\nCrawl-delay: 3\nSitemap: {REAL}/sitemap.xml\n"
        if path in ("/", "/Default.aspx", "/default.aspx"):
            return 200, h, self.html(p.home())
        if path == "/sitemap.xml":
            return 200, "text/xml", p.sitemap()
        if path in ("/gioi-thieu", "/lien-he"):
            return 200, h, self.html(p.static("Giới thiệu" if path == "/gioi-thieu" else "Liên hệ"))
        if path.endswith(".html"):
            page = p.article(path)
            if page is not None:
                return 200, h, self.html(page)
        parts = path.strip("/").split("/")
        if len(parts) == 1 and parts[0] in CATEGORIES:
            return 200, h, self.html(p.listing(parts[0], 1))
        if len(parts) == 3 and parts[0] in CATEGORIES and parts[1] == "page" and parts[2].isdigit():
            return 200, h, self.html(p.listing(parts[0], int(parts[2])))
        return 404, h, self.html(p.page("Không tìm thấy", "<b>Trang bạn yêu cầu không tồn tại.</b>"))
