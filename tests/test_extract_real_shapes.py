"""Shapes of real pages the generic body finder met on pages nobody here wrote (Zyte's article
extraction benchmark, tests/fixtures/real_pages/zyte): an article inside a box named like
boilerplate (Blogger's "widget Blog", Elementor's "elementor-widget-container", a
"content-with-sidebar" wrapper), a cookie banner, English headings of related lists."""

from __future__ import annotations

from collectors.extraction import extract_article
from collectors.textnorm import count_words

SENTENCES = [
    "The provincial federation opened its annual sports festival for workers on Saturday morning.",
    "More than two thousand members from forty unions took part in the games over two days.",
    "Organisers said the event aimed to strengthen solidarity among workers across the province.",
    "Teams competed in volleyball, tug of war and a running race along the river embankment.",
    "The closing ceremony awarded prizes to the best teams and to the most active local unions.",
]
PARAS = "".join(f"<p>{s}</p>" for s in SENTENCES)
WORDS = count_words(" ".join(SENTENCES))
SIDEBAR = ('<div class="sidebar"><ul>' + "".join(f'<li><a href="/news/{i}">Teaser headline number {i} '
           "about another story</a></li>" for i in range(8)) + "</ul></div>")


def _page(inner: str) -> str:
    return (f"<html><head><title>Sports festival</title></head><body><nav><a href='/'>Home</a></nav>"
            f"{inner}{SIDEBAR}<footer><p>Copyright the newspaper, all rights reserved.</p></footer></body></html>")


def test_an_elementor_widget_container_holding_the_article_is_the_article():
    html = _page('<div class="elementor-widget-container"><h2>Sports festival</h2>' + PARAS + "</div>")
    assert extract_article(html).words == WORDS


def test_a_wrapper_named_with_sidebar_that_holds_the_article_is_looked_into():
    html = _page('<div class="content-with-sidebar-wrp"><div class="node">' + PARAS + '</div>'
                 '<div class="sidebar-col"><p>Follow us on social media.</p></div></div>')
    assert extract_article(html).words == WORDS


def test_a_blogger_post_of_br_separated_text_in_its_widget_is_the_body():
    text = "<br>".join(SENTENCES)
    html = _page('<div class="widget Blog" id="Blog1"><div class="post hentry"><h3 class="post-title">'
                 f'Sports festival</h3><div class="post-body post-content">{text}</div></div></div>')
    ex = extract_article(html)
    assert ex.words == WORDS, ex.text


def test_a_cookie_banner_and_english_related_headings_are_not_the_body():
    html = _page('<div class="cookie-consent"><p>This website uses cookies to improve your experience '
                 'while you navigate through the website and to show you things.</p></div>'
                 f'<article><h1>Sports festival</h1><div class="story">{PARAS}'
                 '<h3>You may also like...</h3><ul>'
                 + "".join(f'<li><a href="/2019/11/story-{i}.html">Another story about the unions number {i}</a></li>'
                           for i in range(5))
                 + "</ul><h3>Trending News</h3><p><a href='/2019/11/x.html'>A trending story of the day</a></p>"
                 "</div></article>")
    ex = extract_article(html)
    assert ex.words == WORDS, ex.text


def test_a_blogger_post_written_in_spans_inside_its_widget_is_the_body():
    """The only box the page names as the post's body stands in Blogger's "widget Blog": the
    widget is looked into, never thrown away whole."""
    spans = "".join(f"<span><span>{s}</span></span><br>" for s in SENTENCES)
    html = _page('<div class="main section"><div class="widget Blog" id="Blog1"><div class="blog-post hentry">'
                 '<h3 class="post-title">Sports festival</h3><div class="post-body post-content">'
                 f'<div class="reader"><div>{spans}</div></div></div></div></div></div>'
                 '<div class="comments"><p>' + " ".join(["A long comment from a reader about the games."] * 3)
                 + "</p></div>")
    ex = extract_article(html)
    assert ex.words == WORDS, ex.text


def test_the_article_box_is_the_body_though_comments_and_teasers_share_its_column():
    """An <article> holding most (not 98 %) of its column's paragraph text is the body: the
    rest is the comments and teasers around it."""
    comments = "".join(f"<p>Reader {i} wrote that the festival was a great day for the families.</p>"
                       for i in range(1))
    html = _page(f'<div id="content"><article class="post"><h1>Sports festival</h1>{PARAS}</article>'
                 f'<div class="respond">{comments}</div></div>')
    ex = extract_article(html)
    assert ex.words == WORDS, ex.text


