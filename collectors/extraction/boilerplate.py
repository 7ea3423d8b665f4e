"""What is not the article on any page: menus, sidebars, headers, footers, related lists,
share bars, paging; removed before the article's parts are looked for."""

from __future__ import annotations

import re
from itertools import islice

from lxml import etree

from collectors.extraction.index import PageIndex
from collectors.extraction.patterns import BOILERPLATE_CLASS, BOILERPLATE_TAGS
from collectors.extraction.tree import classes, contains, remove, text_length

# a box that names itself the article's too ("l-sidebar-fixed l-article-body")
_ARTICLE_NAME = re.compile(r"(^|[\s_-])(article|post|entry|story)[\s_-]?(body|content|text|main)([\s_-]|$)", re.I)
_KEEP = frozenset(("html", "body", "main", "article"))


def is_boilerplate(el) -> bool:
    tag = el.tag
    if tag in BOILERPLATE_TAGS:
        if tag == "form" and text_length(el) > 400:
            return False  # a page-wide <form> (ASP.NET) holds the article itself
        if tag == "header":
            # an article's own header holds its title and date: keep it
            if next(el.iterancestors("article"), None) is not None:
                return False
            h1 = el.find(".//h1")
            if h1 is not None and text_length(h1) > 25:
                return False
        return True
    if "breadcrumb" in (el.get("aria-label") or "").lower():
        return True
    if _hidden(el):
        return True
    return bool(BOILERPLATE_CLASS.search(classes(el)))


_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_MAYBE_HIDDEN = etree.XPath('.//*[@hidden or contains(@style, "none")]')  # (then judged by _hidden)
_ARTICLE_BODY = etree.XPath('.//*[@itemprop="articleBody"]')
_MEDIA = ("iframe", "video", "embed", "object", "audio", "source")


def _hidden(el) -> bool:
    """A box the page never shows (``display: none``, ``hidden``) holding no player: text a reader
    never sees is not the article's (links stuffed for search engines, a closed tab)."""
    style = el.get("style")
    if not (el.get("hidden") is not None or (style and _HIDDEN_STYLE.search(style))):
        return False
    return el.tag not in _MEDIA and not any(True for _ in el.iter(*_MEDIA))


def in_boilerplate(*els) -> bool:
    """Whether one of ``els`` is, or stands in, boilerplate (what they stand in together is
    judged once)."""
    judged: set = set()
    for el in els:
        for a in (el, *el.iterancestors()):
            if a in judged:
                break  # (and so are the elements above it)
            judged.add(a)
            if a.tag not in _KEEP and is_boilerplate(a):
                return True
    return False


def boilerplate_of(page, index: PageIndex | None = None) -> list:
    """The outermost boilerplate elements below ``page`` (the page, or the article alone),
    judged on the unchanged tree (``index``: the page's, built before anything was taken out)."""
    index = index or PageIndex(page)
    # (True: found below ``page``; the index's elements are the whole page's)
    candidates = dict.fromkeys(page.iterdescendants(*BOILERPLATE_TAGS), True)
    candidates.update((el, candidates.get(el, False)) for el in index.named(BOILERPLATE_CLASS))
    candidates.update((el, candidates.get(el, False)) for el in index.labelled if el.get("aria-label") is not None)
    candidates.update(dict.fromkeys(_MAYBE_HIDDEN(page), True))
    inside = [el for el, below in candidates.items()
              if el.tag not in _KEEP and el is not page and (below or contains(page, el))]  # fmt: skip
    judged = {el for el in inside if is_boilerplate(el)}
    marks: list | None = None
    known: dict = {}

    def total() -> int:  # (each read once a page, and only when a box may hold most of it)
        if "total" not in known:
            known["total"] = text_length(page)
        return known["total"]

    def prose() -> int:
        if "prose" not in known:
            known["prose"] = _prose(page)
        return known["prose"]

    while True:
        outer = [el for el in inside if el in judged and not any(a in judged for a in el.iterancestors())]
        if not outer:
            return outer
        wrappers = [el for el in outer if _holds_the_page(el, total, prose)]
        if not wrappers and outer:
            if marks is None:
                marks = _body_marks(page, index)
            gone = set(outer)
            held = [m for m in marks if any(a in gone for a in (m, *m.iterancestors()))]
            if held and not any(text_length(m) >= 200 for m in marks if m not in held):
                held = [m for m in held if text_length(m) >= 200]
                # every box the page names as the article's body stands in boilerplate (Blogger's
                # posts in a "widget Blog"): the article's body is never thrown away with it
                wrappers = [el for el in outer if any(el is m or contains(el, m) for m in held)]
        if not wrappers:
            return outer
        judged.difference_update(wrappers)  # look inside it for the boilerplate it holds


def _holds_the_page(el, total, prose=None) -> bool:
    """A box named like boilerplate ("l-sidebar-fixed l-article-body", a drawer around the
    whole page, Blogger's "widget Blog", Elementor's "elementor-widget-container") that holds
    the article: most of the page's text and paragraphs with the article's title or body mark
    (in it or in a box inside it), or, marked or not, most of the page's prose (``prose``: the
    characters of the page's long paragraphs; ``total``: of all its text; either may be a
    callable that gives them)."""
    n = text_length(el)
    few_paragraphs = sum(1 for _ in islice(el.iter("p"), 3)) < 3
    if few_paragraphs and n < 250:
        return False  # (less than half of any page worth judging, 500 characters or more)
    if callable(total):
        total = total()
    if total < 500:
        return False
    if n < 0.5 * total and few_paragraphs:
        return False  # (neither most of the page's text nor three paragraphs of its prose)
    if callable(prose):
        prose = prose()
    if n < 0.5 * total and (not prose or n < 0.6 * prose):
        return False  # (neither most of the page's text nor most of its prose)
    long_paras = [n for p in el.iter("p") if (n := text_length(p)) >= 80 and not _in_link(p)]
    if prose and len(long_paras) >= 3 and sum(long_paras) >= 0.6 * prose:
        return True
    if n < 0.5 * total or not _marked(el):
        return False  # (a sidebar of long teasers holds no article's title)
    return len(long_paras) >= 3 or _br_text(el) >= 0.5 * n


def _marked(el) -> bool:
    """The article's title or body mark in ``el`` or below it."""
    if el.find(".//h1") is not None or el.find(".//article") is not None:
        return True
    return any(_ARTICLE_NAME.search(classes(d)) or (d.get("itemprop") or "") == "articleBody"
               for d in el.iter(etree.Element) if d.attrib)


def _body_marks(page, index: PageIndex) -> list:
    """The boxes the page names as the article's body ("post-body", "entry-content",
    ``itemprop="articleBody"``)."""
    return [d for d in index.named(_ARTICLE_NAME) if contains(page, d)] + _ARTICLE_BODY(page)


def _in_link(el) -> bool:
    return el.find(".//a") is not None and text_length(el) <= sum(text_length(a) for a in el.iter("a")) * 2


def _br_text(el) -> int:
    """Characters of text written between <br>s below ``el`` (a blog post of no paragraphs)."""
    n = 0
    for br in el.iter("br"):
        n += len((br.tail or "").strip())
    return n


def _prose(page) -> int:
    return sum(n for p in page.iter("p") if (n := text_length(p)) >= 80 and not _in_link(p))


def strip_boilerplate(page, index: PageIndex | None = None) -> None:
    for el in boilerplate_of(page, index):
        remove(el)
