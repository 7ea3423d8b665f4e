"""`cdht runs`: the run log as a table (or JSON)."""

from __future__ import annotations

import json

from pipeline.cli import common as cli
from reports.runlog import runs_table


def register(sub, common) -> None:
    p = sub.add_parser(
        "runs", parents=[common], help="list the recorded runs (newest first)",
        description="The run log: every collection and night, with outcome, counts and errors.",
    )  # fmt: skip
    p.add_argument("--limit", type=cli.arg_count, default=20, metavar="N", help="how many (default 20)")
    p.add_argument("--errors", action="store_true", help="show each run's errors under it")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(func=runs_cmd)


def runs_cmd(args) -> int:
    with cli.open_store(args, must_exist=True, reading="runs") as store:
        rows = store.runs(args.limit)
        errors = {}
        if args.errors or args.format == "json":
            for r in rows:
                errors[r["id"]] = store.run_errors(r["id"])
    if args.format == "json":
        out = [dict(r) | {"error_list": [dict(e) for e in errors.get(r["id"], [])]} for r in rows]
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return cli.EXIT_OK
    print(runs_table(rows, errors if args.errors else None))
    return cli.EXIT_OK
