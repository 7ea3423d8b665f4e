"""Logging for unattended runs: a rotating log file beside the console.

The console handler is set up by :func:`pipeline.cli.setup_logging` (standard error, short
times). Unattended commands add a rotating file (default ``<user log dir>/cdht.log``, 1 MB x 5)
with full dates and the process id, so that a night's work can be read back the next morning.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

import platformdirs

FILE_FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"
CONSOLE_FORMAT = "%(asctime)s %(levelname)s %(message)s"


def default_log_file() -> Path:
    return Path(platformdirs.user_log_dir("cdht", appauthor=False)) / "cdht.log"


def add_console_handler(level: int = logging.INFO) -> logging.Handler:
    """A standard-error handler on the root logger (once; reuses the CLI's when present)."""
    root = logging.getLogger()
    for h in root.handlers:
        if getattr(h, "_cdht_console", False):
            return h
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(CONSOLE_FORMAT, "%H:%M:%S"))
    handler._cdht_console = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    return handler


def add_file_handler(
    path: Path | str | None = None,
    *,
    max_bytes: int = 1_000_000,
    backups: int = 5,
    level: int = logging.DEBUG,
) -> logging.Handler:
    """Add (once per path) a rotating file handler on the root logger and return it.

    Raises OSError with the path in the message when the folder cannot be created or the file
    cannot be opened. The root logger's level still decides what reaches the file.
    """
    path = Path(path) if path else default_log_file()
    root = logging.getLogger()
    for h in root.handlers:
        if getattr(h, "_cdht_file", None) == str(path):
            return h
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8"
        )
    except OSError as exc:
        raise OSError(f"{path}: cannot open the log file ({exc.strerror or exc})") from None
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter(FILE_FORMAT))
    handler._cdht_file = str(path)  # type: ignore[attr-defined]
    root.addHandler(handler)
    return handler


def remove_handler(handler: logging.Handler) -> None:
    logging.getLogger().removeHandler(handler)
    handler.close()
