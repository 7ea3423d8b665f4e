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
import contextlib
import logging
import os
import signal
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
from pipeline.errors import explain_failure, explain_os_error
from pipeline.lock import LockHeld
from pipeline.settings import ConfigError
from pipeline.store import StoreError, default_db_path

COMMANDS = [collect, item, probe, reprocess, archive, demo, import_facebook, collect_facebook, quotas, report,
            nightly, runs, status, migrate, desk]  # fmt: skip
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE
log = logging.getLogger("cdht")


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
    if hasattr(signal, "SIGXFSZ"):  # a write past `ulimit -f` fails with EFBIG, said as such,
        with contextlib.suppress(ValueError):  # instead of the signal killing the run (not in
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a thread: Python ignores it anyway)
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
    except BrokenPipeError:
        raise  # the reader went away: main ends quietly with 141
    except (sqlite3.Error, OSError) as exc:
        db = getattr(args, "db", None) or default_db_path()
        message = explain_failure(exc, db) if isinstance(exc, sqlite3.Error) else explain_os_error(exc, None)
        log.debug("the command ended on this error", exc_info=True)  # the traceback, with -v only
        print(f"cdht: {message}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt as exc:
        print(f"cdht: {explain(exc)}", file=sys.stderr)
        return 130
    except Exception as exc:  # a fault nobody named: a sentence, and the traceback in the log
        log.error("unexpected error in `cdht %s`", getattr(args, "command", ""), exc_info=True)
        print(f"cdht: lỗi không lường trước, lệnh đã dừng; dữ liệu đã lưu không mất. Chạy lại với -v "
              f"và gửi nhật ký cho người quản trị kỹ thuật. ({exc.__class__.__name__}: {exc})",
              file=sys.stderr)  # fmt: skip
        return EXIT_FAILED

