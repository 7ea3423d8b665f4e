"""The store and the file system failing: clear messages, nothing lost, nothing left running."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.demo.replica.model import build_site
from pipeline.demo.replica.server import ReplicaServer
from pipeline.errors import explain_failure
from pipeline.lock import RunLock, lock_path_for
from pipeline.store import Store, StoreError

DEMO_CONFIG = str(Path(__file__).resolve().parents[1] / "pipeline" / "demo" / "config")


@pytest.fixture(scope="module")
def site():
    return build_site(seed=5, start="2025-05", months=1, per_month=12)


def collect(server, db, *extra) -> int:
    return main(["collect", "--site-url", server.url, "--delay", "0", "--db", str(db),
                 "--config", DEMO_CONFIG, *extra])  # fmt: skip


def item_count(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT COUNT(*) FROM items").fetchone()[0]
    finally:
        con.close()


# ---------------------------------------------------------------- the schema's version
def test_a_database_from_a_newer_version_is_refused_and_not_written(tmp_path, capsys):
    db = tmp_path / "cdht.sqlite"
    Store(db).close()
    con = sqlite3.connect(db)
    con.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'a future table', 'x')")
    con.commit()
    con.close()
    before = db.read_bytes()
    with pytest.raises(StoreError, match="newer version of cdht"):
        Store(db)
    assert main(["quotas", "--db", str(db), "--month", "2025-05"]) == 1
    err = capsys.readouterr().err
    assert "newer version" in err and str(db) in err and "Traceback" not in err
    assert db.read_bytes() == before


# ---------------------------------------------------------------- a damaged database
def test_a_corrupt_database_is_named_as_such_not_as_missing(tmp_path, capsys, site):
    db = tmp_path / "cdht.sqlite"
    with ReplicaServer(site) as server:
        assert collect(server, db) == 0
    raw = bytearray(db.read_bytes())
    raw[100:4096 * 3] = b"\xde\xad" * ((4096 * 3 - 100) // 2)  # header kept, pages scribbled over
    db.write_bytes(bytes(raw))
    for suffix in ("-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    code = main(["status", "--db", str(db), "--config", DEMO_CONFIG])
    out, err = capsys.readouterr()
    assert code == 1
    assert "bị hỏng" in err and str(db) in err
    assert "Chưa có dữ liệu" not in out + err and "Traceback" not in err
    assert main(["report", "month", "2025-05", "--db", str(db), "--format", "json"]) == 1
    assert "bị hỏng" in capsys.readouterr().err


def test_a_missing_database_is_still_said_plainly(tmp_path, capsys):
    assert main(["status", "--db", str(tmp_path / "none.sqlite"), "--config", DEMO_CONFIG]) == 1
    assert "Chưa có dữ liệu" in capsys.readouterr().out


# ---------------------------------------------------------------- the lock
def test_a_lock_that_cannot_be_created_is_a_clear_error(tmp_path, capsys, site):
    db = tmp_path / "cdht.sqlite"
    lock_path_for(db).mkdir()  # where the lock file should go, a folder stands
    with ReplicaServer(site) as server:
        code = collect(server, db)
    err = capsys.readouterr().err
    assert code == 1
    assert str(lock_path_for(db)) in err and "Traceback" not in err


def test_the_lock_is_keyed_on_the_real_file_so_a_symlink_does_not_bypass_it(tmp_path, capsys, site):
    real = tmp_path / "data" / "cdht.sqlite"
    real.parent.mkdir()
    Store(real).close()
    link = tmp_path / "link.sqlite"
    link.symlink_to(real)
    assert lock_path_for(link) == lock_path_for(real)
    with RunLock(lock_path_for(real), command="collect"), ReplicaServer(site) as server:
        assert collect(server, link) == 1
    assert "another run" in capsys.readouterr().err
    assert item_count(real) == 0


def test_a_run_left_running_by_a_killed_process_is_closed_by_the_next_run(tmp_path, site):
    db = tmp_path / "cdht.sqlite"
    with Store(db) as store:
        dead = store.start_run("collect", pid=2**22 + 12345)  # no such process
    with ReplicaServer(site) as server:
        assert collect(server, db) == 0
    with Store(db, must_exist=True) as store:
        row = next(r for r in store.runs() if r["id"] == dead)
        assert row["outcome"] == "interrupted" and "killed or crashed" in row["message"]
        assert all(r["outcome"] != "running" for r in store.runs())


# ---------------------------------------------------------------- the report's folder
def test_report_out_pointing_at_a_file_is_a_usage_error(tmp_path, capsys, site):
    db = tmp_path / "cdht.sqlite"
    with ReplicaServer(site) as server:
        assert collect(server, db) == 0
    target = tmp_path / "not-a-folder.txt"
    target.write_text("x", encoding="utf-8")
    code = main(["report", "month", "2025-05", "--db", str(db), "--out", str(target)])
    err = capsys.readouterr().err
    assert code == 2 and str(target) in err and "Traceback" not in err
    assert target.read_text(encoding="utf-8") == "x"


# ---------------------------------------------------------------- one mapping of errors
@pytest.mark.parametrize(
    ("exc", "words"),
    [
        (sqlite3.OperationalError("database or disk is full"), "Hết chỗ trống"),
        (sqlite3.OperationalError("attempt to write a readonly database"), "Không ghi được"),
        (sqlite3.DatabaseError("database disk image is malformed"), "bị hỏng"),
        (sqlite3.DatabaseError("file is not a database"), "bị hỏng"),
        (OSError(errno.ENOSPC, "No space left on device", "/data/cdht.sqlite-wal"), "Hết chỗ trống"),
        (OSError(errno.EROFS, "Read-only file system", "/data/cdht.sqlite.lock"), "Không ghi được"),
        (OSError(errno.EACCES, "Permission denied", "/data/cdht.sqlite.lock"), "Không ghi được"),
    ],
)
def test_store_and_os_errors_become_messages_that_name_the_path(exc, words):
    message = explain_failure(exc, "/data/cdht.sqlite")
    assert message and words in message and "/data/cdht.sqlite" in message
    assert str(exc) in message  # the technical detail stays for the administrator


def test_other_errors_are_not_dressed_up():
    assert explain_failure(ValueError("x")) is None
    assert explain_failure(OSError(errno.ECONNREFUSED, "refused")) is None


def test_a_full_database_fails_the_command_with_a_message_and_keeps_what_was_stored(tmp_path, site):
    """SQLite's page limit stands in for a full disk: the second collection cannot grow the file."""
    db = tmp_path / "cdht.sqlite"
    small = build_site(seed=5, start="2025-05", months=1, per_month=3)
    with ReplicaServer(small) as server:
        assert collect(server, db) == 0
    kept = item_count(db)
    with Store(db) as store, ReplicaServer(site) as server:
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages}")
        from pipeline.collect import collect_website
        from pipeline.settings import load_config

        with pytest.raises(sqlite3.OperationalError) as info:
            collect_website(load_config(DEMO_CONFIG), store, site_url=server.url, delay=0, full=True)
        message = explain_failure(info.value, db)
        assert "Hết chỗ trống" in message
    assert item_count(db) >= kept  # nothing already stored was lost


