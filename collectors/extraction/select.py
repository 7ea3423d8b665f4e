"""The profile's CSS selectors on one page. A selector of tags, classes and ids joined by
descendant or child combinators (what site profiles use) is matched from an index of the page's
classes and ids, built in one pass; any other selector (attributes, pseudo-classes, siblings)
goes through cssselect's XPath. Both give the matches in document order, ``<template>`` content
left out."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from collectors.extraction.index import PageIndex
from collectors.extraction.tree import has_ancestor, is_element


@dataclass(frozen=True)
class Compound:
    """One step of a selector: ``tag.class1.class2#id`` (each part optional)."""

    tag: str | None
    classes: frozenset[str]
    id: str | None

    def matches(self, el) -> bool:
        if self.tag is not None and el.tag != self.tag:
            return False
        if self.id is not None and el.get("id") != self.id:
            return False
        return not self.classes or self.classes.issubset((el.get("class") or "").split())


@dataclass(frozen=True)
class Chain:
    """A compound and, right to left, the (combinator, compound) steps that lead to it."""

    last: Compound
    up: tuple[tuple[str, Compound], ...]

class _Up:
    """The steps left of a chain's last compound, matched on the ancestors of the candidates
    at or below ``scope`` (what XPath from ``scope`` reads), each (element, step) answered once
    for all the candidates that share it."""

    def __init__(self, scope, tests: list):
        self.scope = scope
        self.tests = tests
        self.memo: dict = {}
        self.inside: dict = {}

    def below_scope(self, node) -> bool:
        """Whether ``node`` is ``scope`` or stands below it (not taken out of the page)."""
        if node is None:
            return False
        got = self.inside.get(node)
        if got is None:
            got = self.inside[node] = node is self.scope or self.below_scope(node.getparent())
        return got

    def match(self, node, k: int = 0) -> bool:
        """Whether steps ``k``… match ``node`` (for ``>``) or ``node`` or one of its ancestors
        (for a space), up to ``scope``."""
        if k == len(self.tests):
            return True
        key = (node, k)
        got = self.memo.get(key)
        if got is None:
            combinator, test = self.tests[k]
            top = node is self.scope
            got = bool(test(node) and (k + 1 == len(self.tests) or (not top and self.match(node.getparent(), k + 1))))
            if not got and combinator == " " and not top:
                got = self.match(node.getparent(), k)
            self.memo[key] = got
        return got


def _compound(node) -> Compound | None:
    """A cssselect parse node as a compound, or None for a node beyond tags, classes, ids."""
    classes: set[str] = set()
    ident = None
    while True:
        kind = type(node).__name__
        if kind == "Class":
            classes.add(node.class_name)
        elif kind == "Hash":
            if ident is not None and ident != node.id:
                return None
            ident = node.id
        elif kind == "Element":
            if node.namespace not in (None, "*"):
                return None
            tag = None if node.element in (None, "*") else node.element.lower()
            return Compound(tag, frozenset(classes), ident)
        else:
            return None
        node = node.selector


def _chain(node) -> Chain | None:
    up: list[tuple[str, Compound]] = []
    last, pending = None, " "
    while type(node).__name__ == "CombinedSelector":
        if node.combinator not in (" ", ">"):
            return None
        step = _compound(node.subselector)
        if step is None:
            return None
        if last is None:
            last = step
        else:
            up.append((pending, step))
        pending = node.combinator
        node = node.selector
    step = _compound(node)
    if step is None:
        return None
    if last is None:
        return Chain(step, ())
    up.append((pending, step))
    return Chain(last, tuple(up))


@lru_cache(maxsize=256)
def compile_selector(selector: str):
    """A tuple of chains for a simple selector, an XPath (from an element, itself included) for
    any other, or None for an empty selector or one that cannot be read."""
    if not selector or not selector.strip():
        return None
    try:
        import cssselect
        from cssselect import HTMLTranslator

        parsed = cssselect.parse(selector)
        chains = tuple(_chain(s.parsed_tree) if s.pseudo_element is None else None for s in parsed)
        if chains and all(c is not None for c in chains):
            return chains
        return etree.XPath(HTMLTranslator().css_to_xpath(selector, prefix="descendant-or-self::"))
    except Exception:  # a bad selector in the profile: the generic path reads the field
        return None


def _candidates(index: PageIndex, scope, step: Compound) -> list:
    if step.id is not None:
        return index.by_id.get(step.id, [])
    if step.classes:
        return min((index.by_class.get(c, []) for c in step.classes), key=len)
    if step.tag is not None:
        return list(scope.iter(step.tag))
    return list(scope.iter(etree.Element))


def _test(index: PageIndex, step: Compound):
    """Whether an element matches ``step``: a set lookup for a step with a class or an id."""
    if step.id is None and not step.classes:
        return step.matches
    got = index.memo.get(step)
    if got is None:
        members = {e for e in _candidates(index, index.root, step) if step.matches(e)}
        got = index.memo[step] = members.__contains__
    return got


def _select(index: PageIndex, scope, chains: tuple[Chain, ...]) -> list:
    found: dict = {}
    for chain in chains:
        tests = [(combinator, _test(index, step)) for combinator, step in chain.up]
        up = _Up(scope, tests)
        for el in _candidates(index, scope, chain.last):
            if el in found or not chain.last.matches(el):
                continue
            if el is scope:
                if not tests:
                    found[el] = None
                continue
            parent = el.getparent()
            if up.below_scope(parent) and up.match(parent):
                found[el] = None
    return sorted(found, key=index.order) if len(found) > 1 else list(found)


def select_all(scope, selector: str, index: PageIndex | None = None) -> list:
    """The elements at or below ``scope`` that ``selector`` matches, in document order."""
    compiled = compile_selector(selector)
    if compiled is None:
        return []
    if isinstance(compiled, tuple):
        found = _select(index or PageIndex(scope), scope, compiled)
    else:
        try:
            found = [e for e in compiled(scope) if is_element(e)]
        except etree.XPathError:
            return []
    return [e for e in found if not has_ancestor(e, ("template",))]


def select_one(scope, selector: str, index: PageIndex | None = None):
    found = select_all(scope, selector, index)
    return found[0] if found else None
