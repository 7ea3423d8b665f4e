"""The fake Graph API answers as Meta documents it (paging, fields, error bodies)."""

from __future__ import annotations

import requests

from tests.helpers.graph_server import (
    GraphServer,
    graph_post,
    graph_reel,
    parse_fields,
    video_attachment,
)

PAGE = "1000001"


def page(n: int) -> GraphServer:
    posts = [graph_post(PAGE, str(2000 + i), f"2025-04-{1 + i % 28:02d} 08:{i % 60:02d}:00", f"Bài {i}")
             for i in range(n)]  # fmt: skip
    return GraphServer(
        PAGE, "TOKEN-abc", posts=posts, reels=[graph_reel("9001", "2025-04-02 10:00:00")]
    )


def test_paging_follows_next_to_the_end():
    with page(60) as g:
        url = (
            f"{g.url}/v23.0/{PAGE}/published_posts?"
            + "fields=id,created_time&limit=25&access_token=TOKEN-abc"
        )
        ids, pages = [], 0
        while url:
            body = requests.get(url, timeout=5).json()
            pages += 1
            ids += [d["id"] for d in body["data"]]
            assert set(body["paging"]["cursors"]) == {"before", "after"}
            url = body["paging"].get("next")
            if url:
                assert (
                    "access_token=TOKEN-abc" in url
                    and "after=" in url
                    and url.startswith("http://127.0.0.1")
                )
        assert pages == 3 and len(ids) == len(set(ids)) == 60
        assert set(body["data"][0]) == {"id", "created_time"}


def test_fields_nested_and_errors():
    assert parse_fields("id,attachments{media_type,target,subattachments}") == {
        "id": None,
        "attachments": {"media_type": None, "target": None, "subattachments": None},
    }
    g = page(0)
    g.posts.append(
        graph_post(PAGE, "1", "2025-05-01 09:00:00", "x", attachments=[video_attachment("77")])
    )
    with g:
        base = f"{g.url}/v23.0/{PAGE}/published_posts"
        body = requests.get(
            base,
            params={"access_token": "TOKEN-abc", "fields": "id,attachments{media_type,target}"},
            timeout=5,
        ).json()
        assert body["data"][0]["attachments"]["data"][0] == {
            "media_type": "video",
            "target": {"id": "77", "url": "https://www.facebook.com/videos/77"},
        }
        r = requests.get(base, params={"access_token": "wrong"}, timeout=5)
        assert r.status_code == 400 and r.json()["error"]["code"] == 190
        assert set(r.json()["error"]) >= {"message", "type", "code", "fbtrace_id"}
        g.fail("rate_limit", code=613)
        r = requests.get(base, params={"access_token": "TOKEN-abc"}, timeout=5)
        assert r.status_code == 400 and r.json()["error"]["code"] == 613
        g.fail("server_error", status=500)
        assert (
            requests.get(base, params={"access_token": "TOKEN-abc"}, timeout=5).status_code == 500
        )
        g.fail("html")
        r = requests.get(base, params={"access_token": "TOKEN-abc"}, timeout=5)
        assert r.headers["content-type"].startswith("text/html")
        assert requests.get(base, params={"access_token": "TOKEN-abc"}, timeout=5).json()["data"]
