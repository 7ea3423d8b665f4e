"""XLSX workbooks (openpyxl): a summary sheet that reads as it opens, then the lists to filter.

Real dates and numbers, names beside ids, links that open, statuses coloured by conditional
formatting, and a print setup on every sheet (see :mod:`reports.xlsx_sheets`). Every text
cell goes through :mod:`reports.cells`, so a hostile title is text, never a formula.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from reports import atomic
from reports.cells import set_value
from reports.common import STATUS_LABELS
from reports.reasons import flags_text
from reports.wording import units_behind_text
from reports.xlsx_sheets import listing, print_setup, table, title_block


def _naive_local(iso: str | None) -> datetime | None:
    if not iso:
        return None
    return datetime.fromisoformat(iso).replace(tzinfo=None)


def _label(status: str | None) -> str:
    return STATUS_LABELS.get(status or "", status or "")


def _heading(ws, row: int, text: str) -> int:
    set_value(ws.cell(row, 1), text).font = Font(bold=True, size=12, color="0F4C81")
    return row + 1


def _list_sheet(wb, title: str, header: list[str], rows: list[list], *, print_cols: int | None = None,
                **kw):  # fmt: skip
    ws = wb.create_sheet(title)
    listing(ws, 1, header, rows, print_cols=print_cols, **kw)
    print_setup(ws, header_row=1, print_cols=print_cols)
    return ws


# ---------------------------------------------------------------- month
ITEM_HEADER = ["Ngày đăng", "Nguồn", "Tiêu đề", "Loại", "Có video", "Đơn vị", "Người viết",
               "Chuyên mục", "Trạng thái", "Đăng lại", "Lý do đơn vị", "Lý do phân loại",
               "Ngày đăng lấy từ", "Mã đơn vị", "Mã người viết", "Mã (KEY)", "Đường dẫn"]  # fmt: skip
ITEM_PRINT_COLS = 7  # the printed list: date, source, title, kind, video, unit, writers
ITEM_LINKS = {16: 16}  # the URL opens the page (a title stays plain text, so it wraps in print)


def _item_rows(items: list[dict], names: dict[str, str]) -> list[list]:
    return [
        [
            _naive_local(it["published_iso"]),
            "Website" if it["source"] == "website" else "Facebook",
            it["title"],
            it["kind_label"],
            "có" if it["with_video"] else "",
            it["unit_name"] or "",
            ", ".join(names.get(c, c) for c in it["contributors"]),
            it["category"],
            "chưa tải được" if it["status"] == "pending" else "",
            "có" if it["is_repost"] else "",
            it.get("unit_reason_vi", ""),
            it.get("kind_reason_vi", ""),
            it.get("date_source_vi", ""),
            it["unit"] or "",
            ", ".join(it["contributors"]),
            it["key"],
            it["url"],
        ]
        for it in items
    ]


CONTRIB_HEADER = ["Mã", "Họ tên", "Vai trò", "Đơn vị", "Tin", "Chỉ tiêu tin", "Bài chuyên sâu",
                  "Chỉ tiêu bài", "Video", "Chỉ tiêu video", "Đánh giá"]  # fmt: skip


def _contributor_rows(rows: list[dict]) -> list[list]:
    return [
        [r["id"], r["name"] + (" (chưa có trong danh sách)" if r.get("unknown") else ""),
         r["role_label"], r["unit_name"], r["news"], r["targets"]["news"] or None,
         r["articles"], r["targets"]["articles"] or None, r["videos"],
         r["targets"]["videos"] or None, r["status_label"]]
        for r in rows
    ]  # fmt: skip


WORK_HEADER = ["Việc cần làm", "Ngày đăng", "Tiêu đề", "Đơn vị hiện tại", "Lý do / ghi chú",
               "Mã (KEY)", "Cách sửa", "Đường dẫn"]  # fmt: skip


def _work_rows(dq: dict, names: dict[str, str]) -> list[list]:
    rows = []
    for what, items, hint in (
        ("Chọn đơn vị", dq["unit_decision"], "Chọn đơn vị trên bàn biên tập (trang «Cần xử lý»)"),
        ("Xem lại loại", dq["kind_decision"], "Chọn loại tin, bài chuyên sâu hoặc video trên bàn biên tập"),
        ("Xem lại ngày đăng", dq["date_decision"], "Đối chiếu ngày đăng với trang gốc"),
    ):
        for it in items:
            cmd = hint
            if what == "Chọn đơn vị" and it.get("ambiguous_units"):
                cmd = f"{hint}; tên khớp: " + ", ".join(names.get(u, u) for u in it["ambiguous_units"])
            rows.append([what, _naive_local(it["published_iso"]), it["title"], it["unit_name"] or "",
                         it.get("note_vi", ""), it["key"], cmd, it["url"]])  # fmt: skip
    return rows


UNSURE_SHEET = "Cần kiểm tra lại"
UNSURE_HEADER = ["Ngày đăng", "Tiêu đề", "Nguồn", "Loại", "Đơn vị", "Lý do công cụ chưa chắc chắn",
                 "Mã (KEY)", "Đường dẫn"]  # fmt: skip


def _day(iso: str | None) -> datetime | None:
    """The local publication day, shown dd/mm/yyyy (a midnight datetime gets the date format)."""
    when = _naive_local(iso)
    return when.replace(hour=0, minute=0, second=0, microsecond=0) if when else None


def _unsure_rows(items: list[dict]) -> list[list]:
    """The items the tool is unsure of, each with its Vietnamese reasons (pipeline/quality.py)."""
    return [
        [_day(it["published_iso"]), it["title"], "Website" if it["source"] == "website" else "Facebook",
         it["kind_label"], it["unit_name"] or "", flags_text(it["flags"]), it["key"], it["url"]]
        for it in items
    ]  # fmt: skip


def _note(q: dict, names: dict[str, str]) -> str:
    """The units still missing, or the target's note; a target without data names no unit as
    missing (its zero is a gap in the data)."""
    behind = "" if q.get("status") == "no_data" else units_behind_text(q, names)
    return behind or (q.get("note") or "")


def _quota_table(ws, row: int, quotas: list[dict], names: dict[str, str]) -> int:
    """The targets: "Phấn đấu" only when one of them has a stretch (never an empty column)."""
    shown = [q for q in quotas if not q.get("contributor")]
    stretch = any(q.get("stretch") is not None for q in shown)
    rows = [[f"{q['id']} – {q.get('name') or ''}", q.get("period_label") or q.get("period"),
             q.get("actual"), q.get("target"), *([q.get("stretch")] if stretch else []),
             _label(q.get("status")), _note(q, names)]
            for q in shown]  # fmt: skip
    header = ["Chỉ tiêu", "Kỳ", "Thực hiện", "Chỉ tiêu", *(["Phấn đấu"] if stretch else []), "Đánh giá",
              "Ghi chú"]  # fmt: skip
    status = 5 if stretch else 4
    return table(ws, row, header, rows, status_col=status, widths={0: 60, status + 1: 50})


def _month_summary(wb, data: dict) -> None:
    ws = wb.active
    ws.title = "Tổng hợp"
    row = title_block(ws, data, f"Kết quả thực hiện Nghị quyết 06/NQ-LĐLĐ – {data['period_label']}", 7)
    w, f, dq = data["website"], data["facebook"], data["data_quality"]
    row = _heading(ws, row, "1. Chỉ tiêu")
    header_row = row
    row = _quota_table(ws, row, data["quotas"], data["unit_names"]) + 1
    row = _heading(ws, row, "2. Số liệu trong tháng")
    figures = [
        ["Từ ngày", datetime.fromisoformat(data["start"])],
        ["Đến ngày", datetime.fromisoformat(data["end"])],
        ["Website: tin", w["news"]], ["Website: bài chuyên sâu", w["articles"]],
        ["Website: video", w["videos"]], ["Website: tin, bài có video", w["with_video"]],
        ["Website: tổng số", w["total"]], ["Facebook: bài đăng", f["posts"]],
        ["Facebook: video", f["videos"]], ["Facebook: bản tin", f["bulletins"]],
        ["Facebook: cuộc thi", f["contests"]], ["Chưa xác định đơn vị", data["unattributed"]],
        ["Tin, bài cần quyết định", dq["counts"]["decisions"]],
        ["Tin đăng lại (không cần quyết định)", dq["counts"]["reposts"]],
        ["Trang chưa tải được", dq["counts"]["pending"]],
        ["Cần kiểm tra lại (công cụ chưa chắc chắn)", dq["counts"]["unsure"]],
        ["Đơn vị chưa có tin, bài", len(data.get("units_inactive", []))],
    ]  # fmt: skip
    table(ws, row, ["Chỉ số", "Số lượng"], figures)
    ws.column_dimensions["A"].width = max(ws.column_dimensions["A"].width, 40)
    print_setup(ws, header_row=header_row, landscape=True)


def write_month(data: dict, path: Path) -> Path:
    wb = Workbook()
    _month_summary(wb, data)
    names = data["unit_names"]
    unit_rows, zero = [], set()
    for i, (uid, c) in enumerate(data["units"].items()):
        total = c["news"] + c["articles"] + c["videos"] + c["facebook"]
        inactive = uid in data.get("units_inactive", [])
        if inactive:
            zero.add(i)
        unit_rows.append([uid, names.get(uid, uid), c["news"], c["articles"], c["videos"],
                          c["facebook"], total, "chưa có tin, bài" if inactive else ""])  # fmt: skip
    _list_sheet(wb, "Đơn vị", ["Mã đơn vị", "Đơn vị", "Tin", "Bài chuyên sâu", "Video", "Facebook",
                              "Tổng", "Ghi chú"], unit_rows, zero_rows=zero)  # fmt: skip
    _list_sheet(wb, "Cộng tác viên", CONTRIB_HEADER, _contributor_rows(data["contributor_rows"]),
                status_col=10)  # fmt: skip
    _list_sheet(wb, "Việc thủ công", ["Mã", "Nội dung", "Chủ trì", "Thời hạn", "Tình trạng", "Ghi chú"],
                [[m["id"], m["name"], m.get("owner", ""), m["deadline_label"], m["state_vi"],
                  m.get("note", "")] for m in data.get("manual", [])],
                widths={1: 60})  # fmt: skip
    cnames = {cid: m.get("name", cid) for cid, m in data["contributor_info"].items()}
    _list_sheet(wb, "Tin bài", ITEM_HEADER, _item_rows(data["items"], cnames),
                print_cols=ITEM_PRINT_COLS, links=ITEM_LINKS, widths={2: 60})  # fmt: skip
    dq = data["data_quality"]
    _list_sheet(wb, "Cần quyết định", WORK_HEADER, _work_rows(dq, data["unit_names"]), print_cols=6,
                links={7: 7}, widths={2: 45, 4: 45})  # fmt: skip
    _list_sheet(wb, UNSURE_SHEET, UNSURE_HEADER, _unsure_rows(dq["unsure"]), print_cols=6,
                links={7: 7}, widths={1: 50, 5: 50})  # fmt: skip
    _list_sheet(wb, "Đăng lại, chưa tải", ["Nhóm", *ITEM_HEADER],
                [["Tin đăng lại", *r] for r in _item_rows(dq["reposts"], cnames)]
                + [["Trang chưa tải được", *r] for r in _item_rows(dq["pending"], cnames)],
                print_cols=ITEM_PRINT_COLS + 1, links={17: 17}, widths={3: 60})  # fmt: skip
    atomic.save(path, wb.save)
    return path


# ---------------------------------------------------------------- year
def write_year(data: dict, path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Tổng hợp"
    row = title_block(ws, data, f"Kết quả thực hiện Nghị quyết 06/NQ-LĐLĐ – {data['period_label']}", 7)
    row = _heading(ws, row, "1. Chỉ tiêu năm, quý")
    header_row = row
    row = _quota_table(ws, row, data["quotas"], data["unit_names"]) + 1
    t = data["totals"]
    row = _heading(ws, row, "2. Tổng cả năm")
    table(ws, row, ["Chỉ số", "Số lượng"], [
        ["Website: tin", t["website"]["news"]], ["Website: bài chuyên sâu", t["website"]["articles"]],
        ["Website: video", t["website"]["videos"]], ["Website: tin, bài có video", t["website"]["with_video"]],
        ["Website: tổng số", t["website"]["total"]], ["Facebook: bài đăng", t["facebook"]["posts"]],
        ["Facebook: video", t["facebook"]["videos"]], ["Chưa xác định đơn vị", t["unattributed"]],
    ])  # fmt: skip
    ws.column_dimensions["A"].width = max(ws.column_dimensions["A"].width, 40)
    print_setup(ws, header_row=header_row, landscape=True)

    rows = []
    for m in data["months"]:
        w, f = m["website"], m["facebook"]
        note = ("Chưa có số liệu" if m["no_data"] and not w["total"] else
                "Chưa có số liệu đủ tháng" if m["no_data"] else "Chưa đến" if m["future"] else "")  # fmt: skip
        if note in ("Chưa có số liệu", "Chưa đến"):
            rows.append([m["label"], *[None] * 8, note])
            continue
        rows.append([m["label"], w["news"], w["articles"], w["videos"], w["with_video"],
                     w["total"], f["posts"], f["videos"], m["unattributed"], note])  # fmt: skip
    rows.append(["Cả năm", t["website"]["news"], t["website"]["articles"], t["website"]["videos"],
                 t["website"]["with_video"], t["website"]["total"], t["facebook"]["posts"],
                 t["facebook"]["videos"], t["unattributed"], (data.get("months_unread_phrase") and
                 f"Chưa có số liệu: {data['months_unread_phrase']}") or ""])  # fmt: skip
    _list_sheet(wb, "Từng tháng", ["Tháng", "Tin", "Bài chuyên sâu", "Video", "Có video",
                                  "Tổng website", "Facebook", "Facebook video",
                                  "Chưa xác định đơn vị", "Ghi chú"], rows)  # fmt: skip
    names = data["unit_names"]
    _list_sheet(wb, "Đơn vị", ["Mã đơn vị", "Đơn vị", *[m["short_label"] for m in data["months"]],
                              "Tin", "Bài chuyên sâu", "Video", "Facebook"], [
        [uid, names.get(uid, uid), *u["months"], u["news"], u["articles"], u["videos"], u["facebook"]]
        for uid, u in data["units"].items()
    ])  # fmt: skip
    info = data["contributor_info"]
    _list_sheet(wb, "Cộng tác viên", ["Mã", "Họ tên", "Vai trò", "Đơn vị", "Tin", "Bài chuyên sâu",
                                     "Video"], [
        [cid, info.get(cid, {}).get("name", cid), info.get(cid, {}).get("role_label", ""),
         info.get(cid, {}).get("unit_name", ""), c["news"], c["articles"], c["videos"]]
        for cid, c in data["contributors"].items()
    ])  # fmt: skip
    atomic.save(path, wb.save)
    return path


# ---------------------------------------------------------------- contributors
def write_contributors(data: dict, path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Cộng tác viên"
    row = title_block(ws, data, f"Tin, bài của BBT, báo cáo viên, cộng tác viên – {data['period_label']}", 11)
    listing(ws, row, CONTRIB_HEADER, _contributor_rows(data["contributors"]), status_col=10)
    print_setup(ws, header_row=row, landscape=True)
    rows = []
    names = {r["id"]: r["name"] for r in data["contributors"]}
    for cid, items in data["items"].items():
        for it in items:
            published = datetime.strptime(it["published"], "%d/%m/%Y %H:%M") if it["published"] else None
            rows.append([cid, names.get(cid, cid), published, it["kind_label"], it["title"], it["url"]])
    _list_sheet(wb, "Tin bài", ["Mã người viết", "Người viết", "Ngày đăng", "Loại", "Tiêu đề",
                               "Đường dẫn"], rows, links={5: 5}, widths={4: 60})  # fmt: skip
    _list_sheet(wb, "Tên chưa có trong danh sách", ["Tên ghi ở dòng ký tên", "Số tin, bài", "Ví dụ (KEY)"],
                [[b["name"], b["count"], b["example"]] for b in data.get("unknown_bylines", [])])  # fmt: skip
    _list_sheet(wb, "Ghi chú biên tập", ["Lúc", "Mã (KEY)", "Tiêu đề", "Sửa", "Ghi chú"],
                [[n["set_at_label"], n["key"], n["title"], n["field_vi"], n["note"]]
                 for n in data.get("editor_notes", [])], widths={2: 50, 4: 50})  # fmt: skip
    atomic.save(path, wb.save)
    return path
