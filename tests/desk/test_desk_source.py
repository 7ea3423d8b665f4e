"""The item page names where a decision came from, as its own history records it."""

from __future__ import annotations

import io
import re
import sys

from pipeline import cli
from pipeline.store import Store
from tests.helpers.desk import signed_in, token_for


def _unit_line(page: str) -> str:
    return re.search(r"<dt>Đơn vị</dt><dd>(.*?)</dd>", page, re.S).group(1)


def _item(db):
    with Store(db) as s:
        return s.conn.execute(
            "SELECT id, source, key FROM v_items WHERE source = 'website' AND eff_unit IS NULL "
            "AND is_repost = 0 ORDER BY id LIMIT 1").fetchone()  # fmt: skip


def test_a_desk_decision_is_named_as_the_desks(app, demo):
    item = _item(demo[0])
    client = signed_in(app, "bientap")
    page = client.get(f"/items/{item['id']}").get_data(as_text=True)
    version = re.search(r'name="version" value="([^"]+)"', page).group(1)
    client.post(f"/items/{item['id']}/decide", data={
        "csrf_token": token_for(client, f"/items/{item['id']}"), "version": version, "kind": "",
        "unit": "ldld-can-loc", "contributors_sent": "1", "note": "", "back": f"/items/{item['id']}"})  # fmt: skip
    page = client.get(f"/items/{item['id']}").get_data(as_text=True)
    line = _unit_line(page)
    assert "bientap chọn trên bàn biên tập lúc" in line
    assert "cdht" not in page and "dòng lệnh" not in line


def test_a_command_line_decision_is_named_as_such(app, demo, monkeypatch):
    db, config = demo
    item = _item(db)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert cli.main(["item", item["key"], "--source", "website", "--unit", "ldld-can-loc",
                     "--db", str(db), "--config", str(config)]) == 0  # fmt: skip
    page = signed_in(app, "xem").get(f"/items/{item['id']}").get_data(as_text=True)
    assert "chọn bằng dòng lệnh trên máy chủ" in _unit_line(page)
    assert "bàn biên tập" not in _unit_line(page)


def test_the_category_source_is_in_vietnamese(app, demo):
    with Store(demo[0]) as s:
        row = s.conn.execute("SELECT id FROM items WHERE category_source = 'breadcrumb' LIMIT 1").fetchone()
    if row is None:
        with Store(demo[0]) as s:
            row = s.conn.execute("SELECT id FROM items WHERE source = 'website' LIMIT 1").fetchone()
            s.conn.execute("UPDATE items SET category_source = 'breadcrumb' WHERE id = ?", (row[0],))
            s.conn.commit()
    page = signed_in(app, "xem").get(f"/items/{row[0]}").get_data(as_text=True)
    assert "(breadcrumb)" not in page and "đường dẫn chuyên mục ở đầu bài" in page
