"""``cdht report month|year|contributors|period|term``: build a report and print it or write files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.cli import report_review, report_royalties
from pipeline.cli.common import EXIT_OK, EXIT_USAGE, open_config, open_store
from pipeline.periods import parse_month, parse_year

FORMAT_CHOICES = ["json", "html", "xlsx", "docx", "all"]


def register(subparsers, common: argparse.ArgumentParser) -> None:
    report = subparsers.add_parser(
        "report", help="month, year and contributors reports (JSON, HTML, XLSX, DOCX)",
        description="Build NQ 06 reports from the database.",
    )  # fmt: skip
    sub = report.add_subparsers(dest="report_kind", metavar="KIND")
    sub.required = True

    def add(name: str, help_text: str, arg: str | None, arg_help: str | None, func, *, month_flag=False):
        p = sub.add_parser(name, parents=[common], help=help_text, description=help_text)
        if arg:
            p.add_argument(arg, nargs="?" if month_flag else None, help=arg_help)
        if month_flag:
            p.add_argument("--month", dest="month_opt", metavar="YYYY-MM", help=arg_help)
        p.add_argument("--format", choices=FORMAT_CHOICES, default="all",
                       help="output format (default: all); json without --out prints to stdout")  # fmt: skip
        p.add_argument("--out", type=Path, default=None, metavar="DIR",
                       help="folder for the report files (default: the current folder)")  # fmt: skip
        p.add_argument("--png", action="store_true", help="also write the charts as PNG files")
        p.set_defaults(func=func)
        return p

    add("month", "month report: NQ 06 targets, units, contributors, items, data quality",
        "month", "the month, YYYY-MM", run_month)  # fmt: skip
    add("year", "year report: each month side by side, yearly targets, totals",
        "year", "the year, YYYY", run_year)  # fmt: skip
    add("contributors", "each contributor's month against their personal targets",
        "month", "the month, YYYY-MM", run_contributors, month_flag=True)  # fmt: skip
    report_review.register(add)
    report_royalties.register(sub, common)


def _check(parse, value) -> str | None:
    """The usage message for a bad month or year, else None."""
    try:
        parse(value)
    except ValueError as exc:
        return str(exc)
    return None


def _usage(message: str) -> int:
    print(f"cdht: {message}", file=sys.stderr)
    return EXIT_USAGE


def _run(args, period, build, write) -> int:
    if args.out is not None and args.out.exists() and not args.out.is_dir():
        return _usage(f"--out {args.out}: là một tệp, không phải thư mục (--out names a folder)")
    config = open_config(args)
    with open_store(args, must_exist=True, reading=f"report {args.report_kind}") as store:
        if args.format == "json" and args.out is None:
            from reports.render import to_json

            sys.stdout.write(to_json(build(store, config, period)) + "\n")
            return EXIT_OK
        formats = {args.format} if args.format != "all" else {"json", "html", "xlsx", "docx"}
        if args.png:
            formats.add("png")
        paths = write(store, config, period, args.out or Path("."), formats)
    for path in paths.values():
        print(path)
    return EXIT_OK


def run_month(args) -> int:
    if bad := _check(parse_month, args.month):
        return _usage(bad)
    from reports.monthdata import build_month
    from reports.render import write_month

    return _run(args, args.month, build_month, write_month)


def run_year(args) -> int:
    if bad := _check(parse_year, args.year):
        return _usage(bad)
    from reports.render import write_year
    from reports.yeardata import build_year

    return _run(args, args.year, build_year, write_year)


def run_contributors(args) -> int:
    month = args.month_opt or args.month
    if not month:
        return _usage("report contributors: give the month (YYYY-MM or --month YYYY-MM)")
    if args.month_opt and args.month and args.month_opt != args.month:
        return _usage("report contributors: two different months given")
    if bad := _check(parse_month, month):
        return _usage(bad)
    from reports.render import write_contributors
    from reports.yeardata import build_contributors

    return _run(args, month, build_contributors, write_contributors)
