"""The loop of ``cdht nightly``: one night every day at a local time (``schedule``)."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from datetime import UTC, datetime

from collectors.dates import utcnow
from pipeline.errors import failure_text
from pipeline.nightly.settings import KV_LOOP, parse_at
from pipeline.store import Store

log = logging.getLogger("cdht.nightly")


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
        except Exception as exc:  # said in a sentence; the traceback with -v only
            log.error("the night's work failed: %s", failure_text(exc))
            log.debug("the night's work failed", exc_info=True)

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
