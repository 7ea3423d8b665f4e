"""Contributors, plan marks, the Facebook upload, reports and the home page of the desk."""

from __future__ import annotations

import io
import re

from pipeline.demo.facebook_export import build_demo_export
from pipeline.settings import load_config
from pipeline.store import Store, registry
from pipeline.store.storeconfig import apply_store
from quotas.manual import evaluate_manual
from tests.helpers.desk import signed_in, token_for


def unknown_names(html: str) -> list[str]:
    return re.findall(r'<td class="byline-name">([^<]+)</td>', html)


def test_the_configured_registry_is_imported_into_the_store(app, demo):
    with Store(demo[0]) as s:
        people = registry.stored(s.conn)
    configured = load_config(demo[1]).contributors
    assert people is not None and {c.id for c in people} == {c.id for c in configured}


def test_add_a_contributor_from_an_unknown_byline(app, demo):
    client = signed_in(app, "bientap")
    html = client.get("/contributors?month=2025-05").get_data(as_text=True)
    names = unknown_names(html)
    assert "Phạm Thị Hằng" in names
    html = client.get("/contributors?month=2025-05&name=Phạm Thị Hằng").get_data(as_text=True)
    assert 'name="name" required value="Phạm Thị Hằng"' in html
    resp = client.post("/contributors", data={
        "name": "Phạm Thị Hằng", "aliases": "P. Hằng", "unit": "", "role": "ctv", "news": "3",
        "articles": "0", "videos": "0", "csrf_token": token_for(client)}, follow_redirects=True)  # fmt: skip
    page = resp.get_data(as_text=True)
    assert "Đã lưu người viết Phạm Thị Hằng." in page
    assert "Phạm Thị Hằng" not in unknown_names(page)
    with Store(demo[0]) as s:
        n = s.conn.execute("SELECT COUNT(*) FROM item_contributors WHERE contributor_id = 'pham-thi-hang'").fetchone()[0]
        hist = s.conn.execute("SELECT * FROM audit WHERE target_type = 'contributor'").fetchall()
    assert n > 0
    assert hist[-1]["who"] == "bientap" and hist[-1]["action"] == "add"
    # every command sees the store's registry, not only the desk
    config = apply_store(load_config(demo[1]), demo[0])
    assert config.contributor("pham-thi-hang").targets.news == 3


def test_an_unknown_byline_made_an_alias_of_a_contributor(app, demo):
    client = signed_in(app, "bientap")
    html = client.get("/contributors").get_data(as_text=True)
    name = unknown_names(html)[1]
    cid = load_config(demo[1]).contributors[0].id
    resp = client.post("/contributors/alias", data={"alias": name, "contributor": cid,
                                                    "csrf_token": token_for(client), "confirmed": "1"},
                       follow_redirects=True)  # fmt: skip
    assert name not in unknown_names(resp.get_data(as_text=True))
    with Store(demo[0]) as s:
        people = {c.id: c for c in registry.stored(s.conn)}
    assert name in people[cid].aliases


def test_a_bad_contributor_is_refused_with_a_message(app, demo):
    client = signed_in(app, "bientap")
    resp = client.post("/contributors", data={"name": "", "unit": "khong-co", "csrf_token": token_for(client)},
                       follow_redirects=True)  # fmt: skip
    assert "Chưa lưu được người viết" in resp.get_data(as_text=True)


def test_mark_a_plan_item_and_the_b_i_3_column_done(app, demo):
    client = signed_in(app, "bientap")
    html = client.get("/plan").get_data(as_text=True)
    assert 'data-plan="B.V.1"' in html and 'data-plan="B.I.3:2025-05"' in html
    for mid in ("B.V.1", "B.I.3:2025-05"):
        resp = client.post("/plan/mark", data={"id": mid, "done_on": "2025-05-20", "note": "đã tổ chức",
                                               "csrf_token": token_for(client)})  # fmt: skip
        assert resp.status_code == 302
    html = client.get("/plan").get_data(as_text=True)
    row = html[html.index('data-plan="B.V.1"'):]
    assert "Xong 20/05/2025" in row[: row.index("</tr>")]
    config = apply_store(load_config(demo[1]), demo[0])
    done = {m.id: m for m in evaluate_manual(config) if m.state == "done"}
    assert done["B.V.1"].note == "đã tổ chức" and done["B.V.1"].done_on.isoformat() == "2025-05-20"
    assert "B.I.3-2025-05" in done
    assert client.post("/plan/mark", data={"id": "../../etc", "done_on": "2025-05-20",
                                           "csrf_token": token_for(client)}).status_code == 400  # fmt: skip
    with Store(demo[0]) as s:
        assert s.conn.execute("SELECT COUNT(*) FROM plan_marks").fetchone()[0] == 2
    client.post("/plan/mark", data={"id": "B.V.1", "action": "undo", "csrf_token": token_for(client)})
    config = apply_store(load_config(demo[1]), demo[0])
    assert "B.V.1" not in {m.id for m in evaluate_manual(config) if m.state == "done"}


