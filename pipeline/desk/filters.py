"""Jinja filters and globals of the desk: local dates and times, Vietnamese labels."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import g

from pipeline.desk.audit_text import target_vi, value_vi, who_vi
from pipeline.store.accounts import ROLE_VI
from quotas.labels import status_label
from reports.common import KIND_LABELS, ROLE_LABELS, safe_url, vn_number
from reports.reasons import (
    category_source_vi,
    date_source_vi,
    error_vi,
    kind_reason_vi,
    unit_reason_vi,
)
from reports.runlog import OUTCOME_VI, command_vi, message_vi

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
SOURCE_VI = {"website": "Website", "facebook": "Facebook"}
FIELD_VI = {"kind": "Loại", "unit": "Đơn vị", "contributors": "Người viết", "points": "Điểm nhuận bút",
            "no_royalty": "Không tính nhuận bút", "key": "địa chỉ"}  # fmt: skip
ACTION_VI = {"set": "Đặt", "clear": "Bỏ quyết định", "review": "Đã xem", "add": "Thêm",
             "update": "Sửa", "import": "Nhập", "done": "Đánh dấu xong", "undone": "Bỏ đánh dấu",
             "login": "Đăng nhập", "user": "Tài khoản", "collect": "Thu thập",
             "upload": "Tải lên", "report": "Lập báo cáo", "password": "Đổi mật khẩu",
             "signout": "Đăng xuất mọi nơi", "token": "Tạo mã API", "revoke": "Thu hồi mã API",
             "refused": "Từ chối", "merge": "Gộp", "alias": "Thêm bút danh"}  # fmt: skip


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


def install(app) -> None:
    f = app.jinja_env.filters
    f["local_time"] = local_time
    f["vn_date"] = vn_date
    f["month_vi"] = month_vi
    f["number"] = vn_number
    f["kind_vi"] = lambda k: KIND_LABELS.get(k, k or "–")
    f["status_vi"] = status_label
    f["source_vi"] = lambda s: SOURCE_VI.get(s, s)
    f["field_vi"] = lambda s: FIELD_VI.get(s, s)
    f["action_vi"] = lambda s: ACTION_VI.get(s, s)
    f["role_vi"] = lambda r: ROLE_VI.get(r, r)
    f["crole_vi"] = lambda r: ROLE_LABELS.get(r, r)
    f["safe_url"] = safe_url
    f["date_source_vi"] = date_source_vi
    f["kind_reason_vi"] = kind_reason_vi
    f["unit_reason_vi"] = unit_reason_vi
    f["category_source_vi"] = category_source_vi
    f["command_vi"] = command_vi
    f["message_vi"] = message_vi
    f["outcome_vi"] = lambda o: OUTCOME_VI.get(o, o)
    f["error_vi"] = error_vi
    app.jinja_env.globals["current_user"] = lambda: g.get("user")
    f["audit_value"] = lambda text, field: value_vi(field or "", text, _names())
    f["audit_target"] = lambda row: target_vi(row, _names())
    f["who_vi"] = who_vi


def _names() -> dict:
    """Units' and contributors' names for the audit trail in words (once per request)."""
    if "audit_names" not in g:
        from pipeline.desk.context import config_of

        config = config_of()
        g.audit_names = {"units": {u.id: u.name for u in config.units},
                         "people": {c.id: c.name for c in config.contributors}}  # fmt: skip
    return g.audit_names
