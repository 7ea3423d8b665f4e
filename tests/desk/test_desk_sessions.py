"""Sessions that end when they should: logout, a new password (in the desk or at the terminal),
disabling, "sign out everywhere", idleness and age; API tokens listed, revoked, expiring; the
signing key outside the database; what files and headers the desk leaves behind."""

from __future__ import annotations

import io
import os
import stat
import sys

import pytest

from pipeline.cli import main
from pipeline.store import Store, accounts
from tests.helpers.desk import PASSWORD, signed_in, token_for


def cookie_of(client) -> str:
    return client.get_cookie("cdht_session").value


def replay(app, cookie: str):
    """A client that sends only an old cookie."""
    c = app.test_client()
    c.set_cookie("cdht_session", cookie)
    return c


def is_signed_out(client) -> bool:
    resp = client.get("/")
    return resp.status_code == 302 and resp.headers["Location"].startswith("/login")


def test_logout_ends_the_session_for_good(app, demo):
    client = signed_in(app, "bientap")
    old, token = cookie_of(client), token_for(client)
    client.post("/logout", data={"csrf_token": token})
    thief = replay(app, old)
    assert is_signed_out(thief)
    resp = thief.post("/plan/mark", data={"id": "B.V.1", "done_on": "2025-05-20", "csrf_token": token})
    assert resp.status_code == 302 and "/login" in resp.headers["Location"]
    with Store(demo[0]) as s:
        assert s.conn.execute("SELECT COUNT(*) FROM plan_marks").fetchone()[0] == 0


def _passwd(monkeypatch, db, name: str, password: str) -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(password + "\n"))
    return main(["user", "passwd", name, "--db", str(db)])


def test_a_password_reset_at_the_terminal_ends_every_session(app, demo, monkeypatch):
    a, b = signed_in(app, "bientap"), signed_in(app, "bientap")
    other = signed_in(app, "xem")
    assert _passwd(monkeypatch, demo[0], "bientap", "mat-khau-moi-2") == 0
    assert is_signed_out(a) and is_signed_out(b)
    assert not is_signed_out(other)
    with Store(demo[0]) as s:
        assert accounts.authenticate(s, "bientap", "mat-khau-moi-2") is not None
        assert accounts.authenticate(s, "bientap", PASSWORD) is None
    assert _passwd(monkeypatch, demo[0], "khong-co-ai", "mat-khau-moi-2") == 2


def test_changing_ones_password_in_the_desk(app, demo):
    here, elsewhere = signed_in(app, "xem"), signed_in(app, "xem")
    resp = here.post("/account/password", data={"current": "sai-mat-khau", "new": "mat-khau-moi-3",
                                                "again": "mat-khau-moi-3", "csrf_token": token_for(here, "/account")})  # fmt: skip
    assert resp.status_code == 403 and "Mật khẩu hiện tại không đúng" in resp.get_data(as_text=True)
    resp = here.post("/account/password", data={"current": PASSWORD, "new": "mat-khau-moi-3",
                                                "again": "khac", "csrf_token": token_for(here, "/account")})  # fmt: skip
    assert resp.status_code == 400
    with Store(demo[0]) as s:
        assert accounts.authenticate(s, "xem", PASSWORD) is not None
    resp = here.post("/account/password", data={"current": PASSWORD, "new": "mat-khau-moi-3",
                                                "again": "mat-khau-moi-3", "csrf_token": token_for(here, "/account")})  # fmt: skip
    assert resp.status_code == 302
    assert not is_signed_out(here)  # this browser goes on ...
    assert is_signed_out(elsewhere)  # ... every other session has ended
    with Store(demo[0]) as s:
        assert accounts.authenticate(s, "xem", "mat-khau-moi-3") is not None


def test_sign_out_everywhere_and_an_admin_doing_it_for_someone(app):
    a, b = signed_in(app, "bientap"), signed_in(app, "bientap")
    a.post("/account/signout", data={"csrf_token": token_for(a)})
    assert is_signed_out(a) and is_signed_out(b)
    c = signed_in(app, "xem")
    admin = signed_in(app, "quantri")
    assert admin.post("/users/xem/signout", data={"csrf_token": token_for(admin)}).status_code == 302
    assert is_signed_out(c) and not is_signed_out(admin)


def test_disabling_ends_sessions_and_revokes_tokens_for_good(app, demo):
    with Store(demo[0]) as s:
        token = accounts.new_token(s, "bientap")
    session = signed_in(app, "bientap")
    api = app.test_client()
    auth = {"Authorization": f"Bearer {token}"}
    assert api.get("/api/whoami", headers=auth).status_code == 200
    admin = signed_in(app, "quantri")
    admin.post("/users/bientap/role", data={"role": "editor", "disabled": "1", "csrf_token": token_for(admin)})
    assert is_signed_out(session)
    assert api.get("/api/whoami", headers=auth).status_code == 401
    admin.post("/users/bientap/role", data={"role": "editor", "csrf_token": token_for(admin)})  # enabled again
    assert api.get("/api/whoami", headers=auth).status_code == 401  # the old token stays dead


