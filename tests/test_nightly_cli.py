"""`cdht run-once` and `cdht nightly` as processes: kill -9, lock contention, SIGTERM, bad input.

The replica is served from this process on 127.0.0.1; the commands run in subprocesses with a
--config folder that points every path into the test's folder.
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.lock import read_lock
from pipeline.store import Store

replica_model = pytest.importorskip("pipeline.demo.replica.model")
replica_server = pytest.importorskip("pipeline.demo.replica.server")

from helpers.nightly import clean_counts, website_counts, write_config  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = re.compile(r"\.html$")


@pytest.fixture
def env(tmp_path):
    e = dict(os.environ)
    e["PYTHONPATH"] = str(ROOT) + os.pathsep + e.get("PYTHONPATH", "")
    for var in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        e[var] = str(tmp_path / "xdg" / var.lower())
    return e


@pytest.fixture
def conf(tmp_path):
    return write_config(tmp_path / "conf", tmp_path)


def cdht_args(tmp_path, conf, *args):
    return [sys.executable, "-m", "pipeline.cli", *args, "--db", str(tmp_path / "cdht.sqlite"),
            "--config", str(conf)]  # fmt: skip


def run_cdht(tmp_path, conf, env, *args, timeout=60):
    return subprocess.run(
        cdht_args(tmp_path, conf, *args), cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=timeout,
    )  # fmt: skip


def start_cdht(tmp_path, conf, env, *args):
    return subprocess.Popen(
        cdht_args(tmp_path, conf, *args), cwd=ROOT, env=env, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def query(db: Path, sql: str, *params):
    """Read with a plain connection (no migrations, never blocked by the writer in WAL mode)."""
    if not db.exists():
        return []
    conn = sqlite3.connect(db, timeout=5)
    try:
        return conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError:
        return []
    finally:
        conn.close()


def wait_for(predicate, timeout=20.0, what="condition"):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def stored_items(db: Path) -> int:
    rows = query(db, "SELECT COUNT(*) FROM items WHERE status = 'ok'")
    return rows[0][0] if rows else 0


# ---------------------------------------------------------------- bad input
def test_malformed_schedule_time_exits_2(tmp_path, conf, env):
    r = run_cdht(tmp_path, conf, env, "nightly", "--at", "24:61")
    assert r.returncode == 2
    assert "--at" in r.stderr and "HH:MM" in r.stderr
    (conf / "nightly.toml").write_text('[schedule]\nat = "2h"\n')
    r = run_cdht(tmp_path, conf, env, "run-once")
    assert r.returncode == 2
    assert "nightly.toml" in r.stderr and "schedule.at" in r.stderr and "HH:MM" in r.stderr
    assert not (tmp_path / "cdht.sqlite").exists()


def test_missing_inbox_fails_run_once_but_the_rest_is_done(site, server, tmp_path, conf, env):
    text = (conf / "nightly.toml").read_text().replace(f"{tmp_path}/inbox", f"{tmp_path}/missing")
    (conf / "nightly.toml").write_text(text)
    r = run_cdht(tmp_path, conf, env, "run-once", "--site-url", server.url, "--delay", "0",
                 "--today", "2025-05-01")  # fmt: skip
    assert r.returncode == 1, r.stderr
    assert f"facebook failed: the inbox folder {tmp_path}/missing does not exist" in r.stderr
    assert stored_items(tmp_path / "cdht.sqlite") == len(site.articles)
    assert (tmp_path / "reports" / "2025-04" / "bao-cao-thang-2025-04.json").is_file()
    outcome = query(tmp_path / "cdht.sqlite", "SELECT outcome FROM runs WHERE command = 'run-once'")
    assert outcome == [("partial",)]
    assert "night partial" in (tmp_path / "log" / "cdht.log").read_text(encoding="utf-8")


# ---------------------------------------------------------------- crashes, locks, signals
def test_kill_9_mid_run_then_rerun_counts_as_one_clean_run(site, server, tmp_path, conf, env):
    db = tmp_path / "cdht.sqlite"
    server.faults.slow(ARTICLE, 0.05)
    proc = start_cdht(tmp_path, conf, env, "run-once", "--site-url", server.url, "--delay", "0")
    try:
        wait_for(lambda: stored_items(db) >= 20, what="a first batch of items")
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        proc.kill()
        proc.communicate()
    assert proc.returncode == -signal.SIGKILL
    left = read_lock(str(db) + ".lock")
    assert left is not None and left.pid == proc.pid  # the dead run's lock is still there
    assert stored_items(db) < len(site.articles)
    assert query(db, "SELECT COUNT(*) FROM runs WHERE outcome = 'running'") == [(2,)]

    server.faults.clear()
    r = run_cdht(tmp_path, conf, env, "run-once", "--site-url", server.url, "--delay", "0")
    assert r.returncode == 0, r.stderr
    assert "took over a stale lock" in r.stderr
    rows = query(db, "SELECT command, outcome, message FROM runs ORDER BY id")
    assert [(c, o) for c, o, _m in rows] == [
        ("run-once", "interrupted"), ("run-once:collect", "interrupted"),
        ("run-once", "ok"), ("run-once:collect", "ok"),
    ]  # fmt: skip
    assert "ended without finishing" in rows[0][2]
    with Store(db) as store:
        assert website_counts(store) == clean_counts(site, server.url, _config(conf), tmp_path)


def test_second_run_refused_while_locked_then_sigterm_interrupts(site, server, tmp_path, conf, env):
    db = tmp_path / "cdht.sqlite"
    server.faults.slow(ARTICLE, 0.3)  # slow enough that the first run outlasts a loaded start-up of the second
    first = start_cdht(tmp_path, conf, env, "run-once", "--site-url", server.url, "--delay", "0")
    try:
        wait_for(lambda: stored_items(db) >= 1 or query(db, "SELECT 1 FROM runs WHERE command = 'run-once:collect'"),
                 what="the first run to start")  # fmt: skip
        second = run_cdht(tmp_path, conf, env, "run-once", "--site-url", server.url, "--delay", "0")
        assert second.returncode == 1
        assert "another run is in progress" in second.stderr
        assert f"pid {first.pid}" in second.stderr and "cdht run-once" in second.stderr
        first.send_signal(signal.SIGTERM)
        _out, err = first.communicate(timeout=15)
    finally:
        first.kill()
    assert first.returncode == 143, err
    assert "SIGTERM received" in err
    rows = query(db, "SELECT command, outcome FROM runs ORDER BY id")
    assert rows == [("run-once", "interrupted"), ("run-once:collect", "interrupted")]
    assert read_lock(str(db) + ".lock") is None  # released on the way out

    server.faults.clear()
    r = run_cdht(tmp_path, conf, env, "run-once", "--site-url", server.url, "--delay", "0")
    assert r.returncode == 0, r.stderr
    with Store(db) as store:
        assert website_counts(store) == clean_counts(site, server.url, _config(conf), tmp_path)


def test_nightly_loop_runs_on_short_interval_and_stops_on_sigterm(site, server, tmp_path, conf, env):
    db = tmp_path / "cdht.sqlite"
    proc = start_cdht(tmp_path, conf, env, "nightly", "--every", "0.3", "--site-url", server.url,
                      "--delay", "0")  # fmt: skip
    try:
        wait_for(lambda: len(query(db, "SELECT 1 FROM runs WHERE command = 'nightly' AND outcome = 'ok'")) >= 2,
                 what="two nights")  # fmt: skip
        from pipeline.nightly import load_settings
        from pipeline.nightly.status import status_lines

        config = _config(conf)
        with Store(db, must_exist=True) as store:
            lines = status_lines(store, config, load_settings(config), db_path=db)
        assert any(f"(cdht nightly đang chạy, pid {proc.pid})" in line for line in lines)
        site.add_articles(3)
        wait_for(lambda: stored_items(db) == len(site.articles), what="the new articles")
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=15)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    nights = query(db, "SELECT outcome FROM runs WHERE command = 'nightly'")
    assert len(nights) >= 3
    assert all(o in ("ok", "interrupted") for (o,) in nights)
    assert query(db, "SELECT COUNT(*) FROM runs WHERE outcome = 'running'") == [(0,)]
    log_text = (tmp_path / "log" / "cdht.log").read_text(encoding="utf-8")
    assert "cdht nightly started" in log_text and "cdht nightly stopped" in log_text
    assert query(db, "SELECT value FROM kv WHERE key = 'nightly.loop'") == [("null",)]
    with Store(db) as store:
        assert website_counts(store) == clean_counts(site, server.url, _config(conf), tmp_path)


def _config(conf):
    from pipeline.settings import load_config

    return load_config(conf)
