"""What every command shares: exit codes, option types, the store, the configuration, the lock."""

from __future__ import annotations

import argparse
import logging
import math
import os
import sys
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from pipeline.installation import find_installation
from pipeline.lock import RunLock, lock_path_for, mark_abandoned_runs
from pipeline.settings import Config, load_config
from pipeline.store import Store, default_db_path

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

log = logging.getLogger("cdht")


class UsageError(Exception):
    """A bad option value; exits 2 with the message."""


# ---------------------------------------------------------------- option types
def arg_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{value}» không phải là một ngày: viết theo dạng YYYY-MM-DD, ví dụ 2025-05-01") from None


# The kinds as people type them: the Vietnamese words (with or without tone marks) or the
# English names the store uses.
KIND_WORDS = {"tin": "news", "bai": "article", "bài": "article", "video": "video",
              "news": "news", "article": "article"}  # fmt: skip


def arg_kind(value: str) -> str:
    """``tin``/``bai``/``video`` (or ``news``/``article``/``video``) -> the stored kind."""
    kind = KIND_WORDS.get(unicodedata.normalize("NFC", value.strip().lower()))
    if kind is None:
        raise argparse.ArgumentTypeError(
            f"không có loại «{value}»: chọn tin, bai hoặc video (hoặc news, article, video)"
        )
    return kind


def arg_seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{value}» không phải là một số giây") from None
    if not math.isfinite(seconds):
        raise argparse.ArgumentTypeError(f"«{value}» không phải là một số giây hữu hạn")
    if seconds < 0:
        raise argparse.ArgumentTypeError("không được là số âm")
    return seconds


def arg_positive(value: str) -> float:
    seconds = arg_seconds(value)
    if seconds <= 0:
        raise argparse.ArgumentTypeError("phải lớn hơn 0")
    return seconds


def arg_count(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{value}» không phải là một số nguyên") from None
    if n < 1:
        raise argparse.ArgumentTypeError("phải từ 1 trở lên")
    return n


def arg_site_url(value: str) -> str:
    """A web address to collect: http:// or https://, with a host name."""
    text = value.strip()
    try:
        parts = urlsplit(text)
        port_ok = parts.port is None or 0 < parts.port < 65536
    except ValueError:
        parts, port_ok = None, False
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname or not port_ok \
            or any(c.isspace() for c in text):  # fmt: skip
        raise argparse.ArgumentTypeError(
            f"«{value}» không phải là một địa chỉ web: cần bắt đầu bằng http:// hoặc https:// và có "
            "tên máy chủ, ví dụ https://congdoanhatinh.org.vn"
        )
    return text


@contextmanager
def exclusive(args: argparse.Namespace, command: str) -> Iterator[None]:
    """Hold the database's run lock for a writing command (another run holding it: exit 1).

    Runs that a killed process left ``running`` are closed as interrupted once the lock is held.
    """
    db = args.db or default_db_path()
    with RunLock(lock_path_for(db), command=command):
        if Path(db).exists():
            with Store(db) as store:
                mark_abandoned_runs(store)
        yield


def apply_installation(args: argparse.Namespace) -> None:
    """Fill ``--db`` and ``--config`` left out from the installation's settings."""
    inst = find_installation()
    os.umask(inst.umask)  # the database, its WAL, locks, archive and reports: 0660 by default
    args.desk_settings = inst.desk
    if getattr(args, "db", None) is None and inst.db is not None:
        args.db = inst.db
    if getattr(args, "config", None) is None and inst.config is not None:
        args.config = inst.config


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


def setup_logging(args: argparse.Namespace) -> None:
    level = logging.DEBUG if args.verbose else logging.WARNING if args.quiet else logging.INFO
    root = logging.getLogger()
    for h in root.handlers:  # a handler of an earlier call writes to the standard error of now
        if getattr(h, "_cdht_console", False):
            h.stream = sys.stderr  # not setStream: it would flush a stream closed since
    if not any(getattr(h, "_cdht_console", False) for h in root.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s", "%H:%M:%S"))
        handler._cdht_console = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level)
    for noisy in ("urllib3", "charset_normalizer", "matplotlib", "PIL"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def open_config(args: argparse.Namespace, overrides: dict | None = None) -> Config:
    from pipeline.store.storeconfig import apply_store  # the store's contributors and plan marks

    return apply_store(load_config(args.config, overrides), args.db or default_db_path())


def open_store(args: argparse.Namespace, *, must_exist: bool = False, reading: str = "") -> Store:
    """The command's store. ``reading``: the command only reads (its name, as typed): an older
    database is refused with a message naming ``cdht migrate``, never migrated behind a report.
    A command that writes migrates an older database, after a copy beside it."""
    return Store(args.db or default_db_path(), must_exist=must_exist, upgrade=not reading, command=reading)
