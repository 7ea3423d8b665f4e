"""`cdht collect`: collect the website into the store."""

from __future__ import annotations

import sys

from pipeline.cli import common as cli
from pipeline.collect import collect_website
from pipeline.progress import make_progress


def register(sub, common) -> None:
    p = sub.add_parser(
        "collect", parents=[common],
        help="collect the website (feeds, category listings, article pages) into the store",
        description="Collect the website into the store. The first run walks every category "
        "listing; later runs read only what is new.",
    )  # fmt: skip
    p.add_argument("--site-url", type=cli.arg_site_url, metavar="URL",
                   help="base URL to collect instead of the configured site")  # fmt: skip
    p.add_argument("--since", type=cli.arg_date, metavar="YYYY-MM-DD",
                   help="skip items published before this local date")  # fmt: skip
    p.add_argument("--delay", type=cli.arg_seconds, metavar="SECONDS",
                   help="seconds between requests (overrides config and robots.txt Crawl-delay)")  # fmt: skip
    p.add_argument("--all", dest="full", action="store_true",
                   help="walk every listing to its end, even when it was walked before")  # fmt: skip
    p.set_defaults(func=run)


def run(args) -> int:
    config = cli.open_config(args)
    progress = make_progress()
    try:
        with cli.exclusive(args, "collect"), cli.open_store(args) as store:
            result = collect_website(
                config, store, site_url=args.site_url, since=args.since, delay=args.delay,
                full=args.full, progress=progress,
            )  # fmt: skip
    finally:
        progress.close()
    if result.failed:
        print(f"cdht: {result.message}", file=sys.stderr)
        return cli.EXIT_FAILED
    if result.pending:
        print(f"cdht: {len(result.pending)} page(s) could not be read; they are stored as "
              "pending and will be fetched on the next run:", file=sys.stderr)  # fmt: skip
        for _url, reason in result.pending[:20]:
            print(f"  {reason}", file=sys.stderr)
    return cli.EXIT_OK
