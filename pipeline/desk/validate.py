"""Everything a request carries, checked where it enters, one function per kind: a month, a
report period, a plan mark's id, a page number, a redirect target. A bad value is a 400 with a
short Vietnamese message (``BadInput``); a redirect target that is not this desk's own path
becomes ``/``."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import unquote, urlsplit

from flask import current_app, request
from werkzeug.exceptions import BadRequest, MethodNotAllowed, NotFound
from werkzeug.routing import IntegerConverter, RequestRedirect

from pipeline.periods import parse_month, parse_year
from pipeline.store import plan_marks

MAX_PAGE = 100_000
MAX_ID = 2**63 - 1  # SQLite's largest integer
_CONTROL = re.compile(r"[\x00-\x20\x7f\\]")


class BadInput(BadRequest):
    """400 with a message for the person who typed the value."""

    def __init__(self, message: str):
        super().__init__(description=message)


def month(text: str) -> str:
    """``YYYY-MM`` of a month that exists (2000 to 2100)."""
    try:
        y, m = parse_month(text)
    except ValueError:
        raise BadInput("Tháng không hợp lệ: viết YYYY-MM, ví dụ 2025-05.") from None
    if text != f"{y:04d}-{m:02d}":
        raise BadInput("Tháng không hợp lệ: viết YYYY-MM, ví dụ 2025-05.")
    return text


def month_arg(name: str = "month") -> str | None:
    """``?month=`` checked; None when absent or empty."""
    text = request.args.get(name, "")
    return month(text) if text else None


def period(kind: str, text: str) -> str:
    """A report's period: a month for ``month`` and ``contributors``, a year for ``year``."""
    if kind == "year":
        try:
            if not re.fullmatch(r"\d{4}", text):
                raise ValueError(text)
            return str(parse_year(text))
        except ValueError:
            raise BadInput("Kỳ báo cáo không hợp lệ: năm viết YYYY, ví dụ 2025.") from None
    if kind in ("month", "contributors"):
        try:
            return month(text)
        except BadInput:
            raise BadInput("Kỳ báo cáo không hợp lệ: tháng viết YYYY-MM, ví dụ 2025-05.") from None
    raise BadInput("Loại báo cáo không hợp lệ.")


_VN_DAY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})|(\d{2})(\d{2})(\d{4})")  # or ddmmyyyy


def day(text: str) -> date:
    """A date as people write it here, ``dd/mm/yyyy`` (``d/m/yyyy``, ``.`` or ``-`` between, or
    the eight digits alone, as a phone's number pad types them), or ``YYYY-MM-DD``; from 2000
    to 2100."""
    text = (text or "").strip()
    try:
        if m := _VN_DAY.fullmatch(text):
            d, mo, y = (g for g in m.groups() if g is not None)
            value = date(int(y), int(mo), int(d))
        elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            value = date.fromisoformat(text)
        else:
            value = None
    except ValueError:
        value = None
    if value is None or not 2000 <= value.year <= 2100:
        raise BadInput("Ngày không hợp lệ: viết ngày/tháng/năm (dd/mm/yyyy), ví dụ 20/05/2025.")
    return value


def page_arg(name: str = "page") -> int:
    """``?page=N``: 1 when absent, else a whole number from 1 to MAX_PAGE."""
    text = request.args.get(name, "")
    if not text:
        return 1
    if not re.fullmatch(r"\d{1,6}", text) or not 1 <= int(text) <= MAX_PAGE:
        raise BadInput(f"Số trang không hợp lệ: một số từ 1 đến {MAX_PAGE}.")
    return int(text)


def plan_id(mark_id: str, known: set[str]) -> str:
    """A plan mark's id that may be stored: a configured manual item or a real month's B.I.3."""
    try:
        return plan_marks.check_id(mark_id, known)
    except plan_marks.PlanError:
        raise BadInput("Không có mục kế hoạch này.") from None


def target(text: str | None, default: str = "/") -> str:
    """``text`` if it is a path of this desk (parsed and matched against the desk's routes,
    no scheme, no host, no control characters), else ``default``."""
    if not text or len(text) > 2000 or _CONTROL.search(text) or _CONTROL.search(unquote(text)):
        return default
    parts = urlsplit(text)
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or parts.path.startswith("//"):
        return default
    try:
        current_app.url_map.bind("desk.invalid").match(parts.path, method="GET")
    except RequestRedirect:
        pass
    except (NotFound, MethodNotAllowed):
        return default
    return parts.path + (f"?{parts.query}" if parts.query else "")


class BoundedInt(IntegerConverter):
    """``<int:…>`` of a route: no number larger than the store can hold (a 404, not a 500)."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)
