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

The package: ``settings`` (nightly.toml), ``steps`` and ``deliver`` (the steps), ``night`` (one
night), ``loop`` (the daily loop), ``results`` (what they return and record).
"""

from pipeline.lock import mark_abandoned_runs
from pipeline.nightly.loop import NightlyLoop, record_loop
from pipeline.nightly.night import night_once, run_night
from pipeline.nightly.results import (
    NightResult,
    StepResult,
    local_today,
    next_run_time,
    night_outcome,
    previous_month,
)
from pipeline.nightly.settings import (
    KV_LOOP,
    KV_MAILED,
    KV_PROVISIONAL,
    KV_REPORT_FILES,
    KV_REPORTED,
    NightlyFile,
    NightlySettings,
    load_settings,
    parse_at,
    startup_problems,
)

__all__ = [
    "KV_LOOP",
    "KV_MAILED",
    "KV_PROVISIONAL",
    "KV_REPORTED",
    "KV_REPORT_FILES",
    "NightResult",
    "NightlyFile",
    "NightlyLoop",
    "NightlySettings",
    "StepResult",
    "load_settings",
    "local_today",
    "mark_abandoned_runs",
    "next_run_time",
    "night_once",
    "night_outcome",
    "parse_at",
    "previous_month",
    "record_loop",
    "run_night",
    "startup_problems",
]
