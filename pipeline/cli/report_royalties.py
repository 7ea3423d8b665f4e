"""``cdht report royalties``: the month's royalty sheet (nhuận bút), or, with ``--rates FILE``,
what a span of months costs under other rates beside the current ones."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.cli.common import EXIT_OK, EXIT_USAGE, open_config, open_store
from pipeline.periods import parse_month
from reports import atomic

FORMATS = ["json", "xlsx", "docx", "all"]


def register(sub, common: argparse.ArgumentParser) -> None:
    text = "the month's royalty sheet (nhuận bút); with --rates, what other rates would cost"
    p = sub.add_parser("royalties", parents=[common], help=text, description=text)
    p.add_argument("month", metavar="YYYY-MM", help="the month (with --rates: the first month)")
    p.add_argument("to", nargs="?", metavar="TO", help="with --rates: the last month (YYYY-MM)")
    p.add_argument("--rates", type=Path, metavar="FILE",
                   help="a rate file to compare with the current rates (royalties.toml format)")  # fmt: skip
    p.add_argument("--format", choices=FORMATS, default="all",
                   help="output format (default: all; json without --out prints to stdout)")  # fmt: skip
    p.add_argument("--out", type=Path, default=None, metavar="DIR",
                   help="folder for the files (default: the current folder)")  # fmt: skip
    p.set_defaults(func=run)


def _usage(message: str) -> int:
    print(f"cdht: {message}", file=sys.stderr)
    return EXIT_USAGE


def run(args) -> int:
    from reports.royalty_rates import NO_RATES_VI, NoRates, load_rates_file, rates_of

    for month in (args.month, args.to):
        if month is None:
            continue
        try:
            parse_month(month)
        except ValueError as exc:
            return _usage(str(exc))
    if args.rates is not None and args.format == "docx":
        return _usage("report royalties --rates: bảng so sánh có JSON và XLSX, không có DOCX "
                      "(the comparison is json or xlsx)")  # fmt: skip
    if args.to and args.rates is None:
        return _usage("report royalties: hai tháng chỉ dùng với --rates TỆP để so sánh mức "
                      "nhuận bút (two months need --rates FILE)")  # fmt: skip
    if args.out is not None and args.out.exists() and not args.out.is_dir():
        return _usage(f"--out {args.out}: là một tệp, không phải thư mục (--out names a folder)")
    config = open_config(args)
    try:
        current = rates_of(config)
    except NoRates as exc:
        if args.rates is None:
            return _usage(NO_RATES_VI.format(label=exc))
        current = None
    if args.rates is not None:
        return _compare(args, config, load_rates_file(args.rates), current)
    return _sheet(args, config, current)


def _sheet(args, config, rates) -> int:
    from reports.render import to_json
    from reports.royalties import build_royalties
    from reports.royalties_render import write_royalties

    with open_store(args, must_exist=True, reading="report royalties") as store:
        if args.format == "json" and args.out is None:
            sys.stdout.write(to_json(build_royalties(store, config, args.month, rates=rates)) + "\n")
            return EXIT_OK
        paths = write_royalties(store, config, args.month, args.out or Path("."), args.format, rates=rates)
    for path in paths.values():
        print(path)
    return EXIT_OK


def _compare(args, config, proposed, current) -> int:
    from reports.render import to_json
    from reports.royalties_compare import compare

    try:
        with open_store(args, must_exist=True, reading="report royalties") as store:
            data = compare(store, config, args.month, args.to or args.month, proposed, current)
    except ValueError as exc:
        return _usage(str(exc))
    if args.format in ("json", "all") and args.out is None:
        sys.stdout.write(to_json(data) + "\n")
        return EXIT_OK
    from reports.royalties_xlsx import write_comparison

    out = args.out or Path(".")
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    if args.format in ("json", "all"):
        path = out / f"so-sanh-nhuan-but-{data['from']}-{data['to']}.json"
        atomic.write_text(path, to_json(data) + "\n")
        paths.append(path)
    if args.format in ("xlsx", "all"):
        paths.append(write_comparison(data, out / f"so-sanh-nhuan-but-{data['from']}-{data['to']}.xlsx"))
    for path in paths:
        print(path)
    return EXIT_OK
