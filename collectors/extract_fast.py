"""The profile path: a known template parsed with lxml directly.

:func:`extract_with_profile` gives the same :class:`Extracted` as the generic path of
:func:`collectors.extract.extract_article` for a site profile whose selectors name the title, the
publish date and the body, at a fraction of the cost: one lxml parse, CSS selectors compiled once
to XPath, and tree walks done in C where they can be. It reads the tree the way the BeautifulSoup
path does (the same boilerplate removal, the same text of an element, the same block rules) and
shares that path's text-level rules. When a required selector matches nothing, or the page holds
something it does not mirror exactly, it returns None and the caller takes the generic path.
"""

from __future__ import annotations

import re
import threading
from datetime import datetime
from functools import lru_cache

from bs4.builder import HTMLTreeBuilder
from lxml import etree

from collectors.dates import parse_iso, sane
from collectors.extract import (
    AUTHOR_CLASS,
    BLOCK_CHILDREN,
    BLOCK_TAGS,
    BOILERPLATE_CLASS,
    BOILERPLATE_TAGS,
    BREADCRUMB_CLASS,
    LEAD_CLASS,
    META_CLASS,
    NOT_BODY_TAGS,
    PLAYER_CLASS,
    Extracted,
    author_line,
    crumb_links,
    fill_category,
    fill_text,
    in_sidebar,
    json_ld_pick,
    last_block_byline,
    looks_like_byline,
    player_of,
    profile_date,
    styled_as_byline,
)
from collectors.profile import Selectors
from collectors.textnorm import fold, one_line

_NOT_BODY = frozenset(NOT_BODY_TAGS)
# Strings inside these are not plain strings to BeautifulSoup: get_text() leaves them out.
_NOT_GET_TEXT = frozenset(("script", "style", "template", "rt", "rp"))
_LD_TYPE = re.compile("ld\\+json", re.I)
_KEEP = frozenset(("html", "body", "main", "article"))

_BOILERPLATE_TAGS = frozenset(BOILERPLATE_TAGS)
_PLAYER_TAGS = ("iframe", "video", "embed", "object", "source", "a")
_META = {
    attr: etree.XPath(f"//meta[@{attr} = $name]") for attr in ("property", "name", "itemprop")
}  # fmt: skip
_LIST_ATTRS = {
    tag: frozenset(names) for tag, names in HTMLTreeBuilder.DEFAULT_CDATA_LIST_ATTRIBUTES.items()
}
_local = threading.local()


class _Unsupported(Exception):
    """Something the fast path does not mirror exactly: take the generic path."""


def _parser() -> etree.HTMLParser:
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = _local.parser = etree.HTMLParser()
    return parser


@lru_cache(maxsize=256)
def _compiled(selector: str) -> tuple[etree.XPath, etree.XPath] | None:
    """(from the document, from below an element) XPath of a CSS selector, or None when it is
    one the fast path cannot take (soupsieve and cssselect must both accept it)."""
    try:
        import soupsieve
        from cssselect import HTMLTranslator

        soupsieve.compile(selector)
        translator = HTMLTranslator()
        return (
            etree.XPath(translator.css_to_xpath(selector, prefix="descendant-or-self::")),
            etree.XPath(translator.css_to_xpath(selector, prefix="descendant::")),
        )
    except Exception:  # not installed, or a selector one of them refuses
        return None


def available() -> bool:
    """Whether the fast path can run here (it needs the cssselect package)."""
    return _compiled("p") is not None


# ---------------------------------------------------------------- reading the tree as BeautifulSoup does
def _is_element(node) -> bool:
    return isinstance(node.tag, str)


def _strings(el, skip: frozenset, out: list[str]) -> None:
    """The text pieces below ``el`` in document order, leaving out elements named in ``skip``
    (their tails stay: they belong to the parent); comments split pieces but add nothing."""
    if el.text:
        out.append(el.text)
    for child in el:
        if isinstance(child.tag, str):
            if child.tag not in skip:
                _strings(child, skip, out)
        elif not isinstance(child, (etree._Comment, etree._ProcessingInstruction)):
            raise _Unsupported("an entity or other special node")
        if child.tail:
            out.append(child.tail)


def _inside(el, names: frozenset) -> bool:
    if el.tag in names:
        return True
    return any(a.tag in names for a in el.iterancestors())


