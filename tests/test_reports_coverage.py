"""A period the tool has not finished reading is never shown as a plain period of zeros."""

from __future__ import annotations

import json

import docx
import openpyxl
import pytest
from helpers.reports_fixture import make_month

from reports.monthdata import build_month
from reports.render import write_contributors, write_month, write_year
from reports.yeardata import build_contributors, build_year


def _run(store, command: str, finished_utc: str, outcome: str = "ok") -> None:
    run_id = store.start_run(command)
    store.finish_run(run_id, outcome)
    store.conn.execute("UPDATE runs SET finished_at = ? WHERE id = ?", (finished_utc, run_id))
    store.conn.commit()


@pytest.fixture
def month(tmp_path):
    store, config, _db = make_month(tmp_path)
    yield store, config, tmp_path
    store.close()


def test_no_collection_at_all(month):
    store, config, _ = month
    cov = build_month(store, config, "2025-05")["coverage"]
    assert cov["website_read_at"] is None
    assert cov["complete"] is False
    assert "CHƯA CÓ SỐ LIỆU" in cov["warning"]


def test_collection_after_the_month_is_complete(month):
    store, config, _ = month
    _run(store, "collect", "2025-06-01T19:02:11Z")
    _run(store, "collect", "2025-06-03T19:00:00Z", outcome="failed")  # a failed run is no read
    _run(store, "import-facebook", "2025-06-02T03:15:00Z")
    cov = build_month(store, config, "2025-05")["coverage"]
    assert cov["website_read_at"] == "2025-06-01T19:02:11Z"
    assert cov["complete"] is True
    assert cov["warning"] == ""
    assert cov["website_read_label"] == "02/06/2025 02:02"  # local time
    assert "Website đọc lần cuối lúc 02/06/2025 02:02." in cov["lines"]


def test_collection_on_the_last_evening_in_local_time_is_not_after(month):
    store, config, _ = month
    _run(store, "nightly:collect", "2025-05-31T16:30:00Z")  # 23:30 on 31/05 local
    assert build_month(store, config, "2025-05")["coverage"]["complete"] is False
    _run(store, "nightly:collect", "2025-05-31T17:30:00Z")  # 00:30 on 01/06 local
    assert build_month(store, config, "2025-05")["coverage"]["complete"] is True


def test_month_after_the_data_ends_warns_in_every_format(month):
    store, config, tmp = month
    _run(store, "collect", "2025-06-01T19:02:11Z")
    data = build_month(store, config, "2025-09")
    cov = data["coverage"]
    assert cov["complete"] is False and data["website"]["total"] == 0
    assert "CHƯA CÓ SỐ LIỆU" in cov["warning"] and "02/06/2025 02:02" in cov["warning"]
    for key in ("period", "website", "facebook", "units", "contributors", "unattributed", "quotas"):
        assert key in data
    paths = write_month(store, config, "2025-09", tmp / "out")
    saved = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert saved["coverage"]["website_read_at"] == "2025-06-01T19:02:11Z"
    assert saved["coverage"]["complete"] is False
    html = paths["html"].read_text(encoding="utf-8")
    assert 'class="stale"' in html and "CHƯA CÓ SỐ LIỆU" in html and "02/06/2025 02:02" in html
    text = "\n".join(p.text for p in docx.Document(paths["docx"]).paragraphs)
    assert "Lưu ý về số liệu" in text and "02/06/2025 02:02" in text
    ws = openpyxl.load_workbook(paths["xlsx"]).worksheets[0]
    cells = [c.value for row in ws.iter_rows(max_row=8) for c in row if isinstance(c.value, str)]
    assert any("CHƯA CÓ SỐ LIỆU" in c for c in cells)


def test_stale_inside_the_month(month):
    store, config, _ = month
    _run(store, "collect", "2025-05-20T01:00:00Z")
    cov = build_month(store, config, "2025-05")["coverage"]
    assert not cov["complete"]
    assert "SỐ LIỆU CHƯA ĐỦ" in cov["warning"] and "20/05/2025 08:00" in cov["warning"]
    assert "Facebook" in cov["warning"]


def test_year_and_contributor_reports_warn(month):
    store, config, tmp = month
    _run(store, "collect", "2025-06-01T19:02:11Z")
    year = build_year(store, config, 2025)
    assert year["coverage"]["complete"] is False and year["coverage"]["warning"]
    contrib = build_contributors(store, config, "2025-07")
    assert "CHƯA CÓ SỐ LIỆU" in contrib["coverage"]["warning"]
    ypaths = write_year(store, config, 2025, tmp / "y")
    assert "SỐ LIỆU CHƯA ĐỦ" in ypaths["html"].read_text(encoding="utf-8")
    ytext = "\n".join(p.text for p in docx.Document(ypaths["docx"]).paragraphs)
    assert "Lưu ý về số liệu" in ytext
    cpaths = write_contributors(store, config, "2025-07", tmp / "c")
    assert "CHƯA CÓ SỐ LIỆU" in cpaths["html"].read_text(encoding="utf-8")
    ws = openpyxl.load_workbook(cpaths["xlsx"]).worksheets[0]
    assert any("CHƯA CÓ SỐ LIỆU" in (c.value or "") for row in ws.iter_rows(max_row=8) for c in row
               if isinstance(c.value, str))  # fmt: skip


def test_docx_of_a_month_without_data_does_not_read_as_zeros(month):
    store, config, tmp = month
    _run(store, "collect", "2025-06-01T19:02:11Z")
    paths = write_month(store, config, "2025-09", tmp / "sep", {"docx"})
    text = "\n".join(p.text for p in docx.Document(paths["docx"]).paragraphs)
    assert "Chưa có số liệu tin, bài của kỳ này" in text
    assert "toàn hệ thống đăng trên Trang thông tin điện tử 0 tin" not in text
