"""How large a request may be, decided from its headers before its body is read: the
signed-in Facebook upload may bring ``max_upload_bytes``, every other request ``max_form_bytes``.
Used twice: by the server (``pipeline.desk.server``), which refuses a body announced too large
before reading it, and by the application, for a body that comes without a length."""

from __future__ import annotations

from flask import abort, request

UPLOAD_PATH = "/facebook"


def allowance(settings, method: str, path: str, signed_in: bool) -> int:
    if method == "POST" and path == UPLOAD_PATH and signed_in:
        return settings.max_upload_bytes
    return settings.max_form_bytes


def check_length(settings) -> None:
    """413 when the announced body is too large for the route; a body sent without a length
    (chunked) is cut at the same limit while it is read."""
    limit = allowance(settings, request.method, request.path, "cdht_session" in request.cookies)
    length = request.content_length
    if length is not None and length > limit:
        abort(413)
    request.max_content_length = limit
