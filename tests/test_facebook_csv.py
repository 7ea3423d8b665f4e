"""Reading Business Suite and Insights CSV exports."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from collectors.facebook.business_csv import parse_publish_time, read_csv
from collectors.facebook.errors import FacebookImportError

FIXTURES = Path(__file__).parent / "fixtures" / "facebook"

BS_HEADER = (
    '"Post ID","Page ID","Page name",Title,Description,"Duration (sec)","Publish time",'
    '"Caption type",Permalink,"Is crosspost","Is share","Post type",Languages,"Custom labels",'
    '"Funded content status","Data comment",Date,Views,Reach,"Reactions, Comments and Shares",'
    "Reactions,Comments,Shares"
)
PAGE = "100064567890123"


def bs_row(post_id, title, publish, ptype, description="", permalink=None, is_share="0"):
    def q(s):
        return '"' + s.replace('"', '""') + '"'

    permalink = permalink or f"https://www.facebook.com/congdoanhatinh/posts/{post_id}"
    return ",".join([
        q(post_id), PAGE, q("Công đoàn Hà Tĩnh"), q(title), q(description), "0", q(publish),
        "N/A", permalink, "0", is_share, ptype, "", "", "", "", "Lifetime", "10", "8", "3", "2", "1", "0",
    ])  # fmt: skip


def write(path: Path, lines: list[str], bom: bool = True) -> Path:
    path.write_bytes(
        ("\ufeff" if bom else "").encode() + ("\r\n".join(lines) + "\r\n").encode("utf-8")
    )
    return path


def test_business_suite_csv(tmp_path):
    p = write(tmp_path / "posts.csv", [
        BS_HEADER,
        bs_row("1222000000000001", "LĐLĐ huyện Can Lộc tổ chức hội nghị\nNgày 31/3, hội nghị \"thành công\".",
               "03/31/2025 23:30", "Photos"),
        bs_row("1222000000000002", "Tháng Công nhân 2025", "04/01/2025 06:00:15", "Reels"),
        bs_row("1222000000000003", "Video title", "04/02/2025 07:00", "Videos",
               description="Caption of the video"),
        bs_row("1222000000000004", "Đọc thêm https://congdoanhatinh.org.vn/tin-abc-1542774243.html",
               "04/03/2025 08:00", "Links"),
        bs_row("1222000000000005", "Chúc mừng", "05/01/2025 09:00", "Text"),
        bs_row(f"{PAGE}_1222000000000006", "Trạng thái", "05/02/2025 09:00", "Status"),
        bs_row("1222000000000001", "LĐLĐ huyện Can Lộc tổ chức hội nghị", "03/31/2025 23:30", "Photos"),
    ])  # fmt: skip
    res = read_csv(p)
    assert res.format == "business-suite-csv"
    assert res.duplicates == 1  # the same Post ID twice
    assert res.warnings == []
    items = res.items
    assert [i.key for i in items] == [f"fb:122200000000000{n}" for n in range(1, 7)]
    assert Counter(i.media_type for i in items) == {"video": 2, "photo": 1, "link": 1, "text": 2}
    first = items[0]
    # Publish time is local time: 23:30 on 31 March in Hà Tĩnh is 16:30 UTC.
    assert first.published == datetime(2025, 3, 31, 16, 30, tzinfo=UTC)
    assert first.text == 'LĐLĐ huyện Can Lộc tổ chức hội nghị\nNgày 31/3, hội nghị "thành công".'
    assert first.title == "LĐLĐ huyện Can Lộc tổ chức hội nghị"
    assert first.url == "https://www.facebook.com/congdoanhatinh/posts/1222000000000001"
    assert first.raw["Post ID"] == "1222000000000001"  # kept as a string
    assert items[1].published == datetime(2025, 3, 31, 23, 0, 15, tzinfo=UTC)
    assert items[2].text == "Video title\nCaption of the video"
    assert items[3].link_url == "https://congdoanhatinh.org.vn/tin-abc-1542774243.html"


def test_excel_mangled_ids_are_reported_and_replaced(tmp_path):
    p = write(tmp_path / "excel.csv", [
        BS_HEADER,
        bs_row("1.22158E+17", "Bài một", "04/05/2025 10:00", "Photos",
               permalink="https://www.facebook.com/congdoanhatinh/posts/pfbid0abc"),
        bs_row("1.22158E+17", "Bài hai", "04/05/2025 10:00", "Photos",
               permalink="https://www.facebook.com/congdoanhatinh/posts/pfbid0def"),
        bs_row("1.22158E+17", "Bài ba", "04/06/2025 10:00", "Photos",
               permalink="https://www.facebook.com/permalink.php?story_fbid=122158123456789012&id=1"),
    ], bom=False)  # fmt: skip
    res = read_csv(p)
    assert len(res.items) == 3
    keys = [i.key for i in res.items]
    assert keys[0].startswith("fb-min:202504051000:") and keys[1].startswith("fb-min:202504051000:")
    assert keys[0] != keys[1]
    assert keys[2] == "fb:122158123456789012"
    assert len(res.warnings) == 3
    assert "line 2" in res.warnings[0] and "1.22158E+17" in res.warnings[0]
    assert "line 3" in res.warnings[1] and "line 4" in res.warnings[2]


def test_unknown_post_type_is_a_post_and_a_warning(tmp_path):
    p = write(tmp_path / "u.csv", [
        BS_HEADER,
        bs_row("1", "Sự kiện mới", "04/05/2025 10:00", "Hologram"),
        bs_row("2", "Sự kiện khác", "04/06/2025 10:00", "Hologram"),
        bs_row("3", "", "04/07/2025 10:00", "", is_share="1"),
    ])  # fmt: skip
    res = read_csv(p)
    assert [i.media_type for i in res.items] == ["text", "text", "share"]
    assert len(res.warnings) == 1
    assert "'Hologram'" in res.warnings[0] and "2 row(s)" in res.warnings[0]
    assert "line 2, 3" in res.warnings[0]


def test_headers_matched_case_insensitively_and_semicolons(tmp_path):
    p = write(tmp_path / "c.csv", [
        "post id;PUBLISH TIME;title;post TYPE",
        "9001;04/05/2025 10:00;Hội nghị;videos",
    ])  # fmt: skip
    res = read_csv(p)
    assert [(i.key, i.media_type, i.text) for i in res.items] == [("fb:9001", "video", "Hội nghị")]


def test_real_business_suite_fixture():
    res = read_csv(FIXTURES / "business_suite_style_fixture_SYNTHETIC.csv")
    assert res.format == "business-suite-csv"
    assert [i.key for i in res.items] == ["fb:1823209189212424", "fb:1827720132094663"]
    autumn = res.items[1]
    assert autumn.text.startswith("An autumn favourite is back! 🍁")
    assert '"really"' in autumn.text and "#StoneCarving" in autumn.text  # quoted newlines kept
    assert autumn.title == "An autumn favourite is back! 🍁"
    assert autumn.media_type == "photo"
    assert autumn.published == datetime(2026, 9, 28, 11, 12, tzinfo=UTC)
    assert autumn.url.endswith("/posts/pfbidNEW1")


def test_real_insights_fixture_skips_the_lifetime_row():
    res = read_csv(FIXTURES / "facebook_insights_post_export_2015.csv")
    assert res.format == "insights-csv"
    assert [i.key for i in res.items] == ["fb:980216225376404", "fb:980422845355742"]
    assert [i.published for i in res.items] == [
        datetime(2015, 10, 1, 2, 22, tzinfo=UTC),  # 10/1/2015 9:22 local
        datetime(2015, 10, 1, 14, 0, tzinfo=UTC),  # 10/1/2015 21:00 local
    ]
    assert all(i.media_type == "photo" for i in res.items)
    assert res.items[1].url == "https://www.facebook.com/BoostedUSCTrials/posts/980422845355742"
    assert res.items[1].text.startswith("This clinical research study")


def test_bad_publish_time_names_the_line(tmp_path):
    p = write(tmp_path / "bad.csv", [BS_HEADER, bs_row("1", "a", "04/05/2025 10:00", "Photos"),
                                     bs_row("2", "b", "hôm qua", "Photos")])  # fmt: skip
    with pytest.raises(FacebookImportError, match=r"bad\.csv: line 3: no readable publish time"):
        read_csv(p)


def test_not_an_export(tmp_path):
    p = write(tmp_path / "other.csv", ["name,email", "A,a@example.org"])
    with pytest.raises(FacebookImportError, match=r"other\.csv: not a Facebook post export"):
        read_csv(p)


def test_publish_time_formats():
    assert parse_publish_time("10/1/2015 9:22") == datetime(2015, 10, 1, 2, 22, tzinfo=UTC)
    assert parse_publish_time("05/01/2025 00:05:30") == datetime(2025, 4, 30, 17, 5, 30, tzinfo=UTC)
    assert parse_publish_time("2025-05-01T00:05:00+0000") == datetime(2025, 5, 1, 0, 5, tzinfo=UTC)
    assert parse_publish_time("") is None and parse_publish_time("Lifetime") is None
