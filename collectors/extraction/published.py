"""The publish date, first that applies: the profile's selector; JSON-LD ``datePublished``; meta
``article:published_time``; a published ``<time>`` (never an updated one); the first visible
date after the title and before the body's paragraphs (not an update, not "Hôm nay"); a
``<time>`` without class. The listing's or feed's date is the collector's last resort."""

from __future__ import annotations

import re
from datetime import datetime

from lxml import etree

from collectors.dates import (
    find_date,
    labelled_dates,
    parse_iso,
    parse_machine_date,
    published_in,
    sane,
)
from collectors.extraction.patterns import DATE_LIKE, PUBLISHED_CLASS, UPDATED_HINT
from collectors.extraction.tree import classes, get_text

# every spelling of a published-date meta tag (name, property or itemprop; any case), first first
PUB_META = (
    "article:published_time", "og:article:published_time", "og:published_time", "article:published",
    "datepublished", "date.published", "article.published", "article_date_original", "pubdate",
    "publishdate", "publish_date", "publish-date", "published_time", "published-date", "pub_date",
    "dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created", "dc.date", "dcterms.date",
    "sailthru.date", "parsely-pub-date", "cxenseparse:recs:publishtime", "citation_publication_date",
    "citation_date", "prism.publicationdate", "rnews:datepublished", "bt:pubdate", "og:pubdate",
    "release_date", "date", "dc.created",
)  # fmt: skip
_PUB_RANK = {name: i for i, name in enumerate(PUB_META)}


# (found by XPath in libxml2, in document order: a page has thousands of elements, a few of these)
_ITEMPROP = etree.XPath("descendant-or-self::*[@itemprop]")
_METAS = etree.XPath("descendant-or-self::meta[@content]")
_ITEM_TAGS = frozenset(("meta", "time", "span", "div", "p", "abbr", "a", "li"))


def machine_dates(root) -> tuple[str, list]:
    """What the page writes of its publish date for machines, read before anything is taken out
    of it: the first published-date meta tag's content (by the rank of its name), and the
    ``itemprop="datePublished"`` elements anywhere in the page (not in a sidebar's list)."""
    best, best_rank = "", len(PUB_META)
    items = [
        el for el in _ITEMPROP(root)
        if el.tag in _ITEM_TAGS and el.get("itemprop").lower() == "datepublished"
        and not any(a.tag in ("aside", "nav", "footer") for a in el.iterancestors())
    ]  # fmt: skip
    for el in _METAS(root):
        content = el.get("content").strip()
        if not content:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            rank = _PUB_RANK.get((el.get(attr) or "").strip().lower())
            if rank is not None and rank < best_rank:
                best, best_rank = content, rank
    return best, items


def _item_date(el) -> datetime | None:
    value = el.get("datetime") or el.get("content") or ""
    return parse_machine_date(value) if value else find_date(get_text(el))[0]


def profile_date(text: str, value: str) -> datetime | None:
    """The date a profile selector picked: its datetime/content attribute, else its text."""
    return parse_iso(value) if value else published_in(text)[0]


def published_date(doc, page, h1, region, picked: datetime | None, ld: dict, now,
                   machine=("", [])) -> tuple[datetime | None, str]:  # fmt: skip
    """(the publish date, which rule gave it), or (None, ""); ``picked``: the date the profile's
    selector gave (:func:`profile_date`), if any; ``machine``: what :func:`machine_dates` read
    of the page before its boilerplate went."""
    if sane(picked, not_after=now):
        return picked, "profile selector"
    dt = parse_machine_date(str(ld.get("datePublished") or ld.get("dateCreated") or ""))
    if sane(dt, not_after=now):
        return dt, "JSON-LD datePublished"
    dt = parse_machine_date(machine[0])
    if sane(dt, not_after=now):
        return dt, "meta published_time"
    for el in page.iter("time", "span", "div", "p", "meta", "abbr"):
        if not el.attrib:
            continue
        cls = classes(el).lower()
        if not (el.get("itemprop") == "datePublished" or PUBLISHED_CLASS.search(cls)):
            continue
        if re.search(r"updated|modified", cls):
            continue
        value = el.get("datetime") or el.get("content") or ""
        dt = parse_iso(value) if value else None
        if dt is None:
            dt = find_date(get_text(el))[0]
        if sane(dt, not_after=now):
            return dt, "published <time>"
    for el in machine[1]:  # (one in a header taken out with the boilerplate)
        dt = _item_date(el)
        if sane(dt, not_after=now):
            return dt, "published <time>"
    found = visible_date(doc, page, h1, region, now)
    if found[0] is not None:
        return found
    for el in region.iter("time"):
        if UPDATED_HINT.search(classes(el)):
            continue
        dt = parse_iso(el.get("datetime") or "") or find_date(get_text(el))[0]
        if sane(dt, not_after=now):
            return dt, "<time> element"
    return None, ""


def _para_words(el) -> int:
    for node in (el, *el.iterancestors()):
        if node.tag == "p":
            return len(get_text(node).split())
    return 0


def visible_date(doc, page, h1, region, now) -> tuple[datetime | None, str]:
    """The first date written after the title that is not an update's (or the header's
    "Hôm nay"), before the body's paragraphs begin."""
    previous = ""
    for text, parent in doc.texts_after(h1 if h1 is not None else region):
        if parent is None or parent.tag in ("script", "style") or any(
            a.tag in ("script", "style") for a in parent.iterancestors()
        ):
            continue
        if not text.strip():
            continue
        if _para_words(parent) >= 12:
            break  # the body's paragraphs begin: a date there is an event's, not the page's
        label, previous = previous[-30:], text
        if not DATE_LIKE.search(text):
            continue
        if any(UPDATED_HINT.search(classes(a)) for a in (parent, *parent.iterancestors()) if a is not page):
            continue
        dates = labelled_dates(text, label)
        if not dates:
            continue
        pick = next((d for d in dates if d[2] == "published"), None) or next((d for d in dates if d[2] == ""), None)
        if pick is None:
            continue  # only an update's date (or "Hôm nay") here
        dt, has_time, kind = pick
        if sane(dt, not_after=now):
            source = "labelled date" if kind == "published" else "visible date"
            return dt, source if has_time else f"{source} (no time)"
        break
    return None, ""
