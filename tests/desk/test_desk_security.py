"""The desk tried the way an attacker would: no session, no CSRF token, a viewer, hostile
text, cookie flags, API without a token, sign-in throttling, paths in downloads."""

from __future__ import annotations

import os

import pytest

from pipeline.store import Store
from tests.helpers.desk import PASSWORD, sign_in, signed_in, token_for

# the routes that change something, with a body that would be accepted from an admin
WRITE_ROUTES = {
    "/items/1/decide": {"kind": "article", "unit": "-", "version": "x"},
    "/items/1/nhuan-but": {"points": "1", "no_royalty": "1", "version": "x"},
    "/audit/1/undo": {},
    "/contributors": {"name": "Kẻ Xâm Nhập"},
    "/contributors/alias": {"contributor": "x", "alias": "y"},
    "/contributors/import": {},
    "/plan/mark": {"id": "B.V.1", "done_on": "2025-05-01"},
    "/reports": {"kind": "month", "period": "2025-05"},
    "/review": {"tu": "2025-03", "den": "2025-05"},
    "/runs/collect": {},
    "/facebook": {},
    "/users": {"name": "ke-xam-nhap", "role": "admin", "password": "12345678910"},
    "/users/xem/role": {"role": "admin"},
    "/users/xem/signout": {},
    "/account/password": {"current": PASSWORD, "new": "mat-khau-moi-1", "again": "mat-khau-moi-1"},
    "/account/signout": {},
}
OWN_ACCOUNT = ("/account/password", "/account/signout")  # every role may change its own


def post_routes(app):
    return sorted(
        str(r.rule) for r in app.url_map.iter_rules()
        if "POST" in r.methods and str(r.rule) not in ("/login", "/logout")
    )  # fmt: skip


def snapshot(db) -> tuple:
    with Store(db) as s:
        return tuple(  # the audit trail without its entries of refused requests
            s.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("overrides", "audit WHERE action <> 'refused'", "contributors", "plan_marks", "users",
                      "runs", "reviews")
        )  # fmt: skip


def _path(rule: str) -> str:
    return rule.replace("<int:item_id>", "1").replace("<int:audit_id>", "1").replace("<name>", "xem")


def test_every_write_route_is_in_the_list(app):
    assert {_path(r) for r in post_routes(app)} == set(WRITE_ROUTES)


def test_write_routes_refuse_a_request_without_a_session(app, demo):
    before = snapshot(demo[0])
    client = app.test_client()
    for path, body in WRITE_ROUTES.items():
        resp = client.post(path, data=body)
        assert resp.status_code == 302 and "/login" in resp.headers["Location"], path
    assert snapshot(demo[0]) == before


def test_write_routes_refuse_a_request_without_a_csrf_token(app, demo):
    client = signed_in(app, "quantri")
    before = snapshot(demo[0])
    for path, body in WRITE_ROUTES.items():
        resp = client.post(path, data=body)
        assert resp.status_code == 400, path
        resp = client.post(path, data=body | {"csrf_token": "forged"})
        assert resp.status_code == 400, path
    assert snapshot(demo[0]) == before


def test_write_routes_refuse_a_viewer(app, demo):
    client = signed_in(app, "xem")
    token = token_for(client)
    before = snapshot(demo[0])
    for path, body in WRITE_ROUTES.items():
        if path in OWN_ACCOUNT:
            continue
        resp = client.post(path, data=body | {"csrf_token": token})
        assert resp.status_code == 403, path
        assert "Không có quyền" in resp.get_data(as_text=True)
    assert snapshot(demo[0]) == before


def test_an_editor_cannot_manage_users_or_start_runs(app, demo):
    client = signed_in(app, "bientap")
    token = token_for(client)
    before = snapshot(demo[0])
    for path in ("/users", "/users/xem/role", "/users/xem/signout", "/runs/collect", "/contributors/import"):
        assert client.post(path, data=WRITE_ROUTES[path] | {"csrf_token": token}).status_code == 403
    assert client.get("/users").status_code == 403
    assert snapshot(demo[0]) == before


def test_a_csrf_token_of_another_session_is_refused(app, demo):
    a, b = signed_in(app, "bientap"), signed_in(app, "quantri")
    token_a = token_for(a)
    resp = b.post("/plan/mark", data={"id": "B.V.1", "done_on": "2025-05-01", "csrf_token": token_a})
    assert resp.status_code == 400


