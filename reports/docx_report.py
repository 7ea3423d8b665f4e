"""The month-end administrative report (python-docx), laid out as a Vietnamese union office
writes one: header table, title, I. Kết quả, II. Tồn tại, hạn chế, III. Nhiệm vụ, Nơi nhận and
signature. Times New Roman throughout; every part stays editable before signing.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor

from reports import atomic
from reports.common import STATUS_LABELS
from reports.common import vn_number as n
from reports.docx_parts import (
    FONT,
    LANDSCAPE_TEXT_CM,
    annex,
    apply_widths,
    cell_lines,
    fit_widths,
    indent,
    last_section,
    no_borders,
    office_table,
    page_numbers,
    para,
    properties,
    set_font,
    set_font_everywhere,
    signature,
)
from reports.reasons import flags_text
from reports.wording import (
    facebook_paragraph,
    months_phrase,
    shortfalls,
    units_behind_text,
    website_paragraph,
)

ORG = "LIÊN ĐOÀN LAO ĐỘNG TỈNH HÀ TĨNH"
DEPT = "BAN TUYÊN GIÁO - NỮ CÔNG"
NATION = "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

_font = set_font
_para = para


def _setup(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(13)
    set_font_everywhere(normal.element)


def _header(doc, title_lines: list[str]) -> None:
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    left, right = table.rows[0].cells
    indent(table, -0.6)
    apply_widths(table, [7.7, 9.5])  # a little wider than the text: the two long lines fit
    cell_lines(left, [(ORG, {"size": 11}), (DEPT, {"size": 12, "bold": True}),
                      ("———", {"size": 12}), ("Số:       /BC-LĐLĐ", {"size": 13})])  # fmt: skip
    cell_lines(right, [(NATION, {"size": 12, "bold": True}), (MOTTO, {"size": 13, "bold": True}),
                       ("———————————", {"size": 12}),
                       ("Hà Tĩnh, ngày …… tháng …… năm ……", {"size": 13, "italic": True})])  # fmt: skip
    _para(doc, after=6)
    _para(doc, "BÁO CÁO", size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    for line in title_lines:
        _para(doc, line, size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    _para(doc, "———————", align=WD_ALIGN_PARAGRAPH.CENTER, after=6)


def _table(doc, header: list[str], rows: list[list], widths: list[float] | None = None) -> None:
    office_table(doc, header, rows, widths=widths)
    _para(doc, after=4)


def _coverage_note(doc, data: dict, text: str | None = None) -> None:
    """The signed part's warning (in red) when the period is not fully read: its figures are
    not the period's results. How the tool read the sources goes to the annex."""
    cov = data.get("coverage") or {}
    if text is None:
        text = cov["warning"] if cov.get("warning") and not cov.get("complete") else ""
    if text:
        p = _para(doc, indent=True, after=6)
        _font(p.add_run("Lưu ý về số liệu: "), 13, bold=True)
        _font(p.add_run(text), 13, bold=True, italic=True)
        for run in p.runs:
            run.font.color.rgb = RGBColor(0xA1, 0x1D, 0x1D)


def _status(q: dict) -> str:
    return STATUS_LABELS.get(q.get("status") or "", q.get("status") or "")


def _quota_rows(quotas: list[dict]) -> list[list]:
    return [[q["id"], q.get("name") or "", q.get("period_label") or q.get("period") or "",
             "—" if q.get("status") == "no_data" else q.get("actual"), q.get("target"),
             _status(q)] for q in quotas]  # fmt: skip


QUOTA_HEADER = ["Mã", "Nội dung", "Kỳ", "Thực hiện", "Chỉ tiêu", "Đánh giá"]


def _bullets(doc, lines: list[str]) -> None:
    for text in lines:
        _para(doc, f"- {text}", indent=True)


def _start(data: dict, title: str, subject: str):
    doc = Document()
    _setup(doc)
    properties(doc, title, subject)
    page_numbers(doc)
    return doc


