"""Spans of whole months for the reviews the plan asks for (sơ kết 6 tháng, tổng kết năm,
sơ kết / tổng kết nhiệm kỳ), and the targets evaluated over one.

A span runs from the first day of its first month to the last day of its last month (local
dates). It must lie inside the term of NQ 06 (``TERM_FIRST`` to ``TERM_LAST``, the months its
monthly targets apply to) and not reach past the current month. ``span_quotas`` evaluates every
target once over the span and the years it touches, so that each result has the status it had
(or has) at the span's end: a period that ends inside the span has its final status, one that
runs on (the year of a six-month review) its status as of the span's end.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pipeline.settings import Config
from pipeline.store import Store
from quotas.engine import QuotaResult, evaluate
from quotas.periods import Period, month_period, today_local

TERM_FIRST = (2024, 10)  # Kế hoạch 34/KH-LĐLĐ, 09/10/2024: monthly targets apply from here
TERM_LAST = (2028, 12)  # the end of the 2023-2028 term


class SpanError(ValueError):
    """A span that cannot be reviewed; the message is Vietnamese, for the command line."""


def _month(text: str, what: str) -> tuple[int, int]:
    s = (text or "").strip()
    parts = s.split("-")
    if len(parts) != 2 or len(parts[0]) != 4 or len(parts[1]) != 2 or not s.replace("-", "").isdigit():
        raise SpanError(f"{what} {text!r} không phải là một tháng: viết YYYY-MM, ví dụ 2025-01")
    year, month = int(parts[0]), int(parts[1])
    if not 1 <= month <= 12:
        raise SpanError(f"{what} {text!r} không phải là một tháng: tháng phải từ 01 đến 12")
    return year, month


def _label(ym: tuple[int, int]) -> str:
    return f"tháng {ym[1]}/{ym[0]}"


@dataclass(frozen=True)
class Span:
    first: tuple[int, int]
    last: tuple[int, int]

    @property
    def start(self) -> date:
        return month_period(*self.first).start

    @property
    def end(self) -> date:
        return month_period(*self.last).end

    @property
    def key(self) -> str:
        return f"{self.first[0]:04d}-{self.first[1]:02d}_{self.last[0]:04d}-{self.last[1]:02d}"

    def months(self) -> list[str]:
        out, (y, m) = [], self.first
        while (y, m) <= self.last:
            out.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out

    def years(self) -> list[int]:
        return list(range(self.first[0], self.last[0] + 1))

    def period(self) -> Period:
        label = f"Từ tháng {self.first[1]}/{self.first[0]} đến tháng {self.last[1]}/{self.last[0]}"
        return Period("span", self.start, self.end, self.key, label)


def parse_span(first: str, last: str, *, today: date | None = None) -> Span:
    """The span FROM..TO ("YYYY-MM" each); SpanError (Vietnamese) when it cannot be reviewed."""
    a, b = _month(first, "Tháng bắt đầu"), _month(last, "Tháng kết thúc")
    if b < a:
        raise SpanError(f"kỳ đánh giá kết thúc ({_label(b)}) trước khi bắt đầu ({_label(a)}): đổi chỗ hai tháng")
    day = today or today_local()
    now = (day.year, day.month)
    for ym in (a, b):
        if ym > now:
            raise SpanError(f"{_label(ym)} chưa đến (nay là {_label(now)}): chỉ đánh giá được các tháng đã qua hoặc tháng này")
    if a < TERM_FIRST or b > TERM_LAST:
        raise SpanError(
            f"kỳ đánh giá từ {_label(a)} đến {_label(b)} vượt ra ngoài nhiệm kỳ thực hiện Nghị quyết "
            f"06/NQ-LĐLĐ (từ {_label(TERM_FIRST)} đến {_label(TERM_LAST)})"
        )
    return Span(a, b)


def term_span(*, today: date | None = None) -> Span:
    """The term so far: October 2024 to the last finished month (capped at the term's end)."""
    day = today or today_local()
    y, m = (day.year - 1, 12) if day.month == 1 else (day.year, day.month - 1)
    last = min((y, m), TERM_LAST)
    if last < TERM_FIRST:
        raise SpanError(f"nhiệm kỳ chưa có tháng nào kết thúc (bắt đầu từ {_label(TERM_FIRST)})")
    return Span(TERM_FIRST, last)


def span_quotas(store: Store, config: Config, span: Span, *, as_of: date | None = None) -> list[QuotaResult]:
    """Every target over the span's years, counted to the span's end (or ``as_of``, earlier).

    One evaluation over the whole of each year the span touches: a result's period either
    ends inside the span (its final status when the span is over) or not (its status as of
    the span's end, or ``not_due``); :func:`ends_in` tells them apart.
    """
    cutoff = min(as_of or today_local(), span.end)
    whole = Period("span", min(span.start, date(span.first[0], 1, 1)),
                   max(span.end, date(span.last[0], 12, 31)), span.key, "")  # fmt: skip
    return evaluate(store, config, whole, as_of=cutoff)


def ends_in(result: QuotaResult | dict, span: Span) -> bool:
    """True when the result's period lies inside the span or ends in it."""
    end = result["end"] if isinstance(result, dict) else result.end.isoformat()
    return span.start.isoformat() <= end <= span.end.isoformat()


def result_year(result: dict) -> int:
    """The year a result belongs to ("2025-05", "2025-Q2", "2025", "2025-tet": 2025)."""
    return int(str(result["period"])[:4])


def targets_of_year(config: Config, year: int) -> list[dict]:
    """The configured targets of ``year`` that are not monthly (nor personal), as written:
    ``{"id", "name", "period", "period_label", "target"}`` ("14", "100%", "1-2")."""
    from quotas.model import instances, load_quotas

    quotas = load_quotas(config)
    out = []
    for t in quotas.targets:
        if not t.enabled or t.period == "month" or t.scope == "contributor":
            continue
        for p in instances(t, quotas):
            amount = t.amount_for(p)
            if p.year == year and amount is not None:
                out.append({"id": t.id, "name": t.name, "period": p.key, "period_label": p.label_vi,
                            "target": amount.text})  # fmt: skip
    return out
