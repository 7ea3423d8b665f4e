"""Jinja filters and globals of the desk: local dates and times, Vietnamese labels."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import g

from pipeline.accounts import ROLE_VI
from quotas.labels import status_label
from reports.common import KIND_LABELS, ROLE_LABELS, safe_url

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
SOURCE_VI = {"website": "Website", "facebook": "Facebook"}
FIELD_VI = {"kind": "Loại", "unit": "Đơn vị", "contributors": "Người viết"}
ACTION_VI = {"set": "Đặt", "clear": "Bỏ quyết định", "review": "Đã xem", "add": "Thêm",
             "update": "Sửa", "import": "Nhập", "done": "Đánh dấu xong", "undone": "Bỏ đánh dấu",
             "login": "Đăng nhập", "user": "Tài khoản", "collect": "Thu thập",
             "upload": "Tải lên", "report": "Lập báo cáo"}  # fmt: skip


_REASONS = [
    (re.compile(r"^byline names «(.+)»$"), "dòng tác giả ghi «{0}»"),
    (re.compile(r"^title names «(.+)»$"), "tiêu đề ghi «{0}»"),
    (re.compile(r"^lead names «(.+)»$"), "sapo ghi «{0}»"),
    (re.compile(r"^contributor (.+)'s unit$"), "đơn vị của người viết {0}"),
    (re.compile(r"^no unit named$"), "không thấy tên đơn vị"),
    (re.compile(r"^repost \(no unit\)$"), "tin đăng lại, không tính cho đơn vị"),
    (re.compile(r"^override$"), "biên tập viên đặt"),
    (re.compile(r"^video marker in the title$"), "tiêu đề có dấu hiệu video"),
    (re.compile(r"^video category$"), "chuyên mục video"),
    (re.compile(r"^in-depth category$"), "chuyên mục chuyên sâu"),
    (re.compile(r"^series marker in the title$"), "tiêu đề có dấu hiệu loạt bài (Bài 2:, Kỳ II:)"),
    (re.compile(r"^(\d+) words \(≥ (\d+)\)$"), "{0} chữ (từ {1} chữ trở lên)"),
    (re.compile(r"^default \(news\)$"), "mặc định là tin"),
    (re.compile(r"^player in the body with (\d+) words \(< (\d+)\)$"), "có trình phát video, {0} chữ (dưới {1})"),
    (re.compile(r"^pending: .*$"), "trang chưa tải được, loại đoán từ danh sách"),
    (re.compile(r"^facebook video post$"), "bài Facebook có video"),
    (re.compile(r"^facebook (.*)$"), "bài Facebook ({0})"),
    (re.compile(r"^feed date$"), "ngày của RSS"),
    (re.compile(r"^listing date$"), "ngày trong trang danh sách"),
]


def reason_vi(text: str | None) -> str:
    """The collector's reasons (English, for developers) in plain Vietnamese where known."""
    text = (text or "").strip()
    for pattern, vi in _REASONS:
        m = pattern.match(text)
        if m:
            return vi.format(*m.groups())
    return text or "?"


def local_time(value) -> str:
    """A stored UTC instant as dd/mm/yyyy HH:MM local time."""
    if not value:
        return "–"
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(LOCAL).strftime("%d/%m/%Y %H:%M")


def vn_date(value) -> str:
    if not value:
        return "–"
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return value
    return value.strftime("%d/%m/%Y")


def month_vi(month: str) -> str:
    try:
        return f"Tháng {int(month[5:7])}/{month[:4]}"
    except (ValueError, TypeError):
        return str(month)


def number(n) -> str:
    if n is None:
        return "–"
    if isinstance(n, float) and not n.is_integer():
        return f"{n:,.1f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return f"{int(n):,}".replace(",", ".")


def install(app) -> None:
    f = app.jinja_env.filters
    f["local_time"] = local_time
    f["vn_date"] = vn_date
    f["month_vi"] = month_vi
    f["number"] = number
    f["kind_vi"] = lambda k: KIND_LABELS.get(k, k or "–")
    f["status_vi"] = status_label
    f["source_vi"] = lambda s: SOURCE_VI.get(s, s)
    f["field_vi"] = lambda s: FIELD_VI.get(s, s)
    f["action_vi"] = lambda s: ACTION_VI.get(s, s)
    f["role_vi"] = lambda r: ROLE_VI.get(r, r)
    f["crole_vi"] = lambda r: ROLE_LABELS.get(r, r)
    f["safe_url"] = safe_url
    f["reason_vi"] = reason_vi
    app.jinja_env.globals["current_user"] = lambda: g.get("user")
