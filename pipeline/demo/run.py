"""The demo: the whole pipeline on bundled data, with no network.

Serves the bundled replica of the website on 127.0.0.1, collects it, imports the bundled
Facebook export, and writes the month reports under ``out``, with its own database there. The
default database is never touched.
"""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path

from pipeline.collect import collect_website
from pipeline.demo.facebook_export import build_demo_export
from pipeline.demo.replica.model import build_demo_site
from pipeline.demo.replica.server import ReplicaServer
from pipeline.facebook_import import import_recorded
from pipeline.settings import load_config
from pipeline.store import Store
from reports.render import write_month

log = logging.getLogger("cdht.demo")


def demo_config_dir():
    return resources.files("pipeline.demo") / "config"


def run_demo(out: Path, config_dir: Path | None = None) -> dict:
    """Run the demo into ``out``; returns {"db": path, "reports": {month: {format: path}}}."""
    out.mkdir(parents=True, exist_ok=True)
    db = out / "cdht-demo.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    # the demo's own configuration (its contributors) beside its database, for later commands
    kept = out / "config"
    kept.mkdir(exist_ok=True)
    for entry in demo_config_dir().iterdir():
        if entry.name.endswith(".toml"):
            (kept / entry.name).write_text(entry.read_text(encoding="utf-8"), encoding="utf-8")
    config = load_config(config_dir or kept)
    site = build_demo_site()
    months = sorted({a.published.strftime("%Y-%m") for a in site.articles})
    reports: dict[str, dict] = {}
    with Store(db) as store:
        with ReplicaServer(site) as server:
            log.info("demo site served at %s", server.url)
            result = collect_website(config, store, site_url=server.url, delay=0)
        if result.failed:
            raise RuntimeError(result.message)
        export = _import_facebook(store, config, out / "facebook")
        for month in months:
            reports[month] = write_month(store, config, month, out / "reports")
    return {"db": db, "config": config_dir or kept, "reports": reports, "months": months,
            "facebook_export": export}  # fmt: skip


def _import_facebook(store: Store, config, folder: Path) -> Path:
    """The demo's Facebook export, kept under the demo's folder (to upload in the desk or import
    again), and imported."""
    folder.mkdir(parents=True, exist_ok=True)
    path = build_demo_export(folder)
    import_recorded(store, config, path, command="demo:import-facebook", name=path.name)
    return path
