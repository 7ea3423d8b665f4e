"""Discovery of feeds, categories and sitemaps, and the shortcuts of incremental runs."""

from __future__ import annotations

import calendar
import logging
from datetime import datetime
from urllib.parse import urlsplit

import feedparser
from lxml import etree

from collectors.dates import LOCAL, parse_iso
from collectors.extraction import feed_links, nav_links, page_links
from collectors.http import FetchError
from collectors.page_item import Hint
from collectors.urls import is_article_path
from collectors.website.category_state import KV_BEHIND, KV_DOUBT
from collectors.website.health import stand_in
from collectors.website.records import FEED_GUESSES

log = logging.getLogger("cdht.website")


class DiscoveryMixin:
    def discover(self) -> tuple[bool, list[str], list[str]]:
        configured = list(self.site.site.categories)
        known_cats = self.store.get_kv("categories", [])
        self.listed.update(known_cats)
        self.not_listings = set(self.store.get_kv("not_listings", []))
        # what the run sees of its categories (collectors.website.category_state)
        self.doubtful: dict[str, int] = {}  # slug -> HTTP status its first listing page answered
        self.answered: set[str] = set()  # slugs whose listing answered this run
        self.nav_read, self.nav_slugs = False, set()
        feeds = [self.url(f) for f in self.site.site.feeds]
        home_ok = False
        try:
            resp = self.get(self.base + "/")
            home_ok = resp.ok
        except FetchError as exc:
            self.error(exc.url, f"home page: {exc}")
            resp = None
        discovered: list[str] = []
        if resp is not None and resp.ok and self.home_is_real(resp):
            feeds += [self.url(f, resp.url) for f in feed_links(resp.text, resp.url)]
            if self.site.site.discover_categories:
                discovered = self.discover_categories(resp)
                self.nav_read, self.nav_slugs = True, set(discovered)
        elif resp is not None and resp.ok:
            home_ok = False
        categories = list(dict.fromkeys([*configured, *known_cats, *discovered]))
        if not self.full:  # --all walks again what was taken for no listing
            keep = {*configured, *known_cats}
            categories = [c for c in categories if c not in self.not_listings or c in keep]
        stored_feeds = self.store.get_kv("feeds")
        if not feeds and stored_feeds is not None:
            feeds = [self.url(f) for f in stored_feeds]
        self.look_at_doubted(categories)
        return home_ok, categories, list(dict.fromkeys(feeds))

    def look_at_doubted(self, categories: list[str]) -> None:
        """Read page 1 of each category in doubt (its listing answered an error before), even on
        a night whose shortcuts would not walk it: it answers (no longer in doubt) or not."""
        doubt = self.store.get_kv(KV_DOUBT, {}) or {}
        for slug in categories:
            if slug not in doubt or self.halted():
                continue
            url = self.listing_url(slug, 1)
            try:
                resp = self.get(url)
            except FetchError as exc:
                self.error(exc.url, f"listing {slug}: {exc}")
                continue
            if resp.ok and not stand_in(resp.text, resp.url):
                self.answered.add(slug)
                self.prefetched[url] = resp  # the walk, if any, starts from it
            elif not resp.ok:
                self.no_listing(slug, f"HTTP {resp.status}")

    def walk_listing(self, slug: str, mode: str, start_page: int = 1) -> bool:
        """The listing walk (``ListingsMixin``), noting the slugs whose listing answered; one
        that failed on an earlier night is walked to its end (``listings_behind``)."""
        behind = self.store.get_kv(KV_BEHIND, []) or []
        errors, troubles = len(self.result.errors), len(self.troubles)
        walked = "backfill" if slug in behind else mode
        read = super().walk_listing(slug, walked, start_page)
        if read:
            self.answered.add(slug)
        state = self.store.listing_state(slug)
        if state and state["resume_page"] > 1:
            return read  # stopped at the page limit: resumed there next run
        whole = read and not self.halted() and len(self.result.errors) == errors \
            and len(self.troubles) == troubles  # fmt: skip
        if slug in behind and whole:
            self.store.set_kv(KV_BEHIND, [s for s in behind if s != slug])
        elif not whole and mode == "incremental" and slug not in behind:
            # articles it listed tonight may become known another way (the feed): its next walk
            # goes to its end, not to the first page of known items
            self.store.set_kv(KV_BEHIND, [*behind, slug])
        return read

    def listings_behind(self) -> bool:
        """Some listing failed on an earlier night: the shortcuts must not skip the walks."""
        return bool(self.store.get_kv(KV_BEHIND, []))

    def home_is_real(self, resp) -> bool:
        """Read the home page's article links; False (an error of the night) when the page is
        a stand-in: a maintenance or login page, an empty one."""
        for href, text in page_links(resp.text, resp.url):
            href = self.url(href, resp.url)
            if self.on_site(href) and is_article_path(href):
                self.home_links.setdefault(self.key_of(href), (href, text))
        self.bodies.same_as(resp.url, resp.body)
        trouble = "" if self.home_links else stand_in(resp.text, resp.url)
        if trouble:
            self.night_trouble(resp.url, f"the home page is {trouble}; nothing is concluded from it")
            return False
        self.entries_seen += len(self.home_links)
        return True

    def discover_categories(self, resp) -> list[str]:
        """Category slugs linked from the home page's navigation (their names recorded)."""
        discovered = []
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
        return discovered

    def read_feeds(self, feeds: list[str]) -> tuple[bool, bool]:
        """(some feed was read, the feed covers what is new)."""
        guessed = False
        if not feeds and self.store.get_kv("feeds") is None:
            feeds, guessed = [self.base + g for g in FEED_GUESSES], True
        ok_any, covers = False, False
        found: list[str] = []
        unanswered = False  # a feed that could not be fetched proves nothing of it
        for feed_url in feeds:
            try:
                resp = self.get(feed_url, conditional=not guessed)
            except FetchError as exc:
                unanswered = True
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
                trouble = stand_in(resp.text, resp.url) if "<html" in resp.text[:4096].lower() else ""
                if trouble:
                    self.night_trouble(feed_url, f"feed {feed_url} is {trouble}")
                elif not guessed:
                    self.error(feed_url, f"{feed_url}: not a feed, or an empty one")
                continue
            ok_any = True
            found.append(feed_url)
            self.entries_seen += len(parsed.entries)
            keys = []
            for entry in parsed.entries:
                link = (entry.get("link") or entry.get("id") or "").strip()
                if not link:
                    continue
                url = self.url(link, feed_url)
                if not self.on_site(url) or not is_article_path(url):
                    continue
                key = self.key_of(url)
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
        if found or not (self.troubles or unanswered):  # a bad night proves no feed absent
            self.store.set_kv("feeds", [urlsplit(f).path or f for f in found])
        sitewide = bool(self.store.get_kv("feed_sitewide", False))
        return ok_any, covers and sitewide and not self.listings_behind()

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
        if self.listings_behind():
            return False  # a listing failed on an earlier night: walk it
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
        # the home page's links keyed again now that the run knows their articles' addresses
        home = {self.key_of(url) for url, _ in self.home_links.values()} | set(self.home_links)
        self.store.set_kv("home_lists_newest", bool(newest) and all(k in home for k in newest))
        self.store.set_kv("shortcuts_checked", True)
        keys: list[str] = []
        for f in self.store.get_kv("feeds") or []:
            keys += [self.key_of(k) for k in self.store.get_kv(f"feed_keys:{self.url(f)}", [])]
        oldest = self.store.get_item("website", keys[-1]) if keys else None
        if oldest is None or not oldest["published_utc"]:
            return
        missing = self.store.keys_published_after("website", oldest["published_utc"]) - set(keys)
        self.store.set_kv("feed_sitewide", not missing)
        if missing:
            log.info("the feed misses %d recent items; listings will be walked each run", len(missing))

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
                self.hints.setdefault(self.key_of(link), Hint(url=link))
