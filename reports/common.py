"""Small helpers shared by the report builders and renderers: periods, labels, time."""

from __future__ import annotations

import calendar
import logging
from datetime import date, datetime

from collectors.dates import LOCAL, parse_utc
from quotas.labels import STATUS_LABELS, status_label  # noqa: F401  (re-exported for the renderers)

log = logging.getLogger("cdht.reports")

KIND_LABELS = {"news": "Tin", "article": "Bài chuyên sâu", "video": "Video"}
ROLE_LABELS = {"bbt": "BBT", "bcv": "Báo cáo viên", "ctv": "CTV", "": "Chưa rõ"}

def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def month_label(period: str) -> str:
    """``"2025-05"`` -> ``"Tháng 5/2025"``."""
    year, month = period.split("-")[:2]
    return f"Tháng {int(month)}/{year}"


def vn_number(value) -> str:
    """1234 -> '1.234', 2.5 -> '2,5' (Vietnamese separators); None -> '—'."""
    if value is None:
        return "—"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}".replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return f"{int(value):,}".replace(",", ".")


def vn_date(d: date | datetime | None) -> str:
    return d.strftime("%d/%m/%Y") if d else ""


def local_now() -> datetime:
    return datetime.now(LOCAL).replace(microsecond=0)


def local_time(text: str | None) -> datetime | None:
    """A stored instant (``YYYY-MM-DDTHH:MM:SSZ``) as an aware local (Asia/Ho_Chi_Minh) datetime."""
    dt = parse_utc(text)
    return dt.astimezone(LOCAL) if dt else None


_PLAIN = (str, int, float, bool)


def jsonable(value):
    """Dates, tuples, sets and other simple objects as JSON-friendly values."""
    if value is None or type(value) in _PLAIN:  # most leaves: returned as they are
        return value
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [jsonable(v) for v in value]
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if hasattr(value, "model_dump"):
        return jsonable(value.model_dump())
    if hasattr(value, "__dict__"):
        return jsonable(vars(value))
    return str(value)


def safe_url(url: str | None) -> str:
    """Only http(s) links are rendered as links (a scraped ``javascript:`` URL is not)."""
    url = (url or "").strip()
    return url if url.lower().startswith(("http://", "https://")) else ""
