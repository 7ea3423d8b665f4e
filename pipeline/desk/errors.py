"""The desk's error pages: every error a short Vietnamese page (JSON under ``/api/``), never
the framework's English page or a traceback."""

from __future__ import annotations

import logging

from flask import Flask, g, jsonify, render_template, request
from markupsafe import escape
from werkzeug.exceptions import HTTPException, InternalServerError

log = logging.getLogger("cdht.desk")

TITLES = {
    400: "Yêu cầu không hợp lệ",
    401: "Cần đăng nhập",
    403: "Không có quyền",
    404: "Không tìm thấy",
    405: "Không dùng được cách gửi này",
    409: "Đã có người khác sửa",
    413: "Yêu cầu quá lớn",
    429: "Quá nhiều lần thử",
    500: "Lỗi của hệ thống",
    503: "Hệ thống đang bận",
}
MESSAGES = {
    401: "Hãy đăng nhập rồi thử lại.",
    403: "Tài khoản của bạn không được làm việc này. Hỏi người quản trị nếu cần thêm quyền.",
    404: "Trang hoặc tệp này không có.",
    405: "Trang này không nhận yêu cầu gửi theo cách đó.",
    413: "Yêu cầu hoặc tệp tải lên lớn hơn giới hạn cho phép. Không có gì thay đổi.",
    429: "Bạn đã thử quá nhiều lần. Hãy đợi ít phút rồi thử lại.",
    500: "Đã có lỗi khi xử lý yêu cầu; không có gì thay đổi. Hãy thử lại hoặc báo người quản trị.",
    503: "Hệ thống đang bận; thay đổi chưa được lưu, hãy thử lại sau ít phút.",
}


def message_of(exc: HTTPException) -> str:
    """A 400's own description (validate.BadInput, the CSRF check), else the code's sentence."""
    code = exc.code or 500
    if code in (400, 409) and exc.description and exc.description != type(exc).description:
        return exc.description
    return MESSAGES.get(code, TITLES.get(code, "Lỗi"))


def page(code: int, title: str, message: str):
    if request.path.startswith("/api/"):
        from werkzeug.http import HTTP_STATUS_CODES

        slug = HTTP_STATUS_CODES.get(code, "error").lower().replace(" ", "_")
        resp = jsonify(error=slug, title=title, message=message)
        resp.status_code = code
        return resp
    try:
        return render_template("error.html", code=code, title=title, message=message), code
    except Exception:  # the page's frame needs the store: say it plainly
        log.exception("desk: the error page of %s could not be drawn", code)
        body = (f'<!doctype html><html lang="vi"><meta charset="utf-8"><title>{code}</title>'
                f"<h1>{escape(title)}</h1><p>{escape(message)}</p></html>")  # fmt: skip
        return body, code, {"Content-Type": "text/html; charset=utf-8"}


def install(app: Flask) -> None:
    def handle(exc: HTTPException):
        code = exc.code or 500
        if isinstance(exc, InternalServerError) and exc.original_exception is not None:
            log.error("desk: %s %s failed", request.method, request.path,
                      exc_info=exc.original_exception)  # fmt: skip
        g.refusal = message_of(exc)  # for the audit trail (refusals.py)
        return page(code, TITLES.get(code, "Lỗi"), g.refusal)

    app.register_error_handler(HTTPException, handle)
