"""Entries pinned or featured at the top of a listing: the same old article on page 1 of every
category, or above the newer entries of every page. They are recognised by their repetition:
across listings (the first page of each, read before the walks), across the pages of one walk
(a featured entry shown on every page), and across nights (recorded in the store); and on a
first page by their date (older than the entries below them, in a listing that is newest
first). A pinned entry neither decides an article's category nor stops or ends a walk, and it is
not fetched from a listing it is pinned on (only from its own, or after the walks): an article
that also sits at its own place on the page (listed twice) is that listing's own entry.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from collectors.website.identity import last_segment

log = logging.getLogger("cdht.website")

PINNED = "pinned_ids"  # kv: the last path segments of articles seen pinned
LEAD = 5  # pinned entries sit among the first few of a page


class PinnedMixin:
    def load_pinned(self) -> None:
        self.pinned_ids = set(self.store.get_kv(PINNED, []))

    def note_pinned(self, ids: set[str]) -> None:
        new = ids - self.pinned_ids
        if new:
            self.pinned_ids |= new
            self.store.set_kv(PINNED, sorted(self.pinned_ids))
            log.info("%d article(s) pinned at the top of listings: they decide no category", len(new))

    def is_pinned(self, url: str) -> bool:
        return last_segment(url) in self.pinned_ids

    def pinned_on(self, page: int, entries, page_url: str, seen: set[str] = frozenset()) -> set[str]:
        """The keys of the entries pinned or featured on this listing page: those known pinned
        (repeated across listings or nights), those an earlier page of the same walk showed
        already (``seen``), and on page 1 the leading ones older than the entries below them."""
        out, dated_rule = set(), set()
        for i, e in enumerate(entries[:LEAD]):
            later = [x.date for x in entries[i + 1 :]
                     if x.date and self.key_of(self.url(x.url, page_url)) not in self.repeated]  # fmt: skip
            older = page == 1 and bool(e.date) and len(later) >= 2 and self.older_than_most(e.date, later)
            if not (older or self.is_pinned(e.url)):
                break
            if older:
                dated_rule.add(last_segment(e.url))
        self.note_pinned(dated_rule)
        for e in entries:
            key = self.key_of(self.url(e.url, page_url))
            if self.is_pinned(e.url) or key in seen:
                out.add(key)
        return out

    @staticmethod
    def older_than_most(when, later: list) -> bool:
        """Older than most of the entries below it (by more than a day): out of a newest-first
        order, not one late entry's neighbour."""
        return 2 * sum(d > when + timedelta(days=1) for d in later) > len(later)

    def pinned_across(self, page_ones: list[list]) -> set[str]:
        """Articles the page 1 of two or more listings show (an article lives in one category:
        the others feature it), recorded; returns their last path segments."""
        count: dict[str, int] = {}
        for entries in page_ones:
            for seg in {last_segment(e.url) for e in entries}:
                count[seg] = count.get(seg, 0) + 1
        found = {s for s, n in count.items() if n >= 2}
        self.note_pinned(found)
        return found
