"""The Graph API reader against the local Graph server: counting rules, paging, stops, errors."""

from __future__ import annotations

import pytest

from collectors.facebook.common import local_month
from collectors.facebook.graph import (
    GraphError,
    GraphResponseError,
    GraphTarget,
    GraphTokenError,
    read_page,
    redact,
)
from collectors.http import FakeClock, HttpClient
from collectors.profile import Politeness
from tests.helpers.graph_server import (
    GraphServer,
    album_attachment,
    graph_post,
    graph_reel,
    photo_attachment,
    share_attachment,
    video_attachment,
)

PAGE = "104723456789012"
TOKEN = "EAAGsecretTOKEN123456"
ARTICLE = "https://congdoanhatinh.org.vn/tin-tuc/hoi-nghi-1542774243.html"


def client(clock=None) -> HttpClient:
    p = Politeness(delay=0, retries=4, backoff=30, max_backoff=900, respect_robots=False,
                   user_agent="cdht-test")  # fmt: skip
    return HttpClient(p, clock=clock or FakeClock())


def target(g: GraphServer, token: str = TOKEN, size: int = 25) -> GraphTarget:
    return GraphTarget(g.url, "v23.0", PAGE, token, page_size=size)


def sample_page() -> GraphServer:
    posts = [
        graph_post(PAGE, "1001", "2025-03-31 23:30:10", "Hội nghị người lao động",
                   attachments=[photo_attachment()]),
        graph_post(PAGE, "1002", "2025-04-01 06:00:05", "[Video] Tháng Công nhân",
                   attachments=[video_attachment("5551")]),
        graph_post(PAGE, "1003", "2025-04-10 09:00:00", "Bài trên website",
                   attachments=[share_attachment(ARTICLE, media_type="video")]),
        graph_post(PAGE, "1004", "2025-04-11 10:00:00", None),
        graph_post(PAGE, "1005", "2025-04-12 10:00:00", "Album",
                   attachments=[album_attachment([photo_attachment(), video_attachment("5552")])]),
        graph_post(PAGE, "1006", "2025-05-02 08:00:00", "Reel đăng lên dòng thời gian",
                   attachments=[video_attachment("7771", reel=True)]),
    ]  # fmt: skip
    reels = [
        graph_reel("7771", "2025-05-02 08:00:00", "Reel đăng lên dòng thời gian"),
        graph_reel("7772", "2025-05-20 20:00:00", "Clip: LĐLĐ huyện Hương Sơn"),
    ]
    return GraphServer(PAGE, TOKEN, posts=posts, reels=reels)


def test_counting_rules():
    with sample_page() as g:
        read = read_page(client(), target(g))
    by_key = {it.key: it for it in read.items}
    assert sorted(by_key) == ["fb:1001", "fb:1002", "fb:1003", "fb:1004", "fb:1005", "fb:1006",
                              "reel:7772"]  # fmt: skip
    kinds = {k: it.media_type for k, it in by_key.items()}
    assert kinds == {"fb:1001": "photo", "fb:1002": "video", "fb:1003": "link", "fb:1004": "share",
                     "fb:1005": "video", "fb:1006": "video", "reel:7772": "video"}  # fmt: skip
    assert by_key["fb:1006"].raw["alt_keys"] == ["reel:7771"]
    assert by_key["fb:1003"].link_url == ARTICLE
    # created_time is UTC; 23:30 local on 31 March is March's, 06:00 local on 1 April is April's
    assert by_key["fb:1001"].published.utcoffset().total_seconds() == 0
    assert local_month(by_key["fb:1001"].published) == "2025-03"
    assert local_month(by_key["fb:1002"].published) == "2025-04"
    assert by_key["reel:7772"].url == "https://www.facebook.com/reel/7772/"


def test_paging_and_stop_at_known():
    g = sample_page()
    g.posts += [graph_post(PAGE, str(3000 + i), f"2025-06-{1 + i // 3:02d} 0{i % 3}:00:00", f"Tin {i}")
                for i in range(60)]  # fmt: skip
    with g:
        c = client()
        full = read_page(c, target(g, size=25))
        assert len([i for i in full.items if i.key.startswith("fb:")]) == 66
        assert (
            full.walks["published_posts"].pages == 3 and full.walks["published_posts"].reached_end
        )
        assert full.requests == 4
        known = {k for it in full.items for k in [it.key, *it.raw.get("alt_keys", [])]}
        g.posts.append(graph_post(PAGE, "9999", "2025-07-01 08:00:00", "Tin mới"))
        before = len(g.requests)
        again = read_page(c, target(g, size=25), known=known)
        assert [it.key for it in again.items if it.key not in known] == ["fb:9999"]
        assert len(g.requests) - before == 3  # reels: 1 page; posts: 2 pages (2nd all known)
        assert again.walks["published_posts"].stopped == "known"


