"""What a run may conclude from what it saw, and when it must say the night went wrong.

A slug whose first page shows no article links is not a listing only if the rest of the night
was real: some listing or feed showed articles and no page was a stand-in (maintenance, login,
empty, one page for every address). A listing that answers an HTTP error proves nothing that
night: the category is in doubt (:mod:`collectors.website.category_state`) and dropped only
after several nights of 404 while missing from the navigation. A category walked before is
otherwise never forgotten. A run that
read pages but saw no article where articles were expected fails, saying why; so does one whose
circuit breaker stopped it. Each is an error of that night; the next run tries again.
"""

from __future__ import annotations

import logging

from collectors.website.category_state import KV_DOUBT, NightView, local_today, update_doubt

log = logging.getLogger("cdht.website")


class EvidenceMixin:
    def halted(self) -> bool:
        """The run stopped fetching: a stop was asked for, or the site keeps failing."""
        return self.stopping() or self.client.breaker.tripped is not None or bool(self.halt_reason)

    def night_trouble(self, url: str, message: str) -> None:
        """A page that is a stand-in of a bad night: an error, and no evidence of anything."""
        self.error(url, message)
        self.troubles.append(message)

    def stand_in_article(self, message: str) -> None:
        """Count an article page that was a stand-in; enough of them in a row halt the run."""
        self.troubles.append(message)
        self.stand_ins_in_a_row += 1
        limit = self.client.p.stop_after_failures
        if self.stand_ins_in_a_row >= limit and not self.halt_reason:
            self.halt_reason = f"stopped after {limit} article pages in a row were not articles (last: {message})"
            log.warning("%s", self.halt_reason)

    def no_listing(self, slug: str, why: str) -> None:
        """Page 1 of ``slug`` shows no listing. Configured and known categories stay (an error
        of the night); another slug is noted, and recorded as not a listing at the end of a run
        whose other pages were real."""
        url = self.listing_url(slug, 1)
        status = int(why[5:]) if why.startswith("HTTP ") and why[5:].isdigit() else None
        if status is not None:  # an error of the night, never proof the category is gone
            self.doubtful[slug] = status
            self.error(url, f"listing {slug}: {why}; nothing is concluded from it tonight (the "
                            "category is kept, in doubt, and walked again on the next run)")  # fmt: skip
            return
        if slug in self.site.site.categories:
            self.error(url, f"configured category {slug!r} has no listing ({why})")
        elif slug in self.listed:
            self.error(url, f"listing {slug}: {why}, though it was walked before; it is kept and "
                            "walked again on the next run")  # fmt: skip
        else:
            self.not_listing[slug] = why

    def unforget(self, slug: str) -> None:
        """A slug recorded as not a listing shows entries: it is one after all."""
        if slug in self.not_listings:
            self.not_listings.discard(slug)
            self.store.set_kv("not_listings", sorted(self.not_listings))
            log.info("/%s has entries: walked as a listing again", slug)

    def healthy_night(self) -> bool:
        return bool(self.entries_seen or self.result.fetched) and not self.troubles and not self.halted()

    def record_not_listings(self) -> None:
        self.record_doubt()
        if not self.not_listing:
            return
        if not self.healthy_night():
            log.info("not concluding that %s %s no listing: the site misbehaved this run",
                     ", ".join(sorted(self.not_listing)), "has" if len(self.not_listing) == 1 else "have")  # fmt: skip
            return
        for slug, why in sorted(self.not_listing.items()):
            log.info("/%s is not a category listing (%s)", slug, why)
        self.not_listings |= set(self.not_listing)
        self.store.set_kv("not_listings", sorted(self.not_listings))

    def verdict(self, home_ok: bool, feed_ok: bool, listing_ok: bool, expected: bool) -> None:
        """Fail the run when the site could not be reached, when fetching stopped, or when pages
        were read but no article was seen where articles were expected."""
        r = self.result
        if r.interrupted:
            return
        pending = f"; {len(r.pending)} page(s) kept as pending for the next run" if r.pending else ""
        stopped = self.client.breaker.message() or self.halt_reason
        said_at_once = self.client.breaker.tripped in ("later", "robots", "deadline", "slow-night")
        if said_at_once:  # the site asked to come back later, forbade everything, or time ran out
            r.failed = True
            r.message = f"{self.base}: {stopped}{pending}"
        elif not home_ok and not feed_ok and not listing_ok and expected:
            r.failed = True
            r.message = f"{self.base}: the site could not be reached" + (f" ({stopped})" if stopped else "")
        elif stopped:
            r.failed = True
            r.message = f"{self.base}: {stopped}{pending}"
        elif expected and (home_ok or feed_ok or listing_ok) and not (self.entries_seen or r.fetched):
            r.failed = True
            why = f" (the first: {self.troubles[0]})" if self.troubles else ""
            r.message = (f"{self.base}: pages were read but no article was found on them{why}; the "
                         "site may be under maintenance or behind a login. Nothing was concluded "
                         "from them: the next run tries again")  # fmt: skip
        for url, text in self.client.notices:
            r.errors.append((url, text))

    def record_doubt(self) -> None:
        """Update the categories in doubt; drop those missing for the configured nights."""
        doubt = self.store.get_kv(KV_DOUBT, {}) or {}
        if not doubt and not self.doubtful:
            return
        night = NightView(
            today=local_today(), others_answered=bool(self.entries_seen or self.result.fetched),
            nav_read=self.nav_read, nav=set(self.nav_slugs), answered=set(self.answered),
            failed=dict(self.doubtful), listed=set(self.listed),
            configured=set(self.site.site.categories),
        )  # fmt: skip
        doubt, drop = update_doubt(doubt, night, self.site.site.drop_category_after_nights)
        self.store.set_kv(KV_DOUBT, doubt)
        if not drop:
            return
        for slug in drop:
            log.warning("/%s dropped: its listing answered 404 and the navigation left it out for "
                        "%d nights in a row", slug, self.site.site.drop_category_after_nights)  # fmt: skip
        self.not_listings |= set(drop)
        self.store.set_kv("not_listings", sorted(self.not_listings))
        cats = self.store.get_kv("categories", []) or []
        self.store.set_kv("categories", [c for c in cats if c not in drop])
