"""Fixtures of the desk's tests: a demo store built once per session and copied per test, an app."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.demo.run import run_demo
from pipeline.store import Store, accounts
from tests.helpers.desk import PASSWORD, USERS


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """The demo's database and configuration, built once."""
    out = tmp_path_factory.mktemp("desk-demo")
    result = run_demo(out)
    with Store(result["db"]) as store:
        for name, role in USERS.items():
            accounts.add_user(store, name, role, PASSWORD)
    return Path(result["db"]), Path(result["config"])


@pytest.fixture
def demo(demo_template, tmp_path):
    """(database, config folder) of a fresh copy of the demo store."""
    db, config = demo_template
    copy = tmp_path / "cdht.sqlite"
    shutil.copy(db, copy)
    return copy, config


class Clock:
    def __init__(self, t: float = 1000.0):
        self.t = t

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def app(demo, clock, tmp_path):
    from pipeline.desk.app import create_app

    db, config = demo
    a = create_app(db, config, reports_dir=tmp_path / "reports", clock=clock)
    a.config["TESTING"] = True
    return a


