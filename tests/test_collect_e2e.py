"""The website collector against the replica served on 127.0.0.1, with and without faults.

Expected figures come from the replica's own ground truth (what each generated article is),
never from the collector.
"""

from __future__ import annotations

import json
import re

import pytest
from helpers.collect import (
    DEMO_CONFIG,
    PROFILE,
    assert_matches_truth,
    collect,
    load,
    month_figures,
    small_site,
)

from collectors.http import FakeClock
from pipeline.cli import main
from pipeline.demo.replica.server import FaultPlan, ReplicaServer
from pipeline.demo.replica.truth import expected_item, expected_months
from pipeline.store import Store


@pytest.fixture
def site():
    return small_site()


def test_collection_matches_the_ground_truth_item_by_item(site, tmp_path):
    config = load()
    with Store(tmp_path / "db.sqlite") as store, ReplicaServer(site) as server:
        result = collect(config, store, server)
        assert not result.failed and not result.pending
        assert_matches_truth(store, config, site)
        rows = {r["key"]: r for r in store.conn.execute("SELECT * FROM v_items WHERE source='website'")}
        assert len(rows) == len(site.articles)
        for a in site.articles:
            exp, row = expected_item(a), rows[a.path]
            assert row["local_date"] == a.local.date().isoformat(), a.path
            # read from 127.0.0.1, kept under the public address people open
            assert row["url"] == config.site.site.base_url + a.path
            assert (row["eff_kind"], row["eff_unit"], bool(row["with_video"])) == (
                exp["kind"], exp["unit"], exp["with_video"]
            ), (a.path, row["kind_reason"], row["unit_reason"])


def test_generic_fallback_gives_the_same_counts_as_the_profile(site, tmp_path):
    generic, profiled = load(), load(PROFILE)
    with ReplicaServer(site) as server, Store(tmp_path / "a.sqlite") as a, Store(tmp_path / "b.sqlite") as b:
        collect(generic, a, server)
        collect(profiled, b, server)
        for month in site.months():
            assert month_figures(a, generic, month) == month_figures(b, profiled, month)
        sources = {r[0] for r in b.conn.execute("SELECT DISTINCT date_source FROM items")}
        assert sources == {"profile selector"}  # the profile was really used


def test_second_run_counts_nothing_twice_and_new_items_cost_little(site, tmp_path):
    config = load()
    with Store(tmp_path / "db.sqlite") as store, ReplicaServer(site) as server:
        collect(config, store, server)
        total = store.conn.execute("SELECT COUNT(*) FROM items").fetchone()[0]
        server.reset_requests()
        again = collect(config, store, server)
        assert (again.new, again.updated) == (0, 0)
        assert store.conn.execute("SELECT COUNT(*) FROM items").fetchone()[0] == total

        site.add_articles(7)
        server.reset_requests()
        result = collect(config, store, server)
        requests = [p for _, p in server.requests if p != "/robots.txt"]
        assert result.new == 7
        assert len(requests) <= 7 + 3, requests
        assert_matches_truth(store, config, site)


def test_transient_faults_are_retried_with_backoff_and_retry_after(site, tmp_path):
    config = load()
    faults = FaultPlan()
    first, second, third = site.articles[3].path, site.articles[4].path, site.articles[5].path
    faults.statuses(first, [503, 503])
    faults.rate_limit(second, retry_after=7, times=1)
    faults.add(third, truncate=True, times=1)
    clock = FakeClock()
    with Store(tmp_path / "db.sqlite") as store, ReplicaServer(site, faults=faults) as server:
        result = collect(config, store, server, clock=clock)
        assert not result.pending
        assert 7 in clock.sleeps  # Retry-After honoured
        assert 2.0 in clock.sleeps and 4.0 in clock.sleeps  # exponential backoff after 503s
        assert server.count(first) == 3
        assert_matches_truth(store, config, site)


def test_timeouts_are_retried(site, tmp_path):
    config = load({"site": {"politeness": {"timeout": 0.3}}})
    faults = FaultPlan()
    path = site.articles[2].path
    faults.slow(path, seconds=1.0, times=1)
    with Store(tmp_path / "db.sqlite") as store, ReplicaServer(site, faults=faults) as server:
        result = collect(config, store, server, clock=FakeClock())
        assert not result.pending
        assert server.count(path) == 2
        assert_matches_truth(store, config, site)


def test_a_page_that_keeps_failing_is_pending_then_fetched_next_run(site, tmp_path):
    config = load()
    faults = FaultPlan()
    broken, missing = site.articles[6].path, site.articles[8].path
    faults.add(broken, broken="garbage")
    faults.add(missing, status=404)
    with Store(tmp_path / "db.sqlite") as store, ReplicaServer(site, faults=faults) as server:
        result = collect(config, store, server, clock=FakeClock())
        pending = {url.split("://", 1)[1].split("/", 1)[1] for url, _ in result.pending}
        assert pending == {broken.lstrip("/"), missing.lstrip("/")}
        assert all(broken in reason or missing in reason for _, reason in result.pending)
        # listed from the listing entry: counted in its month, flagged as pending
        row = store.get_item("website", broken)
        assert row["status"] == "pending" and row["local_date"] == site.article(broken).local.date().isoformat()
        assert row["url"] == config.site.site.base_url + broken
        faults.clear()
        collect(config, store, server, clock=FakeClock())
        assert store.conn.execute("SELECT COUNT(*) FROM items WHERE status='pending'").fetchone()[0] == 0
        assert_matches_truth(store, config, site)


