"""The month-end administrative report (python-docx), laid out as a Vietnamese union office
writes one: header table, title, I. Kết quả, II. Tồn tại, hạn chế, III. Nhiệm vụ, Nơi nhận and
signature. Times New Roman throughout; every part stays editable before signing.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from reports.common import STATUS_LABELS
from reports.docx_parts import (
    FONT,
    apply_widths,
    fit_widths,
    indent,
    office_table,
    page_numbers,
    properties,
    put,
    set_font,
    set_font_everywhere,
)
from reports.reasons import flags_text
from reports.wording import facebook_paragraph, shortfalls, units_behind_text, website_paragraph

ORG = "LIÊN ĐOÀN LAO ĐỘNG TỈNH HÀ TĨNH"
DEPT = "BAN TUYÊN GIÁO - NỮ CÔNG"
NATION = "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


_font = set_font


def _para(container, text: str = "", *, size: float = 13, bold: bool = False,
          italic: bool = False, align=None, indent: bool = False, after: float = 3):  # fmt: skip
    p = container.add_paragraph()
    if text:
        _font(p.add_run(text), size, bold, italic)
    if align is not None:
        p.alignment = align
    pf = p.paragraph_format
    pf.space_after = Pt(after)
    pf.space_before = Pt(0)
    if indent:
        pf.first_line_indent = Cm(1)
    if bold and not indent:
        pf.keep_with_next = True  # a heading stays with what it introduces
    return p


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    put(tbl_pr, borders)


def _cell_text(cell, lines: list[tuple[str, dict]]) -> None:
    cell.paragraphs[0].text = ""
    first = True
    for text, style in lines:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
        _font(p.add_run(text), style.get("size", 13), style.get("bold", False),
              style.get("italic", False))  # fmt: skip


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
    _no_borders(table)
    left, right = table.rows[0].cells
    indent(table, -0.6)
    apply_widths(table, [7.7, 9.5])  # a little wider than the text: the two long lines fit
    _cell_text(left, [(ORG, {"size": 11}), (DEPT, {"size": 12, "bold": True}),
                      ("———", {"size": 12}), ("Số:       /BC-LĐLĐ", {"size": 13})])  # fmt: skip
    _cell_text(right, [(NATION, {"size": 12, "bold": True}), (MOTTO, {"size": 13, "bold": True}),
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


def _signature(doc, recipients: list[str]) -> None:
    _para(doc, after=6)
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    left, right = table.rows[0].cells
    left.paragraphs[0].text = ""
    _font(left.paragraphs[0].add_run("Nơi nhận:"), 12, bold=True, italic=True)
    for r in recipients:
        p = left.add_paragraph()
        p.paragraph_format.space_after = Pt(0)
        _font(p.add_run(r), 11)
    _cell_text(right, [("TM. BAN TUYÊN GIÁO - NỮ CÔNG", {"bold": True}),
                       ("TRƯỞNG BAN", {"bold": True}), ("", {}), ("", {}), ("", {}),
                       ("(Ký, ghi rõ họ tên)", {"italic": True})])  # fmt: skip


def _coverage_note(doc, data: dict) -> None:
    """The no-data / stale-data warning (in red) and when the site and Facebook were read."""
    cov = data.get("coverage") or {}
    if cov.get("warning"):
        p = _para(doc, indent=True, after=6)
        _font(p.add_run("Lưu ý về số liệu: "), 13, bold=True)
        _font(p.add_run(cov["warning"]), 13, bold=True, italic=True)
        for run in p.runs:
            run.font.color.rgb = RGBColor(0xA1, 0x1D, 0x1D)
    if cov.get("lines"):
        _para(doc, "(Số liệu tổng hợp tự động từ website và trang Facebook. "
              + " ".join(cov["lines"]) + ")", size=12, italic=True, indent=True, after=6)



def _status(q: dict) -> str:
    return STATUS_LABELS.get(q.get("status") or "", q.get("status") or "")


def _quota_rows(quotas: list[dict]) -> list[list]:
    return [[q["id"], q.get("name") or "", q.get("period_label") or q.get("period") or "",
             q.get("actual"), q.get("target"), _status(q)] for q in quotas]  # fmt: skip


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
    _para(doc, website_paragraph(data), indent=True)
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
    _para(doc, (f"Có {len(counted) - len(inactive)}/{len(counted)} đơn vị có tin, bài hoặc bài "
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
            return f"{r[k]}/{r['targets'][k]}" if r["targets"][k] else r[k]

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


def _month_issues(data: dict) -> list[str]:
    names = data["unit_names"]
    issues = shortfalls(data)
    inactive = data.get("units_inactive", [])
    if inactive:
        issues.append(f"{len(inactive)} đơn vị chưa có tin, bài trong tháng: "
                      + ", ".join(names.get(u, u) for u in inactive) + ".")  # fmt: skip
    dq = data["data_quality"]
    c = dq["counts"]
    if data["unattributed"]:
        text = f"{data['unattributed']} tin, bài chưa xác định được đơn vị"
        detail = []
        if c["unit"]:
            detail.append(f"{c['unit']} tin, bài cần biên tập viên chọn đơn vị"
                          + (f", trong đó {len(dq['ambiguous'])} có tên đơn vị khớp nhiều đơn vị" if dq["ambiguous"] else ""))
        if c["reposts"]:
            detail.append(f"{c['reposts']} tin đăng lại từ nguồn khác, không tính cho đơn vị")
        if c["pending"]:
            detail.append(f"{c['pending']} trang chưa tải được nội dung, sẽ được cập nhật")
        issues.append(text + (" (" + "; ".join(detail) + ")" if detail else "") + ".")
    if not issues:
        issues.append("Các chỉ tiêu của tháng đều đạt; các đơn vị đều có tin, bài.")
    return issues


UNSURE_ROWS = 20  # about two landscape pages; the workbook has the whole list
UNSURE_HEADER = ["STT", "Ngày đăng", "Tiêu đề", "Nguồn", "Loại", "Đơn vị", "Lý do công cụ chưa chắc chắn"]
LANDSCAPE_TEXT_CM = 25.7  # A4 landscape less 2 cm margins


def _unsure_appendix(doc, data: dict) -> None:
    """After the signature, on landscape pages: the items the tool is unsure of, with its reasons,
    for the officer to check against the site before signing (the workbook lists them all)."""
    items = data["data_quality"]["unsure"]
    if not items:
        return
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(2)
    label = data["period_label"].replace("Tháng", "tháng")
    _para(doc, "PHỤ LỤC", size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    _para(doc, "Mục cần kiểm tra lại (công cụ chưa chắc chắn)", size=14, bold=True,
          align=WD_ALIGN_PARAGRAPH.CENTER, after=0)  # fmt: skip
    _para(doc, f"(Kèm theo báo cáo kết quả thực hiện Nghị quyết 06/NQ-LĐLĐ {label}; dùng để rà soát "
          "trước khi ký, không cần gửi kèm)", size=12, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER,
          after=6)  # fmt: skip
    shown = items[:UNSURE_ROWS]
    _para(doc, (f"Có {len(items)} tin, bài đã được tính theo những gì công cụ đọc được nhưng còn điểm "
                "chưa chắc chắn (ghi ở cột cuối). Đề nghị đối chiếu với trang gốc; nếu sai, sửa bằng "
                "lệnh cdht item hoặc ở bàn biên tập rồi lập lại báo cáo."), indent=True, after=6)  # fmt: skip
    rows = [[i, it["published"][:10] or "chưa rõ", it["title"] or "(không có tiêu đề)",
             "Website" if it["source"] == "website" else "Facebook", it["kind_label"],
             it["unit_name"] or "—", flags_text(it["flags"])]
            for i, it in enumerate(shown, start=1)]  # fmt: skip
    office_table(doc, UNSURE_HEADER, rows, size=11,
                 widths=fit_widths(UNSURE_HEADER, rows, LANDSCAPE_TEXT_CM))  # fmt: skip
    if len(items) > len(shown):
        _para(doc, f"… và {len(items) - len(shown)} mục khác — xem trang «Cần kiểm tra lại» của tệp "
              "XLSX cùng tên.", size=12, italic=True, indent=True, after=0)  # fmt: skip


def write_month(data: dict, path: Path) -> Path:
    label = data["period_label"].replace("Tháng", "tháng")
    title = f"Kết quả thực hiện Nghị quyết 06/NQ-LĐLĐ {label}"
    doc = _start(data, f"Báo cáo {title}", "Báo cáo tháng Nghị quyết 06/NQ-LĐLĐ")
    _header(doc, [title])
    _coverage_note(doc, data)
    main = [q for q in data["quotas"] if not q.get("contributor")]
    _month_results(doc, data, main)
    _para(doc, "II. TỒN TẠI, HẠN CHẾ", bold=True)
    _bullets(doc, _month_issues(data))
    _para(doc, "III. NHIỆM VỤ THÁNG TỚI", bold=True)
    names = data["unit_names"]
    inactive = data.get("units_inactive", [])
    tasks = ["Tiếp tục thực hiện Nghị quyết 06/NQ-LĐLĐ, bảo đảm chỉ tiêu tin, bài chuyên sâu và "
             "video clip hằng tháng."]  # fmt: skip
    if inactive:
        tasks.append("Đôn đốc các đơn vị chưa có tin, bài trong tháng ("
                     + ", ".join(names.get(u, u) for u in inactive)
                     + ") gửi tin, bài, video clip phản ánh hoạt động công đoàn.")  # fmt: skip
    else:
        tasks.append("Đề nghị các đơn vị tiếp tục gửi tin, bài, video clip phản ánh hoạt động công đoàn.")
    if data["data_quality"]["counts"]["decisions"]:
        tasks.append("Rà soát, gán đơn vị cho các tin, bài chưa xác định; cập nhật danh sách cộng tác viên.")
    _bullets(doc, tasks)
    _signature(doc, ["- Thường trực LĐLĐ tỉnh (b/c);", "- Các đơn vị trực thuộc;",
                     "- Lưu: VT, TG-NC."])  # fmt: skip
    _unsure_appendix(doc, data)
    doc.save(path)
    return path


def write_year(data: dict, path: Path) -> Path:
    title = f"Kết quả thực hiện Nghị quyết 06/NQ-LĐLĐ năm {data['year']}"
    doc = _start(data, f"Báo cáo {title}", "Báo cáo năm Nghị quyết 06/NQ-LĐLĐ")
    _header(doc, [title])
    _coverage_note(doc, data)
    t = data["totals"]
    _para(doc, "I. KẾT QUẢ THỰC HIỆN", bold=True)
    _para(doc, (f"Năm {data['year']}, toàn hệ thống đăng trên Trang thông tin điện tử "
                f"{t['website']['total']} tin, bài, gồm {t['website']['news']} tin, "
                f"{t['website']['articles']} bài chuyên sâu, {t['website']['videos']} video clip; "
                f"{t['website']['with_video']} tin, bài có kèm video clip. Trang Facebook đăng "
                f"{t['facebook']['posts']} bài."), indent=True)  # fmt: skip
    _para(doc, "1. Kết quả từng tháng", bold=True)
    _table(doc, ["Tháng", "Tin", "Bài", "Video", "Có video", "Facebook"], [
        [m["label"], m["website"]["news"], m["website"]["articles"], m["website"]["videos"],
         m["website"]["with_video"], m["facebook"]["posts"]]
        for m in data["months"] if not m["future"]
    ])  # fmt: skip
    if data["quotas"]:
        _para(doc, "2. Kết quả thực hiện các chỉ tiêu năm, quý", bold=True)
        _table(doc, QUOTA_HEADER, _quota_rows(data["quotas"]))
    _para(doc, "II. TỒN TẠI, HẠN CHẾ", bold=True)
    _bullets(doc, shortfalls(data) or ["Các chỉ tiêu năm, quý đều đạt hoặc đúng tiến độ."])
    _para(doc, "III. NHIỆM VỤ NĂM TỚI", bold=True)
    _para(doc, "- Tiếp tục thực hiện Nghị quyết 06/NQ-LĐLĐ theo lộ trình của Kế hoạch 34/KH-LĐLĐ.",
          indent=True)  # fmt: skip
    _signature(doc, ["- Thường trực LĐLĐ tỉnh (b/c);", "- Lưu: VT, TG-NC."])
    doc.save(path)
    return path
