"""Months and years as people type them ("2025-05", "2025"), checked once for every face."""

from __future__ import annotations

import re

_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


def parse_month(text: str) -> tuple[int, int]:
    """``"2025-05"`` -> (2025, 5); ValueError with a readable message otherwise."""
    m = _MONTH_RE.match(str(text).strip())
    if not m or not 1 <= int(m.group(2)) <= 12 or not 2000 <= int(m.group(1)) <= 2100:
        raise ValueError(f"«{text}» không phải là một tháng: viết theo dạng YYYY-MM, ví dụ 2025-05")
    return int(m.group(1)), int(m.group(2))


def parse_year(text: str | int) -> int:
    try:
        year = int(str(text).strip())
    except ValueError:
        year = 0
    if not 2000 <= year <= 2100:
        raise ValueError(f"«{text}» không phải là một năm: viết theo dạng YYYY, ví dụ 2025")
    return year
