"""The profile path (lxml) gives what the generic path (BeautifulSoup) gives, and the truth."""

from __future__ import annotations

import dataclasses
from datetime import datetime

import pytest

from collectors.dates import LOCAL
from collectors.extract import extract_article, extract_generic
from collectors.profile import Selectors
from collectors.textnorm import clean, count_words
from pipeline.demo.replica import render
from pipeline.demo.replica.model import build_site

pytest.importorskip("cssselect", reason="the profile path compiles CSS selectors with cssselect")

from collectors.extract_fast import extract_with_profile

SITE_AUTHORS = [
    "Công đoàn Hà Tĩnh",
    "Liên đoàn Lao động tỉnh Hà Tĩnh",
    "Ban Biên tập",
    "BBT",
    "Admin",
]
# the replica's three templates (as in tests/test_collect_e2e.py)
PROFILE = Selectors(
    title="h1.title, h1.entry-title, .news-detail h1",
    published=".detail-time .date, .post-meta .post-date, time.published",
    lead=".sapo, p.lead",
    body=".content, .entry-content, .article-body",
)
# other profiles of the same templates: category and byline selectors, structural selectors
PROFILES = [
    PROFILE,
    Selectors(
        title="h1",
        published="time.published, .date, .post-date",
        body="article, .content",
        byline=".author",
        category="a[rel~=category]",
    ),
    Selectors(
        title="title",
        published="meta[property='article:published_time'], span.post-date, time.published",
        body="main",
        category="ol.breadcrumb li:last-child a, nav ol li:nth-child(2) a",
    ),
]


@pytest.fixture(scope="module")
def site():
    return build_site()


def fields(ex) -> dict:
    return dataclasses.asdict(ex)


def same_as_generic(html: str, sel: Selectors, now: datetime | None = None):
    fast = extract_with_profile(html, sel, SITE_AUTHORS, now)
    assert fast is not None
    assert fields(fast) == fields(extract_generic(html, sel, SITE_AUTHORS, now))
    return fast


def test_every_replica_page_reads_the_same_as_the_generic_path_and_the_truth(site):
    assert {a.template for a in site.articles} == {"a", "b", "c"}
    for a in site.articles:
        html = render.render_article(site, a)
        ex = same_as_generic(html, PROFILE)
        assert ex.date_source == "profile selector" and ex.published == a.published, a.path
        assert ex.words == count_words("\n".join([a.lead, *a.paragraphs, *a.captions])), a.path
        assert ex.byline == clean(a.byline), a.path
        assert ex.has_player == bool(a.video), a.path
        assert extract_article(html, selectors=PROFILE, site_authors=SITE_AUTHORS) == ex


def test_other_profiles_of_the_templates_read_the_same(site):
    for a in site.articles[::7]:
        html = render.render_article(site, a)
        for sel in PROFILES[1:]:
            same_as_generic(html, sel)


def test_a_selector_that_matches_nothing_falls_back(site):
    a = site.articles[0]
    html = render.render_article(site, a)
    for broken in ({"title": ".no-such-title"}, {"published": ".no-such-date"}, {"body": ".no-such-body"},
                   {"published": ".sapo"}, {"title": "h1.title:unknown-pseudo"}):  # fmt: skip
        sel = PROFILE.model_copy(update=broken)
        assert extract_with_profile(html, sel, SITE_AUTHORS) is None, broken
        assert fields(extract_article(html, selectors=sel, site_authors=SITE_AUTHORS)) == fields(
            extract_generic(html, sel, SITE_AUTHORS)
        )
    assert extract_with_profile(html, Selectors(title="h1", body=".content"), SITE_AUTHORS) is None


def test_a_future_date_falls_back_like_the_generic_path(site):
    a = site.articles[0]
    html = render.render_article(site, a)
    past = datetime(2020, 1, 1, tzinfo=LOCAL)
    assert extract_with_profile(html, PROFILE, SITE_AUTHORS, now=past) is None
    assert extract_article(html, selectors=PROFILE, now=past).date_source != "profile selector"


def test_a_page_cut_short_or_in_bytes(site):
    for a in site.articles[:30]:
        html = render.render_article(site, a)
        same_as_generic(html.replace("</body>\n</html>", ""), PROFILE)
        same_as_generic(html[: html.index('<aside class="sidebar">')], PROFILE)
    ascii_page = ("<html><body><h1 class='t'>News</h1><div class='d'>30/04/2025 23:50</div>"
                  "<div class='b'><p>Plain ASCII text of the article.</p></div></body></html>").encode("ascii")  # fmt: skip
    fast = extract_with_profile(ascii_page, ODD_PROFILE, SITE_AUTHORS)
    assert fast.words == 6 and fields(fast) == fields(
        extract_generic(ascii_page, ODD_PROFILE, SITE_AUTHORS)
    )
    vietnamese = ODD.format(body="<p>Đoàn viên</p>").encode("utf-8")
    assert (
        extract_with_profile(vietnamese, ODD_PROFILE, SITE_AUTHORS) is None
    )  # BeautifulSoup sniffs bytes
    assert extract_article(vietnamese, selectors=ODD_PROFILE).title == "Tin thử"


