"""Article pages: fetched, extracted into records, or kept as pending from their hint."""

from __future__ import annotations

import logging
import re

from collectors.http import CircuitOpen, FetchError
from collectors.item import Item
from collectors.page_item import Hint, item_from_page, public_url
from collectors.website.health import article_stand_in
from collectors.website.records import BATCH

log = logging.getLogger("cdht.website")


class ArticlesMixin:
    def fetch_article(self, key: str, hint: Hint) -> None:
        self.known.add(key)
        url = hint.url
        try:
            item = self.read_article(key, url, hint)
            self.result.fetched += 1
            self.stand_ins_in_a_row = 0
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
        except Exception as exc:  # a page that breaks the parser must not stop the run
            reason = f"{url}: cannot read the page ({type(exc).__name__}: {exc})"
            self.error(url, reason)
            self.result.pending.append((url, reason))
            item = self.pending_item(key, hint, reason)
        self.batch.append(item)
        if len(self.batch) >= BATCH:
            self.flush()

    def read_article(self, key: str, url: str, hint: Hint) -> Item:
        """The article's record from its page; FetchError when the page cannot be had, or is
        a stand-in (empty, the same page as another address, a login or maintenance page)."""
        if self.halt_reason:
            raise CircuitOpen(url, self.halt_reason, kind="breaker")
        resp = self.get(url)
        self.page_resp = None
        if resp.status != 200:
            raise FetchError(url, f"HTTP {resp.status}", resp.status)
        if not resp.text.strip():
            raise FetchError(url, "the server answered with an empty page", kind="page")
        same = self.bodies.same_as(url, resp.body)
        if same:
            raise FetchError(url, f"the server answered with the same page as {same}", kind="page")
        html = self.complete_page(url, resp.text)
        item = self.article_item(key, url, html, hint)
        trouble = article_stand_in(html, resp.url, words=item.words, has_player=item.has_player)
        if trouble:
            raise FetchError(url, f"the server answered with {trouble}, not the article", kind="page")
        if not item.title:
            raise FetchError(url, "no article title on the page: not parsed")
        if self.archive is not None:  # kept as received, for `cdht reprocess --extract`
            self.archive.keep(url, self.page_resp or resp)
        return item

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
