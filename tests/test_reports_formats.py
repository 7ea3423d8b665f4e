"""XLSX, DOCX, JSON files and the `cdht report` command, checked against the month data."""

from __future__ import annotations

import json
from datetime import datetime

import docx
import openpyxl
import pytest
from helpers.reports_fixture import XSS_TITLE, make_month

from pipeline.cli import main
from reports.monthdata import build_month
from reports.render import write_contributors, write_month, write_year


@pytest.fixture
def written(tmp_path):
    store, config, db = make_month(tmp_path)
    out = tmp_path / "out"
    paths = write_month(store, config, "2025-05", out, {"json", "html", "xlsx", "docx", "png"})
    data = build_month(store, config, "2025-05")
    yield store, config, db, paths, data
    store.close()


def test_file_names(written):
    *_, paths, _data = written
    assert paths["html"].name == "bao-cao-thang-2025-05.html"
    assert paths["xlsx"].name == "bao-cao-thang-2025-05.xlsx"
    assert paths["docx"].name == "bao-cao-thang-2025-05.docx"
    assert paths["json"].name == "bao-cao-thang-2025-05.json"
    for name in ("tin", "bai", "don-vi"):
        png = paths[f"png:{name}"]
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_json_file_matches_data(written):
    *_, paths, data = written
    saved = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert saved["website"] == data["website"]
    assert saved["units"] == data["units"]
    assert "Tháng 5/2025" in paths["json"].read_text(encoding="utf-8")  # ensure_ascii=False


def _labelled(ws) -> dict:
    """Column A label -> column B value, wherever the rows are on a summary sheet."""
    return {r[0]: r[1] for r in ws.iter_rows(values_only=True) if isinstance(r[0], str)}


def test_xlsx(written):
    *_, paths, data = written
    wb = openpyxl.load_workbook(paths["xlsx"])
    assert wb.sheetnames == ["Tổng hợp", "Đơn vị", "Cộng tác viên", "Việc thủ công", "Tin bài", "Cần quyết định",
                             "Cần kiểm tra lại", "Đăng lại, chưa tải"]  # fmt: skip
    assert not wb["Tổng hợp"].auto_filter.ref  # the summary reads without filters
    for ws in wb.worksheets[1:]:
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref
    summary = _labelled(wb["Tổng hợp"])
    assert summary["Website: tin"] == data["website"]["news"]
    assert summary["Website: tổng số"] == data["website"]["total"]
    assert summary["Facebook: bài đăng"] == data["facebook"]["posts"]
    assert summary["Chưa xác định đơn vị"] == data["unattributed"]
    assert isinstance(summary["Từ ngày"], datetime)
    units = {r[0]: r[2:6] for r in wb["Đơn vị"].iter_rows(min_row=2, values_only=True)}
    for uid, c in data["units"].items():
        assert units[uid] == (c["news"], c["articles"], c["videos"], c["facebook"])
        assert all(isinstance(v, int) for v in units[uid])
    items = wb["Tin bài"]
    assert items.max_row - 1 == len(data["items"])
    date_cell = items["A2"]
    assert isinstance(date_cell.value, datetime)
    assert date_cell.number_format.startswith("dd/mm/yyyy")
    titles = [r[2] for r in items.iter_rows(min_row=2, values_only=True)]
    assert XSS_TITLE in titles  # stored as plain text
    assert items.column_dimensions["C"].width >= 30  # fitted to the titles
    work = wb["Cần quyết định"]
    decisions = {r[5] for r in work.iter_rows(min_row=2, values_only=True)}
    assert len(decisions) == data["data_quality"]["counts"]["decisions"]
    assert "/tin-9" not in decisions  # the repost is listed apart
    apart = [r[0] for r in wb["Đăng lại, chưa tải"].iter_rows(min_row=2, values_only=True)]
    assert apart.count("Tin đăng lại") == 1 and apart.count("Trang chưa tải được") == 1
    contrib = {r[1]: r for r in wb["Cộng tác viên"].iter_rows(min_row=2, values_only=True)}
    assert contrib["Nguyễn Thu Hà"][0] == "nguyen-thu-ha"  # the id beside the name
    assert contrib["Nguyễn Thu Hà"][4:6] == (3, 4)


def _docx_text(path):
    d = docx.Document(path)
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            for cell in row.cells:
                parts.append(cell.text)
    return d, "\n".join(parts)


