"""The synthetic replica of the website: determinism, pages, feed, conditional GET, faults, truth."""

from __future__ import annotations

import re
import time
import unicodedata
from collections import Counter
from datetime import datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime

import feedparser
import pytest
import requests
from bs4 import BeautifulSoup

from pipeline.demo.replica import text as T
from pipeline.demo.replica.model import LOCAL, build_site, demo_contributors, kind_of
from pipeline.demo.replica.pages import PER_PAGE, last_page
from pipeline.demo.replica.server import FaultPlan, ReplicaServer
from pipeline.demo.replica.truth import expected_month, expected_months


@pytest.fixture(scope="module")
def site():
    return build_site()


@pytest.fixture(scope="module")
def server(site):
    with ReplicaServer(site) as srv:
        yield srv


@pytest.fixture
def fresh():
    """A small site and server of its own, for tests that change the site or add faults."""
    s = build_site(seed=11, months=1, per_month=40)
    plan = FaultPlan()
    with ReplicaServer(s, faults=plan) as srv:
        yield s, srv, plan


def get(url, **kw):
    kw.setdefault("timeout", 5)
    return requests.get(url, **kw)


def soup(html):
    return BeautifulSoup(html, "lxml")


def local_paths(html, base):
    """Article paths linked from a page (any host, query dropped)."""
    out = []
    for a in soup(html).find_all("a", href=True):
        href = a["href"]
        m = re.match(r"^(?:https?://[^/]+)?(/[^?#]*-\d{10}\.html)", href)
        if m:
            out.append(m.group(1))
    return out


def listing_entries(html):
    """(path, date text) of a listing's own entries."""
    out = []
    for box in soup(html).select(".list-news .news-item"):
        link = box.select_one(".news-title a")
        path = re.sub(r"^https?://[^/]+", "", link["href"]).split("?")[0]
        out.append((path, box.select_one(".news-date").get_text(strip=True)))
    return out


# ---------------------------------------------------------------- the model
def test_same_seed_same_site_and_other_seed_differs():
    a, b, c = build_site(), build_site(), build_site(seed=7)

    def key(s):
        return [
            (x.path, x.title, x.published, x.words, x.unit_id, x.byline, x.template)
            for x in s.articles
        ]

    assert key(a) == key(b)
    assert key(a) != key(c)
    assert a.today == b.today
    from pipeline.demo.replica.pages import render_article

    assert render_article(a, a.articles[17]) == render_article(b, b.articles[17])


def test_build_gives_every_month_its_items():  # its speed is measured by bench/bench_replica.py
    s = build_site(per_month=134)
    assert len(s.articles) == 402
    assert Counter(a.month for a in s.articles) == {"2025-03": 134, "2025-04": 134, "2025-05": 134}


def test_a_mix_sets_each_months_counts():
    s = build_site(start="2025-03", mix=((104, 6, 9), (91, 4, 11)))
    truth = expected_months(s)
    assert [(t["website"]["news"], t["website"]["articles"], t["website"]["videos"]) for t in truth.values()] == [
        (104, 6, 9), (91, 4, 11)]  # fmt: skip


def test_month_mix_and_timing(site):
    assert site.months() == ["2025-03", "2025-04", "2025-05"]
    assert [a.published for a in site.articles] == sorted(
        (a.published for a in site.articles), reverse=True
    )
    assert site.today > site.articles[0].local.date()
    for month in site.months():
        items = [a for a in site.articles if a.month == month]
        kinds = Counter(a.kind for a in items)
        assert len(items) == 110
        assert 85 <= kinds["news"] <= 97
        assert 6 <= kinds["article"] <= 8
        assert 8 <= kinds["video"] <= 12
        assert 0.17 <= sum(a.with_video for a in items) / len(items) <= 0.23
        _y, _m = map(int, month.split("-"))
        times = {(a.local.day, a.local.hour, a.local.minute) for a in items}
        assert (1, 0, 30) in times and (1, 6, 0) in times
        last_day = max(a.local.day for a in items)
        assert (last_day, 23, 50) in times
    # the 00:30 item of a month is the previous month in UTC
    first = next(a for a in site.articles if a.local.day == 1 and a.local.hour == 0)
    assert first.published.astimezone(tz=None).utcoffset() is not None
    assert (
        first.published.astimezone(LOCAL).month
        != (first.published - timedelta(hours=7)).replace(tzinfo=None).month
    )


