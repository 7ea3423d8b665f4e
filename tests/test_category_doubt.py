"""Category state only on evidence: a night whose listings answer 404 while the rest of the site
answers forgets no category; a category is dropped only after several nights of 404 while the
navigation leaves it out, and `cdht status` lists the categories in doubt."""

from __future__ import annotations

import re

import pytest
from helpers.collect import DEMO_CONFIG, assert_matches_truth, collect, load, small_site

from collectors.http import FakeClock
from collectors.website.category_state import KV_DOUBT, NightView, update_doubt
from pipeline.cli import main
from pipeline.demo.replica.server import FaultPlan, ReplicaServer
from pipeline.store import Store


def _listings(site, slugs=None) -> re.Pattern:
    slugs = slugs or [c.slug for c in site.categories]
    return re.compile(rf"^/({'|'.join(map(re.escape, slugs))})(/page/\d+)?/?(\?|$)")


@pytest.mark.parametrize("status", [404, 410, 503])
@pytest.mark.parametrize("first", [True, False], ids=["first-night", "later-night"])
def test_a_night_of_failing_listings_forgets_no_category(tmp_path, capsys, status, first):
    site = small_site(seed=41)
    config = load()
    faults = FaultPlan()
    real = sorted(c.slug for c in site.categories if c.in_nav and site.in_category(c.slug))
    with Store(tmp_path / "db.sqlite") as store, ReplicaServer(site, faults=faults) as server:
        if not first:
            collect(config, store, server)
            site.add_articles(40)  # more than the feed shows: the listings are walked
        faults.add(_listings(site), status=status)
        collect(config, store, server, clock=FakeClock())
        assert not set(real) & set(store.get_kv("not_listings", []))
        if status != 503:  # a 5xx is waited out and retried: an error of the night, no more
            assert set(real) <= set(store.get_kv(KV_DOUBT))
            capsys.readouterr()
            assert main(["status", "--db", str(store.path), "--config", str(DEMO_CONFIG)]) == 0
            out = capsys.readouterr().out
            assert "chuyên mục đang nghi vấn" in out.lower() and f"/{real[0]}" in out
        faults.clear()
        collect(config, store, server)
        assert not store.get_kv(KV_DOUBT)
        assert set(real) <= set(store.get_kv("categories"))
        assert_matches_truth(store, config, site)


def _night(today, **kw):
    base = dict(today=today, others_answered=True, nav_read=True, nav=set(), answered=set(),
                failed={"a": 404}, listed={"a"}, configured={"tin-tuc"})  # fmt: skip
    return NightView(**(base | kw))


def test_a_category_is_dropped_only_after_the_nights_in_a_row():
    doubt, drop = {}, []
    for day in range(1, 7):
        doubt, drop = update_doubt(doubt, _night(f"2025-05-0{day}"), 7)
        assert drop == []
    doubt, drop = update_doubt(doubt, _night("2025-05-06"), 7)  # the same night again counts once
    assert drop == [] and doubt["a"]["nights"] == 6
    back, _ = update_doubt(doubt, _night("2025-05-07", nav={"a"}), 7)  # linked again: afresh
    assert back["a"]["nights"] == 0
    bad, drop = update_doubt(doubt, _night("2025-05-07", others_answered=False), 7)  # no evidence
    assert drop == [] and bad["a"]["nights"] == 6
    five, drop = update_doubt(doubt, _night("2025-05-07", failed={"a": 503}), 7)
    assert drop == [] and five["a"]["nights"] == 6
    doubt, drop = update_doubt(doubt, _night("2025-05-07"), 7)
    assert drop == ["a"] and "a" not in doubt
    conf, drop = update_doubt({}, _night("2025-05-01", failed={"tin-tuc": 404}), 1)
    assert drop == [] and "tin-tuc" in conf  # a configured category is never dropped
    ok, _ = update_doubt(conf, _night("2025-05-02", failed={}, answered={"tin-tuc"}), 1)
    assert ok == {}
