"""The profile path: a site profile's selectors read the replica's templates as the truth has
them; a selector that matches nothing leaves the field to the generic rules, and says so."""

from __future__ import annotations

from datetime import datetime

import pytest

from collectors.dates import LOCAL
from collectors.extraction import extract_article
from collectors.profile import Selectors
from collectors.textnorm import clean, count_words
from pipeline.demo.replica import pages
from pipeline.demo.replica.model import build_site

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


def check_truth(ex, a):
    assert ex.published == a.published, a.path
    assert ex.words == count_words("\n".join([a.lead, *a.paragraphs, *a.captions])), a.path
    assert ex.byline == clean(a.byline), a.path
    assert ex.has_player == bool(a.video), a.path


def test_every_replica_page_reads_as_the_truth(site):
    assert {a.template for a in site.articles} == {"a", "b", "c"}
    for a in site.articles:
        html = pages.render_article(site, a)
        ex = extract_article(html, selectors=PROFILE, site_authors=SITE_AUTHORS)
        assert ex.date_source == "profile selector", a.path
        assert ex.body_source == "profile selector" and set(ex.fallbacks) <= {"lead"}, a.path
        check_truth(ex, a)
        generic = extract_article(html, site_authors=SITE_AUTHORS)
        check_truth(generic, a)
        assert generic.body_source == "densest container"


def test_other_profiles_of_the_templates_read_the_truth(site):
    for a in site.articles[::7]:
        html = pages.render_article(site, a)
        for sel in PROFILES[1:]:
            ex = extract_article(html, selectors=sel, site_authors=SITE_AUTHORS)
            assert ex.published == a.published, (a.path, sel)
            assert ex.has_player == bool(a.video), (a.path, sel)


def test_a_selector_that_matches_nothing_falls_back_and_says_so(site):
    a = site.articles[0]
    html = pages.render_article(site, a)
    for broken, name in (({"title": ".no-such-title"}, "title"), ({"published": ".no-such-date"}, "published"),
                         ({"body": ".no-such-body"}, "body"), ({"title": "h1.title:unknown-pseudo"}, "title")):  # fmt: skip
        sel = PROFILE.model_copy(update=broken)
        ex = extract_article(html, selectors=sel, site_authors=SITE_AUTHORS)
        assert ex.fallbacks == [name], broken
        check_truth(ex, a)
    # a date selector that picks something without a date: the generic rules date the page
    ex = extract_article(html, selectors=PROFILE.model_copy(update={"published": ".sapo"}))
    assert ex.published == a.published and ex.date_source != "profile selector"


def test_a_future_date_falls_back(site):
    a = site.articles[0]
    html = pages.render_article(site, a)
    past = datetime(2020, 1, 1, tzinfo=LOCAL)
    assert extract_article(html, selectors=PROFILE, now=past).date_source != "profile selector"


def test_a_page_cut_short_or_in_bytes(site):
    for a in site.articles[:30]:
        html = pages.render_article(site, a)
        check_truth(extract_article(html.replace("</body>\n</html>", ""), selectors=PROFILE, site_authors=SITE_AUTHORS), a)
        cut = extract_article(html[: html.index('<aside class="sidebar">')], selectors=PROFILE, site_authors=SITE_AUTHORS)
        assert cut.words == count_words("\n".join([a.lead, *a.paragraphs, *a.captions])), a.path
    ascii_page = ("<html><body><h1 class='t'>News</h1><div class='d'>30/04/2025 23:50</div>"
                  "<div class='b'><p>Plain ASCII text of the article.</p></div></body></html>").encode("ascii")  # fmt: skip
    assert extract_article(ascii_page, selectors=ODD_PROFILE, site_authors=SITE_AUTHORS).words == 6
    vietnamese = ODD.format(body="<p>Đoàn viên</p>")
    for data in (vietnamese.encode("utf-8"), vietnamese.replace("<head>", '<head><meta charset="utf-16">').encode("utf-16")):
        ex = extract_article(data, selectors=ODD_PROFILE)
        assert ex.title == "Tin thử" and ex.text == "Đoàn viên"
    assert extract_article(b"").title == "" and extract_article("   ").words == 0


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
def test_odd_markup_reads(body):
    html = ODD.format(body=body)
    for sel in (
        ODD_PROFILE,
        ODD_PROFILE.model_copy(update={"lead": "p", "byline": "em", "category": "nav a"}),
    ):
        ex = extract_article(html, selectors=sel, site_authors=SITE_AUTHORS)
        assert ex.published == datetime(2025, 4, 30, 23, 50, tzinfo=LOCAL)
        assert "Đọc nhiều" not in ex.text
        if sel is ODD_PROFILE:
            assert "Chia sẻ" not in ex.text
        again = extract_article(html + "</body></html>", selectors=sel, site_authors=SITE_AUTHORS)
        assert again.words == ex.words and again.byline == ex.byline


def test_odd_markup_words_and_byline():
    ex = extract_article(ODD.format(body=ODD_BODIES[0]), selectors=ODD_PROFILE, site_authors=SITE_AUTHORS)
    assert ex.byline == "Thu Hà (LĐLĐ huyện Kỳ Anh)"
    assert ex.text.split("\n") == [
        "Sáng nay, LĐLĐ huyện Can Lộc tổ chức hội nghị.",
        "Đoàn viên tham dự đông đủ.",
    ]
    assert ex.has_player and ex.players == ["/a.mp4"]  # not the sidebar's
    assert ex.category == "Hoạt động" and ex.modified == datetime(2025, 5, 9, 10, 0, tzinfo=LOCAL)


def test_a_profile_body_first_matched_in_a_sidebar_is_the_articles():
    """The profile's body selector also matches a box in a sidebar set between the title and
    the body: the sidebar is boilerplate, so the article's own body is read, its words only."""
    sidebar = " ".join(["Tin nổi bật trong tuần của Liên đoàn Lao động tỉnh."] * 6)
    body = "Công đoàn ngành Giáo dục trao 50 suất quà cho đoàn viên có hoàn cảnh khó khăn."
    html = f"""<html><body><div class="wrap"><h1 class="title">Trao quà cho đoàn viên dịp Tết</h1>
    <time class="published" datetime="2025-01-20T08:00:00+07:00">20/01/2025</time>
    <aside class="sidebar"><div class="content"><p>{sidebar}</p></div></aside>
    <div class="content"><p>{body}</p><p>Thu Hà</p></div></div></body></html>"""
    sel = Selectors(title="h1.title", published="time.published", body=".content")
    got = extract_article(html, selectors=sel, site_authors=SITE_AUTHORS)
    assert got.body_source == "profile selector" and got.byline == "Thu Hà"
    assert got.words == count_words(body) and "nổi bật" not in got.text
