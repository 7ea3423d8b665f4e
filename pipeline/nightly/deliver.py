"""The steps of a night that deliver: the month's reports when due, and the e-mail."""

from __future__ import annotations

import contextlib
import json
from datetime import date
from pathlib import Path

from pipeline.mailer import MailError, send_mail
from pipeline.nightly.results import StepResult, previous_month
from pipeline.nightly.settings import (
    KV_MAILED,
    KV_PROVISIONAL,
    KV_REPORT_FILES,
    KV_REPORTED,
    NightlySettings,
    unwritable,
)
from pipeline.settings import Config
from pipeline.store import Store
from quotas.labels import status_label
from reports.common import month_label
from reports.render import write_month


def step_reports(
    config: Config,
    store: Store,
    settings: NightlySettings,
    *,
    today: date,
    collection_ok: bool,
) -> StepResult:
    step = StepResult("reports", "skipped")
    if not settings.reports_enabled:
        step.message = "reports are disabled"
        return step
    month = previous_month(today)
    done = store.get_kv(KV_REPORTED) or ""
    if done >= month:
        step.message = f"the reports for {month} are already written"
        return step
    if today.day < settings.report_day:
        step.message = f"the reports for {month} are due on day {settings.report_day}"
        return step
    out = settings.out_dir / month
    why = unwritable(out)
    if why:
        step.outcome = "failed"
        step.message = f"cannot write the reports to {out}: {why}"
        return step
    try:
        paths = write_month(store, config, month, out, formats=set(settings.formats))
    except OSError as exc:
        step.outcome = "failed"
        step.message = f"cannot write the reports to {out}: {exc.strerror or exc}"
        return step
    step.files = [Path(p) for p in paths.values()]
    files = store.get_kv(KV_REPORT_FILES, {}) or {}
    files[month] = [str(p) for p in step.files]
    store.set_kv(KV_REPORT_FILES, files)
    step.outcome = "ok"
    if collection_ok:
        store.set_kv(KV_REPORTED, month)
        step.message = f"{month} written to {out}"
    else:
        store.set_kv(KV_PROVISIONAL, month)
        step.message = (
            f"{month} written to {out} (provisional: tonight's collection failed; "
            "written again after the next complete collection)"
        )
    return step


def step_mail(config: Config, store: Store, settings: NightlySettings) -> StepResult:
    step = StepResult("mail", "skipped")
    smtp = settings.smtp
    if not smtp.enabled:
        step.message = "e-mail is disabled"
        return step
    month = store.get_kv(KV_REPORTED) or ""
    if not month:
        step.message = "no month's reports to send yet"
        return step
    if (store.get_kv(KV_MAILED) or "") >= month:
        step.message = f"the reports for {month} were already sent"
        return step
    files = [Path(p) for p in (store.get_kv(KV_REPORT_FILES, {}) or {}).get(month, [])]
    files = [p for p in files if p.is_file()]
    subject = f"Báo cáo NQ 06 - {month_label(month)}"
    body = mail_body(month, files)
    try:
        send_mail(smtp, subject, body, files)
    except MailError as exc:
        step.outcome, step.message = "failed", f"the reports for {month} were not sent: {exc}"
        return step
    store.set_kv(KV_MAILED, month)
    step.outcome = "ok"
    step.message = f"the reports for {month} sent to {', '.join(smtp.recipients)}"
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
