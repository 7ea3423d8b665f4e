"""One parsed page and the ways the rules read it: the text of an element (with or without what
is not body text), its classes, what follows an element (document order and the profile's
selectors: ``index.py``, ``select.py``)."""

from __future__ import annotations

import threading

from lxml import etree

from collectors.extraction.patterns import NOT_BODY_TAGS, NOT_TEXT_TAGS
from collectors.textnorm import one_line

_local = threading.local()
EMPTY = "<html><head></head><body></body></html>"


def _parser() -> etree.HTMLParser:
    """The thread's parser of UTF-8 bytes (the page's text, encoded once: faster for libxml2
    than a str, and no declaration inside the page can name another encoding)."""
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = _local.parser = etree.HTMLParser(encoding="utf-8", collect_ids=False)
    return parser


def parse(html: str | bytes):
    """The page's <html> element (an empty document for an empty or unreadable page); bytes are
    decoded by the page's meta charset, else UTF-8, else a detected encoding."""
    if isinstance(html, bytes):
        from collectors.charset import decode

        html = decode(html)
    if not html or not html.strip():
        html = EMPTY
    try:
        root = etree.fromstring(html.encode("utf-8", "replace"), _parser())
    except etree.LxmlError:
        root = None
    if root is None:
        root = etree.fromstring(EMPTY.encode(), _parser())
    if root.tag != "html":  # a fragment: wrap it
        html_el = etree.Element("html")
        body = etree.SubElement(html_el, "body")
        body.append(root)
        root = html_el
    if root.find("body") is None:
        etree.SubElement(root, "body")
    return root


def is_element(node) -> bool:
    return isinstance(node.tag, str)


def strings(el, skip: frozenset, out: list[str]) -> None:
    """The text pieces below ``el`` in document order, leaving out elements named in ``skip``
    (their tails stay: they belong to the parent); a comment splits pieces but adds nothing."""
    if el.text:
        out.append(el.text)
    for child in el:
        if isinstance(child.tag, str) and child.tag not in skip:
            strings(child, skip, out)
        if child.tail:
            out.append(child.tail)


def get_text(el) -> str:
    """Every piece of text below ``el`` joined by spaces (not scripts, styles, templates)."""
    if el.tag in NOT_TEXT_TAGS or _below(el, NOT_TEXT_TAGS):
        return ""
    out: list[str] = []
    strings(el, NOT_TEXT_TAGS, out)
    return " ".join(out)


def stripped_text(el) -> str:
    """The text pieces below ``el``, each stripped, joined with nothing."""
    if el.tag in NOT_TEXT_TAGS or _below(el, NOT_TEXT_TAGS):
        return ""
    out: list[str] = []
    strings(el, NOT_TEXT_TAGS, out)
    return "".join(s.strip() for s in out)


def text_length(el) -> int:
    """``len(stripped_text(el))``, read by lxml when nothing below ``el`` is left out."""
    if el.tag in NOT_TEXT_TAGS or _below(el, NOT_TEXT_TAGS):
        return 0
    if next(el.iterdescendants(*NOT_TEXT_TAGS), None) is None:
        pieces = el.itertext()
    else:
        pieces = []
        strings(el, NOT_TEXT_TAGS, pieces)
    return sum(map(len, map(str.strip, pieces)))


def classes(el) -> str:
    """Class, id and role of an element: what its name says it is."""
    get = el.get
    return " ".join([*(get("class") or "").split(), get("id") or "", get("role") or ""])


def rel_holds(el, word: str) -> bool:
    return word in (el.get("rel") or "").split()


def has_ancestor(el, names) -> bool:
    return _below(el, names)


def _below(el, names) -> bool:
    """Whether an ancestor of ``el`` is one of ``names`` (lxml walks up)."""
    return next(el.iterancestors(*names), None) is not None


def contains(outer, inner) -> bool:
    """Whether ``inner`` sits strictly inside ``outer``."""
    return outer in inner.iterancestors()  # (elements compare by identity)


class Doc:
    """One parsed page, with the per-element text the rules ask for more than once."""

    def __init__(self, html: str | bytes):
        self.root = parse(html)
        self.body = self.root.find("body")
        self._texts: dict = {}
        self._within: dict = {}
        self.loose: set = set()  # boxes of <br>-separated lines read as one block (body.blocks_of)

    def text_of(self, el) -> str:
        """The element's body text on one line: outside scripts, players and the like."""
        text = self._texts.get(el)
        if text is None:
            if self.within(el, NOT_BODY_TAGS):
                text = ""
            else:
                out: list[str] = []
                strings(el, NOT_BODY_TAGS, out)
                text = one_line(" ".join(out))
            self._texts[el] = text
        return text

    def within(self, el, tags: frozenset) -> bool:
        """Whether ``el`` (None: no element) or an ancestor is one of ``tags``; answers kept
        per element until the tree changes (:meth:`forget_texts`)."""
        if el is None:
            return False
        memo = self._within.setdefault(tags, {})
        got = memo.get(el)
        if got is None:
            got = memo[el] = el.tag in tags or self.within(el.getparent(), tags)
        return got

    def forget_texts(self) -> None:
        self._texts.clear()
        self._within.clear()

    def after_within(self, el, region, *tags: str, own: bool = True):
        """The elements of ``tags`` strictly inside ``region`` that start after ``el`` starts (``el``
        at or below ``region``), in document order: its own descendants first (``own``), then
        what follows it."""
        if own:
            yield from el.iterdescendants(*tags)
        node = el
        while node is not region and node is not None:
            for sibling in node.itersiblings():
                if isinstance(sibling.tag, str):
                    yield from sibling.iter(*tags)
            node = node.getparent()

    def after(self, el, *tags: str):
        """Elements (of ``tags``, or all) that start after ``el`` starts, in document order:
        its own descendants first."""
        names = set(tags)
        seen = False
        for e in self.root.iter(etree.Element):
            if e is el:
                seen = True
                continue
            if seen and (not names or e.tag in names):
                yield e

    def texts_after(self, el):
        """(text, its element) of every piece of text from the start of ``el`` on, in document
        order; a tail's element is the parent it stands in."""
        seen = False
        for event, e in etree.iterwalk(self.root, events=("start", "end")):
            if not isinstance(e.tag, str):
                if event == "end" and seen and e.tail:
                    yield e.tail, e.getparent()
                continue
            if event == "start":
                if e is el:
                    seen = True
                if seen and e.text:
                    yield e.text, e
            elif seen and e.tail:
                yield e.tail, e.getparent()


def remove(el) -> None:
    """Take an element out of the tree; its tail stays, as a piece of its own."""
    parent = el.getparent()
    if parent is None:
        return
    mark = etree.Comment("")
    mark.tail = el.tail
    parent.replace(el, mark)
