"""Build DYI-layout Facebook exports: the demo's page export, and exports for tests.

``build_demo_export(dest)`` writes a small "Download Your Information" zip of the federation's
page (2025 Page layout): about three months (March-May 2025) of about 40 posts a month, in
Vietnamese with Facebook's mojibake applied, with photos, videos (one also listed in
``videos.json``, one only there), link shares of website articles, reshares, a bulletin
(bản tin) post, a contest post, and posts naming units such as ``LĐLĐ huyện Can Lộc``.

Run ``python -m pipeline.demo.facebook_export DIR`` to write it by hand.
"""

from __future__ import annotations

import json
import random
import sys
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

from collectors.facebook.common import LOCAL
from collectors.facebook.mojibake import damage

PAGE = "Công đoàn Hà Tĩnh"
LAYOUTS = {
    "old": "posts/your_posts_1.json",
    "2023": "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json",
    "2025": "this_profile's_activity_across_facebook/posts/profile_posts_1.json",
}
VIDEOS_JSON = "this_profile's_activity_across_facebook/posts/videos.json"
MEDIA_DIR = "this_profile's_activity_across_facebook/posts/media"


# ------------------------------------------------------------------ builders (also for tests)
def ts(local: str) -> int:
    """Unix time of a local (Asia/Ho_Chi_Minh) ``YYYY-MM-DD HH:MM[:SS]``."""
    fmt = "%Y-%m-%d %H:%M:%S" if local.count(":") == 2 else "%Y-%m-%d %H:%M"
    return int(datetime.strptime(local, fmt).replace(tzinfo=LOCAL).timestamp())


def photo(uri: str, created: int, description: str = "") -> dict:
    m: dict[str, Any] = {
        "uri": uri,
        "creation_timestamp": created,
        "media_metadata": {"photo_metadata": {"exif_data": [{"upload_ip": "0.0.0.0"}]}},
        "title": "Ảnh trên dòng thời gian",
    }
    if description:
        m["description"] = description
    return m


def video(uri: str, created: int, description: str = "", title: str = "") -> dict:
    m: dict[str, Any] = {
        "uri": uri,
        "creation_timestamp": created,
        "media_metadata": {"video_metadata": {"exif_data": [{"upload_timestamp": 0}]}},
        "description": description,
    }
    if title:
        m["title"] = title
    return m


def post(
    timestamp: int,
    text: str | None = None,
    *,
    media: list[dict] = (),  # type: ignore[assignment]
    link: str | None = None,
    title: str = f"{PAGE} đã cập nhật trạng thái.",
    pad: bool = True,
) -> dict:
    """One entry of a posts file, as Facebook writes it (before the mojibake)."""
    data: list[dict] = [{"post": text}] if text is not None else [{"update_timestamp": timestamp}]
    if pad:
        data.append({})
    p: dict[str, Any] = {"timestamp": timestamp}
    atts = [{"media": m} for m in media]
    if link is not None:
        atts.append({"external_context": {"url": link}})
    if atts:
        p["attachments"] = [{"data": atts}]
    p["data"] = data
    p["title"] = title
    return p


def videos_file(entries: list[dict]) -> dict:
    return {"videos_v2": [{**e, "dubbing_info": [], "media_variants": []} for e in entries]}


def _damage_all(value: Any) -> Any:
    if isinstance(value, str):
        return damage(value)
    if isinstance(value, list):
        return [_damage_all(v) for v in value]
    if isinstance(value, dict):
        return {k: _damage_all(v) for k, v in value.items()}
    return value


def encode_json(obj: Any, *, mojibake: bool = True, escaped: bool = True) -> bytes:
    """JSON bytes as Facebook writes them: mojibake as ``\\u00XX`` escapes (``escaped``) or as
    literal characters (a re-saved file); ``mojibake=False`` writes repaired text."""
    if mojibake:
        obj = _damage_all(obj)
    return json.dumps(obj, ensure_ascii=escaped, indent=2).encode("utf-8")


def write_export(
    dest: Path,
    files: dict[str, Any],
    *,
    as_zip: bool = True,
    mojibake: bool = True,
    escaped: bool = True,
    extra: dict[str, bytes] | None = None,
) -> Path:
    """Write ``{member path: JSON object}`` (plus raw ``extra`` members) as a zip file (``dest``
    is the .zip path) or as a folder (``dest`` is the folder)."""
    blobs = {
        name: encode_json(obj, mojibake=mojibake, escaped=escaped) for name, obj in files.items()
    }
    blobs.update(extra or {})
    dest = Path(dest)
    if as_zip:
        dest.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(dest, "w", compression=zipfile.ZIP_DEFLATED) as z:
            for name, data in blobs.items():
                z.writestr(name, data)
    else:
        for name, data in blobs.items():
            p = dest / name
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(data)
    return dest


