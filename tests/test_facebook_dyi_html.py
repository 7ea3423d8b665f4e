"""DYI exports in HTML (Facebook's default): dates in Vietnamese and English, the same posts and
counts as the JSON export of the same Page."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from collectors.facebook.common import LOCAL
from collectors.facebook.dyi import read_dyi
from collectors.facebook.dyi_html import parse_date
from collectors.facebook.errors import FacebookImportError
from pipeline import cli
from pipeline.demo.facebook_export import write_export
from pipeline.facebook_import import import_facebook
from pipeline.store import Store
from tests.helpers.dyi_html_export import write_html_export
from tests.helpers.facebook_page import dyi_files, expected_months, page_posts

FIXTURES = Path(__file__).parent / "fixtures" / "facebook"


@pytest.mark.parametrize("text, expected", [
    ("Tháng 10 01, 2025 10:21:24 ch", "2025-10-01 22:21:24"),
    ("Tháng 1 05, 2025 12:05:00 sa", "2025-01-05 00:05:00"),
    ("Tháng 3 31, 2025 11:30:10 CH", "2025-03-31 23:30:10"),
    ("Oct 01, 2025 10:21:24 pm", "2025-10-01 22:21:24"),
    ("Jul 12, 2024 4:54:10pm", "2024-07-12 16:54:10"),
    ("Apr 01, 2025 6:00:05 am", "2025-04-01 06:00:05"),
    ("Dec 24, 2024 12:00 PM", "2024-12-24 12:00:00"),
    ("01/10/2025 22:21", "2025-10-01 22:21:00"),
])  # fmt: skip
def test_dates_in_the_exporters_language(text, expected):
    assert parse_date(text) == datetime.fromisoformat(expected).replace(tzinfo=LOCAL)


def test_not_a_date():
    assert parse_date("Công đoàn Hà Tĩnh đã cập nhật trạng thái.") is None
    assert parse_date("Tháng 13 01, 2025 10:21:24 ch") is None


def months_of(db: Path) -> dict:
    with Store(db) as s:
        rows = s.conn.execute(
            "SELECT substr(local_date, 1, 7) AS m, COUNT(*) AS posts, SUM(kind = 'video') AS videos "
            "FROM items WHERE source = 'facebook' GROUP BY 1"
        ).fetchall()
    return {r["m"]: {"posts": r["posts"], "videos": r["videos"]} for r in rows}


def _import(db: Path, config, path: Path):
    with Store(db) as s:
        return import_facebook(s, config, path)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_html_and_json_exports_of_one_page_count_the_same(tmp_path, config, lang):
    posts = page_posts()
    files = dyi_files(posts)
    j = write_export(tmp_path / "json.zip", files)
    h = write_html_export(tmp_path / "html.zip", files, lang=lang)
    rj = _import(tmp_path / "j.sqlite", config, j)
    rh = _import(tmp_path / "h.sqlite", config, h)
    assert rh.format == "dyi-html-zip" and rj.format == "dyi-zip"
    assert (
        months_of(tmp_path / "h.sqlite")
        == months_of(tmp_path / "j.sqlite")
        == expected_months(posts)
    )
    assert (
        (rh.posts, rh.videos, rh.linked) == (rj.posts, rj.videos, rj.linked) == (len(posts), 4, 1)
    )
    # both exports into one store: each post once
    again = _import(tmp_path / "j.sqlite", config, h)
    assert again.new == 0
    assert months_of(tmp_path / "j.sqlite") == expected_months(posts)


def test_html_export_as_a_folder_and_its_texts(tmp_path):
    files = dyi_files(page_posts())
    folder = tmp_path / "export"
    write_html_export(folder, files, lang="vi", as_zip=False)
    res = read_dyi(folder)
    assert res.format == "dyi-html-folder"
    by_text = {it.text: it for it in res.items}
    link = by_text["Mời đọc bài trên website của Công đoàn Hà Tĩnh"]
    assert link.media_type == "link" and link.link_url.startswith("https://congdoanhatinh.org.vn/")
    assert by_text["Clip: LĐLĐ huyện Hương Sơn thăm công nhân"].media_type == "video"
    assert by_text[""].media_type == "share"  # a bare reshare: a post with no text


def test_the_vietnamese_fixture(config, tmp_path):
    res = read_dyi(FIXTURES / "dyi_html_vi")
    assert [
        (it.published.astimezone(LOCAL).strftime("%d/%m/%Y %H:%M:%S"), it.media_type)
        for it in res.items
    ] == [
        ("01/10/2025 10:21:24", "photo"),
        ("01/10/2025 22:21:24", "video"),
        ("02/10/2025 08:05:00", "link"),
        ("03/10/2025 19:00:00", "video"),
    ]
    assert res.items[0].text.startswith("LĐLĐ huyện Can Lộc")


def test_an_html_file_that_is_not_an_export(tmp_path, capsys):
    p = (
        tmp_path
        / "exp"
        / "your_facebook_activity"
        / "posts"
        / "your_posts__check_ins__photos_and_videos_1.html"
    )
    p.parent.mkdir(parents=True)
    p.write_text("<html><body><p>Trang đăng nhập</p></body></html>", encoding="utf-8")
    with pytest.raises(FacebookImportError, match="not a page of a Facebook HTML export"):
        read_dyi(tmp_path / "exp")
    assert (
        cli.main(["import-facebook", str(tmp_path / "exp"), "--db", str(tmp_path / "d.sqlite")])
        == 1
    )
    assert "HTML export" in capsys.readouterr().err
