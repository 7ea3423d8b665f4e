"""The ``cdht`` command line: parses options, calls one library function per command, prints.

Each command lives in a module of this package that exposes ``register(subparsers, common)``;
``common`` is the parent parser holding ``--db`` and ``--config``. A command's handler returns
the exit code: 0 the run completed, 1 the run failed, 2 usage or configuration error. Standard
output carries only the requested output; logs and progress go to standard error.
"""

from __future__ import annotations

import argparse
import sys

from pipeline.cli import (
    collect,
    collect_facebook,
    demo,
    desk,
    import_facebook,
    item,
    nightly,
    probe,
    quotas,
    report,
    reprocess,
    runs,
    status,
)
from pipeline.cli.common import EXIT_FAILED, EXIT_USAGE, UsageError, common_parser, setup_logging
from pipeline.lock import LockHeld
from pipeline.settings import ConfigError
from pipeline.store import StoreError

COMMANDS = [collect, item, probe, reprocess, demo, import_facebook, collect_facebook, quotas, report,
            nightly, runs, status, desk]  # fmt: skip


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cdht",
        description="Counts the communications of Công đoàn Hà Tĩnh against NQ 06/NQ-LĐLĐ.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    common = common_parser()
    for command in COMMANDS:
        command.register(sub, common)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    setup_logging(args)
    try:
        return int(args.func(args) or 0)
    except (ConfigError, UsageError) as exc:
        print(f"cdht: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (StoreError, LockHeld) as exc:
        print(f"cdht: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("cdht: interrupted", file=sys.stderr)
        return 130

