"""XLSX workbooks (openpyxl): real dates and numbers, frozen header, autofilter, fitted widths."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from reports.cells import append_row
from reports.common import STATUS_LABELS

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="0F4C81")
ZERO_FILL = PatternFill("solid", fgColor="FFF4F2")
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"


def _naive_local(iso: str | None) -> datetime | None:
    if not iso:
        return None
    return datetime.fromisoformat(iso).replace(tzinfo=None)


def _sheet(wb: Workbook, title: str, header: list[str], rows: list[list], *,
           first: bool = False, zero_rows: set[int] = frozenset()):  # fmt: skip
    ws = wb.active if first else wb.create_sheet()
    ws.title = title
    append_row(ws, header)
    for cell in ws[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    widths = [len(h) for h in header]
    for i, row in enumerate(rows):
        append_row(ws, row)
        for j, v in enumerate(row):
            if isinstance(v, datetime):
                size = 16
            elif v is None:
                size = 0
            else:
                size = max((len(x) for x in str(v).split("\n")), default=0)
            widths[j] = max(widths[j], size)
        if i in zero_rows:
            for cell in ws[ws.max_row]:
                cell.fill = ZERO_FILL
    for j, w in enumerate(widths, start=1):
        # Vietnamese diacritics stack vertically, not horizontally: length + padding fits
        ws.column_dimensions[get_column_letter(j)].width = min(max(w + 2, 6), 70)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, datetime):
                cell.number_format = DATETIME_FORMAT if (cell.value.hour or cell.value.minute) else DATE_FORMAT
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    return ws


def _item_rows(items: list[dict]) -> list[list]:
    return [
        [
            _naive_local(it["published_iso"]),
            "Website" if it["source"] == "website" else "Facebook",
            it["title"],
            it["kind_label"],
            "có" if it["with_video"] else "",
            it["unit"] or "",
            it["unit_name"] or "",
            ", ".join(it["contributors"]),
            it["category"],
            "chờ tải" if it["status"] == "pending" else "",
            "có" if it["is_repost"] else "",
            it["unit_reason"],
            it["kind_reason"],
            it["key"],
            it["url"],
        ]
        for it in items
    ]


ITEM_HEADER = ["Ngày đăng", "Nguồn", "Tiêu đề", "Loại", "Có video", "Mã đơn vị", "Đơn vị",
               "Người viết", "Chuyên mục", "Trạng thái", "Đăng lại", "Lý do đơn vị",
               "Lý do phân loại", "Mã (KEY)", "Đường dẫn"]  # fmt: skip


def _contributor_rows(rows: list[dict]) -> list[list]:
    return [
        [r["name"], r["role_label"], r["unit_name"], r["news"], r["targets"]["news"] or None,
         r["articles"], r["targets"]["articles"] or None, r["videos"],
         r["targets"]["videos"] or None, r["status_label"]]
        for r in rows
    ]  # fmt: skip


CONTRIB_HEADER = ["Họ tên", "Vai trò", "Đơn vị", "Tin", "Chỉ tiêu tin", "Bài chuyên sâu",
                  "Chỉ tiêu bài", "Video", "Chỉ tiêu video", "Đánh giá"]  # fmt: skip


def write_month(data: dict, path: Path) -> Path:
    wb = Workbook()
    w, f = data["website"], data["facebook"]
    summary = [
        ["Kỳ báo cáo", data["period_label"], None, None, None],
        ["Từ ngày", datetime.fromisoformat(data["start"]), None, None, None],
        ["Đến ngày", datetime.fromisoformat(data["end"]), None, None, None],
        ["Website: tin", w["news"], None, None, None],
        ["Website: bài chuyên sâu", w["articles"], None, None, None],
        ["Website: video", w["videos"], None, None, None],
        ["Website: tin, bài có video", w["with_video"], None, None, None],
        ["Website: tổng số", w["total"], None, None, None],
        ["Facebook: bài đăng", f["posts"], None, None, None],
        ["Facebook: video", f["videos"], None, None, None],
        ["Facebook: bản tin", f["bulletins"], None, None, None],
        ["Facebook: cuộc thi", f["contests"], None, None, None],
        ["Chưa xác định đơn vị", data["unattributed"], None, None, None],
    ]
    for q in data["quotas"]:
        if q.get("contributor"):
            continue
        summary.append([f"{q['id']} – {q.get('name') or ''} ({q.get('period_label') or q.get('period')})",
                        q.get("actual"), q.get("target"), q.get("stretch"),
                        STATUS_LABELS.get(q.get("status") or "", q.get("status") or "")])  # fmt: skip
    _sheet(wb, "Tổng hợp", ["Chỉ số", "Thực hiện", "Chỉ tiêu", "Phấn đấu", "Đánh giá"], summary,
           first=True)  # fmt: skip
    names = data["unit_names"]
    unit_rows, zero = [], set()
    for i, (uid, c) in enumerate(data["units"].items()):
        total = c["news"] + c["articles"] + c["videos"] + c["facebook"]
        if uid in data.get("units_inactive", []):
            zero.add(i)
        unit_rows.append([uid, names.get(uid, uid), c["news"], c["articles"], c["videos"],
                          c["facebook"], total])  # fmt: skip
    _sheet(wb, "Đơn vị", ["Mã đơn vị", "Đơn vị", "Tin", "Bài chuyên sâu", "Video", "Facebook",
                          "Tổng"], unit_rows, zero_rows=zero)  # fmt: skip
    _sheet(wb, "Cộng tác viên", CONTRIB_HEADER, _contributor_rows(data["contributor_rows"]))
    _sheet(wb, "Tin bài", ITEM_HEADER, _item_rows(data["items"]))
    _sheet(wb, "Chưa xác định đơn vị", ITEM_HEADER,
           _item_rows(data["data_quality"]["unattributed"]))  # fmt: skip
    wb.save(path)
    return path


def write_year(data: dict, path: Path) -> Path:
    wb = Workbook()
    rows = []
    for m in data["months"]:
        w, f = m["website"], m["facebook"]
        rows.append([m["label"], w["news"], w["articles"], w["videos"], w["with_video"],
                     w["total"], f["posts"], f["videos"], m["unattributed"]])  # fmt: skip
    t = data["totals"]
    rows.append(["Cả năm", t["website"]["news"], t["website"]["articles"], t["website"]["videos"],
                 t["website"]["with_video"], t["website"]["total"], t["facebook"]["posts"],
                 t["facebook"]["videos"], t["unattributed"]])  # fmt: skip
    _sheet(wb, "Tổng hợp", ["Tháng", "Tin", "Bài chuyên sâu", "Video", "Có video", "Tổng website",
                            "Facebook", "Facebook video", "Chưa xác định đơn vị"], rows,
           first=True)  # fmt: skip
    _sheet(wb, "Chỉ tiêu", ["Mã", "Chỉ tiêu", "Kỳ", "Thực hiện", "Chỉ tiêu", "Đánh giá"], [
        [q["id"], q.get("name"), q.get("period_label") or q.get("period"), q.get("actual"),
         q.get("target"), STATUS_LABELS.get(q.get("status") or "", q.get("status") or "")]
        for q in data["quotas"]
    ])  # fmt: skip
    names = data["unit_names"]
    _sheet(wb, "Đơn vị", ["Mã đơn vị", "Đơn vị", *[m["short_label"] for m in data["months"]],
                          "Tin", "Bài chuyên sâu", "Video", "Facebook"], [
        [uid, names.get(uid, uid), *u["months"], u["news"], u["articles"], u["videos"], u["facebook"]]
        for uid, u in data["units"].items()
    ])  # fmt: skip
    info = data["contributor_info"]
    _sheet(wb, "Cộng tác viên", ["Họ tên", "Vai trò", "Đơn vị", "Tin", "Bài chuyên sâu", "Video"], [
        [info.get(cid, {}).get("name", cid), info.get(cid, {}).get("role_label", ""),
         info.get(cid, {}).get("unit_name", ""), c["news"], c["articles"], c["videos"]]
        for cid, c in data["contributors"].items()
    ])  # fmt: skip
    wb.save(path)
    return path


def write_contributors(data: dict, path: Path) -> Path:
    wb = Workbook()
    _sheet(wb, "Cộng tác viên", CONTRIB_HEADER, _contributor_rows(data["contributors"]), first=True)
    rows = []
    names = {r["id"]: r["name"] for r in data["contributors"]}
    for cid, items in data["items"].items():
        for it in items:
            rows.append([names.get(cid, cid), it["published"], it["kind_label"], it["title"], it["url"]])
    for r in rows:
        r[1] = datetime.strptime(r[1], "%d/%m/%Y %H:%M") if r[1] else None
    _sheet(wb, "Tin bài", ["Người viết", "Ngày đăng", "Loại", "Tiêu đề", "Đường dẫn"], rows)
    wb.save(path)
    return path
