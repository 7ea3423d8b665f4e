"""The royalty sheet as a document people sign (python-docx): "Bảng kê chi trả nhuận bút tháng
M/YYYY", one row per contributor, the total in figures and in words, and the signature block
(Người lập biểu, Kế toán, Thủ trưởng đơn vị) kept on the page of the total; then, on pages of
their own, each contributor's items and the items that earn nothing. A4 portrait, Times New
Roman, the same figures as the workbook (reports/royalties_xlsx.py).
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from reports import atomic
from reports.common import vn_number
from reports.docx_parts import (
    FONT,
    apply_widths,
    office_table,
    page_numbers,
    properties,
    put,
    set_font,
    set_font_everywhere,
)
from reports.royalties_xlsx import DEPT, HEADER, ORG, SIGNERS, rates_line, sheet_rows, total_row

WIDTHS = [1.3, 2.8, 2.2, 1.6, 1.1, 1.6, 1.5, 1.3, 2.3, 1.3]  # 17 cm: the page less 2.5 + 1.5 cm
DETAIL_HEADER = ["Ngày đăng", "Tiêu đề", "Loại", "Điểm", "Phần hưởng", "Điểm hưởng"]
UNPAID_HEADER = ["Ngày đăng", "Tiêu đề", "Loại", "Người viết", "Lý do"]


def _para(doc, text: str = "", *, size: float = 13, bold=False, italic=False, center=False,
          after: float = 3, keep: bool = False):  # fmt: skip
    p = doc.add_paragraph()
    if text:
        set_font(p.add_run(text), size, bold=bold, italic=italic)
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(after)
    p.paragraph_format.space_before = Pt(0)
    p.paragraph_format.keep_with_next = keep
    return p


def _borderless(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    put(table._tbl.tblPr, borders)


def _lines(cell, lines: list[tuple[str, dict]], *, keep: bool = False) -> None:
    for i, (text, style) in enumerate(lines):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
        p.paragraph_format.keep_with_next = keep
        if text:
            set_font(p.add_run(text), style.get("size", 13), bold=style.get("bold", False),
                     italic=style.get("italic", False))  # fmt: skip


def _setup(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(2.5), Cm(1.5)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(13)
    set_font_everywhere(normal.element)


def _keep_rows_with_next(table, rows: int) -> None:
    """The last ``rows`` rows stay on the page of what follows them (the total, the signature)."""
    for row in table.rows[-rows:]:
        for cell in row.cells:
            for p in cell.paragraphs:
                p.paragraph_format.keep_with_next = True


def _cell_format(table, *, total: bool = True) -> None:
    """Names left, figures right, room to sign; the total row (the last) bold."""
    for i, row in enumerate(table.rows):
        if row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None:
            continue
        height = OxmlElement("w:trHeight")
        height.set(qn("w:val"), str(int(Cm(0.9).twips)))
        row._tr.get_or_add_trPr().append(height)
        for j, cell in enumerate(row.cells):
            p = cell.paragraphs[0]
            if j >= 4 and j <= 8:
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if total and i == len(table.rows) - 1:
                for run in p.runs:
                    run.bold = True


def _main_table(doc, data: dict) -> None:
    """The contributors' rows, then the last two, the total, the amount in figures and in words
    and the signature block as one short table of its own right below: a short table whose rows
    are kept together moves to the next page whole, so the total always prints with the
    signature (LibreOffice keeps no paragraph after a long table with it)."""
    rows = main_rows(data)
    head, tail = rows[:-3], rows[-3:]
    if head:
        _cell_format(office_table(doc, HEADER, head, size=11, widths=WIDTHS), total=False)
    table = office_table(doc, HEADER, tail, size=11, widths=WIDTHS)
    if head:
        table._tbl.remove(table.rows[0]._tr)  # the header is above, in the first table
    _cell_format(table)
    _closing_rows(table, data)
    _keep_rows_with_next(table, len(table.rows) - 1)


def _closing_row(table, spans: list[tuple[int, int]]):
    """A row of ``table`` without borders, its cells merged over ``spans`` (column ranges)."""
    row = table.add_row()
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    cells = []
    for a, b in spans:
        cell = row.cells[a].merge(row.cells[b]) if b > a else row.cells[a]
        borders = OxmlElement("w:tcBorders")
        for edge in ("top", "left", "bottom", "right"):
            el = OxmlElement(f"w:{edge}")
            el.set(qn("w:val"), "nil")
            borders.append(el)
        cell._tc.get_or_add_tcPr().append(borders)
        cells.append(cell)
    return cells


def _closing_rows(table, data: dict) -> None:
    last = len(HEADER) - 1
    (cell,) = _closing_row(table, [(0, last)])
    _lines(cell, [("", {"size": 6})])
    p = cell.add_paragraph()
    set_font(p.add_run(f"Tổng số tiền bằng số: {_money(data['total_amount'])} đồng"), 13, bold=True)
    p = cell.add_paragraph()
    set_font(p.add_run(f"Bằng chữ: {data['total_in_words']}."), 13, italic=True)
    p = cell.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    p.paragraph_format.space_before = Pt(8)
    set_font(p.add_run("Hà Tĩnh, ngày …… tháng …… năm ……"), 13, italic=True)
    for p in cell.paragraphs:
        p.paragraph_format.space_after = Pt(2)
    for cell, who in zip(_closing_row(table, [(0, 2), (3, 6), (7, last)]), SIGNERS, strict=True):
        _lines(cell, [(who, {"bold": True}), ("(Ký, ghi rõ họ tên)", {"italic": True, "size": 12}),
                      ("", {}), ("", {}), ("", {})])  # fmt: skip


def _money(x) -> str:
    return vn_number(x)


def _pts(x) -> str:
    return vn_number(x) if float(x).is_integer() else f"{x:.3f}".rstrip("0").replace(".", ",")


def main_rows(data: dict) -> list[list[str]]:
    """The rows of the sheet as the document shows them (the total last)."""
    out = []
    for r in [*sheet_rows(data), total_row(data)]:
        out.append([str(r[0]), r[1], r[2], r[3], *(str(v) for v in r[4:7]), _pts(r[7]), _money(r[8]), ""])
    return out


def _heading(doc, data: dict) -> None:
    table = doc.add_table(rows=1, cols=1)
    _borderless(table)
    apply_widths(table, [8.0])
    _lines(table.rows[0].cells[0], [(ORG, {"size": 11}), (DEPT, {"size": 12, "bold": True}), ("———", {"size": 12})])
    _para(doc, after=6)
    _para(doc, data["title"], size=14, bold=True, center=True, after=2, keep=True)
    _para(doc, rates_line(data), size=11, italic=True, center=True, after=6)
    warning = (data.get("coverage") or {}).get("warning")
    if warning:
        p = _para(doc, "Lưu ý về số liệu: " + warning, size=12, bold=True, after=6)
        for run in p.runs:
            run.font.color.rgb = RGBColor(0xA1, 0x1D, 0x1D)


def _appendix(doc, data: dict) -> None:
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.left_margin, section.right_margin = Cm(2.5), Cm(1.5)
    _para(doc, f"PHỤ LỤC: TIN, BÀI CỦA TỪNG NGƯỜI ({data['period_label'].upper()})", bold=True, center=True,
          after=6, keep=True)  # fmt: skip
    for c in data["contributors"].values():
        _para(doc, f"{c['name']}: {len(c['items'])} tin, bài, {_pts(c['points'])} điểm, "
                   f"{_money(c['amount'])} đồng", size=12, bold=True, after=2, keep=True)  # fmt: skip
        rows = [[it["published"], it["title"], it["kind_label"], _pts(it["points"]), _pts(it["share"]),
                 _pts(it["earned"])] for it in c["items"]]  # fmt: skip
        table = office_table(doc, DETAIL_HEADER, rows, size=11)
        for row in table.rows[1:]:  # the figures right-aligned, "1" and "0,5" alike
            for cell in row.cells[3:]:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _para(doc, after=4)
    _para(doc, f"Tin, bài không tính nhuận bút ({len(data['unpaid'])})", size=12, bold=True, after=2, keep=True)
    if data["unpaid"]:
        rows = [[it["published"], it["title"], it["kind_label"], ", ".join(it["contributor_names"]) or "–",
                 it["reason_label"]] for it in data["unpaid"]]  # fmt: skip
        office_table(doc, UNPAID_HEADER, rows, size=11)
    else:
        _para(doc, "Không có.", size=12)


def write_sheet(data: dict, path: Path) -> Path:
    doc = Document()
    _setup(doc)
    properties(doc, data["title"], "Nhuận bút")
    doc.core_properties.keywords = "nhuận bút; Công đoàn Hà Tĩnh"
    doc.core_properties.category = "Bảng kê"
    _heading(doc, data)
    _main_table(doc, data)
    _appendix(doc, data)
    page_numbers(doc)
    atomic.save(path, doc.save)
    return Path(path)
