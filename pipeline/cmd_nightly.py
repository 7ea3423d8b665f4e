"""`cdht nightly`, `cdht run-once`, `cdht runs`, `cdht status`.

- ``cdht run-once``: one night's work (see :mod:`pipeline.nightly`), for cron and systemd
  timers. Exit 0 when every step did its work (pending pages included), 1 when a step failed
  (the others still ran) or another run holds the lock, 2 for a configuration error, 143 after
  SIGTERM and 130 after Ctrl-C (the current item is finished and the run recorded as
  interrupted).
- ``cdht nightly [--at HH:MM]``: runs until stopped, one night each day at ``--at`` (default
  ``[schedule] at``). SIGTERM or Ctrl-C finish the current item, record the night as
  interrupted and exit 0 (a normal stop for systemd). A second Ctrl-C aborts at once.
- ``cdht runs``: the run log as a table. ``cdht status``: a few lines for a person.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import signal
import socket
import sys
from datetime import UTC, date, datetime, timedelta

from collectors.facebook.graph_status import status_lines as facebook_graph_lines
from pipeline import cli
from pipeline.lock import LockHeld, lock_holder, lock_path_for, pid_alive
from pipeline.nightly import (
    KV_LOOP,
    LOCAL,
    NightlyLoop,
    load_settings,
    month_label,
    next_run_time,
    night_once,
    parse_at,
    record_loop,
    startup_problems,
)
from pipeline.store import Store, StoreError, default_db_path
from quotas.engine import month_quotas
from quotas.labels import status_label

log = logging.getLogger("cdht.nightly")

EXIT_SIGINT, EXIT_SIGTERM = 130, 143


# ---------------------------------------------------------------- option types
def _at(value: str) -> str:
    try:
        return parse_at(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None










def register(sub, common) -> None:
    night = argparse.ArgumentParser(add_help=False)
    night.add_argument("--site-url", help="base URL to collect instead of the configured site")
    night.add_argument("--delay", type=cli.arg_seconds, metavar="SECONDS",
                       help="seconds between requests (overrides config and robots.txt)")  # fmt: skip
    night.add_argument("--today", type=cli.arg_date, metavar="YYYY-MM-DD", help=argparse.SUPPRESS)

    p = sub.add_parser(
        "run-once", parents=[common, night],
        help="do one night's work (collect, import the inbox, month reports, e-mail) and exit",
        description="One night's work, for cron and systemd timers: collect the website, import "
        "new Facebook exports from the inbox, write last month's reports when due, e-mail them. "
        "Exit 0 when all went well, 1 when a step failed (the others still ran) or another run "
        "holds the lock, 2 for a configuration error, 143/130 when stopped by SIGTERM/Ctrl-C.",
    )  # fmt: skip
    p.set_defaults(func=run_once_cmd)

    p = sub.add_parser(
        "nightly", parents=[common, night],
        help="run until stopped, doing one night's work every day at --at",
        description="Run until stopped (SIGTERM or Ctrl-C finish the current item and exit 0), "
        "doing `cdht run-once`'s work every day at --at (default: [schedule] at in nightly.toml).",
    )  # fmt: skip
    p.add_argument("--at", type=_at, metavar="HH:MM", help="local time of the nightly run")
    p.add_argument("--every", type=cli.arg_positive, metavar="SECONDS",
                   help="run every SECONDS instead of daily (for trials and tests)")  # fmt: skip
    p.add_argument("--now", action="store_true", help="also run once right away at start-up")
    p.add_argument("--max-nights", type=cli.arg_count, help=argparse.SUPPRESS)
    p.set_defaults(func=nightly_cmd)

    p = sub.add_parser(
        "runs", parents=[common], help="list the recorded runs (newest first)",
        description="The run log: every collection and night, with outcome, counts and errors.",
    )  # fmt: skip
    p.add_argument("--limit", type=cli.arg_count, default=20, metavar="N", help="how many (default 20)")
    p.add_argument("--errors", action="store_true", help="show each run's errors under it")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(func=runs_cmd)

    p = sub.add_parser(
        "status", parents=[common],
        help="the last run, the next one, the data's freshness and the month so far",
        description="A few lines (in Vietnamese) for a person: the last run, the next one, the "
        "data's freshness and the month so far against the monthly targets.",
    )  # fmt: skip
    p.set_defaults(func=status_cmd)


# ---------------------------------------------------------------- signals
class StopFlag:
    """Set by SIGTERM or SIGINT; ``flag()`` is the ``should_stop`` of collectors and loops.

    A second SIGINT raises KeyboardInterrupt (abort now)."""

    def __init__(self):
        self.signum: int | None = None
        self._previous: dict[int, object] = {}

    def __call__(self) -> bool:
        return self.signum is not None

    def _handler(self, signum, frame) -> None:
        if self.signum is not None and signum == signal.SIGINT:
            raise KeyboardInterrupt
        self.signum = signum
        print(
            f"cdht: {signal.Signals(signum).name} received: finishing the current item, then "
            "stopping (Ctrl-C again aborts at once)",
            file=sys.stderr,
            flush=True,
        )

    def install(self) -> StopFlag:
        for sig in (signal.SIGTERM, signal.SIGINT):
            # not possible outside the main thread (in-process tests): the flag stays unset
            with contextlib.suppress(ValueError):
                self._previous[sig] = signal.signal(sig, self._handler)
        return self

    def restore(self) -> None:
        for sig, prev in self._previous.items():
            signal.signal(sig, prev)  # type: ignore[arg-type]
        self._previous.clear()

    def exit_code(self) -> int:
        return EXIT_SIGTERM if self.signum == signal.SIGTERM else EXIT_SIGINT


def _setup(args):
    config = cli.open_config(args)
    settings = load_settings(config)
    if getattr(args, "at", None):
        settings.at = args.at
    handler = None
    try:
        from pipeline.logs import add_file_handler

        handler = add_file_handler(
            settings.log_file, max_bytes=settings.log_max_bytes, backups=settings.log_backups
        )
    except OSError as exc:
        log.warning("%s; logging to the console only", exc)
    return config, settings, handler


def _night_kwargs(args, stop: StopFlag) -> dict:
    from pipeline.progress import make_progress

    return dict(
        site_url=args.site_url, delay=args.delay, today=args.today, should_stop=stop,
        progress=make_progress(),
    )  # fmt: skip


def _report_night(result) -> None:
    for s in result.steps:
        if s.outcome == "failed":
            print(f"cdht: {s.name} failed: {s.message}", file=sys.stderr)
    print(f"cdht: night {result.outcome}: {result.summary()}", file=sys.stderr)


# ---------------------------------------------------------------- run-once
def run_once_cmd(args) -> int:
    config, settings, _handler = _setup(args)
    for problem in startup_problems(settings):
        log.error("%s", problem)
    db = args.db or default_db_path()
    stop = StopFlag().install()
    kw = _night_kwargs(args, stop)
    try:
        result = night_once(db, config, settings, command="run-once", **kw)
    except LockHeld as exc:
        print(f"cdht: {exc}", file=sys.stderr)
        return cli.EXIT_FAILED
    except KeyboardInterrupt:
        print("cdht: aborted; the run is recorded as interrupted", file=sys.stderr)
        return EXIT_SIGINT
    finally:
        kw["progress"].close()
        stop.restore()
    _report_night(result)
    if result.interrupted:
        return stop.exit_code() if stop() else EXIT_SIGINT
    return result.exit_code


# ---------------------------------------------------------------- nightly
def nightly_cmd(args) -> int:
    config, settings, _handler = _setup(args)
    db = args.db or default_db_path()
    schedule_text = f"every {args.every:g} s" if args.every else f"daily at {settings.at} ({settings.timezone})"
    for problem in startup_problems(settings):
        log.error("%s (the night runs anyway; this step will fail until it is fixed)", problem)
    stop = StopFlag().install()

    def job():
        kw = _night_kwargs(args, stop)
        try:
            result = night_once(db, config, settings, command="nightly", **kw)
        except LockHeld as exc:
            log.warning("night skipped: %s", exc)
            return
        finally:
            kw["progress"].close()
        if result.failed_steps:
            _report_night(result)

    def on_schedule(next_run):
        if next_run:
            log.info("next night: %s", next_run.astimezone(LOCAL).strftime("%H:%M %d/%m/%Y"))
        try:
            with Store(db) as store:
                record_loop(store, next_run, schedule_text)
        except StoreError as exc:
            log.warning("%s", exc)

    loop = NightlyLoop(
        job, at=settings.at, timezone=settings.timezone, every=args.every, should_stop=stop
    )
    log.info("cdht nightly started (pid %d): %s; database %s", os.getpid(), schedule_text, db)
    try:
        if args.now:
            loop.run_now()
        if not stop():
            loop.on_schedule = on_schedule
            loop.run(max_nights=args.max_nights)
    except KeyboardInterrupt:
        print("cdht: aborted", file=sys.stderr)
        return EXIT_SIGINT
    finally:
        stop.restore()
        try:
            with Store(db) as store:
                store.set_kv(KV_LOOP, None)
        except StoreError:
            pass
    log.info("cdht nightly stopped")
    return cli.EXIT_OK


# ---------------------------------------------------------------- formatting helpers
OUTCOME_VI = {
    "ok": "thành công",
    "partial": "hoàn thành một phần",
    "failed": "thất bại",
    "interrupted": "bị dừng giữa chừng",
    "running": "đang chạy",
}


def parse_utc(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


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


# ---------------------------------------------------------------- runs
def runs_cmd(args) -> int:
    with cli.open_store(args, readonly=True) as store:
        rows = store.runs(args.limit)
        errors = {}
        if args.errors or args.format == "json":
            for r in rows:
                errors[r["id"]] = store.conn.execute(
                    "SELECT at, url, message FROM run_errors WHERE run_id = ? ORDER BY rowid LIMIT 50",
                    (r["id"],),
                ).fetchall()
    if args.format == "json":
        out = [dict(r) | {"error_list": [dict(e) for e in errors.get(r["id"], [])]} for r in rows]
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return cli.EXIT_OK
    print(runs_table(rows, errors if args.errors else None))
    return cli.EXIT_OK


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


# ---------------------------------------------------------------- status
def status_cmd(args) -> int:
    config = cli.open_config(args)
    settings = load_settings(config)
    db = args.db or default_db_path()
    try:
        store = Store(db, readonly=True)
    except StoreError:
        print(f"Chưa có dữ liệu: không thấy cơ sở dữ liệu {db}. Hãy chạy `cdht run-once` (hoặc "
              "`cdht collect`) trước.")  # fmt: skip
        return cli.EXIT_FAILED
    with store:
        print("\n".join(status_lines(store, config, settings, db_path=db)))
    return cli.EXIT_OK


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
    pending = store.conn.execute(
        "SELECT COUNT(*) FROM items WHERE source = 'website' AND status = 'pending'"
    ).fetchone()[0]
    if pending:
        lines.append(f"Trang chưa tải được: {fmt_int(pending)} (sẽ tải lại ở lần chạy sau).")
    else:
        lines.append("Trang chưa tải được: không có.")
    undated = store.conn.execute(
        "SELECT COUNT(*) FROM items WHERE source = 'website' AND local_date IS NULL"
    ).fetchone()[0]
    if undated:
        lines.append(
            f"Tin, bài chưa xác định được ngày đăng: {fmt_int(undated)} (chưa tính vào tháng nào; "
            "xem bằng `cdht item URL` và báo người quản trị kỹ thuật)."
        )
    return lines


def _last_run_line(store: Store) -> str:
    row = store.conn.execute(
        "SELECT * FROM runs WHERE command NOT LIKE '%:%' ORDER BY id DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return "Lần chạy gần nhất: chưa có."
    start, end = parse_utc(row["started_at"]), parse_utc(row["finished_at"])
    text = f"Lần chạy gần nhất: {fmt_local(start)} (cdht {row['command']}), {OUTCOME_VI.get(row['outcome'], row['outcome'])}"
    if row["outcome"] != "running":
        text += f", {fmt_int(row['items_new'])} mục mới"
        if end and start:
            text += f", trong {fmt_duration(start, end)}"
    if row["outcome"] in ("failed", "partial") and row["errors"]:
        err = store.conn.execute(
            "SELECT message FROM run_errors WHERE run_id = ? ORDER BY rowid LIMIT 1", (row["id"],)
        ).fetchone()
        if err:
            text += f"; lỗi: {_clip(err[0], 90)}"
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
    newest = store.conn.execute(
        "SELECT MAX(published_utc) FROM items WHERE source = 'website' AND status = 'ok'"
    ).fetchone()[0]
    last_ok = store.conn.execute(
        "SELECT finished_at FROM runs WHERE (command = 'collect' OR command LIKE '%:collect') "
        "AND outcome IN ('ok', 'partial') ORDER BY id DESC LIMIT 1"
    ).fetchone()
    parts = []
    nd = parse_utc(newest)
    parts.append(f"bài mới nhất trên trang đăng ngày {fmt_local(nd, with_time=False)}" if nd
                 else "chưa có bài nào của trang")  # fmt: skip
    warn = ""
    lo = parse_utc(last_ok[0]) if last_ok else None
    if lo:
        parts.append(f"thu thập thành công lần cuối {fmt_local(lo)}")
        ago = days_ago(lo, now)
        if ago >= 2:
            warn = f" Cảnh báo: đã {ago} ngày chưa thu thập được."
    else:
        parts.append("chưa lần thu thập nào thành công")
    lines = ["Độ mới của dữ liệu: " + "; ".join(parts) + "." + warn]
    fb = store.conn.execute(
        "SELECT MAX(published_utc) FROM items WHERE source = 'facebook'"
    ).fetchone()[0]
    fbd = parse_utc(fb)
    if fbd:
        lines.append(f"Facebook: bài mới nhất đã nhập đăng ngày {fmt_local(fbd, with_time=False)}.")
    return lines


def _month_lines(store: Store, config, now: datetime) -> list[str]:
    month = now.strftime("%Y-%m")
    start = now.date().replace(day=1)
    end = min(now.date(), (start + timedelta(days=32)).replace(day=1) - timedelta(days=1))
    counts = {"news": 0, "article": 0, "video": 0}
    for kind, n in store.conn.execute(
        "SELECT eff_kind, COUNT(*) FROM v_items WHERE source = 'website' AND local_date BETWEEN ? AND ? "
        "GROUP BY eff_kind",
        (start.isoformat(), end.isoformat()),
    ):
        counts[kind] = n
    fb_posts = store.conn.execute(
        "SELECT COUNT(*) FROM items WHERE source = 'facebook' AND local_date BETWEEN ? AND ?",
        (start.isoformat(), end.isoformat()),
    ).fetchone()[0]
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
