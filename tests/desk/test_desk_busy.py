"""A store locked by a long write (the nightly collection): an edit waits a bounded time, then
answers 503 in Vietnamese with the form kept for one-click retry; nothing is lost or half
saved; reads and /healthz never wait on the lock, on the real server too."""

from __future__ import annotations

import http.client
import re
import sqlite3
import threading
import time
from contextlib import contextmanager
from urllib.parse import urlencode

import pytest

from pipeline.desk.busy import BUSY
from pipeline.desk.settings import DeskSettings
from pipeline.store import Store
from tests.helpers.desk import signed_in, token_for

FAST = DeskSettings(write_wait_seconds=0.3)


@contextmanager
def locked(db):
    """Another process's long write: the lock held until the block ends."""
    conn = sqlite3.connect(db, isolation_level=None, timeout=5)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT OR REPLACE INTO kv (key, value, updated_at) VALUES ('nightly', 'x', 'now')")
    try:
        yield
    finally:
        conn.execute("ROLLBACK")
        conn.close()


@pytest.fixture
def busy_app(demo, tmp_path):
    from pipeline.desk.app import create_app

    a = create_app(demo[0], demo[1], reports_dir=tmp_path / "reports", settings=FAST, clock=lambda: 1000.0)
    a.config["TESTING"] = True
    return a


def hidden_fields(html: str) -> dict:
    form = html[html.index('id="busy"'):]
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))


def test_an_edit_that_meets_the_lock_is_a_503_that_keeps_the_form(busy_app, demo):
    client = signed_in(busy_app, "bientap")
    body = {"id": "B.V.1", "done_on": "2025-05-20", "note": "đã tổ chức", "csrf_token": token_for(client, "/plan")}
    with locked(demo[0]):
        t0 = time.monotonic()
        resp = client.post("/plan/mark", data=body)
        assert time.monotonic() - t0 < 3
        assert resp.status_code == 503 and resp.headers["Retry-After"]
        html = resp.get_data(as_text=True)
        assert BUSY in html and "Internal Server Error" not in html
        kept = hidden_fields(html)
        assert kept["id"] == "B.V.1" and kept["done_on"] == "2025-05-20" and kept["note"] == "đã tổ chức"
        # reads and the health check go on meanwhile
        assert client.get("/plan").status_code == 200
        assert client.get("/healthz").status_code == 200
    with Store(demo[0]) as s:
        assert s.conn.execute("SELECT COUNT(*) FROM plan_marks").fetchone()[0] == 0
        assert s.get_kv("nightly") is None
    resp = client.post("/plan/mark", data=kept)  # the page's one click, once the lock is gone
    assert resp.status_code == 302
    with Store(demo[0]) as s:
        assert s.conn.execute("SELECT note FROM plan_marks WHERE id = 'B.V.1'").fetchone()[0] == "đã tổ chức"


def test_an_item_edit_is_not_half_saved(busy_app, demo):
    client = signed_in(busy_app, "bientap")
    html = client.get("/items/1").get_data(as_text=True)
    version = re.search(r'name="version" value="([^"]*)"', html).group(1)
    with locked(demo[0]):
        resp = client.post("/items/1/decide", data={"kind": "article", "unit": "-", "version": version,
                                                    "note": "n", "csrf_token": token_for(client, "/items/1")})  # fmt: skip
        assert resp.status_code == 503
    with Store(demo[0]) as s:
        assert s.conn.execute("SELECT COUNT(*) FROM overrides").fetchone()[0] == 0
        assert s.conn.execute("SELECT COUNT(*) FROM reviews").fetchone()[0] == 0


def test_waiting_edits_never_make_the_desk_unanswerable(demo, tmp_path):
    from pipeline.desk.app import create_app
    from pipeline.desk.server import make_server
    from tests.desk.test_desk_limits import stop

    settings = DeskSettings(write_wait_seconds=1.5, threads=4)
    app = create_app(demo[0], demo[1], reports_dir=tmp_path / "r", settings=settings)
    server = make_server(app, settings, host="127.0.0.1", port=0)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    port = server.effective_port
    client = signed_in(app, "bientap")
    body = urlencode({"id": "B.V.1", "done_on": "2025-05-20", "csrf_token": token_for(client, "/plan")})
    cookie = client.get_cookie("cdht_session").value  # with the CSRF nonce
    codes = []

    def edit():
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
        c.request("POST", "/plan/mark", body=body, headers={
            "Cookie": f"cdht_session={cookie}", "Content-Type": "application/x-www-form-urlencoded"})
        codes.append(c.getresponse().status)
        c.close()

    try:
        with locked(demo[0]):
            edits = [threading.Thread(target=edit) for _ in range(4)]
            for e in edits:
                e.start()
            time.sleep(0.2)
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=4)
            c.request("GET", "/healthz")
            assert c.getresponse().status == 200
            c.close()
            for e in edits:
                e.join(timeout=20)
        assert codes == [503] * 4
    finally:
        stop(server, thread)


def test_api_reads_and_sign_in_under_the_lock(busy_app, demo):
    from pipeline.store import accounts

    with Store(demo[0]) as s:
        token = accounts.new_token(s, "xem")
    api = busy_app.test_client()
    with locked(demo[0]):
        resp = api.get("/api/report/month/2025-05", headers={"Authorization": f"Bearer {token}"})
        assert resp.status_code == 200  # noting when the token was used waits for nobody
        login = busy_app.test_client()
        body = {"name": "xem", "password": "mat-khau-thu-1", "csrf_token": token_for(login, "/login")}
        resp = login.post("/login", data=body)
        assert resp.status_code == 503
        assert "mat-khau-thu-1" not in resp.get_data(as_text=True)  # a password is never kept in a page
