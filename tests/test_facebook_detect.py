"""Format detection."""

from __future__ import annotations

from pathlib import Path

import pytest

from collectors.facebook.detect import detect_format
from collectors.facebook.errors import FacebookImportError
from pipeline.demo.facebook_export import LAYOUTS, post, write_export

FIXTURES = Path(__file__).parent / "fixtures" / "facebook"


def test_detects_each_format(tmp_path):
    posts = [post(1741000000, "x")]
    assert detect_format(write_export(tmp_path / "a.zip", {LAYOUTS["old"]: posts})) == "dyi-zip"
    folder = write_export(tmp_path / "f", {LAYOUTS["2023"]: posts}, as_zip=False)
    assert detect_format(folder) == "dyi-folder"
    assert (
        detect_format(FIXTURES / "business_suite_style_fixture_SYNTHETIC.csv")
        == "business-suite-csv"
    )
    assert detect_format(FIXTURES / "facebook_insights_post_export_2015.csv") == "insights-csv"


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("notes.csv", b"name,email\nA,a@example.org\n", "not a Facebook export"),
        ("feed.xml", b"<rss><channel></channel></rss>", "not a Facebook export"),
        ("empty.csv", b"", "empty"),
        ("broken.zip", b"PK\x03\x04garbage", "damaged or truncated zip"),
        ("one.json", b"[]", "single JSON file"),
        ("latin.csv", "Tên,Ngày\n".encode("cp1258"), "not UTF-8"),
    ],
)
def test_errors_name_the_file(tmp_path, name, content, message):
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(FacebookImportError) as exc:
        detect_format(p)
    assert str(p) in str(exc.value) and message in str(exc.value)


def test_missing_path_and_empty_folder(tmp_path):
    with pytest.raises(FacebookImportError, match="no such file"):
        detect_format(tmp_path / "nope.zip")
    (tmp_path / "d").mkdir()
    with pytest.raises(FacebookImportError, match="no Facebook posts file"):
        detect_format(tmp_path / "d")


def test_html_export_is_read_and_a_page_that_is_not_one_explained(tmp_path):
    from collectors.facebook.dyi import read_dyi

    z = write_export(tmp_path / "h.zip", {}, extra={"posts/your_posts_1.html": b"<html></html>"})
    assert detect_format(z) == "dyi-zip"
    with pytest.raises(FacebookImportError, match="not a page of a Facebook HTML export"):
        read_dyi(z)
