"""Listing pages: the address of page N in each pager style, the pager's links, and the
parsing of a request back to (category, page)."""

from __future__ import annotations

from urllib.parse import parse_qs

from .dimensions import Markup
from .urls import CATEGORY_IDS

NEXT_TEXT = {"sau": "Sau", "trang-sau": "Trang sau", "tiep": "Tiếp", "rsaquo": "›", "raquo": "»"}
LAST_TEXT = {"cuoi": "Cuối", "double-raquo": "»»"}


def per_page(markup: Markup) -> int:
    return int(markup.one("per_page"))


def listing_url(markup: Markup, slug: str, n: int) -> str:
    style = markup.one("pager_url")
    if n == 1:
        return f"/{slug}"
    if style == "page":
        return f"/{slug}?page={n}"
    if style == "p":
        return f"/{slug}?p={n}"
    if style == "start":
        return f"/{slug}?cid={CATEGORY_IDS.get(slug, 1)}&start={(n - 1) * per_page(markup)}"
    return f"/{slug}/page/{n}"


def parse(markup: Markup, path: str, query: str, slugs: set[str]) -> tuple[str, int] | None:
    """(category slug, page number) of a listing address in the site's own pager style."""
    style = markup.one("pager_url")
    parts = path.strip("/").split("/")
    q = {k: v[-1] for k, v in parse_qs(query).items()}
    if not parts or parts[0] not in slugs:
        return None
    slug = parts[0]
    if len(parts) == 3 and parts[1] == "page" and parts[2].isdigit() and style == "path" and not q:
        return slug, int(parts[2])
    if len(parts) != 1:
        return None
    if not q:
        return slug, 1
    key = {"page": "page", "p": "p", "start": "start"}.get(style)
    if key and set(q) <= {key, "cid"} and q.get(key, "").isdigit():
        if style == "start":
            offset = int(q["start"])
            if offset % per_page(markup):
                return None
            return slug, offset // per_page(markup) + 1
        return slug, int(q[key])
    return None


def head_links(markup: Markup, slug: str, n: int, last: int) -> str:
    if markup.one("pager_next") == "rel-head" and n < last:
        return f'<link rel="next" href="{listing_url(markup, slug, n + 1)}">'
    return ""


def pager_html(markup: Markup, slug: str, n: int, last: int) -> str:
    nxt, final = markup.one("pager_next"), markup.one("pager_last")
    links = []
    if n > 1:
        links.append(f'<a href="{listing_url(markup, slug, n - 1)}">‹ Trước</a>')
    for k in range(max(1, n - 2), min(last, n + 2) + 1):
        links.append(f"<span class=\"current\">{k}</span>" if k == n
                     else f'<a href="{listing_url(markup, slug, k)}">{k}</a>')
    if n < last:
        url = listing_url(markup, slug, n + 1)
        if nxt == "rel-a":
            links.append(f'<a rel="next" href="{url}" title=""><i class="icon-next"></i></a>')
        elif nxt in NEXT_TEXT:
            links.append(f'<a href="{url}">{NEXT_TEXT[nxt]}</a>')
        if final in LAST_TEXT:
            links.append(f'<a href="{listing_url(markup, slug, last)}">{LAST_TEXT[final]}</a>')
    elif nxt in NEXT_TEXT:
        links.append(f'<span class="disabled">{NEXT_TEXT[nxt]}</span>')
    return f'<div class="pagination">{" ".join(links)}</div>'
