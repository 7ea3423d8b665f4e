"""``cdht quotas``: the NQ 06 targets for a month, quarter or year, as a table or JSON."""

from __future__ import annotations

import argparse
import json

from pipeline.cli.common import UsageError, arg_date, open_config, open_store
from quotas.engine import evaluate
from quotas.manual import evaluate_manual
from quotas.periods import Period, fmt_date, month_period, parse_period, today_local
from quotas.table import format_table


def _period(args: argparse.Namespace) -> Period:
    text, want = next(
        (
            (v, k)
            for k, v in (("month", args.month), ("quarter", args.quarter), ("year", args.year))
            if v
        ),
        (None, None),
    )
    if text is None:
        today = args.as_of or today_local()
        return month_period(today.year, today.month)
    try:
        period = parse_period(text)
    except ValueError:
        raise UsageError(f"--{want}: «{text}» không phải là một kỳ: viết tháng YYYY-MM, quý YYYY-QN "
                         "hoặc năm YYYY (ví dụ 2025-05, 2025-Q2, 2025)") from None  # fmt: skip
    if period.kind != want:
        raise UsageError(f"--{want}: «{text}» là một {KIND_VI.get(period.kind, period.kind)}, không phải "
                         f"một {KIND_VI.get(want, want)}")  # fmt: skip
    return period




KIND_VI = {"month": "tháng", "quarter": "quý", "year": "năm"}


def run(args: argparse.Namespace) -> int:
    config = open_config(args)
    period = _period(args)
    as_of = args.as_of or today_local()
    cutoff = min(as_of, period.end)
    with open_store(args, must_exist=True, reading="quotas") as store:
        results = evaluate(store, config, period, as_of=as_of)
    manual = [
        m for m in evaluate_manual(config, cutoff)
        if m.state in ("due", "overdue") or (m.state == "done" and period.contains(m.deadline))
    ]  # fmt: skip
    if args.format == "json":
        doc = {
            "period": period.key,
            "period_label": period.label_vi,
            "as_of": cutoff.isoformat(),
            "quotas": [r.to_dict() for r in results],
            "manual": [m.to_dict() for m in manual],
        }
        print(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        title = (
            f"Chỉ tiêu NQ 06/NQ-LĐLĐ: {period.label_vi} (số liệu đến hết ngày {fmt_date(cutoff)})"
        )
        names = {u.id: u.name for u in config.units}
        print(format_table(results, title=title, manual=manual, unit_names=names), end="")
    return 0


def register(subparsers, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "quotas",
        parents=[common],
        help="NQ 06 targets for a month, quarter or year: actual, target, projection, status",
        description=(
            "Evaluate the NQ 06 targets of config/quotas.toml for a period (default: the "
            "current month) against the store, and list the manual plan items that are due."
        ),
    )
    which = p.add_mutually_exclusive_group()
    which.add_argument("--month", metavar="YYYY-MM", help="a month, e.g. 2025-05")
    which.add_argument("--quarter", metavar="YYYY-QN", help="a quarter, e.g. 2025-Q2")
    which.add_argument("--year", metavar="YYYY", help="a year, e.g. 2025")
    p.add_argument(
        "--format",
        choices=["table", "json"],
        default="table",
        help="output format (default: table)",
    )
    p.add_argument(
        "--as-of",
        type=arg_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="count as of this local date (default: today); later periods show as not due",
    )
    p.set_defaults(func=run)