# ------------------------------------------------------------------ the demo page
UNITS = [
    "LĐLĐ huyện Can Lộc", "LĐLĐ huyện Hương Sơn", "LĐLĐ thị xã Hồng Lĩnh", "LĐLĐ huyện Cẩm Xuyên",
    "LĐLĐ huyện Thạch Hà", "LĐLĐ huyện Đức Thọ", "LĐLĐ huyện Nghi Xuân", "LĐLĐ huyện Hương Khê",
    "Công đoàn Giáo dục tỉnh", "Công đoàn ngành Y tế", "Công đoàn các Khu kinh tế tỉnh",
]  # fmt: skip
NEWS = [
    "{unit} tổ chức hội nghị tổng kết công tác công đoàn quý I",
    "{unit} trao quà hỗ trợ đoàn viên có hoàn cảnh khó khăn",
    "{unit} tập huấn nghiệp vụ cho cán bộ công đoàn cơ sở",
    "{unit} phối hợp tổ chức Tháng Công nhân năm 2025",
    "{unit} kiểm tra công tác an toàn, vệ sinh lao động tại doanh nghiệp",
    "{unit} ra mắt mô hình \"Bữa cơm công đoàn\"",
    "{unit} thăm hỏi công nhân lao động bị tai nạn lao động",
    "{unit} tổ chức giải bóng chuyền chào mừng ngày Quốc tế Lao động 1/5",
]  # fmt: skip
BODIES = [
    "Tham dự có đại diện lãnh đạo Liên đoàn Lao động tỉnh cùng đông đảo đoàn viên, người lao động.",
    "Hoạt động nhằm chăm lo đời sống vật chất, tinh thần cho đoàn viên, người lao động trên địa bàn.",
    "Qua đó góp phần nâng cao chất lượng hoạt động công đoàn, xây dựng tổ chức công đoàn vững mạnh.",
]
DEFAULT_ARTICLES = [
    "https://congdoanhatinh.org.vn/hoi-nghi-ban-chap-hanh-ldld-tinh-lan-thu-12-1741224000.html",
    "https://congdoanhatinh.org.vn/thang-cong-nhan-nam-2025-1743465600.html",
    "https://congdoanhatinh.org.vn/tuyen-duong-can-bo-cong-doan-co-so-tieu-bieu-1745193600.html",
    "https://congdoanhatinh.org.vn/cham-lo-tet-cho-doan-vien-1746057600.html",
]
MONTHS = ("2025-03", "2025-04", "2025-05")


def _site_articles() -> list[tuple[str, int]]:
    """(URL, publish time) of the bundled website replica's articles, when it is present."""
    try:
        from pipeline.demo.replica.model import build_demo_site  # type: ignore[import-not-found]

        site = build_demo_site()
        base = "https://congdoanhatinh.org.vn"
        out = []
        for a in getattr(site, "articles", []):
            u = getattr(a, "url", "") or getattr(a, "path", "")
            when = getattr(a, "published", None)
            if isinstance(u, str) and u and isinstance(when, datetime):
                out.append(
                    (
                        u if u.startswith("http") else base + "/" + u.lstrip("/"),
                        int(when.timestamp()),
                    )
                )
        return sorted(out, key=lambda x: x[1])
    except Exception:
        return []


def _article_before(articles: list[tuple[str, int]], at: int, n: int) -> str:
    """An article published before ``at`` (a post shares what the site already has)."""
    earlier = [u for u, when in articles if when <= at] or [u for u, _ in articles]
    return earlier[-1 - (n % min(len(earlier), 5))]


