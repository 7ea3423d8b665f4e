"""Acceptance check of the Facebook import, written from SITE.md, DESIGN.md and samples/ only.

The exports are built here from the documented formats, with the truth written by hand per local
(Asia/Ho_Chi_Minh, UTC+7) month. Everything goes through the real command line:
``cdht import-facebook PATH --db DB`` then ``cdht report month YYYY-MM --db DB --format json``,
and the ``facebook`` figures (``posts``, ``videos``) must be exact in every month.
"""

from __future__ import annotations

import copy
import csv
import hashlib
import io
import json
import sqlite3
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import pytest

from pipeline.cli import main

# ---------------------------------------------------------------------------- helpers

PAGE = "Công đoàn Hà Tĩnh"
NEW = "this_profile's_activity_across_facebook"
OLD = "your_facebook_activity"

# Every month any export here touches, plus a neighbour on each side.
MONTHS = [f"2024-{m:02d}" for m in (11, 12)] + [f"2025-{m:02d}" for m in range(1, 11)]


def ts(y, mo, d, h=0, mi=0, s=0) -> int:
    """A Unix time from a UTC wall time."""
    return int(datetime(y, mo, d, h, mi, s, tzinfo=UTC).timestamp())


def moj(s: str) -> str:
    """The exporter's mojibake: UTF-8 bytes written as code points U+0000..U+00FF."""
    return s.encode("utf-8").decode("latin-1")


def map_strings(obj, f):
    if isinstance(obj, str):
        return f(obj)
    if isinstance(obj, list):
        return [map_strings(v, f) for v in obj]
    if isinstance(obj, dict):
        return {k: map_strings(v, f) for k, v in obj.items()}
    return obj


def dump(obj, mode: str) -> bytes:
    """The file's bytes: ``escaped`` (as exported), ``literal`` (re-saved), ``repaired``."""
    if mode == "escaped":
        return json.dumps(map_strings(obj, moj), ensure_ascii=True, indent=2).encode("ascii")
    if mode == "literal":
        return json.dumps(map_strings(obj, moj), ensure_ascii=False, indent=2).encode("utf-8")
    if mode == "repaired":
        return json.dumps(obj, ensure_ascii=False, indent=2).encode("utf-8")
    raise ValueError(mode)


def run(*args: str) -> int:
    return main([str(a) for a in args])


def import_ok(path, db, capsys) -> None:
    capsys.readouterr()
    rc = run("import-facebook", path, "--db", db)
    out, err = capsys.readouterr()
    assert rc == 0, f"import of {path} failed ({rc}): {out}{err}"


def fb_counts(db, capsys, months=MONTHS) -> dict[str, tuple[int, int]]:
    """{month: (posts, videos)} from the month report JSON."""
    result = {}
    for month in months:
        capsys.readouterr()
        rc = run("report", "month", month, "--db", db, "--format", "json")
        out, err = capsys.readouterr()
        assert rc == 0, f"report {month} failed ({rc}): {err}"
        doc = json.loads(out)
        assert doc["period"] == month
        result[month] = (doc["facebook"]["posts"], doc["facebook"]["videos"])
    return result


