"""A collection killed with SIGKILL in the middle loses nothing and the next run converges."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from pipeline.demo.replica.model import build_site
from pipeline.demo.replica.server import FaultPlan, ReplicaServer
from pipeline.demo.replica.truth import expected_months
from pipeline.settings import load_config
from pipeline.store import Store
from reports.monthdata import build_month

ROOT = Path(__file__).resolve().parents[1]
DEMO_CONFIG = ROOT / "pipeline" / "demo" / "config"


def stored(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return conn.execute("SELECT COUNT(*) FROM items").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def test_kill_9_mid_run_then_rerun_converges(tmp_path):
    site = build_site(seed=5, start="2025-04", months=2, per_month=40)
    db = tmp_path / "db.sqlite"
    faults = FaultPlan()
    faults.slow(re.compile(r"-\d{10}\.html$"), seconds=0.04)
    cmd = [sys.executable, "-m", "pipeline.cli", "collect", "--delay", "0", "--db", str(db),
           "--config", str(DEMO_CONFIG), "-q"]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with ReplicaServer(site, faults=faults) as server:
        proc = subprocess.Popen([*cmd, "--site-url", server.url], env=env, cwd=tmp_path)
        deadline = time.monotonic() + 60
        while stored(db) < 25 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        assert proc.poll() is None, "the run finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        partial = stored(db)
        assert 0 < partial < len(site.articles)

        faults.clear()
        done = subprocess.run([*cmd, "--site-url", server.url], env=env, cwd=tmp_path, timeout=120)
        assert done.returncode == 0
    config = load_config(DEMO_CONFIG)
    with Store(db) as store:
        assert store.conn.execute("SELECT COUNT(*) FROM items").fetchone()[0] == len(site.articles)
        for month, truth in expected_months(site).items():
            assert build_month(store, config, month)["website"] == truth["website"]
        outcomes = [r["outcome"] for r in store.runs()]
        assert outcomes[0] == "ok"
