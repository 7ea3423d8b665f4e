"""Sheet building blocks for the XLSX reports (openpyxl).

Every value goes through :mod:`reports.cells` (text is never a formula). A sheet is a title
block (what, which period, how fresh the data is, a red warning when it is not complete) and
one or more tables; each table has a coloured header row, fitted widths, real dates and
numbers. Every sheet gets a print setup: A4, landscape when wide, one page wide, the header
row repeated on each page, page numbers in the footer.
"""

from __future__ import annotations

import math
from copy import copy
from datetime import datetime

from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink

from reports.cells import is_dangerous, set_value
from reports.common import STATUS_LABELS, safe_url

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="0F4C81")
ZERO_FILL = PatternFill("solid", fgColor="FFF4F2")
WARN_FILL = PatternFill("solid", fgColor="FDE7E7")
LINK_FONT = Font(color="0563C1", underline="single")
THIN = Side(style="thin", color="C9CFD8")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
MAX_WIDTH = 60

# status label -> (fill, font colour) for the conditional formatting of status columns
STATUS_COLOURS = {
    "met": ("E3F4E8", "166C2F"),
    "not_met": ("FDE7E7", "A11D1D"),
    "on_track": ("E4EFFF", "104F98"),
    "in_progress": ("E4EFFF", "104F98"),
    "at_risk": ("FFF0D9", "8A5200"),
    "not_due": ("EEF0F3", "4A5361"),
    "no_data": ("EEF0F3", "4A5361"),
}


def title_block(ws, data: dict, title: str, width: int = 8) -> int:
    """Rows 1.. of a sheet: title, period, when the data was read, warning; returns the next row."""
    set_value(ws.cell(1, 1), title).font = Font(bold=True, size=14, color="0F4C81")
    sub = f"{data.get('period_label', '')} · lập lúc {data.get('generated_label', '')}"
    set_value(ws.cell(2, 1), sub).font = Font(italic=True, color="5B6472")
    row = 3
    cov = data.get("coverage") or {}
    if cov.get("lines"):
        set_value(ws.cell(row, 1), " ".join(cov["lines"])).font = Font(color="5B6472")
        row += 1
    if cov.get("warning"):
        cell = set_value(ws.cell(row, 1), "Lưu ý về số liệu: " + cov["warning"])
        cell.font = Font(bold=True, color="A11D1D")
        cell.fill = WARN_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        ws.row_dimensions[row].height = 48
        row += 1
    return row + 1


def _size(value) -> int:
    if isinstance(value, datetime):
        return 16
    if value is None:
        return 0
    return max((len(x) for x in str(value).split("\n")), default=0)


def table(ws, top: int, header: list[str], rows: list[list], *, links: dict[int, int] | None = None,
          zero_rows: set[int] = frozenset(), status_col: int | None = None,
          widths: dict[int, int] | None = None, wrap_cols: int | None = None) -> int:  # fmt: skip
    """A table with its header at row ``top``; returns the row after it.

    ``links`` maps a column (0-based) to the column holding its URL: that cell becomes a
    hyperlink. ``status_col`` (0-based) gets the status colours by conditional formatting.
    Only the first ``wrap_cols`` columns (all by default) wrap their text and set the heights:
    the columns after them are not printed and stay one line high.
    """
    for j, text in enumerate(header, start=1):
        cell = set_value(ws.cell(top, j), text)
        cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, GRID
        cell.alignment = Alignment(vertical="center", wrap_text=True, horizontal="left", indent=1)
    fitted = [len(h) for h in header]
    styles: dict[tuple, object] = {}  # one StyleArray per look, copied to each cell (fast)
    wrapped: list[list[tuple[int, str]]] = []
    for i, values in enumerate(rows):
        r = top + 1 + i
        zero = i in zero_rows
        row_wrapped = []
        for j, v in enumerate(values):
            cell = set_value(ws.cell(r, j + 1), v)
            wrap = isinstance(v, str) and (wrap_cols is None or j < wrap_cols)
            fmt = (DATETIME_FORMAT if (v.hour or v.minute) else DATE_FORMAT) if isinstance(v, datetime) else None
            num = isinstance(v, int | float) and not isinstance(v, bool)
            look = (wrap, fmt, zero, is_dangerous(v), num)  # the quote prefix is part of the style
            if look in styles:
                cell._style = copy(styles[look])
            else:
                cell.border = GRID
                # a space inside each border: a right-aligned number never touches the next
                # column's text ("1Chưa đạt"), in print as on screen
                cell.alignment = Alignment(vertical="top", wrap_text=wrap, indent=1,
                                           horizontal="right" if num or fmt else "left")  # fmt: skip
                if fmt:
                    cell.number_format = fmt
                if zero:
                    cell.fill = ZERO_FILL
                styles[look] = copy(cell._style)
            if wrap:
                row_wrapped.append((j, cell.value))
            fitted[j] = max(fitted[j], _size(v))
        wrapped.append(row_wrapped)
        for col, url_col in (links or {}).items():
            url = safe_url(values[url_col] if url_col < len(values) else "")
            if url:
                cell = ws.cell(r, col + 1)
                cell.hyperlink = Hyperlink(ref=cell.coordinate, target=url)
                cell.font = LINK_FONT
    for j, w in enumerate(fitted, start=1):
        letter = get_column_letter(j)
        want = (widths or {}).get(j - 1) or min(max(w + 4, 6), MAX_WIDTH)  # + the indents
        before = ws.column_dimensions[letter].width if letter in ws.column_dimensions else 0
        ws.column_dimensions[letter].width = max(before or 0, want)
    end = top + len(rows)
    fit_heights(ws, top, top)  # the header row
    _row_heights(ws, top + 1, wrapped)
    if status_col is not None and rows:
        status_colours(ws, f"{get_column_letter(status_col + 1)}{top + 1}:"
                           f"{get_column_letter(status_col + 1)}{end}")  # fmt: skip
    return end + 1


