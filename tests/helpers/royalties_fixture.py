"""Rate files for the royalty tests, on top of the month fixture (helpers/reports_fixture.py)."""

from __future__ import annotations

from pathlib import Path

from helpers.reports_fixture import make_month
from pipeline.settings import load_config

RATES = """
point_value = 234000
co_authors = "equal"
[kinds.news]
points = 1
min = 0.5
max = 2
[kinds.articles]
points = 3
min = 2
max = 5
[kinds.videos]
points = 2.5
min = 1
max = 4
"""

# other rates, for what a change would cost: a point worth 250.000 đ, an article 4 points
OTHER_RATES = RATES.replace("234000", "250000").replace("points = 3\n", "points = 4\n")


def write_rates(folder: Path, text: str = RATES, name: str = "royalties.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def make_royalty_month(base: Path, rates: str = RATES):
    """(store, config with the rates, db path, config folder) holding the May 2025 fixture."""
    store, _config, db = make_month(base)
    cdir = base / "config"
    write_rates(cdir, rates)
    return store, load_config(cdir), db, cdir
