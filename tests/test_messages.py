"""Messages named for what failed: the file-size limit, the archive's volume, no traceback, a
configuration that leaves out what the database holds, a killed run's counts, a decision set
again (real SQLite files, real runs of the command)."""

from __future__ import annotations

import errno
import json
import os
import re
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.demo.replica.model import build_site
from pipeline.demo.replica.server import FaultPlan, ReplicaServer
from pipeline.errors import explain_failure

ROOT = Path(__file__).resolve().parents[1]
DEMO_CONFIG = ROOT / "pipeline" / "demo" / "config"
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


@pytest.fixture(scope="module")
def site():
    return build_site(seed=5, start="2025-05", months=1, per_month=12)


def cdht(*argv, preexec_fn=None, config=DEMO_CONFIG, timeout=120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *map(str, argv), "--config", str(config)],
                          capture_output=True, text=True, env=ENV, timeout=timeout, check=False,
                          preexec_fn=preexec_fn)  # fmt: skip


def collect(server, db, **kw) -> subprocess.CompletedProcess:
    return cdht("collect", "--site-url", server.url, "--delay", "0", "--db", db, **kw)


def query(db: Path, sql: str, *params):
    con = sqlite3.connect(db, timeout=10)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


# ---------------------------------------------------------------- ulimit -f
def test_a_write_past_the_file_size_limit_names_the_limit_not_permissions(tmp_path, site):
    db = tmp_path / "cdht.sqlite"

    def limited():
        resource.setrlimit(resource.RLIMIT_FSIZE, (600_000, resource.RLIM_INFINITY))

    with ReplicaServer(site) as server:
        done = collect(server, db, preexec_fn=limited)
        assert done.returncode == 1, done.stderr
        assert "ulimit -f" in done.stderr and "giới hạn kích thước tệp" in done.stderr, done.stderr
        assert "chỉ cho đọc" not in done.stderr and "quyền" not in done.stderr.split("ulimit")[0]
        assert "Traceback" not in done.stderr
        again = collect(server, db)  # the limit lifted: the next run gets everything
        assert again.returncode == 0, again.stderr
    assert query(db, "SELECT COUNT(*) FROM items")[0][0] == len(site.articles)


def test_efbig_from_a_plain_write_names_the_limit():
    message = explain_failure(OSError(errno.EFBIG, "File too large", "/data/reports/2025-05.json"))
    assert message and "ulimit -f" in message and "/data/reports/2025-05.json" in message


# ---------------------------------------------------------------- a full archive volume
def test_a_full_archive_file_names_the_archive_folder_not_the_database():
    exc = OSError(errno.ENOSPC, "No space left on device", "/mnt/archive/cdht-archive/2025-05.warc.gz")
    message = explain_failure(exc, "/var/lib/cdht/cdht.sqlite")
    assert "kho lưu trang /mnt/archive/cdht-archive" in message
    assert "cdht.sqlite" not in message and "không phải ổ chứa cơ sở dữ liệu" in message


def _mount_small(folder: Path, size: str) -> bool:
    folder.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          capture_output=True, check=False)  # fmt: skip
    return done.returncode == 0


def test_a_full_archive_volume_is_reported_as_the_archive_s_folder(tmp_path, site):
    db = tmp_path / "cdht.sqlite"
    archive = tmp_path / "cdht-archive"  # the archive's own volume, beside the database
    if not _mount_small(archive, "24k"):
        pytest.skip("needs root to mount a small tmpfs for the archive")
    with ReplicaServer(site) as server:
        try:
            done = collect(server, db)
        finally:
            subprocess.run(["umount", str(archive)], check=False)
        assert done.returncode == 1, done.stderr  # every later page would fail too: the run stops
        last = done.stderr.strip().splitlines()[-1]
        assert f"kho lưu trang {archive}" in last, done.stderr
        assert f"đĩa chứa {db}" not in done.stderr and "Traceback" not in done.stderr
        assert "cannot read the page" not in done.stderr  # the page was read; the archive was full
        again = collect(server, db)  # room again: the next night gets everything
        assert again.returncode == 0, again.stderr
    assert query(db, "SELECT COUNT(*) FROM items WHERE status = 'ok'")[0][0] == len(site.articles)


# ---------------------------------------------------------------- no traceback
def test_an_os_error_nobody_named_ends_in_a_sentence_not_a_traceback(tmp_path):
    db = tmp_path / "cdht.sqlite"
    sqlite3.connect(db).close()
    out = tmp_path / ("x" * 300)  # ENAMETOOLONG: no mapping had it
    done = cdht("report", "month", "2025-05", "--format", "json", "--db", db, "--out", out)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and done.stderr.startswith("cdht: ")
    assert "quá dài" in done.stderr