def _month_results(doc, data: dict, main: list[dict]) -> None:
    names = data["unit_names"]
    _para(doc, "I. KẾT QUẢ THỰC HIỆN", bold=True)
    _para(doc, "1. Trang thông tin điện tử (website) Công đoàn Hà Tĩnh", bold=True)
    _para(doc, website_paragraph(data, gaps=False), indent=True)
    _para(doc, "2. Trang Facebook Công đoàn Hà Tĩnh", bold=True)
    _para(doc, facebook_paragraph(data), indent=True)
    _para(doc, "3. Kết quả thực hiện các chỉ tiêu", bold=True)
    if main:
        _table(doc, QUOTA_HEADER, _quota_rows(main))
        for q in main:
            behind = units_behind_text(q, names)
            if behind:
                _para(doc, f"- {q['id']} ({q.get('period_label') or q.get('period')}): {behind}", indent=True)
    else:
        _para(doc, "(Chưa có kết quả đánh giá chỉ tiêu.)", italic=True, indent=True)
    _para(doc, "4. Kết quả theo đơn vị (công đoàn cấp trên trực tiếp cơ sở)", bold=True)
    units = data["units"]
    inactive = data.get("units_inactive", [])
    counted = [u for u in units if u != "ldld-tinh"]
    _para(doc, (f"Có {n(len(counted) - len(inactive))}/{n(len(counted))} đơn vị có tin, bài hoặc bài "
                "Facebook trong tháng" + (", các đơn vị chưa có: "
                + ", ".join(names.get(u, u) for u in inactive) + "." if inactive else ".")),
          indent=True)  # fmt: skip
    _table(doc, ["Đơn vị", "Tin", "Bài", "Video", "Facebook", "Tổng"], [
        [names.get(uid, uid), c["news"], c["articles"], c["videos"], c["facebook"],
         c["news"] + c["articles"] + c["videos"] + c["facebook"]]
        for uid, c in units.items()
    ])  # fmt: skip
    if data["contributor_rows"]:
        _para(doc, "5. Kết quả của BBT, báo cáo viên, cộng tác viên", bold=True)

        def fig(r, k):
            return f"{n(r[k])}/{n(r['targets'][k])}" if r["targets"][k] else r[k]

        _table(doc, ["Họ tên", "Vai trò", "Tin", "Bài", "Video", "Đánh giá"], [
            [r["name"], r["role_label"], fig(r, "news"), fig(r, "articles"), fig(r, "videos"),
             r["status_label"]]
            for r in data["contributor_rows"]
        ])  # fmt: skip
    _para(doc, "6. Các việc theo dõi thủ công (thiết bị, đào tạo, sơ kết…)", bold=True)
    if data.get("manual"):
        _table(doc, ["Nội dung", "Chủ trì", "Thời hạn", "Tình trạng"], [
            [f"{m.get('plan_ref') or m['id']}: {m['name']}" + (f" ({m['note']})" if m.get("note") else ""),
             m.get("owner", ""), m["deadline_label"], m["state_vi"]]
            for m in data["manual"]
        ])  # fmt: skip
    else:
        _para(doc, "Không có việc nào đến hạn, quá hạn hoặc hoàn thành trong tháng.", indent=True)


def _month_read(data: dict) -> bool:
    """Whether the tool has read the month at all (else it has no results to judge)."""
    cov = data.get("coverage") or {}
    return bool(cov.get("complete") or data["website"]["total"])


def _month_issues(data: dict) -> list[str]:
    """The federation's own shortcomings of the month: targets behind and units silent. What
    the tool could not read or attribute is no shortcoming of the federation (the annex)."""
    if not _month_read(data):
        return ["Chưa có số liệu của tháng để đánh giá tồn tại, hạn chế."]
    names = data["unit_names"]
    issues = shortfalls(data)
    inactive = data.get("units_inactive", [])
    if inactive:
        issues.append(f"{n(len(inactive))} đơn vị chưa có tin, bài trong tháng: "
                      + ", ".join(names.get(u, u) for u in inactive) + ".")  # fmt: skip
    if not issues:
        issues.append("Các chỉ tiêu của tháng đều đạt; các đơn vị đều có tin, bài.")
    return issues


def _month_tasks(data: dict) -> list[str]:
    names = data["unit_names"]
    inactive = data.get("units_inactive", []) if _month_read(data) else []
    tasks = ["Tiếp tục thực hiện Nghị quyết 06/NQ-LĐLĐ, bảo đảm chỉ tiêu tin, bài chuyên sâu và "
             "video clip hằng tháng."]  # fmt: skip
    if inactive:
        tasks.append("Đôn đốc các đơn vị chưa có tin, bài trong tháng ("
                     + ", ".join(names.get(u, u) for u in inactive)
                     + ") gửi tin, bài, video clip phản ánh hoạt động công đoàn.")  # fmt: skip
    else:
        tasks.append("Đề nghị các đơn vị tiếp tục gửi tin, bài, video clip phản ánh hoạt động công đoàn.")
    return tasks