def demo_posts(
    article_urls: list[str] | None = None, seed: int = 6
) -> tuple[list[dict], list[dict]]:
    """(posts, videos.json entries) of the demo page, repaired text (before the mojibake)."""
    rng = random.Random(seed)
    articles = (
        [(u, 0) for u in article_urls or []]
        or _site_articles()
        or [(u, 0) for u in DEFAULT_ARTICLES]
    )
    posts: list[dict] = []
    video_entries: list[dict] = []
    n = 0
    for month in MONTHS:
        year, mon = (int(x) for x in month.split("-"))
        for i in range(40):
            n += 1
            day = 1 + (i * 30) // 40
            at = ts(
                f"{year}-{mon:02d}-{day:02d} {rng.randint(7, 20):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
            )
            unit = rng.choice(UNITS)
            head = rng.choice(NEWS).format(unit=unit)
            text = f"{head}\n{rng.choice(BODIES)}"
            kind = i % 8
            if kind in (0, 1, 2):
                media = [
                    photo(f"{MEDIA_DIR}/Anh_{n}/{900000 + n * 3 + j}.jpg", at - 60, text)
                    for j in range(rng.randint(1, 4))
                ]
                posts.append(
                    post(at, text, media=media, title=f"{PAGE} đã thêm {len(media)} ảnh mới.")
                )
            elif kind == 3:
                uri = f"{MEDIA_DIR}/videos/{700000 + n}.mp4"
                posts.append(
                    post(
                        at,
                        f"[Video] {text}",
                        media=[video(uri, at - 120)],
                        title=f"{PAGE} đã đăng một video.",
                    )
                )
                if month == "2025-04" and i == 3:
                    video_entries.append(
                        video(uri, at - 120, f"[Video] {text}")
                    )  # also in videos.json
            elif kind == 4:
                url = _article_before(articles, at, n) + (
                    "?utm_source=facebook&fbclid=IwAR0demo" if n % 2 else ""
                )
                posts.append(
                    post(
                        at,
                        f"{head}\nChi tiết: {url.split('?')[0]}",
                        link=url,
                        title=f"{PAGE} đã chia sẻ một liên kết.",
                    )
                )
            elif kind == 5:
                posts.append(
                    post(at, None, title=f"{PAGE} đã chia sẻ một bài viết.")
                )  # bare reshare
            else:
                posts.append(post(at, text))
    # A bulletin issue, a contest, a scrubbed link share and a post listed twice.
    b = ts("2025-04-15 08:30")
    posts.append(post(b, "Bản tin Công đoàn Hà Tĩnh số 4/2025\nMời đoàn viên, người lao động đón đọc.",
                      media=[photo(f"{MEDIA_DIR}/Bantin/880001.jpg", b)]))  # fmt: skip
    c = ts("2025-05-05 09:00")
    posts.append(post(c, "Phát động Cuộc thi trực tuyến tìm hiểu Bộ luật Lao động năm 2025\n"
                      "Cuộc thi do Liên đoàn Lao động tỉnh tổ chức, diễn ra từ 05/5 đến 31/5/2025."))  # fmt: skip
    s = ts("2025-03-20 10:15")
    posts.append(post(s, None, link="http://0.0.0.0/", title=f"{PAGE} đã chia sẻ một liên kết."))
    d = ts("2025-05-19 16:45")
    dup_text = "LĐLĐ huyện Can Lộc tổ chức Hội nghị người lao động năm 2025\nHội nghị diễn ra sôi nổi, dân chủ."
    posts.append(post(d, None, title=f"{PAGE} đã cập nhật trạng thái."))  # the copy without text
    posts.append(post(d, dup_text))
    # One video only in videos.json: one more post, one more video.
    o = ts("2025-05-28 19:20")
    video_entries.append(video(f"{MEDIA_DIR}/videos/790001.mp4", o,
                               "Clip: LĐLĐ huyện Hương Sơn đồng hành cùng công nhân lao động",
                               title="Đồng hành cùng công nhân"))  # fmt: skip
    rng.shuffle(posts)  # exports are not in time order
    return posts, video_entries


def build_demo_export(dest: Path, *, article_urls: list[str] | None = None, seed: int = 6) -> Path:
    """Write the demo export zip into folder ``dest``; return the zip's path."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    posts, videos = demo_posts(article_urls, seed)
    files = {LAYOUTS["2025"]: posts, VIDEOS_JSON: videos_file(videos)}
    album = {
        "name": "Ảnh bìa",
        "photos": [photo(f"{MEDIA_DIR}/cover/1.jpg", ts("2025-03-01 08:00"))],
    }
    files["this_profile's_activity_across_facebook/posts/album/0.json"] = album
    return write_export(dest / "facebook-congdoanhatinh-2025.zip", files, as_zip=True)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out = build_demo_export(Path(argv[0] if argv else "."))
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