def _get_text(el) -> str:
    """BeautifulSoup's ``tag.get_text(" ")``."""
    if el.tag in _NOT_GET_TEXT:
        raise _Unsupported("get_text of a script, style or ruby element")
    if any(a.tag in _NOT_GET_TEXT for a in el.iterancestors()):
        return ""
    out: list[str] = []
    _strings(el, _NOT_GET_TEXT, out)
    return " ".join(out)


def _classes(el) -> str:
    """``_classes`` of extract.py: class, id and role."""
    get = el.get
    return " ".join([*(get("class") or "").split(), get("id") or "", get("role") or ""])


class _Page:
    """One parsed page and the per-element text the rules ask for more than once."""

    def __init__(self, root):
        self.root = root
        self.texts: dict = {}

    def text_of(self, el) -> str:
        """``one_line(_text_of(tag))`` of extract.py: text outside scripts, players and the like."""
        text = self.texts.get(el)
        if text is None:
            if _inside(el, _NOT_BODY):
                text = ""
            else:
                out: list[str] = []
                _strings(el, _NOT_BODY, out)
                text = one_line(" ".join(out))
            self.texts[el] = text
        return text


def _bs_equal(a, b) -> bool:
    """BeautifulSoup's ``Tag.__eq__`` (same name, attributes and contents), used where the
    generic path compares tags with ``in``."""
    if a is b:
        return True
    if a.tag != b.tag or _bs_attrs(a) != _bs_attrs(b):
        return False
    ca, cb = _contents(a), _contents(b)
    return len(ca) == len(cb) and all(
        (x == y) if isinstance(x, str) or isinstance(y, str) else _bs_equal(x, y)
        for x, y in zip(ca, cb, strict=True)
    )


def _multi_valued(tag: str) -> frozenset:
    return _LIST_ATTRS["*"] | _LIST_ATTRS.get(tag, frozenset())


def _bs_attrs(el) -> dict:
    multi = _multi_valued(el.tag)
    return {k: (v.split() if k in multi else v) for k, v in el.attrib.items()}


def _rel_holds(el, word: str) -> bool:
    """``word in tag.get("rel")``: a list where BeautifulSoup splits rel, else a substring test."""
    rel = el.get("rel") or ""
    return word in (rel.split() if "rel" in _multi_valued(el.tag) else rel)


def _bs_string(text: str) -> str:
    return ("\n" if "\n" in text else " ") if not text.strip(" \t\n\r\f") else text


def _contents(el) -> list:
    out: list = [_bs_string(el.text)] if el.text else []
    for child in el:
        if isinstance(child.tag, str):
            out.append(child)
        if child.tail:
            out.append(_bs_string(child.tail))
    return out


def _bs_in(el, nodes) -> bool:
    return any(_bs_equal(el, n) for n in nodes if n.tag == el.tag)


# ---------------------------------------------------------------- the article
def extract_with_profile(
    html: str | bytes,
    selectors: Selectors,
    site_authors: list[str] = (),
    now: datetime | None = None,
) -> Extracted | None:
    """The article read with the profile's selectors (title, published and body required), or
    None when the generic path must read it (a required selector matches nothing, the page
    holds something this path does not mirror)."""
    if not (selectors.title and selectors.published and selectors.body):
        return None
    try:
        return _extract(html, selectors, site_authors, now)
    except _Unsupported:
        return None


def _parse(html: str | bytes):
    if isinstance(html, bytes):
        try:  # BeautifulSoup sniffs the encoding of bytes: only plain ASCII reads the same
            html = html.decode("ascii")
        except UnicodeDecodeError:
            raise _Unsupported("bytes") from None
    try:
        root = etree.fromstring(html, _parser())
    except (ValueError, etree.LxmlError):
        raise _Unsupported("unparsable") from None
    if root is None or root.tag != "html":
        raise _Unsupported("no document")
    body = root.find("body")
    if body is None:
        raise _Unsupported("no body")
    return root, body


