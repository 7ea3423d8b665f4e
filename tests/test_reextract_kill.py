"""A killed `cdht reprocess --extract` leaves no worker behind and no lock held: its workers
end with it (SIGKILL or SIGTERM to its pid), and the next run takes the lock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers.collect import DEMO_CONFIG, collect, load

from pipeline.demo.replica.model import build_site
from pipeline.demo.replica.server import ReplicaServer
from pipeline.lock import lock_holder, lock_path_for
from pipeline.store import Store

ROOT = Path(__file__).resolve().parents[1]


def _descendants(pid: int) -> set[int]:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    out, todo = set(), [pid]
    while todo:
        p = todo.pop()
        for child, parent in parents.items():
            if parent == p and child not in out:
                out.add(child)
                todo.append(child)
    return out


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_killing_reprocess_ends_its_workers_and_frees_the_lock(tmp_path, sig):
    db = tmp_path / "db.sqlite"
    site = build_site(seed=31, start="2025-04", months=2, per_month=100)
    with ReplicaServer(site) as server, Store(db) as store:
        collect(load(), store, server)
    cmd = [sys.executable, "-m", "pipeline.cli", "reprocess", "--extract", "--db", str(db),
           "--config", str(DEMO_CONFIG)]  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(workers) < 3 and proc.poll() is None:
        workers = _descendants(proc.pid)  # the fork server and its workers
        time.sleep(0.01)
    assert len(workers) >= 3, "the workers never started"
    os.kill(proc.pid, sig)
    proc.wait(timeout=10)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(p) for p in workers):
        time.sleep(0.05)
    assert not any(_alive(p) for p in workers)
    assert lock_holder(lock_path_for(db)) is None
    again = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
