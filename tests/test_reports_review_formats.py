"""The review's files: every format carries the figures of the JSON; the DOCX is an office
report whose signed part holds no sentence about the tool's data, which goes to an annex."""

from __future__ import annotations

import json

import docx
import openpyxl
import pytest
from helpers.review_fixture import make_review_store, mark_read

from pipeline.store import Store
from quotas.span import Span
from reports.review.data import build_review
from reports.review.render import write_review

ALL = {"json", "html", "xlsx", "docx", "png"}
SPAN = Span((2024, 12), (2025, 2))


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("review")
    store, config, *_ = make_review_store(tmp_path)
    paths = write_review(store, config, SPAN, tmp_path / "out", ALL)
    yield paths, build_review(store, config, SPAN)
    store.close()


def _signed_and_annex(path) -> tuple[str, str]:
    """The document's text before the signature table and after it, in body order."""
    d = docx.Document(path)
    parts, after = [[], []], 0
    for el in d.element.body.iterchildren():
        text = "".join(t.text or "" for t in el.iter() if t.tag.endswith("}t"))
        if el.tag.endswith("}tbl") and "TRƯỞNG BAN" in text:
            after = 1
            continue
        parts[after].append(text)
    return "\n".join(parts[0]), "\n".join(parts[1])


def test_file_names_and_json(written):
    paths, data = written
    assert paths["docx"].name == "bao-cao-danh-gia-2024-12-2025-02.docx"
    for name in ("tin", "bai", "video"):
        assert paths[f"png:{name}"].read_bytes()[:4] == b"\x89PNG"
    saved = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert saved["website"] == data["website"] and saved["ranking"]["units"] == data["ranking"]["units"]


def test_xlsx_carries_the_same_figures(written):
    paths, data = written
    wb = openpyxl.load_workbook(paths["xlsx"])
    assert wb.sheetnames[:5] == ["Tổng hợp", "Từng tháng", "Chỉ tiêu", "Xếp hạng đơn vị", "Xếp hạng người viết"]
    months = list(wb["Từng tháng"].iter_rows(min_row=2, values_only=True))
    for row, m in zip(months, data["months"], strict=True):
        assert row[0] == m["period_label"]
        assert row[1:6] == tuple(m["website"][k] for k in ("news", "articles", "videos", "with_video", "total"))
        assert row[6] == m["facebook"]["posts"]
    ranks = [(r[0], r[2], r[8]) for r in wb["Xếp hạng đơn vị"].iter_rows(min_row=2, values_only=True)]
    assert ranks == [(r["rank"], r["id"], r["score"]) for r in data["ranking"]["units"]]
    people = {r[2]: r for r in wb["Xếp hạng người viết"].iter_rows(min_row=2, values_only=True)}
    assert people["tran-van-nam"][1] == "đồng hạng"
    summary = {r[0]: r[1] for r in wb["Tổng hợp"].iter_rows(values_only=True) if isinstance(r[0], str)}
    assert summary["Website: tổng số"] == data["website"]["total"] == 13
    years = {r[0]: r for r in wb["Tổng hợp"].iter_rows(values_only=True) if isinstance(r[1], int)}
    assert years["Năm 2024 (tháng 12)"][1] == 3 and years["Năm 2025 (từ tháng 1 đến tháng 2)"][1] == 6
    targets = {(r[0], r[2]): r for r in wb["Tổng hợp"].iter_rows(values_only=True) if r[0] == "B.IV.3"}
    assert targets[("B.IV.3", "Quý 4/2024")][4] == 5 and targets[("B.IV.3", "Năm 2025")][4] == 200


