"""The common errors of every command, for people: a Vietnamese sentence first, then the
technical detail (file, key, path, SQLite's words) as the library wrote it, in English."""

from __future__ import annotations

from pipeline.lock import LockHeld
from pipeline.settings import ConfigError
from pipeline.store import NoDatabase, StoreError


def explain(exc: BaseException) -> str:
    """The line(s) printed after ``cdht:`` for an error that ends a command."""
    detail = str(exc)
    if isinstance(exc, NoDatabase):
        return (f"chưa có cơ sở dữ liệu ở {exc.path}: hãy chạy `cdht collect` (hoặc `cdht demo`) "
                "trước, hoặc chỉ đúng tệp bằng --db (no database here)")  # fmt: skip
    if isinstance(exc, ConfigError):
        if detail.startswith("cấu hình"):  # already a sentence for people (storeconfig)
            return detail
        return f"lỗi cấu hình; sửa tệp và mục được nêu rồi chạy lại:\n  {detail.replace(chr(10), chr(10) + '  ')}"
    if isinstance(exc, LockHeld):
        return f"một lần chạy khác đang dùng cơ sở dữ liệu này; hãy đợi nó xong rồi chạy lại ({detail})"
    if isinstance(exc, StoreError):
        if exc.for_people:  # pipeline.errors wrote it: a full disk, a damaged file…
            return detail
        return f"không mở được cơ sở dữ liệu ({detail})"
    if isinstance(exc, KeyboardInterrupt):
        return "đã dừng theo yêu cầu (interrupted)"
    return detail
