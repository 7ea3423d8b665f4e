"""Category listings: backfills resumed where they stopped, incremental walks, site-wide link boxes.

A listing's recorded state changes only on evidence. A page that is a stand-in of a bad night
(empty, a login or maintenance page, the same page as another address) stops the walk as an
error of the night; a page that repeats earlier entries while the one before it offered a next
page is a loop, which stops the walk and leaves the backfill to resume there; the page limit
of one run warns and leaves the walk resumable. Only a real page past the end completes a
backfill, and only a night whose other pages were real decides that a slug is not a listing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from collectors.dates import LOCAL
from collectors.extraction import listing_entries
from collectors.http import FetchError
from collectors.page_item import Hint
from collectors.urls import canonical_key
from collectors.website.health import stand_in
from collectors.website.identity import last_segment
from collectors.website.pagers import PagerRead, read_pager
from collectors.website.pinned import PinnedMixin

log = logging.getLogger("cdht.website")

# what a listing page says of the walk: go on, past the last page, the rest is known, stop here
NEXT, END, KNOWN, STOP = "next", "end", "known", "stop"


@dataclass
class Walk:
    slug: str
    mode: str  # "backfill" or "incremental"
    page: int
    name: str = ""  # the listing's name, as the menu writes it (the kind rules name categories so)
    pages: int = 0  # pages read this run
    read_any: bool = False
    first_size: int = 0
    offered_next: bool = False  # the page before offered a next page
    seen: set[str] = field(default_factory=set)
    last: frozenset[str] = frozenset()  # the previous page's entries
    url: str = ""  # the page being read
    next_url: str = ""  # the next page, as the page's pager names it ("" when none)
    pager: PagerRead | None = None
    visited: set[str] = field(default_factory=set)
    oldest: datetime | None = None  # the oldest entry date of the pages read before
    pinned_here: set[str] = field(default_factory=set)  # this page's entries pinned at its top


RESUME = "listing_resume"  # kv: slug -> [page, path and query of that page]
WARNINGS = "listing_warnings"  # kv: slug -> why its backfill is not complete (Vietnamese)


class ListingsMixin(PinnedMixin):
    def listing_url(self, slug: str, page: int) -> str:
        """Page ``page`` of a listing: page 1 is ``/<slug>``; a later one is the address the
        pager named when the walk stopped before it (``/<slug>/page/N`` by default)."""
        if page == 1:
            return f"{self.base}/{slug}"
        recorded = self.store.get_kv(RESUME, {}).get(slug)
        if recorded and recorded[0] == page:
            return self.base + recorded[1]
        return f"{self.base}/{slug}/page/{page}"

    def save_resume(self, slug: str, page: int, url: str, *, complete: bool = False) -> None:
        """The walk resumes at ``page``, which is ``url``, on the next run."""
        self.store.save_listing_state(slug, backfill_complete=complete, resume_page=page)
        resume = self.store.get_kv(RESUME, {})
        parts = urlsplit(url)
        where = [page, parts.path + (f"?{parts.query}" if parts.query else "")]
        if page > 1 and resume.get(slug) != where:
            self.store.set_kv(RESUME, {**resume, slug: where})

    def listing_warning(self, walk: Walk, why: str) -> None:
        """A backfill that cannot be completed from what the page shows: said in the run and
        kept for `cdht status` (Vietnamese), the walk left to resume at this page."""
        self.error(walk.url, f"listing {walk.slug} page {walk.page}: {why}; the backfill is not complete "
                             f"and resumes at page {walk.page} on the next run")  # fmt: skip
        self.result.warnings.append((walk.slug, why))
        warnings = self.store.get_kv(WARNINGS, {})
        self.store.set_kv(WARNINGS, {**warnings, walk.slug: f"trang {walk.page}: {why}"})
        self.save_resume(walk.slug, walk.page, walk.url)

    def walk_listing(self, slug: str, mode: str, start_page: int = 1) -> bool:
        """Walk one category listing. Returns True if at least one page was read.

        An incremental walk may start past page 1: it finishes one that stopped at the page
        limit of an earlier run."""
        names = self.store.get_kv("category_names", {})
        walk = Walk(slug, mode, start_page, name=names.get(slug, ""), url=self.listing_url(slug, start_page))
        limit = self.site.site.max_listing_pages
        outcome = NEXT
        while not self.halted():
            outcome = self.listing_page(walk)
            walk.pages += 1
            if outcome != NEXT:
                break
            walk.page += 1
            walk.url = walk.next_url
            if walk.pages >= limit:
                self.page_limit_reached(walk, limit)
                break
        if outcome == END and mode == "backfill":
            self.store.save_listing_state(slug, backfill_complete=True, resume_page=1)
            warnings = self.store.get_kv(WARNINGS, {})
            if slug in warnings:
                self.store.set_kv(WARNINGS, {k: v for k, v in warnings.items() if k != slug})
            cats = self.store.get_kv("categories", [])
            if slug not in cats:
                self.store.set_kv("categories", [*cats, slug])
        elif outcome in (END, KNOWN) and mode == "incremental" and start_page > 1:
            self.store.save_listing_state(slug, backfill_complete=True, resume_page=1)
        return walk.read_any

    def page_limit_reached(self, walk: Walk, limit: int) -> None:
        """Warn, and leave the walk to resume at the next page: a backfill as it is, an
        incremental walk (its backfill complete) as a walk that starts there next time."""
        self.error(walk.url, f"listing {walk.slug}: stopped after {limit} pages (max_listing_pages); the walk "
                             f"resumes at page {walk.page} on the next run")  # fmt: skip
        self.save_resume(walk.slug, walk.page, walk.url, complete=walk.mode == "incremental")

    def listing_page(self, walk: Walk) -> str:
        """Read one page of a walk: NEXT to go on, END past the listing's last page, KNOWN when
        an incremental walk reached known items, STOP otherwise (an error of the night, a stop
        asked for)."""
        slug, page = walk.slug, walk.page
        url = walk.url
        walk.visited.add(url.rstrip("/"))
        try:
            resp = self.prefetched.pop(url, None) or self.get(url)
        except FetchError as exc:
            self.error(url, f"listing {slug} page {page}: {exc}")
            return STOP
        if not resp.ok:
            if page > 1 and resp.status in (404, 410):
                if not self.named_by_pager(walk):
                    return END  # past the last page
                self.listing_warning(walk, f"trang {page} mà thanh chuyển trang chỉ tới trả lời HTTP {resp.status}")
                return STOP
            if page == 1:
                self.no_listing(slug, f"HTTP {resp.status}")
            else:
                self.error(url, f"listing {slug} page {page}: HTTP {resp.status}; the walk resumes here next run")
            return STOP
        walk.read_any = True
        entries, others = listing_entries(resp.text, resp.url, self.site.selectors, self.sitewide)
        for u in others:  # a new item shown only in the site's own boxes is still fetched
            u = self.url(u, resp.url)
            if self.on_site(u) and canonical_key(u) in self.sitewide:
                self.hints.setdefault(self.key_of(u), Hint(url=u))
        keys = self.entry_keys(walk, entries, resp.url)
        walk.pager = read_pager(resp.text, resp.url, page)
        walk.next_url = self.url(walk.pager.next_url, resp.url) if walk.pager.next_url else ""
        if walk.next_url.rstrip("/") in walk.visited:
            walk.next_url = ""  # a pager that points back: the walk's loop checks decide
        trouble = self.listing_trouble(resp, page, bool(keys))
        if trouble:
            self.night_trouble(url, f"listing {slug} page {page} is {trouble}; nothing is concluded "
                                    "from it, the walk resumes here next run")  # fmt: skip
            return STOP
        if not keys:
            if page == 1:
                self.no_listing(slug, "no article links on its first page")
                return STOP
            return END  # a real page past the last one
        has_next = bool(walk.next_url)
        if set(keys) <= walk.seen:
            if not walk.offered_next or (set(keys) == walk.last and len(walk.last) < walk.first_size):
                return END  # the site repeats its last page past the end
            self.error(url, f"listing {slug} page {page} repeats earlier entries (the listing loops); "
                            f"the walk stops here and resumes at page {page} on the next run")  # fmt: skip
            return STOP
        return self.read_entries(walk, keys, has_next)

    def named_by_pager(self, walk: Walk) -> bool:
        """Was the page being read named just now by the pager of the page before it, and not
        past the last page that pager named? Then an error there is no end of the listing. (A
        walk resumed from an earlier night's address takes a 404 there for the end: the listing
        may have grown shorter since.)"""
        pager = walk.pager
        return pager is not None and bool(pager.next_url) and not (pager.last and walk.page > pager.last)

    def entry_keys(self, walk: Walk, entries, page_url: str) -> list[str]:
        """The keys of the page's own entries, their hints filled in. An entry pinned or
        featured here (``walk.pinned_here``) decides no category, unless the article also sits
        at its own place on the page (listed twice)."""
        keys = []
        pinned = self.pinned_on(walk.page, entries, page_url, walk.seen)
        places: dict[str, int] = {}  # an article's last path segment -> entries linking it
        for e in entries:
            seg = last_segment(e.url)
            places[seg] = places.get(seg, 0) + e.places
        twice = {seg for seg, n in places.items() if n >= 2}
        walk.pinned_here = set()
        for e in entries:
            u = self.url(e.url, page_url)
            if not self.on_site(u):
                continue
            key = self.key_of(u)
            if key in pinned and last_segment(e.url) not in twice:
                walk.pinned_here.add(key)
            hint = self.hints.setdefault(key, Hint(url=u))
            if key in keys:
                continue
            keys.append(key)
            hint.title = hint.title or e.title
            if e.date and not hint.published:
                hint.published, hint.date_source = e.date, "listing date"
            if key in walk.pinned_here:
                continue  # pinned at the top of listings: says nothing of its category
            if not hint.category or hint.category_source == "feed category":
                hint.category, hint.category_source = walk.name or walk.slug, "listing"
                hint.categories = [walk.name, walk.slug] if walk.name else [walk.slug]
        return keys

    def listing_trouble(self, resp, page: int, has_entries: bool) -> str:
        """Why a listing page is a stand-in of a bad night ("" when it is a real page)."""
        same = self.bodies.same_as(resp.url, resp.body)
        if same and (page == 1 or not has_entries):
            return f"the same page as {same}"
        return "" if has_entries else stand_in(resp.text, resp.url)

    def read_entries(self, walk: Walk, keys: list[str], has_next: bool) -> str:
        """Fetch a page's new entries, record the walk's progress, and say where it goes."""
        slug, page = walk.slug, walk.page
        self.entries_seen += len(keys)
        self.unforget(slug)
        before = set(walk.seen)  # entries of earlier pages: a box or a pinned block on every page
        walk.seen.update(keys)
        walk.last = frozenset(keys)
        walk.first_size = walk.first_size or len(keys)
        new_keys = [k for k in keys if k not in self.known]
        self.progress(f"{slug} page {page}: {len(keys)} entries, {len(new_keys)} new")
        for key in new_keys:
            if self.stopping():
                break
            if key in walk.pinned_here:
                continue  # fetched from its own listing, or after the walks, with its category
            if self.wanted(self.hints[key]):
                self.fetch_article(key, self.hints[key])
        self.flush()
        if self.result.interrupted or self.halted():
            return STOP  # this page is not finished: resume from it next time
        own = [k for k in keys if k not in walk.pinned_here and k not in before] or keys
        # pinned entries, and those repeated from the pages before, decide nothing
        if walk.mode == "backfill" and has_next:
            self.save_resume(slug, page + 1, walk.next_url)
        if walk.mode == "incremental" and (not [k for k in new_keys if k in own] or own[-1] not in new_keys):
            return KNOWN  # the rest of the listing is known
        if self.since and all(
            self.hints[k].published and self.hints[k].published.astimezone(LOCAL).date() < self.since
            for k in own
        ):
            return END
        dates = [self.hints[k].published for k in own if self.hints[k].published]
        oldest_before, walk.oldest = walk.oldest, min([*dates, *([walk.oldest] if walk.oldest else [])], default=None)
        if not has_next:
            if walk.mode == "backfill":
                why = self.unfinished(walk, dates, oldest_before)
                if why:
                    self.listing_warning(walk, why)
                    return STOP
            return END
        walk.offered_next = has_next
        return NEXT

    def unfinished(self, walk: Walk, dates: list[datetime], oldest_before: datetime | None) -> str:
        """Why a page without a next page is not the listing's end ("" when it is): a pager
        that cannot be followed, a last page it names further on, entries newer than those of
        the pages before (not the oldest the listing shows)."""
        pager = walk.pager
        if pager is not None and pager.unreadable:
            return f"không đọc được thanh chuyển trang ({pager.unreadable})"
        if oldest_before and dates and max(dates) > oldest_before + timedelta(days=1):
            return "trang cuối có bài mới hơn các trang trước: chưa phải những bài cũ nhất của danh sách"
        return ""

    def find_sitewide_links(self, slugs: list[str]) -> None:
        """Read page 1 of every listing about to be walked (kept for the walk): three or more
        articles linked from two or more of them (under any address: a box's links may carry
        each listing's ?cid=) are the site's own boxes ("Tin mới nhất" in an unmarked column),
        not entries of each, since an article lives in one category. Then the entries pinned
        atop the listings, among what is left (fewer repeated articles are pinned entries)."""
        if len(slugs) < 2:
            return
        seen: dict[str, int] = {}  # an article's last path segment -> the listings linking it
        variants: dict[str, set[str]] = {}
        pages = []
        for slug in slugs:
            if self.halted():
                return
            url = self.listing_url(slug, 1)
            try:
                resp = self.get(url)
            except FetchError:
                continue  # the walk will say so
            self.prefetched[url] = resp
            if resp.status != 200 or not resp.text:
                continue
            entries, _ = listing_entries(resp.text, resp.url, self.site.selectors)
            pages.append((resp, entries))
            for seg in {last_segment(e.url) for e in entries}:
                seen[seg] = seen.get(seg, 0) + 1
            for e in entries:
                variants.setdefault(last_segment(e.url), set()).add(canonical_key(self.url(e.url, resp.url)))
        repeated = {seg for seg, n in seen.items() if n >= 2}
        self.repeated = {k for seg in repeated for k in variants[seg]}  # boxes, or featured entries
        if len(slugs) >= 3 and len(repeated) >= 3:
            self.sitewide = {k for seg in repeated for k in variants[seg]}
            log.info("%d article links appear on several listings: read as the site's own boxes", len(repeated))
            pages = [(r, listing_entries(r.text, r.url, self.site.selectors, self.sitewide)[0]) for r, _ in pages]
        self.pinned_across([entries for _, entries in pages])
