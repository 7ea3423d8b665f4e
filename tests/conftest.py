"""Shared fixtures: a fresh SQLite file per test, the bundled configuration."""

from __future__ import annotations

import pytest

from pipeline.demo.replica.model import build_site
from pipeline.demo.replica.server import ReplicaServer
from pipeline.settings import load_config
from pipeline.store import Store


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "cdht.sqlite"


@pytest.fixture
def store(db_path):
    s = Store(db_path)
    yield s
    s.close()


@pytest.fixture
def config():
    return load_config()


@pytest.fixture
def site():
    """A small replica of the website (test modules may define their own)."""
    return build_site(months=2, per_month=25)


@pytest.fixture
def server(site):
    with ReplicaServer(site) as srv:
        yield srv
