"""Signatures with labels ("Tác giả:", "Nguồn:", "PV:", "CTV:", "Bài, ảnh:", "Thực hiện:", any
case or spacing), and photo captions (a text crediting a photo, a figcaption, an image table's
caption cell, centred italics or italics under an image), which are never the byline even when
they close the body: the byline is the signature after the last caption, the labelled lines
after the body, or the header's author line. A labelled repost ("Nguồn: Theo …", "Nguồn: Báo …")
gets no unit."""

from __future__ import annotations

import pytest

from collectors.extraction import extract_article
from collectors.textnorm import count_words
from pipeline.attribution import Attributor
from pipeline.probe import probe_page
from pipeline.settings import load_config

PARAS = ["Sáng 12/5, Liên đoàn Lao động huyện tổ chức hội nghị sơ kết công tác công đoàn sáu tháng đầu năm.",
         "Hội nghị đã đánh giá kết quả thực hiện các chỉ tiêu, nhiệm vụ và đề ra giải pháp cho những tháng cuối năm."]  # fmt: skip
LABELS = ["Tác giả", "Nguồn", "PV", "CTV", "Bài, ảnh", "Bài và ảnh", "Bài - ảnh", "Thực hiện", "Phóng viên"]


def spellings(label: str) -> list[str]:
    """A label as editors write it: as is, in capitals, a space before the colon, no space after."""
    return [f"{label}: ", f"{label.upper()}: ", f"{label} : ", f"{label}:"]


CAPTIONS = {
    "credit after the caption": "<p><em>Quang cảnh hội nghị. Ảnh: Lê Thị Thủy</em></p>",
    "credit in brackets": "<p><i>Lãnh đạo LĐLĐ huyện phát biểu tại hội nghị (Ảnh: Lê Thị Thủy)</i></p>",
    "plain credit line": "<p>Đại biểu dự hội nghị. Ảnh: Lê Thị Thủy</p>",
    "credit alone": "<p><em>Ảnh: Lê Thị Thủy</em></p>",
    "figcaption": '<figure><img src="/a.jpg"><figcaption>Quang cảnh hội nghị</figcaption></figure>',
    "image table cell": '<table class="image"><tr><td><img src="/a.jpg"></td></tr>'
                        "<tr><td><em>Quang cảnh hội nghị</em></td></tr></table>",
    "image table, bold cell": '<table><tbody><tr><td><img src="/a.jpg"></td></tr>'
                              "<tr><td><strong>Các đại biểu dự hội nghị</strong></td></tr></tbody></table>",
    "centred italics": '<p style="text-align:center"><em>Quang cảnh hội nghị</em></p>',
    "italics under an image": '<p><img src="/a.jpg"></p><p><em>Các đại biểu dự hội nghị</em></p>',
    "image and caption in one block": '<p><img src="/a.jpg"><br><em>Các đại biểu dự hội nghị</em></p>',
}  # fmt: skip


def article(body_end: str = "", after_body: str = "", header: str = "") -> str:
    return f"""<html><head><title>Hội nghị sơ kết công tác công đoàn</title></head><body>
    <div class="menu"><a href="/">Trang chủ</a></div>
    <div class="article"><h1>Hội nghị sơ kết công tác công đoàn</h1>{header}
    <div class="article-content"><p>{PARAS[0]}</p><p>{PARAS[1]}</p>{body_end}</div>{after_body}</div>
    <div class="sidebar"><a href="/tin-1.html">Tin khác</a></div></body></html>"""


SIGNED_PHOTOS = ["Hồng Nguyên - Ảnh: Thu Hà", "Tin, ảnh: Thu Hà", "Bài và ảnh: Thu Hà", "Bài/ảnh: Thu Hà",
                 "THU HÀ (LĐLĐ huyện Kỳ Anh) - Ảnh: Minh Thái"]  # fmt: skip


