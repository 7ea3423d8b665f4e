"""Acceptance-style checks against a second independent synthetic site: a WordPress-like template.

The site (``tests/unseen_wp.py``) follows SITE.md and DESIGN.md but neither the project's replica
nor the VnPortal-like site of ``test_unseen_site.py``: four WordPress themes, dates in UTC
``datetime`` attributes, Jetpack share bars and related posts inside ``entry-content``, comments,
sticky posts on every listing page, a WordPress feed whose ``<category>`` tags hold tags too,
``wp-sitemap.xml``. Collected through the real CLI with the bundled configuration.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import sqlite3
import sys
from datetime import datetime

import pytest
from unseen_wp import CATEGORIES, ICT, WPData, WPSite

from pipeline.cli import main

MONTHS = ["2024-11", "2024-12", "2025-01"]
VARIANTS = {"feed": (4242, True), "nofeed": (9107, False)}


def _run(argv: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(argv)
    return code, out.getvalue()


@pytest.fixture(scope="module", params=sorted(VARIANTS))
def collected(request, tmp_path_factory):
    seed, feed = VARIANTS[request.param]
    data = WPData(seed, MONTHS)
    db = tmp_path_factory.mktemp(f"wp-{request.param}") / "cdht.sqlite"
    with WPSite(data, feed=feed) as site:
        code, _ = _run(["collect", "--site-url", site.url, "--delay", "0", "--db", str(db)])
        assert code == 0
        first_requests = list(site.requests)
        yield {"site": site, "db": db, "variant": request.param, "first_requests": first_requests}


def _report(db, month: str) -> dict:
    code, out = _run(["report", "month", month, "--db", str(db), "--format", "json"])
    assert code == 0
    return json.loads(out)


def _rows(db) -> dict[str, sqlite3.Row]:
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    try:
        rows = con.execute("SELECT * FROM v_items WHERE source = 'website'").fetchall()
    finally:
        con.close()
    return {r["key"]: r for r in rows}


def _errors(site: WPSite, db) -> dict[str, list[str]]:
    """Per field, the posts whose stored value differs from the ground truth."""
    rows = _rows(db)
    errs: dict[str, list[str]] = {"missing": [], "local_date": [], "kind": [], "with_video": [], "unit": [],
                                  "words": []}
    for p in site.data.posts:
        r = rows.get(p.path)
        if r is None:
            errs["missing"].append(p.path)
            continue
        tag = f"{p.path} [{p.theme}]"
        if r["local_date"] != p.local_date:
            errs["local_date"].append(f"{tag}: {r['local_date']} != {p.local_date}")
        if r["eff_kind"] != p.kind:
            errs["kind"].append(f"{tag} {p.title!r} words={p.n_words} player={p.player!r} cat={p.category}: "
                                f"{r['eff_kind']} != {p.kind} (stored words={r['words']}, "
                                f"category={r['category']!r}, {r['kind_reason']})")
        if bool(r["with_video"]) != p.with_video:
            errs["with_video"].append(f"{tag} player={p.player!r}: {bool(r['with_video'])} != {p.with_video}")
        if r["eff_unit"] != p.unit:
            errs["unit"].append(f"{tag} case={p.case}: {r['eff_unit']} != {p.unit} "
                                f"(byline={r['byline']!r}, {r['eff_unit_reason']})")
        if r["words"] != p.n_words:
            errs["words"].append(f"{tag} spacers={p.spacers} quote={p.quote >= 0} captions={len(p.captions)}: "
                                 f"{r['words']} != {p.n_words}")
    return errs


# ---------------------------------------------------------------- first collection
def test_every_post_collected_once(collected):
    """Posts only: no static pages, tag or author archives, sitemap entries of pages or categories."""
    rows = _rows(collected["db"])
    expected = {p.path for p in collected["site"].data.posts}
    assert len(expected) >= 150
    assert expected - set(rows) == set()
    assert set(rows) - expected == set()


@pytest.mark.parametrize("month", MONTHS)
def test_month_website_counts_exact(collected, month):
    got = _report(collected["db"], month)
    assert got["period"] == month
    assert got["website"] == collected["site"].expected_month(month)["website"]


@pytest.mark.parametrize("month", MONTHS)
def test_month_units_exact(collected, month):
    got = _report(collected["db"], month)
    units = {u: {k: v[k] for k in ("news", "articles", "videos")}
             for u, v in got["units"].items() if any(v[k] for k in ("news", "articles", "videos"))}
    assert units == collected["site"].expected_month(month)["units"]


@pytest.mark.parametrize("month", MONTHS)
def test_month_unattributed_exact(collected, month):
    got = _report(collected["db"], month)
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
    rows = _rows(collected["db"])
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
        code, out = _run(["probe", site.url + p.path, "--json", "--db", str(collected["db"])])
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
    print(f"\n[{collected['variant']}] first run: {len(reqs)} requests, {len(posts)} post pages, "
          f"{len(set(posts))} distinct", file=sys.stderr)
    assert len(posts) == len(set(posts))


# ---------------------------------------------------------------- incremental collection
@pytest.fixture(scope="module")
def recollected(collected, tmp_path_factory):
    """Publish 7 new posts (1 February 2025) and collect again into a copy of the first store."""
    site = collected["site"]
    db = tmp_path_factory.mktemp(f"wp-second-{collected['variant']}") / "cdht.sqlite"
    shutil.copy(collected["db"], db)
    before = {m: _report(db, m) for m in MONTHS}
    new = site.data.publish_new(datetime(2025, 2, 1, 0, 0, tzinfo=ICT), 7)
    site.requests.clear()
    code, _ = _run(["collect", "--site-url", site.url, "--delay", "0", "--db", str(db)])
    requests = [r for r in site.requests if r != "/robots.txt"]
    yield {**collected, "db": db, "code": code, "requests": requests, "new": new, "before": before}
    site.data.posts = [p for p in site.data.posts if p not in new]


def test_second_run_collects_new_posts_once(recollected):
    assert recollected["code"] == 0
    rows = _rows(recollected["db"])
    site = recollected["site"]
    assert len(rows) == len(site.data.posts)
    assert {p.path for p in recollected["new"]} <= set(rows)
    for m in MONTHS:
        assert _report(recollected["db"], m)["website"] == recollected["before"][m]["website"], m


def test_second_run_request_budget(recollected):
    reqs = recollected["requests"]
    # With the feed: k + 3. Without it: k + the home page + page 1 of each of the 5 listings.
    budget = 7 + 3 if recollected["variant"] == "feed" else 7 + 1 + 5
    assert len(reqs) <= budget, reqs


def test_second_run_counts_exact(recollected):
    site = recollected["site"]
    for m in [*MONTHS, "2025-02"]:
        assert _report(recollected["db"], m)["website"] == site.expected_month(m)["website"], m


def test_second_run_new_posts_exact(recollected):
    errs = _errors(recollected["site"], recollected["db"])
    new = {p.path for p in recollected["new"]}
    bad = {k: [e for e in v if e.split(" ")[0] in new] for k, v in errs.items()}
    assert all(v == [] for v in bad.values()), bad
