"""The month, year and contributor workbooks: print setup on every sheet, links that open,
statuses coloured by conditional formatting, names beside ids, a summary without filters."""

from __future__ import annotations

import openpyxl
import pytest
from helpers.reports_fixture import make_month

from reports.monthdata import build_month
from reports.render import write_contributors, write_month, write_year


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    base = tmp_path_factory.mktemp("xlsx")
    store, config, _db = make_month(base)
    out = base / "out"
    paths = {
        "month": write_month(store, config, "2025-05", out, {"xlsx"})["xlsx"],
        "year": write_year(store, config, 2025, out, {"xlsx"})["xlsx"],
        "contributors": write_contributors(store, config, "2025-05", out, {"xlsx"})["xlsx"],
    }
    data = build_month(store, config, "2025-05")
    store.close()
    return {k: openpyxl.load_workbook(p) for k, p in paths.items()}, data


@pytest.mark.parametrize("name", ["month", "year", "contributors"])
def test_print_setup_on_every_sheet(books, name):
    wb = books[0][name]
    for ws in wb.worksheets:
        ps = ws.page_setup
        assert int(ps.paperSize) == 9, ws.title  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ps.fitToWidth == 1 and ps.fitToHeight == 0, ws.title
        assert ws.print_title_rows, ws.title  # the header row repeats on each page
        assert "&P" in ws.oddFooter.center.text, ws.title
        widths = sum((ws.column_dimensions[c].width or 9) for c in
                     [openpyxl.utils.get_column_letter(j) for j in range(1, ws.max_column + 1)])
        if widths > 95:
            assert ps.orientation == "landscape", ws.title


def test_wide_sheets_are_landscape_and_print_their_readable_columns(books):
    wb = books[0]["month"]
    items = wb["Tin bài"]
    assert items.page_setup.orientation == "landscape"
    assert items.print_title_rows == "$1:$1"
    assert str(items.print_area).endswith(f"$G${items.max_row}")


def test_links_open(books):
    wb = books[0]["month"]
    items = wb["Tin bài"]
    header = [c.value for c in items[1]]
    col = header.index("Đường dẫn") + 1
    linked = [items.cell(r, col) for r in range(2, items.max_row + 1)]
    assert all(c.hyperlink is not None and c.hyperlink.target == c.value for c in linked if c.value)
    assert sum(1 for c in linked if c.hyperlink) >= 10
    contrib = books[0]["contributors"]["Tin bài"]
    assert any(c.hyperlink is not None for c in contrib["F"][1:])


def test_statuses_coloured_by_conditional_formatting(books):
    wb = books[0]["month"]
    for title in ("Tổng hợp", "Cộng tác viên"):
        rules = [r for cf in wb[title].conditional_formatting for r in cf.rules]
        formulas = {f for r in rules for f in (r.formula or [])}
        assert '"Đạt"' in formulas and '"Chưa đạt"' in formulas, title
        assert all(r.dxf is not None and r.dxf.fill is not None for r in rules), title


def test_names_beside_ids(books):
    wb, _data = books
    items = wb["month"]["Tin bài"]
    header = [c.value for c in items[1]]
    names, ids = header.index("Người viết"), header.index("Mã người viết")
    rows = list(items.iter_rows(min_row=2, values_only=True))
    row = next(r for r in rows if r[ids] == "nguyen-thu-ha")
    assert row[names] == "Nguyễn Thu Hà"
    contrib = {r[0]: r[1] for r in wb["month"]["Cộng tác viên"].iter_rows(min_row=2, values_only=True)}
    assert contrib["tran-van-nam"] == "Trần Văn Nam"
    ycontrib = {r[0]: r[1] for r in wb["year"]["Cộng tác viên"].iter_rows(min_row=2, values_only=True)}
    assert ycontrib["tran-van-nam"] == "Trần Văn Nam"


def test_summary_reads_without_filters(books):
    wb, data = books
    ws = wb["month"]["Tổng hợp"]
    assert not ws.auto_filter.ref
    assert ws["A1"].value == "Kết quả thực hiện Nghị quyết 06/NQ-LĐLĐ – Tháng 5/2025"
    quotas = {r[0].split(" – ")[0]: r for r in ws.iter_rows(values_only=True)
              if isinstance(r[0], str) and " – " in r[0]}  # fmt: skip
    q = next(q for q in data["quotas"] if q["id"] == "B.I.2a")
    # no target of the month has a stretch: no empty "Phấn đấu" column
    header = next(r for r in ws.iter_rows(values_only=True) if r[0] == "Chỉ tiêu")
    assert "Phấn đấu" not in header and header[4] == "Đánh giá"
    assert quotas["B.I.2a"][2:4] == (q["actual"], q["target"]) and quotas["B.I.2a"][4] == "Chưa đạt"
    b21 = quotas["B.II.1"][5]
    assert b21.startswith("Các đơn vị chưa có video clip")


def test_numbers_keep_a_space_from_the_next_column_and_the_footer_has_room(books):
    wb, _data = books
    ws = wb["month"]["Tổng hợp"]
    row = next(r for r in ws.iter_rows() if isinstance(r[0].value, str) and r[0].value.startswith("B.I.2a"))
    target, status = row[3], row[4]
    assert isinstance(target.value, int)
    assert target.alignment.horizontal == "right" and target.alignment.indent >= 1
    assert status.alignment.horizontal == "left" and status.alignment.indent >= 1
    for sheet in wb["month"].worksheets:
        m = sheet.page_margins
        assert m.bottom - m.footer >= 0.5, sheet.title  # the page numbers are never clipped
