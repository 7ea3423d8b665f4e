"""The office form of the DOCX reports (python-docx and a little WordprocessingML).

Tables whose column widths fit their content, header rows repeated on each page, rows kept
whole across pages, a page number in the footer, and document properties that name the
federation, not the library that wrote the file.
"""

from __future__ import annotations

from datetime import datetime
from xml.sax.saxutils import escape

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from reports.cells import xml_text
from reports.common import vn_number
from reports.docx_widths import TEXT_WIDTH_CM, fit_widths, is_number

__all__ = ["TEXT_WIDTH_CM", "fit_widths"]

FONT = "Times New Roman"
AUTHOR = "Công đoàn Hà Tĩnh"
COMPANY = "Liên đoàn Lao động tỉnh Hà Tĩnh (Công đoàn Hà Tĩnh)"
DEPARTMENT = "Ban Tuyên giáo - Nữ công, LĐLĐ tỉnh Hà Tĩnh"


def set_font(run, size: float = 13, bold: bool = False, italic: bool = False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    set_font_everywhere(run._element)


def set_font_everywhere(element) -> None:
    """The font for every script of a run or style (Word picks one per script: Vietnamese text
    needs it for all of them)."""
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def indent(table, cm: float) -> None:
    """Move a table left of the margin (negative ``cm``), as headers wider than the text are."""
    el = OxmlElement("w:tblInd")
    el.set(qn("w:w"), str(int(Cm(cm).twips)))
    el.set(qn("w:type"), "dxa")
    put(table._tbl.tblPr, el)


# the order of a table's properties in WordprocessingML (Word refuses other orders)
TBL_PR_ORDER = ["tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
                "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders",
                "shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription"]  # fmt: skip


def put(tbl_pr, el) -> None:
    """Put a table property in its place in ``w:tblPr`` (replacing one of the same name)."""
    name = el.tag.rsplit("}", 1)[-1]
    old = tbl_pr.find(qn(f"w:{name}"))
    if old is not None:
        tbl_pr.remove(old)
    later = TBL_PR_ORDER[TBL_PR_ORDER.index(name) + 1:]
    tbl_pr.insert_element_before(el, *(f"w:{t}" for t in later))


def apply_widths(table, widths: list[float]) -> None:
    table.autofit = False  # a fixed layout: the widths below are kept
    tbl_pr = table._tbl.tblPr
    grid = table._tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(Cm(w).twips)))
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        put(tbl_pr, tbl_w)
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(int(Cm(sum(widths)).twips)))
    for row in table.rows:
        for cell, w in zip(row.cells, widths, strict=True):
            cell.width = Cm(w)


