"""The generic rules on real article pages nobody here wrote (tests/fixtures/real_pages: see
its README for where they come from: Mozilla Readability's test pages, Zyte's article
extraction benchmark, htmldate's news pages of 2020), against the field's best on the same pages
in the same run: a body on 98 % of the pages with an expected text or more, the body's words
within 10 % of the expected text's on at least as many of them as trafilatura's main-text
extraction, and on the pages whose expected date the page also writes for machines (JSON-LD, a
meta tag, ``<time datetime>``, ``itemprop``) at least as many dates right and no more wrong than
htmldate. The truth is each source's own expected text and date; nothing here writes a result
down."""

from __future__ import annotations

import pytest
from helpers.real_pages import load, ours, score, trafilatura_reader

PAGES = load()


@pytest.fixture(scope="module")
def our_score():
    return score(PAGES, ours)


@pytest.fixture(scope="module")
def their_score():
    pytest.importorskip("trafilatura")
    pytest.importorskip("htmldate")
    return score(PAGES, trafilatura_reader)


def test_the_corpus_is_real_and_dated():
    """A few hundred pages from many sites, each with an expected text or an expected date."""
    assert len(PAGES) >= 400
    assert all(p.expected_words is not None or p.published_day is not None for p in PAGES)
    assert sum(p.expected_words is not None for p in PAGES) >= 200
    assert sum(p.published_day is not None and p.machine_dated for p in PAGES) >= 150
    assert len({p.source for p in PAGES}) == 3


def test_a_body_on_98_percent_of_pages(our_score):
    s, off = our_score
    assert s.body_found / s.pages >= 0.98, off


def test_dates_as_accurate_as_htmldate(our_score, their_score):
    (s, off), (theirs, _) = our_score, their_score
    mine, best = s.rates(), theirs.rates()
    assert mine["date right"] >= best["date right"], (mine, best, off)
    assert mine["date wrong"] <= best["date wrong"], (mine, best, off)


def test_a_body_wherever_trafilatura_finds_one(our_score, their_score):
    (s, off), (theirs, _) = our_score, their_score
    assert s.rates()["body found"] >= theirs.rates()["body found"], off


def test_body_as_accurate_as_trafilatura(our_score, their_score):
    (s, off), (theirs, their_off) = our_score, their_score
    mine, best = s.rates(), theirs.rates()
    assert mine["body within 10 %"] >= best["body within 10 %"], (mine, best, off, their_off)