def _data_quality_lines(data: dict) -> list[str]:
    """The annex's data-quality lines: how the sources were read, what is left to attribute."""
    cov = data.get("coverage") or {}
    lines = list(cov.get("lines") or [])
    if cov.get("warning") and cov.get("complete"):
        lines.append(cov["warning"])
    dq = data["data_quality"]
    c = dq["counts"]
    if data["unattributed"]:
        text = f"{n(data['unattributed'])} tin, bài chưa xác định được đơn vị"
        detail = []
        if c["unit"]:
            detail.append(f"{n(c['unit'])} tin, bài cần biên tập viên chọn đơn vị"
                          + (f", trong đó {n(len(dq['ambiguous']))} có tên đơn vị khớp nhiều đơn vị"
                             if dq["ambiguous"] else ""))  # fmt: skip
        if c["reposts"]:
            detail.append(f"{n(c['reposts'])} tin đăng lại từ nguồn khác, không tính cho đơn vị")
        if c["pending"]:
            detail.append(f"{n(c['pending'])} trang chưa tải được nội dung, sẽ được cập nhật")
        lines.append(text + (" (" + "; ".join(detail) + ")" if detail else "") + ".")
    if c.get("decisions"):
        lines.append("Cần rà soát, chọn đơn vị cho các tin, bài chưa xác định và cập nhật danh sách "
                     "người viết trên bàn biên tập (trang «Cần xử lý», «Người viết»).")  # fmt: skip
    return lines or ["Không có vấn đề nào về số liệu của tháng."]


UNSURE_ROWS = 20  # about two landscape pages; the workbook has the whole list
UNSURE_HEADER = ["STT", "Ngày đăng", "Tiêu đề", "Nguồn", "Loại", "Đơn vị", "Lý do công cụ chưa chắc chắn"]


def _month_annex(doc, data: dict) -> None:
    """After the signature, on landscape pages of its own: the data quality and the items
    the tool is unsure of, for the editors to check before signing (the workbook lists all)."""
    label = data["period_label"].replace("Tháng", "tháng")
    annex(doc, "Chất lượng số liệu và các tin, bài cần kiểm tra lại",
          f"Kèm theo báo cáo kết quả thực hiện Nghị quyết 06/NQ-LĐLĐ {label}")  # fmt: skip
    _para(doc, "1. Chất lượng số liệu", bold=True)
    _bullets(doc, _data_quality_lines(data))
    items = data["data_quality"]["unsure"]
    _para(doc, "2. Mục cần kiểm tra lại (công cụ chưa chắc chắn)", bold=True)
    if not items:
        _para(doc, "Không có tin, bài nào cần kiểm tra lại.", indent=True)
        return
    shown = items[:UNSURE_ROWS]
    _para(doc, (f"Có {n(len(items))} tin, bài đã được tính theo những gì đọc được trên trang nhưng còn "
                "điểm chưa chắc chắn (ghi ở cột cuối). Đề nghị đối chiếu với trang gốc; nếu sai, sửa "
                "trên bàn biên tập (trang của tin, bài đó) rồi lập lại báo cáo."), indent=True, after=6)  # fmt: skip
    rows = [[i, it["published"][:10] or "chưa rõ", it["title"] or "(không có tiêu đề)",
             "Website" if it["source"] == "website" else "Facebook", it["kind_label"],
             it["unit_name"] or "—", flags_text(it["flags"])]
            for i, it in enumerate(shown, start=1)]  # fmt: skip
    office_table(doc, UNSURE_HEADER, rows, size=11,
                 widths=fit_widths(UNSURE_HEADER, rows, LANDSCAPE_TEXT_CM))  # fmt: skip
    if len(items) > len(shown):
        _para(doc, f"… và {n(len(items) - len(shown))} mục khác — xem trang «Cần kiểm tra lại» của tệp "
              "XLSX cùng tên.", size=12, italic=True, indent=True, after=0)  # fmt: skip


def write_month(data: dict, path: Path) -> Path:
    label = data["period_label"].replace("Tháng", "tháng")
    title = f"Kết quả thực hiện Nghị quyết 06/NQ-LĐLĐ {label}"
    doc = _start(data, f"Báo cáo {title}", "Báo cáo tháng Nghị quyết 06/NQ-LĐLĐ")
    # the signed report
    _header(doc, [title])
    _coverage_note(doc, data)
    main = [q for q in data["quotas"] if not q.get("contributor")]
    _month_results(doc, data, main)
    _para(doc, "II. TỒN TẠI, HẠN CHẾ", bold=True)
    _bullets(doc, _month_issues(data))
    last = last_section(doc, "III. NHIỆM VỤ THÁNG TỚI", _month_tasks(data))
    signature(doc, ["- Thường trực LĐLĐ tỉnh (b/c);", "- Các đơn vị trực thuộc;",
                    "- Lưu: VT, TG-NC."], keep=last)  # fmt: skip
    # the editors' annex
    _month_annex(doc, data)
    atomic.save(path, doc.save)
    return path


