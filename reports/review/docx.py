"""The review an officer signs (sơ kết, tổng kết), in the administrative form of the month report:
header, title, I. Kết quả (over the span, month by month, each year against its own targets,
what was met and what was not, the units and people that stand out, with charts), II. Tồn tại,
hạn chế, III. Nhiệm vụ, Nơi nhận and signature. What the tool could not read goes to an annex
after the signature, never into the signed part (unless the span has no data at all, which the
title page says)."""

from __future__ import annotations

import io
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, RGBColor

from reports import atomic
from reports import docx_parts as parts
from reports import docx_report as form
from reports.common import vn_number as num
from reports.review import charts
from reports.review import wording as say

RECIPIENTS = ["- Thường trực LĐLĐ tỉnh (b/c);", "- Văn phòng (tham mưu khen thưởng);",
              "- Các đơn vị trực thuộc;", "- Lưu: VT, TG-NC."]  # fmt: skip


def _verdict(q: dict | None) -> str:
    return q["verdict_label"] if q else ""


def _month_rows(data: dict) -> list[list]:
    index = {(q["id"], q["period"]): q for q in data["quotas"]}
    rows = []
    for m in data["months"]:
        w, p = m["website"], m["period"]
        if data["coverage"][p]["no_data"]:
            verdict = "Chưa có số liệu"
        else:
            verdict = "; ".join(f"{label}: {_verdict(index.get((qid, p))).lower()}"
                                for qid, label in (("B.I.2a", "tin"), ("B.I.2b", "bài"))
                                if index.get((qid, p)))  # fmt: skip
        rows.append([m["period_label"], num(w["news"]), num(w["articles"]), num(w["videos"]),
                     num(w["with_video"]), num(m["facebook"]["posts"]), verdict])  # fmt: skip
    return rows


def _quota_rows(quotas: list[dict]) -> list[list]:
    return [[q["id"], q.get("name") or "", q.get("period_label") or q["period"], num(q.get("actual")),
             q.get("target_configured") or num(q.get("target")), q["verdict_label"]]
            for q in quotas]  # fmt: skip


def _picture(doc, chart: bytes) -> None:
    doc.add_picture(io.BytesIO(chart), width=Cm(14))
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER


def _rank_rows(rows: list[dict], unit: bool) -> list[list]:
    out = []
    for r in rows:
        row = [f"{r['rank']}" + (" (đồng hạng)" if r["tie"] else ""), r["name"], num(r["news"]),
               num(r["articles"]), num(r["videos"])]  # fmt: skip
        if unit:
            row.append(num(r["facebook"]))
        given = len(r["met"]) + len(r["missed"])
        row += [num(r["score"]), f"{len(r['met'])}/{given}" if given else "—"]
        out.append(row)
    return out


def _ranking(doc, data: dict) -> None:
    rk = data["ranking"]
    form._para(doc, "5. Tập thể, cá nhân tiêu biểu (đề xuất khen thưởng)", bold=True)
    form._para(doc, rk["score_text"], indent=True, italic=True, size=12)
    for unit, rows, what in ((True, rk["units"], "đơn vị"), (False, rk["contributors"], "người viết")):
        if not rows:
            continue
        top, bottom = say.standouts(rows, rk["top"])
        form._para(doc, f"Dẫn đầu ({what}): " + ", ".join(f"{r['name']} ({num(r['score'])} điểm)" for r in top)
                   + ".", indent=True)  # fmt: skip
        if bottom:
            form._para(doc, f"Thấp nhất ({what}): " + ", ".join(f"{r['name']} ({num(r['score'])} điểm)" for r in bottom)
                       + ".", indent=True)  # fmt: skip
        header = ["Hạng", "Đơn vị" if unit else "Họ tên", "Tin", "Bài", "Video"]
        header += (["Facebook"] if unit else []) + ["Điểm", "Chỉ tiêu đạt"]
        form._table(doc, header, _rank_rows(rows, unit))


