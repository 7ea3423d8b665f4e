"""The nightly run's Facebook Page step: read the Page when a token and a page_id are set."""

from __future__ import annotations

from collectors.facebook.collect_graph import (
    TOKEN_RENEW_MESSAGE,
    collect_facebook,
    token_from_env,
)
from collectors.facebook.collect_graph import (
    configured as graph_configured,
)
from pipeline.settings import Config
from pipeline.store import Store


def step_facebook_graph(config: Config, store: Store, *, command: str, clock=None):
    """A ``StepResult`` named ``facebook-graph``; ``skipped`` when the Page is not configured."""
    from pipeline.nightly import StepResult

    if not graph_configured(config):
        return StepResult("facebook-graph", "skipped", "no CDHT_FB_TOKEN or graph.page_id")
    out = collect_facebook(store, config, token=token_from_env(), clock=clock,
                           command=f"{command}:facebook-graph")  # fmt: skip
    if out.outcome != "ok":
        message = TOKEN_RENEW_MESSAGE if out.token_failed else out.message
        return StepResult("facebook-graph", "failed", message, requests=out.requests)
    r = out.result
    return StepResult("facebook-graph", "ok", out.message, new=r.new, updated=r.updated,
                      requests=out.requests)  # fmt: skip


__all__ = ["graph_configured", "step_facebook_graph"]
