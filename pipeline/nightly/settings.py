"""The nightly job's settings (``nightly.toml``): schedule, inbox, reports, log; checked at start-up."""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, field_validator

from pipeline.mailer import SmtpSettings
from pipeline.settings import Config

log = logging.getLogger("cdht.nightly")

REPORT_FORMATS = ("json", "html", "xlsx", "docx")
PARTIAL_SUFFIXES = (".part", ".partial", ".crdownload", ".download", ".tmp", ".swp")

KV_REPORTED = "nightly.reported_month"  # last month whose reports are final
KV_PROVISIONAL = "nightly.provisional_month"  # written on a night whose collection failed
KV_REPORT_FILES = "nightly.report_files"  # {month: [paths]}
KV_MAILED = "nightly.mailed_month"
KV_REPORTED_MONTHS = "nightly.reported_months"  # every month whose reports are final
CATCH_UP_MONTHS = 12  # a night writes the missing reports of at most this many finished months
KV_LOOP = "nightly.loop"  # {pid, host, next_run_utc, schedule, started_at}


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
