"""What follows the body, in the ``trailer`` dimension: related links after or inside the
body's container, a tag line, a share bar, a view counter. None of it is body text."""

from __future__ import annotations

from collections.abc import Callable

from pipeline.demo.replica.model import Article

INSIDE = ("related-in", "tags-in", "share-in", "views-in")


def related_items(articles: list[Article], a: Article, n: int = 4) -> list[Article]:
    same = [x for x in articles if x.category == a.category and x.path != a.path]
    i = next((k for k, x in enumerate(same) if x.published < a.published), len(same))
    return (same[i : i + n] or same[:n])[:n]


def trailer_html(mode: str, a: Article, related: list[Article], href: Callable[[Article], str],
                 enc: Callable[[str], str], tag_unit: str) -> str:
    if mode == "related-out":
        items = "".join(f'<li><a href="{href(x)}">{enc(x.title)}</a> <span class="date">'
                        f"{x.local:%d-%m-%Y %H:%M}</span></li>" for x in related)
        return f'<div class="tin-lien-quan"><h3>Tin liên quan</h3><ul>{items}</ul></div>'
    if mode == "related-in":
        items = "".join(f'<li><a href="{href(x)}">{enc(x.title)}</a> ({x.local:%d/%m/%Y})</li>'
                        for x in related)
        return f"<p><strong>Tin liên quan</strong></p><ul>{items}</ul>"
    if mode == "tags-in":
        return (f'<p class="tags">Từ khóa: <a href="/tag/{a.created}">{enc(tag_unit)}</a>, '
                '<a href="/tag/nguoi-lao-dong">người lao động</a></p>')
    if mode == "share-in":
        return ('<div class="share-bar">Chia sẻ: <a href="#">Facebook</a> | <a href="#">Zalo</a> | '
                '<a href="#">In bài</a> | <a href="#">Gửi email</a></div>')
    if mode == "views-in":
        return f'<p class="views">Lượt xem: {a.created % 997 + 13}</p>'
    return ""