def test_docx(written):
    *_, paths, data = written
    d, text = _docx_text(paths["docx"])
    for expected in ("LIÊN ĐOÀN LAO ĐỘNG TỈNH HÀ TĨNH", "BAN TUYÊN GIÁO - NỮ CÔNG", "/BC-LĐLĐ",
                     "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                     "Hà Tĩnh, ngày", "BÁO CÁO",
                     "Kết quả thực hiện Nghị quyết 06/NQ-LĐLĐ tháng 5/2025",
                     "I. KẾT QUẢ THỰC HIỆN", "II. TỒN TẠI, HẠN CHẾ", "III. NHIỆM VỤ THÁNG TỚI",
                     "Nơi nhận:", "TRƯỞNG BAN"):  # fmt: skip
        assert expected in text, expected
    w = data["website"]
    assert f"đăng trên Trang thông tin điện tử {w['total']} tin, bài: {w['news']} tin" in text
    # the units table carries the same figures as the JSON
    unit_table = next(t for t in d.tables if t.rows[0].cells[0].text == "Đơn vị")
    rows = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in unit_table.rows[1:]}
    c = data["units"]["ldld-h-ky-anh"]
    assert rows["LĐLĐ huyện Kỳ Anh"][:4] == [str(c["news"]), str(c["articles"]), str(c["videos"]),
                                             str(c["facebook"])]  # fmt: skip
    # section II is filled from what is missing
    assert "đơn vị chưa có tin, bài trong tháng" in text
    assert f"{data['unattributed']} tin, bài chưa xác định được đơn vị" in text
    fonts = {r.font.name for p in d.paragraphs for r in p.runs if r.text.strip()}
    assert fonts == {"Times New Roman"}
    assert d.styles["Normal"].font.name == "Times New Roman"


def test_xss_title_is_text_everywhere(written):
    *_, paths, _data = written
    html = paths["html"].read_text(encoding="utf-8")
    assert "<script" not in html.lower()
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    _d, text = _docx_text(paths["docx"])
    assert "<script" not in text  # titles appear only in the appendix of unsure items, not this one
    saved = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert XSS_TITLE in [it["title"] for it in saved["items"]]
    wb = openpyxl.load_workbook(paths["xlsx"])
    assert XSS_TITLE in [r[2] for r in wb["Tin bài"].iter_rows(min_row=2, values_only=True)]


def test_year_and_contributor_files(written, tmp_path):
    store, config, _db, _paths, _data = written
    ypaths = write_year(store, config, 2025, tmp_path / "y")
    assert {p.name for p in ypaths.values()} == {
        "bao-cao-nam-2025.json", "bao-cao-nam-2025.html", "bao-cao-nam-2025.xlsx",
        "bao-cao-nam-2025.docx"}  # fmt: skip
    wb = openpyxl.load_workbook(ypaths["xlsx"])
    rows = list(wb["Từng tháng"].iter_rows(min_row=2, values_only=True))
    assert rows[4][0] == "Tháng 5/2025" and rows[4][5] == 16
    assert rows[-1][0] == "Cả năm" and rows[-1][5] == 20
    _d, text = _docx_text(ypaths["docx"])
    assert "năm 2025" in text and "Nơi nhận:" in text
    cpaths = write_contributors(store, config, "2025-05", tmp_path / "c")
    assert cpaths["html"].name == "bao-cao-cong-tac-vien-2025-05.html"
    html = cpaths["html"].read_text(encoding="utf-8")
    assert "Nguyễn Thu Hà" in html and "3 / 4" in html and "Chưa đạt" in html


# ---------------------------------------------------------------- the command
def test_cli_json_to_stdout(written, capsys):
    _store, _config, db, _paths, data = written
    cfg = db.parent / "config"
    code = main(["report", "month", "2025-05", "--db", str(db), "--config", str(cfg), "--format", "json"])
    out = capsys.readouterr().out
    assert code == 0
    parsed = json.loads(out)  # nothing else on stdout
    assert parsed["website"] == data["website"]
    assert "Tháng 5/2025" in out  # not \\u-escaped


def test_cli_writes_files_and_prints_paths(written, tmp_path, capsys):
    _store, _config, db, _paths, _data = written
    out_dir = tmp_path / "cli"
    code = main(["report", "month", "2025-05", "--db", str(db), "--format", "all", "--out", str(out_dir)])
    printed = capsys.readouterr().out.split()
    assert code == 0
    assert sorted(p.rsplit("/", 1)[-1] for p in printed) == sorted(
        f"bao-cao-thang-2025-05.{e}" for e in ("json", "html", "xlsx", "docx"))  # fmt: skip
    assert main(["report", "year", "2025", "--db", str(db), "--format", "html", "--out", str(out_dir)]) == 0
    assert (out_dir / "bao-cao-nam-2025.html").exists()
    assert main(["report", "contributors", "--month", "2025-05", "--db", str(db), "--format", "xlsx",
                 "--out", str(out_dir)]) == 0  # fmt: skip
    assert (out_dir / "bao-cao-cong-tac-vien-2025-05.xlsx").exists()


def test_cli_errors(written, tmp_path, capsys):
    _store, _config, db, _paths, _data = written
    assert main(["report", "month", "2025-13", "--db", str(db)]) == 2
    assert "YYYY-MM" in capsys.readouterr().err
    assert main(["report", "year", "20x5", "--db", str(db)]) == 2
    assert main(["report", "contributors", "--db", str(db)]) == 2
    missing = tmp_path / "nothing.sqlite"
    assert main(["report", "month", "2025-05", "--db", str(missing), "--format", "json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "no database" in captured.err
    assert not missing.exists()