def test_a_listing_that_loops_stops_without_double_counting(site, tmp_path):
    config = load()
    faults = FaultPlan()
    faults.loop_listing("tin-tuc", after_page=2)
    with Store(tmp_path / "db.sqlite") as store, ReplicaServer(site, faults=faults) as server:
        result = collect(config, store, server)
        assert any("repeats earlier entries" in msg for _, msg in result.errors)
        assert server.count("/tin-tuc/page/") < 10
        faults.clear()
        collect(config, store, server, full=True)
        assert_matches_truth(store, config, site)


def test_site_down_fails_with_exit_1_and_loses_nothing(site, tmp_path, capsys):
    db = tmp_path / "db.sqlite"
    faults = FaultPlan()
    with ReplicaServer(site, faults=faults) as server:
        args = ["collect", "--site-url", server.url, "--delay", "0", "--db", str(db), "--config", str(DEMO_CONFIG)]
        assert main(args) == 0
        before = Store(db).conn.execute("SELECT COUNT(*) FROM items").fetchone()[0]
        site.add_articles(3)
        faults.set_down(True)
        config = load({"site": {"politeness": {"retries": 1}}})
        with Store(db) as store:
            result = collect(config, store, server, clock=FakeClock())
            assert result.failed and server.url in result.message
            assert store.conn.execute("SELECT COUNT(*) FROM items").fetchone()[0] == before
            assert store.runs(1)[0]["outcome"] == "failed"
        faults.set_down(False)
        assert main(args) == 0
    with Store(db) as store:
        assert_matches_truth(store, load(), site)


def test_cli_collect_and_month_report_json(site, tmp_path, capsys):
    db = tmp_path / "db.sqlite"
    with ReplicaServer(site) as server:
        code = main(["collect", "--site-url", server.url, "--delay", "0", "--db", str(db), "--config", str(DEMO_CONFIG)])
    assert code == 0
    capsys.readouterr()
    month = site.months()[0]
    assert main(["report", "month", month, "--db", str(db), "--format", "json", "--config", str(DEMO_CONFIG)]) == 0
    data = json.loads(capsys.readouterr().out)
    truth = expected_months(site)[month]
    assert data["period"] == month
    assert data["website"] == truth["website"]
    w = data["website"]
    assert w["news"] + w["articles"] + w["videos"] == w["total"]
    quotas = {q["id"]: q for q in data["quotas"]}
    assert quotas["B.I.2a"]["actual"] == truth["website"]["news"]
    assert quotas["B.I.2b"]["actual"] == truth["website"]["articles"]


@pytest.mark.parametrize("value", ["not-a-date", "2025-13-01"])
def test_bad_date_is_a_usage_error(value, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["collect", "--since", value])
    assert exc.value.code == 2
    assert "không phải là một ngày" in capsys.readouterr().err


def test_bad_config_exits_2_naming_file_and_key(tmp_path, capsys):
    (tmp_path / "site.toml").write_text("[politeness]\ndelay = -1\n", encoding="utf-8")
    assert main(["collect", "--config", str(tmp_path), "--db", str(tmp_path / "x.sqlite")]) == 2
    err = capsys.readouterr().err
    assert "site.toml" in err and "politeness.delay" in err


def test_the_sitemap_catches_what_a_broken_listing_hides(site, tmp_path):
    config = load()
    faults = FaultPlan()
    faults.add(re.compile(r"^/(tin-tuc|hoat-dong-cong-doan)/page/2$"), status=404)
    with Store(tmp_path / "db.sqlite") as store, ReplicaServer(site, faults=faults) as server:
        collect(config, store, server)
        assert server.count("/sitemap.xml") == 1
        assert_matches_truth(store, config, site)


def test_collect_refuses_to_run_beside_another_run(tmp_path, capsys):
    from pipeline.lock import RunLock, lock_path_for

    db = tmp_path / "db.sqlite"
    with RunLock(lock_path_for(db), command="run-once"):
        assert main(["collect", "--db", str(db), "--site-url", "http://127.0.0.1:9"]) == 1
    assert "another run is in progress" in capsys.readouterr().err


def test_without_a_feed_the_home_page_keeps_incremental_runs_cheap(site, tmp_path):
    config = load()
    faults = FaultPlan()
    faults.add(re.compile(r"^/(feed|rss|rss\.xml|feed\.xml|atom\.xml)$"), status=404)
    with Store(tmp_path / "db.sqlite") as store, ReplicaServer(site, faults=faults) as server:
        collect(config, store, server)
        assert store.get_kv("home_lists_newest") is True
        site.add_articles(4)
        server.reset_requests()
        result = collect(config, store, server)
        requests = [p for _, p in server.requests if p != "/robots.txt"]
        assert result.new == 4
        assert len(requests) <= 4 + 3, requests
        assert not any("/page/" in p for p in requests)
        assert_matches_truth(store, config, site)
