"""Addresses: the variants links give an article, the page's own canonical tags, and the
resolution of any variant back to the article (the server answers every alias with the page)."""

from __future__ import annotations

from urllib.parse import parse_qsl

from pipeline.demo.replica.model import Article
from pipeline.demo.replica.text import REAL_BASE

from .dimensions import Markup

CATEGORY_IDS = {"tin-tuc": 12, "hoat-dong-cong-doan": 14, "chuyen-de": 21, "phong-su": 22, "video": 30}
IGNORED_PARAMS = {"cid", "print", "utm_source", "utm_medium", "utm_campaign"}


def host(markup: Markup) -> str:
    return REAL_BASE if markup.one("link_host") == "absolute" else ""


def variant_path(a: Article, variant: str) -> str:
    cid = CATEGORY_IDS.get(a.category, 1)
    if variant == "utm":
        return a.path + "?utm_source=facebook&utm_medium=social&utm_campaign=tin-moi"
    if variant == "cid":
        return f"{a.path}?cid={cid}"
    if variant == "print-path":
        return "/print" + a.path
    if variant == "print-query":
        return a.path + "?print=1"
    if variant == "catpath":
        return f"/{a.category}{a.path}"
    if variant == "slash":
        return a.path + "/"
    return a.path


def link(markup: Markup, a: Article, where: str) -> str:
    """The href of a link to ``a`` from the page part ``where`` (each link picks its variant)."""
    return host(markup) + variant_path(a, markup.pick("url_variant", a.path, where))


def canonical_tags(markup: Markup, a: Article) -> str:
    mode = markup.one("canonical")
    url = REAL_BASE + a.path
    tags = []
    if mode in ("link", "both"):
        tags.append(f'<link rel="canonical" href="{url}">')
    if mode == "link-relative":
        tags.append(f'<link rel="canonical" href="{a.path}">')
    if mode in ("og-url", "both"):
        tags.append(f'<meta property="og:url" content="{url}">')
    return "\n".join(tags)


def resolve(path: str, query: str, article_paths: set[str], categories: set[str]) -> str | None:
    """The article an address names, whatever variant it is, or None."""
    if any(k not in IGNORED_PARAMS for k, _ in parse_qsl(query)):
        return None
    p = path.rstrip("/") if len(path) > 1 else path
    if p.startswith("/print/"):
        p = p[len("/print"):]
    head, _, rest = p[1:].partition("/")
    if rest and head in categories:
        p = "/" + rest
    return p if p in article_paths else None
