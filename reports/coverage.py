"""How far the store has read the website and Facebook, for a report's period.

A report of a period the tool has not finished reading (no collection since the period ended,
or none at all) must never look like a period of zeros: ``coverage`` gives the JSON's
``coverage`` key (DESIGN.md, "Month report JSON") and the Vietnamese warning every format
shows when ``complete`` is false.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from collectors.dates import parse_utc
from pipeline.store import Store
from reports.common import LOCAL, vn_date


def local_label(dt: datetime | None) -> str:
    """A time for people: local, dd/mm/yyyy HH:MM."""
    return dt.astimezone(LOCAL).strftime("%d/%m/%Y %H:%M") if dt else ""


def last_website_read(store: Store) -> str | None:
    """The end (UTC, ISO) of the last successful website collection, None if there is none."""
    # `cdht collect`, or the collect step of a night (`nightly:collect`, `run-once:collect`);
    # "partial" runs read the site but left pages pending
    return max(filter(None, (store.last_success_of("collect"), store.last_success_of("%:collect"))), default=None)


def last_facebook_read(store: Store) -> str | None:
    """When Facebook data last came in: the last import run, or the newest stored change."""
    stamps = [s for s in (store.last_success_of("%facebook%"), store.newest_change("facebook")) if s]
    return max(stamps) if stamps else None


def _read_after(stamp: str | None, end: date) -> bool:
    dt = parse_utc(stamp)
    return bool(dt) and dt.astimezone(LOCAL).date() > end


def coverage(store: Store, start: date, end: date, *, website_items: int | None = None) -> dict:
    """The ``coverage`` of a period from ``start`` to ``end`` (local dates, inclusive)."""
    web, fb = last_website_read(store), last_facebook_read(store)
    web_dt, fb_dt = parse_utc(web), parse_utc(fb)
    complete = _read_after(web, end)
    out = {
        "website_read_at": web,
        "complete": complete,
        "facebook_read_at": fb,
        "facebook_complete": _read_after(fb, end),
        "website_read_label": local_label(web_dt),
        "facebook_read_label": local_label(fb_dt),
        "website_items": website_items,
        "listings_incomplete": listings_incomplete(store),
    }
    out["warning"] = warning(out, start, end)
    out["lines"] = read_lines(out)
    return out


def listings_incomplete(store: Store) -> dict[str, str]:
    """The listings whose backfill the collector could not complete from what their pages
    show (an unreadable pager, a page it names answering 404), with why (Vietnamese)."""
    from collectors.website.listings import WARNINGS

    got = store.get_kv(WARNINGS, {}) or {}
    return {str(k): str(v) for k, v in got.items()} if isinstance(got, dict) else {}


def read_lines(cov: dict) -> list[str]:
    """When the site and Facebook were last read, as sentences; the listings not read to
    their end."""
    web, fb = cov["website_read_label"], cov["facebook_read_label"]
    lines = [
        f"Website đọc lần cuối lúc {web}." if web else "Chưa có lần đọc website nào thành công.",
        f"Dữ liệu Facebook nhập lần cuối lúc {fb}." if fb else "Chưa nhập dữ liệu Facebook lần nào.",
    ]
    missing = cov.get("listings_incomplete") or {}
    if missing:
        parts = "; ".join(f"/{slug} ({why})" for slug, why in sorted(missing.items()))
        lines.append(f"Chuyên mục chưa thu thập hết, số liệu có thể còn thiếu: {parts}.")
    return lines


def warning(cov: dict, start: date, end: date) -> str:
    """The warning a report shows when its period is not fully read; '' when it is."""
    period = f"từ {vn_date(start)} đến {vn_date(end)}"
    if cov["complete"]:
        if cov.get("website_items") == 0:
            return (f"Không có tin, bài website nào trong kỳ {period}, dù website đã được đọc "
                    f"lần cuối lúc {cov['website_read_label']}. Kiểm tra lại trước khi ký.")  # fmt: skip
        return ""
    web = parse_utc(cov["website_read_at"])
    if web is None:
        text = (f"CHƯA CÓ SỐ LIỆU: chưa có lần đọc website nào thành công, nên các con số của kỳ "
                f"{period} không phải là kết quả thật (không phải là không đăng tin, bài).")  # fmt: skip
    elif web.astimezone(LOCAL).date() < start:
        text = (f"CHƯA CÓ SỐ LIỆU: website được đọc lần cuối lúc {cov['website_read_label']}, "
                f"trước khi kỳ {period} bắt đầu. Các con số 0 dưới đây không có nghĩa là không "
                "đăng tin, bài; cần thu thập lại website rồi lập lại báo cáo.")  # fmt: skip
    else:
        text = (f"SỐ LIỆU CHƯA ĐỦ: website được đọc lần cuối lúc {cov['website_read_label']}, "
                f"trước khi kỳ kết thúc ({vn_date(end)}). Tin, bài đăng sau thời điểm đó chưa "
                "được tính.")  # fmt: skip
    fb = cov["facebook_read_label"]
    text += f" Dữ liệu Facebook nhập lần cuối lúc {fb}." if fb else " Chưa nhập dữ liệu Facebook."
    return text


# ---------------------------------------------------------------- coverage of each month
# A span report (a year, any run of months) shows each month as read ("full"), being read
# ("partial": the data starts or stops inside it) or unread ("none": before the data starts,
# or after the last read); an unread month counts nothing toward "tồn tại".
COVER_LABELS = {"full": "", "partial": "số liệu chưa đủ", "none": "chưa có số liệu"}
NO_DATA = "chưa có số liệu"


def data_spans(store: Store) -> dict[str, tuple[date, date] | None]:
    """Per channel ("website", "facebook"), the local days the store holds a reading of: from
    the first day of the month of its oldest item to the local day of its last read."""
    spans: dict[str, tuple[date, date] | None] = {}
    for channel, read in (("website", last_website_read(store)), ("facebook", last_facebook_read(store))):
        first, dt = store.oldest_local_date(channel), parse_utc(read)
        if not first or dt is None:
            spans[channel] = None
            continue
        start = date.fromisoformat(first[:7] + "-01")
        # a read ending on day d has read days up to d - 1 whole (and d in part)
        last = dt.astimezone(LOCAL).date() - timedelta(days=1)
        spans[channel] = (start, last) if last >= start else None
    return spans


def span_cover(span: tuple[date, date] | None, start: date, end: date) -> str:
    """How much of the days ``start``..``end`` a channel's span holds: full, partial or none."""
    if span is None or end < span[0] or start > span[1] + timedelta(days=1):
        return "none"
    # today's own read counts for today: a running window read this morning is read
    return "full" if span[0] <= start and end <= span[1] + timedelta(days=1) else "partial"


