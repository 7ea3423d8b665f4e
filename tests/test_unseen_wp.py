"""Acceptance-style checks against a second independent synthetic site: a WordPress-like template.

The site (``tests/unseen_wp.py``) follows SITE.md and DESIGN.md but neither the project's replica
nor the VnPortal-like site of ``test_unseen_site.py``: four WordPress themes, dates in UTC
``datetime`` attributes, Jetpack share bars and related posts inside ``entry-content``, comments,
sticky posts on every listing page, a WordPress feed whose ``<category>`` tags hold tags too,
``wp-sitemap.xml``. Collected through the real CLI with the bundled configuration.
"""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from blind_sites import (
    ICT,
    check_second_run_once,
    collect,
    month_report,
    recollect,
    report_units,
    run_cli,
    truth_errors,
    website_rows,
)
from unseen_wp import CATEGORIES, WPData, WPSite

MONTHS = ["2024-11", "2024-12", "2025-01"]
VARIANTS = {"feed": (4242, True), "nofeed": (9107, False)}


@pytest.fixture(scope="module", params=sorted(VARIANTS))
def collected(request, tmp_path_factory):
    seed, feed = VARIANTS[request.param]
    data = WPData(seed, MONTHS)
    db = tmp_path_factory.mktemp(f"wp-{request.param}") / "cdht.sqlite"
    with WPSite(data, feed=feed) as site:
        assert collect(site, db) == 0
        first_requests = list(site.requests)
        yield {"site": site, "db": db, "variant": request.param, "first_requests": first_requests}


def _errors(site: WPSite, db) -> dict[str, list[str]]:
    """Per field, the posts whose stored value differs from the ground truth."""
    errs = truth_errors(site, db, lambda p: p.theme)
    rows = website_rows(db)
    errs["words"] = [f"{p.path} [{p.theme}] spacers={p.spacers} quote={p.quote >= 0} captions={len(p.captions)}: "
                     f"{rows[p.path]['words']} != {p.n_words}"
                     for p in site.data.posts if p.path in rows and rows[p.path]["words"] != p.n_words]
    return errs


# ---------------------------------------------------------------- first collection
def test_every_post_collected_once(collected):
    """Posts only: no static pages, tag or author archives, sitemap entries of pages or categories."""
    rows = website_rows(collected["db"])
    expected = {p.path for p in collected["site"].data.posts}
    assert len(expected) >= 150
    assert expected - set(rows) == set()
    assert set(rows) - expected == set()


@pytest.mark.parametrize("month", MONTHS)
def test_month_website_counts_exact(collected, month):
    got = month_report(collected["db"], month)
    assert got["period"] == month
    assert got["website"] == collected["site"].expected_month(month)["website"]


@pytest.mark.parametrize("month", MONTHS)
def test_month_units_exact(collected, month):
    got = month_report(collected["db"], month)
    assert report_units(got) == collected["site"].expected_month(month)["units"]


@pytest.mark.parametrize("month", MONTHS)
def test_month_unattributed_exact(collected, month):
    got = month_report(collected["db"], month)
    assert got["unattributed"] == collected["site"].expected_month(month)["unattributed"]


def test_publish_dates(collected):
    """UTC datetime attributes (00:30 local on the 1st is the previous month in UTC), +07:00 JSON-LD,
    updated <time> before the published one, a visible date only; never comment or sidebar dates."""
    assert _errors(collected["site"], collected["db"])["local_date"] == []


def test_with_video(collected):
    """Gutenberg YouTube embeds, Jetpack youtu.be, Facebook plugin, [video] shortcode; not the sidebar's."""
    assert _errors(collected["site"], collected["db"])["with_video"] == []


def test_kind_every_post(collected):
    errs = _errors(collected["site"], collected["db"])["kind"]
    assert errs == [], "\n".join(errs)


def test_words_every_post(collected):
    """Lead + paragraphs + captions; not the byline, share bar, likes, related posts, comments,
    the <video> fallback link, or &nbsp; spacers."""
    errs = _errors(collected["site"], collected["db"])["words"]
    assert errs == [], "\n".join(errs)


def test_category_kinds(collected):
    """Categories named only by the page's markup: 'Video' (videoclip), 'Bài chuyên sâu' (chuyen-sau),
    reached through absolute and trailing-slash menu links."""
    rows = website_rows(collected["db"])
    want = {"videoclip": "video", "chuyen-sau": "article", "chuyen-de": "article"}
    bad = [f"{p.path} [{p.theme}] {p.category}: {rows[p.path]['eff_kind']} (category {rows[p.path]['category']!r})"
           for p in collected["site"].data.posts
           if p.category in want and p.path in rows and rows[p.path]["eff_kind"] != want[p.category]
           and not (p.kind == "video" and want[p.category] == "article")]
    assert bad == []


def test_category_from_entry_footer(collected):
    """WordPress's own category markup: cat-links in footer.entry-footer (the only one on theme D)."""
    site = collected["site"]
    bad = []
    for p in [p for p in site.data.posts if p.theme == "D"][:4]:
        code, out = run_cli(["probe", site.url + p.path, "--json", "--db", str(collected["db"])])
        assert code == 0
        got = json.loads(out)
        if CATEGORIES[p.category][0] not in got["categories"]:
            bad.append(f"{p.path}: {got['categories']} ({got['category_source']!r})")
    assert bad == []


def test_unit_attribution_accuracy(collected):
    site = collected["site"]
    errs = _errors(site, collected["db"])["unit"]
    accuracy = 1 - len(errs) / len(site.data.posts)
    assert accuracy >= 0.98, "\n".join(errs)


def test_first_collection_requests(collected):
    """The first run reads every post page once (sticky posts are listed on every page)."""
    reqs = collected["first_requests"]
    posts = [r for r in reqs if r.split("?")[0].endswith(".html")]
    assert len(posts) == len(set(posts))


# ---------------------------------------------------------------- incremental collection
@pytest.fixture(scope="module")
def recollected(collected, tmp_path_factory):
    """Publish 7 new posts (1 February 2025) and collect again into a copy of the first store."""
    db = tmp_path_factory.mktemp(f"wp-second-{collected['variant']}") / "cdht.sqlite"
    with recollect(collected, db, MONTHS, datetime(2025, 2, 1, 0, 0, tzinfo=ICT)) as second:
        yield second


def test_second_run_collects_new_posts_once(recollected):
    check_second_run_once(recollected, MONTHS)


def test_second_run_request_budget(recollected):
    reqs = recollected["requests"]
    # With the feed: k + 3. Without it: k + the home page + page 1 of each of the 5 listings.
    budget = 7 + 3 if recollected["variant"] == "feed" else 7 + 1 + 5
    assert len(reqs) <= budget, reqs


def test_second_run_counts_exact(recollected):
    site = recollected["site"]
    for m in [*MONTHS, "2025-02"]:
        assert month_report(recollected["db"], m)["website"] == site.expected_month(m)["website"], m


def test_second_run_new_posts_exact(recollected):
    errs = _errors(recollected["site"], recollected["db"])
    new = {p.path for p in recollected["new"]}
    bad = {k: [e for e in v if e.split(" ")[0] in new] for k, v in errs.items()}
    assert all(v == [] for v in bad.values()), bad
