"""Labelled date lines (published against updated, in any order), JSON-LD in an @graph, local
times without a zone, 12-hour times with SA/CH or AM/PM."""

from __future__ import annotations

from datetime import datetime

import pytest

from collectors.dates import LOCAL, find_date, labelled_dates, parse_iso, published_in
from collectors.extraction import extract_article
from collectors.profile import Selectors

PUB = datetime(2025, 3, 14, 9, 5, tzinfo=LOCAL)
LINES = [
    "Ngày đăng: 14/03/2025 09:05 | Cập nhật: 15/03/2025 10:20",
    "Cập nhật: 15/03/2025 10:20 - Ngày đăng: 14/03/2025 09:05",
    "Ngày cập nhật 15-03-2025 10:20, Đăng ngày 14-03-2025 09:05",
    "Sửa lần cuối: 10:20 15/03/2025 · Xuất bản: 09:05 14/03/2025",
    "Thời gian đăng: 09:05 SA 14/03/2025 (cập nhật 10:20 SA 15/03/2025)",
    "Cập nhật lúc 15/03/2025 10:20 Thời gian đăng 14/03/2025 - 9:05 AM",
]


@pytest.mark.parametrize("line", LINES)
def test_the_published_date_of_a_labelled_line(line):
    assert published_in(line) == (PUB, True)


def test_twelve_hour_times():
    assert find_date("14/03/2025 02:30 CH")[0] == datetime(2025, 3, 14, 14, 30, tzinfo=LOCAL)
    assert find_date("14/03/2025 12:10 SA")[0] == datetime(2025, 3, 14, 0, 10, tzinfo=LOCAL)
    assert find_date("9:05 PM, 14/03/2025")[0] == datetime(2025, 3, 14, 21, 5, tzinfo=LOCAL)
    assert find_date("14/03/2025 12:10 CH")[0] == datetime(2025, 3, 14, 12, 10, tzinfo=LOCAL)
    assert find_date("14/03/2025 08:15")[0] == datetime(2025, 3, 14, 8, 15, tzinfo=LOCAL)


def test_only_an_update_gives_nothing():
    assert published_in("Cập nhật: 15/03/2025 10:20") == (None, False)
    assert [k for *_, k in labelled_dates("Hôm nay: 15/03/2025, đăng lúc 14/03/2025")] == ["updated", "published"]


def page(meta_line: str, head: str = "") -> str:
    return f"""<html><head><title>Hội nghị công đoàn</title>{head}</head><body><div class="wrap">
    <h1>Hội nghị Ban Chấp hành Công đoàn ngành Y tế</h1><div class="thoi-gian">{meta_line}</div>
    <div class="noi-dung"><p>Sáng nay, Công đoàn ngành Y tế tổ chức hội nghị Ban Chấp hành lần thứ ba với sự tham dự của đông đảo đoàn viên.</p>
    <p>Hội nghị đã thông qua chương trình công tác quý II năm 2025.</p></div></div></body></html>"""


@pytest.mark.parametrize("line", LINES)
def test_a_page_takes_the_published_date_whatever_the_order(line):
    ex = extract_article(page(line))
    assert ex.published == PUB, ex.date_source
    ex = extract_article(page(line), selectors=Selectors(published=".thoi-gian"))
    assert ex.published == PUB and ex.date_source == "profile selector"


def test_labels_in_separate_elements():
    line = "<span>Cập nhật:</span> <span>15/03/2025 10:20</span> <span>Ngày đăng:</span> <span>14/03/2025 09:05</span>"
    assert extract_article(page(line)).published == PUB


def test_json_ld_in_a_graph_and_a_local_time_without_zone():
    head = """<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
      {"@type": "WebSite", "name": "Công đoàn"}, {"@type": "BreadcrumbList", "itemListElement": []},
      {"@type": ["NewsArticle"], "headline": "Hội nghị", "datePublished": "2025-03-14T09:05:00",
       "dateModified": "2025-03-15T10:20:00+07:00"}]}</script>"""
    ex = extract_article(page("Cập nhật: 15/03/2025 10:20", head))
    assert ex.published == PUB and ex.date_source == "JSON-LD datePublished"
    assert parse_iso("2025-03-14 09:05") == PUB