def month_cover(spans: dict, start: date, end: date) -> dict:
    """A month's (or any window's) coverage on both channels, with its words for people."""
    web, fb = span_cover(spans.get("website"), start, end), span_cover(spans.get("facebook"), start, end)
    return {"website": web, "facebook": fb, "label": COVER_LABELS[web], "read": web != "none"}


def months_coverage(store: Store, months: list[tuple[int, int]]) -> list[dict]:
    """``[{"period": "YYYY-MM", "website": full|partial|none, "facebook": …, "label", "read"}]``
    for each (year, month): the coverage-per-month of a year or review report."""
    import calendar

    spans = data_spans(store)
    out = []
    for y, m in months:
        start, end = date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
        out.append({"period": f"{y:04d}-{m:02d}", **month_cover(spans, start, end)})
    return out


def covered_window(spans: dict, q: dict) -> str:
    """How much of a target's counted days (its start to its due day, or today) was read, on
    the channel it counts."""
    start, last = q.get("start"), q.get("as_of") or q.get("due") or q.get("end")
    if not start or not last:
        return "full"
    start = start if isinstance(start, date) else date.fromisoformat(str(start)[:10])
    last = last if isinstance(last, date) else date.fromisoformat(str(last)[:10])
    channel = "facebook" if q.get("channel") == "facebook" else "website"
    return span_cover(spans.get(channel), start, last)


def _day(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def final_status(q: dict, today: date) -> str | None:
    """A target whose due day has passed has a final status (met or not_met), never
    on_track or at_risk, whichever period the report was counted over."""
    due = _day(q.get("due") or q.get("end"))
    status = q.get("status")
    if due and today > due and status in ("on_track", "at_risk") and q.get("target") is not None:
        return "met" if (q.get("actual") or 0) >= q["target"] else "not_met"
    return status


def mark_quotas(quotas: list[dict], spans: dict, today: date) -> list[dict]:
    """Each target of a span report with ``cover`` (full, partial, none) and its final status:
    a target none of whose days was read is ``no_data`` ("Chưa có số liệu"); one read in part
    says which days (``cover_note``); one whose due day has passed is met or not_met."""
    from reports.common import status_label

    for q in quotas:
        q["cover"] = covered_window(spans, q)
        q["status"] = final_status(q, today)
        if q["cover"] == "none" and q.get("status") != "not_due":
            q["status"] = "no_data"
        elif q["cover"] == "partial":
            span = spans.get("facebook" if q.get("channel") == "facebook" else "website")
            q["cover_note"] = read_note(span, _day(q.get("start")), _day(q.get("as_of") or q.get("due")))
        q["status_label"] = status_label(q["status"])
    return quotas


def read_note(span: tuple[date, date] | None, start: date | None = None, end: date | None = None) -> str:
    """'chỉ tính số liệu từ 01/03/2025 đến 31/03/2025' for a target read in part: the days
    of its window that were read."""
    if span is None:
        return ""
    first = max(span[0], start) if start else span[0]
    last = min(span[1], end) if end else span[1]
    return f"chỉ tính số liệu từ {vn_date(first)} đến {vn_date(last)}"
