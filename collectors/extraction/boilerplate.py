"""What is not the article on any page: menus, sidebars, headers, footers, related lists,
share bars, paging; removed before the article's parts are looked for."""

from __future__ import annotations

import re

from lxml import etree

from collectors.extraction.index import PageIndex
from collectors.extraction.patterns import BOILERPLATE_CLASS, BOILERPLATE_TAGS
from collectors.extraction.tree import classes, contains, remove, stripped_text

# a box that names itself the article's too ("l-sidebar-fixed l-article-body")
_ARTICLE_NAME = re.compile(r"(^|[\s_-])(article|post|entry|story)[\s_-]?(body|content|text|main)([\s_-]|$)", re.I)
_KEEP = frozenset(("html", "body", "main", "article"))


def is_boilerplate(el) -> bool:
    tag = el.tag
    if tag in BOILERPLATE_TAGS:
        if tag == "form" and len(stripped_text(el)) > 400:
            return False  # a page-wide <form> (ASP.NET) holds the article itself
        if tag == "header":
            # an article's own header holds its title and date: keep it
            if any(a.tag == "article" for a in el.iterancestors()):
                return False
            h1 = el.find(".//h1")
            if h1 is not None and len(stripped_text(h1)) > 25:
                return False
        return True
    if "breadcrumb" in (el.get("aria-label") or "").lower():
        return True
    return bool(BOILERPLATE_CLASS.search(classes(el)))


def in_boilerplate(el) -> bool:
    """Whether ``el`` is, or stands in, boilerplate."""
    return any(a.tag not in _KEEP and is_boilerplate(a) for a in (el, *el.iterancestors()))


def boilerplate_of(page, index: PageIndex | None = None) -> list:
    """The outermost boilerplate elements below ``page`` (the page, or the article alone),
    judged on the unchanged tree (``index``: the page's, built before anything was taken out)."""
    index = index or PageIndex(page)
    candidates = {el: None for el in page.iterdescendants(*BOILERPLATE_TAGS)}
    candidates.update((el, None) for el in index.named(BOILERPLATE_CLASS))
    candidates.update((el, None) for el in index.labelled if el.get("aria-label") is not None)
    inside = [el for el in candidates if el.tag not in _KEEP and el is not page and contains(page, el)]
    judged = {el for el in inside if is_boilerplate(el)}
    total = None
    while True:
        outer = [el for el in inside if el in judged and not any(a in judged for a in el.iterancestors())]
        if total is None:
            total = len(stripped_text(page))
        wrappers = [el for el in outer if _holds_the_page(el, total)]
        if not wrappers:
            return outer
        judged.difference_update(wrappers)  # look inside it for the boilerplate it holds


def _holds_the_page(el, total: int) -> bool:
    """A box named like boilerplate ("l-sidebar-fixed l-article-body", a drawer around the
    whole page) that holds the article's title or body mark and most of the page's text and
    paragraphs: the article is in it."""
    if total < 500:
        return False
    if not _ARTICLE_NAME.search(classes(el)) and el.find(".//h1") is None and el.find(".//article") is None and not any(
        (d.get("itemprop") or "") == "articleBody" for d in el.iter(etree.Element)
    ):
        return False  # (a sidebar of long teasers holds no article's title)
    n = len(stripped_text(el))
    return n >= 0.5 * total and sum(1 for p in el.iter("p") if len(stripped_text(p)) >= 80) >= 3


def strip_boilerplate(page, index: PageIndex | None = None) -> None:
    for el in boilerplate_of(page, index):
        remove(el)
