"""Article pages: fetched, extracted into records, or kept as pending from their hint."""

from __future__ import annotations

import logging
import re

from collectors.extract import extract_article
from collectors.http import CircuitOpen, FetchError
from collectors.item import Item
from collectors.website.health import article_stand_in
from collectors.website.records import BATCH, Hint

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
            return again.text
        if again.status == 200 and again.text == html:
            self.unclosed_ok = True  # the site's own style
            return html
        raise FetchError(url, "the page arrived incomplete twice (no </html>)")

    def public_url(self, key: str) -> str:
        """The address people open: the canonical key on the configured ``base_url`` (not the
        ``--site-url`` a collection may read from, no tracking parameters)."""
        return self.site.site.base_url.rstrip("/") + key

    def article_item(self, key: str, url: str, html: str, hint: Hint) -> Item:
        ex = extract_article(html, url, self.site.selectors, self.site.site.site_authors, self.now)
        published, date_source = ex.published, ex.date_source
        if published is None and hint.published is not None:
            published, date_source = hint.published, hint.date_source
        categories = list(ex.categories)
        category, category_source = ex.category, ex.category_source
        if not categories and hint.category:
            categories = hint.categories or [hint.category]
            category, category_source = hint.category, hint.category_source
        problems = list(ex.problems)
        if published is None:
            problems.append("no publish date anywhere (page, listing, feed)")
        return Item(
            source="website", key=key, url=self.public_url(key), title=ex.title or hint.title,
            published=published, date_source=date_source, category=category,
            category_source=category_source, lead=ex.lead, text=ex.text, words=ex.words,
            byline=ex.byline, photo_credits=ex.photo_credits, has_player=ex.has_player,
            status="ok", error="; ".join(problems),
            raw={"categories": categories, "players": ex.players[:5],
                 "byline_source": ex.byline_source,
                 "modified": ex.modified.isoformat() if ex.modified else None},
        )  # fmt: skip

    def pending_item(self, key: str, hint: Hint, reason: str) -> Item:
        return Item(
            source="website", key=key, url=self.public_url(key), title=hint.title, published=hint.published,
            date_source=hint.date_source, category=hint.category,
            category_source=hint.category_source, status="pending", error=reason,
            raw={"categories": hint.categories or ([hint.category] if hint.category else [])},
        )  # fmt: skip