def test_an_idle_or_old_session_ends(app, clock):
    signed_in(app, "quantri")  # a browser that never comes back
    client = signed_in(app, "xem")
    clock.t += 2 * 3600 + 1
    assert is_signed_out(client)
    client = signed_in(app, "xem")
    for _ in range(11):  # used every hour: alive until twelve hours after sign-in
        clock.t += 3600
        assert not is_signed_out(client)
    clock.t += 3601
    assert is_signed_out(client)
    signed_in(app, "bientap")  # a sign-in clears the rows of sessions ended by time
    with Store(app.extensions["desk"].db) as s:
        assert s.conn.execute("SELECT COUNT(*) FROM desk_sessions").fetchone()[0] == 1


def test_tokens_listed_revoked_one_by_one_and_expiring(demo, capsys, app):
    db = str(demo[0])
    assert main(["user", "token", "xem", "--db", db]) == 0
    first = capsys.readouterr().out.strip()
    assert main(["user", "token", "xem", "--db", db, "--days", "1"]) == 0
    second = capsys.readouterr().out.strip()
    assert main(["user", "tokens", "xem", "--db", db]) == 0
    listing = capsys.readouterr().out
    assert first[:12] in listing and second[:12] in listing and first not in listing
    api = app.test_client()
    for t in (first, second):
        assert api.get("/api/whoami", headers={"Authorization": f"Bearer {t}"}).status_code == 200
    assert main(["user", "revoke", "xem", first[:12], "--db", db]) == 0
    assert api.get("/api/whoami", headers={"Authorization": f"Bearer {first}"}).status_code == 401
    assert api.get("/api/whoami", headers={"Authorization": f"Bearer {second}"}).status_code == 200
    assert main(["user", "revoke", "xem", "cdht_nothing", "--db", db]) == 2
    with Store(demo[0]) as s:  # the second expires
        s.conn.execute("UPDATE api_tokens SET expires_at = '2000-01-01T00:00:00Z'")
    assert api.get("/api/whoami", headers={"Authorization": f"Bearer {second}"}).status_code == 401


def test_the_signing_key_is_a_file_of_its_own_not_in_the_database(app, demo):
    key = demo[0].parent / "desk-secret.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert key.read_text().strip() == app.secret_key.decode()
    with Store(demo[0]) as s:
        assert s.get_kv("desk.secret_key") is None
        assert s.conn.execute("SELECT COUNT(*) FROM kv WHERE value = ?", (app.secret_key.decode(),)).fetchone()[0] == 0


def test_a_copy_of_the_database_signs_nobody_in(app, demo, tmp_path):
    from pipeline.desk.app import create_app

    cookie = cookie_of(signed_in(app, "quantri"))
    copy = tmp_path / "copy" / "cdht.sqlite"
    copy.parent.mkdir()
    copy.write_bytes(demo[0].read_bytes())
    other = create_app(copy, demo[1], reports_dir=tmp_path / "r")
    assert is_signed_out(replay(other, cookie))


def test_a_new_database_is_not_world_readable(tmp_path):
    old = os.umask(0o007)
    try:
        with Store(tmp_path / "new.sqlite") as s:
            s.set_kv("x", "y")
            for name in ("new.sqlite", "new.sqlite-wal", "new.sqlite-shm"):  # while open
                assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o660, name
    finally:
        os.umask(old)


def test_signed_in_answers_are_not_kept(app, demo):
    with Store(demo[0]) as s:
        token = accounts.new_token(s, "xem")
    client = signed_in(app, "xem")
    for path in ("/", "/items", "/account", "/api/whoami"):
        assert client.get(path).headers.get("Cache-Control") == "no-store", path
    resp = app.test_client().get("/api/report/month/2025-05", headers={"Authorization": f"Bearer {token}"})
    assert resp.headers.get("Cache-Control") == "no-store"


def test_hsts_with_secure_cookies(demo, tmp_path):
    from pipeline.desk.app import create_app

    a = create_app(demo[0], demo[1], reports_dir=tmp_path, secure_cookies=True)
    assert "max-age=" in a.test_client().get("/login").headers["Strict-Transport-Security"]


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10"])
def test_serve_refuses_plain_http_on_the_network(demo, host, capsys):
    assert main(["serve", "--host", host, "--port", "0", "--db", str(demo[0]), "--config", str(demo[1])]) == 2
    assert "--insecure-http" in capsys.readouterr().err


