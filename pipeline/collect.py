"""One collection of the website, recorded in the run log."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from datetime import date

from collectors.http import Clock, HttpClient
from collectors.website import CollectResult, WebsiteCollector
from collectors.website.articles import ArchiveFailed
from pipeline.archive import WarcArchive
from pipeline.archive_check import mark_damage, refetch_lost
from pipeline.errors import explain_failure
from pipeline.ingest import save_items
from pipeline.settings import Config
from pipeline.store import Store

log = logging.getLogger("cdht.collect")


def collect_website(
    config: Config,
    store: Store,
    *,
    site_url: str | None = None,
    since: date | None = None,
    delay: float | None = None,
    full: bool = False,
    clock: Clock | None = None,
    session=None,
    progress=None,
    should_stop=None,
    run_command: str = "collect",
    archive: WarcArchive | None = None,
) -> CollectResult:
    """Collect the website into the store and record the run (outcome, counts, errors). Every
    article page read is kept in ``archive`` (default: the WARC files beside the database)."""
    run_id = store.start_run(run_command, pid=os.getpid())
    archive = archive if archive is not None else WarcArchive.beside(store.path)
    client = HttpClient(config.site.politeness, clock=clock, session=session, state=store, delay=delay)
    collector = WebsiteCollector(
        config.site, store, client, save=lambda batch: save_items(store, config, batch),
        site_url=site_url, since=since, full=full, progress=progress, should_stop=should_stop,
        archive=archive,
    )
    outcome = "failed"
    try:
        mark_damage(store, archive.repair_all())  # a cut record left by a full disk, set aside
        result = collector.run()
        if not (result.failed or result.interrupted or collector.halted()):
            refetch_lost(collector, store, archive)
        if result.interrupted:
            outcome = "interrupted"
        elif result.failed:
            outcome = "failed"
        else:
            outcome = "partial" if result.pending else "ok"
        return result
    except KeyboardInterrupt:
        collector.flush()
        outcome = "interrupted"
        raise
    except Exception as exc:  # the store or the disk failed: say why in the run row
        collector.result.message = explain_failure(exc, store.path) or f"{exc.__class__.__name__}: {exc}"
        if isinstance(exc, ArchiveFailed):  # the database is fine: keep what was read
            with contextlib.suppress(Exception):
                collector.flush()
        raise
    finally:
        archive.close()
        r = collector.result
        try:
            for url, message in r.errors[:500]:
                store.run_error(run_id, message, url)
            store.finish_run(
                run_id, outcome, items_new=r.new, items_updated=r.updated, requests=client.requests,
                message=r.message or f"{r.fetched} pages read, {len(r.pending)} pending",
            )  # fmt: skip
        except sqlite3.Error as exc:  # e.g. the disk is full: the next run closes the row
            log.error("the run could not be recorded: %s", exc)
        log.info(
            "collection %s: %d requests, %d new, %d updated, %d pending",
            outcome, client.requests, r.new, r.updated, len(r.pending),
        )