# ---------------------------------------------------------------- the configuration
def test_a_config_folder_without_contributors_toml_warns_what_the_database_holds(tmp_path, site):
    db = tmp_path / "cdht.sqlite"
    with ReplicaServer(site) as server:
        assert collect(server, db).returncode == 0
    held = query(db, "SELECT COUNT(DISTINCT contributor_id) FROM item_contributors")[0][0]
    assert held > 0
    partial = tmp_path / "conf"
    shutil.copytree(DEMO_CONFIG, partial)
    (partial / "contributors.toml").unlink()
    done = cdht("quotas", "--month", "2025-05", "--db", db, config=partial)
    assert done.returncode == 0, done.stderr
    assert f"không có {held} người viết" in done.stderr
    assert f"{partial} không có contributors.toml" in done.stderr
    whole = cdht("quotas", "--month", "2025-05", "--db", db)
    assert "người viết mà cơ sở dữ liệu" not in whole.stderr


# ---------------------------------------------------------------- the run log
def test_a_killed_run_s_row_says_what_it_stored(tmp_path):
    site = build_site(seed=5, start="2025-04", months=2, per_month=40)
    db = tmp_path / "db.sqlite"
    faults = FaultPlan()
    faults.slow(re.compile(r"-\d{10}\.html$"), seconds=0.04)
    with ReplicaServer(site, faults=faults) as server:
        cmd = [sys.executable, "-m", "pipeline.cli", "collect", "--delay", "0", "--db", str(db),
               "--config", str(DEMO_CONFIG), "-q", "--site-url", server.url]  # fmt: skip
        proc = subprocess.Popen(cmd, env=ENV, cwd=tmp_path)
        deadline = time.monotonic() + 60

        def stored() -> int:
            try:
                return query(db, "SELECT COUNT(*) FROM items")[0][0]
            except sqlite3.OperationalError:
                return 0

        while stored() < 15 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        assert proc.poll() is None, "the run finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        partial = stored()
        faults.clear()
        assert collect(server, db).returncode == 0
    killed, later = query(db, "SELECT outcome, items_new, message FROM runs ORDER BY id")
    assert killed[0] == "interrupted" and killed[1] == partial > 0
    assert f"{partial} new" in killed[2]
    assert later[0] == "ok" and later[1] == len(site.articles) - partial


def test_reprocess_writes_a_run_log_row(tmp_path, site):
    db = tmp_path / "cdht.sqlite"
    with ReplicaServer(site) as server:
        assert collect(server, db).returncode == 0
    done = cdht("reprocess", "--db", db)
    assert done.returncode == 0, done.stderr
    rows = json.loads(cdht("runs", "--format", "json", "--db", db).stdout)
    assert rows[0]["command"] == "reprocess" and rows[0]["outcome"] == "ok"


# ---------------------------------------------------------------- a decision set again
def test_setting_a_value_an_item_already_has_says_unchanged_and_keeps_the_new_note(tmp_path, site):
    db = tmp_path / "cdht.sqlite"
    with ReplicaServer(site) as server:
        assert collect(server, db).returncode == 0
    key = query(db, "SELECT key FROM items ORDER BY key LIMIT 1")[0][0]
    first = cdht("item", key, "--kind", "video", "--note", "có clip", "--db", db)
    assert first.returncode == 0 and "đã ghi: loại = Video" in first.stderr, first.stderr
    again = cdht("item", key, "--kind", "video", "--note", "clip 3 phút, đã xem lại", "--db", db)
    assert again.returncode == 0, again.stderr
    assert "không đổi: loại = Video" in again.stderr and "đã ghi: loại" not in again.stderr
    assert query(db, "SELECT value, note FROM overrides WHERE key = ?", key) == [
        ("video", "clip 3 phút, đã xem lại")
    ]
    assert query(db, "SELECT action, note FROM audit ORDER BY id") == [
        ("set", "có clip"), ("note", "clip 3 phút, đã xem lại")
    ]


@pytest.mark.parametrize(("exc", "words"), [
    (OSError(errno.EIO, "Input/output error", "/data/cdht.sqlite-wal"), "Lỗi hệ điều hành khi đọc hoặc ghi /data/cdht.sqlite-wal"),
    (OSError(errno.ENOMEM, "Cannot allocate memory"), "Lỗi hệ điều hành, lệnh đã dừng"),
    (ConnectionResetError(errno.ECONNRESET, "Connection reset by peer"), "Lỗi kết nối mạng"),
])  # fmt: skip
def test_every_other_system_error_is_a_sentence_that_names_what_failed(exc, words):
    from pipeline.errors import explain_os_error

    message = explain_os_error(exc)
    assert message.startswith(words) and str(exc) in message
