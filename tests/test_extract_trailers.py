"""What is not the article inside the article's own container: related lists (by heading or as a
block of links), view counters, print/share bars, tag lines, comment and rating forms. None of
it gives body words, a unit or a byline; the byline is the body's signature before them."""

from __future__ import annotations

import pytest

from collectors.extraction import extract_article
from collectors.profile import Selectors
from collectors.textnorm import count_words

P1 = "Sáng 12/3, LĐLĐ huyện Hương Sơn tổ chức hội nghị tổng kết công tác công đoàn năm 2024 với sự tham dự của đông đảo đoàn viên."
P2 = "Hội nghị đã biểu dương các tập thể, cá nhân có thành tích xuất sắc trong phong trào thi đua lao động giỏi."
SIGN = "Minh Châu"
BODY_WORDS = count_words(P1 + " " + P2)


def page(trailer: str, body_class: str = "noidung") -> str:
    return f"""<html><head><title>Hội nghị tổng kết của LĐLĐ huyện Hương Sơn</title></head><body>
    <div id="main"><h1>Hội nghị tổng kết của LĐLĐ huyện Hương Sơn</h1>
    <div class="ngay">Thứ Tư, 12/03/2025 - 10:15</div>
    <div class="{body_class}"><p>{P1}</p><p>{P2}</p><p><strong>{SIGN}</strong></p>{trailer}</div>
    </div></body></html>"""


def links(n: int, start: int = 1700000001) -> str:
    return "".join(
        f'<p><a href="/cong-doan-ky-anh-to-chuc-hoi-thao-{start + i}.html">Công đoàn Giáo dục tỉnh tổ chức hội thao lần thứ {i}</a> (0{i}/03/2025)</p>'
        for i in range(n)
    )


TRAILERS = {
    "related heading": "<p><strong>Tin liên quan</strong></p>" + links(2),
    "same category": "<h3>Tin cùng chuyên mục:</h3><ul><li><a href='/a-1700000001.html'>CĐN Y tế thăm hỏi người lao động</a></li><li><a href='/b-1700000002.html'>LĐLĐ thị xã Kỳ Anh ra quân</a></li></ul>",
    "other news": "<div><b>Các tin khác</b></div><div><a href='/c-1700000003.html'>Công đoàn Viên chức tỉnh tập huấn</a> - 01/03/2025</div>",
    "read more": "<p>Xem thêm: <a href='/d-1700000004.html'>LĐLĐ huyện Can Lộc trao quà Tết</a></p>",
    "block of links": links(4),
    "counter": "<p>Lượt xem: 1.234</p>",
    "tool bar": "<div>In bài viết | Gửi email | Chia sẻ Facebook</div>",
    "tag line": "<p>Từ khóa: công đoàn, LĐLĐ huyện Đức Thọ, hội nghị</p>",
    "tags": "<div>Tags: <a href='/tag/cong-doan'>công đoàn</a> <a href='/tag/ld'>Công đoàn ngành Y tế</a></div>",
    "comment form": "<div><h4>Ý kiến bạn đọc</h4><p>Họ và tên</p><input name='ten'><textarea></textarea><button>Gửi bình luận</button></div>",
    "rating": "<div>Đánh giá bài viết: <span>★★★★☆</span> <input type='radio' name='r'></div>",
}


@pytest.mark.parametrize("name", sorted(TRAILERS))
def test_a_trailer_gives_no_words_unit_or_byline(name):
    ex = extract_article(page(TRAILERS[name]))
    assert ex.byline == SIGN, name
    assert ex.words == BODY_WORDS, (name, ex.text)
    assert "Công đoàn Giáo dục" not in ex.text and "Y tế" not in ex.text and "Kỳ Anh" not in ex.text
    assert ex.left_out and all(part == "body" for part, _why, _text in ex.left_out)


def test_all_trailers_at_once_and_a_profile_body():
    html = page("".join(TRAILERS.values()))
    for sel in (None, Selectors(title="h1", published=".ngay", body=".noidung")):
        ex = extract_article(html, selectors=sel)
        assert ex.byline == SIGN and ex.words == BODY_WORDS, ex.text


def test_body_paragraphs_with_links_stay():
    linked = ("<p>Theo <a href='/ke-hoach-1700000009.html'>kế hoạch số 12</a> của Ban Thường vụ, "
              "<a href='/a-1700000008.html'>hội thi</a> được triển khai tới 100% công đoàn cơ sở.</p>")
    html = page("").replace(f"<p>{P2}</p>", f"<p>{P2}</p>{linked}")
    ex = extract_article(html)
    assert ex.byline == SIGN and ex.left_out == []
    assert ex.words == BODY_WORDS + count_words("Theo kế hoạch số 12 của Ban Thường vụ, hội thi được triển khai tới 100% công đoàn cơ sở.")


def test_a_player_in_a_related_list_is_not_the_articles():
    trailer = "<h3>Tin liên quan</h3><div><iframe src='https://www.youtube.com/embed/zzz'></iframe><a href='/v-1700000005.html'>[Video] Hội thao</a></div>"
    ex = extract_article(page(trailer))
    assert not ex.has_player and ex.byline == SIGN


def test_the_profile_can_exclude_parts_and_end_the_body():
    trailer = "<div class='chu-ky-bbt'>Ban biên tập trân trọng cảm ơn Công đoàn ngành Y tế</div><p>Nguồn ảnh: Internet</p><p>Phần sau: Công đoàn Giáo dục tỉnh</p>"
    html = page(trailer)
    base = Selectors(title="h1", published=".ngay", body=".noidung")
    plain = extract_article(html, selectors=base)
    assert plain.words > BODY_WORDS  # unmarked: the generic rules keep it
    sel = base.model_copy(update={"exclude": ".chu-ky-bbt", "body_end": ["Nguồn ảnh:"]})
    ex = extract_article(html, selectors=sel)
    assert ex.words == BODY_WORDS and ex.byline == SIGN
    reasons = [why for _part, why, _text in ex.left_out]
    assert any("exclude" in r for r in reasons) and any("kết thúc" in r for r in reasons)
