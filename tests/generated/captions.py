"""Photos and their captions in the styles of the ``caption`` dimension."""

from __future__ import annotations

from pipeline.demo.replica.model import Article


def photo_src(a: Article, i: int) -> str:
    return f"/uploads/news/{a.local:%Y/%m}/{a.created}-{i + 1}.jpg"


def figure_html(src: str, caption: str, credited: bool, style: str) -> str:
    """A photo with ``caption`` (encoded); ``credited``: the caption ends with 'Ảnh: X'."""
    if style == "table":
        return (f'<table class="image center" align="center"><tbody><tr><td><img src="{src}" alt="">'
                f'</td></tr><tr><td class="image_caption">{caption}</td></tr></tbody></table>')
    if style == "centred-italic" or (style == "credit-paragraph" and not credited):
        return (f'<p style="text-align: center;"><img src="{src}" alt=""></p>'
                f'<p style="text-align: center;"><em>{caption}</em></p>')
    if style == "credit-paragraph":
        return f'<p style="text-align: center;"><img src="{src}" alt=""></p><p>{caption}</p>'
    return f'<figure class="image"><img src="{src}" alt=""><figcaption>{caption}</figcaption></figure>'


def positions(a: Article, mode: str) -> list[int]:
    """After which paragraph each photo sits; ``last``: the last photo closes the body."""
    after = list(a.figure_after)
    if mode == "last" and after and a.paragraphs:
        after[-1] = len(a.paragraphs) - 1
    return after
