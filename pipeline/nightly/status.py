"""The lines of ``cdht status``: the last run, the next one, the data's freshness, the month so far.

It sits with the nightly job because it reports on it (the loop, the lock, the run log) and
reads the quota engine for the month so far.
"""

from __future__ import annotations

import logging
import socket
from datetime import UTC, date, datetime, timedelta

from collectors.dates import LOCAL, parse_utc
from pipeline.lock import lock_holder, lock_path_for, pid_alive
from pipeline.nightly.facebook import status_lines as facebook_graph_lines
from pipeline.nightly.results import next_run_time
from pipeline.nightly.settings import KV_LOOP
from pipeline.store import Store
from quotas.engine import month_quotas
from quotas.labels import status_label
from reports.common import month_label
from reports.runlog import OUTCOME_VI, _clip, days_ago, fmt_duration, fmt_int, fmt_local

log = logging.getLogger("cdht.status")


def status_lines(store: Store, config, settings, *, db_path=None, now: datetime | None = None) -> list[str]:
    """The lines of ``cdht status`` (Vietnamese, dates dd/mm/yyyy, local time)."""
    now = (now or datetime.now(UTC)).astimezone(LOCAL)
    lines = [_last_run_line(store)]
    if db_path is not None:
        holder = lock_holder(lock_path_for(db_path))
        if holder is not None:
            since = fmt_local(parse_utc(holder.started_at))
            lines.append(f"Đang chạy: cdht {holder.command or ''} từ {since} (pid {holder.pid}).".replace("  ", " "))
    lines.append(_next_run_line(store, settings, now))
    lines.extend(_freshness_lines(store, now))
    lines.extend(_month_lines(store, config, now))
    lines.extend(facebook_graph_lines(store, config, now))
    pending = store.count_items("website", status="pending")
    if pending:
        lines.append(f"Trang chưa tải được: {fmt_int(pending)} (sẽ tải lại ở lần chạy sau).")
    else:
        lines.append("Trang chưa tải được: không có.")
    lines.extend(_doubt_lines(store))
    lines.extend(_listing_warning_lines(store))
    undated = store.count_items("website", undated=True)
    if undated:
        lines.append(
            f"Tin, bài chưa xác định được ngày đăng: {fmt_int(undated)} (chưa tính vào tháng nào; "
            "xem bằng `cdht item URL` và báo người quản trị kỹ thuật)."
        )
    return lines


def _doubt_lines(store: Store) -> list[str]:
    """Categories whose listing answered an error (kept; dropped only after the nights set)."""
    from collectors.website.category_state import KV_DOUBT

    doubt = store.get_kv(KV_DOUBT, {}) or {}
    if not isinstance(doubt, dict) or not doubt:
        return []
    parts = []
    for slug, d in sorted(doubt.items()):
        since = d.get("since", "")
        since = f"{since[8:10]}/{since[5:7]}/{since[:4]}" if len(since) == 10 else since
        parts.append(f"/{slug} (HTTP {d.get('status')} từ {since}, {d.get('nights', 0)} đêm liên tiếp vắng mặt)")
    return [f"Chuyên mục đang nghi vấn (vẫn được giữ và thu thập lại): {'; '.join(parts)}."]


def _listing_warning_lines(store: Store) -> list[str]:
    """Listings whose backfill cannot be completed from what their pages show (an unreadable
    pager, a last page that is not the oldest): kept resumable, said until a walk ends them."""
    from collectors.website.listings import WARNINGS

    warnings = store.get_kv(WARNINGS, {}) or {}
    if not isinstance(warnings, dict) or not warnings:
        return []
    parts = [f"/{slug} ({why})" for slug, why in sorted(warnings.items())]
    return [f"Chuyên mục chưa thu thập hết được (chưa hoàn tất, sẽ đọc tiếp ở lần chạy sau): {'; '.join(parts)}."]


def _last_run_line(store: Store) -> str:
    row = store.last_run()
    if row is None:
        return "Lần chạy gần nhất: chưa có."
    start, end = parse_utc(row["started_at"]), parse_utc(row["finished_at"])
    text = f"Lần chạy gần nhất: {fmt_local(start)} (cdht {row['command']}), {OUTCOME_VI.get(row['outcome'], row['outcome'])}"
    if row["outcome"] != "running":
        text += f", {fmt_int(row['items_new'])} mục mới"
        if end and start:
            text += f", trong {fmt_duration(start, end)}"
    if row["outcome"] in ("failed", "partial") and row["errors"]:
        err = store.run_errors(row["id"], limit=1)
        if err:
            text += f"; lỗi: {_clip(err[0]['message'], 90)}"
    return text + "."


