"""One night: every step in order, each isolated from the others' failures, recorded as one run."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

from pipeline.errors import failure_text
from pipeline.facebook_graph import configured as facebook_page_configured
from pipeline.lock import RunLock, lock_path_for, mark_abandoned_runs
from pipeline.nightly.deliver import step_mail, step_reports
from pipeline.nightly.facebook import step_facebook_graph
from pipeline.nightly.results import (
    NightResult,
    StepResult,
    local_today,
    night_outcome,
)
from pipeline.nightly.settings import NightlySettings
from pipeline.nightly.steps import step_collect, step_facebook_inbox
from pipeline.settings import Config
from pipeline.store import Store

log = logging.getLogger("cdht.nightly")


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
            step = StepResult(name, "failed", failure_text(exc, store.path))
            log.debug("%s failed", name, exc_info=True)  # the traceback with -v only
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
        guarded("facebook", lambda: step_facebook_inbox(config, store, settings, should_stop=stop,
                                                         command=command))  # fmt: skip
        if facebook_page_configured(config):  # the Page through the Graph API (docs/FACEBOOK.md)
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
