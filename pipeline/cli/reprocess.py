"""`cdht reprocess`: recompute kind, unit and contributors of every stored item."""

from __future__ import annotations

import sys

from pipeline.cli import common as cli
from pipeline.ingest import reprocess_all


def register(sub, common) -> None:
    p = sub.add_parser(
        "reprocess", parents=[common],
        help="recompute kind, unit and contributors of every stored item (after a config change)",
        description="Recompute the kind, unit and contributors of every stored item from the "
        "current configuration; editors' decisions stay as they are.",
    )
    p.set_defaults(func=run_reprocess)


def run_reprocess(args) -> int:
    config = cli.open_config(args)
    with cli.exclusive(args, "reprocess"), cli.open_store(args, must_exist=True) as store:
        counts = reprocess_all(store, config)
    print(f"{counts['updated']} item(s) changed, {counts['same']} unchanged", file=sys.stderr)
    return cli.EXIT_OK
