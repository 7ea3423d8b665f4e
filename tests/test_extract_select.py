"""The profile's selectors: matched from the page's index of classes and ids, they pick what
CSS means (cssselect's XPath is the reference), in document order, also after parts of the page
were taken out, and a selector beyond tags, classes and ids still works through XPath."""

from __future__ import annotations

import pytest
from cssselect import HTMLTranslator
from lxml import etree

from collectors.extraction.index import PageIndex
from collectors.extraction.select import compile_selector, select_all
from collectors.extraction.tree import parse, remove
from pipeline.demo.replica import pages
from pipeline.demo.replica.model import build_site

SIMPLE = [
    "h1.title, h1.entry-title, .news-detail h1",
    ".detail-time .date, .post-meta .post-date, time.published",
    ".sapo, p.lead",
    ".content, .entry-content, .article-body",
    "div > p",
    "body div p",
    "#main .x > span",
    "div.a.b",
    "div.a > div.b p",
    "p",
    "*",
    "ul li a",
    "section#s1.box",
]
COMPLEX = ["a[rel~=category]", "p:first-child", "h2 + p", "div:not(.a)", "a[href^='/tin']"]

HANDMADE = """<html><body>
<div id="main" class="wrap"><div class="x"><span>1</span><b><span>not a child</span></b></div>
<div class="a b"><div class="b"><p>deep</p><section id="s1" class="box">s</section></div></div>
<div class="a"><p class="x">first</p><h2>h</h2><p>after h2</p></div>
<template><div class="content"><p>in a template</p></div></template>
<ul><li><a href="/tin/1" rel="category tag">c</a></li><li><a href="/x">y</a></li></ul>
<div class="  a
  b  "><p>spaced classes</p></div>
</div></body></html>"""


def _xpath(scope, selector: str) -> list:
    xp = etree.XPath(HTMLTranslator().css_to_xpath(selector, prefix="descendant-or-self::"))
    return [e for e in xp(scope) if not any(a.tag == "template" for a in e.iterancestors())]


def _pages() -> list[str]:
    site = build_site(seed=3, months=2, per_month=12)
    seen: dict[str, str] = {}
    for a in site.articles:  # a page of every template, and a few more
        seen.setdefault(a.template, pages.render_article(site, a))
    return [HANDMADE, *seen.values(), *(pages.render_article(site, a) for a in site.articles[:6])]


@pytest.mark.parametrize("selector", SIMPLE)
def test_the_index_picks_what_the_css_means(selector):
    assert isinstance(compile_selector(selector), tuple)  # the index path, not XPath
    for html in _pages():
        root = parse(html)
        index = PageIndex(root)
        assert select_all(root, selector, index) == _xpath(root, selector)
        body = root.find("body")
        for scope in (body, *body.iter("div")):  # a narrower scope keeps what is inside it
            assert select_all(scope, selector, index) == _xpath(scope, selector)


def test_what_was_taken_out_is_not_picked():
    root = parse(HANDMADE)
    index = PageIndex(root)  # built before the removal, as extraction builds it
    every = ["deep", "first", "after h2", "spaced classes"]
    assert [e.text for e in select_all(root, "div.a p", index)] == every
    remove(root.find(".//div[@class='a']"))
    assert [e.text for e in select_all(root, "div.a p", index)] == ["deep", "spaced classes"]
    assert select_all(root, "div.a p", index) == _xpath(root, "div.a p")


@pytest.mark.parametrize("selector", COMPLEX)
def test_other_selectors_go_through_xpath(selector):
    assert not isinstance(compile_selector(selector), tuple)
    root = parse(HANDMADE)
    found = select_all(root, selector, PageIndex(root))
    assert found and found == _xpath(root, selector)


@pytest.mark.parametrize("selector", ["", "   ", "div[", "p::", ">> a"])
def test_an_unreadable_selector_matches_nothing(selector):
    assert compile_selector(selector) is None or select_all(parse(HANDMADE), selector) == []
