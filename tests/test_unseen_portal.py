"""Acceptance-style checks against a third independent synthetic site: an ASP.NET-style portal.

The site (``tests/unseen_portal.py``) follows SITE.md and DESIGN.md but neither the project's
replica nor the VnPortal-like and WordPress-like sites of the other blind checks: nested tables
with no semantic tags or helpful classes, no ``<h1>``, titles in large-font spans/divs/fonts, four
date forms after the title (one the long Vietnamese ``ngày 17 tháng 4 năm 2024``), "Cập nhật lần
cuối" lines, a header date, ``<br><br>`` paragraphs, Flash ``<object><embed>`` players, "Các tin
khác" in the article's own table cell, no feed, ``sitemap.xml``, and a charset declared only by
``<meta http-equiv>`` (UTF-8, or windows-1258 with combining tone marks). Collected through the
real CLI with the bundled configuration.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from blind_sites import (
    ICT,
    collect,
    month_report,
    recollect,
    report_units,
    truth_errors,
    website_rows,
)
from unseen_portal import CATEGORIES, PortalData, PortalSite

MONTHS = ["2024-08", "2024-09", "2024-10"]

# Known gaps, found with `cdht probe URL --json` (both charsets fail the same way).
FORM = ("every page sits inside the WebForms <form id=\"aspnetForm\">; with it the article body is not "
        "found on any template ('no article body found': words 0, lead and byline empty, no players) and "
        "listing entries are not recognised (no listing dates or categories; walks stop at page 1)")
NODATE = ("no publish date is read from the page ('Ngày đăng: 01/08/2024 06:00' after a <span> title, outside "
          "the body container: only an <h1> title or a date inside the body is looked at) and, the listings "
          "being unread, none from a listing: every item is stored with local_date NULL")


def gap(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)
VARIANTS = {"utf8": (20240801, "utf-8"), "cp1258": (1258, "windows-1258")}


@pytest.fixture(scope="module", params=sorted(VARIANTS))
def collected(request, tmp_path_factory):
    seed, charset = VARIANTS[request.param]
    data = PortalData(seed, MONTHS)
    db = tmp_path_factory.mktemp(f"portal-{request.param}") / "cdht.sqlite"
    with PortalSite(data, charset=charset) as site:
        assert collect(site, db) == 0
        yield {"site": site, "db": db, "variant": request.param, "first_requests": list(site.requests)}


def _errors(site: PortalSite, db) -> dict[str, list[str]]:
    """Per field, the items whose stored value differs from the ground truth."""
    errs = truth_errors(site, db, lambda p: p.template)
    rows = website_rows(db)
    errs["words"] = [f"{p.path} [{p.template}] player={p.player!r} captions={len(p.captions)}: "
                     f"{rows[p.path]['words']} != {p.n_words}"
                     for p in site.data.posts if p.path in rows and rows[p.path]["words"] != p.n_words]
    return errs


# ---------------------------------------------------------------- first collection
def test_every_item_collected_once(collected):
    """Articles only: no static pages, listings or the sitemap's other URLs."""
    rows = website_rows(collected["db"])
    expected = {p.path for p in collected["site"].data.posts}
    assert len(expected) >= 150
    assert expected - set(rows) == set()
    assert set(rows) - expected == set()


@pytest.mark.parametrize("month", MONTHS)
@gap(f"{NODATE}, so every month counts 0 items; {FORM}")
def test_month_website_counts_exact(collected, month):
    got = month_report(collected["db"], month)
    assert got["period"] == month
    assert got["website"] == collected["site"].expected_month(month)["website"]


@pytest.mark.parametrize("month", MONTHS)
@gap(f"{NODATE}, so no month holds any item and units are empty")
def test_month_units_exact(collected, month):
    got = month_report(collected["db"], month)
    assert report_units(got) == collected["site"].expected_month(month)["units"]


@pytest.mark.parametrize("month", MONTHS)
@gap(f"{NODATE}, so every month reports 0 unattributed")
def test_month_unattributed_exact(collected, month):
    got = month_report(collected["db"], month)
    assert got["unattributed"] == collected["site"].expected_month(month)["unattributed"]


@gap(NODATE)
def test_publish_dates(collected):
    """Dates after the title in four forms; 00:30 and 06:00 on the 1st, 23:50 on the last day;
    never the header's date, "Cập nhật lần cuối", the sitemap's lastmod or "Các tin khác"."""
    errs = _errors(collected["site"], collected["db"])["local_date"]
    assert errs == [], "\n".join(errs)


