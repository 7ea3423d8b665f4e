"""The website collector: feeds, category listings and article pages of the federation's site.

First run (or ``--all``): discover feeds and categories from the home page, walk every
category listing to its end (a backfill, resumed where an interrupted one stopped), fetch each
article once. Later runs: read the feed first; when the feed is known to list every new item
of the site and overlaps what is stored, that is enough; otherwise walk each listing from page 1
and stop at the first page whose items were all known. Articles that cannot be fetched are
stored from their listing or feed entry as pending and fetched again on the next run.

The collector hands each page's records, as a batch, to the ``save`` callable the pipeline
gives it (one transaction per batch), and reads and records its state between runs (known
items, listing cursors, fetch state) through :class:`collectors.state.SourceState`, which the
store satisfies. A crash loses at most a batch and a second run converges to the same counts.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime
from urllib.parse import urlsplit

from collectors.dates import LOCAL, parse_iso
from collectors.http import HttpClient
from collectors.item import Item
from collectors.page_item import Hint
from collectors.profile import SiteFile
from collectors.state import PageArchive, SaveBatch, SourceState
from collectors.urls import resolve
from collectors.website.articles import ArticlesMixin
from collectors.website.discovery import DiscoveryMixin
from collectors.website.evidence import EvidenceMixin
from collectors.website.health import Bodies
from collectors.website.identity import AliasShapes, IdentityMixin
from collectors.website.listings import ListingsMixin
from collectors.website.records import CollectResult

log = logging.getLogger("cdht.website")


class WebsiteCollector(DiscoveryMixin, ListingsMixin, ArticlesMixin, IdentityMixin, EvidenceMixin):
    def __init__(
        self,
        site: SiteFile,
        state: SourceState,
        client: HttpClient,
        *,
        save: SaveBatch,
        site_url: str | None = None,
        since: date | None = None,
        full: bool = False,
        progress: Callable[[str], None] | None = None,
        now: datetime | None = None,
        should_stop: Callable[[], bool] | None = None,
        archive: PageArchive | None = None,
    ):
        self.site = site
        self.store = state
        self.save = save
        self.client = client
        self.base = (site_url or self.site.site.base_url).rstrip("/")
        self.site_url = site_url.rstrip("/") if site_url else None
        self.since = since
        self.full = full
        self.progress = progress or (lambda msg: log.info("%s", msg))
        self.now = now
        self.should_stop = should_stop or (lambda: False)
        self.result = CollectResult()
        self.known_before: set[str] = set()
        self.known: set[str] = set()  # keys fetched or tried this run, and those stored before
        self.have: set[str] = set()  # keys of items read: stored before, or read this run
        self.aliases: dict[str, str] = {}  # alias -> item key (collectors.website.identity)
        self.shapes = AliasShapes()  # how the site's aliases differ from their items' addresses
        self.pinned_ids: set[str] = set()  # articles pinned at the top of listings (website.pinned)
        self.own_key: dict[str, str] = {}  # address read this run -> the item key its page is
        self.hints: dict[str, Hint] = {}
        self.batch: list[Item] = []
        self.unclosed_ok = False
        self.home_links: dict[str, tuple[str, str]] = {}  # article key -> (url, link text)
        self.prefetched: dict = {}  # listing page 1 responses read before the walks
        self.sitewide: set[str] = set()  # article links on several listings: sidebars
        self.repeated: set[str] = set()  # article links on the first page of several listings
        self.fallbacks_said: set[str] = set()  # profile selectors that matched nothing, logged
        self.archive = archive
        self.page_resp = None  # the response an article's page was read from (kept in the archive)
        # what the run saw, and what it may conclude from it (collectors.website.evidence)
        self.bodies = Bodies()  # one page served for every address
        self.troubles: list[str] = []  # pages that were stand-ins of a bad night
        self.entries_seen = 0  # article links seen on listings, feeds and the home page
        self.stand_ins_in_a_row = 0
        self.halt_reason = ""
        self.listed: set[str] = set()  # slugs walked as listings before
        self.not_listings: set[str] = set()  # slugs recorded as not listings
        self.not_listing: dict[str, str] = {}  # slugs found to be no listing this run, and why

    # ------------------------------------------------------------ helpers
    def url(self, path_or_url: str, page_url: str | None = None) -> str:
        return resolve(path_or_url, page_url or self.base + "/", self.site_url,
                       (self.site.site.base_url,))  # fmt: skip

    def on_site(self, url: str) -> bool:
        return urlsplit(url).netloc == urlsplit(self.base).netloc

    def get(self, url: str, **kw):
        try:
            return self.client.get(url, **kw)
        finally:
            self.result.requests = self.client.requests

    def error(self, url: str, message: str) -> None:
        log.warning("%s", message)
        self.result.errors.append((url, message))

    def flush(self) -> None:
        if not self.batch:
            return
        counts = self.save(self.batch)
        self.result.new += counts["new"]
        self.result.updated += counts["updated"]
        self.batch = []

    def stopping(self) -> bool:
        """True once a stop was asked for (SIGTERM, Ctrl-C): finish the current item, then stop."""
        if not self.result.interrupted and self.should_stop():
            self.result.interrupted = True
            self.result.message = "stopped on request"
        return self.result.interrupted

    # ------------------------------------------------------------ the run
    def run(self) -> CollectResult:
        self.known_before = self.store.known_keys("website")
        self.known = set(self.known_before)
        self.have = set(self.known_before)
        self.load_aliases()
        self.load_pinned()
        pending = self.store.known_keys("website", fetched_only=False) - self.known_before
        self.client.robots_for(self.base + "/")

        home_ok, categories, feeds = self.discover()
        self.result.categories, self.result.feeds = categories, feeds
        feed_ok, feed_covers = self.read_feeds(feeds)
        covered = feed_covers or self.home_covers()

        listing_ok = False
        backfilling = False
        to_walk = []  # (slug, its listing state)
        for slug in categories:
            state = self.store.listing_state(slug)
            if state:
                self.listed.add(slug)
            unfinished = bool(state and state["resume_page"] > 1)  # a walk stopped at the page limit
            if not (state and state["backfill_complete"] and not self.full and covered and not unfinished):
                to_walk.append((slug, state))
        walked_any = bool(to_walk)
        self.find_sitewide_links([slug for slug, _ in to_walk])
        for slug, state in to_walk:
            if self.halted():
                break
            backfilled = bool(state and state["backfill_complete"])
            mode = "incremental" if (backfilled and not self.full) else "backfill"
            backfilling = backfilling or mode == "backfill"
            resume = state["resume_page"] if (state and not self.full) else 1
            ok = self.walk_listing(slug, mode, resume)
            listing_ok = listing_ok or ok
        if self.healthy_night() and (self.full or not self.store.get_kv("shortcuts_checked")):
            self.check_shortcuts()

        if backfilling and not self.halted():
            self.read_sitemaps()

        # articles the feed or sitemap listed that no listing walk fetched, and earlier pending pages
        for key, hint in list(self.hints.items()):
            if key in self.known or self.key_of(hint.url) in self.known or not self.wanted(hint):
                continue
            if self.halted():  # fetching stopped: the entry is kept as pending, from its hint
                if not self.result.interrupted:
                    self.fetch_article(key, hint)  # no request: it is stored as not fetched
                continue
            self.fetch_article(key, hint)
        for key in sorted(pending - self.known):
            if self.halted():
                break
            row = self.store.get_item("website", key)
            hint = self.hints.get(key) or Hint(
                url=self.base + key, title=row["title"],
                published=parse_iso(row["published_utc"]), date_source=row["date_source"],
                category=row["category"], category_source=row["category_source"],
            )  # fmt: skip
            self.fetch_article(key, hint)
        self.flush()
        self.record_not_listings()
        self.verdict(home_ok, feed_ok, listing_ok, expected=walked_any or not feeds or bool(self.troubles))
        return self.result

    def wanted(self, hint: Hint) -> bool:
        return not (self.since and hint.published and hint.published.astimezone(LOCAL).date() < self.since)