def _lines(text: str, width: float | None) -> int:
    per_line = max(int((width or 9) * 1.1) - 1, 1)
    return sum(math.ceil(max(len(part), 1) / per_line) for part in text.split("\n"))


def fit_heights(ws, first: int, last: int) -> None:
    """Row heights for wrapped text (spreadsheet programs do not always grow them on open)."""
    for row in ws.iter_rows(min_row=first, max_row=last):
        lines = 1
        for cell in row:
            if isinstance(cell.value, str) and cell.alignment is not None and cell.alignment.wrap_text:
                lines = max(lines, _lines(cell.value, ws.column_dimensions[cell.column_letter].width))
        if lines > 1:
            ws.row_dimensions[row[0].row].height = 15 * lines


def _row_heights(ws, first: int, wrapped: list[list[tuple[int, str]]]) -> None:
    """``fit_heights`` from the wrapped texts a table wrote (no walk over the sheet's cells)."""
    widths = {}
    for i, cells in enumerate(wrapped):
        lines = 1
        for j, text in cells:
            if j not in widths:
                widths[j] = ws.column_dimensions[get_column_letter(j + 1)].width
            lines = max(lines, _lines(text, widths[j]))
        if lines > 1:
            ws.row_dimensions[first + i].height = 15 * lines


def status_colours(ws, ref: str) -> None:
    """Colour the status labels of a range by conditional formatting (exact label match)."""
    for status, (fill, colour) in STATUS_COLOURS.items():
        label = STATUS_LABELS[status].replace('"', '""')
        ws.conditional_formatting.add(ref, CellIsRule(
            operator="equal", formula=[f'"{label}"'],
            fill=PatternFill("solid", fgColor=fill, bgColor=fill), font=Font(color=colour, bold=True),
        ))  # fmt: skip


def listing(ws, top: int, header: list[str], rows: list[list], *, print_cols: int | None = None,
            **kw) -> int:  # fmt: skip
    """A table the officer filters: frozen below its header, with an autofilter."""
    end = table(ws, top, header, rows, wrap_cols=print_cols, **kw)
    ws.freeze_panes = f"A{top + 1}"
    ws.auto_filter.ref = f"A{top}:{get_column_letter(len(header))}{max(end - 1, top)}"
    return end


def print_setup(ws, *, header_row: int | None = None, landscape: bool | None = None,
                print_cols: int | None = None) -> None:  # fmt: skip
    """A4, one page wide, header row repeated, page numbers; landscape when the sheet is wide."""
    ncols = print_cols or ws.max_column
    total = sum((ws.column_dimensions[get_column_letter(j)].width or 9) for j in range(1, ncols + 1))
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if (landscape if landscape is not None else total > 95) else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.page_margins.left = ws.page_margins.right = 0.5
    # room for the page numbers: the footer sits 0.3" from the edge, the text stops 0.9" from it
    ws.page_margins.top, ws.page_margins.bottom = 0.7, 0.9
    ws.page_margins.header, ws.page_margins.footer = 0.3, 0.3
    ws.print_options.horizontalCentered = True
    if header_row:
        ws.print_title_rows = f"{header_row}:{header_row}"
    if print_cols:
        ws.print_area = f"A1:{get_column_letter(print_cols)}{ws.max_row}"
    ws.oddFooter.center.text = "Trang &P / &N"
    ws.oddFooter.right.text = "&A"
