"""`cdht reprocess`: recompute kind, unit and contributors of every stored item; with
``--extract``, first re-read every website item from the page archive (no request to the site)."""

from __future__ import annotations

import os
import sys

from pipeline.archive import WarcArchive
from pipeline.cli import common as cli
from pipeline.ingest import reprocess_all


def register(sub, common) -> None:
    p = sub.add_parser(
        "reprocess", parents=[common],
        help="recompute kind, unit and contributors of every stored item (after a config change)",
        description="Recompute the derived fields of every stored item. With --extract, every "
        "website item is first read again from its archived page by the current rules and site "
        "profile (no request to the site).",
    )  # fmt: skip
    p.add_argument("--extract", action="store_true",
                   help="re-extract every website item from the page archive beside the database")  # fmt: skip
    p.add_argument("--archive", metavar="DIR", help="the page archive folder (default: beside the database)")
    p.set_defaults(func=run_reprocess)


def run_reprocess(args) -> int:
    config = cli.open_config(args)
    command = "reprocess --extract" if args.extract else "reprocess"
    with cli.exclusive(args, "reprocess"), cli.open_store(args, must_exist=True) as store:
        run_id = store.start_run(command, pid=os.getpid())
        outcome, message, counts = "failed", "", {}
        try:
            outcome, message, counts = _reprocess(args, store, config)
        except KeyboardInterrupt:
            outcome, message = "interrupted", "interrupted"
            raise
        except Exception as exc:
            message = f"{exc.__class__.__name__}: {exc}"
            raise
        finally:
            store.finish_run(run_id, outcome, items_new=counts.get("new", 0),
                             items_updated=counts.get("updated", 0), requests=0, message=message[:2000])  # fmt: skip
    print(message, file=sys.stderr)
    return cli.EXIT_OK if outcome == "ok" else cli.EXIT_FAILED


def _reprocess(args, store, config) -> tuple[str, str, dict]:
    if not args.extract:
        counts = reprocess_all(store, config)
        return "ok", f"{counts['updated']} item(s) changed, {counts['same']} unchanged", counts
    from pipeline.reextract import reextract_all

    archive = WarcArchive(args.archive) if args.archive else WarcArchive.beside(store.path)
    if not archive.files():
        return "failed", (f"cdht: {archive.folder}: no page archive here (pages are archived from the "
                          "next `cdht collect` on)"), {}  # fmt: skip
    counts = reextract_all(store, config, archive)
    message = (f"re-extracted from {archive.folder}: {counts['updated']} item(s) changed, "
               f"{counts['same']} unchanged, {counts['without_page']} without an archived page, "
               f"{counts['failed']} no longer readable (kept as stored)")  # fmt: skip
    if counts["damaged"]:
        message += (f"; {counts['damaged']} damaged archive record(s) skipped (listed above; "
                    "`cdht archive check` lists them, and their pages are fetched again next night)")  # fmt: skip
    return "ok", message, counts