def _next_run_line(store: Store, settings, now: datetime) -> str:
    loop = store.get_kv(KV_LOOP)
    if isinstance(loop, dict) and loop.get("pid") and loop.get("host") == socket.gethostname() and pid_alive(int(loop["pid"])):
        nxt = parse_utc(loop.get("next_run_utc"))
        if nxt:
            return f"Lần chạy tới: {_when(nxt)} (cdht nightly đang chạy, pid {loop['pid']})."
        return f"Lần chạy tới: cdht nightly đang chạy (pid {loop['pid']})."
    nxt = next_run_time(settings.at, settings.timezone, now)
    return f"Lần chạy tới: {_when(nxt)} theo lịch (cdht nightly không chạy trên máy này; kiểm tra systemd timer hoặc cron)."


def _when(dt: datetime) -> str:
    loc = dt.astimezone(LOCAL)
    return f"{loc:%H:%M} ngày {loc:%d/%m/%Y}"


def _freshness_lines(store: Store, now: datetime) -> list[str]:
    newest = store.newest_published("website", status="ok")
    last_ok = store.last_success("collect")
    parts = []
    nd = parse_utc(newest)
    parts.append(f"bài mới nhất trên trang đăng ngày {fmt_local(nd, with_time=False)}" if nd
                 else "chưa có bài nào của trang")  # fmt: skip
    warn = ""
    lo = parse_utc(last_ok)
    if lo:
        parts.append(f"thu thập thành công lần cuối {fmt_local(lo)}")
        ago = days_ago(lo, now)
        if ago >= 2:
            warn = f" Cảnh báo: đã {ago} ngày chưa thu thập được."
    else:
        parts.append("chưa lần thu thập nào thành công")
    lines = ["Độ mới của dữ liệu: " + "; ".join(parts) + "." + warn]
    fb = store.newest_published("facebook")
    fbd = parse_utc(fb)
    if fbd:
        lines.append(f"Facebook: bài mới nhất đã nhập đăng ngày {fmt_local(fbd, with_time=False)}.")
    return lines


def _month_lines(store: Store, config, now: datetime) -> list[str]:
    month = now.strftime("%Y-%m")
    start = now.date().replace(day=1)
    end = min(now.date(), (start + timedelta(days=32)).replace(day=1) - timedelta(days=1))
    counts = {"news": 0, "article": 0, "video": 0}
    counts.update(store.kind_counts("website", start.isoformat(), end.isoformat()))
    fb_posts = store.count_between("facebook", start.isoformat(), end.isoformat())
    quotas = _quotas(store, config, month, now.date())
    parts = []
    for qid, kind, label, default in (("B.I.2a", "news", "tin", 100), ("B.I.2b", "article", "bài chuyên sâu", 5)):
        q = quotas.get(qid)
        if q is not None:
            actual, target = q.get("actual", counts[kind]), q.get("target")
            status = status_label(q.get("status", "")).lower()
            text = f"{fmt_int(actual)}/{fmt_int(target)} {label}" if target else f"{fmt_int(actual)} {label}"
            parts.append(text + (f" ({status})" if status else ""))
        else:
            parts.append(f"{fmt_int(counts[kind])}/{default} {label}")
    video = f"{fmt_int(counts['video'])} video"
    yq = quotas.get("B.IV.3")
    if yq and yq.get("target"):
        video += f" (tin, bài có video cả năm: {fmt_int(yq.get('actual', 0))}/{fmt_int(yq['target'])})"
    parts.append(video)
    lines = [f"{month_label(month)} đến nay: " + ", ".join(parts) + "."]
    lines.append(f"Facebook {month_label(month).lower()}: {fmt_int(fb_posts)} bài đăng.")
    return lines


def _quotas(store: Store, config, month: str, today: date) -> dict[str, dict]:
    try:
        return {q["id"]: q for q in month_quotas(store, config, month, as_of=today)}
    except Exception as exc:  # the status still shows the raw counts
        log.debug("quotas unavailable: %s", exc)
        return {}
