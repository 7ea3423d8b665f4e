"""Upgrades that can be undone: a copy before the first migration, readers that refuse to
migrate, and a store that a release older than its floor refuses (real files, real runs)."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.store import MIGRATIONS, Store, StoreNeedsMigration, StoreTooNew
from pipeline.store.schema import _split_sql
from pipeline.store.upgrade import STORE_FORMAT, backup_path

DEMO_CONFIG = str(Path(__file__).resolve().parents[1] / "pipeline" / "demo" / "config")
OLD = 2  # the schema of the first releases: items, overrides, runs, kv


def old_database(path: Path, n: int = OLD) -> Path:
    """A database as a release with only the first ``n`` migrations left it, with one item."""
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE TABLE schema_migrations "
                "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")  # fmt: skip
    for i, (name, sql) in enumerate(MIGRATIONS[:n], 1):
        for statement in _split_sql(sql):
            con.execute(statement)
        con.execute("INSERT INTO schema_migrations VALUES (?, ?, '2025-01-01T00:00:00Z')", (i, name))
    con.execute(
        "INSERT INTO items (source, key, url, title, local_date, published_utc, first_seen, updated_at) "
        "VALUES ('website', '/tin-tuc/a-1234567890.html', 'https://congdoanhatinh.org.vn/tin-tuc/a-1234567890.html', "
        "'Hội nghị', '2025-05-03', '2025-05-03T02:00:00Z', '2025-05-03T03:00:00Z', '2025-05-03T03:00:00Z')"
    )
    con.close()
    return path


def schema_of(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0]
    finally:
        con.close()


def cdht(*argv: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *argv], capture_output=True, text=True,
                          input=stdin, timeout=120, check=False)  # fmt: skip


def backups(db: Path) -> list[Path]:
    return sorted(db.parent.glob(db.name + ".bak-*"))


@pytest.mark.parametrize("argv", [
    ("status",),
    ("runs",),
    ("quotas", "--month", "2025-05"),
    ("report", "month", "2025-05", "--format", "json"),
    ("item", "/tin-tuc/a-1234567890.html"),
])  # fmt: skip
def test_a_command_that_only_reads_refuses_to_migrate_and_names_the_command_that_does(tmp_path, argv):
    db = old_database(tmp_path / "cdht.sqlite")
    before = db.read_bytes()
    done = cdht(*argv, "--db", str(db), "--config", DEMO_CONFIG)
    assert done.returncode == 1, done.stderr
    assert db.read_bytes() == before
    assert "Traceback" not in done.stderr
    assert f"cdht {argv[0]}" in done.stderr and "chỉ đọc" in done.stderr
    assert f"cdht migrate --db {db}" in done.stderr and "sao lưu" in done.stderr
    assert schema_of(db) == OLD and backups(db) == []


def test_migrate_copies_the_database_beside_it_first_then_upgrades(tmp_path):
    db = old_database(tmp_path / "cdht.sqlite")
    done = cdht("migrate", "--db", str(db), "--config", DEMO_CONFIG)
    assert done.returncode == 0, done.stderr
    [copy] = backups(db)
    assert re.fullmatch(rf"cdht\.sqlite\.bak-{OLD}-\d{{4}}-\d\d-\d\d", copy.name)
    assert done.stdout.strip() == str(copy)
    assert "Đã sao lưu" in done.stderr and str(copy) in done.stderr
    assert f"từ lược đồ {OLD} lên {len(MIGRATIONS)}" in done.stderr
    assert schema_of(copy) == OLD  # the way back: the old release's own database
    assert schema_of(db) == len(MIGRATIONS)
    for path in (db, copy):
        con = sqlite3.connect(path)
        assert con.execute("SELECT title FROM items").fetchall() == [("Hội nghị",)]
        con.close()
    again = cdht("migrate", "--db", str(db))
    assert again.returncode == 0 and "không cần nâng cấp" in again.stderr
    assert len(backups(db)) == 1
    status = cdht("status", "--db", str(db), "--config", DEMO_CONFIG)
    assert status.returncode == 0, status.stderr


def test_a_command_that_writes_migrates_after_the_copy_and_says_so(tmp_path):
    db = old_database(tmp_path / "cdht.sqlite")
    done = cdht("item", "/tin-tuc/a-1234567890.html", "--kind", "video", "--note", "clip",
                "--db", str(db), "--config", DEMO_CONFIG)  # fmt: skip
    assert done.returncode == 0, done.stderr
    [copy] = backups(db)
    assert str(copy) in done.stderr and "Đã nâng cấp" in done.stderr
    con = sqlite3.connect(db)
    assert con.execute("SELECT field, after FROM audit").fetchall() == [("kind", '"video"')]
    assert con.execute("SELECT format FROM store_floor").fetchone()[0] == STORE_FORMAT
    con.close()


def test_a_database_that_needs_a_newer_release_is_refused_and_left_alone(tmp_path):
    db = tmp_path / "cdht.sqlite"
    Store(db).close()
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("UPDATE store_floor SET format = ?, release = '9.4.0'", (STORE_FORMAT + 1,))
    con.close()
    before = db.read_bytes()
    with pytest.raises(StoreTooNew, match=r"9\.4\.0"):
        Store(db)
    for argv in (("status",), ("runs",), ("collect", "--site-url", "http://127.0.0.1:9", "--delay", "0"),
                 ("migrate",), ("item", "/x", "--kind", "video")):  # fmt: skip
        done = cdht(*argv, "--db", str(db), "--config", DEMO_CONFIG)
        assert done.returncode == 1, (argv, done.stderr)
        assert "cần cdht 9.4.0 trở lên" in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert db.read_bytes() == before and backups(db) == []


def test_the_desk_does_not_migrate_an_older_database(tmp_path):
    from pipeline.desk.app import create_app

    db = old_database(tmp_path / "cdht.sqlite")
    with pytest.raises(StoreNeedsMigration, match="cdht serve"):
        create_app(db, DEMO_CONFIG)
    done = cdht("serve", "--port", "0", "--db", str(db), "--config", DEMO_CONFIG)
    assert done.returncode == 1 and "cdht migrate" in done.stderr and "Traceback" not in done.stderr
    assert schema_of(db) == OLD and backups(db) == []


def test_a_new_database_is_made_without_a_copy(tmp_path):
    db = tmp_path / "new.sqlite"
    with Store(db, upgrade=False) as store:  # making one is not upgrading one
        assert store.schema_version == len(MIGRATIONS) and store.upgraded is None
    assert backups(db) == []


def test_a_second_copy_the_same_day_does_not_overwrite_the_first(tmp_path):
    db = old_database(tmp_path / "cdht.sqlite")
    first = backup_path(db, OLD)
    first.write_bytes(b"the first copy")
    second = backup_path(db, OLD)
    assert second != first and second.name.startswith(first.name)


def test_a_night_on_an_old_database_copies_it_migrates_and_converges_to_a_clean_run(tmp_path):
    import os

    from helpers.nightly import clean_counts, website_counts, write_config

    from pipeline.demo.replica.model import build_site
    from pipeline.demo.replica.server import ReplicaServer
    from pipeline.settings import load_config

    site = build_site(seed=5, start="2025-05", months=1, per_month=12)
    conf = write_config(tmp_path / "conf", tmp_path)
    db = old_database(tmp_path / "cdht.sqlite")
    con = sqlite3.connect(db, isolation_level=None)  # the old release knew one page, not yet read
    con.execute("UPDATE items SET key = ?, status = 'pending'", (site.articles[0].path,))
    con.close()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1]),
           "XDG_DATA_HOME": str(tmp_path / "xdg")}  # fmt: skip
    with ReplicaServer(site) as server:
        done = subprocess.run([sys.executable, "-m", "pipeline.cli", "run-once", "--site-url", server.url,
                               "--delay", "0", "--db", str(db), "--config", str(conf)],
                              capture_output=True, text=True, env=env, timeout=120, check=False)  # fmt: skip
        assert done.returncode == 0, done.stderr
        [copy] = backups(db)
        assert str(copy) in done.stderr and schema_of(copy) == OLD
        clean = clean_counts(site, server.url, load_config(conf), tmp_path)
    with Store(db, upgrade=False) as store:
        assert store.schema_version == len(MIGRATIONS)
        assert website_counts(store) == clean
        assert store.conn.execute("SELECT COUNT(*) FROM items").fetchone()[0] == len(site.articles)


def test_the_desk_says_so_when_its_database_is_put_back_to_an_older_schema_while_it_runs(tmp_path):
    from pipeline.desk.app import create_app

    db = tmp_path / "cdht.sqlite"
    app = create_app(db, DEMO_CONFIG)
    client = app.test_client()
    assert client.get("/healthz").status_code == 200
    con = sqlite3.connect(db, isolation_level=None)  # a copy of an older release put back in place
    con.execute("DELETE FROM schema_migrations WHERE name = ?", (MIGRATIONS[-1][0],))
    con.close()
    resp = client.get("/login")
    assert resp.status_code == 503 and "cdht migrate" in resp.get_data(as_text=True)
    assert schema_of(db) == len(MIGRATIONS) - 1  # the desk did not migrate it


def test_a_writing_command_raises_a_lower_floor_and_a_reading_one_leaves_it(tmp_path):
    db = tmp_path / "cdht.sqlite"
    Store(db).close()
    con = sqlite3.connect(db, isolation_level=None)  # a store last written by a release of format 0
    con.execute("UPDATE store_floor SET format = 0, release = '0.0.1'")
    con.close()
    assert cdht("runs", "--db", str(db)).returncode == 0
    assert sqlite3.connect(db).execute("SELECT format FROM store_floor").fetchone()[0] == 0
    with Store(db):
        pass
    assert sqlite3.connect(db).execute("SELECT format FROM store_floor").fetchone()[0] == STORE_FORMAT
