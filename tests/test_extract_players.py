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
