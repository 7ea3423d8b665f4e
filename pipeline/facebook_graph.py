"""Read the Page through the Graph API and store its posts, as one run of the run log.

Used by ``cdht collect-facebook`` and by the nightly run. The posts go through the same
importer as the exports (:func:`pipeline.facebook_import.save_items`), so a post read here,
found in a DYI export and listed in a Business Suite CSV counts once, in any order.

Incremental runs: an edge whose walk once reached its last page (recorded in the store) stops at
the first page that holds only posts stored before this run; until then it is walked to the end.
A run that fails stores nothing new; what was stored stays stored.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from datetime import date

from collectors.dates import utcnow
from collectors.facebook.graph import GraphError, GraphRead, GraphTarget, GraphTokenError, read_page
from collectors.http import HttpClient
from collectors.profile import Politeness
from pipeline.facebook_import import ImportResult, known_keys, save_items
from pipeline.settings import Config, ConfigError, FacebookFile, FacebookGraph
from pipeline.store import Store

log = logging.getLogger("cdht.facebook.graph")

TOKEN_ENV = "CDHT_FB_TOKEN"
KV_LAST = "facebook.graph.last"  # the last read: when, outcome, counts, token failure
KV_BACKFILL = "facebook.graph.backfill"  # {edge: true} once an edge was walked to its end

TOKEN_RENEW_MESSAGE = (
    "Mã truy cập Trang Facebook (CDHT_FB_TOKEN) không hợp lệ hoặc đã hết hạn: cần gia hạn, tạo "
    "mã mới và đặt lại vào CDHT_FB_TOKEN (xem docs/FACEBOOK.md). / The Facebook Page access token "
    "(CDHT_FB_TOKEN) is invalid or expired: it must be renewed (see docs/FACEBOOK.md)."
)


@dataclass
class GraphCollectResult:
    run_id: int
    outcome: str  # ok | failed
    token_failed: bool = False
    message: str = ""
    requests: int = 0
    result: ImportResult | None = None
    read: GraphRead | None = None
    warnings: list[str] = field(default_factory=list)


def settings_of(config: Config) -> FacebookGraph:
    return config.section("facebook", FacebookFile).graph


def token_from_env() -> str:
    return os.environ.get(TOKEN_ENV, "").strip()


def configured(config: Config) -> bool:
    """A token in the environment and a page_id in facebook.toml: the Page can be read."""
    return bool(token_from_env() and settings_of(config).page_id)


def make_target(config: Config, token: str, graph_url: str | None = None) -> GraphTarget:
    g = settings_of(config)
    if not g.page_id:
        raise ConfigError(
            f"{config.label('facebook')}: graph.page_id is empty: write the Page's numeric id "
            "there to read the Page (see docs/FACEBOOK.md)"
        )
    return GraphTarget(
        base_url=(graph_url or g.graph_url).rstrip("/"), version=g.api_version,
        page_id=g.page_id, token=token, page_size=g.page_size, max_pages=g.max_pages,
    )  # fmt: skip


def make_client(config: Config, *, clock=None, session=None) -> HttpClient:
    g = settings_of(config)
    politeness = Politeness(
        delay=0.0, timeout=g.timeout, retries=g.retries, backoff=g.backoff,
        max_backoff=g.max_backoff, max_bytes=32_000_000, respect_robots=False,
        user_agent=config.site.politeness.user_agent,
        # the API's rate limits are waited out with its own back-off (up to max_backoff each)
        stop_after_seconds=(g.retries + 1) * (g.max_backoff + g.timeout) + 1, run_deadline=86400.0,
    )  # fmt: skip
    return HttpClient(politeness, clock=clock, session=session)


def collect_facebook(
    store: Store,
    config: Config,
    *,
    token: str,
    graph_url: str | None = None,
    since: date | None = None,
    clock=None,
    session=None,
    command: str = "collect-facebook",
) -> GraphCollectResult:
    """Read the Page and store its new posts; records one run row. Never raises GraphError."""
    target = make_target(config, token, graph_url)
    client = make_client(config, clock=clock, session=session)
    run_id = store.start_run(command, pid=os.getpid())
    backfill = store.get_kv(KV_BACKFILL, {}) or {}
    known = known_keys(store)
    read = GraphRead()
    out = GraphCollectResult(run_id, "ok", read=read)
    try:
        read_page(client, target, known=known, since=since, out=read,
                  stop_at_known={e: bool(backfill.get(e)) for e in ("published_posts", "video_reels")})  # fmt: skip
    except GraphError as exc:
        out.outcome, out.message = "failed", str(exc)
        out.token_failed = isinstance(exc, GraphTokenError)
        out.requests = client.requests
        store.run_error(run_id, out.message)
        store.finish_run(run_id, "failed", requests=out.requests,
                         message=("token: " if out.token_failed else "") + "nothing new was stored")  # fmt: skip
        _record(store, out, 0, 0)
        return out
    except BaseException as exc:  # a store error, an interruption: the run row is closed
        stopped = "interrupted" if isinstance(exc, KeyboardInterrupt) else "failed"
        store.finish_run(run_id, stopped, requests=client.requests,
                         message=f"{type(exc).__name__}: nothing new was stored")  # fmt: skip
        raise
    out.requests = read.requests
    out.warnings = list(read.warnings)
    for w in read.warnings:
        log.warning("%s", w)
    result = ImportResult(path=target.base_url, format="graph-api", warnings=list(read.warnings))
    try:
        save_items(store, config, read.items, result)
    except BaseException as exc:
        store.finish_run(run_id, "failed", requests=out.requests,
                         message=f"{type(exc).__name__}: nothing new was stored")  # fmt: skip
        raise
    out.result = result
    for edge, walk in read.walks.items():
        if walk.reached_end and since is None:
            backfill[edge] = True
    store.set_kv(KV_BACKFILL, backfill)
    out.message = f"{result.posts} posts read ({result.new} new), {out.requests} requests"
    store.finish_run(run_id, "ok", items_new=result.new, items_updated=result.updated,
                     requests=out.requests, message=out.message)  # fmt: skip
    _record(store, out, result.posts, result.new)
    return out


def _record(store: Store, out: GraphCollectResult, posts: int, new: int) -> None:
    last = store.get_kv(KV_LAST, {}) or {}
    last.update({"at": utcnow(), "outcome": out.outcome, "posts": posts, "new": new,
                 "requests": out.requests, "token_failed": out.token_failed,
                 "message": out.message[:300]})  # fmt: skip
    if out.outcome == "ok":
        last["last_ok"] = last["at"]
    store.set_kv(KV_LAST, last)
