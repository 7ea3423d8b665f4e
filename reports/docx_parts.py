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

FONT = "Times New Roman"
AUTHOR = "Công đoàn Hà Tĩnh"
COMPANY = "Liên đoàn Lao động tỉnh Hà Tĩnh (Công đoàn Hà Tĩnh)"
DEPARTMENT = "Ban Tuyên giáo - Nữ công, LĐLĐ tỉnh Hà Tĩnh"
TEXT_WIDTH_CM = 16.0  # A4 portrait less the 3 cm and 2 cm margins
CHAR_CM = 0.205  # one character of 12 pt Times New Roman, on average, plus a little
HEADER_CHAR_CM = 0.25  # bold header words are wider; a header word is never broken
CELL_PAD_CM = 0.45


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


# ---------------------------------------------------------------- widths
def _is_number(value) -> bool:
    """A count or a "done/target" pair, shown centred."""
    if isinstance(value, (int, float)):
        return True
    return isinstance(value, str) and value.count("/") <= 1 and value.replace("/", "").isdigit()


def fit_widths(header: list[str], rows: list[list], total_cm: float = TEXT_WIDTH_CM) -> list[float]:
    """Column widths (cm) fitted to the content, filling ``total_cm``.

    A column is as wide as its longest text (capped), never narrower than its longest word;
    when the table is too wide, the text columns give up width in proportion to their excess.
    """
    n = len(header)
    want, least = [], []
    for j in range(n):
        texts = [str(header[j])] + ["" if r[j] is None else str(r[j]) for r in rows]
        longest = max(len(t) for t in texts)
        word = max((len(w) for t in texts[1:] for w in t.split()), default=1)
        head = max((len(w) for w in str(header[j]).split()), default=1)
        least.append(max(word * CHAR_CM, head * HEADER_CHAR_CM) + CELL_PAD_CM)
        want.append(min(max(longest * CHAR_CM + CELL_PAD_CM, least[-1]), 9.0))
    if sum(want) > total_cm:
        want = _shrink(want, least, total_cm)
    elif sum(want) < total_cm:
        numeric = [all(_is_number(r[j]) for r in rows if r[j] not in (None, "")) for j in range(n)]
        text_cols = [j for j in range(n) if not numeric[j]] or list(range(n))
        extra = (total_cm - sum(want)) / len(text_cols)
        want = [w + (extra if j in text_cols else 0) for j, w in enumerate(want)]
    return [round(w, 2) for w in want]


def _shrink(want: list[float], least: list[float], total_cm: float) -> list[float]:
    """Fit a too-wide table: the widest column (the text) keeps at least 45% of the width;
    the others wrap to about two lines at most, giving up width in proportion to their slack."""
    primary = max(range(len(want)), key=lambda j: want[j])
    budget = total_cm - min(want[primary], 0.45 * total_cm)
    others = [j for j in range(len(want)) if j != primary]
    need = sum(want[j] for j in others)
    out = list(want)
    if need > budget:
        floor = {j: max(least[j], 0.5 * want[j]) for j in others}
        slack = sum(want[j] - floor[j] for j in others)
        ratio = min((need - budget) / slack, 1) if slack else 0
        for j in others:
            out[j] = want[j] - (want[j] - floor[j]) * ratio
    out[primary] = max(total_cm - sum(out[j] for j in others), least[primary])
    return out


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
    set_font(p.add_run("" if value is None else xml_text(str(value))), size, bold=bold)
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
            _write_cell(cell, value, size=size, center=bool(j) and _is_number(value))
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
