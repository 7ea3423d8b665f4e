"""The article's category, first that applies: the profile's selector, the breadcrumb, a
``rel="category"`` link outside sidebars, JSON-LD ``articleSection``, meta ``article:section``."""

from __future__ import annotations

import re

from collectors.extraction.index import PageIndex
from collectors.extraction.patterns import BREADCRUMB_CLASS, SIDEBAR_CLASS
from collectors.extraction.tree import classes, get_text, rel_holds
from collectors.textnorm import fold, one_line
from collectors.urls import is_article_path


def crumb_links(pairs) -> list[tuple[str, str]]:
    """A breadcrumb's (name, href) links less home and the article itself."""
    links = []
    for name, href in pairs:
        path = re.sub(r"^[a-z]+://[^/]+", "", href)
        if not name or path in ("", "/", "#") or fold(name) in ("trang chủ", "home", "trang chu"):
            continue
        if is_article_path(path):
            continue
        links.append((name, href))
    return links


def breadcrumb(root, index: PageIndex | None = None) -> list[tuple[str, str]]:
    """(name, href) of the first breadcrumb's links, home and the article itself left out."""
    index = index or PageIndex(root)
    candidates = {el: None for el in index.named(BREADCRUMB_CLASS)}
    candidates.update((el, None) for el in index.labelled)
    for el in sorted(candidates, key=index.seq.__getitem__):
        get = el.get
        if not (
            "breadcrumb" in (get("aria-label") or "").lower()
            or BREADCRUMB_CLASS.search(classes(el))
            or (get("itemtype") or "").endswith("BreadcrumbList")
        ):
            continue
        links = crumb_links(
            (one_line(get_text(a)), a.get("href")) for a in el.iterdescendants("a")
            if a.get("href") is not None
        )
        if links:
            return links
    return []


def in_sidebar(names: list[str], class_names: list[str]) -> bool:
    """Whether an element whose ancestors have these tag names and classes sits in a sidebar,
    a menu or a list of other articles."""
    return any(n in ("aside", "nav") for n in names) or any(SIDEBAR_CLASS.search(c) for c in class_names)


_CATEGORY_FIELD = re.compile(r"(^|[\s_-])(chuyen-?muc|category|categories|danh-?muc)(\s|$)", re.I)


def _category_field_links(index: PageIndex) -> list:
    """Links in a field named for the category (Drupal's ``field-name-field-chuyen-muc``,
    whose link is an RDFa ``skos:Concept``) no more than four levels down, never links to
    an article."""
    links = []
    for field in index.named(_CATEGORY_FIELD):
        for a in field.iter("a"):
            if is_article_path(a.get("href") or ""):
                continue
            if any(p is field for p in list(a.iterancestors())[:4]):
                links.append(a)
    return links


def category_links(root, index: PageIndex | None = None) -> list[tuple[str, str]]:
    """(name, href) of the page's ``rel="category"`` links, or links in a category field,
    outside sidebars and menus (a theme may put them in the article's own <footer>: read
    before the boilerplate goes)."""
    index = index or PageIndex(root)
    found = {a: None for a in root.iter("a") if rel_holds(a, "category")}
    found.update((a, None) for a in _category_field_links(index))
    out = []
    for a in sorted(found, key=index.order):
        ancestors = list(a.iterancestors())
        if not in_sidebar([p.tag for p in ancestors], [classes(p) for p in ancestors]):
            out.append((one_line(get_text(a)), a.get("href", "")))
    return out


def slug_of(href: str) -> str:
    path = re.sub(r"^[a-z]+://[^/]+", "", href or "").split("?")[0].strip("/")
    path = re.sub(r"/page/\d+$", "", path)
    return path.split("/")[-1] if path and not is_article_path("/" + path) else ""


def fill_category(out, text: str, link_href: str | None, crumbs, cat_links, ld: dict, section) -> None:
    """``out.categories``, ``category`` and ``category_source``. ``text``/``link_href``: what
    the profile selector picked (the href when it picked a link); ``section`` is called only
    when needed."""
    names: list[str] = []
    if text:
        names += [text, slug_of(link_href) if link_href is not None else ""]
        out.category_source = "profile selector"
    if not names and crumbs:
        # the last crumb is the category; its parents still name the section for the kind
        # rules ("Video › Hoạt động công đoàn")
        for name, href in reversed(crumbs):
            names += [name, slug_of(href)]
        out.category_source = "breadcrumb"
    if not names and cat_links:
        names += [cat_links[0][0], slug_of(cat_links[0][1])]
        out.category_source = "category link"
    if not names and ld.get("articleSection"):
        value = ld["articleSection"]
        names += value if isinstance(value, list) else [str(value)]
        out.category_source = "JSON-LD articleSection"
    if not names:
        value = section()
        if value:
            names.append(value)
            out.category_source = "meta article:section"
    out.categories = [n for n in names if n]
    out.category = out.categories[0] if out.categories else ""
