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

try:
    import resource
except ImportError:  # not on this system: no file-size limit to name
    resource = None

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
_FSIZE = ("Không ghi được vào {path}: tệp đã chạm giới hạn kích thước tệp của tiến trình "
          "(ulimit -f, {limit}), không phải do đĩa đầy hay thiếu quyền ghi. Bỏ hoặc nâng giới hạn "
          "(`ulimit -f unlimited` trong kịch bản chạy, `LimitFSIZE=infinity` trong tệp dịch vụ "
          "systemd) rồi chạy lại (dữ liệu đã lưu không mất).")  # fmt: skip
_ARCHIVE_FULL = ("Hết chỗ trống trên ổ đĩa chứa kho lưu trang {folder} (tệp {path}), không phải ổ "
                 "chứa cơ sở dữ liệu: giải phóng chỗ trống trên ổ đó rồi chạy lại (các tin, bài "
                 "đã lưu không mất).")  # fmt: skip
_OTHER_OS = ("Lỗi hệ điều hành khi đọc hoặc ghi {path}: kiểm tra ổ đĩa và tệp đó (nhật ký hệ "
             "thống có thể ghi rõ hơn) rồi chạy lại.")  # fmt: skip


def file_size_limit() -> int | None:
    """The process's file-size limit in bytes (``ulimit -f``), or None when there is none."""
    if resource is None:
        return None
    try:
        soft, _ = resource.getrlimit(resource.RLIMIT_FSIZE)
    except (OSError, ValueError):
        return None
    return None if soft == resource.RLIM_INFINITY or soft < 0 else int(soft)


def _size(n: int) -> str:
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= size:
            return f"{n / size:.1f} {unit}".replace(".0 ", " ").replace(".", ",")
    return f"{n} byte"


def _archive_folder(path) -> Path | None:
    """The page archive's folder when ``path`` is one of its files (a month's ``.warc.gz``)."""
    if path is None:
        return None
    p = Path(path)
    if ".warc.gz" in p.name:
        return p.parent
    return None


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
    errno.ENAMETOOLONG: "{path}: tên tệp hoặc thư mục quá dài: chọn tên ngắn hơn.",
}


def explain_failure(exc: BaseException, db: Path | str | None = None) -> str | None:
    """The message for ``exc`` if it is a store or file-system error, else None.

    A write that fails under a file-size limit (``ulimit -f``: EFBIG, which SQLite reports as a
    disk I/O error or a full disk) names the limit; a full page archive names its folder.
    """
    limit = file_size_limit()
    if isinstance(exc, sqlite3.Error):
        template = _sqlite_template(exc)
        if limit is not None and template in (_FULL, _READONLY) and _write_failure(exc):
            template = _FSIZE
        path = db
    elif isinstance(exc, OSError) and exc.errno == errno.EFBIG:
        template, path = _FSIZE, exc.filename or db
    elif isinstance(exc, OSError) and exc.errno in _ERRNO:
        template = _ERRNO[exc.errno]
        path = exc.filename or db
        if template is _FULL and _archive_folder(path) is not None:
            template = _ARCHIVE_FULL
    else:
        return None
    if template is None:
        template = "Lỗi cơ sở dữ liệu {path}."
    where = str(path) if path else "cơ sở dữ liệu"
    folder = _archive_folder(path)
    text = template.format(path=where, limit=_size(limit) if limit else "", folder=folder or where)
    return text + f" ({exc.__class__.__name__}: {exc})"


def explain_os_error(exc: OSError, where: Path | str | None = None) -> str:
    """Every other operating-system error (EIO, ENOMEM, …): still a sentence that names the
    file, never a traceback."""
    message = explain_failure(exc, where)
    if message:
        return message
    detail = f" ({exc.__class__.__name__}: {exc})"
    path = getattr(exc, "filename", None) or where
    if path is None and _network(exc):
        return _NETWORK + detail
    if path is None:
        return _OTHER_OS_NO_PATH + detail
    return _OTHER_OS.format(path=path) + detail


_NETWORK = ("Lỗi kết nối mạng, lệnh đã dừng; dữ liệu đã lưu không mất. Kiểm tra mạng rồi chạy lại "
            "(lần chạy sau lấy nốt phần còn thiếu).")  # fmt: skip
_OTHER_OS_NO_PATH = ("Lỗi hệ điều hành, lệnh đã dừng; dữ liệu đã lưu không mất. Chạy lại với -v và "
                     "gửi nhật ký cho người quản trị kỹ thuật.")  # fmt: skip
_NET_ERRNO = {errno.ECONNRESET, errno.ECONNREFUSED, errno.ECONNABORTED, errno.ETIMEDOUT,
              errno.EHOSTUNREACH, errno.ENETUNREACH, errno.ENETDOWN, errno.EPIPE}  # fmt: skip


def _network(exc: OSError) -> bool:
    """A connection's failure (requests' errors are OSErrors too), not a file's."""
    return (isinstance(exc, ConnectionError) or exc.errno in _NET_ERRNO
            or type(exc).__module__.split(".")[0] in ("requests", "urllib3", "socket", "ssl"))  # fmt: skip


def _write_failure(exc: sqlite3.Error) -> bool:
    """SQLite's words for a write the system refused (what EFBIG becomes)."""
    text = str(exc).lower()
    return "disk i/o error" in text or "disk is full" in text


def is_corrupt(exc: BaseException) -> bool:
    """Is ``exc`` the sign of a damaged database file (not a missing one)?"""
    return isinstance(exc, sqlite3.DatabaseError) and _sqlite_template(exc) == _CORRUPT


def failure_text(exc: BaseException, where: Path | str | None = None) -> str:
    """One line for any error that ends a step (a run row's message, a log line)."""
    if isinstance(exc, OSError):
        return explain_os_error(exc, where)
    message = explain_failure(exc, where)
    if message:
        return message
    people = getattr(exc, "for_people", False)  # a StoreError already written for people
    return str(exc) if people else f"{exc.__class__.__name__}: {exc}"
