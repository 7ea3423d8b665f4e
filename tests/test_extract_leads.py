"""The lead wherever the page writes it, with or without lead markup, in any encoding: the
author line, the date line and a lead set apart by its class never make the whole article the
body, and a line that only names the category is never the lead ("first paragraph")."""

from __future__ import annotations

import unicodedata

import pytest

from collectors.extraction import extract_article
from collectors.textnorm import count_words

TITLE = "Tổ chức chương trình Tháng hành động về an toàn lao động"
LEAD = ("Sáng thứ Bảy, CĐ Viên chức tỉnh đã tổ chức chương trình Tháng hành động về an toàn lao "
        "động, nhằm chăm lo đời sống cho đoàn viên.")
P1 = "Theo đó, các cấp công đoàn tập trung triển khai đồng bộ các giải pháp chăm lo cho đoàn viên."
P2 = ("Sau hội nghị, các đơn vị sẽ cụ thể hóa nội dung thành kế hoạch hành động phù hợp với thực "
      "tiễn, an toàn, tiết kiệm và hiệu quả.")
CAT = '<div class="cat"><a href="/tin-tuc" rel="category tag">Tin tức</a></div>'
LEADS = {
    "h2-in": ("", f"<h2>{LEAD}</h2>"),
    "plain-first": ("", f"<p>{LEAD}</p>"),
    "bold-first": ("", f"<p><strong>{LEAD}</strong></p>"),
    "sapo-out": (f'<div class="sapo">{LEAD}</div>', ""),
    "p-lead": (f'<p class="lead">{LEAD}</p>', ""),
}
AUTHORS = {
    "p.author": '<p class="author">Tin, ảnh: Lê Văn Bình</p>',
    "span.author": '<div class="meta-author"><span class="author vcard">Bài: Nguyễn Thị Mai; Ảnh: '
                   "Minh Tâm (LĐLĐ huyện Can Lộc)</span></div>",
}


def _page(lead: str, author: str, nfd: bool = False, body: str = "") -> str:
    before, first = LEADS[lead]
    paras = body or f"<p>{P1}</p><p>{P2}</p>"
    article = (f'<article class="detail"><h1 class="title">{TITLE}</h1>'
               '<div class="times"><time class="published" datetime="2024-11-06T21:45:00+07:00">'
               f"21:45 06/11/2024</time></div>{AUTHORS[author]}{CAT}{before}"
               f'<div class="content">{first}{paras}</div></article>')
    if nfd:
        article = unicodedata.normalize("NFD", article)
    return (f"<html><head><title>{TITLE}</title></head><body><main>{article}</main>"
            '<aside class="sidebar"><p>Liên hệ: Ban Biên tập</p></aside></body></html>')


@pytest.mark.parametrize("nfd", [False, True], ids=["nfc", "nfd"])
@pytest.mark.parametrize("author", sorted(AUTHORS))
@pytest.mark.parametrize("lead", sorted(LEADS))
def test_the_lead_is_read_whatever_its_markup_and_the_category_line_is_not_body(lead, author, nfd):
    ex = extract_article(_page(lead, author, nfd), "https://example.org/a-1730903280.html")
    assert ex.lead == LEAD
    assert ex.words == count_words(f"{LEAD} {P1} {P2}")
    assert "Tin tức" not in ex.text
    assert ex.byline.startswith(("Tin, ảnh", "Bài: Nguyễn"))


def test_a_short_body_beside_a_lead_box_is_still_the_body_and_keeps_its_player():
    """A body of one short paragraph, a file player and a signature, under a div.sapo: the
    lead's text must not make the article the body (then the body's container went as a related
    list, and the player and the signature with it)."""
    body = ('<p>Tiếp theo với.</p><p><embed src="/uploads/video/2025/07/a.mp4" type="video/mp4"></p>'
            '<p align="right"><em>Nguồn: PHẠM THỊ HẰNG</em></p><p><strong>Tin liên quan</strong></p><ul>'
            + "".join(f'<li><a href="/tin-so-{i}-17529949{i:02d}.html">Liên đoàn Lao động huyện Nghi Xuân '
                      f"phát động Tháng Công nhân năm 2025 lần {i}</a> (16/07/2025)</li>" for i in range(4))
            + "</ul>")
    ex = extract_article(_page("sapo-out", "p.author", body=body), "https://example.org/a-1752994920.html")
    assert ex.lead == LEAD
    assert ex.player_kinds == ["video file"]
    assert ex.byline == "Nguồn: PHẠM THỊ HẰNG"
    assert ex.words == count_words(f"{LEAD} Tiếp theo với.")


def test_a_category_line_inside_the_body_is_no_paragraph():
    """Where the title, the category line and the paragraphs share one container, the line
    that only links the category is neither the lead nor body text."""
    html = (f"<html><body><article><h1>{TITLE}</h1>{CAT}<p>{LEAD}</p><p>{P1}</p><p>{P2}</p>"
            "<p><strong>Thu Hà</strong></p></article></body></html>")
    ex = extract_article(html, "https://example.org/a-1730903280.html")
    assert ex.lead == LEAD
    assert ex.words == count_words(f"{LEAD} {P1} {P2}")