def expect(truth: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
    """The truth over all MONTHS, zero where an export holds nothing."""
    return {m: truth.get(m, (0, 0)) for m in MONTHS}


def item_rows(db) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT COUNT(*) FROM items").fetchone()[0]
    finally:
        con.close()


# ---------------------------------------------------------------------------- DYI building
def photo(root, name, created, description=None, title="Ảnh dòng thời gian"):
    media = {
        "uri": f"{root}/posts/media/{name}.jpg",
        "creation_timestamp": created,
        "media_metadata": {
            "photo_metadata": {"exif_data": [{"upload_ip": "0.0.0.0", "taken_timestamp": created}]}
        },
        "title": title,
    }
    if description is not None:
        media["description"] = description
    return {"media": media}


def video(root, vid, created, description=""):
    return {
        "media": {
            "uri": f"{root}/posts/media/videos/{vid}.mp4",
            "creation_timestamp": created,
            "media_metadata": {
                "video_metadata": {
                    "exif_data": [{"upload_ip": "0.0.0.0", "upload_timestamp": created}]
                }
            },
            "thumbnail": {"uri": f"{root}/posts/media/videos/thumbnails/{vid}.jpg"},
            "title": "",
            "description": description,
        }
    }


def link(url):
    return {"external_context": {"url": url}}


def post(t, text=None, media=None, title=f"{PAGE} đã cập nhật trạng thái."):
    p = {"timestamp": t}
    if media:
        p["attachments"] = [{"data": list(media)}]
    if text is None:
        p["data"] = [{"update_timestamp": t}, {}, {}]
    else:
        p["data"] = [{"post": text}, {}]
    p["title"] = title
    return p


def videos_v2_entry(root, vid, created, title=None, description=""):
    e = {
        "uri": f"{root}/posts/media/videos/{vid}.mp4",
        "creation_timestamp": created,
        "media_metadata": {"video_metadata": {"exif_data": [{"upload_timestamp": 0}]}},
        "description": description,
        "dubbing_info": [],
        "media_variants": [],
    }
    if title is not None:
        e["title"] = title
    return e


ART = "https://congdoanhatinh.org.vn"

# -- export A: a Page export, 2025 layout (posts in local months 2025-03 .. 2025-06)
P1 = post(
    ts(2025, 3, 5, 3, 0, 12),
    "Thường trực Liên đoàn Lao động tỉnh thăm, tặng quà công nhân lao động có hoàn cảnh "
    "khó khăn tại Khu kinh tế Vũng Áng. Mỗi suất quà trị giá 1.000.000 đồng.",
    [photo(NEW, "p1a", ts(2025, 3, 5, 2, 58)), photo(NEW, "p1b", ts(2025, 3, 5, 2, 59))],
    title=f"{PAGE} đã thêm 2 ảnh mới.",
)
P2 = post(
    ts(2025, 3, 10, 2, 0, 5),
    "LĐLĐ huyện Hương Sơn tổ chức Hội nghị đối thoại với người lao động năm 2025 👉 Xem chi tiết:",
    [link(f"{ART}/ldld-huong-son-to-chuc-hoi-nghi-doi-thoai-1741571000.html?utm_source=facebook")],
    title=f"{PAGE} đã chia sẻ một liên kết.",
)
_P3_TARGET = (
    f"{ART}/video-ngay-hoi-cong-nhan-phien-cho-nghia-tinh-1741760000.html?utm_source=facebook"
)
P3 = post(
    ts(2025, 3, 12, 9, 15, 40),
    "[Video] Ngày hội công nhân – Phiên chợ nghĩa tình năm 2025",
    [
        link(
            "https://l.facebook.com/l.php?u="
            + quote(_P3_TARGET, safe="")
            + "&h=AT0xYz123_abcDEF&s=1"
        )
    ],
    title=f"{PAGE} đã chia sẻ một video.",
)
P4 = post(
    ts(2025, 3, 15, 1, 0, 0),
    None,
    [link("http://0.0.0.0/")],
    title=f"{PAGE} đã chia sẻ một liên kết.",
)
P5 = {"timestamp": ts(2025, 3, 20, 4, 0, 33), "title": f"{PAGE} đã chia sẻ một bài viết."}
_P6_MEDIA = [photo(NEW, "p6", ts(2025, 3, 25, 7, 59))]
P6_BARE = post(ts(2025, 3, 25, 8, 0, 0), None, _P6_MEDIA, title=f"{PAGE} đã thêm một ảnh mới.")
P6 = post(
    ts(2025, 3, 25, 8, 0, 0),
    "Công đoàn Hà Tĩnh phát động Tháng Công nhân năm 2025 với chủ đề “Công nhân lao động "
    "thi đua sản xuất, kinh doanh”.",
    _P6_MEDIA,
    title=f"{PAGE} đã thêm một ảnh mới.",
)
P7 = post(
    ts(2025, 4, 2, 10, 0, 0),
    "Toàn cảnh Đại hội Công đoàn ngành Y tế Hà Tĩnh lần thứ V, nhiệm kỳ 2023 - 2028 (2 clip)",
    [video(NEW, "7001", ts(2025, 4, 2, 9, 50)), video(NEW, "7002", ts(2025, 4, 2, 9, 55))],
    title=f"{PAGE} đã đăng 2 video.",
)
P8 = post(
    ts(2025, 4, 8, 7, 0, 0),
    "Phóng sự: Người giữ lửa phong trào công nhân ở Vũng Áng",
    [video(NEW, "8001", ts(2025, 3, 30, 10, 0))],  # uploaded in March, posted in April
    title=f"{PAGE} đã đăng một video.",
)
P9 = post(
    ts(2025, 3, 31, 23, 30, 0),  # 2025-04-01 06:30 local
    "Công đoàn Giáo dục tỉnh khai mạc Giải bóng đá nam cán bộ, nhà giáo năm 2025.",
    [photo(NEW, "p9", ts(2025, 3, 31, 23, 29))],
    title=f"{PAGE} đã thêm một ảnh mới.",
)
P10 = post(
    ts(2025, 4, 30, 16, 59, 0),  # 2025-04-30 23:59 local
    "Chào mừng kỷ niệm 50 năm Ngày Giải phóng miền Nam, thống nhất đất nước (30/4/1975 - 30/4/2025)!",
)
P11 = post(
    ts(2025, 4, 30, 17, 0, 0),  # 2025-05-01 00:00 local
    "Chúc mừng Ngày Quốc tế Lao động 1/5! Kính chúc đoàn viên, người lao động sức khỏe, hạnh phúc.",
)
P12A = post(
    ts(2025, 5, 5, 2, 0, 0),
    "Thông báo: Tuyển sinh lớp bồi dưỡng nghiệp vụ công tác công đoàn năm 2025.",
)
P12B = post(
    ts(2025, 5, 5, 2, 0, 0),
    "Kỳ II: Xây dựng tổ chức Công đoàn vững mạnh tại doanh nghiệp ngoài nhà nước.",
)
P13 = post(
    ts(2025, 5, 10, 3, 0, 27),
    "Công nhân Formosa Hà Tĩnh hưởng ứng Tháng hành động về an toàn, vệ sinh lao động.",
    [video(NEW, "1301", ts(2025, 5, 10, 2, 59))],
    title=f"{PAGE} đã đăng một video.",
)
_P14_TEXT = (
    "Hội nghị Ban Chấp hành LĐLĐ tỉnh lần thứ 15\n"
    "Khóa XIX, nhiệm kỳ 2023 - 2028 – “Đổi mới, sáng tạo”"
)
_P14_MEDIA = [photo(NEW, "p14", ts(2025, 5, 20, 11, 58))]
P14_BARE = post(ts(2025, 5, 20, 12, 0, 41), None, _P14_MEDIA, title=f"{PAGE} đã thêm một ảnh mới.")
P14 = post(ts(2025, 5, 20, 12, 0, 41), _P14_TEXT, _P14_MEDIA, title=f"{PAGE} đã thêm một ảnh mới.")
_P15_TEXT = "LĐLĐ thị xã Hồng Lĩnh trao Mái ấm Công đoàn cho đoàn viên Nguyễn Thị Hoà."
P15 = post(
    ts(2025, 5, 25, 1, 0, 0),
    _P15_TEXT,
    [
        photo(NEW, "p15", ts(2025, 5, 25, 0, 59), description=_P15_TEXT),
        {
            "place": {
                "name": "Thị xã Hồng Lĩnh",
                "coordinate": {"latitude": 18.53, "longitude": 105.7},
            }
        },
    ],
    title=f"{PAGE} đã thêm một ảnh mới.",
)
P15["tags"] = [{"name": "Liên đoàn Lao động thị xã Hồng Lĩnh"}]  # unknown keys are ignored
P16 = post(
    ts(2025, 5, 31, 23, 30, 0),  # 2025-06-01 06:30 local
    "Hưởng ứng Ngày Quốc tế Thiếu nhi 1/6, Công đoàn Hà Tĩnh trao quà cho con công nhân.",
)
P17 = post(
    ts(2025, 5, 31, 16, 59, 59),  # 2025-05-31 23:59 local
    "Tổng kết Tháng Công nhân năm 2025: hơn 12.000 lượt đoàn viên được thăm hỏi.",
)

POSTS_A_1 = [P10, P1, P14_BARE, P6_BARE, P4, P12A, P9, P2, P6, P7, P12B, P5, P11, P3]
P18 = post(
    ts(2025, 6, 3, 2, 0, 0),  # a photo and a video: one video post; not in videos.json
    "Hình ảnh và clip Lễ ra quân Tháng hành động về an toàn, vệ sinh lao động.",
    [photo(NEW, "p18", ts(2025, 6, 3, 1, 50)), {}, video(NEW, "1801", ts(2025, 6, 3, 1, 55))],
    title=f"{PAGE} đã thêm một ảnh mới và một video.",
)

POSTS_A_2 = [P17, P15, P8, P18, P14, copy.deepcopy(P10), P16, P13]  # P10 again, identical
VIDEOS_A = {
    "videos_v2": [
        videos_v2_entry(NEW, "8001", ts(2025, 3, 30, 10, 0), title=""),
        videos_v2_entry(NEW, "7002", ts(2025, 4, 2, 9, 55)),
        videos_v2_entry(
            NEW,
            "9901",
            ts(2025, 5, 15, 8, 0),  # held by no post: May
            description="Clip: Công đoàn Hà Tĩnh đồng hành cùng người lao động",
        ),
        videos_v2_entry(NEW, "1301", ts(2025, 5, 10, 2, 59), title=""),
        videos_v2_entry(NEW, "7001", ts(2025, 4, 2, 9, 50), title=""),
        videos_v2_entry(NEW, "9902", ts(2025, 4, 30, 18, 0), title=""),  # held by none: 05-01 local
    ]
}
ALBUM_A = {
    "name": "Ảnh bìa",
    "photos": [
        {
            "uri": f"{NEW}/posts/media/CoverPhotos_1/cover1.jpg",
            "creation_timestamp": ts(2025, 2, 10, 3),
            "title": "Ảnh bìa",
            "description": "Ảnh bìa mới của Công đoàn Hà Tĩnh",
        },
        {
            "uri": f"{NEW}/posts/media/CoverPhotos_1/cover2.jpg",
            "creation_timestamp": ts(2025, 3, 11, 3),
            "title": "Ảnh bìa",
        },
    ],
    "cover_photo": {
        "uri": f"{NEW}/posts/media/CoverPhotos_1/cover2.jpg",
        "creation_timestamp": ts(2025, 3, 11, 3),
        "title": "Ảnh bìa",
    },
    "last_modified_timestamp": ts(2025, 3, 11, 3),
    "description": "",
}
TRUTH_A = {
    "2025-02": (0, 0),  # album photos only
    "2025-03": (6, 0),  # P1 P2 P3 P4 P5 P6 (listed twice)
    "2025-04": (4, 2),  # P7 (2 videos) P8 (video) P9 (23:30 UTC on 03-31) P10 (16:59 UTC, twice)
    "2025-05": (9, 3),  # P11 P12A P12B P13(v) P14 P15 P17 + videos.json 9901(v) 9902(v)
    "2025-06": (2, 1),  # P16 (23:30 UTC on 05-31) P18(v)
}

# -- export B: the older layout, an unpacked folder (2024-12 .. 2025-01, overlapping A in March)
B1 = post(
    ts(2024, 12, 5, 3, 0, 0),
    "LĐLĐ huyện Can Lộc tổng kết công tác công đoàn năm 2024, triển khai nhiệm vụ năm 2025.",
)
B5 = post(
    ts(2024, 12, 31, 16, 59, 0),  # 2024-12-31 23:59 local
    "Chúc mừng năm mới 2025! Công đoàn Hà Tĩnh kính chúc đoàn viên an khang, thịnh vượng.",
)
B2 = post(
    ts(2024, 12, 31, 23, 30, 0),  # 2025-01-01 06:30 local
    "Công đoàn các Khu kinh tế tỉnh ra quân đầu năm mới.",
    [photo(OLD, "b2", ts(2024, 12, 31, 23, 29))],
    title=f"{PAGE} đã thêm một ảnh mới.",
)
B3 = post(
    ts(2025, 1, 15, 2, 0, 0),
    "Chương trình “Tết Sum vầy” năm 2025: 500 suất quà cho công nhân lao động.",
    [video(OLD, "b3001", ts(2025, 1, 15, 1, 55))],
    title=f"{PAGE} đã đăng một video.",
)
B4 = post(
    ts(2025, 1, 31, 16, 59, 0),  # 2025-01-31 23:59 local
    "Thông báo lịch nghỉ Tết Nguyên đán Ất Tỵ.",
)


def relocate(p, old=NEW, new=OLD):
    return map_strings(copy.deepcopy(p), lambda s: s.replace(old, new))


POSTS_B = [B4, relocate(P2), B1, B3, relocate(P5), B2, relocate(P1), B5, relocate(P6)]
TRUTH_B = {
    "2024-12": (2, 0),  # B1 B5
    "2025-01": (3, 1),  # B2 B3(v) B4
    "2025-03": (4, 0),  # P1 P2 P5 P6, also in A
}
TRUTH_AB = {**TRUTH_A, "2024-12": (2, 0), "2025-01": (3, 1)}


def dyi_files_a(mode: str) -> dict[str, bytes]:
    return {
        f"{NEW}/posts/profile_posts_1.json": dump(POSTS_A_1, mode),
        f"{NEW}/posts/profile_posts_2.json": dump(POSTS_A_2, mode),
        f"{NEW}/posts/videos.json": dump(VIDEOS_A, mode),
        f"{NEW}/posts/album/0.json": dump(ALBUM_A, mode),
        f"{NEW}/posts/media/p1a.jpg": b"\xff\xd8\xff\xe0 not really a jpeg",
        f"{NEW}/posts/media/videos/7001.mp4": b"\x00\x00\x00\x18ftypmp42",
    }


def write_zip(path: Path, files: dict[str, bytes], prefix: str = "") -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(prefix + name, data)
    return path


def write_folder(path: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        f = path / name
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_bytes(data)
    return path


def export_a(tmp_path, mode="escaped", kind="zip") -> Path:
    files = dyi_files_a(mode)
    if kind == "zip":
        return write_zip(tmp_path / f"facebook-congdoanhatinh-{mode}.zip", files)
    return write_folder(tmp_path / f"facebook-congdoanhatinh-{mode}", files)


def export_b(tmp_path) -> Path:
    return write_folder(
        tmp_path / "facebook-cdht-2025-02-01",
        {
            f"{OLD}/posts/your_posts__check_ins__photos_and_videos_1.json": dump(
                POSTS_B, "escaped"
            ),
        },
    )


def test_dyi_oldest_layout_zip(tmp_path, capsys):
    """The oldest layout, posts/your_posts_1.json, zipped."""
    db = tmp_path / "oldest.sqlite"
    posts = [relocate(p, OLD + "/", "") for p in POSTS_B]
    import_ok(
        write_zip(tmp_path / "oldest.zip", {"posts/your_posts_1.json": dump(posts, "escaped")}),
        db,
        capsys,
    )
    assert fb_counts(db, capsys) == expect(TRUTH_B)


# ---------------------------------------------------------------------------- CSV building
CSV_HEADER = [
    "Post ID",
    "Page ID",
    "Page name",
    "Title",
    "Description",
    "Duration (sec)",
    "Publish time",
    "Caption type",
    "Permalink",
    "Is crosspost",
    "Is share",
    "Post type",
    "Languages",
    "Custom labels",
    "Funded content status",
    "Data comment",
    "Date",
    "Views",
    "Reach",
    "Reactions, Comments and Shares",
    "Reactions",
    "Comments",
    "Shares",
    "Total clicks",
    "Other Clicks",
]


def csv_row(post_id, when, ptype, caption, page_id="100064123456789", duration=0):
    return [
        post_id,
        page_id,
        PAGE,
        caption,
        "",
        str(duration),
        when,
        "N/A",
        f"https://www.facebook.com/congdoanhatinh/posts/pfbid0{hashlib.sha1((when + caption).encode()).hexdigest()[:16]}",
        "0",
        "0",
        ptype,
        "",
        "",
        "",
        "",
        "Lifetime",
        "120",
        "95",
        "14",
        "10",
        "2",
        "2",
        "7",
        "3",
    ]


def write_csv(path: Path, rows) -> Path:
    buf = io.StringIO()
    w = csv.writer(buf, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    w.writerow(CSV_HEADER)
    w.writerows(rows)
    path.write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))
    return path


CSV_C_ROWS = [
    csv_row(
        "122158000000000101",
        "07/02/2025 08:15",
        "Photos",
        "Công đoàn Hà Tĩnh trao 50 suất quà cho công nhân bị tai nạn lao động.",
    ),
    csv_row(
        "122158000000000102",
        "07/05/2025 19:30:45",
        "Videos",
        'Clip: Hội thi "Công nhân giỏi" năm 2025\nTại Khu kinh tế Vũng Áng\n#congdoanhatinh',
        duration=95,
    ),
    csv_row(
        "122158000000000103",
        "07/10/2025 06:00",
        "Reels",
        "Một ngày làm việc của công nhân Nhà máy Bia Hà Tĩnh 🍺",
        duration=30,
    ),
    csv_row(
        "122158000000000104",
        "07/15/2025 10:00",
        "Links",
        "Hướng dẫn thủ tục hưởng trợ cấp Mái ấm Công đoàn: "
        f"{ART}/huong-dan-thu-tuc-mai-am-cong-doan-1752548400.html",
    ),
    csv_row(
        "122158000000000105",
        "07/20/2025 21:00",
        "Text",
        "Thông báo: Hội nghị trực tuyến toàn tỉnh bắt đầu lúc 7h30 sáng mai.",
    ),
    csv_row(
        "122158000000000106",
        "07/31/2025 23:30",
        "Photos",
        'Khép lại Tháng hành động vì an toàn lao động:\n"Làm việc an toàn"\nvì mình, vì gia đình',
    ),
    csv_row(
        "122158000000000107",
        "06/30/2025 22:00:15",
        "Photos",
        "LĐLĐ tỉnh sơ kết 6 tháng đầu năm 2025.",
    ),
    csv_row(
        "122158000000000108",
        "08/01/2025 00:05",
        "Text",
        "Chào tháng Tám! Cùng hướng tới Đại hội Công đoàn tỉnh nhiệm kỳ 2028 - 2033.",
    ),
    csv_row(
        "122158000000000109",
        "07/25/2025 12:00:00",
        "Reels",
        "Nụ cười công nhân – Reels tháng 7",
        duration=20,
    ),
]
TRUTH_C = {
    "2025-06": (1, 0),  # 06/30 22:00:15 local
    "2025-07": (7, 3),  # Photos Videos(v) Reels(v) Links Text Photos(07/31 23:30) Reels(v)
    "2025-08": (1, 0),  # 08/01 00:05 local
}

# Excel re-save: every id of the column becomes the same 1.22158E+17
CSV_D_ROWS = [
    csv_row(
        "1.22158E+17",
        "09/03/2025 09:00",
        "Photos",
        "LĐLĐ huyện Kỳ Anh trao học bổng cho con đoàn viên.",
        page_id="1.00064E+14",
    ),
    csv_row(
        "1.22158E+17",
        "09/10/2025 14:20",
        "Videos",
        "Khai giảng năm học mới tại Trường Mầm non Công đoàn.",
        page_id="1.00064E+14",
        duration=61,
    ),
    csv_row(
        "1.22158E+17",
        "09/20/2025 20:45",
        "Text",
        "Lịch tiếp công dân tháng 10 của Thường trực LĐLĐ tỉnh.",
        page_id="1.00064E+14",
    ),
]
TRUTH_D = {"2025-09": (3, 1)}

# A CSV holding five posts of export A (same local minute and text) and one new post
CSV_E_ROWS = [
    csv_row("122158000000000201", "05/20/2025 19:00:41", "Photos", _P14_TEXT),
    csv_row(
        "122158000000000202",
        "05/10/2025 10:00",
        "Videos",
        "Công nhân Formosa Hà Tĩnh hưởng ứng Tháng hành động về an toàn, vệ sinh lao động.",
        duration=75,
    ),
    csv_row("122158000000000204", "05/05/2025 09:00", "Text", P12B["data"][0]["post"]),
    csv_row("122158000000000205", "05/05/2025 09:00:00", "Text", P12A["data"][0]["post"]),
    csv_row("122158000000000206", "03/10/2025 09:00", "Links", P2["data"][0]["post"]),
    csv_row(
        "122158000000000203",
        "05/28/2025 15:00",
        "Text",
        "Thông báo kết quả Cuộc thi trực tuyến “Tìm hiểu Bộ luật Lao động”.",
    ),
]


# ---------------------------------------------------------------------------- tests: counts
def test_dyi_zip_2025_layout(tmp_path, capsys):
    db = tmp_path / "a.sqlite"
    import_ok(export_a(tmp_path), db, capsys)
    assert fb_counts(db, capsys) == expect(TRUTH_A)


def test_dyi_old_layout_unpacked_folder(tmp_path, capsys):
    db = tmp_path / "b.sqlite"
    import_ok(export_b(tmp_path), db, capsys)
    assert fb_counts(db, capsys) == expect(TRUTH_B)


@pytest.mark.parametrize(
    "mode,kind", [("literal", "zip"), ("repaired", "folder"), ("literal", "folder")]
)
def test_dyi_resaved_and_repaired_give_same_counts(tmp_path, capsys, mode, kind):
    db = tmp_path / f"{mode}.sqlite"
    import_ok(export_a(tmp_path, mode, kind), db, capsys)
    assert fb_counts(db, capsys) == expect(TRUTH_A)


def test_dyi_zip_with_top_folder(tmp_path, capsys):
    db = tmp_path / "prefixed.sqlite"
    z = write_zip(
        tmp_path / "facebook-cdht.zip",
        dyi_files_a("escaped"),
        prefix="facebook-congdoanhatinh-2025-06-10-AbCdEf/",
    )
    import_ok(z, db, capsys)
    assert fb_counts(db, capsys) == expect(TRUTH_A)


def test_business_suite_csv(tmp_path, capsys):
    db = tmp_path / "c.sqlite"
    import_ok(write_csv(tmp_path / "Jul-01-2025_Jul-31-2025_123.csv", CSV_C_ROWS), db, capsys)
    assert fb_counts(db, capsys) == expect(TRUTH_C)


def test_business_suite_csv_excel_mangled_ids(tmp_path, capsys):
    db = tmp_path / "d.sqlite"
    import_ok(write_csv(tmp_path / "sep-2025-excel.csv", CSV_D_ROWS), db, capsys)
    assert fb_counts(db, capsys) == expect(TRUTH_D)


def test_all_exports_together_and_reimported(tmp_path, capsys):
    """A zip, an older-layout folder overlapping it, two CSVs; then everything again."""
    db = tmp_path / "all.sqlite"
    a = export_a(tmp_path)
    b = export_b(tmp_path)
    c = write_csv(tmp_path / "c.csv", CSV_C_ROWS)
    d = write_csv(tmp_path / "d.csv", CSV_D_ROWS)
    for path in (a, b, c, d):
        import_ok(path, db, capsys)
    truth = {
        **TRUTH_AB,
        "2025-06": (3, 1),
        "2025-07": TRUTH_C["2025-07"],
        "2025-08": TRUTH_C["2025-08"],
        **TRUTH_D,
    }
    assert fb_counts(db, capsys) == expect(truth)
    rows = item_rows(db)
    for path in (d, c, b, a):
        import_ok(path, db, capsys)
    assert item_rows(db) == rows
    assert fb_counts(db, capsys) == expect(truth)


def test_reimport_same_zip(tmp_path, capsys):
    db = tmp_path / "twice.sqlite"
    a = export_a(tmp_path)
    import_ok(a, db, capsys)
    import_ok(a, db, capsys)
    assert fb_counts(db, capsys) == expect(TRUTH_A)


def test_overlapping_dyi_exports(tmp_path, capsys):
    """B (older layout) lists four of A's March posts: each counts once, in either order."""
    for order in ("ab", "ba"):
        db = tmp_path / f"{order}.sqlite"
        exports = {"a": export_a(tmp_path), "b": export_b(tmp_path)}
        for k in order:
            import_ok(exports[k], db, capsys)
        assert fb_counts(db, capsys) == expect(TRUTH_AB), order


def test_escaped_then_repaired_export_same_posts(tmp_path, capsys):
    """The same posts exported as escapes, re-saved literally and repaired are one set of posts."""
    db = tmp_path / "forms.sqlite"
    import_ok(export_a(tmp_path, "escaped"), db, capsys)
    import_ok(export_a(tmp_path, "literal", "folder"), db, capsys)
    import_ok(export_a(tmp_path, "repaired", "zip"), db, capsys)
    assert fb_counts(db, capsys) == expect(TRUTH_A)


@pytest.mark.parametrize("order", ["dyi-first", "csv-first"])
def test_dyi_and_csv_overlap(tmp_path, capsys, order):
    """A CSV holding five of the DYI's posts (same local minute and text) and one new post."""
    db = tmp_path / "dyi_csv.sqlite"
    exports = [export_a(tmp_path), write_csv(tmp_path / "mar-may.csv", CSV_E_ROWS)]
    if order == "csv-first":
        exports.reverse()
    for path in exports:
        import_ok(path, db, capsys)
    truth = {**TRUTH_A, "2025-05": (10, 3)}
    assert fb_counts(db, capsys) == expect(truth)
    assert item_rows(db) == 22


def test_dyi_and_csv_overlap_share_without_text(tmp_path, capsys):
    """The scrubbed link share P4 (no text) as a CSV row with an empty caption, same minute."""
    db = tmp_path / "share.sqlite"
    import_ok(export_a(tmp_path), db, capsys)
    import_ok(
        write_csv(
            tmp_path / "share.csv", [csv_row("122158000000000301", "03/15/2025 08:00", "Links", "")]
        ),
        db,
        capsys,
    )
    assert fb_counts(db, capsys) == expect(TRUTH_A)


def test_dyi_unheld_video_and_csv_same_post(tmp_path, capsys):
    """videos.json's 9901 (held by no post) is a post; the CSV lists it: same minute and text."""
    db = tmp_path / "unheld.sqlite"
    import_ok(export_a(tmp_path), db, capsys)
    import_ok(
        write_csv(
            tmp_path / "video.csv",
            [
                csv_row(
                    "122158000000000401",
                    "05/15/2025 15:00",
                    "Videos",
                    "Clip: Công đoàn Hà Tĩnh đồng hành cùng người lao động",
                    duration=48,
                )
            ],
        ),
        db,
        capsys,
    )
    assert fb_counts(db, capsys) == expect(TRUTH_A)


def test_csv_then_its_excel_resave(tmp_path, capsys):
    """A CSV, then the same CSV re-saved by Excel (ids now 1.22158E+17): the same posts."""
    db = tmp_path / "resave.sqlite"
    import_ok(write_csv(tmp_path / "clean.csv", CSV_C_ROWS), db, capsys)
    mangled = [["1.22158E+17", "1.00064E+14", *row[2:]] for row in CSV_C_ROWS]
    import_ok(write_csv(tmp_path / "excel.csv", mangled), db, capsys)
    assert fb_counts(db, capsys) == expect(TRUTH_C)
    assert item_rows(db) == len(CSV_C_ROWS)


def test_excel_resave_then_dyi(tmp_path, capsys):
    """An Excel-mangled CSV of the DYI's posts, then the DYI: the same posts."""
    db = tmp_path / "excel_dyi.sqlite"
    mangled = [["1.22158E+17", "1.00064E+14", *row[2:]] for row in CSV_E_ROWS[:2]]
    import_ok(write_csv(tmp_path / "excel.csv", mangled), db, capsys)
    import_ok(export_a(tmp_path), db, capsys)
    assert fb_counts(db, capsys) == expect(TRUTH_A)


def test_csv_unknown_post_type_is_a_post_and_reported(tmp_path, capsys, caplog):
    """A Post type outside the table is still one post (not a video), and is reported."""
    caption = "Bộ ảnh tương tác: Hành trình 95 năm Công đoàn Việt Nam"
    path = write_csv(
        tmp_path / "interactive.csv",
        [csv_row("122158000000000501", "10/02/2025 08:00", "Interactive story", caption)],
    )
    db = tmp_path / "interactive.sqlite"
    capsys.readouterr()
    rc = run("import-facebook", path, "--db", db)
    out, err = capsys.readouterr()
    assert rc == 0, out + err
    assert "Interactive story" in out + err + caplog.text
    assert fb_counts(db, capsys) == expect({"2025-10": (1, 0)})


def test_csv_headers_in_other_case_and_fewer_columns(tmp_path, capsys):
    """Headers are matched case-insensitively; columns vary by export date."""
    keep = [
        "Post ID",
        "Page name",
        "Title",
        "Description",
        "Publish time",
        "Permalink",
        "Post type",
        "Views",
        "Reach",
    ]
    idx = [CSV_HEADER.index(h) for h in keep]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([h.upper() if i % 2 else h.lower() for i, h in enumerate(keep)])
    w.writerows([[row[i] for i in idx] for row in CSV_C_ROWS])
    path = tmp_path / "headers.csv"
    path.write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))
    db = tmp_path / "headers.sqlite"
    import_ok(path, db, capsys)
    assert fb_counts(db, capsys) == expect(TRUTH_C)