def test_report_downloads_with_a_relative_database(demo, monkeypatch, tmp_path):
    from pipeline.desk.app import create_app

    monkeypatch.chdir(demo[0].parent)
    a = create_app("cdht.sqlite", demo[1], clock=lambda: 1000.0)
    client = signed_in(a, "bientap")
    client.post("/reports", data={"kind": "month", "period": "2025-05", "csrf_token": token_for(client)})
    resp = client.get("/reports/file/bao-cao-thang-2025-05.json")
    assert resp.status_code == 200 and resp.data.startswith(b"{")


def test_install_md_gives_the_codes_numbers():
    import re
    from pathlib import Path

    from pipeline.desk.settings import DeskSettings

    text = (Path(__file__).parents[2] / "docs" / "INSTALL.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `(\w+)` \| ([^|]+?) \|", text, re.M))
    defaults = DeskSettings()
    for key in ("idle_minutes", "absolute_hours", "write_wait_seconds", "max_form_bytes", "max_upload_bytes",
                "header_timeout", "channel_timeout", "connection_limit", "threads", "free_failures",
                "free_failures_account", "max_wait_seconds", "trusted_proxies"):  # fmt: skip
        assert rows[key].split()[0] == str(getattr(defaults, key)), key
    assert "after 5 wrong passwords" in text and "after 20 for" in text and "at most 15 minutes" in text


def test_the_installation_file_takes_desk_settings(tmp_path):
    from pipeline.desk.settings import DeskSettings
    from pipeline.installation import find_installation
    from pipeline.settings import ConfigError

    f = tmp_path / "cdht.toml"
    f.write_text('[desk]\nidle_minutes = 30\ntrusted_proxies = 1\nsecure_cookies = true\n[files]\numask = "027"\n')
    inst = find_installation({"CDHT_SETTINGS": str(f)})
    s = DeskSettings.from_table(inst.desk)
    assert (s.idle_minutes, s.trusted_proxies, s.secure_cookies, inst.umask) == (30, 1, True, 0o027)
    with pytest.raises(ConfigError):
        DeskSettings.from_table({"idle_minute": 3})
    with pytest.raises(ConfigError):
        DeskSettings.from_table({"secure_cookies": "yes"})


def test_files_cdht_writes_follow_the_settings_umask(demo, tmp_path, monkeypatch, capsys):
    settings = tmp_path / "cdht.toml"
    settings.write_text('[files]\numask = "007"\n', encoding="utf-8")
    monkeypatch.setenv("CDHT_SETTINGS", str(settings))
    old = os.umask(0o022)  # a login shell's: reports would be world-readable
    try:
        out = tmp_path / "out"
        assert main(["report", "month", "2025-05", "--db", str(demo[0]), "--config", str(demo[1]),
                     "--format", "json", "--out", str(out)]) == 0  # fmt: skip
        files = list(out.iterdir())
        assert files and all(stat.S_IMODE(f.stat().st_mode) == 0o660 for f in files)
    finally:
        os.umask(old)
    capsys.readouterr()


def test_serve_on_the_network_only_when_told_insecure_http(demo, tmp_path):
    import subprocess

    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", "serve", "--host", "0.0.0.0", "--port", "0", "--insecure-http",
         "--db", str(demo[0]), "--config", str(demo[1])],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "CDHT_SETTINGS": ""},
    )  # fmt: skip
    try:
        line = proc.stdout.readline()
        assert line.startswith("cdht serve: http://0.0.0.0:"), line
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=20)
    assert "plain HTTP" in err


def test_an_admins_new_password_in_the_desk_ends_the_users_sessions(app):
    editor = signed_in(app, "bientap")
    admin = signed_in(app, "quantri")
    resp = admin.post("/users", data={"name": "bientap", "role": "editor", "password": "mat-khau-moi-5",
                                      "csrf_token": token_for(admin, "/users")})  # fmt: skip
    assert resp.status_code == 302
    assert is_signed_out(editor) and not is_signed_out(admin)


def test_upgrading_a_database_takes_the_old_signing_key_out(demo):
    import sqlite3

    name = "desk: sessions in the store, token expiry, no signing key in the database"
    conn = sqlite3.connect(demo[0], isolation_level=None)  # the database as the version before left it
    conn.executescript(
        "DROP TABLE desk_sessions; ALTER TABLE api_tokens DROP COLUMN expires_at; "
        "ALTER TABLE api_tokens DROP COLUMN prefix; "
        "INSERT INTO kv (key, value, updated_at) VALUES ('desk.secret_key', 'old-key', 'x');"
    )
    conn.execute("DELETE FROM schema_migrations WHERE name = ?", (name,))
    conn.close()
    with Store(demo[0]) as s:
        assert s.get_kv("desk.secret_key") is None
        assert s.conn.execute("SELECT COUNT(*) FROM desk_sessions").fetchone()[0] == 0
        assert accounts.new_token(s, "xem", 30).startswith("cdht_")