ODD = """<!DOCTYPE html><html><head><title>Tin thử - Công đoàn Hà Tĩnh</title>
<meta property="article:section" content="Hoạt động">
<script type="application/ld+json">{{"@type": "NewsArticle", "dateModified": "2025-05-09T10:00:00+07:00"}}</script>
</head><body><header class="site-header"><span>Hôm nay: 24/11/2026</span><nav><a href="/tin-tuc">Tin</a></nav></header>
<DIV CLASS="Wrap"><h1 class="t">Tin thử</h1><div class="d">Thứ Tư, 30/04/2025 - 23:50</div>
<div class="b">{body}</div><aside class="sidebar"><p>Đọc nhiều</p><iframe src="https://www.youtube.com/embed/x"></iframe></aside>
</DIV><footer>© Công đoàn Hà Tĩnh</footer>"""
ODD_PROFILE = Selectors(title="h1.t", published=".d", body=".b")
ODD_BODIES = [
    # comments and removed boilerplate split words; scripts, styles, players are not text
    "<p>Sáng<!-- c -->nay, LĐLĐ huyện Can Lộc<span class='share'>Chia sẻ</span>tổ chức hội nghị.</p>"
    "<p>Đoàn viên <script>var x = 'không tính';</script>tham dự <style>p{}</style>đông đủ.</p>"
    "<noscript>Bật JavaScript</noscript><video src='/a.mp4'>Trình duyệt cũ</video>"
    "<p align='right'><em>Thu Hà ( LĐLĐ huyện Kỳ Anh )</em></p>",
    # unclosed paragraphs and list items, nested blocks, entities, odd case, a table
    "<P>Đoạn một &amp; đoạn hai<P>Đoạn ba &nbsp; có khoảng trắng<ul><li>Mục một<li>Mục <b>hai</b></ul>"
    "<table><tr><td>Ô một</td><td><p>Ô hai</p></td></tr></table><blockquote>Trích dẫn</blockquote>"
    "<div>Chữ thẳng trong div<div>div con</div></div><p>Theo Kiều Minh/baohatinh.vn</p>",
    # a header line with a date inside the body, captions after the byline, a player class
    "<div class='times'><time datetime='2025-04-30'>30/04/2025</time></div><p>Nội dung chính của bài viết.</p>"
    "<figure><img src='a.jpg'><figcaption>Ảnh: Minh Thái</figcaption></figure>"
    "<p><strong>HỒNG NGUYÊN</strong></p><p>(Ảnh: CTV)</p><div class='jwplayer'></div>",
    # the byline is an author line; a related list inside the body; an <a> to a video file
    "<p class='author'>Tác giả: Nguyễn Văn An</p><p>Một đoạn văn. Kết thúc bằng dấu chấm.</p>"
    "<div class='tin-lien-quan'><p>Tin cũ 01/01/2024</p></div><p><a href='/v/clip.mp4'>Xem clip</a></p>",
    # nothing but whitespace and markup
    "<p> </p><div><br></div>",
    # a <template>, ruby text, an unknown tag, a processing instruction
    "<template><p>Mẫu</p></template><p>Chữ <ruby>漢<rt>kan</rt></ruby> và <x-y>thẻ lạ</x-y><?php echo 1 ?>hết.</p>",
]


@pytest.mark.parametrize("body", ODD_BODIES)
def test_odd_markup_reads_the_same(body):
    html = ODD.format(body=body)
    for sel in (
        ODD_PROFILE,
        ODD_PROFILE.model_copy(update={"lead": "p", "byline": "em", "category": "nav a"}),
    ):
        ex = same_as_generic(html, sel)
        assert ex.published == datetime(2025, 4, 30, 23, 50, tzinfo=LOCAL)
        same_as_generic(html + "</body></html>", sel)
        same_as_generic(html.replace('<div class="b">', '<div class="b"><div class="b">'), sel)


def test_odd_markup_words_and_byline():
    ex = extract_with_profile(ODD.format(body=ODD_BODIES[0]), ODD_PROFILE, SITE_AUTHORS)
    assert ex.byline == "Thu Hà (LĐLĐ huyện Kỳ Anh)"
    assert ex.text.split("\n") == [
        "Sáng nay, LĐLĐ huyện Can Lộc tổ chức hội nghị.",
        "Đoàn viên tham dự đông đủ.",
    ]
    assert ex.has_player and ex.players == ["/a.mp4"]  # not the sidebar's
    assert ex.category == "Hoạt động" and ex.modified == datetime(2025, 5, 9, 10, 0, tzinfo=LOCAL)
