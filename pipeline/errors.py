"""Store and operating-system errors as messages a person can act on.

One mapping for every command and the desk: a full disk, a database that cannot be written
(read-only mount, immutable file, no right to create ``<db>.lock``), a database whose pages are
corrupted, a folder where a file was expected. Each message names the path, says what to do
in Vietnamese, and keeps the technical detail in English after it.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

_FULL = "Hết chỗ trống trên đĩa chứa {path}: giải phóng chỗ trống rồi chạy lại (dữ liệu đã lưu không mất)."
_READONLY = ("Không ghi được vào {path}: tệp hoặc thư mục chỉ cho đọc, hoặc tài khoản đang chạy "
             "không có quyền ghi. Kiểm tra quyền của tệp và thư mục rồi chạy lại.")  # fmt: skip
_CORRUPT = ("Cơ sở dữ liệu {path} bị hỏng và không đọc được. Đừng ghi thêm vào tệp này: khôi "
            "phục từ bản sao lưu, hoặc chuyển tệp sang chỗ khác để cdht tạo cơ sở dữ liệu mới "
            "rồi thu thập lại.")  # fmt: skip
_LOCKED = "Cơ sở dữ liệu {path} đang bị một tiến trình khác giữ quá lâu; thử lại sau ít phút."
_OPEN = "Không mở được {path}: kiểm tra đường dẫn và quyền của thư mục."
_IS_DIR = "{path} là một thư mục, không phải tệp: chọn một tên tệp khác."
_NOT_DIR = "{path}: một phần của đường dẫn là tệp, không phải thư mục: chọn thư mục khác."


def _sqlite_template(exc: sqlite3.Error) -> str | None:
    text = str(exc).lower()
    if "disk is full" in text or "database or disk is full" in text:
        return _FULL
    if "readonly" in text or "read-only" in text:
        return _READONLY
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return _CORRUPT
    if "locked" in text or "busy" in text:
        return _LOCKED
    if "unable to open" in text:
        return _OPEN
    if "disk i/o error" in text:
        return _FULL if _disk_full_hint(exc) else _READONLY
    return None


def _disk_full_hint(exc: BaseException) -> bool:
    return getattr(exc, "sqlite_errorname", "") == "SQLITE_FULL"


_ERRNO = {
    errno.ENOSPC: _FULL,
    errno.EDQUOT: _FULL,
    errno.EROFS: _READONLY,
    errno.EACCES: _READONLY,
    errno.EPERM: _READONLY,
    errno.EISDIR: _IS_DIR,
    errno.ENOTDIR: _NOT_DIR,
}


def explain_failure(exc: BaseException, db: Path | str | None = None) -> str | None:
    """The message for ``exc`` if it is a store or file-system error, else None."""
    if isinstance(exc, sqlite3.Error):
        template = _sqlite_template(exc)
        path = db
    elif isinstance(exc, OSError) and exc.errno in _ERRNO:
        template = _ERRNO[exc.errno]
        path = exc.filename or db
    else:
        return None
    if template is None:
        template = "Lỗi cơ sở dữ liệu {path}."
    where = str(path) if path else "cơ sở dữ liệu"
    return template.format(path=where) + f" ({exc.__class__.__name__}: {exc})"


def is_corrupt(exc: BaseException) -> bool:
    """Is ``exc`` the sign of a damaged database file (not a missing one)?"""
    return isinstance(exc, sqlite3.DatabaseError) and _sqlite_template(exc) == _CORRUPT
