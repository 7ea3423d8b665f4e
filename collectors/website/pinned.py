"""Entries pinned or featured at the top of a listing: the same old article on page 1 of every
category, or above newer entries. They are recognised by their repetition across listings (the
first page of each, read before the walks) and across nights (recorded in the store), and by
their date (older than an entry below them, in a listing that is newest first). A pinned entry
neither decides an article's category nor stops or ends a walk."""

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

    def pinned_on(self, page: int, entries, page_url: str) -> set[str]:
        """The keys of the entries pinned at the top of this listing page (page 1 only)."""
        if page != 1:
            return set()
        out, dated_rule = set(), set()
        for i, e in enumerate(entries[:LEAD]):
            later = [x.date for x in entries[i + 1 :] if x.date]
            older = bool(e.date and len(later) >= 2 and e.date < max(later) - timedelta(days=1))
            if last_segment(e.url) not in self.pinned_ids and not older:
                break
            out.add(self.key_of(self.url(e.url, page_url)))
            if older:
                dated_rule.add(last_segment(e.url))
        self.note_pinned(dated_rule)
        return out

    def pinned_across(self, page_ones: list[list]) -> None:
        """Leading entries of page 1 that repeat on the page 1 of another listing."""
        count: dict[str, int] = {}
        for entries in page_ones:
            for seg in {last_segment(e.url) for e in entries[:LEAD]}:
                count[seg] = count.get(seg, 0) + 1
        self.note_pinned({s for s, n in count.items() if n >= 2})
