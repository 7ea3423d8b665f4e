"""The royalty sheet as XLSX and DOCX: the same figures as the JSON, the total in figures and
in words, the signature block; through LibreOffice, A4 with the signature on the total's page."""

from __future__ import annotations

import copy
import shutil
import subprocess

import docx
import openpyxl
import pytest
from helpers.royalties_fixture import make_royalty_month

from pipeline.store import audit
from reports.royalties import build_royalties
from reports.royalties_docx import write_sheet as write_docx
from reports.royalties_render import write_royalties
from reports.royalties_xlsx import SIGNERS, write_sheet


@pytest.fixture
def sheet(tmp_path):
    store, config, _db, _cdir = make_royalty_month(tmp_path)
    audit.decide(store, "ed", "website", "/bai-1", "points", 4.5)  # 9,5 points for Thu Hà
    data = build_royalties(store, config, "2025-05")
    paths = write_royalties(store, config, "2025-05", tmp_path / "out")
    store.close()
    return data, paths


def _rows(ws):
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_xlsx_rows_total_words_and_signature(sheet):
    data, paths = sheet
    wb = openpyxl.load_workbook(paths["xlsx"])
    assert wb.sheetnames == ["Bảng kê", "Chi tiết", "Không tính nhuận bút"]
    ws = wb["Bảng kê"]
    rows = _rows(ws)
    texts = [v for r in rows for v in r if isinstance(v, str)]
    assert "Bảng kê chi trả nhuận bút tháng 5/2025" in texts
    by_name = {r[1]: r for r in rows if isinstance(r[0], int)}
    for c in data["contributors"].values():
        r = by_name[c["name"]]
        assert r[2:10] == [c["unit_name"], c["role_label"], c["counts"]["news"], c["counts"]["articles"],
                           c["counts"]["videos"], c["points"], c["amount"], None]  # fmt: skip
    assert by_name["Nguyễn Thu Hà"][7:9] == [9.5, 2_223_000]
    total = next(r for r in rows if r[1] == "Tổng cộng")
    assert total[8] == data["total_amount"] == sum(r[8] for r in by_name.values())
    assert f"Tổng số tiền bằng số: {3_159_000:,} đồng".replace(",", ".") in texts
    assert "Bằng chữ: Ba triệu một trăm năm mươi chín nghìn đồng." in texts
    assert all(s in texts for s in SIGNERS)
    cell = next(c for row in ws.iter_rows() for c in row if c.value == data["total_amount"])
    assert "#,##0" in cell.number_format and "42A" in cell.number_format  # 3.159.000 in Vietnamese
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4 and ws.page_setup.orientation == "portrait"


def test_xlsx_items_of_each_contributor_and_the_unpaid(sheet):
    data, paths = sheet
    wb = openpyxl.load_workbook(paths["xlsx"])
    detail = _rows(wb["Chi tiết"])[3:]
    for c in data["contributors"].values():
        mine = [r for r in detail if r[0] == c["name"]]
        assert [r[2] for r in mine] == [it["title"] for it in c["items"]]
        assert [r[4:7] for r in mine] == [[it["points"], it["share"], it["earned"]] for it in c["items"]]
        sub = next(r for r in detail if r[0] == f"Cộng: {c['name']}")
        assert sub[6] == c["points"]
    unpaid = _rows(wb["Không tính nhuận bút"])[3:]
    assert len(unpaid) == len(data["unpaid"]) == 9
    assert {r[4] for r in unpaid} >= {"Tin đăng lại («Theo …»): không tính nhuận bút"}