def test_pages_redirect_and_api_answers_401_without_sign_in(app):
    client = app.test_client()
    assert client.get("/healthz").status_code == 200
    for path in ("/", "/can-xu-ly", "/items", "/items/1", "/contributors", "/plan", "/reports",
                 "/runs", "/facebook", "/users", "/audit", "/reports/file/x.json"):  # fmt: skip
        resp = client.get(path)
        assert resp.status_code == 302, path
        assert resp.headers["Location"].startswith("/login"), path
    for path in ("/api/report/month/2025-05", "/api/whoami", "/api/nothing"):
        resp = client.get(path)
        assert resp.status_code == 401, path
        assert resp.is_json
    resp = client.get("/api/report/month/2025-05", headers={"Authorization": "Bearer cdht_forged"})
    assert resp.status_code == 401
    # a bad token is refused on pages too, never silently ignored
    assert client.get("/", headers={"Authorization": "Bearer nope"}).status_code == 401


def test_session_cookie_flags(app):
    client = app.test_client()
    resp = sign_in(client, "xem")
    cookie = resp.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "cdht_session=" in cookie
    secure_app_cookie = app.config["SESSION_COOKIE_SECURE"]
    assert secure_app_cookie is False  # plain http on the office network unless configured


def test_secure_cookies_when_configured(demo, tmp_path):
    from pipeline.desk.app import create_app

    a = create_app(demo[0], demo[1], reports_dir=tmp_path, secure_cookies=True)
    resp = sign_in(a.test_client(), "xem")
    assert "Secure" in resp.headers["Set-Cookie"]


def test_security_headers(app):
    client = signed_in(app, "xem")
    resp = client.get("/")
    assert "script-src 'self'" in resp.headers["Content-Security-Policy"]
    assert resp.headers["X-Frame-Options"] == "DENY"


def test_sign_in_is_throttled(app, clock):
    client = app.test_client()
    for _ in range(5):
        assert sign_in(client, "bientap", "wrong-password").status_code == 401
    # the right password is refused too while the name waits
    resp = sign_in(client, "bientap")
    assert resp.status_code == 429
    assert "quá nhiều lần" in resp.get_data(as_text=True)
    clock.t += 16 * 60
    assert sign_in(client, "bientap").status_code == 302


def test_a_wrong_password_and_an_unknown_name_read_the_same(app):
    client = app.test_client()
    a = sign_in(client, "bientap", "wrong-password").get_data(as_text=True)
    b = sign_in(client, "khong-co-ai", "wrong-password").get_data(as_text=True)
    assert "Sai tên đăng nhập hoặc mật khẩu." in a and "Sai tên đăng nhập hoặc mật khẩu." in b


def test_sign_in_never_redirects_off_site(app):
    client = app.test_client()
    token = token_for(client, "/login")
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        resp = client.post(f"/login?next={target}",
                           data={"name": "xem", "password": PASSWORD, "csrf_token": token})  # fmt: skip
        assert resp.status_code == 302
        assert resp.headers["Location"] == "/", target
        client.post("/logout", data={"csrf_token": token_for(client)})
        token = token_for(client, "/login")


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_hostile_text_is_shown_as_text(app, demo):
    with Store(demo[0]) as s:
        s.conn.execute(
            "UPDATE items SET title = ?, byline = ?, lead = ?, url = 'javascript:alert(1)' "
            "WHERE id = (SELECT id FROM v_items WHERE eff_unit IS NULL AND source = 'website' "
            "AND is_repost = 0 AND local_date LIKE '2025-05%' LIMIT 1)",
            (HOSTILE, HOSTILE, HOSTILE),
        )
        item_id = s.conn.execute("SELECT id FROM items WHERE title = ?", (HOSTILE,)).fetchone()[0]
    client = signed_in(app, "bientap")
    for path in (f"/items/{item_id}", "/can-xu-ly?month=2025-05", "/items?q=script",
                 "/contributors?month=2025-05"):  # fmt: skip
        html = client.get(path).get_data(as_text=True)
        assert "<script>alert" not in html, path
        assert "<img src=x" not in html, path
        assert 'href="javascript:' not in html, path
    html = client.get(f"/items/{item_id}").get_data(as_text=True)
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html


@pytest.mark.parametrize("name", [
    "..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "bao-cao-thang-2025-05.json%00.html",
    "..%5C..%5Ccdht.sqlite", "cdht.sqlite", "bao-cao-thang-2025-05.json/../../cdht.sqlite",
])  # fmt: skip
def test_downloads_never_reach_a_path_from_the_request(app, name):
    client = signed_in(app, "xem")
    resp = client.get(f"/reports/file/{name}")
    assert resp.status_code == 404
    assert b"SQLite" not in resp.data and b"root:" not in resp.data


