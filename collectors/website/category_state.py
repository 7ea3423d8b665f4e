"""Categories in doubt: a listing that answered an HTTP error is a fault of that night, not
proof that the category is gone.

Each slug whose first listing page answered 404, 410 or 5xx is kept in the store's
``category_doubt`` (when first and last seen so, the status, and the nights in a row that
count toward dropping it). A night counts only when other pages of the site answered, the
listing answered 404 or 410, and the slug was missing from the home page's navigation (or was
never walked as a listing). A category is dropped (recorded as not a listing) only after
``drop_category_after_nights`` such nights in a row; a night where its listing answers takes it
out of doubt, and one where the navigation links to it again starts its count afresh.
Configured categories are never dropped. A listing that failed is walked to its end the next
time it answers (``listings_behind``): the articles it listed that night are found then.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from collectors.dates import LOCAL

log = logging.getLogger("cdht.website")

KV_DOUBT = "category_doubt"
# listings that failed on a night: what they listed then was not seen, so the next walk of each
# goes to its end (not only to the first page of known items), then the slug leaves the list
KV_BEHIND = "listings_behind"


@dataclass
class NightView:
    """What one run saw of the categories."""

    today: str  # local date, YYYY-MM-DD
    others_answered: bool  # some other page of the site answered with content
    nav_read: bool  # the home page was real and its navigation read
    nav: set[str] = field(default_factory=set)
    answered: set[str] = field(default_factory=set)  # slugs whose listing answered
    failed: dict[str, int] = field(default_factory=dict)  # slug -> HTTP status of page 1
    listed: set[str] = field(default_factory=set)  # slugs walked as listings before
    configured: set[str] = field(default_factory=set)


def local_today() -> str:
    return datetime.now(LOCAL).date().isoformat()


def update_doubt(doubt: dict, night: NightView, limit: int) -> tuple[dict, list[str]]:
    """The categories in doubt after this night, and the slugs to drop now."""
    doubt = {k: dict(v) for k, v in (doubt or {}).items()}
    for slug in night.answered:
        if doubt.pop(slug, None) is not None:
            log.info("/%s answers as a listing again: no longer in doubt", slug)
    drop = []
    for slug, status in sorted(night.failed.items()):
        d = doubt.setdefault(slug, {"since": night.today, "nights": 0, "counted": ""})
        d["status"], d["last"] = status, night.today
        if night.nav_read and slug in night.nav:
            d["nights"], d["counted"] = 0, ""  # still linked from the navigation: not gone
            continue
        missing = night.nav_read or slug not in night.listed
        if night.others_answered and status in (404, 410) and missing and d["counted"] != night.today:
            d["nights"] += 1
            d["counted"] = night.today
        if d["nights"] >= limit and slug not in night.configured:
            drop.append(slug)
    for slug in drop:
        doubt.pop(slug, None)
    return doubt, drop


def describe(slug: str, d: dict) -> str:
    return (f"/{slug}: HTTP {d.get('status')} since {d.get('since')} "
            f"({d.get('nights', 0)} night(s) counted toward dropping it)")  # fmt: skip
