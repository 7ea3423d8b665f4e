"""The run lock: one run at a time; a lock left by a killed run is taken over."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import pytest

from pipeline.lock import (
    LockHeld,
    LockInfo,
    RunLock,
    is_stale,
    lock_holder,
    lock_path_for,
    pid_alive,
    read_lock,
)

HOLDER = """
import sys, time
from pipeline.lock import RunLock
lock = RunLock(sys.argv[1], command="run-once").acquire()
print("locked", flush=True)
time.sleep(60)
"""


def _spawn_holder(path):
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
    )
    assert proc.stdout.readline().strip() == "locked"
    return proc


def test_lock_path_is_beside_the_database(tmp_path):
    assert lock_path_for(tmp_path / "cdht.sqlite") == tmp_path / "cdht.sqlite.lock"


def test_acquire_writes_holder_and_release_frees(tmp_path):
    path = tmp_path / "db.lock"
    with RunLock(path, command="run-once") as lock:
        assert lock.held
        info = read_lock(path)
        assert info.pid == os.getpid()
        assert info.host == socket.gethostname()
        assert info.command == "run-once"
        assert info.started_at.endswith("Z")
        assert lock.taken_over is None
    assert not lock.held
    assert read_lock(path) is None  # emptied, left in place
    assert lock_holder(path) is None
    with RunLock(path):  # free again
        pass


def test_second_lock_in_the_same_process_is_refused(tmp_path):
    path = tmp_path / "db.lock"
    with RunLock(path, command="nightly"):
        with pytest.raises(LockHeld) as exc:
            RunLock(path, command="run-once").acquire()
        assert exc.value.info.pid == os.getpid()
        assert "another run is in progress" in str(exc.value)
        assert "cdht nightly" in str(exc.value)


def test_lock_held_by_another_process_then_taken_over_after_kill_9(tmp_path):
    path = tmp_path / "db.lock"
    proc = _spawn_holder(path)
    try:
        with pytest.raises(LockHeld) as exc:
            RunLock(path).acquire()
        assert exc.value.info.pid == proc.pid
        assert f"pid {proc.pid}" in str(exc.value)
        holder = lock_holder(path)
        assert holder is not None and holder.pid == proc.pid
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(5)
        proc.stdout.close()
    # the dead holder's record is still in the file: stale, detected and taken over
    left = read_lock(path)
    assert left.pid == proc.pid
    assert is_stale(left)
    assert lock_holder(path) is None
    with RunLock(path, command="run-once") as lock:
        assert lock.taken_over is not None and lock.taken_over.pid == proc.pid
        assert read_lock(path).pid == os.getpid()


def test_pid_alive_and_staleness():
    assert pid_alive(os.getpid())
    assert not pid_alive(0)
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait(5)
    time.sleep(0.05)
    assert not pid_alive(proc.pid)
    assert is_stale(LockInfo(pid=proc.pid, host=socket.gethostname()))
    assert not is_stale(LockInfo(pid=os.getpid(), host=socket.gethostname()))
    # a lock taken on another machine is never judged from here
    assert not is_stale(LockInfo(pid=proc.pid, host="another-host.example"))
    assert is_stale(None)


def test_lock_info_parses_old_and_bad_contents():
    assert LockInfo.parse("") is None
    assert LockInfo.parse("1234 host-a").pid == 1234
    assert LockInfo.parse("1234 host-a").host == "host-a"
    assert LockInfo.parse("garbage").pid is None
    assert LockInfo.parse('{"pid": 7, "host": "h", "command": "c", "started_at": "s"}').command == "c"
