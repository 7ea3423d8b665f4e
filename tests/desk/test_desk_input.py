"""Input the way an attacker types it: a plan mark of a month that does not exist, huge page
numbers and ids, redirect targets that leave the desk. Nothing bad is stored, every answer is a
4xx in Vietnamese, and a bad row already in the store breaks no page and no command."""

from __future__ import annotations

import pytest

from pipeline.cli import main
from pipeline.store import Store
from tests.helpers.desk import PASSWORD, signed_in, token_for


def marks(db) -> list[str]:
    with Store(db) as s:
        return [r[0] for r in s.conn.execute("SELECT id FROM plan_marks")]


@pytest.mark.parametrize("mark_id, done_on", [
    ("B.I.3:2025-13", "2025-05-20"), ("B.I.3:2025-5", "2025-05-20"), ("B.I.3:1999-01", "2025-05-20"),
    ("B.I.3:2025-00", "2025-05-20"), ("B.V.1", "2025-02-30"), ("B.V.1", "99999-01-01"), ("B.V.1", ""),
])  # fmt: skip
def test_a_plan_mark_that_cannot_be_read_back_is_refused(app, demo, mark_id, done_on):
    client = signed_in(app, "bientap")
    resp = client.post("/plan/mark", data={"id": mark_id, "done_on": done_on, "csrf_token": token_for(client)})
    assert resp.status_code == 400
    assert "không hợp lệ" in resp.get_data(as_text=True) or "Không có mục" in resp.get_data(as_text=True)
    assert marks(demo[0]) == []


def test_a_bad_mark_already_stored_breaks_nothing(app, demo, capsys):
    with Store(demo[0]) as s:
        s.conn.execute("INSERT INTO plan_marks (id, done_on, note, who, at) VALUES "
                       "('B.I.3:2025-13', '2025-05-20', '', 'bientap', '2025-05-20T00:00:00Z'), "
                       "('B.V.1', 'hôm qua', '', 'bientap', '2025-05-20T00:00:00Z')")  # fmt: skip
    client = signed_in(app, "quantri")
    for path in ("/", "/?month=2025-05", "/items", "/items/1", "/can-xu-ly?month=2025-05",
                 "/contributors?month=2025-05", "/plan", "/api/report/month/2025-05"):  # fmt: skip
        assert client.get(path).status_code == 200, path
    html = client.get("/plan").get_data(as_text=True)
    section = html[html.index('id="bad-marks"'):]
    assert 'data-bad="B.I.3:2025-13"' in section and 'data-bad="B.V.1"' in section
    db, config = demo
    assert main(["report", "month", "2025-05", "--db", str(db), "--config", str(config), "--format", "json"]) == 0
    assert main(["quotas", "--db", str(db), "--config", str(config), "--month", "2025-05"]) == 0
    capsys.readouterr()
    # the desk's own undo takes the bad marks away
    for mid in ("B.I.3:2025-13", "B.V.1"):
        resp = client.post("/plan/mark", data={"id": mid, "action": "undo", "csrf_token": token_for(client)})
        assert resp.status_code == 302
    assert marks(db) == []


@pytest.mark.parametrize("path", [
    "/items?page=" + "9" * 30, "/items?page=0", "/items?page=-1", "/items?page=x",
    "/?month=2025-13", "/items?month=2025-13", "/can-xu-ly?month=%0a", "/plan?month=9999-99",
])  # fmt: skip
def test_bad_numbers_and_months_in_the_address_are_a_400_in_vietnamese(app, path):
    client = signed_in(app, "xem")
    resp = client.get(path)
    assert resp.status_code == 400
    html = resp.get_data(as_text=True)
    assert "không hợp lệ" in html and "Bad Request" not in html


def test_an_id_larger_than_the_store_holds_is_a_404(app):
    client = signed_in(app, "bientap")
    assert client.get("/items/" + "9" * 30).status_code == 404
    resp = client.post("/audit/" + "9" * 30 + "/undo", data={"csrf_token": token_for(client)})
    assert resp.status_code == 404
    assert "Không tìm thấy" in resp.get_data(as_text=True)


def test_framework_pages_are_vietnamese(app):
    client = signed_in(app, "xem")
    resp = client.get("/logout")
    assert resp.status_code == 405
    html = resp.get_data(as_text=True)
    assert "Không dùng được cách gửi này" in html and "Method Not Allowed" not in html
    resp = client.get("/api/nothing")
    assert resp.status_code == 404 and resp.is_json and resp.json["message"] == "Trang hoặc tệp này không có."


@pytest.mark.parametrize("target", [
    "%2F%09%2Fevil.example", "%2F%0A%2Fevil.example", "%2F%0D%0ALocation:%20x", "//evil.example",
    "https://evil.example/", "/\\evil.example", "%2F%5Cevil.example", "http:/evil.example",
    "/%2F%2Fevil.example", "javascript:alert(1)", "/khong-co-trang-nay", "evil.example",
])  # fmt: skip
def test_sign_in_goes_only_to_a_path_of_the_desk(app, target):
    client = app.test_client()
    token = token_for(client, "/login")
    resp = client.post(f"/login?next={target}", data={"name": "xem", "password": PASSWORD, "csrf_token": token})
    assert resp.status_code == 302
    assert resp.headers["Location"] == "/", target


def test_sign_in_keeps_a_path_of_the_desk(app):
    client = app.test_client()
    token = token_for(client, "/login")
    resp = client.post("/login?next=%2Fitems%3Fmonth%3D2025-05", data={"name": "xem", "password": PASSWORD,
                                                                     "csrf_token": token})  # fmt: skip
    assert resp.headers["Location"] == "/items?month=2025-05"


@pytest.mark.parametrize("back", ["/\t/evil.example", "/\n/evil.example", "//evil.example", "https://evil.example"])
def test_the_edit_forms_back_field_stays_on_the_desk(app, demo, back):
    client = signed_in(app, "bientap")
    token = token_for(client, "/items/1")
    resp = client.post("/items/1/decide", data={"kind": "bogus", "back": back, "csrf_token": token})
    assert resp.status_code in (302, 400)
    assert resp.headers.get("Location", "/items/1") == "/items/1"


def test_an_unexpected_failure_is_a_vietnamese_500(demo, tmp_path):
    from pipeline.desk.app import create_app

    app = create_app(demo[0], demo[1], reports_dir=tmp_path / "r", clock=lambda: 1000.0)  # not TESTING

    def boom():
        raise RuntimeError("a bug")

    client = signed_in(app, "xem")
    app.view_functions["home.home"] = boom
    resp = client.get("/")
    assert resp.status_code == 500
    html = resp.get_data(as_text=True)
    assert "Lỗi của hệ thống" in html and "Internal Server Error" not in html and "Traceback" not in html


def test_the_api_refuses_a_month_that_does_not_exist_in_vietnamese(app):
    client = signed_in(app, "xem")
    resp = client.get("/api/report/month/2025-13")
    assert resp.status_code == 400 and resp.is_json
    assert resp.json["error"] == "bad_request" and "Tháng không hợp lệ" in resp.json["message"]
