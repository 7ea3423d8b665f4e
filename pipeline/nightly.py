"""Unattended nightly work: one night (:func:`run_night`) and the loop (:class:`NightlyLoop`).

One night, in order, each step isolated from the others' failures:

1. ``collect``: collect the website (incremental; a night after a failed one catches up,
   because the listing walk goes back to the last known item);
2. ``facebook``: import every export dropped into the inbox folder, then move it to the
   processed folder, or to the rejected folder with ``<name>.reason.txt`` beside it;
3. ``reports``: from the configured day of a month on (default the 1st), write the previous
   month's reports (all configured formats) into ``<out_dir>/<YYYY-MM>/``. Reports written on a
   night whose collection failed are provisional: they are written again on the next night
   whose collection succeeds, and only then count as done;
4. ``mail``: once the month's reports are done, e-mail them (if ``[smtp] enabled``); a refused
   message is retried the next night.

The night is recorded as one row of the ``runs`` table (command ``run-once`` or ``nightly``),
beside the collection's own row (``run-once:collect``). Its outcome: ``ok``; ``partial`` (some
step failed while another did its work, or pages are pending); ``failed`` (no step did its
work: e.g. the site is down and there was nothing else to do); ``interrupted`` (SIGTERM or
Ctrl-C: the current item is finished, later steps are skipped).

Runs are serialised by :mod:`pipeline.lock` (``<db>.lock``); :func:`night_once` takes it.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, field_validator

from collectors.dates import LOCAL
from pipeline.facebook_import import import_facebook
from pipeline.lock import RunLock, lock_path_for, pid_alive
from pipeline.mailer import MailError, SmtpSettings, send_mail
from pipeline.settings import Config, ConfigError
from pipeline.store import Store, utcnow
from quotas.labels import status_label
from reports.render import write_month

log = logging.getLogger("cdht.nightly")

REPORT_FORMATS = ("json", "html", "xlsx", "docx")
PARTIAL_SUFFIXES = (".part", ".partial", ".crdownload", ".download", ".tmp", ".swp")

KV_REPORTED = "nightly.reported_month"  # last month whose reports are final
KV_PROVISIONAL = "nightly.provisional_month"  # written on a night whose collection failed
KV_REPORT_FILES = "nightly.report_files"  # {month: [paths]}
KV_MAILED = "nightly.mailed_month"
KV_LOOP = "nightly.loop"  # {pid, host, next_run_utc, schedule, started_at}


# ---------------------------------------------------------------- settings (nightly.toml)
_AT = re.compile(r"^(\d{1,2}):(\d{2})$")


def parse_at(value: str) -> str:
    """``"2:05"`` -> ``"02:05"``; ValueError for anything that is not HH:MM in 00:00-23:59."""
    m = _AT.match(str(value).strip())
    if not m or int(m[1]) > 23 or int(m[2]) > 59:
        raise ValueError(f"{value!r} is not a time of day as HH:MM (00:00 to 23:59)")
    return f"{int(m[1]):02d}:{m[2]}"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ScheduleSection(_Strict):
    at: str = "02:00"
    timezone: str = "Asia/Ho_Chi_Minh"

    @field_validator("at")
    @classmethod
    def _at(cls, v: str) -> str:
        return parse_at(v)

    @field_validator("timezone")
    @classmethod
    def _tz(cls, v: str) -> str:
        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{v!r} is not a known time zone (e.g. Asia/Ho_Chi_Minh)") from None
        return v


class InboxSection(_Strict):
    enabled: bool = True
    path: str = ""
    processed: str = ""
    rejected: str = ""
    settle_seconds: float = Field(60.0, ge=0)


class ReportsSection(_Strict):
    enabled: bool = True
    out_dir: str = ""
    formats: list[Literal["json", "html", "xlsx", "docx"]] = Field(
        default_factory=lambda: list(REPORT_FORMATS), min_length=1
    )
    day: int = Field(1, ge=1, le=28)


class LogSection(_Strict):
    file: str = ""
    max_bytes: int = Field(1_000_000, ge=10_000)
    backups: int = Field(5, ge=0, le=100)


class NightlyFile(_Strict):
    schedule: ScheduleSection = Field(default_factory=ScheduleSection)
    inbox: InboxSection = Field(default_factory=InboxSection)
    reports: ReportsSection = Field(default_factory=ReportsSection)
    smtp: SmtpSettings = Field(default_factory=SmtpSettings)
    log: LogSection = Field(default_factory=LogSection)


@dataclass
class NightlySettings:
    """``nightly.toml`` with paths resolved (see :func:`load_settings`)."""

    at: str
    timezone: str
    inbox_enabled: bool
    inbox: Path
    processed: Path
    rejected: Path
    inbox_configured: bool  # the inbox path was set in a config file (else the default)
    settle_seconds: float
    reports_enabled: bool
    out_dir: Path
    formats: list[str]
    report_day: int
    smtp: SmtpSettings
    log_file: Path
    log_max_bytes: int
    log_backups: int


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir("cdht", appauthor=False))


def load_settings(config: Config, *, base_dir: Path | None = None) -> NightlySettings:
    """Validate ``nightly.toml`` (errors name file and key) and resolve its paths.

    Empty paths default to the user's data folder (``inbox``, ``processed``, ``rejected``,
    ``reports`` there) and log folder. A relative path is relative to the ``--config`` folder
    when one is given, else to the current folder; ``~`` is expanded.
    """
    nf: NightlyFile = config.section("nightly", NightlyFile)
    base = base_dir or config.config_dir or Path.cwd()
    home = data_dir()

    def resolve(value: str, default: Path) -> Path:
        if not value:
            return default
        p = Path(value).expanduser()
        return p if p.is_absolute() else (Path(base) / p)

    from pipeline.logs import default_log_file

    return NightlySettings(
        at=nf.schedule.at,
        timezone=nf.schedule.timezone,
        inbox_enabled=nf.inbox.enabled,
        inbox=resolve(nf.inbox.path, home / "inbox"),
        processed=resolve(nf.inbox.processed, home / "processed"),
        rejected=resolve(nf.inbox.rejected, home / "rejected"),
        inbox_configured=bool(nf.inbox.path),
        settle_seconds=nf.inbox.settle_seconds,
        reports_enabled=nf.reports.enabled,
        out_dir=resolve(nf.reports.out_dir, home / "reports"),
        formats=list(dict.fromkeys(nf.reports.formats)),
        report_day=nf.reports.day,
        smtp=nf.smtp,
        log_file=resolve(nf.log.file, default_log_file()),
        log_max_bytes=nf.log.max_bytes,
        log_backups=nf.log.backups,
    )


def startup_problems(settings: NightlySettings) -> list[str]:
    """Problems worth saying at start-up (the night still runs; the step concerned fails)."""
    problems = []
    if settings.inbox_enabled and settings.inbox_configured and not settings.inbox.is_dir():
        problems.append(f"the inbox folder {settings.inbox} does not exist ([inbox] path)")
    if settings.reports_enabled:
        why = unwritable(settings.out_dir)
        if why:
            problems.append(f"the reports folder {settings.out_dir} is not writable: {why}")
    smtp = settings.smtp
    if smtp.enabled and smtp.username and not os.environ.get(smtp.password_env or ""):
        problems.append(
            f"[smtp] username is set but the environment variable "
            f"{smtp.password_env} holding the password is empty"
        )
    return problems


def unwritable(folder: Path) -> str:
    """'' if ``folder`` exists (or can be created) and is writable, else the reason."""
    p = Path(folder)
    while not p.exists():
        if p.parent == p:
            return "no existing parent folder"
        p = p.parent
    if not p.is_dir():
        return f"{p} is not a folder"
    if not os.access(p, os.W_OK | os.X_OK):
        return f"permission denied on {p}"
    return ""


# ---------------------------------------------------------------- results
@dataclass
class StepResult:
    name: str  # collect, facebook, reports, mail
    outcome: str  # ok, partial, failed, skipped, interrupted
    message: str = ""
    new: int = 0
    updated: int = 0
    requests: int = 0
    errors: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    @property
    def worked(self) -> bool:
        return self.outcome in ("ok", "partial")


@dataclass
class NightResult:
    run_id: int
    command: str
    steps: list[StepResult]
    outcome: str
    interrupted: bool = False

    @property
    def failed_steps(self) -> list[StepResult]:
        return [s for s in self.steps if s.outcome == "failed"]

    @property
    def exit_code(self) -> int:
        """0 ok or partial without a failed step; 1 a step failed (interruption: see CLI)."""
        return 1 if self.failed_steps or self.outcome == "failed" else 0

    def step(self, name: str) -> StepResult | None:
        return next((s for s in self.steps if s.name == name), None)

    def summary(self) -> str:
        return "; ".join(
            f"{s.name}: {s.outcome}" + (f" ({s.message})" if s.message else "") for s in self.steps
        )


def night_outcome(steps: list[StepResult], interrupted: bool) -> str:
    if interrupted:
        return "interrupted"
    failed = [s for s in steps if s.outcome == "failed"]
    worked = [s for s in steps if s.worked]
    if failed:
        return "partial" if worked else "failed"
    return "partial" if any(s.outcome == "partial" for s in steps) else "ok"


# ---------------------------------------------------------------- dates
def local_today(now: datetime | None = None) -> date:
    return (now or datetime.now(UTC)).astimezone(LOCAL).date()


def previous_month(day: date) -> str:
    first = day.replace(day=1)
    return (first - timedelta(days=1)).strftime("%Y-%m")


def month_label(month: str) -> str:
    """``"2025-05"`` -> ``"Tháng 5/2025"``."""
    y, m = month.split("-")
    return f"Tháng {int(m)}/{y}"


def next_run_time(at: str, tz: str = "Asia/Ho_Chi_Minh", now: datetime | None = None) -> datetime:
    """The next instant at local time ``at`` in ``tz`` strictly after ``now`` (aware)."""
    zone = ZoneInfo(tz)
    now = (now or datetime.now(UTC)).astimezone(zone)
    h, m = (int(x) for x in parse_at(at).split(":"))
    candidate = now.replace(hour=h, minute=m, second=0, microsecond=0)
    if candidate <= now:
        candidate = (candidate + timedelta(days=1)).replace(hour=h, minute=m)
    return candidate


# ---------------------------------------------------------------- the run log
def mark_abandoned_runs(store: Store) -> int:
    """Runs left 'running' by a process that no longer exists become 'interrupted'.

    Call while holding the run lock (another night cannot be running then); a run of a live
    process (a manual ``cdht collect``) is left alone.
    """
    rows = store.conn.execute("SELECT id, pid FROM runs WHERE outcome = 'running'").fetchall()
    n = 0
    for r in rows:
        if r["pid"] == os.getpid() or (r["pid"] and pid_alive(r["pid"])):
            continue
        store.conn.execute(
            "UPDATE runs SET outcome = 'interrupted', finished_at = COALESCE(finished_at, ?), "
            "message = CASE WHEN message = '' THEN ? ELSE message || '; ' || ? END "
            "WHERE id = ? AND outcome = 'running'",
            (utcnow(), _ABANDONED, _ABANDONED, r["id"]),
        )
        n += 1
    if n:
        log.warning("%d run(s) left unfinished by a crashed process marked as interrupted", n)
    return n


_ABANDONED = "the process ended without finishing (killed or crashed)"


# ---------------------------------------------------------------- the steps
def step_collect(
    config: Config,
    store: Store,
    *,
    command: str,
    site_url: str | None,
    delay: float | None,
    clock=None,
    session=None,
    progress=None,
    should_stop: Callable[[], bool],
) -> StepResult:
    from pipeline.collect import collect_website

    r = collect_website(
        config, store, site_url=site_url, delay=delay, clock=clock, session=session,
        progress=progress, should_stop=should_stop, run_command=f"{command}:collect",
    )  # fmt: skip
    step = StepResult("collect", "ok", new=r.new, updated=r.updated, requests=r.requests)
    if r.interrupted:
        step.outcome, step.message = "interrupted", r.message or "stopped on request"
    elif r.failed:
        step.outcome, step.message = "failed", r.message or "the collection failed"
    elif r.pending:
        step.outcome = "partial"
        step.message = f"{len(r.pending)} page(s) pending, fetched again next time"
    else:
        step.message = f"{r.new} new, {r.updated} updated, {r.requests} requests"
    step.errors = [m for _u, m in r.errors[:20]]
    return step


def _settled(path: Path, settle_seconds: float, now: float) -> bool:
    if settle_seconds <= 0:
        return True
    try:
        newest = path.stat().st_mtime
        if path.is_dir():
            for p in path.rglob("*"):
                with contextlib.suppress(OSError):
                    newest = max(newest, p.stat().st_mtime)
    except OSError:
        return False
    return now - newest >= settle_seconds


def inbox_entries(inbox: Path) -> list[Path]:
    """Entries of the inbox that may be exports: not hidden, not a download in progress."""
    out = []
    for p in sorted(inbox.iterdir(), key=lambda p: p.name):
        name = p.name
        if name.startswith((".", "~")) or name.lower().endswith(PARTIAL_SUFFIXES):
            continue
        if name.endswith(".reason.txt"):
            continue
        out.append(p)
    return out


def move_aside(src: Path, folder: Path) -> Path:
    """Move ``src`` into ``folder`` (created if needed) under a name not taken there yet."""
    folder.mkdir(parents=True, exist_ok=True)
    dest = folder / src.name
    n = 2
    while dest.exists() or Path(str(dest) + ".reason.txt").exists():
        stem, suffix = (src.stem, src.suffix) if src.is_file() else (src.name, "")
        dest = folder / f"{stem} ({n}){suffix}"
        n += 1
    shutil.move(str(src), str(dest))
    return dest


def step_facebook_inbox(
    config: Config,
    store: Store,
    settings: NightlySettings,
    *,
    should_stop: Callable[[], bool],
    now: Callable[[], float] = time.time,
) -> StepResult:
    step = StepResult("facebook", "skipped")
    if not settings.inbox_enabled:
        step.message = "the inbox is disabled"
        return step
    inbox = settings.inbox
    if not inbox.is_dir():
        if settings.inbox_configured:
            step.outcome = "failed"
            step.message = f"the inbox folder {inbox} does not exist"
            return step
        try:
            inbox.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            step.outcome = "failed"
            step.message = f"cannot create the inbox folder {inbox}: {exc.strerror or exc}"
            return step
    try:
        entries = inbox_entries(inbox)
    except OSError as exc:
        step.outcome = "failed"
        step.message = f"cannot read the inbox folder {inbox}: {exc.strerror or exc}"
        return step
    t = now()
    ready = [p for p in entries if _settled(p, settings.settle_seconds, t)]
    waiting = len(entries) - len(ready)
    if not ready:
        step.message = "no new export" + (f" ({waiting} still being copied)" if waiting else "")
        return step

    imported, rejected = [], []
    for path in ready:
        if should_stop():
            step.outcome = "interrupted"
            break
        log.info("importing %s", path)
        try:
            r = import_facebook(store, config, path)
        except Exception as exc:
            reason = str(exc) or exc.__class__.__name__
            log.error("rejected %s: %s", path.name, reason)
            rejected.append(path.name)
            step.errors.append(f"{path.name}: {reason}")
            _reject(path, settings.rejected, reason, step)
            continue
        step.new += r.new
        step.updated += r.updated
        imported.append(path.name)
        log.info("%s: %d posts, %d new, %d updated", path.name, r.posts, r.new, r.updated)
        try:
            move_aside(path, settings.processed)
        except OSError as exc:
            msg = f"{path.name} was imported but could not be moved to {settings.processed}: {exc.strerror or exc}"
            log.error("%s", msg)
            step.errors.append(msg)
    parts = []
    if imported:
        parts.append(f"{len(imported)} export(s) imported ({step.new} new, {step.updated} updated)")
    if rejected:
        parts.append(f"{len(rejected)} rejected: " + "; ".join(step.errors[-len(rejected):]))
    if waiting:
        parts.append(f"{waiting} still being copied")
    step.message = "; ".join(parts)
    if step.outcome != "interrupted":
        step.outcome = "failed" if (rejected or step.errors) else "ok"
    return step


def _reject(path: Path, folder: Path, reason: str, step: StepResult) -> None:
    try:
        dest = move_aside(path, folder)
        stamp = datetime.now(LOCAL).strftime("%d/%m/%Y %H:%M")
        Path(str(dest) + ".reason.txt").write_text(
            f"{path.name}\n"
            f"Không nhập được tệp này ({stamp}) / This export was not imported:\n"
            f"{reason}\n",
            encoding="utf-8",
        )
    except OSError as exc:
        msg = f"{path.name} could not be moved to the rejected folder {folder}: {exc.strerror or exc}"
        log.error("%s", msg)
        step.errors.append(msg)


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


# ---------------------------------------------------------------- one night
def run_night(
    config: Config,
    store: Store,
    settings: NightlySettings,
    *,
    command: str = "run-once",
    site_url: str | None = None,
    delay: float | None = None,
    today: date | None = None,
    clock=None,
    session=None,
    progress=None,
    should_stop: Callable[[], bool] | None = None,
    collect: bool = True,
) -> NightResult:
    """Do one night's work and record it as one run row; never raises for a step's failure.

    KeyboardInterrupt (a second Ctrl-C) is recorded as interrupted and re-raised.
    """
    stop = should_stop or (lambda: False)
    today = today or local_today()
    run_id = store.start_run(command, pid=os.getpid())
    log.info("%s: night of %s started (run %d)", command, today.strftime("%d/%m/%Y"), run_id)
    steps: list[StepResult] = []
    interrupted = False

    def guarded(name: str, fn: Callable[[], StepResult]) -> None:
        nonlocal interrupted
        if interrupted or stop():
            interrupted = True
            steps.append(StepResult(name, "skipped", "stopped on request"))
            return
        try:
            step = fn()
        except KeyboardInterrupt:
            interrupted = True
            steps.append(StepResult(name, "interrupted", "interrupted"))
            raise
        except Exception as exc:  # a step's failure never stops the night
            log.exception("%s failed", name)
            step = StepResult(name, "failed", f"{exc.__class__.__name__}: {exc}")
        if step.outcome == "interrupted":
            interrupted = True
        level = logging.ERROR if step.outcome == "failed" else logging.INFO
        log.log(level, "%s: %s%s", name, step.outcome, f" ({step.message})" if step.message else "")
        steps.append(step)

    try:
        if collect:
            guarded("collect", lambda: step_collect(
                config, store, command=command, site_url=site_url, delay=delay, clock=clock,
                session=session, progress=progress, should_stop=stop,
            ))  # fmt: skip
        guarded("facebook", lambda: step_facebook_inbox(config, store, settings, should_stop=stop))
        from pipeline.facebook_graph import graph_configured, step_facebook_graph

        if graph_configured(config):  # the Page through the Graph API (docs/FACEBOOK.md)
            guarded("facebook-graph", lambda: step_facebook_graph(config, store, command=command, clock=clock))
        coll = next((s for s in steps if s.name == "collect"), None)
        collection_ok = coll is None or coll.worked
        guarded("reports", lambda: step_reports(
            config, store, settings, today=today, collection_ok=collection_ok
        ))  # fmt: skip
        guarded("mail", lambda: step_mail(config, store, settings))
    except KeyboardInterrupt:
        interrupted = True
        raise
    finally:
        outcome = night_outcome(steps, interrupted)
        result = NightResult(run_id, command, steps, outcome, interrupted)
        for s in steps:
            if s.outcome == "failed":
                store.run_error(run_id, f"{s.name}: {s.message}")
        store.finish_run(
            run_id, outcome,
            items_new=sum(s.new for s in steps), items_updated=sum(s.updated for s in steps),
            requests=sum(s.requests for s in steps), message=result.summary()[:2000],
        )  # fmt: skip
        log.info("%s: night %s: %s", command, outcome, result.summary())
    return result


def night_once(
    db_path: Path | str,
    config: Config,
    settings: NightlySettings,
    *,
    command: str = "run-once",
    **kw,
) -> NightResult:
    """Take the lock, open the store, run one night, release everything.

    Raises :class:`pipeline.lock.LockHeld` when another run holds the lock.
    """
    with RunLock(lock_path_for(db_path), command=command) as lock:
        if lock.taken_over is not None:
            log.warning("the previous run (%s) did not finish", lock.taken_over.describe())
        with Store(db_path) as store:
            mark_abandoned_runs(store)
            return run_night(config, store, settings, command=command, **kw)


# ---------------------------------------------------------------- the loop
class NightlyLoop:
    """Run ``job`` every day at ``at`` (in ``timezone``), or every ``every`` seconds.

    Uses a private ``schedule.Scheduler``. ``should_stop`` is polled at least every ``tick``
    seconds while idle; the loop returns when it is true (after the job in progress, which
    polls it too). A job's exception is logged and the loop goes on.
    """

    def __init__(
        self,
        job: Callable[[], object],
        *,
        at: str = "02:00",
        timezone: str = "Asia/Ho_Chi_Minh",
        every: float | None = None,
        should_stop: Callable[[], bool] = lambda: False,
        sleep: Callable[[float], None] = time.sleep,
        tick: float = 0.5,
        on_schedule: Callable[[datetime | None], None] | None = None,
    ):
        import schedule

        self.job = job
        self.at = parse_at(at)
        self.timezone = timezone
        self.every = every
        self.should_stop = should_stop
        self.sleep = sleep
        self.tick = tick
        self.on_schedule = on_schedule
        self.nights = 0
        self.scheduler = schedule.Scheduler()
        if every:
            self.scheduler.every(every).seconds.do(self._run_job)
        else:
            self.scheduler.every().day.at(self.at, timezone).do(self._run_job)

    def next_run(self) -> datetime | None:
        """The next run as an aware datetime (the scheduler keeps naive machine-local times)."""
        nr = self.scheduler.next_run
        return nr.astimezone() if nr else None

    def run_now(self) -> None:
        """Run the job once right away (``cdht nightly --now``); the schedule is unchanged."""
        self._run_job()

    def _run_job(self) -> None:
        self.nights += 1
        try:
            self.job()
        except KeyboardInterrupt:
            raise
        except Exception:
            log.exception("the night's work failed")

    def run(self, max_nights: int | None = None) -> int:
        """Loop until stopped (or after ``max_nights`` jobs); return the number of jobs run."""
        if self.on_schedule:
            self.on_schedule(self.next_run())
        while not self.should_stop():
            before = self.nights
            self.scheduler.run_pending()
            if self.nights != before:
                if self.on_schedule:
                    self.on_schedule(self.next_run())
                if max_nights is not None and self.nights >= max_nights:
                    break
                continue
            idle = self.scheduler.idle_seconds
            wait = self.tick if idle is None else max(0.0, min(self.tick, idle))
            if wait:
                self.sleep(wait)
        return self.nights


def record_loop(store: Store, next_run: datetime | None, schedule_text: str) -> None:
    """Tell ``cdht status`` that a loop runs here and when its next night is."""
    import socket

    store.set_kv(KV_LOOP, {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "schedule": schedule_text,
        "next_run_utc": next_run.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if next_run else None,
        "updated_at": utcnow(),
    })  # fmt: skip


__all__ = [
    "KV_LOOP",
    "ConfigError",
    "NightResult",
    "NightlyFile",
    "NightlyLoop",
    "NightlySettings",
    "StepResult",
    "load_settings",
    "mark_abandoned_runs",
    "month_label",
    "next_run_time",
    "night_once",
    "parse_at",
    "previous_month",
    "run_night",
    "startup_problems",
]
