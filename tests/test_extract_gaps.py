"""Markup that the blind families showed the extraction misreading: a view counter sharing its
line with the share bar, a short body followed by related lists of bare <p> links, Drupal's body
field of the type "text-with-summary", an author field between the title and the body, and a
category field holding the category's link."""

from __future__ import annotations

import re

import pytest

from collectors.extraction import extract_article
from collectors.textnorm import count_words

LEAD = "(CĐHT) - Ngày 25/2, LĐLĐ huyện Kỳ Anh đã tổ chức hội thao chào mừng Ngày Quốc tế Lao động."
P1 = "Phát biểu tại buổi lễ, đồng chí Chủ tịch đề nghị các đơn vị tiếp tục đổi mới nội dung hoạt động."
TITLE = "Hội thao chào mừng Ngày Quốc tế Lao động"


def _related(n: int) -> str:
    return "".join(f'<p>- <a href="/hoi-thao-lan-thu-{i}-17000000{i:02d}.html">Hội thao lần thứ {i} của công đoàn</a>'
                   f" (0{i % 9 + 1}/06/2024)</p>" for i in range(n))


def test_counter_and_share_bar_on_one_line_and_short_body_before_related_lines():
    html = (f"<html><body><div id='article-detail'><div id='tieu-de'>{TITLE}</div>"
            "<div id='ngay'>Ngày đăng: 25/02/2024 12:40 SA</div><div id='noi-dung-chi-tiet'>"
            f"<p><strong>{LEAD}</strong></p><p>{P1}</p><p style='text-align: right;'><b>Bài và ảnh: Lê Vinh</b></p>"
            "<p>Lượt xem: 3859 | <a href='javascript:window.print()'>In trang</a> | <a href='mailto:?'>Gửi email</a> | "
            "<a href='https://www.facebook.com/sharer/sharer.php?u=x'>Chia sẻ Facebook</a> | <a href='https://zalo.me/share'>Zalo</a></p>"
            f"<p><strong>Tin cùng chuyên mục</strong></p>{_related(5)}<p><strong>Tin liên quan</strong></p>{_related(4)}"
            "</div></div></body></html>")
    ex = extract_article(html, "https://example.org/hoi-thao-1708782000.html")
    assert ex.words == count_words(f"{LEAD} {P1}")
    assert ex.byline == "Bài và ảnh: Lê Vinh"
    assert any(r == "bộ đếm lượt xem" and t.startswith("Lượt xem: 3859") for _, r, t in ex.left_out)


def _drupal(top: str, sign: str) -> str:
    return (f"<html><body><h1 class='title' id='page-title'>{TITLE}</h1><div class='node node-article'>{top}"
            "<div class='content'><div class='field field-name-field-chuyen-muc field-label-inline clearfix'>"
            "<div class='field-label'>Chuyên mục:&nbsp;</div><div class='field-items'><div class='field-item even'>"
            "<a href='/tin-tuc' typeof='skos:Concept' property='rdfs:label skos:prefLabel'>Tin tức</a></div></div></div>"
            "<div class='field field-name-body field-type-text-with-summary field-label-hidden'><div class='field-items'>"
            f"<div class='field-item even' property='content:encoded'><p class='rtejustify'><strong>{LEAD}</strong></p>"
            f"<p class='rtejustify'>{P1}</p>{sign}</div></div></div></div></div></body></html>")


def test_drupal_body_field_is_no_lead_and_the_signature_is_the_byline():
    ex = extract_article(_drupal("", "<p class='rteright'><strong>Bài và ảnh: Thu Hà</strong></p>"),
                         "https://example.org/hoi-thao.html")
    assert ex.lead == LEAD
    assert ex.byline == "Bài và ảnh: Thu Hà"
    assert ex.words == count_words(f"{LEAD} {P1}")


def test_author_field_between_title_and_body_is_no_lead():
    top = ("<div class='field field-name-field-tac-gia field-label-inline'><div class='field-label'>Tác giả:&nbsp;</div>"
           "<div class='field-items'><div class='field-item even'>Tin: Hải Yến; Ảnh: Quang Đạt (CĐ Giáo dục)</div></div></div>")
    ex = extract_article(_drupal(top, ""), "https://example.org/hoi-thao.html")
    assert ex.lead == LEAD
    assert ex.words == count_words(f"{LEAD} {P1}")


def test_category_field_link_names_the_category():
    ex = extract_article(_drupal("", ""), "https://example.org/hoi-thao.html")
    assert ex.categories[:2] == ["Tin tức", "tin-tuc"]
    assert ex.category_source == "category link"


def test_bold_lead_at_the_head_of_br_separated_text_is_the_lead_alone():
    later = "Thời gian tới, Công đoàn Viên chức tỉnh sẽ tiếp tục nhân rộng cách làm này trong toàn ngành."
    html = (f"<html><body><table><tr><td><div style='font-size:20px;font-weight:bold'>{TITLE}</div>"
            "<span>(2024-09-27)</span><br /><br /><div>"
            f"<b>{LEAD}</b><br /><br />{P1}<br /><br />{later}<br /><br />{P1}</div>"
            "<div style='text-align:right;font-weight:bold'>Đình Nam</div></td></tr></table></body></html>")
    ex = extract_article(html, "https://example.org/hoi-thao-1727350200.html")
    assert ex.lead == LEAD
    assert ex.lead_source == "bold head of the body"
    assert ex.words == count_words(f"{LEAD} {P1} {later} {P1}")


WRAPPER_NAMES = ["l-sidebar-fixed l-article-body", "i-nav_drawer_slide", "menu-push", "widget-area main",
                 "site-header-wrap", "ads-wrapper"]  # fmt: skip
ARTICLE_MARKS = {
    "its title": lambda title, body: f"<h1>{title}</h1>{body}",
    "an article element": lambda title, body: f"<h2>{title}</h2><article>{body}</article>",
    "articleBody": lambda title, body: f"<h2>{title}</h2><div itemprop='articleBody'>{body}</div>",
}


@pytest.mark.parametrize("mark", sorted(ARTICLE_MARKS))
def test_a_box_named_like_boilerplate_holding_the_article_is_no_boilerplate(mark):
    paras = [f"<p>Đoạn {i}: Liên đoàn Lao động huyện tổ chức hội nghị sơ kết công tác công đoàn sáu tháng "
             f"đầu năm, đánh giá kết quả thực hiện các chỉ tiêu và nhiệm vụ được giao.</p>" for i in range(8)]  # fmt: skip
    for name in WRAPPER_NAMES:
        inner = ARTICLE_MARKS[mark]("Hội nghị sơ kết công tác công đoàn", "".join(paras))
        html = (f"<html><body><div class='{name}'><div class='menu'><a href='/'>Trang chủ</a></div>{inner}</div>"
                "<div class='sidebar'><p>Tin khác</p></div></body></html>")
        ex = extract_article(html)
        assert ex.words == count_words(" ".join(re.sub("<[^>]+>", " ", p) for p in paras)), (name, mark, ex.words)
        assert "Trang chủ" not in ex.text