def test_articles_follow_the_stated_shape(site):
    paths = [a.path for a in site.articles]
    assert len(set(paths)) == len(paths)
    created_prev_month = 0
    for a in site.articles:
        assert re.fullmatch(r"/[a-z0-9-]+-\d{10}\.html", a.path)
        assert a.created <= a.published.timestamp()
        assert a.published.timestamp() - a.created <= 7 * 86400
        created_prev_month += datetime.fromtimestamp(a.created, LOCAL).month != a.local.month
        assert a.modified > a.published
        assert a.published.tzinfo is not None and a.published.utcoffset() == timedelta(hours=7)
        assert a.template in "abc" and a.kind in ("news", "article", "video")
        assert a.category in {c.slug for c in site.categories}
        assert a.video in (None, "youtube", "youtu.be", "fbplugin", "video-tag", "embed")
        for s in (a.title, a.lead, *a.paragraphs):
            assert unicodedata.is_normalized("NFC", s)
        assert a.words == T.count_words(a.body_text)
    assert created_prev_month > 0
    assert {a.template for a in site.articles} == {"a", "b", "c"}
    assert {a.video for a in site.articles if a.video} == {
        "youtube",
        "youtu.be",
        "fbplugin",
        "video-tag",
        "embed",
    }


def test_kind_truth_follows_the_rules(site):
    reasons = Counter()
    for a in site.articles:
        kind, reason = kind_of(a.title, a.category, a.words, a.video is not None)
        assert kind == a.kind
        reasons[reason] += 1
        assert a.with_video == (a.kind == "video" or a.video is not None)
    assert set(reasons) == {"title marker", "video category", "player with few words", "in-depth category",
                            "series marker", "long body", "default"}  # fmt: skip
    long_news = [a for a in site.articles if a.kind == "news" and a.words >= 900]
    assert long_news and all(980 <= a.words <= 995 for a in long_news)
    edge_articles = [a for a in site.articles if a.kind_reason == "long body" and a.words < 1100]
    assert edge_articles and all(1000 <= a.words <= 1020 for a in edge_articles)
    # words of long items stay clearly away from 1,000 except the deliberate ones
    for a in site.articles:
        if 900 < a.words < 1150:
            assert 980 <= a.words <= 995 or 1000 <= a.words <= 1020
    # a player with 150 words or more is not a video; with fewer it is
    assert any(a.kind == "news" and a.video and a.words >= 150 for a in site.articles)
    assert any(a.kind_reason == "player with few words" and a.words < 150 for a in site.articles)
    assert any("nhiệm kỳ 2023 - 2028" in a.title and a.kind == "news" for a in site.articles)
    assert any(a.title.startswith(("[VIDEO]", "Clip:", "(Video)")) for a in site.articles)


def test_unit_truth_and_traps(site):
    registry = {c["id"]: c for c in demo_contributors()}
    assert 8 <= len(registry) <= 12
    for a in site.articles:
        if a.is_repost:
            assert a.unit_id is None and a.contributors == []
            assert a.byline.startswith("Theo")
        if a.unit_reason == "contributor":
            assert a.unit_id == registry[a.contributors[0]]["unit"] or any(
                registry[c]["unit"] == a.unit_id for c in a.contributors
            )
        for cid in a.contributors:
            assert cid in registry
    reasons = Counter(a.unit_reason for a in site.articles)
    assert set(reasons) >= {"byline", "contributor", "title", "lead", "none", "repost"}
    # photo credits never attribute, ambiguous Kỳ Anh attributes to nothing
    credited = [a for a in site.articles if "Ảnh: Minh Tâm (LĐLĐ huyện Can Lộc)" in a.byline]
    assert credited and all(a.unit_reason != "byline" for a in credited)
    amb = [
        a
        for a in site.articles
        if a.title.startswith(tuple(T.AMBIGUOUS)) and "phối hợp" not in a.title
    ]
    assert amb and all(a.unit_id is None or a.unit_reason == "byline" for a in amb)
    later = [
        a for a in site.articles if a.title.startswith(tuple(T.AMBIGUOUS)) and "phối hợp" in a.title
    ]
    assert later and all(a.unit_id for a in later)
    # the spellings of SITE.md appear
    text = "\n".join(a.title + "\n" + a.lead + "\n" + a.byline for a in site.articles)
    for variant in (
        "\u00d0",
        "\u00a0",
        "( LĐLĐ",
        "Tổng Liên đoàn Lao động Việt Nam",
        "06/NQ-LĐLĐ",
        "Công đoàn cơ sở",
        "CĐCS",
    ):
        assert variant in text, variant
    assert any(" - " in a.byline and len(a.contributors) == 2 for a in site.articles)
    assert any(a.byline.isupper() and a.contributors for a in site.articles)
    assert any("Theo đó," in p for a in site.articles for p in a.paragraphs if not a.is_repost)


