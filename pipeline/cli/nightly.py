"""`cdht nightly` and `cdht run-once`.

- ``cdht run-once``: one night's work (see :mod:`pipeline.nightly`), for cron and systemd
  timers. Exit 0 when every step did its work (pending pages included), 1 when a step failed
  (the others still ran) or another run holds the lock, 2 for a configuration error, 143 after
  SIGTERM and 130 after Ctrl-C (the current item is finished and the run recorded as
  interrupted).
- ``cdht nightly [--at HH:MM]``: runs until stopped, one night each day at ``--at`` (default
  ``[schedule] at``). SIGTERM or Ctrl-C finish the current item, record the night as
  interrupted and exit 0 (a normal stop for systemd). A second Ctrl-C aborts at once.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

from collectors.dates import LOCAL
from pipeline.cli import common as cli
from pipeline.lock import LockHeld
from pipeline.nightly import (
    KV_LOOP,
    NightlyLoop,
    load_settings,
    night_once,
    parse_at,
    record_loop,
    startup_problems,
)
from pipeline.stopflag import EXIT_SIGINT, StopFlag
from pipeline.store import Store, StoreError, default_db_path

log = logging.getLogger("cdht.nightly")



# ---------------------------------------------------------------- option types
def _at(value: str) -> str:
    try:
        return parse_at(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def register(sub, common) -> None:
    night = argparse.ArgumentParser(add_help=False)
    night.add_argument("--site-url", type=cli.arg_site_url, metavar="URL",
                       help="base URL to collect instead of the configured site")  # fmt: skip
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
        try:  # bookkeeping only: an older database is migrated by the night, under the run lock
            with Store(db, upgrade=False, command="nightly") as store:
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
            with Store(db, upgrade=False, command="nightly") as store:
                store.set_kv(KV_LOOP, None)
        except StoreError:
            pass
    log.info("cdht nightly stopped")
    return cli.EXIT_OK