def test_a_block_of_headline_links_with_no_heading_is_a_trailer_on_any_site():
    """Teasers after the body, each a headline linking a page whose address ends in a slug
    (another site's article addresses, not this site's /<slug>-<digits>.html)."""
    teasers = "".join(f'<div class="item"><a href="/2019/11/18/union-story-number-{i}/">Union story number {i} '
                      "of the week</a><span>2 days ago</span></div>" for i in range(4))
    html = _page(f'<article><h1>Sports festival</h1><div class="story">{PARAS}<div class="more">{teasers}</div>'
                 "</div></article>")
    ex = extract_article(html)
    assert ex.words == WORDS, ex.text


def test_an_article_written_between_brs_around_photo_boxes_is_all_body():
    """The body's text is its own lines between <br>s, with a few photo boxes (block children
    holding only captions) among them: the lines are the body, not the captions alone."""
    lines = "<br><br>\n".join(SENTENCES)
    photo = ('<div align="center"><div class="article-img"><img src="/a.jpg"></div><br>'
             '<span class="small">The opening of the festival</span></div>')
    html = _page(f'<div class="article-view"><h1>Sports festival</h1><div class="article">{photo}<br><br>'
                 f"{lines}<br><br>{photo}</div></div>")
    ex = extract_article(html)
    assert ex.words == WORDS + 2 * count_words("The opening of the festival"), ex.text


def test_ad_slots_gallery_buttons_promotions_author_bios_and_copyright_lines_are_not_the_body():
    html = _page('<article><h1>Sports festival</h1><div class="story">'
                 f"<p>{SENTENCES[0]}</p><div class='ad'>Advertisement</div><p>{SENTENCES[1]}</p>"
                 "<div class='gallery'><p>Caption</p><p>Close</p><p>Back to Gallery</p></div>"
                 f"<p>{SENTENCES[2]}</p><p>{SENTENCES[3]}</p><p>{SENTENCES[4]}</p>"
                 "<p>Need more space? Subscribe to our sister title for the latest amazing news!</p>"
                 "<p>Sign up to our newsletter for exclusive updates and enhanced content.</p>"
                 '<div class="author-bio"><p>Jane Doe is a reporter covering the unions and workers of the '
                 "province for the newspaper since 2010.</p></div>"
                 "<p>Copyright © 2019 The Newspaper. All rights reserved.</p>"
                 "<h3>More:</h3><ul><li><a href='/news/2019/11/another-union-story-here'>Another union story "
                 "here today</a></li></ul><p>Related Tags: Unions, Workers, Sports</p></div></article>")
    ex = extract_article(html)
    assert ex.words == WORDS, ex.text


def test_text_the_page_never_shows_is_not_the_body_but_a_hidden_player_still_counts():
    stuffed = "".join(f"<a href='https://spam.example/{i}'>Download premium themes free {i}</a> " for i in range(6))
    html = _page(f'<article><h1>Sports festival</h1><div class="story">{PARAS}'
                 f'<div style="display: none">{stuffed}</div>'
                 '<div style="display:none"><iframe src="https://www.youtube.com/embed/abcdefghijk"></iframe></div>'
                 "</div></article>")
    ex = extract_article(html)
    assert ex.words == WORDS, ex.text
    assert ex.player_kinds == ["youtube"]


def test_player_notices_cookie_notices_follow_lines_and_previous_next_teasers_are_not_the_body():
    html = _page('<article><h1>Sports festival</h1><div class="story">'
                 f"<p>Media playback is unsupported on your device</p>{PARAS}"
                 "<p>This website uses cookies to improve your experience while you navigate the website.</p>"
                 "<p>Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.</p>"
                 "<p>Listen to Newsbeat live at 12:45 and 17:45 weekdays - or listen back here.</p>"
                 "<div><h4>Previous Auto News -</h4><div><a href='/news/2019/11/mini-jcw-gp-monster-hatch'>2020 Mini "
                 "JCW GP is a 300HP monster hatch</a></div></div></div></article>")
    ex = extract_article(html)
    assert ex.words == WORDS, ex.text
