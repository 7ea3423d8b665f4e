"""The month-end administrative report (python-docx), laid out as a Vietnamese union office
writes one: header table, title, I. Kết quả, II. Tồn tại, hạn chế, III. Nhiệm vụ, Nơi nhận and
signature. Times New Roman throughout; every part stays editable before signing.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from reports.common import STATUS_LABELS

FONT = "Times New Roman"
ORG = "LIÊN ĐOÀN LAO ĐỘNG TỈNH HÀ TĨNH"
DEPT = "BAN TUYÊN GIÁO - NỮ CÔNG"
NATION = "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


def _font(run, size: float = 13, bold: bool = False, italic: bool = False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


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
    return p


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


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
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _header(doc, title_lines: list[str]) -> None:
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.columns[0].width = Cm(6.5)
    table.columns[1].width = Cm(9.5)
    left, right = table.rows[0].cells
    left.width, right.width = Cm(6.5), Cm(9.5)
    _cell_text(left, [(ORG, {"size": 12}), (DEPT, {"size": 12, "bold": True}),
                      ("———", {"size": 12}), ("Số:       /BC-LĐLĐ", {"size": 13})])  # fmt: skip
    _cell_text(right, [(NATION, {"size": 12, "bold": True}), (MOTTO, {"size": 13, "bold": True}),
                       ("———————————", {"size": 12}),
                       ("Hà Tĩnh, ngày …… tháng …… năm ……", {"size": 13, "italic": True})])  # fmt: skip
    _para(doc, after=6)
    _para(doc, "BÁO CÁO", size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    for line in title_lines:
        _para(doc, line, size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    _para(doc, "———————", align=WD_ALIGN_PARAGRAPH.CENTER, after=6)


def _table(doc, header: list[str], rows: list[list]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].text = ""
        _font(cell.paragraphs[0].add_run(text), 12, bold=True)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for row in rows:
        cells = table.add_row().cells
        for j, (cell, value) in enumerate(zip(cells, row, strict=True)):
            cell.paragraphs[0].text = ""
            _font(cell.paragraphs[0].add_run("" if value is None else str(value)), 12)
            if j and isinstance(value, (int, float)):
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
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


def _quota_line(q: dict) -> str:
    status = STATUS_LABELS.get(q.get("status") or "", "")
    target = f"/{q['target']}" if q.get("target") is not None else ""
    period = q.get("period_label") or q.get("period") or ""
    return f"{q['id']} – {q.get('name') or ''} ({period}): {q.get('actual')}{target}; {status}."


def write_month(data: dict, path: Path) -> Path:
    doc = Document()
    _setup(doc)
    label = data["period_label"].replace("Tháng", "tháng")
    _header(doc, [f"Kết quả thực hiện Nghị quyết 06/NQ-LĐLĐ {label}"])
    w, f = data["website"], data["facebook"]
    _coverage_note(doc, data)

    _para(doc, "I. KẾT QUẢ THỰC HIỆN", bold=True)
    _para(doc, "1. Trang thông tin điện tử (website) Công đoàn Hà Tĩnh", bold=True)
    _para(doc, (f"Từ ngày {data['start_label']} đến ngày {data['end_label']}, website đăng "
                f"{w['total']} tin, bài, gồm {w['news']} tin, {w['articles']} bài chuyên sâu và "
                f"{w['videos']} video; {w['with_video']} tin, bài có video clip."),
          indent=True)  # fmt: skip
    _para(doc, "2. Trang Facebook Công đoàn Hà Tĩnh", bold=True)
    _para(doc, (f"Trang Facebook đăng {f['posts']} bài, trong đó {f['videos']} video, "
                f"{f['bulletins']} bài bản tin, {f['contests']} bài về cuộc thi trực tuyến."),
          indent=True)  # fmt: skip
    _para(doc, "3. Kết quả thực hiện các chỉ tiêu", bold=True)
    main = [q for q in data["quotas"] if not q.get("contributor")]
    if main:
        _table(doc, ["Chỉ tiêu", "Nội dung", "Kỳ", "Thực hiện", "Chỉ tiêu", "Đánh giá"], [
            [q["id"], q.get("name") or "", q.get("period_label") or q.get("period") or "",
             q.get("actual"), q.get("target"),
             STATUS_LABELS.get(q.get("status") or "", q.get("status") or "")]
            for q in main
        ])  # fmt: skip
    else:
        _para(doc, "(Chưa có kết quả đánh giá chỉ tiêu.)", italic=True, indent=True)
    _para(doc, "4. Kết quả theo đơn vị (CĐ cấp trên trực tiếp cơ sở)", bold=True)
    names = data["unit_names"]
    _table(doc, ["Đơn vị", "Tin", "Bài", "Video", "Facebook"], [
        [names.get(uid, uid), c["news"], c["articles"], c["videos"], c["facebook"]]
        for uid, c in data["units"].items()
    ])  # fmt: skip
    if data["contributor_rows"]:
        _para(doc, "5. Kết quả của BBT, báo cáo viên, cộng tác viên", bold=True)
        _table(doc, ["Họ tên", "Vai trò", "Tin", "Bài", "Video", "Đánh giá"], [
            [r["name"], r["role_label"],
             f"{r['news']}/{r['targets']['news']}" if r["targets"]["news"] else r["news"],
             f"{r['articles']}/{r['targets']['articles']}" if r["targets"]["articles"] else r["articles"],
             f"{r['videos']}/{r['targets']['videos']}" if r["targets"]["videos"] else r["videos"],
             r["status_label"]]
            for r in data["contributor_rows"]
        ])  # fmt: skip

    _para(doc, "II. TỒN TẠI, HẠN CHẾ", bold=True)
    issues = []
    for q in main:
        if q.get("status") == "not_met":
            issues.append(f"Chưa đạt chỉ tiêu {_quota_line(q)}")
        elif q.get("status") == "at_risk":
            issues.append(f"Có nguy cơ không đạt chỉ tiêu {_quota_line(q)}")
    inactive = data.get("units_inactive", [])
    if inactive:
        issues.append(f"{len(inactive)} đơn vị chưa có tin, bài trong tháng: "
                      + ", ".join(names.get(u, u) for u in inactive) + ".")  # fmt: skip
    dq = data["data_quality"]
    if data["unattributed"]:
        issues.append(f"{data['unattributed']} tin, bài chưa xác định được đơn vị "
                      f"(trong đó {len(dq['reposts'])} tin, bài đăng lại).")  # fmt: skip
    if dq["pending"]:
        issues.append(f"{len(dq['pending'])} trang chưa tải được nội dung, sẽ được cập nhật.")
    if not issues:
        issues.append("Không có chỉ tiêu nào chưa đạt trong tháng.")
    for text in issues:
        _para(doc, f"- {text}", indent=True)

    _para(doc, "III. NHIỆM VỤ THÁNG TỚI", bold=True)
    tasks = [
        "Tiếp tục thực hiện Nghị quyết 06/NQ-LĐLĐ, bảo đảm chỉ tiêu tin, bài chuyên sâu và video clip hằng tháng.",
        "Đôn đốc các đơn vị chưa có tin, bài gửi tin, bài, video clip phản ánh hoạt động công đoàn.",
        "Rà soát, gán đơn vị cho các tin, bài chưa xác định; cập nhật danh sách cộng tác viên.",
    ]  # fmt: skip
    for text in tasks:
        _para(doc, f"- {text}", indent=True)
    _signature(doc, ["- Thường trực LĐLĐ tỉnh (b/c);", "- Các đơn vị trực thuộc;",
                     "- Lưu: VT, TG-NC."])  # fmt: skip
    doc.save(path)
    return path


def write_year(data: dict, path: Path) -> Path:
    doc = Document()
    _setup(doc)
    _header(doc, [f"Kết quả thực hiện Nghị quyết 06/NQ-LĐLĐ năm {data['year']}"])
    t = data["totals"]
    _coverage_note(doc, data)
    _para(doc, "I. KẾT QUẢ THỰC HIỆN", bold=True)
    _para(doc, (f"Năm {data['year']}, website đăng {t['website']['total']} tin, bài, gồm "
                f"{t['website']['news']} tin, {t['website']['articles']} bài chuyên sâu, "
                f"{t['website']['videos']} video; {t['website']['with_video']} tin, bài có video. "
                f"Trang Facebook đăng {t['facebook']['posts']} bài."), indent=True)  # fmt: skip
    _table(doc, ["Tháng", "Tin", "Bài", "Video", "Có video", "Facebook"], [
        [m["label"], m["website"]["news"], m["website"]["articles"], m["website"]["videos"],
         m["website"]["with_video"], m["facebook"]["posts"]]
        for m in data["months"] if not m["future"]
    ])  # fmt: skip
    if data["quotas"]:
        _table(doc, ["Chỉ tiêu", "Nội dung", "Kỳ", "Thực hiện", "Chỉ tiêu", "Đánh giá"], [
            [q["id"], q.get("name") or "", q.get("period_label") or q.get("period") or "",
             q.get("actual"), q.get("target"), STATUS_LABELS.get(q.get("status") or "", "")]
            for q in data["quotas"]
        ])  # fmt: skip
    _para(doc, "II. TỒN TẠI, HẠN CHẾ", bold=True)
    issues = [f"Chưa đạt chỉ tiêu {_quota_line(q)}" for q in data["quotas"] if q.get("status") == "not_met"]
    for text in issues or ["Không có chỉ tiêu nào chưa đạt."]:
        _para(doc, f"- {text}", indent=True)
    _para(doc, "III. NHIỆM VỤ NĂM TỚI", bold=True)
    _para(doc, "- Tiếp tục thực hiện Nghị quyết 06/NQ-LĐLĐ theo lộ trình của Kế hoạch 34/KH-LĐLĐ.",
          indent=True)  # fmt: skip
    _signature(doc, ["- Thường trực LĐLĐ tỉnh (b/c);", "- Lưu: VT, TG-NC."])
    doc.save(path)
    return path