def test_docx_is_the_office_report_with_the_figures(written):
    paths, data = written
    d = docx.Document(paths["docx"])
    text = "\n".join(p.text for p in d.paragraphs)
    assert "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM" in d.tables[0].rows[0].cells[1].text
    assert data["title"] in text
    for heading in ("I. KẾT QUẢ THỰC HIỆN", "II. TỒN TẠI, HẠN CHẾ", "III. NHIỆM VỤ THỜI GIAN TỚI"):
        assert heading in text
    months = next(t for t in d.tables if t.rows[0].cells[0].text == "Tháng")
    rows = [[c.text for c in r.cells] for r in months.rows[1:]]
    assert [r[1] for r in rows] == [str(m["website"]["news"]) for m in data["months"]]
    ranking = next(t for t in d.tables if t.rows[0].cells[1].text == "Đơn vị")
    first = [c.text for c in ranking.rows[1].cells]
    assert first[:2] == ["1", "LĐLĐ huyện Can Lộc"] and first[6] == "4"
    assert len(d.inline_shapes) == 3  # news and articles per month, video cumulative
    assert "Năm 2025" in text and "Tin, bài trên Trang TTĐT có kèm videoclip" in "\n".join(
        c.text for t in d.tables for r in t.rows for c in r.cells)  # fmt: skip
    signed, annex = _signed_and_annex(paths["docx"])
    # a verdict may read "Chưa có số liệu"; no sentence about the tool's data is signed
    for words in ("chưa xác định được đơn vị", "công cụ", "Lưu ý về số liệu", "trước thời điểm có dữ liệu",
                  "chưa được đọc", "trang chưa tải được"):
        assert words not in signed
    assert "PHỤ LỤC" in annex and "chưa xác định được đơn vị" in annex


def test_html_carries_the_figures_and_ranking(written):
    paths, data = written
    html = paths["html"].read_text(encoding="utf-8")
    assert data["title"] in html
    assert "http://" not in html.replace('href="http', "") and "<script" not in html
    pos = [html.index(f"<td class=\"name\">{r['name']}</td>") for r in data["ranking"]["units"][:3]]
    assert pos == sorted(pos)
    assert "(đồng hạng)" in html
    assert '<br><span class="badge s-no_data">' not in html  # every month of the span was read


def test_months_without_data_are_marked_in_every_format(tmp_path):
    store, config, *_ = make_review_store(tmp_path, read=False)
    mark_read(store, "2025-02-10T01:00:00Z")
    span = Span((2024, 11), (2025, 2))
    paths = write_review(store, config, span, tmp_path / "out", {"json", "html", "xlsx", "docx"})
    store.close()
    data = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert data["months_without_data"] == ["2024-11", "2025-02"]
    html = paths["html"].read_text(encoding="utf-8")
    assert html.count('<span class="badge s-no_data">Chưa có số liệu</span><') >= 2
    rows = {r[0]: r for r in openpyxl.load_workbook(paths["xlsx"])["Từng tháng"].iter_rows(values_only=True)}
    assert rows["Tháng 11/2024"][9] == rows["Tháng 2/2025"][9] == "chưa có số liệu"
    assert rows["Tháng 12/2024"][9] == "đủ"
    assert rows["Tháng 2/2025"][10] == "Chưa có số liệu"  # the month's news target has no verdict
    d = docx.Document(paths["docx"])
    months = next(t for t in d.tables if t.rows[0].cells[0].text == "Tháng")
    verdicts = {r.cells[0].text: r.cells[6].text for r in months.rows[1:]}
    assert verdicts["Tháng 11/2024"] == verdicts["Tháng 2/2025"] == "Chưa có số liệu"
    signed, annex = _signed_and_annex(paths["docx"])
    assert "tháng chưa có số liệu" not in signed and "Lưu ý về số liệu" not in signed
    assert "Tháng 11/2024: chưa có số liệu" in annex and "Tháng 2/2025: chưa có số liệu" in annex


def test_a_span_without_data_says_so_at_the_top(tmp_path):
    from pipeline.settings import load_config

    store = Store(tmp_path / "empty.sqlite")
    paths = write_review(store, load_config(), Span((2025, 1), (2025, 6)), tmp_path / "out",
                         {"json", "html", "docx"})  # fmt: skip
    store.close()
    d = docx.Document(paths["docx"])
    body = [p.text for p in d.paragraphs if p.text.strip()]
    first = next(i for i, t in enumerate(body) if t.startswith("CHƯA CÓ SỐ LIỆU"))
    assert first < body.index("I. KẾT QUẢ THỰC HIỆN") and first < 5  # under the title
    html = paths["html"].read_text(encoding="utf-8")
    assert html.index("CHƯA CÓ SỐ LIỆU") < html.index("Kết quả chung")
    assert "Đạt</span>" not in html and "Chưa đạt</span>" not in html
