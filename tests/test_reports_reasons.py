"""The worklist speaks Vietnamese, says when a name fits two units, and lists reposts apart."""

from __future__ import annotations

import openpyxl
import pytest
from helpers.reports_fixture import make_month

from reports.monthdata import build_month
from reports.reasons import date_source_vi, kind_reason_vi, unit_reason_vi
from reports.render import write_month

ENGLISH = ("repost (no unit)", "no unit named", "player in the body", "words (", "JSON-LD",
           "datePublished", "default (news)", "byline names", "listing date", "pending:",
           "marker in the title")  # fmt: skip


@pytest.fixture
def month(tmp_path):
    store, config, _db = make_month(tmp_path)
    with store.transaction():
        store.upsert_item({
            "source": "website", "key": "/mo-ho", "url": "https://congdoanhatinh.vn/mo-ho",
            "title": "LĐLĐ Kỳ Anh tổ chức Tháng Công nhân", "published_utc": "2025-05-19T02:00:00Z",
            "local_date": "2025-05-19", "date_source": "JSON-LD datePublished", "kind": "video",
            "kind_reason": "player in the body with 127 words (< 150)", "unit_id": None,
            "unit_reason": "no unit named", "with_video": 1,
        })  # fmt: skip
    yield store, config, tmp_path
    store.close()


def test_reason_translations():
    assert unit_reason_vi("repost (no unit)") == "tin đăng lại («Theo …»), không tính cho đơn vị nào"
    assert unit_reason_vi("byline names «LĐLĐ huyện Kỳ Anh»") == "dòng ký tên ghi «LĐLĐ huyện Kỳ Anh»"
    assert unit_reason_vi("contributor nguyen-thu-ha's unit", {"nguyen-thu-ha": "Nguyễn Thu Hà"}) == (
        "đơn vị của người viết Nguyễn Thu Hà")
    assert kind_reason_vi("player in the body with 127 words (< 150)") == (
        "có trình phát video, phần chữ chỉ 127 chữ (dưới 150)")
    assert kind_reason_vi("212 words (≥ 200)") == "bài dài 212 chữ (từ 200 chữ trở lên)"
    assert kind_reason_vi("facebook photo") == "bài Facebook (ảnh)"
    assert date_source_vi("JSON-LD datePublished") == "dữ liệu mô tả bài trong mã trang"


def test_ambiguous_name_says_so(month):
    store, config, _ = month
    data = build_month(store, config, "2025-05")
    item = next(it for it in data["items"] if it["key"] == "/mo-ho")
    assert item["unit_reason_vi"].startswith("tên đơn vị khớp hai đơn vị: ")
    assert "LĐLĐ huyện Kỳ Anh" in item["unit_reason_vi"] and "LĐLĐ thị xã Kỳ Anh" in item["unit_reason_vi"]
    assert set(item["ambiguous_units"]) == {"ldld-h-ky-anh", "ldld-tx-ky-anh"}
    assert item in data["data_quality"]["ambiguous"]


def test_reposts_apart_from_decisions(month):
    store, config, _ = month
    dq = build_month(store, config, "2025-05")["data_quality"]
    keys = {it["key"] for it in dq["unit_decision"]}
    assert "/tin-9" not in keys  # the repost
    assert "/cho-1" not in keys  # the page not fetched yet waits for the next run
    assert keys == {"/mo-ho"}
    assert dq["counts"]["reposts"] == 1 and dq["counts"]["pending"] == 1
    # /mo-ho (unit), /tin-10 (date from the listing)
    assert dq["counts"]["decisions"] == 2


def test_no_english_reason_in_html_or_xlsx(month):
    store, config, tmp = month
    paths = write_month(store, config, "2025-05", tmp / "out", {"html", "xlsx"})
    html = paths["html"].read_text(encoding="utf-8")
    for phrase in ENGLISH:
        assert phrase not in html, phrase
    assert "tên đơn vị khớp hai đơn vị" in html
    assert "có trình phát video, phần chữ chỉ 127 chữ (dưới 150)" in html
    wb = openpyxl.load_workbook(paths["xlsx"])
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            for v in row:
                if isinstance(v, str) and not v.startswith(("http", "/")):
                    for phrase in ENGLISH:
                        assert phrase not in v, (ws.title, v)


def test_a_name_found_ambiguous_is_found_again_once_the_units_change(month):
    store, config, _ = month
    first = build_month(store, config, "2025-05")
    assert next(it for it in first["items"] if it["key"] == "/mo-ho")["ambiguous_units"]
    # the registry loses one of the two Kỳ Anh: the attributor is rebuilt, the name fits one unit
    config.units = [u for u in config.units if u.id != "ldld-tx-ky-anh"]
    config.extra.pop("engines", None)
    again = build_month(store, config, "2025-05")
    item = next(it for it in again["items"] if it["key"] == "/mo-ho")
    assert item["ambiguous_units"] == [] and not item["unit_reason_vi"].startswith("tên đơn vị khớp")
