"""The signature: its label (``byline_label``, ``repost``) and its place (``byline_place``)."""

from __future__ import annotations

from pipeline.demo.replica.model import Article
from pipeline.demo.replica.text import ANONYMOUS_BYLINES

LABELS = {"tac-gia": "Tác giả: ", "nguon": "Nguồn: ", "pv": "PV: ", "ctv": "CTV: ",
          "bai-anh": "Bài, ảnh: ", "thuc-hien": "Thực hiện: "}


def signature(a: Article, label: str, repost: str) -> str:
    """The byline as the page writes it (labels are not part of the names)."""
    b = a.byline
    if not b:
        return ""
    if a.is_repost:
        return "Nguồn: " + b if repost == "nguon-theo" else b
    if label in LABELS and ":" not in b and b not in ANONYMOUS_BYLINES:
        return LABELS[label] + b
    return b


def in_header(place: str) -> bool:
    return place.startswith("header")


def byline_html(text: str, place: str) -> str:
    """``text`` (encoded) in its place's markup; "" when the item has no byline."""
    if not text:
        return ""
    return {
        "last-strong-right": f'<p style="text-align: right;"><strong>{text}</strong></p>',
        "last-em-right": f'<p align="right"><em>{text}</em></p>',
        "last-strong": f"<p><strong>{text}</strong></p>",
        "header-author": f'<p class="author">{text}</p>',
        "header-span": f'<div class="meta-author"><span class="author vcard">{text}</span></div>',
    }[place]
