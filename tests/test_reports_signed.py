"""The DOCX a federation signs: the signed part (results, the federation's own shortcomings,
tasks, signature) never holds the tool's data gaps or a command, keeps its signature with
text, writes counts with separators; the editors' annex after it holds the data quality. The
year report of data that starts in March marks the months it has not read and judges none."""

from __future__ import annotations

import re
import shutil
import subprocess

import docx
import lxml.html
import openpyxl
import pytest
from docx.oxml.ns import qn
from helpers.reports_fixture import _row, make_month

from reports.render import write_month, write_year
from reports.yeardata import build_year


def _collect(store, finished_utc: str) -> None:
    run_id = store.start_run("collect")
    store.finish_run(run_id, "ok")
    store.conn.execute("UPDATE runs SET finished_at = ? WHERE id = ?", (finished_utc, run_id))
    store.conn.commit()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """May 2025's fixture plus 1,000 news items in March; the site read on 2 June 2025."""
    base = tmp_path_factory.mktemp("signed")
    store, config, _db = make_month(base)
    with store.transaction():
        for i in range(1000):
            day = 1 + i % 28
            store.upsert_item(_row("website", f"/thang-3-{i}", f"2025-03-{day:02d}T02:00:00Z",
                                   f"2025-03-{day:02d}", unit_id="ldld-can-loc"))  # fmt: skip
    _collect(store, "2025-06-01T19:02:11Z")
    month = write_month(store, config, "2025-05", base / "out", {"docx", "html", "xlsx"})
    year = write_year(store, config, 2025, base / "out", {"docx", "json", "html", "xlsx"})
    data = build_year(store, config, 2025)
    store.close()
    return month["docx"], year, data, month


def _parts(path) -> tuple[str, str]:
    """(signed part, annex) texts: the body up to the first section break, then the rest."""
    d = docx.Document(path)
    signed, annex = [], []
    now = signed
    for el in d.element.body.iterchildren():
        text = "\n".join("".join(t.text or "" for t in par.iter(qn("w:t"))) for par in el.iter(qn("w:p")))
        now.append(text)
        if el.tag == qn("w:p") and el.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            now = annex
    return "\n".join(signed), "\n".join(annex)


GAP_WORDS = ("chưa xác định được đơn vị", "công cụ", "đăng lại", "chưa tải được", "Rà soát, gán")


@pytest.mark.parametrize("which", ["month", "year"])
def test_the_signed_part_holds_no_data_gap_and_no_command(corpus, which):
    path = corpus[0] if which == "month" else corpus[1]["docx"]
    signed, annex = _parts(path)
    assert "TRƯỞNG BAN" in signed and "PHỤ LỤC" in annex
    for words in GAP_WORDS:
        assert words not in signed, words
    assert "cdht" not in signed and "cdht" not in annex
    assert "chưa xác định được đơn vị" in annex  # the gaps are told, to the editors


def test_month_annex_tells_the_editors_what_to_check(corpus):
    signed, annex = _parts(corpus[0])
    assert "II. TỒN TẠI, HẠN CHẾ" in signed and "1. Chất lượng số liệu" in annex
    assert "Mục cần kiểm tra lại (công cụ chưa chắc chắn)" in annex
    assert "bàn biên tập" in annex and "có thể bỏ khi in" in annex


def _numbers_without_separator(text: str) -> list[str]:
    # a year (2024–2028), alone or in a date, is not a count
    found = re.findall(r"(?<![\d.,/])\d{4,}(?![\d.,])", text)
    return [x for x in found if not (len(x) == 4 and x.startswith("20"))]


@pytest.mark.parametrize("which", ["month", "year"])
def test_counts_of_four_digits_carry_separators(corpus, which):
    path = corpus[0] if which == "month" else corpus[1]["docx"]
    signed, annex = _parts(path)
    assert _numbers_without_separator(signed + annex) == []
    if which == "year":
        assert "1.000" in signed  # March's 1,000 news items
    else:
        assert "1.000 chữ" in annex  # the reason a word count is unsure


def test_the_signature_keeps_with_the_last_section(corpus):
    d = docx.Document(corpus[0])
    paras = d.paragraphs
    heading = next(i for i, p in enumerate(paras) if p.text == "III. NHIỆM VỤ THÁNG TỚI")
    chain = paras[heading:heading + 4]  # the heading, its two tasks, the space before the table
    assert all(p.paragraph_format.keep_with_next for p in chain)
    sign = next(t for t in d.tables if "TRƯỞNG BAN" in t.rows[0].cells[1].text)
    assert sign.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None


