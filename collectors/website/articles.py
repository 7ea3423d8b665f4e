"""Article pages: fetched, extracted into records, or kept as pending from their hint."""

from __future__ import annotations

import logging
import re
import sqlite3

from collectors.dates import utc_iso
from collectors.http import CircuitOpen, FetchError
from collectors.item import Item
from collectors.page_item import Hint, item_from_page, public_url
from collectors.textnorm import fold
from collectors.urls import canonical_key
from collectors.website.health import article_stand_in
from collectors.website.identity import identify, same_article_address
from collectors.website.records import BATCH

log = logging.getLogger("cdht.website")


class ArchiveFailed(OSError):
    """The page archive could not keep a page (its volume full, ``ulimit -f``): a fault of the
    machine, not of the page, so the run stops instead of marking every later page pending.
    Carries the archive's errno and file name, so the message names the archive."""


class ArticlesMixin:
    def fetch_article(self, key: str, hint: Hint) -> None:
        self.known.add(key)
        url = hint.url
        try:
            item = self.read_article(key, url, hint)
            self.result.fetched += 1
            self.stand_ins_in_a_row = 0
            if item is None:  # another address of an article read already
                return
        except CircuitOpen as exc:  # the run stopped fetching: kept from its hint, said once
            reason = f"{url}: not fetched ({exc.reason})"
            self.result.pending.append((url, reason))
            item = self.pending_item(key, hint, reason)
        except FetchError as exc:
            reason = str(exc)
            self.error(url, f"article {reason}")
            if exc.kind == "page":
                self.stand_in_article(reason)
            self.result.pending.append((url, reason))
            item = self.pending_item(key, hint, reason)
        except (ArchiveFailed, sqlite3.OperationalError):  # the machine failed, not the page:
            raise  # the run stops and says which (a full disk, ulimit -f, the archive's volume)
        except Exception as exc:  # a page that breaks the parser must not stop the run
            reason = f"{url}: cannot read the page ({type(exc).__name__}: {exc})"
            self.error(url, reason)
            self.result.pending.append((url, reason))
            item = self.pending_item(key, hint, reason)
        self.batch.append(item)
        if len(self.batch) >= BATCH:
            self.flush()

    def read_article(self, key: str, url: str, hint: Hint) -> Item | None:
        """The article's record from its page, under the page's own address (its canonical
        URL on the site); None when that is an article read already (the address it was
        reached by is recorded as an alias). FetchError when the page cannot be had, or is a
        stand-in (empty, the same page as another article's address, a login or maintenance
        page)."""
        if self.halt_reason:
            raise CircuitOpen(url, self.halt_reason, kind="breaker")
        resp = self.get(url)
        self.page_resp = None
        if resp.status != 200:
            raise FetchError(url, f"HTTP {resp.status}", resp.status)
        if not resp.text.strip():
            raise FetchError(url, "the server answered with an empty page", kind="page")
        ident = identify(key, url, resp.url, resp.text, self.site_hosts())
        same = self.bodies.same_as(url, resp.body)
        if same:
            if not self.one_article(same, url, ident.key):
                raise FetchError(url, f"the server answered with the same page as {same}", kind="page")
            ident.key = self.own_key.get(same, ident.key)  # the item that address was read as
        self.own_key[url.rstrip("/")] = ident.key
        self.known.add(ident.key)  # the feed or the sitemap may name it by that address later
        if ident.key != key:
            self.learn_alias(key, ident.key)
            if ident.key in self.have:
                return None
        html = self.complete_page(url, resp.text)
        item = self.article_item(ident.key, url, html, hint)
        item.raw.setdefault("provenance", {})["identity"] = ident.problem or (
            "canonical" if ident.named else ("redirect" if ident.key != key else "address read"))
        trouble = article_stand_in(html, resp.url, words=item.words, has_player=item.has_player)
        if trouble:
            raise FetchError(url, f"the server answered with {trouble}, not the article", kind="page")
        if not item.title:
            raise FetchError(url, "no article title on the page: not parsed")
        if self.archive is not None:  # kept as received, for `cdht reprocess --extract`
            try:
                self.archive.keep(url, self.page_resp or resp)
            except OSError as exc:
                raise ArchiveFailed(exc.errno, exc.strerror, exc.filename) from exc
        self.moved_from(item)
        self.have.add(item.key)
        return item

    def one_article(self, other: str, url: str, key: str) -> bool:
        """Did ``other`` (an address that served these very bytes this run) serve the same
        article as ``url``: both pages name one canonical URL, or the addresses differ only in
        their query, a path prefix or a trailing slash (the same last path segment), or keep the
        article's id digits? Then it is not a stand-in of a bad night."""
        if self.own_key.get(other) == key:
            return True
        return same_article_address(canonical_key(other), canonical_key(url))

    def moved_from(self, item: Item) -> None:
        """A new address with the id of an item stored under another address (the same last
        path segment, or the same id digits), whose page has that item's publish time and its
        title or lead, is that item, moved (a slug edited): the new address
        becomes its key and the old one an alias (the merge noted in the audit trail)."""
        if item.key in self.have or item.published is None or not item.title:
            return
        title, lead = fold(item.title), fold(item.lead)
        for row in self.store.same_time_items("website", utc_iso(item.published)):
            if row["key"] == item.key or not same_article_address(row["key"], item.key):
                continue  # two articles of one title and time have their own ids
            if fold(row["title"]) == title or (len(lead) >= 40 and fold(row["lead"]) == lead):
                log.info("%s is %s moved: one item", item.key, row["key"])
                self.learn_alias(row["key"], item.key, why="bài đổi địa chỉ (cùng giờ đăng, cùng tiêu đề hoặc nội dung)")
                self.have.discard(row["key"])
                return

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

    def public_url(self, key: str) -> str:
        return public_url(self.site, key)

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
            source="website", key=key, url=self.public_url(key), title=hint.title, published=hint.published,
            date_source=hint.date_source, category=hint.category,
            category_source=hint.category_source, status="pending", error=reason,
            raw={"categories": hint.categories or ([hint.category] if hint.category else []),
                 "hint": hint.to_raw()},
        )  # fmt: skip
