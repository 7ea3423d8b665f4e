"""How far the store has read the website and Facebook, for a report's period.

A report of a period the tool has not finished reading (no collection since the period ended,
or none at all) must never look like a period of zeros: ``coverage`` gives the JSON's
``coverage`` key (DESIGN.md, "Month report JSON") and the Vietnamese warning every format
shows when ``complete`` is false.
"""

from __future__ import annotations

from datetime import date, datetime

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
    }
    out["warning"] = warning(out, start, end)
    out["lines"] = read_lines(out)
    return out


def read_lines(cov: dict) -> list[str]:
    """When the site and Facebook were last read, as sentences."""
    web, fb = cov["website_read_label"], cov["facebook_read_label"]
    return [
        f"Website đọc lần cuối lúc {web}." if web else "Chưa có lần đọc website nào thành công.",
        f"Dữ liệu Facebook nhập lần cuối lúc {fb}." if fb else "Chưa nhập dữ liệu Facebook lần nào.",
    ]


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
                "đăng tin, bài; chạy cdht collect rồi lập lại báo cáo.")  # fmt: skip
    else:
        text = (f"SỐ LIỆU CHƯA ĐỦ: website được đọc lần cuối lúc {cov['website_read_label']}, "
                f"trước khi kỳ kết thúc ({vn_date(end)}). Tin, bài đăng sau thời điểm đó chưa "
                "được tính.")  # fmt: skip
    fb = cov["facebook_read_label"]
    text += f" Dữ liệu Facebook nhập lần cuối lúc {fb}." if fb else " Chưa nhập dữ liệu Facebook."
    return text