def _year_scope(data: dict) -> str:
    """Which months the year's figures rest on, when some were not read."""
    unread = data.get("months_unread") or []
    if not unread:
        return ""
    read = data.get("months_read") or []
    if not read:
        return (f"Chưa có số liệu của năm {data['year']}: các con số dưới đây không phải là kết quả "
                "thực hiện và không được dùng để đánh giá.")  # fmt: skip
    return (f"Số liệu của báo cáo có ở {months_phrase(read)}; {months_phrase(unread)} chưa có số liệu "
            "nên không được tính, không được đánh giá.")  # fmt: skip


def _year_month_rows(data: dict) -> list[list]:
    rows = []
    for m in data["months"]:
        if m["future"]:
            continue
        w, f = m["website"], m["facebook"]
        if m["no_data"] and not w["total"]:
            rows.append([m["label"], "—", "—", "—", "—", "—", "Chưa có số liệu"])
            continue
        note = ("Chưa có số liệu đủ tháng" if m["no_data"] else
                "Số liệu chưa đủ" if m["cover"]["website"] == "partial" else "")  # fmt: skip
        fb = f["posts"] if m["cover"]["facebook"] != "none" else "—"
        rows.append([m["label"], w["news"], w["articles"], w["videos"], w["with_video"], fb, note])
    return rows


def _year_annex(doc, data: dict) -> None:
    annex(doc, "Chất lượng số liệu",
          f"Kèm theo báo cáo kết quả thực hiện Nghị quyết 06/NQ-LĐLĐ năm {data['year']}")  # fmt: skip
    cov = data.get("coverage") or {}
    lines = list(cov.get("lines") or [])
    if cov.get("warning"):
        lines.append(cov["warning"])
    if data.get("months_unread"):
        lines.append(f"Chưa có số liệu: {months_phrase(data['months_unread'])} (trước khi có dữ liệu, "
                     "hoặc chưa được đọc hết); các tháng này không tính vào tồn tại, hạn chế.")  # fmt: skip
    t = data["totals"]
    if t.get("unattributed"):
        lines.append(f"{n(t['unattributed'])} tin, bài của năm chưa xác định được đơn vị.")
    _bullets(doc, lines or ["Không có vấn đề nào về số liệu của năm."])


def write_year(data: dict, path: Path) -> Path:
    title = f"Kết quả thực hiện Nghị quyết 06/NQ-LĐLĐ năm {data['year']}"
    doc = _start(data, f"Báo cáo {title}", "Báo cáo năm Nghị quyết 06/NQ-LĐLĐ")
    # the signed report
    _header(doc, [title])
    _coverage_note(doc, data, _year_scope(data) or None)
    t = data["totals"]
    _para(doc, "I. KẾT QUẢ THỰC HIỆN", bold=True)
    _para(doc, (f"Năm {data['year']}, toàn hệ thống đăng trên Trang thông tin điện tử "
                f"{n(t['website']['total'])} tin, bài, gồm {n(t['website']['news'])} tin, "
                f"{n(t['website']['articles'])} bài chuyên sâu, {n(t['website']['videos'])} video clip; "
                f"{n(t['website']['with_video'])} tin, bài có kèm video clip. Trang Facebook đăng "
                f"{n(t['facebook']['posts'])} bài."), indent=True)  # fmt: skip
    _para(doc, "1. Kết quả từng tháng", bold=True)
    _table(doc, ["Tháng", "Tin", "Bài", "Video", "Có video", "Facebook", "Ghi chú"],
           _year_month_rows(data))  # fmt: skip
    if data["quotas"]:
        _para(doc, "2. Kết quả thực hiện các chỉ tiêu năm, quý", bold=True)
        _table(doc, QUOTA_HEADER, _quota_rows(data["quotas"]))
    _para(doc, "II. TỒN TẠI, HẠN CHẾ", bold=True)
    issues = shortfalls(data)
    if not issues:
        issues = (["Chưa có số liệu để đánh giá tồn tại, hạn chế."] if not data.get("months_read")
                  else ["Các chỉ tiêu năm, quý đều đạt hoặc đúng tiến độ."])  # fmt: skip
    _bullets(doc, issues)
    last = last_section(doc, "III. NHIỆM VỤ NĂM TỚI", [
        "Tiếp tục thực hiện Nghị quyết 06/NQ-LĐLĐ theo lộ trình của Kế hoạch 34/KH-LĐLĐ."])
    signature(doc, ["- Thường trực LĐLĐ tỉnh (b/c);", "- Lưu: VT, TG-NC."], keep=last)
    # the editors' annex
    _year_annex(doc, data)
    atomic.save(path, doc.save)
    return path
