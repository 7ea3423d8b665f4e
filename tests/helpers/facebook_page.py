"""One Page's posts written three ways: as the Graph API serves them, as its DYI JSON export
holds them and as its Business Suite CSV lists them (for tests that import all three)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pipeline.demo.facebook_export import (
    LAYOUTS,
    MEDIA_DIR,
    VIDEOS_JSON,
    photo,
    post,
    ts,
    video,
    videos_file,
    write_export,
)
from tests.helpers.graph_server import (
    GraphServer,
    graph_post,
    graph_reel,
    photo_attachment,
    share_attachment,
    video_attachment,
)

PAGE_ID = "104723456789012"
ARTICLE = "https://congdoanhatinh.org.vn/tin-tuc/thang-cong-nhan-nam-2025-1743465600.html"


@dataclass
class P:
    post_id: str
    local: str  # YYYY-MM-DD HH:MM:SS, Asia/Ho_Chi_Minh
    text: str
    kind: str  # photo, video, live, link, share, text, reel_post, reel
    reel_id: str = ""

    @property
    def is_video(self) -> bool:
        return self.kind in ("video", "live", "reel_post", "reel")


def page_posts() -> list[P]:
    posts = [
        P("1001", "2025-03-31 23:30:10", "LĐLĐ huyện Can Lộc tổ chức hội nghị người lao động", "photo"),
        P("1002", "2025-04-01 06:00:05", "[Video] Tháng Công nhân năm 2025", "video"),
        P("1003", "2025-04-10 09:00:00", "Mời đọc bài trên website của Công đoàn Hà Tĩnh", "link"),
        P("1004", "2025-04-11 10:00:00", "", "share"),
        P("1005", "2025-04-12 20:15:00", "Trực tiếp: Đại hội Công đoàn ngành Y tế", "live"),
        P("1006", "2025-05-02 08:00:00", "Bản tin Công đoàn Hà Tĩnh số 5/2025", "text"),
        P("1007", "2025-05-03 08:00:00", "Reel: Một ngày của công nhân Khu kinh tế Vũng Áng", "reel_post", "7771001"),
        P("1008", "2025-05-20 20:00:00", "Clip: LĐLĐ huyện Hương Sơn thăm công nhân", "reel", "7771002"),
        P("1009", "2025-06-01 06:30:00", "Tháng 6: chương trình Tháng hành động an toàn lao động", "photo"),
    ]  # fmt: skip
    for i in range(60):  # enough posts for several pages of the Graph API
        day = 1 + i % 28
        month = 4 + i % 3
        posts.append(P(str(2000 + i), f"2025-{month:02d}-{day:02d} {7 + i % 10:02d}:{i % 60:02d}:00",
                       f"Tin hoạt động công đoàn số {i}: đoàn viên tham gia phong trào thi đua", "text"))  # fmt: skip
    return posts


def day_two_posts() -> list[P]:
    return [
        P("3001", "2025-06-15 08:00:00", "Ngày thứ hai: tập huấn cán bộ công đoàn cơ sở", "text"),
        P(
            "3002",
            "2025-06-15 09:30:00",
            "[Video] Ngày thứ hai: hội thi an toàn vệ sinh viên",
            "video",
        ),
        P("3003", "2025-06-15 10:00:00", "Ngày thứ hai: reel ngắn", "reel", "7779001"),
    ]


# ------------------------------------------------------------------ Graph API
def graph_server(posts: list[P], token: str) -> GraphServer:
    g = GraphServer(PAGE_ID, token)
    add_to_graph(g, posts)
    return g


def add_to_graph(g: GraphServer, posts: list[P]) -> None:
    for p in posts:
        text = p.text or None
        if p.kind == "reel":
            g.reels.append(graph_reel(p.reel_id, p.local, p.text))
            continue
        atts = {
            "photo": [photo_attachment()],
            "video": [video_attachment("55" + p.post_id)],
            "live": [video_attachment("56" + p.post_id)],
            "link": [share_attachment(ARTICLE)],
            "reel_post": [video_attachment(p.reel_id, reel=True)],
        }.get(p.kind)
        g.posts.append(graph_post(PAGE_ID, p.post_id, p.local, text, attachments=atts))
        if p.kind == "reel_post":
            g.reels.append(graph_reel(p.reel_id, p.local, p.text))


# ------------------------------------------------------------------ DYI JSON
def _uri(p: P, ext: str) -> str:
    return f"{MEDIA_DIR}/{p.post_id}/{p.post_id}.{ext}"


def dyi_files(posts: list[P]) -> dict:
    entries, videos = [], []
    for p in posts:
        t = ts(p.local)
        if p.kind == "reel":  # a reel appears only in videos.json, its text as description
            videos.append(video(_uri(p, "mp4"), t, p.text))
            continue
        media, link = [], None
        if p.kind == "photo":
            media = [photo(_uri(p, "jpg"), t)]
        elif p.is_video:
            media = [video(_uri(p, "mp4"), t)]
            videos.append(video(_uri(p, "mp4"), t))
        elif p.kind == "link":
            link = ARTICLE + "?fbclid=IwAR0abc"
        entries.append(post(t, p.text or None, media=media, link=link))
    return {LAYOUTS["2025"]: entries, VIDEOS_JSON: videos_file(videos)}


def write_dyi(dest: Path, posts: list[P]) -> Path:
    return write_export(dest, dyi_files(posts))


# ------------------------------------------------------------------ Business Suite CSV
CSV_TYPES = {"photo": "Photos", "video": "Videos", "live": "Live", "link": "Links", "share": "Links",
             "text": "Text", "reel_post": "Reels", "reel": "Reels"}  # fmt: skip


def csv_text(posts: list[P]) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(["Post ID", "Page ID", "Page name", "Title", "Description", "Duration (sec)",
                "Publish time", "Permalink", "Post type"])  # fmt: skip
    for p in posts:
        when = datetime.fromisoformat(p.local).strftime("%m/%d/%Y %H:%M")
        if p.kind in ("reel_post", "reel"):
            link = f"https://www.facebook.com/reel/{p.reel_id}"
        else:
            link = f"https://www.facebook.com/{PAGE_ID}/posts/{p.post_id}"
        duration = "42" if p.is_video else ""
        w.writerow([p.post_id, PAGE_ID, "Công đoàn Hà Tĩnh", "", p.text, duration, when, link,
                    CSV_TYPES[p.kind]])  # fmt: skip
    return "\ufeff" + out.getvalue()


def write_csv(dest: Path, posts: list[P]) -> Path:
    dest.write_text(csv_text(posts), encoding="utf-8")
    return dest


def expected_months(posts: list[P]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for p in posts:
        m = out.setdefault(p.local[:7], {"posts": 0, "videos": 0})
        m["posts"] += 1
        m["videos"] += p.is_video
    return dict(sorted(out.items()))
