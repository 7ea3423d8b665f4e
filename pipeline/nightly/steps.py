"""The steps of a night: collect the website, import the Facebook inbox."""

from __future__ import annotations

import contextlib
import logging
import shutil
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from collectors.dates import LOCAL
from pipeline.facebook_import import import_recorded
from pipeline.nightly.results import StepResult
from pipeline.nightly.settings import PARTIAL_SUFFIXES, NightlySettings
from pipeline.settings import Config
from pipeline.store import Store

log = logging.getLogger("cdht.nightly")


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
    command: str = "nightly",
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
            r = import_recorded(store, config, path, command=f"{command}:import-facebook", name=path.name)
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