def test_upload_a_facebook_export_shows_the_summary(app, demo, tmp_path):
    client = signed_in(app, "bientap")
    with Store(demo[0]) as s:
        s.conn.execute("DELETE FROM items WHERE source = 'facebook'")
    path = build_demo_export(tmp_path)
    resp = client.post("/facebook", data={"csrf_token": token_for(client),
                                          "export": (path.open("rb"), "facebook-export.zip")},
                       content_type="multipart/form-data")  # fmt: skip
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200, html[:2000]
    assert "Đã nhập «facebook-export.zip»" in html
    with Store(demo[0]) as s:
        n = s.conn.execute("SELECT COUNT(*) FROM items WHERE source = 'facebook'").fetchone()[0]
    assert n > 0 and f"<b>{n}</b>" in html


def test_an_upload_that_is_not_an_export_changes_nothing(app, demo):
    client = signed_in(app, "bientap")
    with Store(demo[0]) as s:
        before = s.conn.execute("SELECT COUNT(*), MAX(updated_at) FROM items").fetchone()[:]
    for name, body in (("notes.txt", b"hello"), ("posts.csv", b"a,b,c\n1,2,3\n"),
                       ("export.zip", b"PK\x03\x04 broken")):  # fmt: skip
        resp = client.post("/facebook", data={"csrf_token": token_for(client),
                                              "export": (io.BytesIO(body), name)},
                           content_type="multipart/form-data", follow_redirects=True)  # fmt: skip
        html = resp.get_data(as_text=True)
        assert "Không có gì thay đổi." in html, name
    with Store(demo[0]) as s:
        assert s.conn.execute("SELECT COUNT(*), MAX(updated_at) FROM items").fetchone()[:] == before


def test_make_and_download_the_month_reports(app, demo):
    client = signed_in(app, "bientap")
    resp = client.post("/reports", data={"kind": "month", "period": "2025-05", "csrf_token": token_for(client)},
                       follow_redirects=True)  # fmt: skip
    html = resp.get_data(as_text=True)
    for ext in ("json", "html", "xlsx", "docx"):
        assert f'href="/reports/file/bao-cao-thang-2025-05.{ext}"' in html
    viewer = signed_in(app, "xem")
    resp = viewer.get("/reports/file/bao-cao-thang-2025-05.docx")
    assert resp.status_code == 200
    assert resp.data[:2] == b"PK"
    assert "attachment" in resp.headers["Content-Disposition"]
    resp = client.post("/reports", data={"kind": "year", "period": "20x5", "csrf_token": token_for(client)},
                       follow_redirects=True)  # fmt: skip
    assert "Kỳ báo cáo không hợp lệ" in resp.get_data(as_text=True)


def test_home_shows_targets_chart_units_and_freshness(app, demo):
    client = signed_in(app, "xem")
    html = client.get("/?month=2025-05").get_data(as_text=True)
    assert "Tháng 5/2025 trong nháy mắt" in html
    assert 'data-quota="B.I.2a"' in html and 'data-quota="B.I.2b"' in html
    assert html.count('<svg class="burnup"') == 2 and "Chỉ tiêu: 100" in html
    assert "Website đọc thành công lần cuối" in html
    # May holds the Tháng Công nhân window: the units still without a video are named
    assert "Đơn vị chưa có video trong đợt sự kiện" in html
    assert "LĐLĐ" in html[html.index("Đơn vị chưa có video"):]
    assert "Dữ liệu website đã cũ" not in html
    with Store(demo[0]) as s:  # the last collection ten days ago, then a failed run
        s.conn.execute("UPDATE runs SET finished_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-10 days')")
        run = s.start_run("collect")
        s.finish_run(run, "failed", message="site unreachable")
    html = client.get("/?month=2025-05").get_data(as_text=True)
    assert "Dữ liệu website đã cũ: lần thu thập thành công gần nhất cách đây 10 ngày" in html
    assert "Lần chạy gần nhất (collect) không thành công: site unreachable" in html


def test_home_warns_when_a_month_has_no_data(app):
    client = signed_in(app, "xem")
    html = client.get("/?month=2024-01").get_data(as_text=True)
    assert "Tháng này chưa có tin, bài nào trong dữ liệu" in html
    assert "không phải một tháng bằng 0" in html