def test_truth_invariants(site):
    months = expected_months(site)
    assert list(months) == site.months()
    for month, rep in months.items():
        w = rep["website"]
        assert w["news"] + w["articles"] + w["videos"] == w["total"] == 110
        attributed = sum(u["news"] + u["articles"] + u["videos"] for u in rep["units"].values())
        assert attributed + rep["unattributed"] == w["total"]
        assert 0.05 <= rep["unattributed"] / w["total"] <= 0.08
        assert all(u["facebook"] == 0 for u in rep["units"].values())
        assert all(sum(u.values()) > 0 for u in rep["units"].values())
        # an independent tally of the same month
        items = [
            a for a in site.articles if a.published.astimezone(LOCAL).strftime("%Y-%m") == month
        ]
        assert w["with_video"] == sum(a.with_video for a in items)
        credits = Counter(c for a in items for c in a.contributors)
        assert {k: sum(v.values()) for k, v in rep["contributors"].items()} == dict(credits)
    assert expected_month(site, "2024-01")["website"]["total"] == 0


# ---------------------------------------------------------------- pages
def test_home_navigation_and_static_pages(server, site):
    home = get(server.url + "/")
    assert home.status_code == 200
    page = soup(home.text)
    nav = {a["href"] for a in page.select("nav a")}
    assert {
        "/tin-tuc",
        "/hoat-dong-cong-doan",
        "/chuyen-de",
        "/phong-su",
        "/video",
        "/gioi-thieu",
        "/lien-he",
    } <= nav
    assert page.find("link", rel="alternate", type="application/rss+xml")["href"] == "/feed"
    assert f"Hôm nay: {T.WEEKDAYS[site.today.weekday()]}, {site.today:%d/%m/%Y}" in home.text
    assert site.articles[0].path in local_paths(home.text, server.url)
    for path in ("/gioi-thieu", "/lien-he"):
        r = get(server.url + path)
        assert r.status_code == 200 and not soup(r.text).select(".list-news")
    assert get(server.url + "/khong-co-trang-nay").status_code == 404
    assert get(server.url + "/khong-co-bai-nay-1234567890.html").status_code == 404


def test_listing_pages_paginate_newest_first_and_404_past_the_end(server, site):
    slug = "tin-tuc"
    expected = site.in_category(slug)
    last = last_page(site, slug)
    assert last >= 3
    seen = []
    for n in range(1, last + 1):
        r = get(server.url + (f"/{slug}" if n == 1 else f"/{slug}/page/{n}"))
        assert r.status_code == 200
        entries = listing_entries(r.text)
        assert len(entries) == (PER_PAGE if n < last else len(expected) - PER_PAGE * (last - 1))
        for path, date_text in entries:
            art = site.article(path)
            assert art.category == slug
            assert date_text == art.local.strftime("%d-%m-%Y")
        seen += [p for p, _ in entries]
        has_next = soup(r.text).find("a", href=f"/{slug}/page/{n + 1}") is not None
        assert has_next == (n < last)
    assert seen == [a.path for a in expected]
    assert get(f"{server.url}/{slug}/page/{last + 1}").status_code == 404
    # links of several styles: absolute with the real host, relative, with tracking parameters
    html = get(f"{server.url}/{slug}/page/2").text + get(f"{server.url}/{slug}").text
    assert T.REAL_BASE + "/" in html and 'href="/' in html and "utm_source=" in html


def test_every_category_has_entries_and_each_article_one_category(server, site):
    listed = Counter()
    for c in site.categories:
        for n in range(1, last_page(site, c.slug) + 1):
            r = get(server.url + (f"/{c.slug}" if n == 1 else f"/{c.slug}/page/{n}"))
            listed.update(p for p, _ in listing_entries(r.text))
    assert set(listed) == {a.path for a in site.articles}
    assert set(listed.values()) == {1}


def test_feed_parses_and_lists_the_newest_twenty(server, site):
    r = get(server.url + "/feed")
    assert r.status_code == 200 and "rss" in r.headers["Content-Type"]
    feed = feedparser.parse(r.content)
    assert not feed.bozo
    assert len(feed.entries) == 20
    for entry, art in zip(feed.entries, site.articles[:20], strict=True):
        assert entry.link == T.REAL_BASE + art.path
        assert entry.title == art.title
        assert parsedate_to_datetime(entry.published) == art.published
        assert "+0700" in entry.published
        assert entry.tags[0].term == site.category(art.category).name
        assert entry.author == T.SITE_NAME