# ---------------------------------------------------------------- configuration overlays
def test_an_overlay_with_a_duplicate_id_is_an_error_naming_the_file(tmp_path, capsys):
    cdir = tmp_path / "conf"
    cdir.mkdir()
    (cdir / "units.toml").write_text(
        '[[units]]\nid = "cdn-y-te"\nname = "A"\n\n[[units]]\nid = "cdn-y-te"\nname = "B"\n',
        encoding="utf-8",
    )
    assert main(["quotas", "--config", str(cdir), "--db", str(tmp_path / "x.sqlite")]) == 2
    err = capsys.readouterr().err
    assert str(cdir / "units.toml") in err and "cdn-y-te" in err


def test_a_misspelt_config_file_is_an_error_not_ignored(tmp_path, capsys):
    cdir = tmp_path / "conf"
    cdir.mkdir()
    (cdir / "unit.toml").write_text("[[units]]\nid = 'x'\n", encoding="utf-8")
    assert main(["quotas", "--config", str(cdir), "--db", str(tmp_path / "x.sqlite")]) == 2
    err = capsys.readouterr().err
    assert str(cdir / "unit.toml") in err and "units.toml" in err


def test_a_config_file_with_a_bom_is_read(tmp_path):
    from pipeline.settings import load_config

    cdir = tmp_path / "conf"
    cdir.mkdir()
    (cdir / "site.toml").write_bytes("\ufeff[politeness]\ndelay = 0.5\n".encode())
    assert load_config(cdir).site.politeness.delay == 0.5


# ---------------------------------------------------------------- a video override
def test_a_video_override_makes_the_item_one_with_a_video(tmp_path, capsys, site):
    db = tmp_path / "cdht.sqlite"
    with ReplicaServer(site) as server:
        assert collect(server, db) == 0
    article = next(a for a in site.articles if a.kind == "news" and not a.with_video)

    def month() -> dict:
        assert main(["report", "month", "2025-05", "--db", str(db), "--config", DEMO_CONFIG,
                     "--format", "json"]) == 0  # fmt: skip
        return json.loads(capsys.readouterr().out)

    before = month()
    assert main(["item", article.path, "--db", str(db), "--config", DEMO_CONFIG, "--kind", "video"]) == 0
    capsys.readouterr()
    after = month()
    assert after["website"]["with_video"] == before["website"]["with_video"] + 1
    assert after["website"]["videos"] == before["website"]["videos"] + 1
    b43 = {q["id"]: q for q in after["quotas"]}["B.IV.3"]["actual"]
    assert b43 == {q["id"]: q for q in before["quotas"]}["B.IV.3"]["actual"] + 1


# ---------------------------------------------------------------- one settings place
def test_the_installation_names_the_database_for_every_command(tmp_path, capsys, site, monkeypatch):
    db = tmp_path / "var" / "cdht.sqlite"
    settings = tmp_path / "cdht.toml"
    settings.write_text(f'[paths]\ndb = "{db}"\nconfig = "{DEMO_CONFIG}"\n', encoding="utf-8")
    monkeypatch.setenv("CDHT_SETTINGS", str(settings))
    monkeypatch.delenv("CDHT_DB", raising=False)
    monkeypatch.delenv("CDHT_CONFIG", raising=False)
    with ReplicaServer(site) as server:
        assert main(["collect", "--site-url", server.url, "--delay", "0"]) == 0
    assert item_count(db) == len(site.articles)
    capsys.readouterr()
    assert main(["report", "month", "2025-05", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["website"]["total"] == len(site.articles)
    assert any(c for c in data["contributors"])  # the demo's registry came from the settings' config
    other = tmp_path / "other.sqlite"
    monkeypatch.setenv("CDHT_DB", str(other))  # the environment wins over the file
    assert main(["status"]) == 1
    assert "Chưa có dữ liệu" in capsys.readouterr().out
    assert not other.exists() and os.path.exists(db)