def test_a_caption_closing_the_body_is_never_the_byline_a_signature_naming_the_photographer_is():
    for caption, markup in CAPTIONS.items():
        ex = extract_article(article(markup))
        assert ex.byline == "", (caption, ex.byline)
        with_author = extract_article(article(markup, header='<div class="author">Ngọc Ánh</div>'))
        assert with_author.byline == "Ngọc Ánh", (caption, with_author.byline)
    for signature in SIGNED_PHOTOS:
        assert extract_article(article(f"<p><em>{signature}</em></p>")).byline == signature


@pytest.mark.parametrize("caption", sorted(CAPTIONS))
def test_the_labelled_signature_after_the_captions_is_the_byline(caption):
    for label in LABELS:
        for spelled in spellings(label):
            signature = f"{spelled}Ngọc Ánh"
            for where in ("in the body", "after the body"):
                end, after = (CAPTIONS[caption] + f"<p>{signature}</p>", "") if where == "in the body" \
                    else (CAPTIONS[caption], f"<p>{signature}</p>")  # fmt: skip
                ex = extract_article(article(end, after))
                assert ex.byline == signature, (label, caption, where, ex.byline)
                assert signature not in ex.text


@pytest.mark.parametrize("spelled", [s for label in ("Tác giả", "PV", "CTV") for s in spellings(label)])
def test_labelled_lines_in_a_row_are_one_signature(spelled):
    for where in ("in the body", "after the body"):
        lines = f"<p>{spelled}Ngọc Ánh</p><p>Nguồn: LĐLĐ huyện Nghi Xuân</p>"
        end, after = (CAPTIONS["credit after the caption"] + lines, "") if where == "in the body" \
            else (CAPTIONS["credit after the caption"], lines)  # fmt: skip
        ex = extract_article(article(end, after))
        assert ex.byline == f"{spelled}Ngọc Ánh - Nguồn: LĐLĐ huyện Nghi Xuân", (where, ex.byline)
        assert ex.words == count_words(" ".join([*PARAS, "Quang cảnh hội nghị. Ảnh: Lê Thị Thủy"]))


CONFIG = load_config()
CONFIG_ATTRIBUTOR = Attributor(CONFIG.units, CONFIG.contributors, [])
REPOSTS = [f"{spelled}{rest}" for spelled in spellings("Nguồn")
           for rest in ("Theo Thu Hiền/baohatinh.vn", "Báo Hà Tĩnh", "theo Báo Lao Động")]


@pytest.mark.parametrize("signature", REPOSTS + [f"(Tác giả: Thu Hiền - {r})" for r in REPOSTS[:3]])
def test_a_labelled_repost_gets_no_unit(signature):
    html = article(CAPTIONS["credit after the caption"], f"<p>{signature}</p>").replace(
        "Hội nghị sơ kết công tác", "LĐLĐ huyện Can Lộc sơ kết công tác")
    report = probe_page("https://congdoanhatinh.vn/tin-tuc/so-ket-1715000000.html", html, CONFIG)
    assert report["byline"] == signature
    assert report["is_repost"] and report["unit"] is None, (signature, report["unit"], report["unit_reason"])


@pytest.mark.parametrize("spelled", spellings("Nguồn"))
def test_a_unit_named_as_the_source_attributes_and_names_nobody(spelled):
    html = article(CAPTIONS["credit after the caption"], f"<p>Tác giả: Ngọc Ánh</p><p>{spelled}LĐLĐ huyện Nghi Xuân</p>")
    report = probe_page("https://congdoanhatinh.vn/tin-tuc/so-ket-1715000001.html", html, CONFIG)
    assert not report["is_repost"] and report["unit"] == "ldld-nghi-xuan", report
    assert report["byline"] == f"Tác giả: Ngọc Ánh - {spelled}LĐLĐ huyện Nghi Xuân"
    assert report["contributors"] == [] and "LĐLĐ" not in " ".join(CONFIG_ATTRIBUTOR.names(report["byline"]))