def test_since_stops_the_walk():
    from datetime import date

    with sample_page() as g:
        read = read_page(client(), target(g, size=2), since=date(2025, 4, 11))
    assert {it.key for it in read.items} == {"fb:1004", "fb:1005", "fb:1006", "reel:7772"}
    assert read.walks["published_posts"].stopped == "since"


@pytest.mark.parametrize("code", [4, 17, 32, 613])
def test_rate_limits_are_waited_out(code):
    clock = FakeClock()
    with sample_page() as g:
        g.fail("rate_limit", code=code, times=2, edge="published_posts")
        read = read_page(client(clock), target(g))
    assert len(read.items) == 7
    assert clock.sleeps == [30, 60]


def test_server_errors_and_retry_after():
    clock = FakeClock()
    with sample_page() as g:
        g.fail("server_error", status=500, edge="video_reels")
        g.fail("rate_limit", code=4, retry_after=120, edge="published_posts")
        read = read_page(client(clock), target(g))
    assert len(read.items) == 7 and clock.sleeps == [30, 120]


def test_rate_limit_that_never_ends_fails_without_the_token():
    with sample_page() as g:
        g.fail("rate_limit", code=32, times=99)
        with pytest.raises(GraphError) as err:
            read_page(client(), target(g))
    assert "rate limit" in str(err.value) and TOKEN not in str(err.value)


def test_wrong_and_expired_token():
    with sample_page() as g:
        with pytest.raises(GraphTokenError) as err:
            read_page(client(), target(g, token="EAAGwrongTOKEN"))
        assert "EAAGwrongTOKEN" not in str(err.value) and "190" in str(err.value)
        g.fail("expired", edge="published_posts")
        with pytest.raises(GraphTokenError) as err:
            read_page(client(), target(g))
        assert TOKEN not in str(err.value) and "463" in str(err.value)


@pytest.mark.parametrize("fault, words", [
    ("html", "HTML page"), ("no_data", "no `data`"), ("repeat_cursor", "loops"),
])  # fmt: skip
def test_malformed_answers_name_the_url_without_token(fault, words):
    with sample_page() as g:
        g.fail(fault, edge="published_posts", times=5)
        with pytest.raises(GraphResponseError) as err:
            read_page(client(), target(g, size=2))
    msg = str(err.value)
    assert words in msg and "/published_posts" in msg and TOKEN not in msg and g.url in msg


def test_timestamps_outside_2004_2100_are_refused_per_post():
    g = sample_page()
    g.posts.append({"id": f"{PAGE}_1", "created_time": "5138-01-01T00:00:00+0000", "message": "x"})
    g.posts.append({"id": f"{PAGE}_2", "created_time": "1970-01-01T00:00:00+0000", "message": "y"})
    with g:
        read = read_page(client(), target(g))
    assert len(read.items) == 7
    assert sum("outside 2004–2100" in w for w in read.warnings) == 2


def test_redact():
    url = "https://graph.facebook.com/v23.0/1/published_posts?limit=2&access_token=EAAB12&after=QQ"
    assert (
        redact(url)
        == "https://graph.facebook.com/v23.0/1/published_posts?limit=2&access_token=…&after=QQ"
    )
    assert redact("token EAAB12 here", "EAAB12") == "token … here"


def test_a_graph_server_that_is_down_fails_without_the_token():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    clock = FakeClock()
    t = GraphTarget(f"http://127.0.0.1:{port}", "v23.0", PAGE, TOKEN)
    with pytest.raises(GraphError) as err:
        read_page(client(clock), t)
    assert "cannot connect" in str(err.value) and TOKEN not in str(err.value)
    # a refused connection fails fast through the HTTP seam: one quick retry, waited on the
    # fake clock, instead of the full back-off a slow server gets
    assert clock.sleeps == [2.0]


def test_a_wait_longer_than_max_backoff_ends_the_read_at_once():
    clock = FakeClock()
    with sample_page() as g:
        g.fail("rate_limit", code=4, retry_after=7200, edge="published_posts")
        with pytest.raises(GraphError) as err:
            read_page(client(clock), target(g))
    assert "quay lại sau 2 giờ" in str(err.value) and TOKEN not in str(err.value)
    assert 7200 not in clock.sleeps and sum(clock.sleeps) < 900
