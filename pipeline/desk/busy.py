"""A store busy with a long write (the nightly collection) loses nothing and says so: a write
waits ``write_wait_seconds`` for the lock, then the request answers 503 with a Vietnamese page
that keeps the form's values, so one click sends it again. Reads never wait (WAL)."""

from __future__ import annotations

import logging
import sqlite3

from flask import Flask, render_template, request
from werkzeug.datastructures import MultiDict

from pipeline.desk.errors import page
from pipeline.store import StoreError, StoreNeedsMigration, StoreTooNew

log = logging.getLogger("cdht.desk")
BUSY = ("Cơ sở dữ liệu đang bận vì lần thu thập đêm nay; thay đổi chưa được lưu, "
        "hãy thử lại sau ít phút.")  # fmt: skip
RETRY_AFTER = "30"
UPGRADE = ("Cơ sở dữ liệu không khớp bản chương trình đang chạy (cần chạy `cdht migrate`, hoặc "
           "cần bản cdht mới hơn); không có gì thay đổi. Hãy báo người quản trị (docs/INSTALL.md, "
           "mục Updating).")  # fmt: skip
NOT_KEPT = {"csrf_token", "password", "current", "new", "again"}  # never written into a page


def is_busy(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def kept_fields(form: MultiDict) -> list[tuple[str, str]]:
    """The form's fields to send again (a fresh CSRF token is added by the page)."""
    return [(k, v) for k, v in form.items(multi=True) if k not in NOT_KEPT]


def busy_page():
    log.warning("desk: %s %s refused, the store is busy", request.method, request.path)
    if request.path.startswith("/api/") or request.method in ("GET", "HEAD"):
        resp = page(503, "Hệ thống đang bận", BUSY)
    else:
        resp = render_template("busy.html", message=BUSY, action=request.full_path.rstrip("?"),
                               fields=kept_fields(request.form), had_file=bool(request.files)), 503  # fmt: skip
    if isinstance(resp, tuple):
        body, code, *rest = resp
        headers = dict(rest[0]) if rest else {}
        headers["Retry-After"] = RETRY_AFTER
        return body, code, headers
    resp.headers["Retry-After"] = RETRY_AFTER
    return resp


def install(app: Flask) -> None:
    def on_store_error(exc: Exception):
        if isinstance(exc, (StoreNeedsMigration, StoreTooNew)):  # put back, or of another release
            log.error("desk: %s %s: %s", request.method, request.path, exc)
            return page(503, "Cơ sở dữ liệu chưa dùng được", UPGRADE)
        if is_busy(exc):
            return busy_page()
        log.error("desk: %s %s: store error", request.method, request.path, exc_info=exc)
        return page(500, "Lỗi của hệ thống", "Không đọc hoặc ghi được cơ sở dữ liệu; không có gì thay đổi. "
                    "Hãy báo người quản trị.")  # fmt: skip

    app.register_error_handler(sqlite3.OperationalError, on_store_error)
    app.register_error_handler(StoreError, on_store_error)
