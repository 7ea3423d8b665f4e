"""What the views share about the current request (no views imported here, so app.py can
import the views and the views this module without a cycle)."""

from __future__ import annotations

from flask import g

from pipeline.settings import Config


def config_of() -> Config:
    """The configuration for the current request."""
    return g.desk.config(g.store)