def test_a_planted_link_in_the_reports_folder_is_not_served(app, tmp_path):
    folder = app.extensions["desk"].reports_dir
    folder.mkdir(parents=True, exist_ok=True)
    secret = tmp_path / "secret.txt"
    secret.write_text("secret", encoding="utf-8")
    os.symlink(secret, folder / "bao-cao-thang-2025-01.json")
    client = signed_in(app, "xem")
    assert client.get("/reports/file/bao-cao-thang-2025-01.json").status_code == 404


def test_failures_from_one_address_never_lock_out_the_others_behind_it(app, clock):
    client = app.test_client()
    for n in range(40):  # an office behind one address: one person's many typos ...
        assert sign_in(client, f"ai-do-{n % 4}", "wrong-password").status_code in (401, 429)
    assert sign_in(client, "xem").status_code == 302  # ... leave everyone else signing in


def test_the_back_off_doubles_and_ends(app, clock):
    client = app.test_client()
    for _ in range(5):
        assert sign_in(client, "bientap", "wrong-password").status_code == 401
    waits = []
    for _ in range(4):
        assert sign_in(client, "bientap").status_code == 429
        t0 = clock.t
        while sign_in(client, "bientap", "wrong-password").status_code == 429:
            clock.t += 0.5
        waits.append(clock.t - t0)
    assert waits == [1.0, 2.0, 4.0, 8.0]
    clock.t += 16
    assert sign_in(client, "bientap").status_code == 302
    # a success forgets the failures
    assert sign_in(client, "bientap", "wrong-password").status_code == 401


def test_guessing_one_name_from_many_addresses_is_slowed_too(app, clock):
    for n in range(20):
        c = app.test_client()
        c.environ_base["REMOTE_ADDR"] = f"10.0.0.{n + 1}"
        assert sign_in(c, "quantri", "wrong-password").status_code == 401
    c = app.test_client()
    c.environ_base["REMOTE_ADDR"] = "10.0.1.1"
    assert sign_in(c, "quantri").status_code == 429  # the name waits, wherever one comes from


def _behind_proxy(demo, tmp_path, proxies: int):
    from pipeline.desk.app import create_app
    from pipeline.desk.settings import DeskSettings

    return create_app(demo[0], demo[1], reports_dir=tmp_path / "r", clock=lambda: 1000.0,
                      settings=DeskSettings(trusted_proxies=proxies, secret_key_file=tmp_path / f"k{proxies}"))  # fmt: skip


def test_the_proxy_header_is_believed_only_from_a_trusted_proxy(demo, tmp_path):
    for proxies, blocked in ((1, False), (0, True)):
        app = _behind_proxy(demo, tmp_path, proxies)
        for n in range(6):
            c = app.test_client()
            c.environ_base["HTTP_X_FORWARDED_FOR"] = f"192.168.1.{n + 10}"
            sign_in(c, "xem", "wrong-password")
        c = app.test_client()
        c.environ_base["HTTP_X_FORWARDED_FOR"] = "192.168.1.99"
        assert (sign_in(c, "xem").status_code == 429) is blocked, proxies


def refusals(db) -> list[tuple]:
    with Store(db) as s:
        return [tuple(r) for r in s.conn.execute(
            "SELECT who, target, note FROM audit WHERE action = 'refused' ORDER BY id")]  # fmt: skip


def test_every_refused_write_is_in_the_audit_trail(app, demo):
    viewer = signed_in(app, "xem")
    viewer.post("/plan/mark", data={"id": "B.V.1", "done_on": "2025-05-20", "csrf_token": token_for(viewer)})
    editor = signed_in(app, "bientap")
    editor.post("/plan/mark", data={"id": "B.I.3:2025-13", "done_on": "2025-05-20", "csrf_token": token_for(editor)})
    editor.post("/plan/mark", data={"id": "B.V.1", "done_on": "2025-05-20"})  # no CSRF token
    editor.post("/items/1/decide", data={"kind": "bogus", "csrf_token": token_for(editor)})  # a flashed refusal
    app.test_client().post("/plan/mark", data={"id": "B.V.1"})  # nobody signed in: logged only
    got = refusals(demo[0])
    assert [(w, t) for w, t, _ in got] == [("xem", "POST /plan/mark"), ("bientap", "POST /plan/mark"),
                                           ("bientap", "POST /plan/mark"), ("bientap", "POST /items/1/decide")]
    assert "Không có quyền" in got[0][2] or "không được" in got[0][2]
    assert "Không có mục kế hoạch" in got[1][2]
    assert "CSRF" in got[2][2]
    assert "Loại không hợp lệ" in got[3][2]
