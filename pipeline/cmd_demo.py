"""`cdht demo`: the whole pipeline on bundled data, with no network.

Serves the bundled replica of the website on 127.0.0.1, collects it, imports the bundled
Facebook export, and writes the month reports under ``--out`` (default ``./cdht-demo``), with
its own database there. The default database is never touched.
"""

from __future__ import annotations

import logging
import sys
import tempfile
from importlib import resources
from pathlib import Path

from collectors.facebook.demo_export import build_demo_export
from collectors.facebook.importer import import_facebook
from pipeline import cli
from pipeline.collect import collect_website
from pipeline.replica.model import build_site
from pipeline.replica.server import ReplicaServer
from pipeline.settings import load_config
from pipeline.store import Store
from reports.render import write_month

log = logging.getLogger("cdht.demo")


def register(sub, common) -> None:
    p = sub.add_parser(
        "demo", parents=[common],
        help="run the whole pipeline on the bundled demo data (no network needed)",
        description="Serve the bundled replica of the website on 127.0.0.1, collect it, import "
        "the bundled Facebook export and write the month reports under --out.",
    )  # fmt: skip
    p.add_argument("--out", type=Path, default=Path("cdht-demo"),
                   help="folder for the demo's database and reports (default: ./cdht-demo)")  # fmt: skip
    p.set_defaults(func=run)


def demo_config_dir():
    return resources.files("pipeline.replica") / "demo_config"


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
    site = build_site()
    months = sorted({a.published.strftime("%Y-%m") for a in site.articles})
    reports: dict[str, dict] = {}
    with Store(db) as store:
        with ReplicaServer(site) as server:
            log.info("demo site served at %s", server.url)
            result = collect_website(config, store, site_url=server.url, delay=0)
        if result.failed:
            raise RuntimeError(result.message)
        _import_facebook(store, config)
        for month in months:
            reports[month] = write_month(store, config, month, out / "reports")
    return {"db": db, "config": config_dir or kept, "reports": reports, "months": months}


def _import_facebook(store: Store, config) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = build_demo_export(Path(tmp))
        import_facebook(store, config, path)


def run(args) -> int:
    result = run_demo(args.out, args.config)
    last = result["months"][-1]
    html = result["reports"][last].get("html")
    print(f"Cơ sở dữ liệu demo: {result['db']}")
    print(f"Cấu hình demo: {result['config']} (thử: cdht quotas --month {last} "
          f"--db {result['db']} --config {result['config']})")
    for month in result["months"]:
        for fmt, path in sorted(result["reports"][month].items()):
            print(f"Báo cáo {month} ({fmt}): {path}")
    if html:
        print(f"\nMở báo cáo tháng mới nhất: {Path(html).resolve()}", file=sys.stdout)
    return cli.EXIT_OK
