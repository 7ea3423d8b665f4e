"""Bad nights against the replica on 127.0.0.1: listing state changes only on evidence.

A night of maintenance, login or empty pages, a listing that loops during the first backfill,
the page limit of a run: each is an error of that night (exit 1 where nothing was found), and a
clean run that follows gives the counts of the replica's ground truth.
"""

from __future__ import annotations

import re

import pytest
from helpers.collect import DEMO_CONFIG, assert_matches_truth, collect, load, small_site

from collectors.http import FakeClock
from pipeline.cli import main
from pipeline.demo.replica.outages import empty_pages, login_wall, maintenance
from pipeline.demo.replica.pages import PER_PAGE
from pipeline.demo.replica.server import FaultPlan, ReplicaServer
from pipeline.store import Store

BAD_NIGHTS = {"maintenance": maintenance, "login": login_wall, "empty": empty_pages}


@pytest.fixture
def site():
    return small_site(seed=23)


def cli_collect(server, db, *extra) -> int:
    return main(["collect", "--site-url", server.url, "--delay", "0", "--db", str(db),
                 "--config", str(DEMO_CONFIG), *extra])  # fmt: skip


def listing_rows(db) -> dict:
    with Store(db) as store:
        rows = store.conn.execute("SELECT * FROM listing_state").fetchall()
        return {r["slug"]: (r["backfill_complete"], r["resume_page"]) for r in rows}


def kv(db, key, default=None):
    with Store(db) as store:
        return store.get_kv(key, default)


def no_sitemap(faults: FaultPlan) -> None:
    """A site without a sitemap: no safety net behind the listings."""
    faults.add("/sitemap.xml", status=404)


@pytest.mark.parametrize("night", sorted(BAD_NIGHTS))
def test_a_bad_night_changes_nothing_and_the_next_clean_night_finds_every_item(night, site, tmp_path, capsys):
    db = tmp_path / "db.sqlite"
    faults = FaultPlan()
    with ReplicaServer(site, faults=faults) as server:
        assert cli_collect(server, db) == 0
        categories, not_listings, states = kv(db, "categories"), kv(db, "not_listings", []), listing_rows(db)
        assert len(categories) >= 3 and all(complete for complete, _ in states.values())
        site.add_articles(40)
        BAD_NIGHTS[night](faults)
        capsys.readouterr()
        assert cli_collect(server, db) == 1
        err = capsys.readouterr().err
        assert "no article was found" in err and "next run tries again" in err, err
        # nothing was concluded from the stand-in pages
        assert kv(db, "categories") == categories
        assert kv(db, "not_listings", []) == not_listings
        assert listing_rows(db) == states
        with Store(db) as store:
            assert store.runs(1)[0]["outcome"] == "failed"
        faults.clear()
        assert cli_collect(server, db) == 0
    with Store(db) as store:
        assert store.conn.execute("SELECT COUNT(*) FROM items WHERE status = 'pending'").fetchone()[0] == 0
        assert_matches_truth(store, load(), site)


def test_a_first_run_during_maintenance_fails_and_the_next_run_backfills(site, tmp_path, capsys):
    db = tmp_path / "db.sqlite"
    faults = FaultPlan()
    maintenance(faults)
    with ReplicaServer(site, faults=faults) as server:
        assert cli_collect(server, db) == 1
        assert "maintenance page" in capsys.readouterr().err
        assert kv(db, "not_listings", []) == [] and kv(db, "feeds") is None
        assert kv(db, "shortcuts_checked") is None
        faults.clear()
        assert cli_collect(server, db) == 0
        assert kv(db, "home_lists_newest") is True  # the shortcuts were checked on the real night
    with Store(db) as store:
        assert_matches_truth(store, load(), site)


def test_the_same_page_for_every_address_is_no_evidence(site, tmp_path):
    """A proxy serving the home page for every URL: listings look full, articles look real."""
    config = load()
    faults = FaultPlan()
    with Store(tmp_path / "db.sqlite") as store, ReplicaServer(site, faults=faults) as server:
        collect(config, store, server)
        site.add_articles(5)
        from pipeline.demo.replica.pages import render_home

        faults.add(re.compile(r"^/(?!robots)"), body=render_home(site))
        ok_before = store.conn.execute("SELECT COUNT(*) FROM items WHERE status = 'ok'").fetchone()[0]
        result = collect(config, store, server)
        assert result.fetched == 0 and len(result.pending) == 5  # kept from their links, not read
        assert all("same page as" in reason for _, reason in result.pending)
        ok_after = store.conn.execute("SELECT COUNT(*) FROM items WHERE status = 'ok'").fetchone()[0]
        assert ok_after == ok_before  # no article was made of the home page
        faults.clear()
        collect(config, store, server)
        assert_matches_truth(store, config, site)