def _extract(html, sel: Selectors, site_authors, now) -> Extracted | None:
    compiled = {}
    for name in ("title", "published", "body", "category", "lead", "byline"):
        value = getattr(sel, name)
        if value:
            compiled[name] = _compiled(value)
            if compiled[name] is None:
                return None
    root, page_body = _parse(html)
    doc = _Page(root)
    out = Extracted()
    site_auth = _folded(tuple(site_authors))

    # -- read before the boilerplate goes: JSON-LD, the profile's selectors, the breadcrumb
    ld = json_ld_pick(
        script.text or "null"
        for script in root.iter("script")
        if _LD_TYPE.search(script.get("type") or "")
    )
    picked = {name: _pick(root, xp[0]) for name, xp in compiled.items() if name != "body"}
    title = picked["title"][0]
    if not title:
        return None
    text, _tag, value = picked["published"]
    published = profile_date(text, value) if (text or value) else None
    if not sane(published, not_after=now):
        return None
    cat_text, cat_tag, cat_attr = picked.get("category", ("", None, ""))
    crumbs = _breadcrumb(root) if not cat_text else []
    cat_links = [] if cat_text else _category_links(root)

    _strip_boilerplate(page_body)

    # -- title, body, the article region
    out.title = title
    body = _first(compiled["body"][1](page_body))
    if body is None:
        return None
    h1s = list(page_body.iter("h1"))
    h1 = max(h1s, key=lambda t: len(_stripped_text(t))) if h1s else None
    region = _article_region(h1, body)

    # -- lead
    lead_text, lead_tag = picked.get("lead", ("",))[0], None
    if not lead_text:
        for el in region.iterdescendants(etree.Element):
            if el.attrib and LEAD_CLASS.search(_classes(el)) and el.tag not in ("meta", "img"):
                t = doc.text_of(el)
                if 5 <= len(t.split()) <= 200:
                    lead_text, lead_tag = t, el
                    break

    blocks = _blocks(doc, body)
    if lead_tag is not None:
        blocks = [b for b in blocks if b is not lead_tag and not _related(b, lead_tag)]

    # -- byline
    byline, byline_tag = picked.get("byline", ("",))[0], None
    if byline:
        out.byline_source = "profile selector"
        blocks = [b for b in blocks if fold(doc.text_of(b)) != fold(byline)]
    if not byline:
        byline, byline_tag = last_block_byline(
            blocks, doc.text_of, lambda b: b.tag, _styled, site_auth
        )
        if byline:
            out.byline_source = "last paragraph"
    if not byline:
        for el in region.iterdescendants(etree.Element):
            if not el.attrib:
                continue
            if (
                AUTHOR_CLASS.search(_classes(el))
                or _rel_holds(el, "author")
                or el.get("itemprop") == "author"
            ):
                text = author_line(doc.text_of(el), site_auth)
                if text:
                    byline, out.byline_source, byline_tag = text, "author line", el
                    break
    if byline_tag is not None:
        blocks = [b for b in blocks if b is not byline_tag and not _related(b, byline_tag)]

    fill_text(out, lead_text, [doc.text_of(b) for b in blocks], byline)

    # -- players in the article
    for el in region.iterdescendants(*_PLAYER_TAGS):
        get = el.get
        src = get("src") or get("data-src") or get("data") or get("href") or ""
        player = player_of(el.tag, src)
        if player is not None:
            out.players.append(player)
    if any(
        PLAYER_CLASS.search(el.get("class") or "") for el in region.iterdescendants(etree.Element)
    ):
        out.players.append("player element")
    out.has_player = bool(out.players)

    # -- category, dates
    def category_link() -> tuple[str, str] | None:
        return cat_links[0] if cat_links else None

    is_link = cat_tag is not None and cat_tag.tag == "a"
    fill_category(out, cat_text, cat_attr if is_link else None,
                  lambda: crumbs, category_link, ld, lambda: _meta(root, "article:section"))  # fmt: skip
    out.published, out.date_source = published, "profile selector"
    out.modified = parse_iso(str(ld.get("dateModified") or "")) or parse_iso(
        _meta(root, "article:modified_time")
    )
    return out


def _first(found: list):
    """The first match soupsieve would give: it never looks inside a ``<template>``."""
    for el in found:
        if not any(a.tag == "template" for a in el.iterancestors()):
            return el
    return None


