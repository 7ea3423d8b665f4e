"""`cdht probe`: what the collector extracts from one page, and why (to tune the site profile);
``--archived`` reads the page kept in the archive; ``--sample N`` reads N articles across the
categories, one table row a page, then the pager each listing shows, the addresses each article
was met under and what its canonical says."""

from __future__ import annotations

import json
import sys

from collectors.http import FetchError, HttpClient
from pipeline.archive import WarcArchive
from pipeline.cli import common as cli
from pipeline.probe import page_text, probe_page, sample, sample_table
from pipeline.probe_site import Survey


def register(sub, common) -> None:
    p = sub.add_parser(
        "probe", parents=[common],
        help="show what the collector extracts from one page (to tune the site profile)",
        description="Fetch one article page (or read it from the page archive) and print every "
        "field the collector extracts, how each was found, what was left out of the body and "
        "why, and the kind and unit it would give. With --sample N, read N articles across the "
        "categories and print one row a page.",
    )  # fmt: skip
    p.add_argument("url", nargs="?", help="an article page")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.add_argument("--archived", action="store_true",
                   help="read the page from the archive beside the database (no request)")  # fmt: skip
    p.add_argument("--sample", type=int, metavar="N", help="read N articles across the categories")
    p.add_argument("--site-url", help="the site to sample instead of the configured one")
    p.set_defaults(func=run_probe)


def _client(config) -> HttpClient:
    # pages for a person waiting at the terminal: one retry, short back-off
    politeness = config.site.politeness.model_copy(update={"retries": 1, "backoff": 1.0})
    return HttpClient(politeness, delay=0)


def run_probe(args) -> int:
    config = cli.open_config(args)
    if args.sample:
        base = args.site_url or config.site.site.base_url
        survey = Survey(hosts=(base, config.site.site.base_url))
        try:
            reports = sample(_client(config), base, config, args.sample,
                             log=lambda m: print(f"cdht: {m}", file=sys.stderr), tell=survey.seen)  # fmt: skip
        except FetchError as exc:
            print(f"cdht: {exc}", file=sys.stderr)
            return cli.EXIT_FAILED
        if args.json:
            print(json.dumps(survey.to_json(reports), ensure_ascii=False, indent=2))
        else:
            print(sample_table(reports) + "\n\n" + survey.text())
        return cli.EXIT_OK
    if not args.url:
        print("cdht: probe needs a URL, or --sample N", file=sys.stderr)
        return cli.EXIT_USAGE
    archived_at = None
    if args.archived:
        with cli.open_store(args, must_exist=True, reading="probe") as store:
            archive = WarcArchive.beside(store.path)
        page = archive.find(args.url)
        if page is None:
            print(f"cdht: {args.url}: not in the page archive {archive.folder}", file=sys.stderr)
            return cli.EXIT_FAILED
        html, archived_at = page.text, page.fetched_at
    else:
        try:
            resp = _client(config).get(args.url)
        except FetchError as exc:
            print(f"cdht: {exc}", file=sys.stderr)
            return cli.EXIT_FAILED
        if resp.status != 200:
            print(f"cdht: {args.url}: HTTP {resp.status}", file=sys.stderr)
            return cli.EXIT_FAILED
        html = resp.text
    report = probe_page(args.url, html, config)
    if archived_at:
        report["archived_at"] = archived_at
    print(json.dumps(report, ensure_ascii=False, indent=2) if args.json else page_text(report))
    return cli.EXIT_OK
