"""What is not the article on any page: menus, sidebars, headers, footers, related lists,
share bars, paging; removed before the article's parts are looked for."""

from __future__ import annotations

from lxml import etree

from collectors.extraction.patterns import BOILERPLATE_CLASS, BOILERPLATE_TAGS
from collectors.extraction.tree import classes, remove, stripped_text

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


def boilerplate_of(page) -> list:
    """The outermost boilerplate elements below ``page``, judged on the unchanged tree."""
    found: list = []
    dead: set = set()  # removed elements and everything below them (parents come first)
    for el in page.iterdescendants(etree.Element):
        if dead and el.getparent() in dead:
            dead.add(el)
            continue
        if el.tag in _KEEP or not (el.attrib or el.tag in BOILERPLATE_TAGS):
            continue
        if is_boilerplate(el):
            found.append(el)
            dead.add(el)
    return found


def strip_boilerplate(page) -> None:
    for el in boilerplate_of(page):
        remove(el)
