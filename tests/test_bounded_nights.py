"""A site going bad ends the night within its bound, with nothing lost.

A ``Retry-After`` longer than the run may wait ends it at once; pages that each cost a whole
timeout or deadline (a server that hangs before its headers, a body dripped) trip the breaker
after ``stop_after_slow_failures`` attempts; a streak of failures lasting ``stop_after_seconds``
and the run's own ``run_deadline`` end it too. Each bad night exits 1 with everything it did not
read kept as pending, and the clean night after it gives the ground truth's counts.

Waits go through FakeClock; genuinely slow sockets get small configured timeouts.
"""

from __future__ import annotations

import re
import time

import pytest
from helpers.collect import assert_matches_truth, collect, load, small_site
from helpers.nightly import write_config

from collectors.http import FakeClock
from pipeline.cli import main
from pipeline.demo.replica.server import FaultPlan, ReplicaServer
from pipeline.store import Store

ARTICLE = re.compile(r"^/[a-z0-9-]+-\d{10}\.html")


def paths_of(articles) -> re.Pattern:
    return re.compile("^(" + "|".join(re.escape(a.path) for a in articles) + ")$")


def article_requests(server, pattern=ARTICLE) -> int:
    return sum(1 for _, p in server.requests if pattern.match(p))


def pending(store) -> int:
    return store.conn.execute("SELECT COUNT(*) FROM items WHERE status = 'pending'").fetchone()[0]


@pytest.fixture
def night(tmp_path):
    """A store that has had one clean night; ``site`` has 12 new articles since."""
    site = small_site(seed=31)
    faults = FaultPlan()
    with Store(tmp_path / "db.sqlite") as store, ReplicaServer(site, faults=faults) as server:
        yield site, faults, store, server


def first_night(site, store, server, config):
    assert not collect(config, store, server).failed
    added = site.add_articles(12)
    server.reset_requests()
    return added


# ---------------------------------------------------------------- Retry-After
def test_a_retry_after_of_a_day_ends_the_night_at_once_keeping_everything(night):
    site, faults, store, server = night
    config = load()
    added = first_night(site, store, server, config)
    faults.add(ARTICLE, statuses=[429] * 100, retry_after=86400)
    clock = FakeClock()
    result = collect(config, store, server, clock=clock, delay=None)
    assert result.failed
    assert "trang web yêu cầu quay lại sau 24 giờ" in result.message, result.message
    assert "12 page(s) kept as pending" in result.message
    assert article_requests(server) == 1  # asked once, not retried, nothing else asked for
    assert sum(clock.sleeps) <= 5  # the polite delay only, never the day asked for
    assert pending(store) == len(added)
    faults.clear()
    assert not collect(config, store, server, clock=FakeClock()).failed
    assert pending(store) == 0
    assert_matches_truth(store, config, site)


def test_run_once_exits_1_saying_to_come_back_later(night, tmp_path, capsys):
    site, faults, store, server = night
    conf = write_config(tmp_path / "conf", tmp_path, site="max_backoff = 1\n")
    first_night(site, store, server, load())
    store.close()
    faults.add(ARTICLE, statuses=[503] * 100, retry_after=7200)
    args = ["run-once", "--site-url", server.url, "--delay", "0", "--db", str(tmp_path / "db.sqlite"),
            "--config", str(conf)]  # fmt: skip
    started = time.monotonic()
    assert main(args) == 1
    assert time.monotonic() - started < 20
    err = capsys.readouterr().err
    assert "trang web yêu cầu quay lại sau 2 giờ" in err, err
    assert article_requests(server) == 1


# ---------------------------------------------------------------- slow failures
def slow_config(**kw):
    politeness = {"timeout": 0.2, "deadline": 0.5, "backoff": 1.0, **kw}
    return load({"site": {"politeness": politeness}})


@pytest.mark.parametrize("kind", ["hang", "drip"])
def test_pages_that_each_cost_a_deadline_trip_the_breaker_after_three(kind, night):
    site, faults, store, server = night
    config = slow_config()
    added = first_night(site, store, server, config)
    bad = paths_of(added)
    if kind == "hang":  # accepts, reads the request, never sends its headers
        faults.add(bad, delay=3)
    else:  # a byte every 0.1 s: every read answers, the whole page never arrives by the deadline
        faults.add(bad, drip=0.1)
    clock = FakeClock()
    started = time.monotonic()
    result = collect(config, store, server, clock=clock, delay=None)
    elapsed = time.monotonic() - started
    assert result.failed and "each cost a whole timeout or deadline" in result.message, result.message
    assert article_requests(server, bad) == 3  # one quick retry, then one attempt: three in a row
    assert sum(clock.sleeps) < 20, clock.sleeps
    assert elapsed < 3 * 0.5 + 2.5  # three deadlines and the clean pages, not twelve pages' worth
    assert pending(store) == len(added)
    faults.clear()
    assert not collect(config, store, server, clock=FakeClock()).failed
    assert_matches_truth(store, config, site)


