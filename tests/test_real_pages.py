"""The generic rules on real article pages nobody here wrote (tests/fixtures/real_pages: see
its README for where they come from), against the field's best: the body's words within 10 %
of the expected text's on at least as many pages as trafilatura's main-text extraction, a body
on 98 % of pages or more, and on the pages carrying a machine-readable publish date at least
as many dates right and no more wrong than htmldate. The truth is each page's expected text
and published time; nothing here writes a result down."""

from __future__ import annotations

import pytest
from helpers.real_pages import load, ours, score, trafilatura_reader

PAGES = load()


@pytest.fixture(scope="module")
def our_score():
    return score(PAGES, ours)


def test_the_corpus_is_real_and_dated():
    assert len(PAGES) >= 40 and sum(p.published_day is not None for p in PAGES) >= 30
    assert all(p.expected_words >= 100 for p in PAGES)


def test_a_body_on_98_percent_of_pages(our_score):
    s, off = our_score
    assert s.body_found / s.pages >= 0.98, off


def test_as_accurate_as_trafilatura_and_htmldate(our_score):
    pytest.importorskip("trafilatura")
    pytest.importorskip("htmldate")
    s, off = our_score
    theirs, their_off = score(PAGES, trafilatura_reader)
    mine, best = s.rates(), theirs.rates()
    assert mine["date right"] >= best["date right"], (mine, best, off)
    assert mine["date wrong"] <= best["date wrong"], (mine, best, off)
    assert mine["body within 10 %"] >= best["body within 10 %"], (mine, best, off, their_off)
    assert mine["body found"] >= best["body found"], (mine, best, off)
