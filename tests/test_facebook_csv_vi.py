"""Business Suite CSVs in the Vietnamese interface, live videos, unknown types with a duration,
spreadsheets that are not CSVs, the Insights description row in Vietnamese, bad shapes."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from collectors.facebook.business_csv import find_columns, read_csv
from collectors.facebook.csv_columns import COLUMNS
from collectors.facebook.detect import detect_format
from collectors.facebook.errors import FacebookImportError
from pipeline import cli
from pipeline.demo.facebook_export import LAYOUTS, post, write_export
from pipeline.facebook_import import import_facebook
from pipeline.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "facebook"
VI = FIXTURES / "business_suite_vi_SYNTHETIC.csv"


def test_vietnamese_headers_are_all_known():
    header = VI.read_text(encoding="utf-8-sig").split("\n", 1)[0].replace('"', "").split(",")
    cols = find_columns(header)
    for field in ("post_id", "page_id", "page_name", "title", "description", "duration",
                  "publish", "permalink", "is_crosspost", "is_share", "post_type"):  # fmt: skip
        assert field in cols, field
    assert header[cols["permalink"]] == "Liên kết vĩnh viễn"
    assert header[cols["publish"]] == "Thời gian đăng"
    # every field used has an English and a Vietnamese header
    assert all(len(names) >= 2 for names in COLUMNS.values())


def test_vietnamese_csv_posts_links_live_and_unknown_types():
    res = read_csv(VI)
    assert res.format == "business-suite-csv"
    kinds = {it.key: it.media_type for it in res.items}
    assert kinds == {
        "fb:1221580000000001": "photo",
        "fb:1221580000000002": "video",
        "fb:1221580000000003": "link",
        "fb:1221580000000004": "video",  # Video trực tiếp
        "fb:1221580000000005": "video",  # Thước phim (a reel)
        "fb:1221580000000006": "video",  # unknown type with a duration
    }
    by_key = {it.key: it for it in res.items}
    assert by_key["fb:1221580000000003"].url.endswith("/posts/1221580000000003")
    assert by_key["fb:1221580000000003"].link_url.startswith("https://congdoanhatinh.org.vn/")
    assert by_key["fb:1221580000000005"].raw["alt_keys"] == ["reel:7771000000000005"]
    assert any("'Hologram'" in w and "counted as a video" in w for w in res.warnings)


def test_vietnamese_csv_links_to_the_website_article(tmp_path, config):
    with Store(tmp_path / "d.sqlite") as s:
        r = import_facebook(s, config, VI)
        row = s.conn.execute(
            "SELECT linked_key, url FROM items WHERE key = 'fb:1221580000000003'"
        ).fetchone()
    assert (r.posts, r.videos, r.linked) == (6, 4, 1)
    assert row["linked_key"] == "/tin-tuc/thang-cong-nhan-nam-2025-1743465600.html"


def test_live_in_english_and_unknown_type_without_duration(tmp_path):
    p = tmp_path / "p.csv"
    p.write_text(
        '"Post ID","Publish time","Post type","Duration (sec)",Description\n'
        "1,04/01/2025 08:00,Live,600,Trực tiếp\n"
        "2,04/01/2025 09:00,Hologram,,Một bài\n",
        encoding="utf-8",
    )
    res = read_csv(p)
    assert [it.media_type for it in res.items] == ["video", "text"]
    assert any("'Hologram'" in w and "not as videos" in w for w in res.warnings)


def test_insights_second_row_in_vietnamese_is_skipped(tmp_path):
    p = tmp_path / "insights.csv"
    p.write_text(
        '\ufeff"ID bài viết","Liên kết vĩnh viễn","Nội dung bài viết","Loại","Đã đăng","Tổng số lượt tiếp cận"\n'
        ',,,,,"Trọn đời: Số người đã xem bài viết của Trang"\n'
        '"104_1001","https://www.facebook.com/104/posts/1001","Tin một","Photo","04/10/2025 08:00","12"\n',
        encoding="utf-8",
    )
    assert detect_format(p) == "insights-csv"
    res = read_csv(p)
    assert [(it.key, it.media_type) for it in res.items] == [("fb:1001", "photo")]


def test_publish_times_outside_2004_2100_are_refused_per_row(tmp_path):
    p = tmp_path / "p.csv"
    p.write_text('"Post ID","Publish time","Post type"\n1,04/01/2025 08:00,Text\n'
                 '2,04/01/1999 08:00,Text\n3,04/01/5138 08:00,Text\n', encoding="utf-8")  # fmt: skip
    res = read_csv(p)
    assert [it.key for it in res.items] == ["fb:1"]
    assert sum("outside 2004–2100" in w for w in res.warnings) == 2


def _xlsx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", "<worksheet/>")
    return path


@pytest.mark.parametrize("name", ["posts.xlsx", "posts.csv", "posts.zip"])
def test_a_spreadsheet_says_to_export_csv(tmp_path, capsys, name):
    p = _xlsx(tmp_path / name)
    with pytest.raises(FacebookImportError, match="CSV UTF-8"):
        detect_format(p)
    assert cli.main(["import-facebook", str(p), "--db", str(tmp_path / "d.sqlite")]) == 1
    err = capsys.readouterr().err
    assert "xuất lại tệp CSV" in err and "export the CSV again" in err


def test_a_post_as_a_bare_object_is_refused_with_the_expected_shape(tmp_path, capsys):
    folder = write_export(
        tmp_path / "exp", {LAYOUTS["2025"]: post(1743465605, "Một bài")}, as_zip=False
    )
    with pytest.raises(FacebookImportError, match="bare object") as err:
        import_facebook(Store(tmp_path / "a.sqlite"), None, folder)  # type: ignore[arg-type]
    assert "expected a list of posts" in str(err.value)
    assert cli.main(["import-facebook", str(folder), "--db", str(tmp_path / "d.sqlite")]) == 1
    assert "bare object" in capsys.readouterr().err


def test_a_posts_file_of_unknown_shape_never_gives_0_posts(tmp_path, capsys):
    p = tmp_path / "exp" / LAYOUTS["2025"]
    p.parent.mkdir(parents=True)
    p.write_text(json.dumps({"items": [{"when": 1, "what": "x"}]}), encoding="utf-8")
    code = cli.main(["import-facebook", str(tmp_path / "exp"), "--db", str(tmp_path / "d.sqlite")])
    err = capsys.readouterr().err
    assert code == 1 and "expected a list of posts" in err


def test_a_csv_with_a_header_only_is_an_error(tmp_path, config):
    p = tmp_path / "p.csv"
    p.write_text('"Post ID","Publish time","Post type"\n', encoding="utf-8")
    with (
        Store(tmp_path / "d.sqlite") as s,
        pytest.raises(FacebookImportError, match="no post rows"),
    ):
        import_facebook(s, config, p)
