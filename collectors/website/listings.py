"""Category listings: backfills resumed where they stopped, incremental walks, site-wide link boxes."""

from __future__ import annotations

import logging

from collectors.dates import LOCAL
from collectors.extract import listing_entries, page_links
from collectors.http import FetchError
from collectors.urls import canonical_key
from collectors.website.records import Hint

log = logging.getLogger("cdht.website")


class ListingsMixin:
    def listing_url(self, slug: str, page: int) -> str:
        return f"{self.base}/{slug}" if page == 1 else f"{self.base}/{slug}/page/{page}"

    def walk_listing(self, slug: str, mode: str, start_page: int = 1) -> bool:
        """Walk one category listing. Returns True if at least one page was read."""
        page, read_any, first_size = start_page, False, None
        # the listing's name, as the menu writes it (the kind rules name categories so)
        name = self.store.get_kv("category_names", {}).get(slug, "")
        seen_pages: list[frozenset] = []
        complete = False
        max_pages = self.site.site.max_listing_pages
        while page <= max_pages and not self.stopping():
            url = self.listing_url(slug, page)
            try:
                resp = self.prefetched.pop(url, None) or self.get(url)
            except FetchError as exc:
                self.error(url, f"listing {slug} page {page}: {exc}")
                break
            if resp.status == 404 or not resp.ok:
                if page == 1 and resp.status == 404:
                    self.forget_category(slug)
                else:
                    complete = True  # past the last page
                break
            read_any = True
            entries, others = listing_entries(resp.text, resp.url, self.site.selectors, self.sitewide)
            for u in others:  # a new item shown only in the site's own boxes is still fetched
                u = self.url(u, resp.url)
                if self.on_site(u) and canonical_key(u) in self.sitewide:
                    self.hints.setdefault(canonical_key(u), Hint(url=u))
            has_next = any(f"/{slug}/page/{page + 1}" in href for href, _ in page_links(resp.text, resp.url))
            if page == 1 and not entries and not has_next:
                self.forget_category(slug)
                return read_any
            keys = []  # the listing's own entries
            for e in entries:
                u = self.url(e.url, resp.url)
                if not self.on_site(u):
                    continue
                key = canonical_key(u)
                hint = self.hints.setdefault(key, Hint(url=u))
                keys.append(key)
                hint.title = hint.title or e.title
                if e.date and not hint.published:
                    hint.published, hint.date_source = e.date, "listing date"
                if not hint.category or hint.category_source == "feed category":
                    hint.category, hint.category_source = name or slug, "listing"
                    hint.categories = [name, slug] if name else [slug]
            page_set = frozenset(keys)
            if not keys:
                if page == 1 and not has_next:  # only the site's own boxes: not a listing
                    self.forget_category(slug)
                    return read_any
                complete = True
                break
            if page_set in seen_pages or (seen_pages and page_set <= frozenset().union(*seen_pages)):
                self.error(url, f"listing {slug} page {page} repeats earlier entries; the walk stops here")
                complete = True
                break
            seen_pages.append(page_set)
            first_size = first_size or len(keys)
            new_keys = [k for k in keys if k not in self.known]
            self.progress(f"{slug} page {page}: {len(keys)} entries, {len(new_keys)} new")
            for key in new_keys:
                if self.stopping():
                    break
                if self.wanted(self.hints[key]):
                    self.fetch_article(key, self.hints[key])
            self.flush()
            if self.result.interrupted:
                break  # this page is not finished: resume from it next time
            if mode == "backfill":
                self.store.save_listing_state(slug, backfill_complete=False, resume_page=page + 1)
            if mode == "incremental" and (not new_keys or keys[-1] not in new_keys):
                break  # the rest of the listing is known
            if self.since and all(
                self.hints[k].published and self.hints[k].published.astimezone(LOCAL).date() < self.since
                for k in keys
            ):
                complete = True
                break
            if not has_next and len(keys) < first_size:
                complete = True
                break
            page += 1
        if mode == "backfill" and complete:
            self.store.save_listing_state(slug, backfill_complete=True, resume_page=1)
            cats = self.store.get_kv("categories", [])
            if slug not in cats:
                self.store.set_kv("categories", [*cats, slug])
        return read_any

    def find_sitewide_links(self, slugs: list[str]) -> None:
        """Read page 1 of every listing about to be walked (kept for the walk): an article
        linked from two or more of them is the site's own boxes ("Tin mới nhất" in an unmarked
        column), not an entry of each, since an article lives in one category."""
        if len(slugs) < 3:
            return
        seen: dict[str, int] = {}
        for slug in slugs:
            url = self.listing_url(slug, 1)
            try:
                resp = self.get(url)
            except FetchError:
                continue  # the walk will say so
            self.prefetched[url] = resp
            if resp.status != 200 or not resp.text:
                continue
            entries, _ = listing_entries(resp.text, resp.url, self.site.selectors)
            for key in {canonical_key(self.url(e.url, resp.url)) for e in entries}:
                seen[key] = seen.get(key, 0) + 1
        self.sitewide = {k for k, n in seen.items() if n >= 2}
        if self.sitewide:
            log.info("%d article links appear on several listings: read as the site's own boxes", len(self.sitewide))

    def forget_category(self, slug: str) -> None:
        if slug in self.site.site.categories:
            self.error(self.listing_url(slug, 1), f"configured category {slug!r} has no listing")
            return
        log.info("/%s is not a category listing", slug)
        self.store.set_kv("not_listings", sorted({*self.store.get_kv("not_listings", []), slug}))