def test_robots_and_sitemap(server, site):
    robots = get(server.url + "/robots.txt").text
    assert "Crawl-delay: 2" in robots and "Disallow: /admin" in robots
    assert f"Sitemap: {server.url}/sitemap.xml" in robots
    sm = BeautifulSoup(get(server.url + "/sitemap.xml").content, "xml")
    locs = {u.find("loc").text: u.find("lastmod").text for u in sm.find_all("url")}
    assert len(locs) == len(site.articles)
    a = site.articles[40]
    assert datetime.fromisoformat(locs[T.REAL_BASE + a.path]) == a.modified


def test_conditional_get(server, site):
    a = site.articles[3]
    r = get(server.url + a.path)
    assert r.status_code == 200 and r.headers["ETag"] and r.headers["Last-Modified"]
    assert parsedate_to_datetime(r.headers["Last-Modified"]) == a.modified
    assert get(server.url + a.path, headers={"If-None-Match": r.headers["ETag"]}).status_code == 304
    assert (
        get(
            server.url + a.path, headers={"If-Modified-Since": r.headers["Last-Modified"]}
        ).status_code
        == 304
    )
    older = format_datetime(a.modified - timedelta(hours=1), usegmt=False)
    assert get(server.url + a.path, headers={"If-Modified-Since": older}).status_code == 200
    assert get(server.url + a.path, headers={"If-None-Match": '"other"'}).status_code == 200
    feed = get(server.url + "/feed")
    assert (
        get(server.url + "/feed", headers={"If-None-Match": feed.headers["ETag"]}).status_code
        == 304
    )


def test_requests_are_logged(fresh):
    _s, srv, _ = fresh
    get(srv.url + "/")
    get(srv.url + "/tin-tuc")
    get(srv.url + "/tin-tuc?x=1")
    assert srv.requests[:3] == [("GET", "/"), ("GET", "/tin-tuc"), ("GET", "/tin-tuc?x=1")]
    assert srv.count("/tin-tuc") == 2 and srv.count() == 3


# ---------------------------------------------------------------- an independent reading
BODY = {"a": "div.content", "b": "div.entry-content", "c": "div.article-body"}


def read_page(html, template, byline):
    page = soup(html)
    for tag in page.select("aside, nav, header.site-header, footer"):
        tag.decompose()
    body = page.select_one(BODY[template])
    players = body.select("iframe, video, embed")
    for tag in body.find_all(["video", "iframe", "script", "noscript", "style", "embed"]):
        tag.decompose()
    paras = body.find_all("p")
    if byline and template in "ab":
        assert " ".join(paras[-1].get_text(" ").split()) == " ".join(byline.split())
        paras[-1].decompose()
    lead = {"a": "div.sapo", "b": None, "c": "p.lead"}[template]
    text = body.get_text(" ") + " " + (page.select_one(lead).get_text(" ") if lead else "")
    return T.count_words(text), players, page


def test_rendered_pages_agree_with_the_truth(server, site):
    rng_sample = site.articles[::7]
    assert {a.template for a in rng_sample} == {"a", "b", "c"}
    for a in rng_sample:
        html = get(server.url + a.path).text
        words, players, page = read_page(html, a.template, a.byline)
        assert words == a.words, a.path
        assert bool(players) == (a.video is not None)
        assert " ".join(page.find("h1").get_text(" ").split()) == " ".join(a.title.split())
        if a.template == "a":
            assert f'"datePublished": "{a.published.isoformat()}"' in html
            assert page.select_one("ol.breadcrumb a[href$='/" + a.category + "']")
        elif a.template == "b":
            assert page.select_one(".post-meta .post-date").get_text() == (
                f"{T.WEEKDAYS[a.local.weekday()]}, {a.local:%d/%m/%Y - %H:%M}"
            )
            assert page.select_one("a[rel~=category]")["href"] == "/" + a.category
            assert "application/ld+json" not in html and "article:published_time" not in html
        else:
            times = page.select("article time")
            assert [t["class"][0] for t in times] == ["updated", "published"]
            assert datetime.fromisoformat(times[1]["datetime"]) == a.published
            author = page.select_one("p.author")
            assert (author.get_text() == f"Tác giả: {a.byline}") if a.byline else author is None
        # the sidebar always carries a player: only the body's count
        assert soup(html).select_one("aside.sidebar iframe[src*='youtube.com/embed']")


