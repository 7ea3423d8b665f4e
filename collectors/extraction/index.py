"""The page's elements by the names its markup gives them (class, id, role), read in one pass:
the profile's selectors look classes and ids up here, and the rules that judge an element by
its names (boilerplate, breadcrumbs) test each distinct name once instead of every element."""

from __future__ import annotations

from lxml import etree

_NAMES = etree.XPath(  # (a union of plain steps runs faster in libxml2 than a name() test)
    " | ".join(f"descendant-or-self::*/@{name}" for name in ("class", "id", "role", "aria-label", "itemtype"))
)


# whether a pattern finds a name: the same answer on every page (a site's pages share most of
# their names), so each is searched once; a pattern's answers are dropped past _MAX_ANSWERS
_ANSWERS: dict = {}
_MAX_ANSWERS = 20_000


def _finds(pattern, names) -> list:
    """The names (of ``names``) that ``pattern`` finds."""
    known = _ANSWERS.get(pattern)
    if known is None or len(known) > _MAX_ANSWERS:
        known = _ANSWERS[pattern] = {}
    out = []
    for name in names:
        hit = known.get(name)
        if hit is None:
            hit = known[name] = pattern.search(name) is not None
        if hit:
            out.append(name)
    return out


class PageIndex:
    """Elements by class and by id; elements by any name (class, id or role); document order on
    first use. Built on the page as parsed: a rule that takes a part out of the page checks
    that what it finds here still stands in it."""

    def __init__(self, root):
        self.root = root
        self.by_class: dict[str, list] = {}
        self.by_id: dict[str, list] = {}
        self.by_name: dict[str, list] = {}  # a token of the class, id or role
        self.labelled: list = []  # elements with an aria-label or an itemtype
        self.seq: dict = {}  # the elements above in document order
        self._order: dict | None = None
        self._named: dict = {}
        by_class, by_id, by_name, seq = self.by_class, self.by_id, self.by_name, self.seq
        for value in _NAMES(root):  # (attributes come in document order)
            el = value.getparent()
            if el not in seq:
                seq[el] = len(seq)
            attr = value.attrname
            if attr in ("aria-label", "itemtype"):
                if not self.labelled or self.labelled[-1] is not el:
                    self.labelled.append(el)
                continue
            if attr == "id" and value:
                by_id.setdefault(str(value), []).append(el)
            for name in value.split():
                if attr == "class":
                    by_class.setdefault(name, []).append(el)
                named = by_name.setdefault(name, [])
                if not named or named[-1] is not el:
                    named.append(el)

    def order(self, el) -> int:
        """An element's place in document order (-1 for one not in the page as parsed)."""
        if self._order is None:
            self._order = {e: i for i, e in enumerate(self.root.iter(etree.Element))}
        return self._order.get(el, -1)

    def named(self, pattern) -> list:
        """The elements (document order) one of whose names ``pattern`` finds: the same
        elements as searching the names joined by spaces, for a pattern whose matches never
        span a space."""
        got = self._named.get(pattern)
        if got is None:
            by_name = self.by_name
            found = {el: None for name in _finds(pattern, by_name) for el in by_name[name]}
            got = self._named[pattern] = sorted(found, key=self.seq.__getitem__)
        return got
