"""The worklist and editors' decisions: reasons, one-click save, audit, stale forms, undo,
and `cdht item` recorded in the same trail."""

from __future__ import annotations

import io
import json
import re
import sys

from pipeline import cli
from pipeline.store import Store, audit
from tests.helpers.desk import signed_in, token_for


def month_api(client, month="2025-05") -> dict:
    return client.get(f"/api/report/month/{month}").get_json()


def work_ids(html: str) -> list[int]:
    return [int(x) for x in re.findall(r'<article class="card work" id="item-(\d+)"', html)]


def version_of(html: str, item_id: int) -> str:
    form = html[html.index(f'action="/items/{item_id}/decide"'):]
    return re.search(r'name="version" value="([^"]+)"', form).group(1)


def test_worklist_gives_each_item_its_reason_and_lists_reposts_apart(app, demo):
    client = signed_in(app, "xem")
    html = client.get("/can-xu-ly?month=2025-05").get_data(as_text=True)
    ids = work_ids(html)
    with Store(demo[0]) as s:
        unattributed = [r[0] for r in s.conn.execute(
            "SELECT id FROM v_items WHERE source = 'website' AND eff_unit IS NULL AND is_repost = 0 "
            "AND local_date LIKE '2025-05%'")]  # fmt: skip
        reposts = [r[0] for r in s.conn.execute(
            "SELECT id FROM v_items WHERE is_repost = 1 AND local_date LIKE '2025-05%'")]  # fmt: skip
    assert unattributed and set(unattributed) <= set(ids)
    assert reposts and not set(reposts) & set(ids)
    assert "khớp nhiều đơn vị (LĐLĐ huyện Kỳ Anh, LĐLĐ thị xã Kỳ Anh)" in html
    assert "Chưa xác định được đơn vị" in html
    assert "Tin đăng lại (không cần quyết định)" in html
    section = html[html.index("Tin đăng lại"):]
    for rid in reposts:
        assert f'href="/items/{rid}"' in section
    # a viewer sees the worklist without the forms
    assert 'class="decide"' not in html


def test_fixing_an_unattributed_item_updates_the_figures_and_is_audited(app, demo):
    client = signed_in(app, "bientap")
    before = month_api(client)
    html = client.get("/can-xu-ly?month=2025-05").get_data(as_text=True)
    with Store(demo[0]) as s:
        item = s.conn.execute(
            "SELECT id, source, key FROM v_items WHERE source = 'website' AND eff_unit IS NULL "
            "AND is_repost = 0 AND local_date LIKE '2025-05%' ORDER BY id LIMIT 1").fetchone()  # fmt: skip
    resp = client.post(f"/items/{item['id']}/decide", data={
        "csrf_token": token_for(client, "/can-xu-ly?month=2025-05"), "version": version_of(html, item["id"]),
        "kind": "", "unit": "ldld-h-ky-anh", "contributors_sent": "1", "note": "bài của huyện",
        "back": "/can-xu-ly?month=2025-05"})  # fmt: skip
    assert resp.status_code == 302 and resp.headers["Location"] == "/can-xu-ly?month=2025-05"
    after = month_api(client)
    assert after["unattributed"] == before["unattributed"] - 1
    assert sum(after["units"]["ldld-h-ky-anh"].values()) == sum(before["units"]["ldld-h-ky-anh"].values()) + 1
    html = client.get("/can-xu-ly?month=2025-05").get_data(as_text=True)
    assert item["id"] not in work_ids(html)
    with Store(demo[0]) as s:
        rows = audit.history(s, "item", f"{item['source']}:{item['key']}")
    sets = [r for r in rows if r["action"] == "set"]
    assert len(sets) == 1
    assert sets[0]["who"] == "bientap" and sets[0]["field"] == "unit"
    assert json.loads(sets[0]["after"]) == "ldld-h-ky-anh" and sets[0]["before"] is None
    assert sets[0]["note"] == "bài của huyện" and sets[0]["at"].endswith("Z")
    page = client.get(f"/items/{item['id']}").get_data(as_text=True)
    assert "bài của huyện" in page and "bientap" in page


def test_a_stale_form_is_refused_with_the_current_values(app, demo):
    a, b = signed_in(app, "bientap"), signed_in(app, "quantri")
    with Store(demo[0]) as s:
        item = s.conn.execute(
            "SELECT id FROM v_items WHERE source = 'website' AND eff_unit IS NULL AND is_repost = 0 "
            "AND local_date LIKE '2025-05%' ORDER BY id LIMIT 1").fetchone()  # fmt: skip
    page_a = a.get("/can-xu-ly?month=2025-05").get_data(as_text=True)
    page_b = b.get("/can-xu-ly?month=2025-05").get_data(as_text=True)
    form = {"kind": "", "contributors_sent": "1", "note": ""}
    first = b.post(f"/items/{item['id']}/decide", data=form | {
        "unit": "ldld-tx-ky-anh", "version": version_of(page_b, item["id"]),
        "csrf_token": token_for(b)})  # fmt: skip
    assert first.status_code == 302
    second = a.post(f"/items/{item['id']}/decide", data=form | {
        "unit": "ldld-h-ky-anh", "version": version_of(page_a, item["id"]),
        "csrf_token": token_for(a)})  # fmt: skip
    assert second.status_code == 409
    html = second.get_data(as_text=True)
    assert "chưa được lưu" in html
    assert re.search(r'class="cur-unit">ldld-tx-ky-anh<', html)
    with Store(demo[0]) as s:
        assert s.get_item(*s.conn.execute("SELECT source, key FROM items WHERE id = ?",
                                          (item["id"],)).fetchone())["eff_unit"] == "ldld-tx-ky-anh"  # fmt: skip
    # the refusal page carries the new version: saving from it works
    third = a.post(f"/items/{item['id']}/decide", data=form | {
        "unit": "ldld-h-ky-anh", "version": version_of(html, item["id"]), "csrf_token": token_for(a)})  # fmt: skip
    assert third.status_code == 302