def _results(doc, data: dict, pngs: dict) -> None:
    form._para(doc, "I. KẾT QUẢ THỰC HIỆN", bold=True)
    form._para(doc, "1. Kết quả chung", bold=True)
    form._para(doc, say.overview(data), indent=True)
    if len(data["years"]) > 1:
        form._table(doc, ["Năm", "Tin", "Bài chuyên sâu", "Video", "Có video", "Facebook"], [
            [say.months_words(y), num(y["website"]["news"]), num(y["website"]["articles"]),
             num(y["website"]["videos"]), num(y["website"]["with_video"]), num(y["facebook"]["posts"])]
            for y in data["years"]
        ])  # fmt: skip
    form._para(doc, "2. Kết quả từng tháng", bold=True)
    form._table(doc, ["Tháng", "Tin", "Bài", "Video", "Có video", "Facebook", "Đánh giá (100 tin, 5 bài)"],
                _month_rows(data))  # fmt: skip
    _picture(doc, pngs["tin"])
    _picture(doc, pngs["bai"])
    form._para(doc, "3. Kết quả từng năm so với chỉ tiêu của năm", bold=True)
    for y in data["years"]:
        form._para(doc, f"- {say.year_text(y)}", indent=True)
        for s in y["monthly"]:
            if line := say.monthly_text({**s, "year": y["year"]}, data["quotas"], gaps=False):
                form._para(doc, f"+ {line}", indent=True)
        if y["quotas"]:
            form._table(doc, form.QUOTA_HEADER, _quota_rows(y["quotas"]))
    _picture(doc, pngs["video"])
    met, missed = say.met_and_missed(data)
    form._para(doc, "4. Chỉ tiêu quý, năm và đợt sự kiện đã kết thúc trong kỳ", bold=True)
    form._para(doc, f"Đạt ({len(met)}):", indent=True)
    form._bullets(doc, met or ["(chưa có chỉ tiêu nào đạt)"])
    form._para(doc, f"Chưa đạt ({len(missed)}):", indent=True)
    form._bullets(doc, missed or ["(không có)"])
    running = say.running(data)
    if running:
        form._para(doc, "Chỉ tiêu đang thực hiện:", indent=True)
        form._bullets(doc, running)
    _ranking(doc, data)


def _annex(doc, data: dict) -> None:
    """After the signature: what the tool could not read, for the officer before signing."""
    gaps = say.data_gaps(data)
    if not gaps:
        return
    parts.annex(doc, "Rà soát số liệu trước khi ký",
                f"Kèm theo báo cáo {data['title'][0].lower() + data['title'][1:]}")  # fmt: skip
    form._bullets(doc, gaps)
    lines = next((m["coverage"]["lines"] for m in reversed(data["months"]) if m["coverage"].get("lines")), [])
    if lines:
        form._para(doc, " ".join(lines), size=12, italic=True, indent=True)


def write_review(data: dict, path: Path) -> Path:
    title = data["title"]
    doc = form._start(data, f"Báo cáo {title}", "Báo cáo sơ kết, tổng kết Nghị quyết 06/NQ-LĐLĐ")
    form._header(doc, [title])
    if data["no_data"]:
        p = form._para(doc, data["warning"], bold=True, indent=True, after=6)
        for run in p.runs:
            run.font.color.rgb = RGBColor(0xA1, 0x1D, 0x1D)
    pngs = charts.review_charts(data, "png")
    _results(doc, data, pngs)
    form._para(doc, "II. TỒN TẠI, HẠN CHẾ", bold=True)
    form._bullets(doc, say.shortfalls(data) or ["Các chỉ tiêu đã kết thúc trong kỳ đều đạt."])
    last = parts.last_section(doc, "III. NHIỆM VỤ THỜI GIAN TỚI", say.tasks(data))
    parts.signature(doc, RECIPIENTS, keep=last)
    _annex(doc, data)
    atomic.save(path, doc.save)
    return path
