"""A realistic month in a fresh store, shared by the report tests (imported by name)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from pipeline.settings import load_config
from pipeline.store import Store

XSS_TITLE = 'Hội nghị <script>alert("x")</script> người lao động "><img src=x onerror=alert(1)>'

# the reasons pipeline/quality.py gives when the tool is unsure of an item
BYLINE_FLAG = "Không tìm thấy bút danh (tác giả) của bài"
WORDS_FLAG = "Số chữ (940) sát ngưỡng 1000 chữ của loại bài chuyên sâu (trong khoảng 10%)"
DATE_FLAG = "Ngày đăng chỉ có ở danh sách tin, không thấy trên trang bài"
UNSURE = {"/tin-2": [BYLINE_FLAG, WORDS_FLAG], "/tin-10": [DATE_FLAG]}

CONTRIBUTORS_TOML = """
[[contributors]]
id = "nguyen-thu-ha"
name = "Nguyễn Thu Hà"
aliases = ["Thu Hà"]
unit = "ldld-h-ky-anh"
role = "bbt"
[contributors.targets]
news = 4
articles = 1
videos = 1

[[contributors]]
id = "tran-van-nam"
name = "Trần Văn Nam"
aliases = ["Văn Nam"]
unit = "ldld-can-loc"
role = "bcv"
[contributors.targets]
news = 2

