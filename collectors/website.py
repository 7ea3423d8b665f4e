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

import calendar
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import urlsplit

import feedparser
from lxml import etree

from collectors.dates import LOCAL, parse_iso
from collectors.extraction import (
    feed_links,
    listing_entries,
    nav_links,
    page_links,
)
from collectors.http import FetchError, HttpClient
from collectors.item import Item
from collectors.page_item import Hint, item_from_page
from collectors.profile import SiteFile
from collectors.state import PageArchive, SaveBatch, SourceState
from collectors.urls import canonical_key, is_article_path, resolve

log = logging.getLogger("cdht.website")

FEED_GUESSES = ["/feed", "/rss", "/rss.xml", "/feed.xml", "/atom.xml"]
BATCH = 20


@dataclass
class CollectResult:
    requests: int = 0
    new: int = 0
    updated: int = 0
    fetched: int = 0
    pending: list[tuple[str, str]] = field(default_factory=list)  # (url, reason)
    errors: list[tuple[str, str]] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    failed: bool = False
    interrupted: bool = False
    message: str = ""


class WebsiteCollector:
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
        self.known: set[str] = set()
        self.hints: dict[str, Hint] = {}
        self.batch: list[Item] = []
        self.unclosed_ok = False
        self.home_links: dict[str, tuple[str, str]] = {}  # article key -> (url, link text)
        self.prefetched: dict = {}  # listing page 1 responses read before the walks
        self.sitewide: set[str] = set()  # article links on several listings: sidebars
        self.fallbacks_said: set[str] = set()  # profile selectors that matched nothing, logged
        self.archive = archive
        self.page_resp = None  # the response an article's page was read from (kept in the archive)

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
            if not (state and state["backfill_complete"] and not self.full and covered):
                to_walk.append((slug, state))
        walked_any = bool(to_walk)
        self.find_sitewide_links([slug for slug, _ in to_walk])
        for slug, state in to_walk:
            if self.stopping():
                break
            backfilled = bool(state and state["backfill_complete"])
            mode = "incremental" if (backfilled and not self.full) else "backfill"
            backfilling = backfilling or mode == "backfill"
            resume = state["resume_page"] if (state and mode == "backfill" and not self.full) else 1
            ok = self.walk_listing(slug, mode, resume)
            listing_ok = listing_ok or ok
        if not self.result.interrupted and (self.full or not self.store.get_kv("shortcuts_checked")):
            self.check_shortcuts()

        if backfilling and not self.result.interrupted:
            self.read_sitemaps()

        # articles the feed or sitemap listed that no listing walk fetched, and earlier pending pages
        for key, hint in list(self.hints.items()):
            if self.stopping():
                break
            if key not in self.known and self.wanted(hint):
                self.fetch_article(key, hint)
        for key in sorted(pending - self.known):
            if self.stopping():
                break
            row = self.store.get_item("website", key)
            hint = self.hints.get(key) or Hint(
                url=self.base + key, title=row["title"],
                published=parse_iso(row["published_utc"]), date_source=row["date_source"],
                category=row["category"], category_source=row["category_source"],
            )  # fmt: skip
            self.fetch_article(key, hint)
        self.flush()

        if not home_ok and not feed_ok and not listing_ok and (walked_any or not feeds):
            self.result.failed = True
            self.result.message = f"{self.base}: the site could not be reached"
        return self.result

    def wanted(self, hint: Hint) -> bool:
        return not (self.since and hint.published and hint.published.astimezone(LOCAL).date() < self.since)

    # ------------------------------------------------------------ discovery
    def discover(self) -> tuple[bool, list[str], list[str]]:
        configured = list(self.site.site.categories)
        known_cats = self.store.get_kv("categories", [])
        not_listings = set(self.store.get_kv("not_listings", []))
        feeds = [self.url(f) for f in self.site.site.feeds]
        home_ok = False
        try:
            resp = self.get(self.base + "/")
            home_ok = resp.ok
        except FetchError as exc:
            self.error(exc.url, f"home page: {exc}")
            resp = None
        discovered: list[str] = []
        if resp is not None and resp.ok and resp.text:
            for href, text in page_links(resp.text, resp.url):
                href = self.url(href, resp.url)
                if self.on_site(href) and is_article_path(href):
                    self.home_links.setdefault(canonical_key(href), (href, text))
            feeds += [self.url(f, resp.url) for f in feed_links(resp.text, resp.url)]
            if self.site.site.discover_categories:
                links = nav_links(resp.text, resp.url) or page_links(resp.text, resp.url)
                names = self.store.get_kv("category_names", {})
                for href, text in links:
                    href = self.url(href, resp.url)
                    if not self.on_site(href):
                        continue
                    path = urlsplit(href).path.strip("/")
                    if path and "/" not in path and "." not in path and not is_article_path(href):
                        discovered.append(path)
                        if text and path not in names:
                            names[path] = text
                self.store.set_kv("category_names", names)
        categories = list(dict.fromkeys([*configured, *known_cats, *discovered]))
        categories = [c for c in categories if c not in not_listings or c in configured]
        stored_feeds = self.store.get_kv("feeds")
        if not feeds and stored_feeds is not None:
            feeds = [self.url(f) for f in stored_feeds]
        return home_ok, categories, list(dict.fromkeys(feeds))

    # ------------------------------------------------------------ feeds
    def read_feeds(self, feeds: list[str]) -> tuple[bool, bool]:
        """(some feed was read, the feed covers what is new)."""
        guessed = False
        if not feeds and self.store.get_kv("feeds") is None:
            feeds, guessed = [self.base + g for g in FEED_GUESSES], True
        ok_any, covers = False, False
        found: list[str] = []
        for feed_url in feeds:
            try:
                resp = self.get(feed_url, conditional=not guessed)
            except FetchError as exc:
                if not guessed:
                    self.error(exc.url, f"feed: {exc}")
                continue
            if resp.status == 304:
                ok_any, covers = True, True
                found.append(feed_url)
                continue
            if not resp.ok:
                continue
            parsed = feedparser.parse(resp.body)
            if not parsed.entries:
                if not guessed:
                    self.error(feed_url, f"{feed_url}: not a feed, or an empty one")
                continue
            ok_any = True
            found.append(feed_url)
            keys = []
            for entry in parsed.entries:
                link = (entry.get("link") or entry.get("id") or "").strip()
                if not link:
                    continue
                url = self.url(link, feed_url)
                if not self.on_site(url) or not is_article_path(url):
                    continue
                key = canonical_key(url)
                keys.append(key)
                published = None
                if entry.get("published_parsed"):
                    published = datetime.fromtimestamp(calendar.timegm(entry.published_parsed), tz=LOCAL)
                tags = [t.get("term", "") for t in entry.get("tags", []) if t.get("term")]
                hint = self.hints.setdefault(key, Hint(url=url))
                hint.title = hint.title or (entry.get("title") or "").strip()
                if published and not hint.published:
                    hint.published, hint.date_source = published, "feed date"
                if tags and not hint.category:
                    hint.category, hint.category_source = tags[0], "feed category"
                    hint.categories = tags
            # newest first by the feed's own dates, whatever order the feed lists them in
            far = datetime.max.replace(tzinfo=LOCAL)
            keys.sort(key=lambda k: self.hints[k].published or far, reverse=True)
            self.store.set_kv(f"feed_keys:{feed_url}", keys)
            tagged = all(e.get("tags") for e in parsed.entries)
            if keys and keys[-1] in self.known_before and (tagged or self.pages_name_categories()):
                covers = True  # its oldest entry is stored: nothing new falls between
            if guessed:
                break
        self.store.set_kv("feeds", [urlsplit(f).path or f for f in found])
        sitewide = bool(self.store.get_kv("feed_sitewide", False))
        return ok_any, covers and sitewide

    def newest_keys(self, n: int) -> list[str]:
        return self.store.newest_keys("website", n)

    def pages_name_categories(self) -> bool:
        """Does every stored page carry its own category markup (so no listing is needed to
        learn an item's category)?"""
        return self.store.count_without_own_category("website") == 0

    def home_covers(self) -> bool:
        """The home page lists the site's newest items (checked after the backfill) and still
        shows the newest one already stored: then every new item is on it, and the listings
        need no walk. Its unknown article links are queued for fetching."""
        if self.full or not self.home_links or not self.store.get_kv("home_lists_newest"):
            return False
        if not self.pages_name_categories():
            return False  # a new page may need its listing to know its category
        newest = self.newest_keys(1)
        if not newest or newest[0] not in self.home_links:
            return False
        for key, (url, title) in self.home_links.items():
            if key not in self.known:
                self.hints.setdefault(key, Hint(url=url, title=title))
        return True

    def check_shortcuts(self) -> None:
        """After a backfill: may later runs stop at the feed, or at the home page? The feed
        must list every item newer than its oldest entry; the home page the five newest."""
        newest = self.newest_keys(5)
        self.store.set_kv("home_lists_newest", bool(newest) and all(k in self.home_links for k in newest))
        self.store.set_kv("shortcuts_checked", True)
        keys: list[str] = []
        for f in self.store.get_kv("feeds") or []:
            keys += self.store.get_kv(f"feed_keys:{self.url(f)}", [])
        oldest = self.store.get_item("website", keys[-1]) if keys else None
        if oldest is None or not oldest["published_utc"]:
            return
        missing = self.store.keys_published_after("website", oldest["published_utc"]) - set(keys)
        self.store.set_kv("feed_sitewide", not missing)
        if missing:
            log.info("the feed misses %d recent items; listings will be walked each run", len(missing))

    # ------------------------------------------------------------ sitemaps
    def read_sitemaps(self) -> None:
        """During a backfill, the sitemap is a safety net: an article it lists that no listing
        showed is fetched too."""
        todo = [self.url(u) for u in self.client.sitemaps(self.base + "/")] or [self.base + "/sitemap.xml"]
        seen: set[str] = set()
        while todo and len(seen) < 50:
            url = todo.pop(0)
            if url in seen:
                continue
            seen.add(url)
            try:
                resp = self.get(url)
            except FetchError as exc:
                self.error(url, f"sitemap: {exc}")
                continue
            if resp.status != 200 or not resp.body:
                continue
            try:
                root = etree.fromstring(resp.body, parser=etree.XMLParser(recover=True, resolve_entities=False, no_network=True))
            except etree.XMLSyntaxError:
                root = None
            if root is None:
                self.error(url, f"{url}: the sitemap is not XML")
                continue
            for loc in root.xpath("//*[local-name()='sitemap']/*[local-name()='loc']/text()"):
                todo.append(self.url(loc.strip(), url))
            for node in root.xpath("//*[local-name()='url']"):
                locs = node.xpath("./*[local-name()='loc']/text()")
                if not locs:
                    continue
                link = self.url(locs[0].strip(), url)
                if not self.on_site(link) or not is_article_path(link):
                    continue
                lastmod = parse_iso((node.xpath("./*[local-name()='lastmod']/text()") or [""])[0])
                if self.since and lastmod and lastmod.astimezone(LOCAL).date() < self.since:
                    continue
                self.hints.setdefault(canonical_key(link), Hint(url=link))

    # ------------------------------------------------------------ listings
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

    # ------------------------------------------------------------ articles
    def fetch_article(self, key: str, hint: Hint) -> None:
        self.known.add(key)
        url = hint.url
        try:
            resp = self.get(url)
            self.page_resp = None
            if resp.status != 200 or not resp.text:
                raise FetchError(url, f"HTTP {resp.status}", resp.status)
            html = self.complete_page(url, resp.text)
            if self.archive is not None:
                self.archive.keep(url, self.page_resp or resp)
            item = self.article_item(key, url, html, hint)
            if not item.title:
                raise FetchError(url, "no article title on the page: not parsed")
            self.result.fetched += 1
        except FetchError as exc:
            reason = str(exc)
            self.error(url, f"article {reason}")
            self.result.pending.append((url, reason))
            item = self.pending_item(key, hint, reason)
        except Exception as exc:  # a page that breaks the parser must not stop the run
            reason = f"{url}: cannot read the page ({type(exc).__name__}: {exc})"
            self.error(url, reason)
            self.result.pending.append((url, reason))
            item = self.pending_item(key, hint, reason)
        self.batch.append(item)
        if len(self.batch) >= BATCH:
            self.flush()

    def complete_page(self, url: str, html: str) -> str:
        """A page cut short in transit lacks ``</html>``: fetch it once more. A site whose
        pages never close ``</html>`` is noticed after two identical copies and left alone."""
        if not re.search(r"<(html|head|body)[\s>]", html[:4096], re.I):
            raise FetchError(url, "the response is not an HTML page")
        if self.unclosed_ok or "</html>" in html[-2048:].lower():
            return html
        again = self.get(url)
        if again.status == 200 and "</html>" in again.text[-2048:].lower():
            self.page_resp = again
            return again.text
        if again.status == 200 and again.text == html:
            self.unclosed_ok = True  # the site's own style
            return html
        raise FetchError(url, "the page arrived incomplete twice (no </html>)")

    def article_item(self, key: str, url: str, html: str, hint: Hint) -> Item:
        item, ex = item_from_page(key, url, html, hint, self.site, self.now)
        for name in ex.fallbacks:  # said once per run, not once per page
            if name not in self.fallbacks_said:
                self.fallbacks_said.add(name)
                log.warning("the profile's %s selector matches nothing on %s: the generic rules "
                            "read that field (said once per run)", name, url)  # fmt: skip
        return item

    def pending_item(self, key: str, hint: Hint, reason: str) -> Item:
        return Item(
            source="website", key=key, url=hint.url, title=hint.title, published=hint.published,
            date_source=hint.date_source, category=hint.category,
            category_source=hint.category_source, status="pending", error=reason,
            raw={"categories": hint.categories or ([hint.category] if hint.category else []),
                 "hint": hint.to_raw()},
        )  # fmt: skip
