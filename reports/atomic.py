"""Every report and export is written whole or not at all.

A file is written under a temporary name in its own folder, flushed to the disk (``fsync``) and
renamed over the final name; the folder is synced after the rename. A write that fails midway (a
full disk, ``ulimit -f``, a renderer that raises) removes the temporary file and leaves the
previous file of that name as it was. Inside ``with together():`` the files of one report (its
JSON, HTML, XLSX, DOCX, charts) are renamed only once all of them are written, so a failure
leaves the earlier run's set whole, never a mix.
"""

from __future__ import annotations

import contextlib
import glob
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import BinaryIO

_GROUP: ContextVar[list[tuple[str, Path]] | None] = ContextVar("atomic_group", default=None)


@contextlib.contextmanager
def together() -> Iterator[None]:
    """Files written inside the block replace their final names only when it ends well."""
    if _GROUP.get() is not None:  # already inside a group: one set
        yield
        return
    group: list[tuple[str, Path]] = []
    token = _GROUP.set(group)
    try:
        yield
    except BaseException:
        for tmp, _ in group:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise
    finally:
        _GROUP.reset(token)
    for tmp, path in group:
        os.replace(tmp, path)
    for folder in {path.parent for _, path in group}:
        _sync_folder(folder)


@contextlib.contextmanager
def replacing(path: Path | str) -> Iterator[BinaryIO]:
    """``with replacing(path) as f: f.write(...)``: ``path`` holds what was written once the
    block ends without an error, and is untouched when it raises."""
    path = Path(path)
    _clear_leftovers(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, _mode(path))
        group = _GROUP.get()
        if group is not None:
            group.append((tmp, path))
            return
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sync_folder(path.parent)


def write_bytes(path: Path | str, data: bytes) -> Path:
    with replacing(path) as f:
        f.write(data)
    return Path(path)


def write_text(path: Path | str, text: str, encoding: str = "utf-8") -> Path:
    return write_bytes(path, text.encode(encoding))


def save(path: Path | str, saver: Callable[[BinaryIO], object]) -> Path:
    """``saver(file)`` writes the document into an open binary file (``workbook.save``,
    ``document.save``)."""
    with replacing(path) as f:
        saver(f)
    return Path(path)


def _clear_leftovers(path: Path, older_than: float = 3600) -> None:
    """Temporary files of ``path`` left by a process killed while writing (an hour old)."""
    now = time.time()
    for tmp in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            if now - tmp.stat().st_mtime > older_than:
                tmp.unlink()


def _mode(path: Path) -> int:
    """The mode the file had, or what a new file gets under the process's umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process's umask, read without changing it (``os.umask`` would, for every thread)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    return 0o022


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
