"""Vietnamese names of quota statuses: one list for the table, the reports, status and e-mail."""

from __future__ import annotations

STATUS_LABELS = {
    "met": "Đạt",
    "not_met": "Chưa đạt",
    "on_track": "Đúng tiến độ",
    "at_risk": "Có nguy cơ không đạt",
    "not_due": "Chưa đến hạn",
    "in_progress": "Đang thực hiện",
    "no_target": "Chưa giao chỉ tiêu",
    "no_data": "Chưa có số liệu",
}


def status_label(status: str | None) -> str:
    return STATUS_LABELS.get(status or "", status or "")
