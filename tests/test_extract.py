"""Generic article extraction on templates of different shapes."""

from datetime import datetime

from collectors.dates import LOCAL
from collectors.extraction import extract_article, feed_links, listing_entries
from collectors.profile import Selectors
from collectors.textnorm import count_words

SITE_AUTHORS = ["Công đoàn Hà Tĩnh", "Ban Biên tập", "Admin"]

CHROME_TOP = """<html><head><title>{title} - Công đoàn Hà Tĩnh</title>{head}</head><body>
<header class="site-header"><div>Hôm nay: Thứ Hai, 24/11/2026</div>
<nav><a href="/tin-tuc">Tin tức</a> <a href="/video">Video</a></nav></header>
<div class="wrap"><div class="col-main">"""
CHROME_BOTTOM = """</div><aside class="sidebar"><h3>Tin mới</h3><ul>
<li><a href="/tin-moi-khac-1700000001.html">LĐLĐ huyện Đức Thọ tổ chức hội nghị</a> <span>02-05-2025</span></li>
</ul><iframe src="https://www.youtube.com/embed/sidebar"></iframe></aside></div>
<footer>© 2025 Công đoàn Hà Tĩnh. Địa chỉ: 01 Nguyễn Du</footer></body></html>"""

PARAS = ["Đoàn đã trao 50 suất quà cho công nhân lao động có hoàn cảnh khó khăn tại doanh nghiệp.",
         "Dịp này, lãnh đạo công đoàn cũng thăm hỏi, động viên người lao động yên tâm công tác."]


def page(title, body, head=""):
    return CHROME_TOP.format(title=title, head=head) + body + CHROME_BOTTOM


def test_json_ld_template():
    head = """<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
    "headline":"LĐLĐ huyện Can Lộc thăm công nhân","datePublished":"2025-05-01T06:00:00+07:00",
    "dateModified":"2025-05-09T10:00:00+07:00","articleSection":"Hoạt động công đoàn",
    "author":{"@type":"Organization","name":"Công đoàn Hà Tĩnh"}}</script>"""
    body = f"""<h1 class="title">LĐLĐ huyện Can Lộc thăm công nhân</h1>
    <div class="sapo">Sáng 1/5, Thường trực LĐLĐ huyện Can Lộc đến thăm công nhân.</div>
    <div class="content"><p>{PARAS[0]}</p><figure><img src="a.jpg"><figcaption>Ảnh: Minh Thái (LĐLĐ huyện Nghi Xuân)</figcaption></figure>
    <p>{PARAS[1]}</p><p><strong>HỒNG NGUYÊN</strong></p></div>"""
    ex = extract_article(page("x", body, head), site_authors=SITE_AUTHORS)
    assert ex.title == "LĐLĐ huyện Can Lộc thăm công nhân"
    assert ex.published == datetime(2025, 5, 1, 6, 0, tzinfo=LOCAL)
    assert ex.date_source == "JSON-LD datePublished"
    assert ex.category == "Hoạt động công đoàn"
    assert ex.byline == "HỒNG NGUYÊN"
    assert ex.lead.startswith("Sáng 1/5")
    # lead + paragraphs + caption, byline excluded
    lead = "Sáng 1/5, Thường trực LĐLĐ huyện Can Lộc đến thăm công nhân."
    assert ex.words == count_words(" ".join([lead, *PARAS, "Ảnh: Minh Thái (LĐLĐ huyện Nghi Xuân)"]))
    assert not ex.has_player  # the sidebar's player is not the article's


def test_visible_date_template_ignores_updated_and_today():
    body = f"""<div class="post"><h1>[Video] Hội thao công nhân</h1>
    <div class="post-meta"><span class="updated">Cập nhật: 09/05/2025 10:00</span>
    <span>Thứ Tư, 30/04/2025 - 23:50</span> <a rel="category tag" href="/the-thao">Thể thao</a></div>
    <div class="entry-content"><p><strong>Chiều 30/4, CĐN Y tế tổ chức hội thao.</strong></p>
    <p>{PARAS[0]}</p><iframe src="https://www.youtube.com/embed/abc"></iframe>
    <p style="text-align: right;">Thu Hà (LĐLĐ huyện Kỳ Anh)</p></div></div>"""
    ex = extract_article(page("x", body), site_authors=SITE_AUTHORS)
    assert ex.published == datetime(2025, 4, 30, 23, 50, tzinfo=LOCAL)
    assert ex.date_source == "visible date"
    assert ex.categories == ["Thể thao", "the-thao"]
    assert ex.byline == "Thu Hà (LĐLĐ huyện Kỳ Anh)"
    assert ex.has_player and ex.players == ["https://www.youtube.com/embed/abc"]
    assert ex.lead == "Chiều 30/4, CĐN Y tế tổ chức hội thao."
    assert ex.words == count_words(ex.lead + " " + PARAS[0])