def _row_props(row, *, header: bool) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    keep = OxmlElement("w:cantSplit")
    tr_pr.append(keep)
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def _shade(cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


def _write_cell(cell, value, *, size: float, bold: bool = False, center: bool = False) -> None:
    p = cell.paragraphs[0]
    p.text = ""
    text = "" if value is None else vn_number(value) if isinstance(value, int) else str(value)
    set_font(p.add_run(xml_text(text)), size, bold=bold)
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.keep_with_next = False
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def office_table(doc, header: list[str], rows: list[list], *, size: float = 12,
                 widths: list[float] | None = None):  # fmt: skip
    """A grid table: fitted widths, a shaded header row repeated on every page, whole rows."""
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _row_props(table.rows[0], header=True)
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _write_cell(cell, text, size=size, bold=True, center=True)
        _shade(cell, "E7ECF3")
    for row in rows:
        r = table.add_row()
        _row_props(r, header=False)
        for j, (cell, value) in enumerate(zip(r.cells, row, strict=True)):
            _write_cell(cell, value, size=size, center=bool(j) and is_number(value))
    apply_widths(table, widths or fit_widths(header, rows))
    return table


# ---------------------------------------------------------------- page and properties
def _field(paragraph, instruction: str, size: float = 12) -> None:
    """A complex field (PAGE, NUMPAGES) in a paragraph, with a placeholder result."""
    def run_with(el):
        run = paragraph.add_run()
        set_font(run, size)
        run._r.append(el)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run_with(sep)
    set_font(paragraph.add_run("1"), size)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def page_numbers(doc) -> None:
    """'Trang N/M' centred in the footer of every section."""
    for section in doc.sections:
        p = section.footer.paragraphs[0]
        p.text = ""
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        set_font(p.add_run("Trang "), 12)
        _field(p, "PAGE")
        set_font(p.add_run("/"), 12)
        _field(p, "NUMPAGES")


def properties(doc, title: str, subject: str) -> None:
    """Core and extended properties naming the federation (not python-docx)."""
    cp = doc.core_properties
    cp.author = AUTHOR
    cp.last_modified_by = DEPARTMENT
    cp.title = title
    cp.subject = subject
    cp.keywords = "Nghị quyết 06/NQ-LĐLĐ; báo cáo; Công đoàn Hà Tĩnh"
    cp.comments = f"Báo cáo của {DEPARTMENT}; số liệu tổng hợp từ Trang TTĐT và Facebook Công đoàn Hà Tĩnh."
    cp.category = "Báo cáo"
    now = datetime.now().replace(microsecond=0)
    cp.created = cp.modified = now
    cp.revision = 1
    for part in doc.part.package.parts:
        if str(part.partname) == "/docProps/app.xml":
            xml = part.blob.decode("utf-8")
            xml = xml.replace("<Company/>", f"<Company>{escape(COMPANY)}</Company>")
            xml = xml.replace("<Manager/>", f"<Manager>{escape(DEPARTMENT)}</Manager>")
            xml = xml.replace("<Template>Normal.dotm</Template>", "<Template>Normal</Template>")
            part._blob = xml.encode("utf-8")


# ---------------------------------------------------------------- the signed part and its annex
# A report is two parts that never mix: the signed report (results, the federation's own
# shortcomings, tasks, then the signature kept on the page of the last section) and, after it
# on pages of their own, an annex for the editors (data quality, items to check) that the
# officer may leave out when printing.
SIGNER = ("TM. BAN TUYÊN GIÁO - NỮ CÔNG", "TRƯỞNG BAN")


def para(container, text: str = "", *, size: float = 13, bold: bool = False,
         italic: bool = False, align=None, indent: bool = False, after: float = 3):  # fmt: skip
    """A paragraph in the office form; a bold heading stays with what it introduces."""
    p = container.add_paragraph()
    if text:
        set_font(p.add_run(text), size, bold, italic)
    if align is not None:
        p.alignment = align
    pf = p.paragraph_format
    pf.space_after = Pt(after)
    pf.space_before = Pt(0)
    if indent:
        pf.first_line_indent = Cm(1)
    if bold and not indent:
        pf.keep_with_next = True
    return p


def keep_with_next(paragraphs) -> None:
    for p in paragraphs:
        p.paragraph_format.keep_with_next = True


def no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    put(tbl_pr, borders)


def cell_lines(cell, lines: list[tuple[str, dict]], *, center: bool = True) -> None:
    """Lines of text in a cell, each with its own size, bold and italic."""
    cell.paragraphs[0].text = ""
    for i, (text, style) in enumerate(lines):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
        set_font(p.add_run(text), style.get("size", 13), style.get("bold", False),
                 style.get("italic", False))  # fmt: skip


def last_section(doc, heading: str, lines: list[str]) -> list:
    """The signed part's last section (a heading and its "- " lines), returned so that
    ``signature`` keeps them on its page."""
    out = [para(doc, heading, bold=True)]
    out += [para(doc, f"- {text}", indent=True) for text in lines]
    return out


def signature(doc, recipients: list[str], *, keep: list = (), signer=SIGNER) -> None:
    """Nơi nhận and the signer, kept with ``keep`` (the last section's paragraphs): the
    signature never stands alone on a page."""
    keep_with_next(keep)
    keep_with_next([para(doc, after=6)])
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    left, right = table.rows[0].cells
    cell_lines(left, [("Nơi nhận:", {"size": 12, "bold": True, "italic": True})]
               + [(r, {"size": 11}) for r in recipients], center=False)  # fmt: skip
    cell_lines(right, [(signer[0], {"bold": True}), (signer[1], {"bold": True}), ("", {}),
                       ("", {}), ("", {}), ("(Ký, ghi rõ họ tên)", {"italic": True})])  # fmt: skip
    _row_props(table.rows[0], header=False)
    for cell in (left, right):
        keep_with_next(cell.paragraphs[:-1])


LANDSCAPE_TEXT_CM = 25.7  # A4 landscape less 2 cm margins


def annex(doc, title: str, reference: str):
    """Start the editors' annex: a landscape section on a new page, its title, and the line
    that says what it is attached to and that it may be left out."""
    from docx.enum.section import WD_ORIENT, WD_SECTION

    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(2)
    para(doc, "PHỤ LỤC", size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    para(doc, title, size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    para(doc, f"({reference}; dành cho biên tập viên rà soát trước khi ký, có thể bỏ khi in và "
         "gửi báo cáo)", size=12, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=6)  # fmt: skip
    return section