# ---------------------------------------------------------------------------- tests: bad input
def _failed_import(path, db, capsys) -> str:
    capsys.readouterr()
    rc = run("import-facebook", path, "--db", db)
    out, err = capsys.readouterr()
    assert rc == 1, f"exit {rc}: {out}{err}"
    return out + err


@pytest.mark.parametrize("broken", ["profile_posts_1.json", "profile_posts_2.json", "videos.json"])
def test_truncated_json_in_zip_fails_and_stores_nothing(tmp_path, capsys, broken):
    db = tmp_path / "bad.sqlite"
    import_ok(write_csv(tmp_path / "c.csv", CSV_C_ROWS), db, capsys)
    before_counts, before_rows = fb_counts(db, capsys), item_rows(db)
    files = dyi_files_a("escaped")
    name = f"{NEW}/posts/{broken}"
    files[name] = files[name][: len(files[name]) // 2]
    message = _failed_import(write_zip(tmp_path / "broken.zip", files), db, capsys)
    assert broken in message
    assert item_rows(db) == before_rows
    assert fb_counts(db, capsys) == before_counts == expect(TRUTH_C)


NOT_EXPORTS = {
    "danh_sach_doan_vien.csv": "Họ và tên,Đơn vị,Ngày sinh,Số điện thoại\n"
    "Nguyễn Văn An,LĐLĐ huyện Can Lộc,05/12/1985,0912345678\n"
    "Trần Thị Bình,Công đoàn Giáo dục tỉnh,11/03/1990,0987654321\n",
    # a page-level daily summary: a Date and a Title-like column, but no post rows
    "page_overview.csv": "Date,Title,Views,Reach\n"
    "05/01/2025,Công đoàn Hà Tĩnh,1200,800\n"
    "05/02/2025,Công đoàn Hà Tĩnh,900,700\n",
}


@pytest.mark.parametrize("name", sorted(NOT_EXPORTS))
def test_csv_that_is_not_an_export_fails_and_stores_nothing(tmp_path, capsys, name):
    db = tmp_path / "notexport.sqlite"
    import_ok(export_a(tmp_path), db, capsys)
    before_counts, before_rows = fb_counts(db, capsys), item_rows(db)
    bad = tmp_path / name
    bad.write_text(NOT_EXPORTS[name], encoding="utf-8-sig")
    message = _failed_import(bad, db, capsys)
    assert name in message
    assert item_rows(db) == before_rows
    assert fb_counts(db, capsys) == before_counts == expect(TRUTH_A)
