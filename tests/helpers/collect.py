"""Shared by the collection tests: the demo configuration, a small replica, its ground truth."""

from __future__ import annotations

from pathlib import Path

from pipeline.collect import collect_website
from pipeline.demo.replica.model import build_site
from pipeline.demo.replica.truth import expected_months
from pipeline.settings import load_config
from reports.monthdata import build_month

DEMO_CONFIG = Path(__file__).resolve().parents[2] / "pipeline" / "demo" / "config"
COUNT_KEYS = ("news", "articles", "videos")

# The profile of the replica's templates; the generic path must give the same counts without it.
PROFILE = {
    "site": {
        "selectors": {
            "title": "h1.title, h1.entry-title, .news-detail h1",
            "published": ".detail-time .date, .post-meta .post-date, time.published",
            "lead": ".sapo, p.lead",
            "body": ".content, .entry-content, .article-body",
            "listing_entry": ".list-news .news-item",
            "listing_link": ".news-title a",
            "listing_date": ".news-date",
        }
    }
}


def small_site(**kw):
    return build_site(seed=kw.pop("seed", 11), start="2025-04", months=2, per_month=40, **kw)


def load(overrides=None):
    return load_config(DEMO_CONFIG, overrides)


def collect(config, store, server, **kw):
    kw.setdefault("delay", 0)
    return collect_website(config, store, site_url=server.url, progress=lambda m: None, **kw)


def month_figures(store, config, month):
    data = build_month(store, config, month)
    units = {
        u: {k: v[k] for k in COUNT_KEYS}
        for u, v in data["units"].items()
        if any(v[k] for k in COUNT_KEYS)
    }
    contributors = {c: {k: v[k] for k in COUNT_KEYS} for c, v in data["contributors"].items() if any(v.values())}
    return data["website"], units, contributors, data["unattributed"]


def truth_figures(truth):
    units = {u: {k: v[k] for k in COUNT_KEYS} for u, v in truth["units"].items() if any(v[k] for k in COUNT_KEYS)}
    contributors = {c: dict(v) for c, v in truth["contributors"].items() if any(v.values())}
    return truth["website"], units, contributors, truth["unattributed"]


def assert_matches_truth(store, config, site):
    for month, truth in expected_months(site).items():
        assert month_figures(store, config, month) == truth_figures(truth), month
