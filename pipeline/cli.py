"""The ``cdht`` command line: parses options, calls one library function per command, prints.

Each command lives in a module that exposes ``register(subparsers, common)``; ``common`` is the
parent parser holding ``--db`` and ``--config``. A command's handler returns the exit code:
0 the run completed, 1 the run failed, 2 usage or configuration error. Standard output carries
only the requested output; logs and progress go to standard error.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from pipeline.lock import LockHeld, RunLock, lock_path_for
from pipeline.settings import Config, ConfigError, load_config
from pipeline.store import Store, StoreError, default_db_path

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

COMMAND_MODULES = [
    "pipeline.cmd_collect",
    "pipeline.cmd_items",
    "pipeline.cmd_demo",
    "collectors.facebook.cmd",
    "quotas.cmd",
    "reports.cmd",
    "pipeline.cmd_nightly",
    "pipeline.cmd_desk",
]

log = logging.getLogger("cdht")


class UsageError(Exception):
    """A bad option value; exits 2 with the message."""


# ---------------------------------------------------------------- option types
def arg_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def arg_seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}") from None
    if seconds < 0:
        raise argparse.ArgumentTypeError("cannot be negative")
    return seconds


def arg_positive(value: str) -> float:
    seconds = arg_seconds(value)
    if seconds <= 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return seconds


def arg_count(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return n


@contextmanager
def exclusive(args: argparse.Namespace, command: str) -> Iterator[None]:
    """Hold the database's run lock for a writing command (another run holding it: exit 1)."""
    with RunLock(lock_path_for(args.db or default_db_path()), command=command):
        yield


def common_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument(
        "--db",
        type=Path,
        default=None,
        help=f"SQLite database file (default: {default_db_path()})",
    )
    p.add_argument(
        "--config",
        type=Path,
        default=None,
        metavar="DIR",
        help="folder of TOML files that overlay the bundled configuration key by key",
    )
    p.add_argument("-v", "--verbose", action="store_true", help="log debugging detail")
    p.add_argument("-q", "--quiet", action="store_true", help="log warnings and errors only")
    return p


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cdht",
        description="Counts the communications of Công đoàn Hà Tĩnh against NQ 06/NQ-LĐLĐ.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    common = common_parser()
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub, common)
    return parser


def setup_logging(args: argparse.Namespace) -> None:
    level = logging.DEBUG if args.verbose else logging.WARNING if args.quiet else logging.INFO
    root = logging.getLogger()
    if not any(getattr(h, "_cdht_console", False) for h in root.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s", "%H:%M:%S"))
        handler._cdht_console = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level)
    for noisy in ("urllib3", "charset_normalizer", "matplotlib", "PIL"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def open_config(args: argparse.Namespace, overrides: dict | None = None) -> Config:
    from pipeline.storeconfig import apply_store  # the store's contributors and plan marks

    return apply_store(load_config(args.config, overrides), args.db or default_db_path())


def open_store(args: argparse.Namespace, *, readonly: bool = False) -> Store:
    return Store(args.db or default_db_path(), readonly=readonly)


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


if __name__ == "__main__":
    # run through the package module, so command modules share this module's exception classes
    from pipeline.cli import main as package_main

    sys.exit(package_main())