def test_a_streak_of_failures_longer_than_its_bound_ends_the_night(night):
    """503 with a Retry-After the settings allow, on every new page: waited out, but only for
    ``stop_after_seconds`` in all."""
    site, faults, store, server = night
    config = load({"site": {"politeness": {"max_backoff": 120}}})
    added = first_night(site, store, server, config)
    faults.add(paths_of(added), statuses=[503] * 100, retry_after=100)
    clock = FakeClock()
    result = collect(config, store, server, clock=clock, delay=None)
    assert result.failed and "requests kept failing for" in result.message, result.message
    assert sum(clock.sleeps) <= 150 + 5, clock.sleeps  # not 5 × 100 s per page for 8 pages
    assert pending(store) == len(added)
    faults.clear()
    assert not collect(config, store, server, clock=FakeClock()).failed
    assert_matches_truth(store, config, site)


def test_the_run_deadline_ends_a_night_that_runs_away(night):
    site, _, store, server = night
    config = load({"site": {"politeness": {"run_deadline": 6}}})
    added = first_night(site, store, server, config)
    clock = FakeClock()
    result = collect(config, store, server, clock=clock, delay=None)  # 1 s between requests
    assert result.failed and "run_deadline = 6 s" in result.message, result.message
    assert sum(clock.sleeps) <= 7
    assert 0 < pending(store) <= len(added)
    assert not collect(load(), store, server, clock=FakeClock()).failed
    assert pending(store) == 0
    assert_matches_truth(store, config, site)


# ---------------------------------------------------------------- robots.txt (RFC 9309)
def age_robots_copy(store, server, hours: float) -> None:
    from collectors.robots import KV_ROBOTS

    key = KV_ROBOTS + server.url.split("//", 1)[1]
    entry = store.get_kv(key)
    entry["fetched"] -= hours * 3600
    store.set_kv(key, entry)


@pytest.mark.parametrize("fault", [{"status": 503}, {"status": 500}, {"delay": 3}, {"close": True}])
def test_a_robots_txt_that_cannot_be_read_disallows_the_whole_site_for_the_night(fault, night):
    site, faults, store, server = night
    config = slow_config()
    first_night(site, store, server, config)
    remembered = {k: store.get_kv(k) for k in ("feeds", "categories", "not_listings")}
    age_robots_copy(store, server, 25)  # the copy read last night is too old to use
    faults.add("/robots.txt", **fault)
    result = collect(config, store, server, clock=FakeClock(), delay=None)
    assert result.failed and "không đọc được robots.txt" in result.message, result.message
    assert "RFC 9309" in result.message
    assert [p for _, p in server.requests if p != "/robots.txt"] == []  # not one page asked for
    assert server.count("/robots.txt") <= 2
    assert {k: store.get_kv(k) for k in remembered} == remembered
    faults.clear()
    assert not collect(config, store, server, clock=FakeClock()).failed
    assert_matches_truth(store, config, site)


def test_cli_collect_exits_1_when_robots_txt_answers_503(tmp_path, capsys):
    from helpers.collect import DEMO_CONFIG

    site = small_site(seed=31)
    faults = FaultPlan()
    faults.add("/robots.txt", status=503)
    with ReplicaServer(site, faults=faults) as server:
        code = main(["collect", "--site-url", server.url, "--delay", "0", "--db", str(tmp_path / "db.sqlite"),
                     "--config", str(DEMO_CONFIG)])  # fmt: skip
        assert code == 1
        assert [p for _, p in server.requests if p != "/robots.txt"] == []
    err = capsys.readouterr().err
    assert "không đọc được robots.txt" in err and "HTTP 503" in err, err


def test_robots_txt_answering_404_means_no_rules_for_24_hours(night):
    site, faults, store, server = night
    faults.add("/robots.txt", status=404)
    config = load()
    assert not collect(config, store, server, clock=FakeClock()).failed
    faults.clear()
    faults.add("/robots.txt", status=503)  # the 404 read an hour ago still holds
    site.add_articles(3)
    assert not collect(config, store, server, clock=FakeClock()).failed
    assert server.count("/robots.txt") == 1
    assert_matches_truth(store, config, site)


def test_a_robots_txt_read_in_the_last_24_hours_is_used_without_asking_again(night):
    site, faults, store, server = night
    config = load()
    first_night(site, store, server, config)
    faults.add("/robots.txt", status=503)  # would stop the night, if it were asked for
    assert not collect(config, store, server, clock=FakeClock()).failed
    assert server.count("/robots.txt") == 0
    age_robots_copy(store, server, 23)
    site.add_articles(2)
    assert not collect(config, store, server, clock=FakeClock()).failed
    assert server.count("/robots.txt") == 0
    age_robots_copy(store, server, 2)  # now 25 hours old: asked for again
    faults.clear()
    assert not collect(config, store, server, clock=FakeClock()).failed
    assert server.count("/robots.txt") == 1
    assert_matches_truth(store, config, site)