def test_new_articles_head_listing_and_feed(fresh):
    s, srv, _ = fresh
    before = get(srv.url + "/feed").text
    new = s.add_articles(3)
    assert [a.published for a in new] == sorted((a.published for a in new), reverse=True)
    assert all(a.published > s.articles[3].published for a in new)
    assert s.articles[:3] == new
    feed = feedparser.parse(get(srv.url + "/feed").content)
    assert [e.link for e in feed.entries[:3]] == [T.REAL_BASE + a.path for a in new]
    assert get(srv.url + "/feed").text != before
    for a in new:
        listing = listing_entries(get(f"{srv.url}/{a.category}").text)
        assert listing[0][0] == s.in_category(a.category)[0].path
        assert a.path in [p for p, _ in listing]
        assert get(srv.url + a.path).status_code == 200
    assert s.today > new[0].local.date()


# ---------------------------------------------------------------- faults
def test_status_sequence_then_normal(fresh):
    s, srv, plan = fresh
    path = s.articles[0].path
    plan.statuses(path, [503, 503])
    assert [get(srv.url + path).status_code for _ in range(3)] == [503, 503, 200]


def test_rate_limit_with_retry_after(fresh):
    _s, srv, plan = fresh
    plan.rate_limit("/tin-tuc", retry_after=7)
    r = get(srv.url + "/tin-tuc")
    assert r.status_code == 429 and r.headers["Retry-After"] == "7"
    assert get(srv.url + "/tin-tuc").status_code == 200


def test_slow_response(fresh):
    _s, srv, plan = fresh
    plan.slow(re.compile(r"^/feed"), 0.3, times=1)
    t = time.perf_counter()
    assert get(srv.url + "/feed").status_code == 200
    assert time.perf_counter() - t >= 0.3
    with pytest.raises(requests.exceptions.Timeout):
        plan.slow("/", 0.5, times=1)
        get(srv.url + "/", timeout=0.1)


def test_truncated_body(fresh):
    s, srv, plan = fresh
    path = s.articles[1].path
    plan.add(path, truncate=True, times=1)
    with pytest.raises(
        (requests.exceptions.ChunkedEncodingError, requests.exceptions.ConnectionError)
    ):
        get(srv.url + path)
    assert get(srv.url + path).status_code == 200


def test_not_found_and_broken_pages(fresh):
    s, srv, plan = fresh
    a, b, c = s.articles[2], s.articles[3], s.articles[4]
    plan.add(a.path, status=404)
    plan.add(b.path, broken="cut")
    plan.add(c.path, broken="garbage")
    assert get(srv.url + a.path).status_code == 404
    cut = get(srv.url + b.path)
    assert (
        cut.status_code == 200
        and "</html>" not in cut.text
        and cut.text.startswith("<!DOCTYPE html>")
    )
    assert a.paragraphs[-1] not in cut.text
    garbage = get(srv.url + c.path)
    assert garbage.status_code == 200 and b"<html" not in garbage.content
    plan.remove(a.path)
    assert get(srv.url + a.path).status_code == 200


def test_listing_that_loops(fresh):
    s, srv, plan = fresh
    slug = "tin-tuc"
    last = last_page(s, slug)
    plan.loop_listing(slug, after_page=last)
    first = listing_entries(get(f"{srv.url}/{slug}").text)
    looped = get(f"{srv.url}/{slug}/page/{last + 1}")
    assert looped.status_code == 200
    assert listing_entries(looped.text) == first
    assert f"/{slug}/page/{last + 2}" in looped.text
    assert listing_entries(get(f"{srv.url}/{slug}/page/{last}").text) != first or last == 1


def test_site_down_and_back(fresh):
    s, srv, plan = fresh
    plan.set_down(True)
    assert get(srv.url + "/").status_code == 503
    assert get(srv.url + s.articles[0].path).status_code == 503
    plan.set_down(True, mode="close")
    with pytest.raises(requests.exceptions.ConnectionError):
        get(srv.url + "/")
    plan.clear()
    assert get(srv.url + "/").status_code == 200


def test_regex_fault_matches_many_paths(fresh):
    s, srv, plan = fresh
    plan.add(re.compile(r"\.html$"), status=500, times=2)
    codes = [get(srv.url + a.path).status_code for a in s.articles[:3]]
    assert codes == [500, 500, 200]
