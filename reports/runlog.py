"""The run log and durations as a person reads them (Vietnamese, local time, dd/mm/yyyy)."""

from __future__ import annotations

import re
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


# ---------------------------------------------------------------- runs for people
# The run log keeps the tool's own (English) messages, for the administrator and the logs;
# the desk shows these words instead.
COMMANDS_VI = {
    "collect": "Thu thập website",
    "import-facebook": "Nhập tệp Facebook",
    "collect-facebook": "Đọc Trang Facebook (Graph API)",
    "nightly": "Lần chạy hằng đêm",
    "run-once": "Lần chạy hằng đêm",
    "desk": "trên bàn biên tập",
    "demo": "chạy thử",
    "reprocess": "Tính lại các tin, bài",
}
_FACES_VI = {"nightly": "hằng đêm", "run-once": "hằng đêm", "desk": "trên bàn biên tập", "demo": "chạy thử"}
_STEPS_VI = {"collect": "thu thập website", "facebook": "hộp thư Facebook",
             "facebook-graph": "Trang Facebook (Graph API)", "reports": "lập báo cáo", "mail": "gửi thư"}  # fmt: skip
_STEP_OUTCOMES = {**OUTCOME_VI, "skipped": "bỏ qua"}
FORMATS_VI = {
    "dyi-zip": "Tải thông tin của bạn, JSON, tệp zip",
    "dyi-folder": "Tải thông tin của bạn, JSON, thư mục",
    "dyi-html-zip": "Tải thông tin của bạn, HTML, tệp zip",
    "dyi-html-folder": "Tải thông tin của bạn, HTML, thư mục",
    "business-suite-csv": "Meta Business Suite, CSV",
    "insights-csv": "Facebook Insights, CSV",
}


def command_vi(command: str | None) -> str:
    """'nightly:collect' -> 'Thu thập website (hằng đêm)'."""
    face, _, what = (command or "").rpartition(":")
    name = COMMANDS_VI.get(what, what)
    return f"{name} ({_FACES_VI.get(face, face)})" if face else name


_MESSAGES = [
    (re.compile(r"^(\d+) pages read, (\d+) pending$"), "đã đọc {0} trang, {1} trang chưa tải được"),
    (re.compile(r"^(.*): (\d+) posts \((.+)\)$"), None),
    (re.compile(r"^(.*): nothing (?:new )?was stored$"), "{0}: không lưu gì"),
    (re.compile(r"^no new export(?: \((\d+) still being copied\))?$"), "không có tệp mới"),
    (re.compile(r"^(\d+) export\(s\) imported \((\d+) new, (\d+) updated\)$"),
     "đã nhập {0} tệp ({1} bài mới, {2} cập nhật)"),
    (re.compile(r"^nothing new was stored$"), "không có gì mới"),
]  # fmt: skip


def _one_message(text: str) -> str:
    text = text.strip()
    for pat, template in _MESSAGES:
        m = pat.match(text)
        if not m:
            continue
        if template is None:  # an import: name, posts, format
            name, posts, fmt = m.groups()
            return f"{name}: {fmt_int(int(posts))} bài đăng ({FORMATS_VI.get(fmt, 'tệp xuất Facebook')})"
        return template.format(*(fmt_int(int(g)) if g and g.isdigit() else g for g in m.groups()))
    return ""


_STEP = re.compile(r"^([a-z-]+): ([a-z]+)(?: \((.*)\))?$")


def message_vi(message: str | None) -> str:
    """A run's message in Vietnamese where the tool knows its words; '' otherwise (the
    English stays in the run log and the logs)."""
    text = (message or "").strip()
    if not text:
        return ""
    known = _one_message(text)
    if known:
        return known
    parts = []
    for part in text.split("; "):  # a night: "collect: ok (…); facebook: ok (no new export)"
        m = _STEP.match(part)
        if not m or m.group(1) not in _STEPS_VI:
            continue
        inner = _one_message(m.group(3) or "")
        parts.append(f"{_STEPS_VI[m.group(1)]}: {_STEP_OUTCOMES.get(m.group(2), m.group(2))}"
                     + (f" ({inner})" if inner else ""))  # fmt: skip
    return "; ".join(parts)