@lru_cache(maxsize=32)
def _folded(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(fold(a) for a in names)


def _pick(root, xpath) -> tuple[str, object, str]:
    """``_select`` of extract.py: (text, element, datetime/content/href) of the first match."""
    el = _first(xpath(root))
    if el is None:
        return "", None, ""
    get = el.get
    return one_line(_get_text(el)), el, get("datetime") or get("content") or get("href") or ""


def _stripped_text(el) -> str:
    """``tag.get_text(strip=True)``."""
    if el.tag in _NOT_GET_TEXT:
        raise _Unsupported("get_text of a script, style or ruby element")
    if any(a.tag in _NOT_GET_TEXT for a in el.iterancestors()):
        return ""
    out: list[str] = []
    _strings(el, _NOT_GET_TEXT, out)
    return "".join(s.strip() for s in out)


def _is_boilerplate(el) -> bool:
    """``is_boilerplate`` of extract.py on the unchanged tree."""
    tag = el.tag
    if tag in BOILERPLATE_TAGS:
        if tag == "form" and len(_stripped_text(el)) > 400:
            return False  # a page-wide <form> (ASP.NET) holds the article itself
        if tag == "header":
            if any(a.tag == "article" for a in el.iterancestors()):
                return False
            h1 = el.find(".//h1")
            if h1 is not None and len(_stripped_text(h1)) > 25:
                return False
        return True
    if "breadcrumb" in (el.get("aria-label") or "").lower():
        return True
    return bool(BOILERPLATE_CLASS.search(_classes(el)))


def _strip_boilerplate(page) -> None:
    """``strip_boilerplate``: each boilerplate element gives way to an empty comment, so the
    text on either side stays two pieces, as it does in BeautifulSoup once the tag is gone."""
    removed: list = []
    dead: set = set()  # removed elements and everything below them (document order: parents first)
    for el in page.iterdescendants(etree.Element):
        if dead and el.getparent() in dead:
            dead.add(el)  # removed with an ancestor
            continue
        if el.tag in _KEEP or not (el.attrib or el.tag in _BOILERPLATE_TAGS):
            continue
        if _is_boilerplate(el):
            removed.append(el)
            dead.add(el)
    for el in removed:
        mark = etree.Comment("")
        mark.tail = el.tail
        el.getparent().replace(el, mark)


def _category_links(root) -> list[tuple[str, str]]:
    """``category_links`` of extract.py."""
    out = []
    for a in root.iter("a"):
        if not _rel_holds(a, "category"):
            continue
        ancestors = list(a.iterancestors())
        if not in_sidebar([p.tag for p in ancestors], [_classes(p) for p in ancestors]):
            out.append((one_line(_get_text(a)), a.get("href", "")))
    return out


def _breadcrumb(root) -> list[tuple[str, str]]:
    """``_breadcrumb``: the first breadcrumb-like element with links left after the filter."""
    for el in root.iter(etree.Element):
        attrs = el.attrib
        if not attrs:
            continue
        get = attrs.get
        if not (
            "breadcrumb" in (get("aria-label") or "").lower()
            or BREADCRUMB_CLASS.search(_classes(el))
            or (get("itemtype") or "").endswith("BreadcrumbList")
        ):
            continue
        links = crumb_links(
            (one_line(_get_text(a)), a.get("href"))
            for a in el.iterdescendants("a")
            if a.get("href") is not None
        )
        if links:
            return links
    return []


def _meta(root, *names: str) -> str:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            found = _META[attr](root, name=name)
            if found:
                content = found[0].get("content")
                if content:
                    return content.strip()
                break
    return ""


def _article_region(h1, body):
    """``_article_region``: the smallest element holding both the title and the body."""
    if h1 is None:
        return body
    chain = [body, *body.iterancestors()]
    for anc in h1.iterancestors():
        if _bs_in(anc, chain):
            return body if anc.tag in ("body", "html") else anc
    return body


def _related(block, other) -> bool:
    """``other in block.parents or block in other.parents`` with BeautifulSoup's equality."""
    return _bs_in(other, list(block.iterancestors())) or _bs_in(block, list(other.iterancestors()))


def _blocks(doc: _Page, body) -> list:
    """``_blocks`` of extract.py."""
    out = []
    for el in body.iterdescendants(*BLOCK_TAGS):
        if el.tag in ("div", "td", "blockquote") and any(
            doc.text_of(c) for c in el.iterdescendants(*BLOCK_CHILDREN)
        ):
            continue
        if any(a.tag in ("p", "li", "figcaption") for a in el.iterancestors()):
            continue
        if _in_article_header(el, body):
            continue
        if doc.text_of(el):
            out.append(el)
    if not out and doc.text_of(body):
        out.append(body)  # text set between <br>s, in no paragraph at all
    return out


def _in_article_header(el, body) -> bool:
    node = el
    while node is not None and node is not body:
        if node.tag in ("header", "h1", "time") or META_CLASS.search(_classes(node)):
            return True
        if node.find(".//time") is not None and len(_get_text(node).split()) < 20:
            return True
        node = node.getparent()
    return False


def _styled(el, text: str) -> str:
    inner = list(el.iterdescendants("strong", "b", "em", "i"))
    texts = [_get_text(t) for t in inner] if inner else None
    return styled_as_byline(el.get("style") or "", el.get("align") or "", _classes(el), texts, text)


__all__ = ["available", "extract_with_profile", "looks_like_byline"]
