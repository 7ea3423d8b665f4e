"""`cdht reprocess`: recompute kind, unit and contributors of every stored item; with
``--extract``, first re-read every website item from the page archive (no request to the site)."""

from __future__ import annotations

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
    with cli.exclusive(args, "reprocess"), cli.open_store(args, must_exist=True) as store:
        if args.extract:
            from pipeline.reextract import reextract_all

            archive = WarcArchive(args.archive) if args.archive else WarcArchive.beside(store.path)
            if not archive.files():
                print(f"cdht: {archive.folder}: no page archive here (pages are archived from the "
                      "next `cdht collect` on)", file=sys.stderr)  # fmt: skip
                return cli.EXIT_FAILED
            counts = reextract_all(store, config, archive)
            print(f"re-extracted from {archive.folder}: {counts['updated']} item(s) changed, "
                  f"{counts['same']} unchanged, {counts['without_page']} without an archived page, "
                  f"{counts['failed']} no longer readable (kept as stored)", file=sys.stderr)  # fmt: skip
            return cli.EXIT_OK
        counts = reprocess_all(store, config)
    print(f"{counts['updated']} item(s) changed, {counts['same']} unchanged", file=sys.stderr)
    return cli.EXIT_OK
