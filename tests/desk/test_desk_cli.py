"""`cdht user` and `cdht serve` as the outside check uses them: a real server process on
127.0.0.1, a user and a token made on the command line, the month API against the CLI."""

from __future__ import annotations

import io
import json
import socket
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from pipeline import cli
from pipeline.store import Store

VOLATILE = ("generated_at", "generated_label")


def run_cli(argv, stdin: str = "", monkeypatch=None, capsys=None) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = cli.main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, token: str | None = None):
    req = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"} if token else {})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(req, timeout=30) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **kw):
        return None


def test_user_add_reads_the_password_from_stdin(demo, monkeypatch, capsys):
    db, _ = demo
    code, _, err = run_cli(["user", "add", "thu-ha", "--role", "editor", "--db", str(db)],
                           "mot-mat-khau-dai\n", monkeypatch, capsys)  # fmt: skip
    assert code == 0, err
    with Store(db) as s:
        row = s.conn.execute("SELECT role, password_hash FROM users WHERE name = 'thu-ha'").fetchone()
        assert row["role"] == "editor"
        assert row["password_hash"].startswith("$argon2")
        assert "mot-mat-khau-dai" not in row["password_hash"]
    code, _, err = run_cli(["user", "add", "x", "--role", "editor", "--db", str(db)], "short\n",
                           monkeypatch, capsys)  # fmt: skip
    assert code == 2 and "mật khẩu cần ít nhất 8 ký tự" in err
    # an existing name is refused before any password is read: no one's password changes silently
    before = row["password_hash"]
    code, _, err = run_cli(["user", "add", "thu-ha", "--role", "admin", "--db", str(db)],
                           "mat-khau-khac-hoan-toan\n", monkeypatch, capsys)  # fmt: skip
    assert code == 2 and "đã có tài khoản «thu-ha»" in err and "cdht user passwd thu-ha" in err
    with Store(db) as s:
        again = s.conn.execute("SELECT role, password_hash FROM users WHERE name = 'thu-ha'").fetchone()
    assert (again["role"], again["password_hash"]) == ("editor", before)
    with pytest.raises(SystemExit) as exc:
        run_cli(["user", "add", "x", "--role", "boss", "--db", str(db)], "long-enough-1\n",
                monkeypatch, capsys)  # fmt: skip
    assert exc.value.code == 2


def test_user_token_prints_a_new_token_and_stores_only_its_hash(demo, monkeypatch, capsys):
    db, _ = demo
    code, out, _ = run_cli(["user", "token", "xem", "--db", str(db)], "", monkeypatch, capsys)
    assert code == 0
    token = out.strip()
    assert token.startswith("cdht_") and len(token) > 40
    with Store(db) as s:
        stored = [r[0] for r in s.conn.execute("SELECT token_hash FROM api_tokens")]
    assert token not in stored and len(stored) == 1
    code, _, err = run_cli(["user", "token", "nobody", "--db", str(db)], "", monkeypatch, capsys)
    assert code == 2 and "không có tài khoản «nobody»" in err


@pytest.fixture
def served(demo):
    """`cdht serve` as a real process on a free port of 127.0.0.1."""
    db, config = demo
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", "serve", "--db", str(db), "--config", str(config),
         "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        line = proc.stdout.readline()  # printed once the socket is bound
        assert line.startswith(f"cdht serve: {base}/"), line + proc.stderr.read()
        yield base, db, config
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_served_desk_refuses_without_sign_in_and_api_matches_the_report(served, monkeypatch, capsys):
    base, db, config = served
    status, _, body = get(base + "/healthz")
    assert status == 200 and json.loads(body)["status"] == "ok"
    status, headers, _ = get(base + "/")
    assert status == 302 and headers["Location"].startswith("/login")
    status, _, _ = get(base + "/api/report/month/2025-05")
    assert status == 401
    code, _, _ = run_cli(["user", "add", "kiem-tra", "--role", "viewer", "--db", str(db)],
                         "mat-khau-kiem-tra\n", monkeypatch, capsys)  # fmt: skip
    assert code == 0
    code, out, _ = run_cli(["user", "token", "kiem-tra", "--db", str(db)], "", monkeypatch, capsys)
    token = out.strip()
    status, headers, body = get(base + "/api/report/month/2025-05", token)
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    api = json.loads(body)
    code, out, _ = run_cli(["report", "month", "2025-05", "--format", "json", "--db", str(db),
                            "--config", str(config)], "", monkeypatch, capsys)  # fmt: skip
    assert code == 0
    report = json.loads(out)
    for k in VOLATILE:
        api.pop(k), report.pop(k)
    assert api == report
    assert api["website"]["total"] > 0
    status, _, body = get(base + "/api/report/month/2025-13", token)
    assert status == 400


def test_api_month_equals_the_library_object_after_a_desk_change(app, demo):
    """The API and `cdht report` read one registry: a contributor added in the desk shows in both."""
    from pipeline.settings import load_config
    from pipeline.store import registry
    from pipeline.store.storeconfig import apply_store
    from reports.monthdata import build_month
    from tests.helpers.desk import signed_in, token_for

    db, config_dir = demo
    client = signed_in(app, "bientap")
    resp = client.post("/contributors", data={"name": "Phạm Thị Hằng", "role": "ctv", "news": "2",
                                              "csrf_token": token_for(client)})  # fmt: skip
    assert resp.status_code == 302
    api = client.get("/api/report/month/2025-05").get_json()
    with Store(db) as s:
        assert registry.stored(s.conn) is not None
        lib = json.loads(json.dumps(build_month(s, apply_store(load_config(config_dir), db), "2025-05"), default=str))
    for k in VOLATILE:
        api.pop(k), lib.pop(k)
    assert api == lib
    assert "pham-thi-hang" in api["contributors"]
    assert api["contributors"]["pham-thi-hang"]["news"] > 0


def test_a_configuration_that_does_not_match_the_database_is_refused(demo, monkeypatch, capsys):
    from pipeline.store import audit

    db, config = demo
    with Store(db) as s:
        key = s.conn.execute("SELECT key FROM items WHERE source = 'website' LIMIT 1").fetchone()[0]
        audit.decide(s, "test", "website", key, "unit", "ldld-da-giai-the")
    code, out, err = run_cli(["report", "month", "2025-05", "--format", "json", "--db", str(db),
                              "--config", str(config)], "", monkeypatch, capsys)  # fmt: skip
    assert code == 2 and out == ""
    assert "cấu hình không khớp cơ sở dữ liệu" in err and "ldld-da-giai-the" in err
    assert "--config" in err
    with Store(db) as s:  # put right, the report runs again
        audit.decide(s, "test", "website", key, "unit", None)
    code, out, _ = run_cli(["report", "month", "2025-05", "--format", "json", "--db", str(db),
                            "--config", str(config)], "", monkeypatch, capsys)  # fmt: skip
    assert code == 0 and json.loads(out)["period"] == "2025-05"
