"""The review's workbook: a summary (the span, each year beside its own targets), the months,
every target that ended in the span, the two rankings, the units' totals and what to check."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from reports import atomic
from reports.review import wording as say
from reports.wording import units_behind_text
from reports.xlsx import _heading, _list_sheet
from reports.xlsx_sheets import print_setup, table, title_block

WEB = ("news", "articles", "videos", "with_video", "total")


def _view(data: dict) -> dict:
    """What ``title_block`` reads: the span's label and warning, the last read times."""
    lines = next((m["coverage"]["lines"] for m in reversed(data["months"]) if m["coverage"].get("lines")), [])
    return {**data, "coverage": {"warning": data["warning"], "lines": lines}}


def _quota_rows(quotas: list[dict], names: dict) -> list[list]:
    return [[q["id"], q.get("name") or "", q.get("period_label") or q["period"], q.get("actual"),
             q.get("target"), q["verdict_label"], q.get("status_label") or "",
             " ".join(x for x in (q.get("data_note", ""), units_behind_text(q, names), q.get("note") or "") if x)]
            for q in quotas if not q.get("contributor")]  # fmt: skip


QUOTA_HEADER = ["Mã", "Nội dung", "Kỳ", "Thực hiện", "Chỉ tiêu", "Đánh giá", "Trạng thái theo số đã đọc", "Ghi chú"]


def _summary(wb, data: dict) -> None:
    ws = wb.active
    ws.title = "Tổng hợp"
    row = title_block(ws, _view(data), data["title"], 8)
    row = _heading(ws, row, "1. Số liệu cả kỳ")
    header_row = row
    w, f = data["website"], data["facebook"]
    row = table(ws, row, ["Chỉ số", "Số lượng"], [
        ["Website: tin", w["news"]], ["Website: bài chuyên sâu", w["articles"]],
        ["Website: video", w["videos"]], ["Website: tin, bài có video", w["with_video"]],
        ["Website: tổng số", w["total"]], ["Facebook: bài đăng", f["posts"]],
        ["Facebook: video", f["videos"]], ["Chưa xác định đơn vị", data["unattributed"]],
        ["Tháng chưa có số liệu", len(data["months_without_data"])],
    ]) + 1  # fmt: skip
    row = _heading(ws, row, "2. Từng năm so với chỉ tiêu của năm")
    row = table(ws, row, ["Năm", "Tin", "Bài chuyên sâu", "Video", "Có video", "Tổng website", "Facebook"],
                [[say.months_words(y), *(y["website"][k] for k in WEB), y["facebook"]["posts"]]
                 for y in data["years"]]) + 1  # fmt: skip
    for y in data["years"]:
        row = _heading(ws, row, say.months_words(y))
        monthly = [[f"{s['id']} – {s['name']}", s["target"], s["months"], s["met"], s["not_met"], s["no_data"]]
                   for s in y["monthly"]]  # fmt: skip
        if monthly:
            row = table(ws, row, ["Chỉ tiêu tháng", "Mỗi tháng", "Số tháng", "Đạt", "Chưa đạt",
                                  "Chưa có số liệu"], monthly)  # fmt: skip
        row = table(ws, row, QUOTA_HEADER, _quota_rows(y["quotas"], data["unit_names"]), status_col=5,
                    widths={1: 50, 7: 50}) + 1  # fmt: skip
    ws.column_dimensions["A"].width = max(ws.column_dimensions["A"].width, 40)
    print_setup(ws, header_row=header_row, landscape=True)


def _rank_rows(rows: list[dict], unit: bool) -> list[list]:
    return [[r["rank"], "đồng hạng" if r["tie"] else "", r["id"], r["name"], r["news"], r["articles"],
             r["videos"], *([r["facebook"]] if unit else []), r["score"], len(r["met"]), len(r["missed"]),
             "; ".join(r["missed"])] for r in rows]  # fmt: skip


def write_review(data: dict, path: Path) -> Path:
    wb = Workbook()
    _summary(wb, data)
    index = {(q["id"], q["period"]): q for q in data["quotas"]}
    rows = []
    for m in data["months"]:
        p, w, f = m["period"], m["website"], m["facebook"]
        rows.append([m["period_label"], *(w[k] for k in WEB), f["posts"], f["videos"], m["unattributed"],
                     "chưa có số liệu" if data["coverage"][p]["no_data"] else "đủ",
                     *((index.get((qid, p)) or {}).get("verdict_label", "") for qid in ("B.I.2a", "B.I.2b"))])  # fmt: skip
    _list_sheet(wb, "Từng tháng", ["Tháng", "Tin", "Bài chuyên sâu", "Video", "Có video", "Tổng website",
                                   "Facebook", "Facebook video", "Chưa xác định đơn vị", "Số liệu",
                                   "B.I.2a (100 tin)", "B.I.2b (5 bài)"], rows, status_col=10)  # fmt: skip
    _list_sheet(wb, "Chỉ tiêu", QUOTA_HEADER, _quota_rows(data["quotas"], data["unit_names"]),
                status_col=5, widths={1: 50, 7: 50})  # fmt: skip
    rk = data["ranking"]
    tail = ["Điểm", "Số chỉ tiêu đạt", "Số chỉ tiêu chưa đạt", "Chỉ tiêu chưa đạt"]
    _list_sheet(wb, "Xếp hạng đơn vị", ["Hạng", "Đồng hạng", "Mã đơn vị", "Đơn vị", "Tin", "Bài chuyên sâu",
                                        "Video", "Facebook", *tail], _rank_rows(rk["units"], True),
                widths={11: 60})  # fmt: skip
    _list_sheet(wb, "Xếp hạng người viết", ["Hạng", "Đồng hạng", "Mã", "Họ tên", "Tin", "Bài chuyên sâu",
                                            "Video", *tail], _rank_rows(rk["contributors"], False),
                widths={10: 60})  # fmt: skip
    names = data["unit_names"]
    _list_sheet(wb, "Đơn vị", ["Mã đơn vị", "Đơn vị", "Tin", "Bài chuyên sâu", "Video", "Facebook"],
                [[uid, names.get(uid, uid), c.get("news", 0), c.get("articles", 0), c.get("videos", 0),
                  c.get("facebook", 0)] for uid, c in data["units"].items()])  # fmt: skip
    _list_sheet(wb, "Rà soát số liệu", ["Cần rà soát trước khi ký"], [[t] for t in say.data_gaps(data)],
                widths={0: 100})  # fmt: skip
    atomic.save(path, wb.save)
    return path
