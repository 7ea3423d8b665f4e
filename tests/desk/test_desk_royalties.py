"""Nhuận bút in the desk: hidden until rates are set; the month's sheet and its downloads; an
item's points set by an editor within the kind's range, audited and undone like any change."""

from __future__ import annotations

import io
import re
import shutil

import docx
import openpyxl
import pytest

from pipeline.settings import load_config
from pipeline.store import Store, audit, royalty_marks
from reports.royalties import build_royalties
from tests.helpers.desk import signed_in
from tests.helpers.royalties_fixture import RATES, write_rates

MONTH = "2025-05"


@pytest.fixture
def rated(demo, clock, tmp_path):
    """An app over the demo store whose configuration sets the example rates."""
    from pipeline.desk.app import create_app

    db, config = demo
    cdir = tmp_path / "config"
    shutil.copytree(config, cdir)
    write_rates(cdir, RATES)
    a = create_app(db, cdir, reports_dir=tmp_path / "reports", clock=clock)
    a.config["TESTING"] = True
    return a, db


def _item_with_one_author(db) -> tuple[int, str, str]:
    with Store(db) as s:
        row = s.conn.execute(
            "SELECT i.id, i.key, i.eff_kind FROM v_items i JOIN item_contributors c ON c.item_id = i.id "
            "WHERE i.source = 'website' AND i.is_repost = 0 AND i.eff_kind = 'news' "
            "AND i.local_date LIKE ? GROUP BY i.id HAVING COUNT(*) = 1 ORDER BY i.id LIMIT 1",
            (f"{MONTH}%",),
        ).fetchone()
    assert row, "the demo has a news item with one author in May 2025"
    return row[0], row[1], row[2]


def _version(html: str) -> str:
    form = html[html.index('id="nhuan-but"'):]
    return re.search(r'name="version" value="([^"]+)"', form).group(1)


def test_hidden_until_rates_are_set(app):
    client = signed_in(app, "xem")
    assert "Nhuận bút" not in client.get("/").get_data(as_text=True)
    assert client.get(f"/nhuan-but?month={MONTH}").status_code == 404
    assert client.get(f"/nhuan-but/{MONTH}/tai.xlsx").status_code == 404


def test_the_sheet_and_its_downloads(rated):
    app, db = rated
    client = signed_in(app, "xem")
    assert "/nhuan-but" in client.get("/").get_data(as_text=True)
    html = client.get(f"/nhuan-but?month={MONTH}").get_data(as_text=True)
    with Store(db) as s:
        data = build_royalties(s, load_config(db.parent / "config"), MONTH)
    assert data["contributors"] and data["total_amount"] > 0
    total = f"{data['total_amount']:,}".replace(",", ".")
    assert f'id="total">{total}<' in html
    assert data["total_in_words"] in html
    for c in data["contributors"].values():
        assert c["name"] in html
    resp = client.get(f"/nhuan-but/{MONTH}/tai.xlsx")
    assert resp.status_code == 200 and "nhuan-but-2025-05.xlsx" in resp.headers["Content-Disposition"]
    ws = openpyxl.load_workbook(io.BytesIO(resp.data))["Bảng kê"]
    assert data["total_amount"] in [c.value for row in ws.iter_rows() for c in row]
    doc = docx.Document(io.BytesIO(client.get(f"/nhuan-but/{MONTH}/tai.docx").data))
    cells = [p.text for t in doc.tables for r in t.rows for c in r.cells for p in c.paragraphs]
    assert f"Tổng số tiền bằng số: {total} đồng" in cells
    assert client.get(f"/nhuan-but/{MONTH}/tai.exe").status_code == 404


def test_editor_sets_points_within_the_range_audited_and_undone(rated):
    app, db = rated
    item_id, key, _kind = _item_with_one_author(db)
    viewer = signed_in(app, "xem")
    seen = viewer.get(f"/items/{item_id}").get_data(as_text=True)
    assert 'id="nhuan-but"' in seen and f'action="/items/{item_id}/nhuan-but"' not in seen
    client = signed_in(app, "bientap")
    page = client.get(f"/items/{item_id}").get_data(as_text=True)
    assert "từ 0,5 đến 2 điểm" in page
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    form = {"csrf_token": token, "version": _version(page), "points": "2,5", "note": ""}
    client.post(f"/items/{item_id}/nhuan-but", data=form)
    after = client.get(f"/items/{item_id}").get_data(as_text=True)
    assert "nằm ngoài khoảng cho phép" in after and "từ 0,5 đến 2 điểm" in after
    with Store(db) as s:
        assert all(h["field"] != "points" for h in audit.history(s, "item", f"website:{key}"))
    form["points"], form["note"] = "1,5", "tin có ảnh tốt"
    client.post(f"/items/{item_id}/nhuan-but", data=form)
    with Store(db) as s:
        h = audit.history(s, "item", f"website:{key}")[0]
        assert (h["who"], h["field"], h["after"], h["note"]) == ("bientap", "points", "1.5", "tin có ảnh tốt")
    page = client.get(f"/items/{item_id}").get_data(as_text=True)
    assert "Điểm nhuận bút" in page  # the history names the field
    # the sheet gives the item its 1,5 points; undo puts the default back
    sheet = client.get(f"/nhuan-but?month={MONTH}").get_data(as_text=True)
    assert "1,5 <small>(biên tập viên đặt)</small>" in sheet
    client.post(f"/audit/{h['id']}/undo", data={"csrf_token": token})
    with Store(db) as s:
        assert audit.history(s, "item", f"website:{key}")[0]["field"] == "points"
        assert royalty_marks.get(s, "website", key, "points") is None


