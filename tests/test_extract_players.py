"""Players: every common embed of YouTube (youtube-nocookie.com, protocol-relative sources,
youtu.be, old <object> embeds) and Facebook video (the plugin iframe, fb-video divs), inside the
article only."""

from __future__ import annotations

import pytest

from collectors.extraction import extract_article

EMBEDS = {
    "youtube": '<iframe src="https://www.youtube.com/embed/abc123"></iframe>',
    "nocookie": '<iframe src="https://www.youtube-nocookie.com/embed/abc123?rel=0"></iframe>',
    "protocol-relative": '<iframe src="//www.youtube.com/embed/abc123"></iframe>',
    "lazy": '<iframe data-src="//www.youtube-nocookie.com/embed/abc123"></iframe>',
    "youtu.be": '<a href="https://youtu.be/abc123"><img src="t.jpg"></a><iframe src="https://youtu.be/abc123"></iframe>',
    "object": '<object><param name="movie" value="//www.youtube.com/v/abc123"><embed src="//www.youtube.com/v/abc123"></object>',
    "facebook plugin": '<iframe src="https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2Fcdht%2Fvideos%2F1%2F"></iframe>',
    "facebook protocol-relative": '<iframe src="//www.facebook.com/plugins/video.php?href=x"></iframe>',
    "lazy facebook": '<iframe loading="lazy" src="about:blank" data-src="https://www.facebook.com/plugins/video.php?href=x"></iframe>',
    "fb-video div": '<div class="fb-video" data-href="https://www.facebook.com/cdht/videos/123/"></div>',
    "video file": '<video controls><source src="/media/clip.mp4" type="video/mp4"></video>',
}


def page(player: str, where: str = "body") -> str:
    body_player = player if where == "body" else ""
    side_player = player if where == "sidebar" else ""
    return f"""<html><head><title>Hội thao công nhân</title></head><body>
    <div class="main"><h1>Hội thao công nhân lao động năm 2025</h1>
    <div class="noi-dung"><p>Sáng 5/4, Công đoàn Khu kinh tế tỉnh tổ chức hội thao cho công nhân lao động tại các doanh nghiệp.</p>
    {body_player}<p>Hội thao thu hút hơn 500 vận động viên tham gia tranh tài ở nhiều nội dung.</p></div></div>
    <div class="col-right">{side_player}<a href="/x-1700000001.html">Tin khác</a></div></body></html>"""


@pytest.mark.parametrize("name", sorted(EMBEDS))
def test_an_embed_in_the_body_is_a_player(name):
    ex = extract_article(page(EMBEDS[name]))
    assert ex.has_player, name
    assert all(not p.startswith("//") for p in ex.players)


@pytest.mark.parametrize("name", sorted(EMBEDS))
def test_an_embed_in_the_sidebar_is_not(name):
    ex = extract_article(page(EMBEDS[name], where="sidebar"))
    assert not ex.has_player, (name, ex.players)


def test_a_plain_link_or_image_is_not_a_player():
    ex = extract_article(page('<a href="https://www.youtube.com/@cdht">Kênh của chúng tôi</a><img src="/a.jpg">'))
    assert not ex.has_player


# players a script or the markup's data-* attributes set up: every library, every media file
# type, every video host, each with the kind it is reported as
MEDIA = {"mp4": "/media/clip-3.mp4", "m3u8": "https://cdn.example.vn/live/stream.m3u8?token=1",
         "webm": "/v/clip.webm", "mov": "//cdn.example.vn/clip.MOV"}  # fmt: skip