def test_docx_carries_the_same_figures(sheet):
    data, paths = sheet
    d = docx.Document(str(paths["docx"]))
    cells = [p.text for t in d.tables for r in t.rows for c in r.cells for p in c.paragraphs]
    text = "\n".join([p.text for p in d.paragraphs] + cells)
    assert "Bảng kê chi trả nhuận bút tháng 5/2025" in text
    assert "Tổng số tiền bằng số: 3.159.000 đồng" in text
    assert f"Bằng chữ: {data['total_in_words']}." in text
    main = d.tables[1]
    rows = [[c.text for c in r.cells] for r in main.rows]
    by_name = {r[1]: r for r in rows[1:]}
    for c in data["contributors"].values():
        r = by_name[c["name"]]
        assert r[4:7] == [str(c["counts"][k]) for k in ("news", "articles", "videos")]
        assert r[8] == f"{c['amount']:,}".replace(",", ".")
    assert by_name["Nguyễn Thu Hà"][7] == "9,5"
    assert by_name["Tổng cộng"][8] == "3.159.000"
    assert all(s in cells for s in SIGNERS)
    section = d.sections[0]
    assert (round(section.page_width.cm), round(section.page_height.cm)) == (21, 30)


def _long(data: dict, n: int) -> dict:
    """The sheet of ``n`` contributors (the fixture's two, repeated), its total kept right."""
    out = copy.deepcopy(data)
    people = list(data["contributors"].values())
    out["contributors"] = {f"c{i}": {**people[i % 2], "name": f"Người viết số {i + 1}"} for i in range(n)}
    out["total_amount"] = sum(c["amount"] for c in out["contributors"].values())
    return out


@pytest.mark.skipif(not shutil.which("soffice") or not shutil.which("pdftotext"), reason="LibreOffice")
@pytest.mark.parametrize("n", [2, 12, 27, 44])  # the total near the end of a page
def test_signature_prints_on_the_page_of_the_total(sheet, tmp_path, n):
    data, _paths = sheet
    path = write_docx(_long(data, n), tmp_path / "nb.docx")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=180)  # fmt: skip
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "nb.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    pages = text.split("\f")
    total_page = next(i for i, p in enumerate(pages) if "Tổng cộng" in p)
    assert "Thủ trưởng đơn vị" in pages[total_page] and "Bằng chữ" in pages[total_page]
    info = subprocess.run(["pdfinfo", str(tmp_path / "nb.pdf")], capture_output=True, text=True).stdout
    assert "(A4)" in info


def test_write_sheet_alone(sheet, tmp_path):
    data, _paths = sheet
    path = write_sheet(data, tmp_path / "a.xlsx")
    assert openpyxl.load_workbook(path)["Bảng kê"]["A4"].value == data["title"]


@pytest.mark.skipif(not shutil.which("soffice") or not shutil.which("pdftotext"), reason="LibreOffice")
@pytest.mark.parametrize("n", [29, 31, 59])  # the total would end a page: the rows before it break
def test_xlsx_signature_prints_on_the_page_of_the_total(sheet, tmp_path, n):
    data, _paths = sheet
    path = write_sheet(_long(data, n), tmp_path / "nb.xlsx")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=180)  # fmt: skip
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "nb.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    pages = text.split("\f")
    total_page = next(i for i, p in enumerate(pages) if "Tổng cộng" in p)
    assert "Thủ trưởng đơn vị" in pages[total_page] and "Bằng chữ" in pages[total_page]


def test_a_title_like_a_formula_stays_text(tmp_path):
    store, config, _db, _cdir = make_royalty_month(tmp_path)
    store.conn.execute("UPDATE items SET title = '=HYPERLINK(\"http://x.example\",\"a\")' WHERE key = '/tin-1'")
    store.conn.execute("UPDATE items SET title = '@SUM(1)' WHERE key = '/tin-9'")
    path = write_sheet(build_royalties(store, config, "2025-05"), tmp_path / "nb.xlsx")
    store.close()
    wb = openpyxl.load_workbook(path)
    for sheet_name, title in (("Chi tiết", '=HYPERLINK("http://x.example","a")'), ("Không tính nhuận bút", "@SUM(1)")):
        cell = next(c for row in wb[sheet_name].iter_rows() for c in row if c.value == title)
        assert cell.data_type == "s" and cell.quotePrefix