def test_no_royalty_mark_moves_the_item_apart(rated):
    app, db = rated
    item_id, key, _kind = _item_with_one_author(db)
    client = signed_in(app, "bientap")
    page = client.get(f"/items/{item_id}").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    client.post(f"/items/{item_id}/nhuan-but", data={"csrf_token": token, "version": _version(page),
                                                     "points": "", "no_royalty": "1"})  # fmt: skip
    with Store(db) as s:
        assert audit.history(s, "item", f"website:{key}")[0]["field"] == "no_royalty"
    sheet = client.get(f"/nhuan-but?month={MONTH}").get_data(as_text=True)
    apart = sheet[sheet.index("Không tính nhuận bút ("):]
    assert f"/items/{item_id}\"" in apart and "Biên tập viên đánh dấu" in apart


def test_a_stale_form_is_refused(rated):
    app, db = rated
    item_id, key, _kind = _item_with_one_author(db)
    client = signed_in(app, "bientap")
    page = client.get(f"/items/{item_id}").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    with Store(db) as s:
        audit.decide(s, "other", "website", key, "points", 2)
    client.post(f"/items/{item_id}/nhuan-but", data={"csrf_token": token, "version": _version(page),
                                                     "points": "1"})  # fmt: skip
    with Store(db) as s:
        assert audit.history(s, "item", f"website:{key}")[0]["who"] == "other"


def test_viewer_cannot_post_points(rated):
    app, db = rated
    item_id, _key, _kind = _item_with_one_author(db)
    client = signed_in(app, "xem")
    page = client.get(f"/items/{item_id}").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    assert client.post(f"/items/{item_id}/nhuan-but", data={"csrf_token": token, "points": "1"}).status_code == 403


def test_what_other_rates_would_cost(rated):
    from reports.royalties_compare import compare
    from reports.royalty_rates import rates_of, rates_with

    app, db = rated
    client = signed_in(app, "xem")
    assert "/nhuan-but/so-sanh" in client.get(f"/nhuan-but?month={MONTH}").get_data(as_text=True)
    html = client.get(f"/nhuan-but/so-sanh?from=2025-04&to={MONTH}&point_value=250.000&articles=4"
                      ).get_data(as_text=True)  # fmt: skip
    config = load_config(db.parent / "config")
    rates = rates_of(config)
    with Store(db) as s:
        want = compare(s, config, "2025-04", MONTH,
                       rates_with(rates, {"point_value": 250000, "kinds": {"articles": {"points": 4}}}, "x"), rates)
    assert want["difference"] > 0
    assert f'id="proposed">{want["proposed"]["total_amount"]:,}<'.replace(",", ".") in html
    assert f'id="difference">{want["difference"]:,}<'.replace(",", ".") in html
    bad = client.get(f"/nhuan-but/so-sanh?from={MONTH}&to={MONTH}&news=9").get_data(as_text=True)
    assert "Không tính được" in bad and "kinds.news" in bad


def test_comparison_is_hidden_without_rates(app):
    assert signed_in(app, "xem").get("/nhuan-but/so-sanh").status_code == 404


def test_a_broken_rate_file_is_shown_not_hidden(demo, clock, tmp_path):
    from pipeline.desk.app import create_app

    db, config = demo
    cdir = tmp_path / "config"
    shutil.copytree(config, cdir)
    write_rates(cdir, RATES.replace("234000", "-1"))
    app = create_app(db, cdir, reports_dir=tmp_path / "reports", clock=clock)
    client = signed_in(app, "xem")
    assert "/nhuan-but" in client.get("/").get_data(as_text=True)
    html = client.get(f"/nhuan-but?month={MONTH}").get_data(as_text=True)
    assert "Tệp mức nhuận bút có lỗi" in html and "point_value" in html
    assert client.get(f"/nhuan-but/{MONTH}/tai.xlsx").status_code == 404
    assert client.get("/nhuan-but/so-sanh").status_code == 404