HOST_URLS = {
    "youtube": "https://www.youtube.com/watch?v=abc123",
    "youtu.be": "https://youtu.be/abc123",
    "youtube embed": "//www.youtube-nocookie.com/embed/abc123",
    "facebook": "https://www.facebook.com/congdoanhatinh/videos/1234567890/",
    "vimeo": "https://vimeo.com/76979871",
    "dailymotion": "https://www.dailymotion.com/video/x8abc",
}
SCRIPTED = {
    **{f"jwplayer {ext}": (f'<div id="player-3"></div><script>jwplayer("player-3").setup({{file: "{url}"}})</script>', "jwplayer")
       for ext, url in MEDIA.items()},
    "jwplayer playlist": ("<div id='p'></div><script>jwplayer('p').setup({playlist: '/feeds/x.json'});</script>", "jwplayer"),
    "jwplayer cloud": ('<script src="https://cdn.jwplayer.com/players/AbCd1234-EfGh5678.js"></script>', "jwplayer"),
    "videojs": ('<div id="v1"></div><script>var p = videojs("v1", {sources: [{src: "/x/a.m3u8"}]});</script>', "videojs"),
    "flowplayer": ('<div id="fp"></div><script>flowplayer("#fp", {clip: {sources: []}});</script>', "flowplayer"),
    "plyr": ('<div id="pl"></div><script>const player = new Plyr("#pl");</script>', "plyr"),
    "mediaelement": ('<div id="me"></div><script>new MediaElementPlayer("me", {});</script>', "mediaelement"),
    "mediaelement jquery": ('<div id="me"></div><script>$("#me").mediaelementplayer();</script>', "mediaelement"),
    **{f"script names {ext}": (f'<div id="x"></div><script>var cfg = {{"src": "{url}"}}; start(cfg);</script>', "script media file")
       for ext, url in MEDIA.items()},
    **{f"script names {host}": (f'<div id="x"></div><script>load("x", "{url}");</script>',
                                "youtube" if "you" in host else host)
       for host, url in HOST_URLS.items()},
    **{f"data-* names {ext}": (f'<div class="box" data-file="{url}"></div>', "video file") for ext, url in MEDIA.items()},
    **{f"data-* names {host}": (f'<div data-video-url="{url}"></div>', "youtube" if "you" in host else host)
       for host, url in HOST_URLS.items()},
    "plyr provider": ('<div id="player" data-plyr-provider="youtube" data-plyr-embed-id="bTqVqk7FSmY"></div>', "youtube"),
    "video.js markup": ('<video-js id="v" class="video-js" data-setup="{}"></video-js>', "player attribute"),
    "flowplayer markup": ('<div class="flowplayer" data-ratio="0.41"></div>', "player element"),
    "vimeo iframe": ('<iframe src="https://player.vimeo.com/video/76979871"></iframe>', "vimeo"),
    "broadcaster iframe": ('<iframe src="https://hatinhtv.vn/embed/12345"></iframe>', "broadcaster"),
    "other player page": ('<iframe src="https://media.example.vn/player/?id=9"></iframe>', "embedded player"),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(SCRIPTED))
def test_a_player_a_script_or_its_attributes_set_up_in_the_body_is_one_in_the_sidebar_none(name):
    markup, kind = SCRIPTED[name]
    ex = extract_article(page(markup))
    assert ex.has_player, name
    assert ex.player_kinds == [kind], (name, ex.player_kinds, ex.players)
    side = extract_article(page(markup, where="sidebar"))
    assert not side.has_player and side.player_kinds == [], (name, side.players)


@pytest.mark.parametrize("lib", ["jwplayer", "videojs", "plyr"])
def test_a_script_outside_the_article_counts_only_for_an_element_of_the_article(lib):
    setup = {"jwplayer": 'jwplayer("{id}").setup({{file: "/a.mp4"}})', "videojs": 'videojs("{id}")',
             "plyr": 'new Plyr("#{id}")'}[lib]  # fmt: skip
    for target, expected in (("player-3", True), ("side-player", False)):
        html = page('<div id="player-3"></div>').replace(
            "</body>", f'<div id="side-player"></div><script>{setup.format(id=target)}</script></body>')
        ex = extract_article(html)
        assert ex.has_player is expected, (lib, target, ex.players)


NO_PLAYERS = [
    '<script>ga("send", "pageview"); var x = "/media/logo.png";</script>',
    '<img src="/thumbs/clip.mp4.jpg" data-src="/thumbs/clip.mp4.jpg">',
    '<a href="https://www.youtube.com/watch?v=abc123" data-url="https://www.youtube.com/watch?v=abc123">Xem video</a>',
    '<a href="https://vimeo.com/76979871">Xem trên Vimeo</a>',
    '<iframe src="https://w.soundcloud.com/player/?url=x"></iframe>',
    '<div data-href="https://congdoanhatinh.vn/tin-tuc/a-1.html" class="fb-like"></div>',
]


def test_what_plays_no_video_is_no_player():
    """Scripts and attributes naming no media, thumbnails, plain links, audio players."""
    found = {m: extract_article(page(m)).players for m in NO_PLAYERS}
    assert not any(found.values()), found


def test_probe_counts_the_players_of_a_sample_by_kind():
    from pipeline.probe import players_by_kind, sample_table

    pages = [page(SCRIPTED[n][0]) for n in ("jwplayer mp4", "jwplayer m3u8", "vimeo iframe")]
    pages.append(page(EMBEDS["youtube"] + SCRIPTED["videojs"][0]))
    reports = [{"player_kinds": extract_article(p).player_kinds} for p in pages]
    assert players_by_kind(reports) == "jwplayer 2, videojs 1, vimeo 1, youtube 1"
    rows = [{"title": "T", "published_local": "-", "date_source": "", "kind": "video", "kind_reason": "",
             "unit": None, "unit_reason": "", "words": 9, "byline": "", "flags": [], **r} for r in reports]  # fmt: skip
    assert sample_table(rows).splitlines()[-1] == "Video theo loại: jwplayer 2, videojs 1, vimeo 1, youtube 1"
