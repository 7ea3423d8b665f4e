"""The royalty sheet as a workbook people sign (openpyxl): "Bảng kê" (one row per contributor,
the total in figures and in words, the signature block), "Chi tiết" (each contributor's items)
and "Không tính nhuận bút" (what earns nothing, so nothing is forgotten); and the comparison of
two rate files. Text goes through reports/cells.py; amounts are whole đồng with Vietnamese
separators (the number formats carry the Vietnamese locale, so 1.250.000 prints as such).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.pagebreak import Break

from reports import atomic
from reports.cells import set_value
from reports.common import vn_number
from reports.royalty_rates import KIND_LABELS, KINDS
from reports.xlsx_sheets import GRID, listing, print_setup, table

ORG = "LIÊN ĐOÀN LAO ĐỘNG TỈNH HÀ TĨNH"
DEPT = "BAN TUYÊN GIÁO - NỮ CÔNG"
MONEY = "[$-42A]#,##0"  # whole đồng, "1.250.000"
POINTS = "[$-42A]#,##0.0##"  # "4,5", "0,333"
SIGNERS = ["Người lập biểu", "Kế toán", "Thủ trưởng đơn vị"]
HEADER = ["STT", "Họ và tên", "Đơn vị", "Vai trò", "Tin", "Bài chuyên sâu", "Video", "Số điểm",
          "Thành tiền (đồng)", "Ký nhận"]  # fmt: skip
WIDTHS = {0: 5, 1: 22, 2: 20, 3: 10, 4: 6, 5: 10, 6: 7, 7: 8, 8: 13, 9: 12}
DETAIL_HEADER = ["Họ và tên", "Ngày đăng", "Tiêu đề", "Loại", "Điểm của tin, bài", "Phần hưởng",
                 "Số điểm được hưởng", "Đồng tác giả", "Điểm do biên tập viên đặt", "Đường dẫn"]  # fmt: skip
UNPAID_HEADER = ["Ngày đăng", "Tiêu đề", "Loại", "Người viết", "Lý do", "Đường dẫn"]


def rates_line(data: dict) -> str:
    """'Giá trị một điểm: 234.000 đồng. Tin: 1 điểm (từ 0,5 đến 2 điểm); …'"""
    kinds = data["rates"]["kinds"]
    parts = [f"{KIND_LABELS[k]}: {_pts(kinds[k]['points'])} điểm (từ {_pts(kinds[k]['min'])} "
             f"đến {_pts(kinds[k]['max'])})" for k in KINDS]  # fmt: skip
    share = "chia đều cho các đồng tác giả" if data["rates"]["co_authors"] == "equal" else "mỗi đồng tác giả hưởng đủ"
    return (f"Giá trị một điểm: {vn_number(data['point_value'])} đồng. " + "; ".join(parts)
            + f"; tin, bài nhiều tác giả: {share}.")  # fmt: skip


def _pts(x) -> str:
    return f"{x:g}".replace(".", ",")


def sheet_rows(data: dict) -> list[list]:
    """One row per contributor: STT, name, unit, role, items by kind, points, amount, (sign)."""
    return [
        [i, c["name"], c["unit_name"], c["role_label"], *(c["counts"][k] for k in KINDS),
         c["points"], c["amount"], ""]
        for i, c in enumerate(data["contributors"].values(), start=1)
    ]  # fmt: skip


def total_row(data: dict) -> list:
    return ["", "Tổng cộng", "", "", *(data["counts"][k] for k in KINDS), data["total_points"],
            data["total_amount"], ""]  # fmt: skip


def _formats(ws, first: int, last: int, cols: dict[int, str]) -> None:
    for r in range(first, last + 1):
        for col, fmt in cols.items():
            ws.cell(r, col).number_format = fmt


def _merged(ws, row: int, text: str, *, cols: tuple[int, int], font: Font, align="center") -> None:
    set_value(ws.cell(row, cols[0]), text).font = font
    ws.cell(row, cols[0]).alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
    if cols[1] > cols[0]:
        ws.merge_cells(start_row=row, start_column=cols[0], end_row=row, end_column=cols[1])


def _summary(wb, data: dict) -> None:
    ws = wb.active
    ws.title = "Bảng kê"
    n = len(HEADER)
    _merged(ws, 1, ORG, cols=(1, 4), font=Font(size=10))
    _merged(ws, 2, DEPT, cols=(1, 4), font=Font(bold=True, size=10))
    _merged(ws, 4, data["title"], cols=(1, n), font=Font(bold=True, size=14))
    _merged(ws, 5, rates_line(data), cols=(1, n), font=Font(italic=True, size=10))
    ws.row_dimensions[5].height = 30
    row = 6
    warning = (data.get("coverage") or {}).get("warning")
    if warning:
        _merged(ws, row, "Lưu ý về số liệu: " + warning, cols=(1, n), font=Font(bold=True, color="A11D1D"))
        ws.row_dimensions[row].height = 45
        row += 1
    top = row + 1
    rows = sheet_rows(data)
    end = table(ws, top, HEADER, [*rows, total_row(data)], widths=WIDTHS)
    last = end - 1
    for cell in ws[last]:
        cell.font = Font(bold=True)
    _formats(ws, top + 1, last, {8: POINTS, 9: MONEY})
    ws.row_dimensions[top].height = 45
    for r in range(top + 1, last):  # room to sign in "Ký nhận"
        ws.row_dimensions[r].height = max(ws.row_dimensions[r].height or 0, 30)
        for cell in ws[r]:
            cell.alignment = Alignment(vertical="center", wrap_text=isinstance(cell.value, str))
    row = end + 1
    _merged(ws, row, f"Tổng số tiền bằng số: {vn_number(data['total_amount'])} đồng", cols=(1, n),
            font=Font(bold=True), align="left")  # fmt: skip
    _merged(ws, row + 1, f"Bằng chữ: {data['total_in_words']}.", cols=(1, n), font=Font(italic=True),
            align="left")  # fmt: skip
    row += 3
    _merged(ws, row, "Hà Tĩnh, ngày …… tháng …… năm ……", cols=(7, n), font=Font(italic=True))
    spans = [(1, 3), (4, 6), (7, n)]
    for (a, b), who in zip(spans, SIGNERS, strict=True):
        _merged(ws, row + 1, who, cols=(a, b), font=Font(bold=True))
        _merged(ws, row + 2, "(Ký, ghi rõ họ tên)", cols=(a, b), font=Font(italic=True, size=10))
    print_setup(ws, header_row=top, landscape=False)
    ws.print_area = f"A1:J{row + 7}"
    keep_total_with_signature(ws, top, last - 1, row + 7)


# What one A4 page holds, in row heights (points) before the sheet is scaled to the page's
# width: measured through LibreOffice with the widths above (about 1.240), less a margin.
PAGE_BUDGET = 1150


def keep_total_with_signature(ws, top: int, last_row: int, end: int) -> None:
    """Page breaks between contributors' rows such that the total, the amount in words and the
    signature block print on the page of the last rows (a spreadsheet has no "keep with next")."""
    def height(r: int) -> float:
        return ws.row_dimensions[r].height or 15

    tail = sum(height(r) for r in range(last_row + 1, end + 1))
    used = sum(height(r) for r in range(1, top + 1))
    for r in range(top + 1, last_row + 1):
        need = height(r) + (tail if r == last_row else 0)
        if used + need > PAGE_BUDGET and r > top + 1:
            ws.row_breaks.append(Break(id=r - 1))
            used = height(top)  # the header row repeats on the new page
        used += height(r)


def _detail(wb, data: dict) -> None:
    rows, subtotal_rows = [], []
    for c in data["contributors"].values():
        for it in c["items"]:
            rows.append([c["name"], _date(it["published_iso"]), it["title"], it["kind_label"], it["points"],
                         it["share"], it["earned"], ", ".join(n for n in it["contributor_names"] if n != c["name"]),
                         "có" if it["points_set"] else "", it["url"]])  # fmt: skip
        rows.append([f"Cộng: {c['name']}", None, f"{len(c['items'])} tin, bài · {vn_number(c['amount'])} đồng",
                     "", None, None, c["points"], "", "", ""])  # fmt: skip
        subtotal_rows.append(len(rows) - 1)
    ws = wb.create_sheet("Chi tiết")
    set_value(ws.cell(1, 1), f"{data['title']}: tin, bài của từng người").font = Font(bold=True, size=13)
    listing(ws, 3, DETAIL_HEADER, rows, print_cols=9, links={2: 9})
    for i in subtotal_rows:
        for cell in ws[4 + i]:
            cell.font = Font(bold=True)
    _formats(ws, 4, 3 + len(rows), {5: POINTS, 6: POINTS, 7: POINTS})
    print_setup(ws, header_row=3, print_cols=9)


def _unpaid(wb, data: dict) -> None:
    rows = [[_date(it["published_iso"]), it["title"], it["kind_label"], ", ".join(it["contributor_names"]),
             it["reason_label"], it["url"]] for it in data["unpaid"]]  # fmt: skip
    ws = wb.create_sheet("Không tính nhuận bút")
    set_value(ws.cell(1, 1), f"{data['title']}: tin, bài không tính nhuận bút "
                             f"({len(rows)})").font = Font(bold=True, size=13)  # fmt: skip
    listing(ws, 3, UNPAID_HEADER, rows, print_cols=5, links={1: 5})
    print_setup(ws, header_row=3, print_cols=5)


def _date(iso: str | None) -> datetime | None:
    return datetime.fromisoformat(iso).replace(tzinfo=None, hour=0, minute=0, second=0) if iso else None


def write_sheet(data: dict, path: Path) -> Path:
    wb = Workbook()
    _summary(wb, data)
    _detail(wb, data)
    _unpaid(wb, data)
    wb.properties.creator = "Công đoàn Hà Tĩnh"
    wb.properties.title = data["title"]
    atomic.save(path, wb.save)
    return Path(path)


COMPARE_HEADER = ["Họ và tên", "Đơn vị", "Số điểm (hiện hành)", "Số điểm (đề xuất)", "Theo mức hiện hành (đồng)",
                  "Theo mức đề xuất (đồng)", "Chênh lệch (đồng)"]  # fmt: skip


def write_comparison(data: dict, path: Path) -> Path:
    """What other rates would cost over a span, beside the current rates."""
    wb = Workbook()
    ws = wb.active
    ws.title = "So sánh mức nhuận bút"
    set_value(ws.cell(1, 1), f"So sánh mức nhuận bút: {data['period_label']}").font = Font(bold=True, size=13)
    cur, new = data["current"], data["proposed"]
    value = f"giá trị một điểm {vn_number(new['rates']['point_value'])} đồng"
    now = f"giá trị một điểm {vn_number(cur['rates']['point_value'])} đồng ({cur['rates_file']})" if cur else "chưa có"
    set_value(ws.cell(2, 1), f"Mức đề xuất: {value} ({new['rates_file']}); mức hiện hành: {now}"
              ).font = Font(italic=True)  # fmt: skip
    rows = [[r["name"], r["unit_name"], r["current_points"], r["proposed_points"], r["current_amount"],
             r["proposed_amount"], r.get("difference")] for r in data["rows"]]  # fmt: skip
    rows.append(["Tổng cộng", "", cur["total_points"] if cur else None, new["total_points"],
                 cur["total_amount"] if cur else None, new["total_amount"], data.get("difference")])  # fmt: skip
    end = table(ws, 4, COMPARE_HEADER, rows)
    for cell in ws[end - 1]:
        cell.font = Font(bold=True)
        cell.border = GRID
    _formats(ws, 5, end - 1, {3: POINTS, 4: POINTS, 5: MONEY, 6: MONEY, 7: MONEY})
    set_value(ws.cell(end + 1, 1), f"Tổng theo mức đề xuất, bằng chữ: {data['proposed_in_words']}.")
    print_setup(ws, header_row=4)
    atomic.save(path, wb.save)
    return Path(path)
