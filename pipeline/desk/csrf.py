"""CSRF: every form carries a token bound to the session (HMAC of a per-session nonce).

A state-changing request signed in by cookie must carry the token (form field ``csrf_token``
or header ``X-CSRF-Token``); one with an API token sends no cookie and needs none.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from flask import abort, current_app, g, request, session

FIELD = "csrf_token"
SAFE = ("GET", "HEAD", "OPTIONS")


def _sign(nonce: str) -> str:
    key = current_app.secret_key.encode() if isinstance(current_app.secret_key, str) else current_app.secret_key
    return hmac.new(key, f"csrf:{nonce}".encode(), hashlib.sha256).hexdigest()


def token() -> str:
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(16)
    return _sign(session["csrf"])


def _check():
    if request.method in SAFE or getattr(g, "via_token", False):
        return None
    sent = request.form.get(FIELD) or request.headers.get("X-CSRF-Token", "")
    nonce = session.get("csrf")
    if not nonce or not sent or not hmac.compare_digest(sent, _sign(nonce)):
        abort(400, description="Biểu mẫu đã hết hạn hoặc không hợp lệ (thiếu mã CSRF). Hãy tải lại trang và thử lại.")
    return None


def install(app) -> None:
    app.jinja_env.globals["csrf_token"] = token
    app.before_request(_check)