def test_a_slug_wrongly_taken_for_no_listing_is_walked_again_by_all(site, tmp_path):
    """A database hurt by an earlier version: real categories in not_listings."""
    config = load()
    with Store(tmp_path / "db.sqlite") as store, ReplicaServer(site) as server:
        collect(config, store, server)
        real = [c.slug for c in site.categories if c.in_nav and site.in_category(c.slug)]
        static = set(store.get_kv("not_listings", []))  # the site's static pages
        store.set_kv("not_listings", sorted(static | set(real)))
        store.set_kv("categories", [])
        store.conn.execute("DELETE FROM listing_state")
        store.conn.commit()
        site.add_articles(12)
        collect(config, store, server, full=True)
        assert set(store.get_kv("not_listings")) == static
        assert set(real) <= set(store.get_kv("categories"))
        assert_matches_truth(store, config, site)


def test_a_listing_that_loops_during_the_first_backfill_resumes_on_the_next_run(site, tmp_path):
    config = load()
    faults = FaultPlan()
    no_sitemap(faults)
    faults.loop_listing("tin-tuc", after_page=1)
    with Store(tmp_path / "db.sqlite") as store, ReplicaServer(site, faults=faults) as server:
        result = collect(config, store, server)
        assert any("loops" in msg and "resumes at page 2" in msg for _, msg in result.errors)
        state = store.listing_state("tin-tuc")
        assert not state["backfill_complete"] and state["resume_page"] == 2
        faults.clear()
        no_sitemap(faults)
        again = collect(config, store, server)
        assert again.new > 0 and not again.failed
        assert store.listing_state("tin-tuc")["backfill_complete"]
        assert_matches_truth(store, config, site)


def test_the_page_limit_warns_and_the_walk_resumes(site, tmp_path):
    config = load({"site": {"site": {"max_listing_pages": 2}}})
    faults = FaultPlan()
    no_sitemap(faults)
    pages = -(-len(site.in_category("tin-tuc")) // PER_PAGE)
    assert pages > 2
    with Store(tmp_path / "db.sqlite") as store, ReplicaServer(site, faults=faults) as server:
        result = collect(config, store, server)
        assert any("max_listing_pages" in msg and "resumes at page 3" in msg for _, msg in result.errors)
        assert store.listing_state("tin-tuc")["resume_page"] == 3
        runs = 1
        while not store.listing_state("tin-tuc")["backfill_complete"]:
            collect(config, store, server)
            runs += 1
            assert runs <= pages
        assert_matches_truth(store, config, site)


def test_an_incremental_walk_at_the_page_limit_is_finished_later(site, tmp_path):
    config = load({"site": {"site": {"max_listing_pages": 2}}})
    faults = FaultPlan()
    no_sitemap(faults)
    faults.add(re.compile(r"^/(feed|rss|rss\.xml|feed\.xml|atom\.xml)$"), status=404)
    with Store(tmp_path / "db.sqlite") as store, ReplicaServer(site, faults=faults) as server:
        for _ in range(12):
            collect(config, store, server)
        assert all(s["backfill_complete"] for s in map(store.listing_state, store.get_kv("categories")))
        site.add_articles(PER_PAGE * 8)  # more new items than two pages of each listing
        store.set_kv("home_lists_newest", False)  # the home page shortcut cannot see them all
        result = collect(config, store, server)
        assert any("max_listing_pages" in msg for _, msg in result.errors)
        for _ in range(6):
            collect(config, store, server)
        assert_matches_truth(store, config, site)


def test_breaker_clock_is_unused_by_listing_faults(site, tmp_path):
    """Stand-in pages are no transient failure: no retry, no wait."""
    config = load()
    faults = FaultPlan()
    maintenance(faults)
    clock = FakeClock()
    with Store(tmp_path / "db.sqlite") as store, ReplicaServer(site, faults=faults) as server:
        result = collect(config, store, server, clock=clock)
        assert result.failed and clock.sleeps == []
        assert server.count() < 15


def test_articles_behind_a_login_wall_stop_the_run_and_are_read_after(site, tmp_path):
    """Listings answer, but every article redirects to a login page."""
    from pipeline.demo.replica.outages import LOGIN_PAGE

    config = load()
    faults = FaultPlan()
    faults.add("/login", body=LOGIN_PAGE)
    faults.add(re.compile(r"^/[a-z0-9-]+-\d{10}\.html"), redirect="/login")
    with Store(tmp_path / "db.sqlite") as store, ReplicaServer(site, faults=faults) as server:
        result = collect(config, store, server)
        assert result.failed and result.fetched == 0
        assert "8 article pages in a row were not articles" in result.message
        assert server.count("/login") <= 8  # then the run stopped fetching
        rows = store.conn.execute("SELECT status, COUNT(*) FROM items GROUP BY status").fetchall()
        assert {r[0] for r in rows} == {"pending"}  # kept from their listing entries, none made of the login page
        faults.clear()
        again = collect(config, store, server)
        assert not again.failed and not again.pending
        assert_matches_truth(store, config, site)
