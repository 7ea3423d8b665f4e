"""The run log and durations as a person reads them (Vietnamese, local time, dd/mm/yyyy)."""

from __future__ import annotations

from datetime import datetime

from collectors.dates import LOCAL, parse_utc

OUTCOME_VI = {
    "ok": "thành công",
    "partial": "hoàn thành một phần",
    "failed": "thất bại",
    "interrupted": "bị dừng giữa chừng",
    "running": "đang chạy",
}


def fmt_local(dt: datetime | None, *, with_time: bool = True) -> str:
    if dt is None:
        return "-"
    loc = dt.astimezone(LOCAL)
    return loc.strftime("%d/%m/%Y %H:%M") if with_time else loc.strftime("%d/%m/%Y")


def fmt_duration(start: datetime | None, end: datetime | None) -> str:
    if not start or not end:
        return "-"
    s = int((end - start).total_seconds())
    if s < 60:
        return f"{s} giây"
    if s < 3600:
        return f"{s // 60} phút"
    return f"{s // 3600} giờ {s % 3600 // 60:02d} phút"


def fmt_int(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def days_ago(dt: datetime, now: datetime) -> int:
    return (now.astimezone(LOCAL).date() - dt.astimezone(LOCAL).date()).days


def runs_table(rows, errors: dict | None = None) -> str:
    head = ("Số", "Lệnh", "Bắt đầu", "Thời gian", "Kết quả", "Mới", "Cập nhật", "Yêu cầu", "Lỗi", "Ghi chú")
    table = [head]
    for r in rows:
        start, end = parse_utc(r["started_at"]), parse_utc(r["finished_at"])
        table.append((
            str(r["id"]), r["command"], fmt_local(start), fmt_duration(start, end),
            OUTCOME_VI.get(r["outcome"], r["outcome"]), fmt_int(r["items_new"]),
            fmt_int(r["items_updated"]), fmt_int(r["requests"]), fmt_int(r["errors"]),
            _clip(r["message"], 70),
        ))  # fmt: skip
    if len(table) == 1:
        return "Chưa có lần chạy nào."
    widths = [max(len(row[i]) for row in table) for i in range(len(head))]
    right = {0, 5, 6, 7, 8}
    lines = []
    for n, row in enumerate(table):
        cells = [c.rjust(widths[i]) if i in right else c.ljust(widths[i]) for i, c in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
        elif errors is not None and n > 0:
            for e in errors.get(int(row[0]), []):
                where = f" {e['url']}" if e["url"] else ""
                lines.append(f"      ! {e['message']}{where}")
    return "\n".join(lines)


def _clip(text: str, n: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"
