"""Serve one generated site for probing by hand.

    .venv/bin/python -m tests.generated.serve --seed 7 [--full all|DIM,DIM] [--set DIM=OPT,OPT] [--port 8000]

prints the markup drawn, the months' expected website counts and the address; then, for
example, ``cdht collect --site-url http://127.0.0.1:8000 --config pipeline/demo/config`` or
``cdht probe http://127.0.0.1:8000/<path>``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from .dimensions import DIMENSIONS
from .site import GeneratedSite


def parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m tests.generated.serve", description=__doc__.split("\n")[1])
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--full", default="", help="dimensions drawn from all their options: 'all' or DIM,DIM")
    p.add_argument("--set", action="append", default=[], metavar="DIM=OPT,OPT",
                   help="force a dimension's options (repeatable)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    return p.parse_args(argv)


def build(args: argparse.Namespace) -> GeneratedSite:
    full = set(DIMENSIONS) if args.full == "all" else {d for d in args.full.split(",") if d}
    force = {}
    for item in args.set:
        name, _, opts = item.partition("=")
        force[name] = tuple(opts.split(","))
    return GeneratedSite(args.seed, full=full, force=force)


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    gen = build(args)
    print(f"seed {gen.seed}: {len(gen.items)} articles")
    for name, opts in gen.markup.options.items():
        print(f"  {name:16} {' / '.join(opts)}")
    print(json.dumps({m: e["website"] for m, e in gen.expected().items()}, indent=1))
    server = gen.server(args.host, args.port).start()
    print(f"served at {server.url} (Ctrl+C to stop)", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