def test_a_crawl_delay_longer_than_the_night_ends_it_at_once(night):
    site, faults, store, server = night
    config = load()
    faults.add("/robots.txt", body="User-agent: *\nCrawl-delay: 86400\n")
    clock = FakeClock()
    result = collect(config, store, server, clock=clock, delay=None)
    assert result.failed and "run_deadline" in result.message, result.message
    assert clock.sleeps == [] and server.count("/") == 2  # robots.txt and the home page
    faults.clear()
    age_robots_copy(store, server, 25)
    assert not collect(config, store, server, clock=FakeClock()).failed
    assert_matches_truth(store, config, site)


def test_a_server_that_accepts_and_never_answers_ends_the_night_in_three_timeouts(tmp_path):
    """The site's address still accepts connections (the kernel's backlog) but nothing answers;
    robots.txt was read last night, so the pages themselves time out."""
    import socket

    site = small_site(seed=31)
    config = slow_config()
    db = tmp_path / "db.sqlite"
    with Store(db) as store, ReplicaServer(site) as server:
        collect(config, store, server)
        url, port = server.url, int(server.url.rsplit(":", 1)[1])
    site.add_articles(5)
    mute = socket.socket()
    mute.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    mute.bind(("127.0.0.1", port))
    mute.listen(64)  # never accepted, never answered
    try:
        clock = FakeClock()
        started = time.monotonic()
        with Store(db) as store:
            from pipeline.collect import collect_website

            result = collect_website(config, store, site_url=url, clock=clock, progress=lambda m: None)
        elapsed = time.monotonic() - started
    finally:
        mute.close()
    assert result.failed and "each cost a whole timeout or deadline" in result.message, result.message
    assert elapsed < 3 * 0.2 + 2  # three timeouts of 0.2 s
    assert sum(clock.sleeps) < 10, clock.sleeps
    with Store(db) as store, ReplicaServer(site, port=port) as server:
        assert not collect(config, store, server, clock=FakeClock()).failed
        assert_matches_truth(store, config, site)


class HeaderDripper:
    """A server that answers every request with its status line, then drips its headers a
    byte every ``gap`` seconds (a read timeout never fires), then a tiny page."""

    def __init__(self, gap: float = 0.05, header_bytes: int = 200):
        import socket
        import threading

        self.gap, self.header_bytes = gap, header_bytes
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.requests = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        import threading

        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn):
        try:
            conn.recv(65536)
            self.requests += 1
            conn.sendall(b"HTTP/1.1 200 OK\r\n")
            for _ in range(self.header_bytes):
                conn.sendall(b"X-Slow: a\r\n"[:1])
                time.sleep(self.gap)
            conn.sendall(b"\r\nContent-Length: 7\r\n\r\n<html/>")
        except OSError:
            pass
        finally:
            conn.close()

    def close(self):
        self.sock.close()


def test_headers_dripped_forever_are_cut_off_at_the_deadline():
    from collectors.http import FetchError, HttpClient
    from collectors.profile import Politeness

    server = HeaderDripper()
    try:
        p = Politeness(user_agent="cdht-test", delay=0, timeout=0.2, deadline=0.5, respect_robots=False)
        clock = FakeClock()
        client = HttpClient(p, clock=clock)
        started = time.monotonic()
        with pytest.raises(FetchError) as exc:
            client.get(server.url + "/tin-tuc")
        elapsed = time.monotonic() - started
    finally:
        server.close()
    assert exc.value.kind == "slow" and "0.5 s deadline" in str(exc.value)
    assert server.requests == 2 and elapsed < 2.5  # two attempts of half a second, not 10 s each


def test_an_attempt_that_would_take_the_streak_past_its_bound_is_not_made(night):
    """A dripped page costs the whole deadline: two of them and a third would outlast
    ``stop_after_seconds``, so the night stops after two (with the defaults: about 2 minutes,
    not 3 × 60 s)."""
    site, faults, store, server = night
    config = slow_config(backoff=0.1, stop_after_seconds=1.3)
    added = first_night(site, store, server, config)
    bad = paths_of(added)
    faults.add(bad, drip=0.1)
    result = collect(config, store, server, clock=FakeClock())
    assert result.failed and "stop_after_seconds" in result.message, result.message
    assert article_requests(server, bad) == 2
    assert pending(store) == len(added)
    faults.clear()
    assert not collect(config, store, server, clock=FakeClock()).failed
    assert_matches_truth(store, config, site)


def test_a_robots_txt_redirecting_in_a_loop_is_unavailable_so_no_rules(night):
    site, faults, store, server = night
    faults.add("/robots.txt", redirect="/robots.txt")
    config = load()
    assert not collect(config, store, server, clock=FakeClock()).failed
    assert_matches_truth(store, config, site)
