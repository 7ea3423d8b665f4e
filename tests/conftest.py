"""Shared fixtures: a fresh SQLite file per test, the bundled configuration."""

from __future__ import annotations

import pytest

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