def test_an_admin_starts_a_collection_and_sees_its_progress(app, demo):
    from pipeline.demo.replica.model import build_site
    from pipeline.demo.replica.server import ReplicaServer

    client = signed_in(app, "quantri")
    with Store(demo[0]) as s:
        runs_before = s.conn.execute("SELECT COUNT(*) FROM runs").fetchone()[0]
    with ReplicaServer(build_site()) as server:
        app.config["DESK_COLLECT_ARGS"] = ["--site-url", server.url, "--delay", "0"]
        resp = client.post("/runs/collect", data={"csrf_token": token_for(client, "/runs")},
                           follow_redirects=True)  # fmt: skip
        assert "Đã bắt đầu thu thập website" in resp.get_data(as_text=True)
        proc = app.extensions["desk_children"][-1]
        assert proc.wait(timeout=300) == 0
    html = client.get("/runs").get_data(as_text=True)
    with Store(demo[0]) as s:
        last = s.runs(1)[0]
        assert s.conn.execute("SELECT COUNT(*) FROM runs").fetchone()[0] == runs_before + 1
    assert last["command"] == "collect" and last["outcome"] == "ok"
    assert "Tiến độ lần thu thập gần nhất" in html
    assert "collection ok" in html  # the run's own log line, read from its log file
    audit_rows = client.get("/audit").get_data(as_text=True)
    assert "Thu thập" in audit_rows


def test_the_facebook_page_shows_a_token_problem_of_the_graph_reader(app, demo):
    client = signed_in(app, "xem")
    assert "Chưa cấu hình hoặc chưa đọc lần nào" in client.get("/facebook").get_data(as_text=True)
    with Store(demo[0]) as s:
        run = s.start_run("collect-facebook")
        s.run_error(run, "the Page access token is invalid or expired: renew it")
        s.finish_run(run, "failed", message="token expired")
    html = client.get("/facebook").get_data(as_text=True)
    assert "Mã truy cập (token) của Trang Facebook đã hết hạn" in html
    assert "renew it" in html


def test_an_admin_imports_contributors_toml_again(app, demo):
    client = signed_in(app, "quantri")
    first = load_config(demo[1]).contributors[0]
    client.post("/contributors", data={"id": first.id, "name": "Tên Đã Sửa", "role": "ctv",
                                       "csrf_token": token_for(client)})  # fmt: skip
    with Store(demo[0]) as s:
        assert {c.id: c.name for c in registry.stored(s.conn)}[first.id] == "Tên Đã Sửa"
    resp = client.post("/contributors/import", data={"csrf_token": token_for(client)}, follow_redirects=True)
    assert "Đã nhập lại" in resp.get_data(as_text=True)
    with Store(demo[0]) as s:
        assert {c.id: c.name for c in registry.stored(s.conn)}[first.id] == first.name


def test_an_item_page_shows_its_archived_page_as_text(app, demo, demo_template):
    """The page archive beside the database: the item's page links the copy the collector
    received, served as plain text (the site's scripts never run in the desk)."""
    import shutil

    from pipeline.archive import WarcArchive
    from pipeline.store import Store
    from tests.helpers.desk import signed_in

    db, _config = demo
    source_archive = WarcArchive.beside(demo_template[0]).folder
    shutil.copytree(source_archive, WarcArchive.beside(db).folder)
    with Store(db) as store:
        row = next(r for r in store.items_between("2025-05-01", "2025-05-31") if r["source"] == "website"
                   and r["status"] == "ok")  # fmt: skip
        fb = next(r for r in store.items_between("2025-05-01", "2025-05-31") if r["source"] == "facebook")
    client = signed_in(app, "xem")
    page = client.get(f"/items/{row['id']}").get_data(as_text=True)
    assert f"/items/{row['id']}/archived" in page
    resp = client.get(f"/items/{row['id']}/archived")
    assert resp.status_code == 200
    assert resp.mimetype == "text/plain" and resp.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in resp.headers["Content-Security-Policy"]
    body = resp.get_data(as_text=True)
    assert "<html" in body.lower() and row["key"].split("/")[-1] in body
    assert client.get(f"/items/{fb['id']}/archived").status_code == 404
    shutil.rmtree(WarcArchive.beside(db).folder)
    missing = client.get(f"/items/{row['id']}/archived")
    assert missing.status_code == 404 and "Chưa có bản lưu" in missing.get_data(as_text=True)
    anonymous = app.test_client().get(f"/items/{row['id']}/archived")
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]


def test_a_plan_mark_changed_within_the_same_second_shows_at_once(app, demo, monkeypatch):
    """The desk keeps its configuration (with the marks laid over it) until a mark changes: a
    second change stamped with the same second as the first reaches the month report too."""
    from pipeline.store import plan_marks

    now = plan_marks.utcnow()
    monkeypatch.setattr(plan_marks, "utcnow", lambda: now)
    client = signed_in(app, "bientap")
    for day in ("2025-05-20", "2025-05-21"):
        resp = client.post("/plan/mark", data={"id": "B.V.1", "done_on": day, "note": "",
                                               "csrf_token": token_for(client)})  # fmt: skip
        assert resp.status_code == 302
        month = client.get("/api/report/month/2025-05").get_json()
        assert {m["id"]: m["done_on"] for m in month["manual"]}["B.V.1"] == day
