"""The steps of a night that deliver: the month's reports when due, and the e-mail."""

from __future__ import annotations

import contextlib
import json
from datetime import date
from pathlib import Path

from pipeline.mailer import MailError, send_mail
from pipeline.nightly.results import StepResult, previous_month
from pipeline.nightly.settings import (
    CATCH_UP_MONTHS,
    KV_MAILED,
    KV_PROVISIONAL,
    KV_REPORT_FILES,
    KV_REPORTED,
    KV_REPORTED_MONTHS,
    NightlySettings,
    unwritable,
)
from pipeline.settings import Config
from pipeline.store import Store
from quotas.labels import status_label
from reports.common import month_label
from reports.render import write_month


def months_due(store: Store, settings: NightlySettings, today: date) -> list[str]:
    """The finished months without final reports in ``out_dir``, oldest first: the last
    ``CATCH_UP_MONTHS`` finished months, none before the store's oldest item (the previous
    month only on an empty store), last month's only from ``[reports] day`` on."""
    last = previous_month(today)
    window = [last]
    while len(window) < CATCH_UP_MONTHS:
        window.append(previous_month(date.fromisoformat(window[-1] + "-01")))
    oldest = min(filter(None, (store.oldest_local_date(s) for s in ("website", "facebook"))), default=None)
    window = ([m for m in window if m >= oldest[:7]] if oldest else []) or [last]
    if today.day < settings.report_day:
        window = [m for m in window if m != last]
    done = reported_months(store)
    return sorted(m for m in window if m not in done or not has_report(settings, m))


def has_report(settings: NightlySettings, month: str) -> bool:
    """A month report of ``month`` is in its folder (a folder moved or deleted has none)."""
    try:
        return any((settings.out_dir / month).glob(f"bao-cao-thang-{month}.*"))
    except OSError:
        return False


def reported_months(store: Store) -> set[str]:
    """Months whose reports are final. A store written before this list was kept counts every
    month up to the last one reported as done."""
    months = store.get_kv(KV_REPORTED_MONTHS)
    if months is not None:
        return set(months)
    last = store.get_kv(KV_REPORTED) or ""
    return {last, *_months_before(last, 2 * CATCH_UP_MONTHS)} if last else set()


def _months_before(month: str, n: int) -> list[str]:
    out = []
    for _ in range(n):
        month = previous_month(date.fromisoformat(month + "-01"))
        out.append(month)
    return out


def step_reports(
    config: Config,
    store: Store,
    settings: NightlySettings,
    *,
    today: date,
    collection_ok: bool,
) -> StepResult:
    """Write the reports of every finished month that has none yet (``months_due``), oldest
    first; each month's files are written whole or not at all (``reports.atomic``)."""
    step = StepResult("reports", "skipped")
    if not settings.reports_enabled:
        step.message = "reports are disabled"
        return step
    last = previous_month(today)
    due = months_due(store, settings, today)
    if not due:
        if today.day < settings.report_day and last not in reported_months(store):
            step.message = f"the reports for {last} are due on day {settings.report_day}"
        else:
            step.message = f"the reports for {last} are already written"
        return step
    written, failed = [], []
    for month in due:
        out = settings.out_dir / month
        why = unwritable(out)
        if not why:
            try:
                paths = write_month(store, config, month, out, formats=set(settings.formats))
            except OSError as exc:
                why = exc.strerror or str(exc)
        if why:
            failed.append(f"cannot write the reports to {out}: {why}")
            continue
        step.files += [Path(p) for p in paths.values()]
        files = store.get_kv(KV_REPORT_FILES, {}) or {}
        files[month] = [str(p) for p in paths.values()]
        store.set_kv(KV_REPORT_FILES, files)
        written.append(month)
        if collection_ok:
            done = sorted(reported_months(store) | {month})
            store.set_kv(KV_REPORTED_MONTHS, done[-2 * CATCH_UP_MONTHS:])
            store.set_kv(KV_REPORTED, max(month, store.get_kv(KV_REPORTED) or ""))
        else:
            store.set_kv(KV_PROVISIONAL, month)
    parts = []
    if written:
        where = settings.out_dir / written[0] if len(written) == 1 else settings.out_dir
        parts.append(f"{', '.join(written)} written to {where}")
        if not collection_ok:
            parts[-1] += (" (provisional: tonight's collection failed; written again after the next "
                          "complete collection)")  # fmt: skip
    parts += failed
    step.message = "; ".join(parts)
    step.outcome = "failed" if failed else "ok"
    return step


def step_mail(config: Config, store: Store, settings: NightlySettings) -> StepResult:
    """E-mail each month's final reports once, oldest first: every month written since the
    last one sent (on a store that never sent one, the newest month only)."""
    step = StepResult("mail", "skipped")
    smtp = settings.smtp
    if not smtp.enabled:
        step.message = "e-mail is disabled"
        return step
    newest = store.get_kv(KV_REPORTED) or ""
    if not newest:
        step.message = "no month's reports to send yet"
        return step
    mailed = store.get_kv(KV_MAILED) or ""
    if mailed >= newest:
        step.message = f"the reports for {newest} were already sent"
        return step
    months = sorted(m for m in reported_months(store) if m > mailed) if mailed else [newest]
    sent = []
    for month in months:
        files = [Path(p) for p in (store.get_kv(KV_REPORT_FILES, {}) or {}).get(month, [])]
        files = [p for p in files if p.is_file()]
        subject = f"Báo cáo NQ 06 - {month_label(month)}"
        try:
            send_mail(smtp, subject, mail_body(month, files), files)
        except MailError as exc:
            step.outcome = "failed"
            step.message = "; ".join([*([f"the reports for {', '.join(sent)} sent"] if sent else []),
                                      f"the reports for {month} were not sent: {exc}"])  # fmt: skip
            return step
        store.set_kv(KV_MAILED, month)
        sent.append(month)
    step.outcome = "ok"
    step.message = f"the reports for {', '.join(sent)} sent to {', '.join(smtp.recipients)}"
    return step


def mail_body(month: str, files: list[Path]) -> str:
    lines = [f"Báo cáo kết quả thực hiện Nghị quyết 06/NQ-LĐLĐ, {month_label(month).lower()}.", ""]
    data = None
    for p in files:
        if p.suffix == ".json":
            with contextlib.suppress(OSError, ValueError):
                data = json.loads(p.read_text(encoding="utf-8"))
    if isinstance(data, dict):
        w = data.get("website") or {}
        fb = data.get("facebook") or {}
        lines.append(
            f"Trang TTĐT: {w.get('news', 0)} tin, {w.get('articles', 0)} bài chuyên sâu, "
            f"{w.get('videos', 0)} video; {w.get('with_video', 0)} tin, bài có video."
        )
        lines.append(f"Facebook: {fb.get('posts', 0)} bài đăng, {fb.get('videos', 0)} video.")
        for q in (data.get("quotas") or [])[:12]:
            if isinstance(q, dict) and q.get("period") in (None, month):
                lines.append(
                    f"- {q.get('id')}: {q.get('actual')}/{q.get('target')} ({_status_vi(q.get('status'))})"
                )
        lines.append("")
    if files:
        lines.append("Tệp đính kèm: " + ", ".join(p.name for p in files))
    lines.append("")
    lines.append("Thư gửi tự động từ cdht.")
    return "\n".join(lines) + "\n"


def _status_vi(status) -> str:
    return status_label(str(status)).lower()