def test_time_published_template_with_header_author():
    body = f"""<article><header><nav aria-label="breadcrumb"><a href="/">Trang chủ</a> /
    <a href="https://congdoanhatinh.org.vn/chuyen-de">Chuyên đề</a></nav>
    <h1>Bài 2: Những người giữ lửa phong trào</h1>
    <time class="updated" datetime="2025-06-02T08:00:00+07:00">02/06/2025</time>
    <time class="published" datetime="2025-05-31T17:30:00Z">01/06/2025 00:30</time>
    <p class="author">Tác giả: Nguyễn Văn An</p></header>
    <p class="lead">Công đoàn các Khu kinh tế tỉnh đồng hành cùng người lao động.</p>
    <div class="body"><p>{PARAS[0]}</p><p>{PARAS[1]}</p>
    <video controls><source src="/media/clip.mp4">Trình duyệt không hỗ trợ video.</video></div></article>"""
    ex = extract_article(page("x", body), site_authors=SITE_AUTHORS)
    assert ex.published.astimezone(LOCAL) == datetime(2025, 6, 1, 0, 30, tzinfo=LOCAL)
    assert ex.category == "Chuyên đề" and "chuyen-de" in ex.categories
    assert ex.byline == "Nguyễn Văn An"
    assert ex.has_player
    # the <video> fallback text is not body text
    assert ex.words == count_words(" ".join(["Công đoàn các Khu kinh tế tỉnh đồng hành cùng người lao động.", *PARAS]))


def test_site_wide_author_is_not_a_byline_and_missing_date_is_reported():
    body = f"""<div class="detail"><h1>Tin không ngày</h1><div class="detail-content">
    <p>{PARAS[0]}</p><p>{PARAS[1]}</p><p><b>Ban Biên tập</b></p></div></div>"""
    ex = extract_article(page("x", body), site_authors=SITE_AUTHORS)
    assert ex.byline == ""
    assert ex.published is None
    assert "no publish date on the page" in ex.problems


def test_repost_byline_and_profile_selectors_win():
    body = f"""<div class="x-title">Tiêu đề theo selector</div><h1>Tiêu đề khác</h1>
    <div class="x-date">Ngày 17-04-2024 08:15</div>
    <div class="x-body"><p>{PARAS[0]}</p><p>Theo Kiều Minh/baohatinh.vn</p></div>"""
    sel = Selectors(title=".x-title", published=".x-date", body=".x-body")
    ex = extract_article(page("x", body), selectors=sel, site_authors=SITE_AUTHORS)
    assert ex.title == "Tiêu đề theo selector"
    assert ex.published == datetime(2024, 4, 17, 8, 15, tzinfo=LOCAL)
    assert ex.date_source == "profile selector"
    assert ex.byline == "Theo Kiều Minh/baohatinh.vn"


def test_listing_entries_leave_out_the_sidebar():
    body = """<div class="list">
    <div class="item"><a href="/a-1714000001.html"><img src="a.jpg"></a>
      <h3><a href="/a-1714000001.html?utm_source=x">Tin A</a></h3><span>17-04-2024</span><p>Tóm tắt A</p></div>
    <div class="item"><h3><a href="https://congdoanhatinh.org.vn/b-1714000002.html">Tin B</a></h3><span>16-04-2024</span></div>
    </div><div class="pagination"><a href="/tin-tuc/page/2">2</a></div>"""
    entries, others = listing_entries(page("Tin tức", body), "http://127.0.0.1:8000/tin-tuc")
    assert [e.title for e in entries] == ["Tin A", "Tin B"]
    assert entries[0].date == datetime(2024, 4, 17, tzinfo=LOCAL)
    assert others == ["http://127.0.0.1:8000/tin-moi-khac-1700000001.html"]


def test_caption_after_byline_and_event_date_in_body_are_not_taken():
    body = f"""<div class="news"><h1>Công đoàn ngành Y tế thăm hỏi</h1>
    <div class="news-body"><p>Ngày 28/02/2025, Công đoàn ngành Y tế đã thăm hỏi và tặng quà người lao động khó khăn.</p>
    <p>{PARAS[0]}</p><p><em>Minh Thái</em></p>
    <figure><img src="b.jpg"><figcaption><em>Ảnh: Quang Huy</em></figcaption></figure></div></div>"""
    ex = extract_article(page("x", body), site_authors=SITE_AUTHORS)
    assert ex.byline == "Minh Thái"
    assert ex.published is None  # the event's date in the first paragraph is not a publish date


