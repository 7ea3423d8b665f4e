"""The DOCX in the form an office sends: fitted widths, repeated headers, whole rows, page
numbers, sentences, named units, hand-tracked items, and the federation as author."""

from __future__ import annotations

import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from helpers.reports_fixture import make_month

from reports.docx_parts import fit_widths
from reports.monthdata import build_month
from reports.render import write_month, write_year


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    base = tmp_path_factory.mktemp("docx")
    store, config, _db = make_month(base)
    paths = write_month(store, config, "2025-05", base / "out", {"docx"})
    year = write_year(store, config, 2025, base / "out", {"docx"})
    data = build_month(store, config, "2025-05")
    store.close()
    return docx.Document(paths["docx"]), paths["docx"], data, docx.Document(year["docx"])


def _grid_tables(d):
    return [t for t in d.tables if t.style is not None and t.style.name == "Table Grid"]


def _widths(table) -> list[int]:
    return [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]


def test_column_widths_fit_the_content(written):
    d, _path, _data, _year = written
    quota = next(t for t in _grid_tables(d) if t.rows[0].cells[1].text == "Nội dung")
    w = _widths(quota)
    assert len(set(w)) > 2  # not all the same
    assert w[1] == max(w)  # "Nội dung" gets the room
    assert w[1] > 2 * w[0] and w[1] >= 5.5 * 567  # at least 5.5 cm of the 16
    assert sum(w) <= 16.05 * 567  # within the text width (twips per cm ≈ 567)
    for row in quota.rows[1:]:
        assert row.cells[1].width == quota.rows[0].cells[1].width


def test_header_rows_repeat_and_rows_stay_whole(written):
    d, *_ = written
    tables = _grid_tables(d)
    assert len(tables) >= 3
    for t in tables:
        first = t.rows[0]._tr.trPr
        assert first is not None and first.find(qn("w:tblHeader")) is not None
        for row in t.rows:
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None


def test_page_number_field_in_footer(written):
    _d, path, *_ = written
    with zipfile.ZipFile(path) as z:
        footers = [z.read(n).decode() for n in z.namelist() if n.startswith("word/footer")]
    assert any("PAGE" in f and "fldChar" in f for f in footers)
    d = written[0]
    assert "Trang" in d.sections[0].footer.paragraphs[0].text


def test_sentences_and_named_units(written):
    d, _path, data, _year = written
    text = "\n".join(p.text for p in d.paragraphs)
    w = data["website"]
    assert (f"Trong tháng, toàn hệ thống đăng trên Trang thông tin điện tử {w['total']} tin, bài: "
            f"{w['news']} tin, đạt 11% chỉ tiêu (100 tin)") in text  # fmt: skip
    assert "Chưa đạt chỉ tiêu B.I.2a" not in text and "; Chưa đạt." not in text
    assert "chưa đạt: mới có 11/100 tin, còn thiếu 89." in text
    # B.II.1 names the units that sent no video
    b21 = next(q for q in data["quotas"] if q["id"] == "B.II.1")
    for uid in b21["units_missing"]:
        assert data["unit_names"][uid] in text, uid
    assert "Các đơn vị chưa có video clip (" in text
    # the month's inactive units are named, in section II and in the tasks
    for uid in data["units_inactive"]:
        assert text.count(data["unit_names"][uid]) >= 2


def test_b_i_3_and_manual_items_have_a_status(written):
    d, *_ = written
    quota = next(t for t in _grid_tables(d) if t.rows[0].cells[1].text == "Nội dung")
    rows = {r.cells[0].text: r.cells[-1].text for r in quota.rows[1:]}
    assert rows["B.I.3"] == "Chưa đạt"
    manual = next(t for t in _grid_tables(d) if t.rows[0].cells[0].text == "Nội dung"
                  and t.rows[0].cells[-1].text == "Tình trạng")  # fmt: skip
    states = [r.cells[-1].text for r in manual.rows[1:]]
    assert states and all(s in ("Đã hoàn thành", "Quá hạn", "Đến hạn", "Chưa đến hạn") for s in states)


def test_properties_name_the_federation(written):
    d, path, _data, year = written
    for doc in (d, year):
        cp = doc.core_properties
        assert cp.author == "Công đoàn Hà Tĩnh"
        assert "python-docx" not in (cp.comments or "") and "python-docx" not in (cp.last_modified_by or "")
        assert cp.title.startswith("Báo cáo Kết quả thực hiện Nghị quyết 06/NQ-LĐLĐ")
    with zipfile.ZipFile(path) as z:
        app = z.read("docProps/app.xml").decode()
        assert "<Company>Liên đoàn Lao động tỉnh Hà Tĩnh (Công đoàn Hà Tĩnh)</Company>" in app
        assert all("python-docx" not in z.read(n).decode("utf-8", "ignore") for n in z.namelist()
                   if n.endswith(".xml"))  # fmt: skip


def test_fit_widths_keeps_words_whole_and_fills_the_page():
    w = fit_widths(["Mã", "Nội dung", "Thực hiện"], [["B.I.2a", "Tin đăng trên Trang TTĐT " * 4, 93]])
    assert abs(sum(w) - 16.0) < 0.05
    assert w[0] >= len("B.I.2a") * 0.2 and w[2] >= len("Thực") * 0.2
    assert w[1] > w[0] + w[2]


def test_units_behind_are_named_or_summed_up():
    from reports.wording import units_behind_text

    names = {"a": "LĐLĐ huyện A", "b": "LĐLĐ huyện B", "c": "LĐLĐ huyện C"}
    some = {"status": "not_met", "count": "with_video", "units_existing": ["a", "b", "c"],
            "units_counted": ["a"], "units_missing": ["b", "c"]}  # fmt: skip
    assert units_behind_text(some, names) == "Các đơn vị chưa có video clip (2): LĐLĐ huyện B, LĐLĐ huyện C."
    none = some | {"units_counted": [], "units_missing": ["a", "b", "c"]}
    assert units_behind_text(none, names) == "Chưa đơn vị nào có video clip (3 đơn vị)."
    assert units_behind_text(some | {"status": "met"}, names) == ""
