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
from collectors.extraction.tree import contains, has_ancestor, is_element


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
    """A selector's steps left to right, each with the combinator (" " or ">") that links it
    to the step before; the first step's is ""."""

    steps: tuple[tuple[str, Compound], ...]


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
    """A cssselect parse tree as a chain, or None for one beyond descendant and child steps."""
    steps: list[tuple[str, Compound]] = []  # right to left, while reading
    while type(node).__name__ == "CombinedSelector":
        step = _compound(node.subselector)
        if node.combinator not in (" ", ">") or step is None:
            return None
        steps.append((node.combinator, step))
        node = node.selector
    step = _compound(node)
    if step is None:
        return None
    steps.append(("", step))
    steps.reverse()
    return Chain(tuple(steps))


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


def _select_chain(index: PageIndex, scope, chain: Chain) -> list:
    """From the left: the first step's matches at or below ``scope``, then, step by step, the
    descendants (or children) of the last matches that match the next step."""
    first = chain.steps[0][1]
    current = [
        el for el in _candidates(index, scope, first)
        if first.matches(el) and (el is scope or contains(scope, el))
    ]  # fmt: skip
    for combinator, step in chain.steps[1:]:
        taken = set(current)
        matched: dict = {}
        for el in current:
            if combinator == " ":
                if any(a in taken for a in el.iterancestors()):
                    continue  # an outer match already walks this one's descendants
                below = el.iterdescendants(etree.Element)
            else:
                below = el.iterchildren(etree.Element)
            for d in below:
                if d not in matched and step.matches(d):
                    matched[d] = None
        current = list(matched)
    return current


def _select(index: PageIndex, scope, chains: tuple[Chain, ...]) -> list:
    found: dict = {}
    for chain in chains:
        for el in _select_chain(index, scope, chain):
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