@gap(f"no player is found ({FORM}): with_video False on every item with a player")
def test_with_video(collected):
    """<object><embed> YouTube, iframes, <embed src=.mp4>, <video>; never the right column's player."""
    errs = _errors(collected["site"], collected["db"])["with_video"]
    assert errs == [], "\n".join(errs)


@gap(f"words 0 and category empty ({FORM}): every item is news unless its title has a video marker")
def test_kind_every_item(collected):
    errs = _errors(collected["site"], collected["db"])["kind"]
    assert errs == [], "\n".join(errs)


@gap(f"words 0 on every item ({FORM})")
def test_words_every_item(collected):
    """Lead + paragraphs + captions, <br><br> paragraphs included; not the byline, "Cập nhật lần
    cuối", the toolbar, "Các tin khác", the player's fallback text or the columns."""
    errs = _errors(collected["site"], collected["db"])["words"]
    assert errs == [], "\n".join(errs)


@gap(f"category empty on every item ({FORM}); the phong-su, chuyen-sau and truyen-hinh listings "
     "are judged 'not a category listing'")
def test_category_kinds(collected):
    """Categories with no markup on the page (P2, P4) come from the listing that lists the item."""
    rows = website_rows(collected["db"])
    bad = [f"{p.path} [{p.template}] {p.category} words={p.n_words}: {rows[p.path]['eff_kind']} "
           f"(category {rows[p.path]['category']!r})"
           for p in collected["site"].data.posts
           if CATEGORIES[p.category][1] and p.path in rows and rows[p.path]["eff_kind"] != p.kind]
    assert bad == []


@gap(f"lead and byline empty ({FORM}): only units named in titles attribute")
def test_unit_attribution_accuracy(collected):
    site = collected["site"]
    errs = _errors(site, collected["db"])["unit"]
    accuracy = 1 - len(errs) / len(site.data.posts)
    assert accuracy >= 0.98, "\n".join(errs)


def test_first_collection_reads_each_article_once(collected):
    posts = [r for r in collected["first_requests"] if r.split("?")[0].endswith(".html")]
    assert len(posts) == len(set(posts))


# ---------------------------------------------------------------- incremental collection
@pytest.fixture(scope="module")
def recollected(collected, tmp_path_factory):
    """Publish 7 new items (1 November 2024) and collect again into a copy of the first store."""
    db = tmp_path_factory.mktemp(f"portal-second-{collected['variant']}") / "cdht.sqlite"
    with recollect(collected, db, MONTHS, datetime(2024, 11, 1, 0, 0, tzinfo=ICT)) as second:
        yield second


@gap("0 of 7 new items collected: the second run reads only /, /tin-tuc and /hoat-dong-co-so, "
     f"finds no entries in them ({FORM}), and does not read sitemap.xml again")
def test_second_run_collects_new_items_once(recollected):
    assert recollected["code"] == 0
    rows = website_rows(recollected["db"])
    site = recollected["site"]
    assert len(rows) == len(site.data.posts)
    assert {p.path for p in recollected["new"]} <= set(rows)
    for m in MONTHS:
        assert month_report(recollected["db"], m)["website"] == recollected["before"][m]["website"], m


def test_second_run_request_budget(recollected):
    # No feed: k new pages + the home page + page 1 of each category listing (the new items of
    # templates P2 and P4 carry no category markup; DESIGN: "else the listing whose own entries list it").
    reqs = recollected["requests"]
    assert len(reqs) <= 7 + 1 + len(CATEGORIES), reqs


@gap(f"the 7 new items are not collected and no item has a publish date: {NODATE}")
def test_second_run_counts_exact(recollected):
    site = recollected["site"]
    for m in [*MONTHS, "2024-11"]:
        assert month_report(recollected["db"], m)["website"] == site.expected_month(m)["website"], m


@gap("the 7 new items are missing from the store (see test_second_run_collects_new_items_once)")
def test_second_run_new_items_exact(recollected):
    errs = _errors(recollected["site"], recollected["db"])
    new = {p.path for p in recollected["new"]}
    bad = {k: [e for e in v if e.split(" ")[0].rstrip(":") in new] for k, v in errs.items()}
    assert all(v == [] for v in bad.values()), bad
