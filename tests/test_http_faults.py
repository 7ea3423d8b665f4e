"""A failing site costs minutes, not hours: fast failure of refused connections, a total deadline
per request, the run's circuit breaker, usage errors for bad addresses and delays, and a wrong
charset in the HTTP header.

Waits go through FakeClock (no test sleeps); the replica on 127.0.0.1 injects the faults, and a
clean run after each fault gives the ground truth's counts.
"""

from __future__ import annotations

import logging
import re
import socket
import time

import pytest
from helpers.collect import DEMO_CONFIG, assert_matches_truth, collect, load, small_site

from collectors.charset import decode_page
from collectors.http import CircuitOpen, FakeClock, FetchError, HttpClient
from collectors.profile import Politeness
from pipeline.cli import main
from pipeline.demo.replica.model import build_site
from pipeline.demo.replica.server import FaultPlan, ReplicaServer
from pipeline.store import Store

UA = "cdht-test/1.0"
ARTICLE = re.compile(r"^/[a-z0-9-]+-\d{10}\.html")


def closed_port_url() -> str:
    """An address on 127.0.0.1 where nothing listens: connections are refused."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def client(**kw) -> tuple[HttpClient, FakeClock]:
    clock = FakeClock()
    p = Politeness(user_agent=UA, **{"delay": 0, "retries": 4, "backoff": 1.0, **kw})
    return HttpClient(p, clock=clock, delay=0), clock


@pytest.fixture(scope="module")
def tiny():
    return build_site(seed=5, start="2025-05", months=1, per_month=12)


# ---------------------------------------------------------------- the HTTP seam
def test_a_refused_connection_gets_one_quick_retry():
    c, clock = client(respect_robots=False)
    with pytest.raises(FetchError) as exc:
        c.get(closed_port_url() + "/")
    assert exc.value.kind == "connect" and "cannot connect" in str(exc.value)
    assert c.requests == 2 and clock.sleeps == [1.0]


def test_a_slow_server_still_gets_a_retry(tiny):
    faults = FaultPlan()
    path = tiny.articles[0].path
    faults.slow(path, seconds=0.4, times=1)
    with ReplicaServer(tiny, faults=faults) as server:
        c, clock = client(timeout=0.2)
        assert c.get(server.url + path).status == 200
        assert server.count(path) == 2 and clock.sleeps == [1.0]  # a quick one: each costs a timeout


def test_a_dripping_body_is_cut_at_the_deadline(tiny):
    faults = FaultPlan()
    path = tiny.articles[1].path
    faults.drip(path, seconds_per_byte=0.01)
    with ReplicaServer(tiny, faults=faults) as server:
        c, clock = client(timeout=5, deadline=0.3)
        started = time.monotonic()
        with pytest.raises(FetchError) as exc:
            c.get(server.url + path)
        elapsed = time.monotonic() - started
    assert exc.value.kind == "slow" and "0.3 s deadline" in str(exc.value)
    assert server.count(path) == 2 and clock.sleeps == [1.0]  # one quick retry
    assert elapsed < 3  # two attempts of 0.3 s each, not the minutes the body would take


def test_the_breaker_trips_after_n_failures_of_a_kind_and_a_success_resets_it(tiny):
    faults = FaultPlan()
    failing = [a.path for a in tiny.articles[:6]]
    for path in failing:
        faults.add(path, status=500)
    with ReplicaServer(tiny, faults=faults) as server:
        c, _ = client(stop_after_failures=3)
        for path in failing[:2]:
            with pytest.raises(FetchError):
                c.get(server.url + path)
        assert c.get(server.url + tiny.articles[8].path).status == 200  # resets the streak
        assert server.count(failing[0]) == 5  # the first failure gets all its retries
        assert server.count(failing[1]) == 2  # while failing, one retry each
        for path in failing[2:5]:
            with pytest.raises(FetchError):
                c.get(server.url + path)
        sent = server.count()
        with pytest.raises(CircuitOpen) as exc:
            c.get(server.url + failing[5])
        assert server.count() == sent  # no request once tripped
        assert "3 failed requests in a row" in str(exc.value) and "HTTP 5xx" in str(exc.value)


def test_a_malformed_address_is_not_retried():
    c, clock = client()
    with pytest.raises(FetchError) as exc:
        c.get("notaurl")
    assert exc.value.kind == "url" and clock.sleeps == [] and c.requests == 1


# ---------------------------------------------------------------- whole runs
def test_a_site_that_is_down_fails_within_bounded_attempts_and_seconds(tmp_path):
    """The bundled politeness (4 retries, 2 s backoff, 1 s delay): refused connections."""
    site = small_site()
    db = tmp_path / "db.sqlite"
    config = load()
    with ReplicaServer(site) as server, Store(db) as store:
        collect(config, store, server)
        remembered = {k: store.get_kv(k) for k in ("feeds", "categories", "not_listings", "home_lists_newest")}
        site.add_articles(30)
        url = server.url
    clock = FakeClock()
    with Store(db) as store:  # the server is gone: every connection is refused
        from pipeline.collect import collect_website

        result = collect_website(config, store, site_url=url, clock=clock, progress=lambda m: None)
        assert result.failed and url in result.message
        assert "could not be reached" in result.message and "could not be connected to" in result.message
        assert result.requests <= 12
        assert sum(clock.sleeps) <= 30, clock.sleeps
        assert store.runs(1)[0]["outcome"] == "failed"
        assert {k: store.get_kv(k) for k in remembered} == remembered  # a down night proves nothing
    with ReplicaServer(site) as server, Store(db) as store:
        result = collect(config, store, server)
        assert not result.failed
        assert_matches_truth(store, config, site)


def test_a_site_that_drops_every_connection_fails_within_minutes(tmp_path):
    site = small_site()
    config = load()
    faults = FaultPlan()
    with Store(tmp_path / "db.sqlite") as store, ReplicaServer(site, faults=faults) as server:
        collect(config, store, server)
        site.add_articles(6)
        faults.set_down(True, mode="close")
        server.reset_requests()
        clock = FakeClock()
        result = collect(config, store, server, clock=clock, delay=None)
        assert result.failed and "could not be reached" in result.message
        assert "dropped" in result.message
        assert sum(clock.sleeps) < 120, clock.sleeps
        assert server.count() <= 5 + 7 * 2 + 2
        faults.set_down(False)
        collect(config, store, server)
        assert_matches_truth(store, config, site)


def test_a_site_answering_500_to_every_article_stops_and_keeps_them_pending(tmp_path):
    site = small_site()
    config = load()
    faults = FaultPlan()
    faults.add(ARTICLE, status=500)
    clock = FakeClock()
    with Store(tmp_path / "db.sqlite") as store, ReplicaServer(site, faults=faults) as server:
        result = collect(config, store, server, clock=clock, delay=None)
        assert result.failed
        assert "stopped after 8 failed requests in a row" in result.message and "HTTP 5xx" in result.message
        assert "kept as pending" in result.message
        assert sum(clock.sleeps) < 120, sum(clock.sleeps)  # not the hours of 5 tries per article
        article_requests = sum(1 for _, p in server.requests if ARTICLE.match(p))
        assert article_requests <= 5 + 7 * 2
        pending = store.conn.execute("SELECT COUNT(*) FROM items WHERE status = 'pending'").fetchone()[0]
        assert pending == len(result.pending) >= 8  # the page's entries kept from the listing
        faults.clear()
        again = collect(config, store, server, clock=FakeClock())
        assert not again.failed and not again.pending
        assert_matches_truth(store, config, site)


def test_a_dripping_article_is_pending_then_read(tmp_path):
    site = small_site()
    config = load({"site": {"politeness": {"deadline": 0.3}}})
    faults = FaultPlan()
    path = site.articles[4].path
    faults.drip(path, seconds_per_byte=0.01)
    with Store(tmp_path / "db.sqlite") as store, ReplicaServer(site, faults=faults) as server:
        result = collect(config, store, server, clock=FakeClock())
        assert [url for url, _ in result.pending] == [server.url + path]
        assert "deadline" in result.pending[0][1]
        faults.clear()
        collect(config, store, server, clock=FakeClock())
        assert_matches_truth(store, config, site)


def test_cli_down_site_exits_1_and_says_why(tmp_path, capsys):
    cfg = tmp_path / "cfg"
    cfg.mkdir()
    (cfg / "site.toml").write_text("[politeness]\nbackoff = 0\n", encoding="utf-8")
    for f in DEMO_CONFIG.glob("*.toml"):
        (cfg / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    url = closed_port_url()
    code = main(["collect", "--site-url", url, "--delay", "0", "--db", str(tmp_path / "db.sqlite"),
                 "--config", str(cfg)])  # fmt: skip
    assert code == 1
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert last.startswith(f"cdht: {url}: the site could not be reached")
    assert "robots.txt could not be fetched" in last and "Connection refused" in last


@pytest.mark.parametrize("command", ["collect", "run-once"])
@pytest.mark.parametrize("value", ["notaurl", "ftp://x", "http://", "https:///tin-tuc", "http://a b.vn"])
def test_a_malformed_site_url_is_a_usage_error(command, value, capsys):
    with pytest.raises(SystemExit) as exc:
        main([command, "--site-url", value])
    assert exc.value.code == 2
    assert "không phải là một địa chỉ web" in capsys.readouterr().err


@pytest.mark.parametrize("value", ["inf", "nan", "-inf", "1e999"])
def test_an_infinite_delay_is_a_usage_error(value, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["collect", f"--delay={value}"])
    assert exc.value.code == 2
    assert "không phải là một số giây hữu hạn" in capsys.readouterr().err


# ---------------------------------------------------------------- the charset
def test_valid_utf8_wins_over_a_latin1_header_and_a_valid_single_byte_page_over_utf8():
    text = "Liên đoàn Lao động huyện Đức Thọ"
    page = f'<html><head><meta charset="utf-8"></head><body>{text}</body></html>'.encode()
    decoded, note = decode_page(page, "text/html; charset=ISO-8859-1")
    assert text in decoded and "ISO-8859-1" in note and "read as utf-8" in note
    legacy = f'<meta http-equiv="Content-Type" content="text/html; charset=windows-1258"><p>{text}</p>'
    body = legacy.encode("cp1258", "ignore")
    decoded, note = decode_page(body, "text/html; charset=utf-8")
    assert decoded == body.decode("cp1258") and "windows-1258" in note
    assert decode_page(page, "text/html; charset=utf-8") == (page.decode(), "")


def test_a_wrong_header_charset_gives_the_truth_and_is_said_once(tmp_path, caplog):
    site = small_site()
    config = load()
    faults = FaultPlan()
    faults.add(re.compile(r"^/"), charset="ISO-8859-1")
    with Store(tmp_path / "db.sqlite") as store, ReplicaServer(site, faults=faults) as server:
        with caplog.at_level(logging.WARNING, logger="cdht.http"):
            result = collect(config, store, server)
        said = [r for r in caplog.records if "charset=ISO-8859-1" in r.getMessage()]
        assert len(said) == 1 and "said once per run" in said[0].getMessage()
        assert sum("charset=ISO-8859-1" in msg for _, msg in result.errors) == 1
        assert_matches_truth(store, config, site)  # units attributed from correct Vietnamese
        titles = [r[0] for r in store.conn.execute("SELECT title FROM items")]
        assert len(titles) == len(site.articles)
        assert not [t for t in titles if re.search("[ÃÄÆÂ][\x80-\xbf]|Ã|Ä\x91", t)]  # no mojibake
