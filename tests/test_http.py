"""The HTTP seam: politeness, retries, conditional GET, size cap and decoding."""

from __future__ import annotations

import pytest

from collectors.charset import decode
from collectors.http import (
    CircuitOpen,
    FakeClock,
    FetchError,
    HttpClient,
    retry_after,
    vn_duration,
)
from collectors.profile import Politeness
from pipeline.demo.replica.model import build_site
from pipeline.demo.replica.server import FaultPlan, ReplicaServer

UA = "cdht-test/1.0"


@pytest.fixture(scope="module")
def site():
    return build_site(seed=3, start="2025-05", months=1, per_month=12)


def client(**kw):
    clock = kw.pop("clock", FakeClock())
    delay = kw.pop("delay", None)
    state = kw.pop("state", None)
    p = Politeness(user_agent=UA, **{"delay": 0.5, "retries": 2, "backoff": 1.0, **kw})
    return HttpClient(p, clock=clock, delay=delay, state=state), clock


def test_robots_crawl_delay_is_honoured_unless_overridden(site):
    with ReplicaServer(site) as server:
        c, clock = client()
        for a in site.articles[:3]:
            assert c.get(server.url + a.path).status == 200
        assert clock.sleeps == [2.0, 2.0]  # robots.txt says Crawl-delay: 2, more than 0.5
        c, clock = client(delay=0)
        for a in site.articles[:3]:
            c.get(server.url + a.path)
        assert clock.sleeps == []
        assert c.requests == 3 and c.robots_requests == 1


def test_disallowed_paths_are_not_fetched(site):
    with ReplicaServer(site) as server:
        c, _ = client(delay=0)
        with pytest.raises(FetchError, match=r"robots\.txt"):
            c.get(server.url + "/admin/login")
        assert server.count("/admin") == 0


def test_gives_up_after_the_retries_with_a_message_naming_the_url(site):
    faults = FaultPlan()
    path = site.articles[0].path
    faults.statuses(path, [503, 503, 503, 503])
    with ReplicaServer(site, faults=faults) as server:
        c, clock = client(delay=0)
        with pytest.raises(FetchError) as exc:
            c.get(server.url + path)
        assert path in str(exc.value) and "HTTP 503" in str(exc.value)
        assert clock.sleeps == [1.0, 2.0]
        assert server.count(path) == 3


def test_a_retry_after_within_max_backoff_is_waited(site):
    faults = FaultPlan()
    path = site.articles[1].path
    faults.rate_limit(path, retry_after=20, times=1)
    with ReplicaServer(site, faults=faults) as server:
        c, clock = client(delay=0, max_backoff=30)
        assert c.get(server.url + path).status == 200
        assert clock.sleeps == [20]


def test_a_retry_after_past_max_backoff_ends_the_run_at_once(site):
    faults = FaultPlan()
    path = site.articles[1].path
    faults.rate_limit(path, retry_after=86400, times=1)
    with ReplicaServer(site, faults=faults) as server:
        c, clock = client(delay=0, max_backoff=30)
        with pytest.raises(CircuitOpen) as exc:
            c.get(server.url + path)
        assert "trang web yêu cầu quay lại sau 24 giờ" in str(exc.value)
        assert clock.sleeps == [] and server.count(path) == 1  # not waited, not retried
        with pytest.raises(CircuitOpen):  # and nothing else is asked for tonight
            c.get(server.url + site.articles[2].path)
        assert server.count(site.articles[2].path) == 0


def test_conditional_get_and_body_hash(site, store):
    with ReplicaServer(site) as server:
        c, _ = client(delay=0, state=store)
        url = server.url + site.articles[2].path
        first = c.get(url, conditional=True)
        assert first.status == 200 and not first.not_modified
        assert store.fetch_state(url)["etag"]
        again = c.get(url, conditional=True)
        assert again.status == 304 and again.not_modified


def test_size_cap(site):
    with ReplicaServer(site) as server:
        c, _ = client(delay=0, max_bytes=2000)
        with pytest.raises(FetchError, match="limit"):
            c.get(server.url + site.articles[0].path)


def test_a_404_is_returned_not_retried(site):
    with ReplicaServer(site) as server:
        c, clock = client(delay=0)
        assert c.get(server.url + "/khong-co-trang-nay-1700000000.html").status == 404
        assert clock.sleeps == []


def test_decoding_by_header_then_meta_then_utf8():
    text = "Liên đoàn Lao động huyện Đức Thọ"
    assert decode(text.encode("utf-8"), "text/html; charset=UTF-8") == text
    body = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><p>Caf\u00e9</p>'.encode("cp1252")
    assert "Café" in decode(body, "text/html")
    assert decode(text.encode("utf-8"), "text/html") == text


def test_retry_after_values():
    assert retry_after("7", 0) == 7.0
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT", 1445412470) == 10.0
    assert retry_after("soon", 0) is None
    assert retry_after(None, 0) is None


def test_durations_in_vietnamese():
    assert vn_duration(86400) == "24 giờ"
    assert vn_duration(5400) == "1 giờ 30 phút"
    assert vn_duration(90) == "2 phút"
    assert vn_duration(45) == "45 giây"