@pytest.mark.skipif(not shutil.which("soffice") or not shutil.which("pdftotext"), reason="no LibreOffice")
def test_the_signature_shares_its_page_with_text(corpus, tmp_path):
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(corpus[0])], check=True, capture_output=True, timeout=120)  # fmt: skip
    pdf = next(tmp_path.glob("*.pdf"))
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout.split("\f")  # fmt: skip
    page = next(p for p in pages if "TRƯỞNG BAN" in p)
    assert "NHIỆM VỤ THÁNG TỚI" in page or "Đôn đốc" in page or "Tiếp tục" in page


def test_year_marks_the_months_it_has_not_read(corpus):
    data = corpus[2]
    unread = [m["period"][5:] for m in data["months"] if m["no_data"]]
    assert unread == ["01", "02", "06", "07", "08", "09", "10", "11", "12"]
    assert data["months_read"] == ["2025-03", "2025-04", "2025-05"]
    d = docx.Document(corpus[1]["docx"])
    table = next(t for t in d.tables if t.rows[0].cells[0].text == "Tháng")
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in table.rows[1:]}
    assert rows["Tháng 1/2025"][1:] == ["—", "—", "—", "—", "—", "Chưa có số liệu"]
    assert rows["Tháng 3/2025"][1] == "1.000" and rows["Tháng 3/2025"][-1] == ""
    signed, _annex = _parts(corpus[1]["docx"])
    assert "tháng 1, 2, 6–12/2025 chưa có số liệu" in signed


def test_months_without_data_give_no_shortcoming_and_a_finished_year_no_risk(corpus):
    data = corpus[2]
    tet = next(q for q in data["quotas"] if q["id"] == "B.II.1" and "Tết" in q["period_label"])
    assert tet["status"] == "no_data" and tet["status_label"] == "Chưa có số liệu"
    assert all(q["status"] not in ("at_risk", "on_track") for q in data["quotas"])
    signed, _annex = _parts(corpus[1]["docx"])
    issues = signed.split("II. TỒN TẠI, HẠN CHẾ")[1].split("III. NHIỆM VỤ")[0]
    assert "Tết Sum vầy 2025" not in issues and "Chưa đơn vị nào" not in issues
    assert "Sơ kết 6 tháng 2025" not in issues  # June and July were not read
    assert "có nguy cơ" not in signed.lower()
    # a target read in part speaks only of the days read
    assert "B.IV.3, Năm 2025) chưa đạt (chỉ tính số liệu từ 01/03/2025 đến 01/06/2025)" in issues


def _visible_text(path) -> str:
    page = lxml.html.fromstring(path.read_text(encoding="utf-8"))
    for el in page.xpath("//script|//style"):
        el.drop_tree()
    return page.text_content()


def test_no_command_in_the_html_and_the_workbook_staff_read(corpus):
    month = corpus[3]
    assert "cdht" not in _visible_text(month["html"])
    wb = openpyxl.load_workbook(month["xlsx"])
    cells = [str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]
    assert "Cách sửa" in cells and not [c for c in cells if "cdht" in c]


def test_year_html_and_workbook_mark_the_unread_months(corpus):
    year = corpus[1]
    page = lxml.html.fromstring(year["html"].read_text(encoding="utf-8"))
    rows = {tr.cssselect("td")[0].text_content().strip(): tr for tr in page.cssselect("table.months tbody tr")}
    assert "chưa có số liệu" in rows["Tháng 1/2025"].text_content()
    assert "no-data" in rows["Tháng 7/2025"].get("class", "")
    assert "no-data" not in (rows["Tháng 3/2025"].get("class") or "")
    assert "tháng 1, 2, 6–12/2025 chưa có số liệu" in page.cssselect(".no-data-months")[0].text_content()
    ws = openpyxl.load_workbook(year["xlsx"])["Từng tháng"]
    by_month = {r[0]: r for r in ws.iter_rows(values_only=True) if r and r[0]}
    assert by_month["Tháng 2/2025"][1] is None and by_month["Tháng 2/2025"][-1] == "Chưa có số liệu"
    assert by_month["Tháng 3/2025"][1] == 1000 and by_month["Tháng 3/2025"][-1] in ("", None)