def test_a_category_selector_inside_the_breadcrumb_keeps_the_slug():
    body = f"""<ol class="breadcrumb"><li><a href="/">Trang chủ</a></li><li><a href="/video">Video</a></li></ol>
    <h1>Hội thao</h1><div class="content"><p>{PARAS[0]}</p></div>"""
    ex = extract_article(page("x", body), selectors=Selectors(category=".breadcrumb li:last-child a"))
    assert ex.categories == ["Video", "video"]
    assert ex.category_source == "profile selector"


def test_the_title_is_the_heading_the_page_title_holds_not_the_logo():
    html = f"""<html><head><title>Hội nghị Ban Chấp hành LĐLĐ huyện Can Lộc | Công đoàn Hà Tĩnh</title></head>
    <body><div class="logo"><h1>Công đoàn Hà Tĩnh - Trang thông tin điện tử</h1></div>
    <div class="main"><h2 class="title-detail">Hội nghị Ban Chấp hành LĐLĐ huyện Can Lộc</h2>
    <span>Thứ Ba, 06/05/2025 - 09:30</span>
    <div class="detail-content"><p>{PARAS[0]}</p><p>{PARAS[1]}</p></div></div></body></html>"""
    ex = extract_article(html)
    assert ex.title == "Hội nghị Ban Chấp hành LĐLĐ huyện Can Lộc"
    assert ex.published == datetime(2025, 5, 6, 9, 30, tzinfo=LOCAL)


def test_a_lead_without_a_class_between_title_and_body_counts():
    lead = "Sáng 6/5, Công đoàn ngành Y tế tổ chức hội nghị tổng kết công tác năm 2024."
    html = f"""<html><head><title>Hội nghị tổng kết của Công đoàn ngành Y tế</title></head><body>
    <div class="main"><h1>Hội nghị tổng kết của Công đoàn ngành Y tế</h1>
    <div class="info"><span>06/05/2025 09:30</span></div>
    <h2>{lead}</h2>
    <div class="detail-content"><p>{PARAS[0]}</p><p>{PARAS[1]}</p></div></div></body></html>"""
    ex = extract_article(html)
    assert ex.lead == lead
    assert ex.words == count_words(" ".join([lead, *PARAS]))


def test_a_centred_caption_closing_the_body_is_not_the_byline():
    body = f"""<div class="news"><h1>Công đoàn ngành Y tế thăm hỏi</h1>
    <div class="news-body"><p>{PARAS[0]}</p><p>{PARAS[1]}</p>
    <p style="text-align: center;"><em>Lãnh đạo công đoàn trao quà cho người lao động</em></p></div>
    <div class="author">HOÀNG SƠN</div></div>"""
    ex = extract_article(page("x", body))
    assert ex.byline == "HOÀNG SƠN"
    assert ex.words == count_words(" ".join([*PARAS, "Lãnh đạo công đoàn trao quà cho người lao động"]))


def test_category_link_in_the_article_footer_counts_not_in_the_sidebar():
    html = f"""<html><head><title>Hội thao</title>
    <link rel="alternate" type="application/rss+xml" title="Trang » Dòng thông tin" href="/feed/">
    <link rel="alternate" type="application/rss+xml" title="Trang » Dòng bình luận" href="/comments/feed/">
    </head><body><aside class="widget-area"><a rel="category tag" href="/tin-tuc">Tin tức</a></aside>
    <article><h1 class="entry-title">Hội thao công nhân</h1><div class="entry-content"><p>{PARAS[0]}</p></div>
    <footer class="entry-footer"><span class="cat-links"><a href="/phong-su" rel="category tag">Phóng sự</a></span></footer>
    </article><footer class="site-footer">© Công đoàn Hà Tĩnh</footer></body></html>"""
    ex = extract_article(html)
    assert ex.categories == ["Phóng sự", "phong-su"] and ex.category_source == "category link"
    assert feed_links(html, "http://127.0.0.1/") == ["http://127.0.0.1/feed/"]


def test_a_parent_section_in_the_breadcrumb_names_the_kind_too():
    body = f"""<ul class="breadcrumb"><li><a href="/">Trang chủ</a></li><li><a href="/video">Video</a></li>
    <li><a href="/video/hoat-dong">Hoạt động công đoàn</a></li></ul>
    <h1>Hội thao công nhân</h1><div class="content"><p>{PARAS[0]}</p></div>"""
    ex = extract_article(page("x", body))
    assert ex.category == "Hoạt động công đoàn"
    assert ex.categories == ["Hoạt động công đoàn", "hoat-dong", "Video", "video"]