[[contributors]]
id = "le-thi-mai"
name = "Lê Thị Mai"
role = "ctv"
"""


def _row(source, key, utc, local_date, **kw):
    row = {
        "source": source,
        "key": key,
        "url": f"https://congdoanhatinh.vn{key}" if source == "website" else f"https://facebook.com/{key}",
        "title": kw.pop("title", f"Tin {key}"),
        "published_utc": utc,
        "local_date": local_date,
        "date_source": kw.pop("date_source", "json-ld" if source == "website" else "export"),
        "kind": kw.pop("kind", "news"),
        "kind_reason": kw.pop("kind_reason", "default (news)"),
        "unit_reason": kw.pop("unit_reason", "byline names «LĐLĐ huyện Kỳ Anh»"),
    }
    row.update(kw)
    return row


# (key, day, hour_utc, kind, unit, with_video, contributors, extra)
WEBSITE_MAY = [
    ("/tin-1", 2, 1, "news", "ldld-h-ky-anh", 0, ["nguyen-thu-ha"], {}),
    ("/tin-2", 2, 3, "news", "ldld-h-ky-anh", 0, ["nguyen-thu-ha"], {"flags": [BYLINE_FLAG, WORDS_FLAG]}),
    ("/tin-3", 5, 2, "news", "ldld-can-loc", 1, ["tran-van-nam"], {}),
    ("/tin-4", 6, 2, "news", "ldld-can-loc", 0, ["tran-van-nam", "nguyen-thu-ha"], {}),
    ("/tin-5", 8, 4, "news", "ldld-tinh", 0, [], {}),
    ("/tin-6", 12, 4, "news", "cdn-y-te", 0, [], {}),
    ("/tin-7", 15, 8, "news", "ldld-tinh", 0, [], {"title": XSS_TITLE}),
    ("/tin-8", 20, 8, "news", None, 0, [], {"unit_reason": "no unit named"}),
    ("/tin-9", 21, 8, "news", None, 0, [], {"is_repost": 1, "unit_reason": "repost (no unit)",
                                             "byline": "Theo Báo Lao động"}),
    ("/tin-10", 22, 8, "news", "ldld-thach-ha", 0, [], {"date_source": "listing", "flags": [DATE_FLAG]}),
    ("/bai-1", 10, 2, "article", "ldld-h-ky-anh", 0, ["nguyen-thu-ha"],
     {"title": "Phóng sự: Bài 1: Đời sống công nhân Khu kinh tế Vũng Áng",
      "kind_reason": "series marker in the title"}),
    ("/bai-2", 25, 2, "article", "cd-giao-duc", 1, [], {"kind_reason": "in-depth category"}),
    ("/video-1", 11, 2, "video", "ldld-can-loc", 1, ["tran-van-nam"],
     {"title": "[Video] Tháng Công nhân năm 2025", "kind_reason": "video marker in the title"}),
    ("/video-2", 28, 2, "video", "ldld-h-ky-anh", 1, ["nguyen-thu-ha"],
     {"kind_reason": "video marker in the title"}),
    ("/cho-1", 29, 2, "news", None, 0, [],
     {"status": "pending", "kind_reason": "pending: page not fetched yet (kind from the listing only)",
      "unit_reason": "no unit named", "date_source": "listing", "error": "HTTP 503"}),
]


def populate(store: Store) -> None:
    with store.transaction():
        for key, day, hour, kind, unit, with_video, contribs, extra in WEBSITE_MAY:
            utc = f"2025-05-{day:02d}T{hour:02d}:00:00Z"
            store.upsert_item(
                _row("website", key, utc, f"2025-05-{day:02d}", kind=kind, unit_id=unit,
                     with_video=with_video or int(kind == "video"), **extra),
                contribs,
            )  # fmt: skip
        # 00:30 on 1 May local time is May's; 06:30 on 1 June local time is June's
        store.upsert_item(_row("website", "/tin-dau-thang", "2025-04-30T17:30:00Z", "2025-05-01",
                               unit_id="ldld-h-ky-anh"))  # fmt: skip
        store.upsert_item(_row("website", "/tin-thang-6", "2025-05-31T23:30:00Z", "2025-06-01",
                               unit_id="ldld-h-ky-anh"))  # fmt: skip
        # April: counts in the year to date only
        for i in range(3):
            store.upsert_item(_row("website", f"/thang-4-{i}", "2025-04-10T02:00:00Z", "2025-04-10",
                                   unit_id="ldld-can-loc", with_video=1))  # fmt: skip
        # Facebook: 5 posts, 1 video, 1 bulletin, 1 contest, 1 linked to a website item
        fb = [
            ("fb:1", 3, {"media_type": "photo", "unit_id": "ldld-h-ky-anh"}),
            ("fb:2", 9, {"media_type": "video", "kind": "video", "with_video": 1,
                         "kind_reason": "facebook video post", "unit_id": "ldld-can-loc"}),
            ("fb:3", 14, {"media_type": "link", "linked_key": "/bai-1", "unit_id": "ldld-h-ky-anh"}),
            ("fb:4", 18, {"media_type": "photo", "is_bulletin": 1, "title": "Bản tin Công đoàn số 5"}),
            ("fb:5", 26, {"media_type": "text", "is_contest": 1,
                          "title": "Cuộc thi trực tuyến tìm hiểu Bộ luật Lao động"}),
        ]  # fmt: skip
        for key, day, extra in fb:
            store.upsert_item(_row("facebook", key, f"2025-05-{day:02d}T03:00:00Z",
                                   f"2025-05-{day:02d}", **extra))  # fmt: skip
    # an editor's decisions: unit of /tin-8 set by hand, kind of /tin-6 set to article
    store.set_override("website", "/tin-8", "unit", "ldld-nghi-xuan")
    store.set_override("website", "/tin-6", "kind", "article")


# What the month above must give (after the overrides).
EXPECTED = {
    "website": {"news": 11, "articles": 3, "videos": 2, "with_video": 4, "total": 16},
    "facebook": {"posts": 5, "videos": 1},
    "unattributed": 2,  # /tin-9 (repost) and /cho-1 (pending); /tin-8 was set by hand
}


def make_config_dir(base: Path) -> Path:
    cdir = base / "config"
    cdir.mkdir(parents=True, exist_ok=True)
    (cdir / "contributors.toml").write_text(textwrap.dedent(CONTRIBUTORS_TOML), encoding="utf-8")
    return cdir


def make_month(base: Path) -> tuple[Store, object, Path]:
    """(store, config, db path) holding the May 2025 fixture."""
    db = base / "cdht.sqlite"
    store = Store(db)
    populate(store)
    config = load_config(make_config_dir(base))
    return store, config, db