def test_an_editor_undoes_a_change(app, demo):
    client = signed_in(app, "bientap")
    with Store(demo[0]) as s:
        row = s.conn.execute("SELECT id, source, key, eff_kind FROM v_items WHERE source = 'website' "
                             "AND eff_kind = 'news' LIMIT 1").fetchone()  # fmt: skip
    page = client.get(f"/items/{row['id']}").get_data(as_text=True)
    client.post(f"/items/{row['id']}/decide", data={
        "kind": "article", "unit": "-", "version": version_of(page, row["id"]),
        "csrf_token": token_for(client)})  # fmt: skip
    with Store(demo[0]) as s:
        assert s.get_item(row["source"], row["key"])["eff_kind"] == "article"
        change = next(r for r in audit.history(s, "item", f"{row['source']}:{row['key']}") if r["action"] == "set")
    page = client.get(f"/items/{row['id']}").get_data(as_text=True)
    assert f'action="/audit/{change["id"]}/undo"' in page
    resp = client.post(f"/audit/{change['id']}/undo", data={"csrf_token": token_for(client)})
    assert resp.status_code == 302
    with Store(demo[0]) as s:
        assert s.get_item(row["source"], row["key"])["eff_kind"] == "news"
        hist = audit.history(s, "item", f"{row['source']}:{row['key']}")
    assert hist[0]["action"] == "clear" and json.loads(hist[0]["before"]) == "article"
    assert next(h for h in hist if h["id"] == change["id"])["undone_by"] == hist[0]["id"]
    # undone once: a second undo is refused with a message
    resp = client.post(f"/audit/{change['id']}/undo", data={"csrf_token": token_for(client)},
                       follow_redirects=True)  # fmt: skip
    assert "Không hoàn tác được" in resp.get_data(as_text=True)


def test_cdht_item_records_its_changes_in_the_audit_trail(demo, monkeypatch, capsys):
    db, config = demo
    with Store(db) as s:
        key = s.conn.execute("SELECT key FROM items WHERE source = 'website' LIMIT 1").fetchone()[0]
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code = cli.main(["item", key, "--source", "website", "--kind", "video", "--note", "clip",
                     "--db", str(db), "--config", str(config)])  # fmt: skip
    assert code == 0
    code = cli.main(["item", key, "--source", "website", "--clear", "kind", "--db", str(db),
                     "--config", str(config)])  # fmt: skip
    assert code == 0
    with Store(db) as s:
        hist = audit.history(s, "item", f"website:{key}")
    assert [(h["action"], h["field"]) for h in hist] == [("clear", "kind"), ("set", "kind")]
    assert hist[1]["who"].startswith("cli") and hist[1]["note"] == "clip"
    assert json.loads(hist[1]["after"]) == "video" and hist[0]["after"] is None


def test_item_list_filters(app, demo):
    client = signed_in(app, "xem")
    with Store(demo[0]) as s:
        n_month = s.conn.execute("SELECT COUNT(*) FROM items WHERE local_date LIKE '2025-05%'").fetchone()[0]
        n_fb = s.conn.execute("SELECT COUNT(*) FROM items WHERE local_date LIKE '2025-05%' "
                              "AND source = 'facebook'").fetchone()[0]  # fmt: skip
        n_article = s.conn.execute("SELECT COUNT(*) FROM v_items WHERE eff_kind = 'article'").fetchone()[0]
        n_none = s.conn.execute("SELECT COUNT(*) FROM v_items WHERE eff_unit IS NULL").fetchone()[0]
        title = s.conn.execute("SELECT title FROM items WHERE title LIKE '%Kỳ Anh%' LIMIT 1").fetchone()[0]
        by = s.conn.execute("SELECT contributor_id, COUNT(*) FROM item_contributors "
                            "GROUP BY 1 ORDER BY 2 DESC LIMIT 1").fetchone()  # fmt: skip

    def total(query: str) -> int:
        html = client.get("/items?" + query).get_data(as_text=True)
        return int(re.search(r'id="total">([\d.]+)<', html).group(1).replace(".", ""))

    assert total("month=2025-05") == n_month
    assert total("month=2025-05&source=facebook") == n_fb
    assert total("kind=article") == n_article
    assert total("unit=none") == n_none
    assert total("contributor=" + by[0]) == by[1]
    # case and tone marks do not matter in the title search
    assert total("q=" + "KỲ ANH") >= 1 and total("q=kỳ anh") == total("q=KÌ ANH")
    assert title in client.get("/items?q=kỳ+anh").get_data(as_text=True)
    assert total("q=%25") == 0  # a LIKE wildcard is a plain character


def test_a_reviewed_item_returns_when_a_collection_changes_it(app, demo):
    client = signed_in(app, "bientap")
    html = client.get("/can-xu-ly?month=2025-05").get_data(as_text=True)
    item_id = work_ids(html)[0]
    client.post(f"/items/{item_id}/decide", data={
        "kind": "", "unit": "-", "contributors_sent": "1", "note": "đã xem, để nguyên",
        "version": version_of(html, item_id), "csrf_token": token_for(client)})  # fmt: skip
    assert item_id not in work_ids(client.get("/can-xu-ly?month=2025-05").get_data(as_text=True))
    with Store(demo[0]) as s:
        s.conn.execute("UPDATE items SET updated_at = '2999-01-01T00:00:00Z' WHERE id = ?", (item_id,))
    assert item_id in work_ids(client.get("/can-xu-ly?month=2025-05").get_data(as_text=True))
