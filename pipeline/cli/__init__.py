"""The ``cdht`` command line: parses options, calls one library function per command, prints.

Each command lives in a module of this package that exposes ``register(subparsers, common)``;
``common`` is the parent parser holding ``--db`` and ``--config``. A command's handler returns
the exit code: 0 the run completed, 1 the run failed, 2 usage or configuration error. Standard
output carries only the requested output; logs and progress go to standard error.

A reader that stops early (``cdht quotas | head -1``) closes the pipe: the command then ends
quietly with exit code 141 (128 + SIGPIPE, what a shell reports for a program the signal
stopped), so ``set -o pipefail`` scripts still see that the output was cut.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from importlib import metadata

from pipeline.cli import (
    archive,
    argparse_vi,
    collect,
    collect_facebook,
    demo,
    desk,
    import_facebook,
    item,
    migrate,
    nightly,
    probe,
    quotas,
    report,
    reprocess,
    runs,
    status,
)
from pipeline.cli.common import (
    EXIT_FAILED,
    EXIT_USAGE,
    UsageError,
    apply_installation,
    common_parser,
    setup_logging,
)
from pipeline.cli.messages import explain
from pipeline.errors import explain_failure
from pipeline.lock import LockHeld
from pipeline.settings import ConfigError
from pipeline.store import StoreError, default_db_path

COMMANDS = [collect, item, probe, reprocess, archive, demo, import_facebook, collect_facebook, quotas, report,
            nightly, runs, status, migrate, desk]  # fmt: skip
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE


def version() -> str:
    """The installed package's version (pyproject.toml), or "unknown" when not installed."""
    try:
        return metadata.version("cdht")
    except metadata.PackageNotFoundError:
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    argparse_vi.install()
    parser = argparse_vi.Parser(
        prog="cdht",
        description="Đếm tin, bài, video của Công đoàn Hà Tĩnh theo Nghị quyết 06/NQ-LĐLĐ "
                    "(counts the communications of Công đoàn Hà Tĩnh against NQ 06/NQ-LĐLĐ).",
    )  # fmt: skip
    parser.add_argument("--version", action="version", version=f"cdht {version()}",
                        help="hiện phiên bản rồi thoát")  # fmt: skip
    sub = parser.add_subparsers(dest="command", metavar="LỆNH", parser_class=argparse_vi.Parser)
    sub.required = True
    common = common_parser()
    for command in COMMANDS:
        command.register(sub, common)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        code = _run(argv)
        sys.stdout.flush()  # a closed pipe shows here when the output fits in the buffer
        return code
    except BrokenPipeError:
        # The reader went away: send what is left to /dev/null so that the interpreter's own
        # flush at exit raises nothing, and end without a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE


def _run(argv: list[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    setup_logging(args)
    try:
        apply_installation(args)
        return int(args.func(args) or 0)
    except (ConfigError, UsageError) as exc:
        print(f"cdht: {explain(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except (StoreError, LockHeld) as exc:
        print(f"cdht: {explain(exc)}", file=sys.stderr)
        return EXIT_FAILED
    except (sqlite3.Error, OSError) as exc:
        message = explain_failure(exc, getattr(args, "db", None) or default_db_path())
        if message is None:
            raise
        print(f"cdht: {message}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt as exc:
        print(f"cdht: {explain(exc)}", file=sys.stderr)
        return 130

