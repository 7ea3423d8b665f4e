"""Listing pages and navigation: a listing's own entries (title, date, summary), the article
links in the site's own boxes, the page's links, its menus and its feeds."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin

from collectors.dates import find_date
from collectors.extraction.boilerplate import strip_boilerplate
from collectors.extraction.index import PageIndex
from collectors.extraction.select import select_all, select_one
from collectors.extraction.tree import Doc, classes, get_text
from collectors.profile import Selectors
from collectors.textnorm import one_line
from collectors.urls import canonical_key, is_article_path

_NAV_CLASS = re.compile(r"(^|[\s_-])(nav\w*|menu\w*)([\s_-]|$)", re.I)
_TOP = ("body", "html")


@dataclass
class ListingEntry:
    url: str  # absolute, as found
    title: str
    date: datetime | None
    summary: str = ""
    places: int = 1  # the entries of the page that link it (a pinned copy above its own place: 2)


def _links(root):
    return (a for a in root.iter("a") if a.get("href") is not None)


def _profile_entries(root, page_url: str, sel: Selectors) -> list[ListingEntry]:
    entries: list[ListingEntry] = []
    seen: set[str] = set()
    index = PageIndex(root)  # one for the page: every box's selectors look it up
    for box in select_all(root, sel.listing_entry, index):
        link = select_one(box, sel.listing_link, index) if sel.listing_link else next(_links(box), None)
        if link is None or not link.get("href"):
            continue
        href = urljoin(page_url, link.get("href"))
        if not is_article_path(href):
            continue
        if href in seen:
            next(e for e in entries if e.url == href).places += 1
            continue
        seen.add(href)
        date_el = select_one(box, sel.listing_date, index) if sel.listing_date else None
        dtext = one_line(get_text(date_el if date_el is not None else box))
        title = one_line(get_text(link)) or one_line(link.get("title", ""))
        entries.append(ListingEntry(href, title, find_date(dtext)[0]))
    return entries


class _Keys:
    """The distinct article keys below each element, computed once."""

    def __init__(self):
        self.memo: dict = {}

    def of(self, el) -> frozenset:
        got = self.memo.get(el)
        if got is None:
            got = frozenset(
                canonical_key(a.get("href")) for a in el.iter("a")
                if a.get("href") is not None and is_article_path(a.get("href"))
            )
            self.memo[el] = got
        return got


def _entry_box(a, keys: _Keys):
    """The smallest ancestor of a listing link that holds one entry (a single article link)."""
    box = a
    for parent in a.iterancestors():
        if parent.tag in _TOP or len(keys.of(parent)) > 1:
            break
        box = parent
    return box


def _site_boxes(page, page_url: str, sitewide) -> list:
    """The outermost elements whose article links are (nearly) all ``sitewide`` ones."""
    counts: dict = {}
    for a in _links(page):
        href = urljoin(page_url, a.get("href"))
        if not is_article_path(href):
            continue
        boxed = canonical_key(href) in sitewide
        for anc in a.iterancestors():
            if anc.tag in _TOP:
                break
            rec = counts.setdefault(anc, [0, 0])
            rec[0] += boxed
            rec[1] += 1
    found = [el for el, (boxed, total) in counts.items() if boxed >= 3 and boxed >= 0.9 * total]
    found_set = set(found)
    return [b for b in found if not any(a in found_set for a in b.iterancestors())]


def _generic_entries(page, page_url: str, sitewide, keep_unboxed: bool = False) -> list[ListingEntry]:
    strip_boilerplate(page)
    boxes = set(_site_boxes(page, page_url, sitewide)) if sitewide else set()
    keys = _Keys()
    by_key: dict[str, ListingEntry] = {}
    boxes_of: dict[str, set] = {}  # key -> the entry boxes that link it
    for a in _links(page):
        href = urljoin(page_url, a.get("href"))
        if not is_article_path(href):
            continue
        key = canonical_key(href)
        if any(anc in boxes for anc in a.iterancestors()) or (
            sitewide and not boxes and not keep_unboxed and key in sitewide
        ):
            continue
        title = one_line(get_text(a)) or one_line(a.get("title", ""))
        box = _entry_box(a, keys)
        boxes_of.setdefault(key, set()).add(box)
        if key in by_key:  # an image link and a text link to the same article (or two entries)
            entry = by_key[key]
            entry.places = len(boxes_of[key])
            entry.title = entry.title or title
            if entry.date is None:
                entry.date = find_date(one_line(get_text(_entry_box(a, keys))))[0]
            continue
        text = one_line(get_text(_entry_box(a, keys)))
        by_key[key] = ListingEntry(href, title, find_date(text)[0], text[:300])
    return list(by_key.values())


def listing_entries(
    html: str | bytes, page_url: str, sel: Selectors | None = None, sitewide: frozenset | set = frozenset(),
    keep_unboxed: bool = False,
) -> tuple[list[ListingEntry], list[str]]:
    """(the listing's own entries, every other article link on the page). ``sitewide``: article
    keys known to stand in the site's own boxes on every listing; the elements holding them are
    left out (an entry of this listing that is also in such a box stays an entry), and where no
    such element is found, so are the links themselves unless ``keep_unboxed``."""
    sel = sel or Selectors()
    doc = Doc(html)
    all_links = [h for h in (urljoin(page_url, a.get("href")) for a in _links(doc.root)) if is_article_path(h)]
    entries = _profile_entries(doc.root, page_url, sel) if sel.listing_entry else []
    if not entries:
        entries = _generic_entries(doc.body, page_url, sitewide, keep_unboxed)
    own = {canonical_key(e.url) for e in entries}
    others = [u for u in dict.fromkeys(all_links) if canonical_key(u) not in own]
    return entries, others


def page_links(html: str | bytes, page_url: str) -> list[tuple[str, str]]:
    """(absolute href, text) of every link of a page, boilerplate included (for navigation)."""
    doc = Doc(html)
    return [(urljoin(page_url, a.get("href")), one_line(get_text(a))) for a in _links(doc.root)]


def nav_links(html: str | bytes, page_url: str) -> list[tuple[str, str]]:
    """Links inside the page's navigation (nav elements or menu-like containers)."""
    doc = Doc(html)
    out = []
    for nav in doc.root.iter():
        if not isinstance(nav.tag, str):
            continue
        if nav.tag == "nav" or (nav.attrib and _NAV_CLASS.search(classes(nav))):
            for a in _links(nav):
                out.append((urljoin(page_url, a.get("href")), one_line(get_text(a))))
    return list(dict.fromkeys(out))


def feed_links(html: str | bytes, page_url: str) -> list[str]:
    """The page's RSS/Atom feeds (``<link rel="alternate">``), not a comments feed."""
    doc = Doc(html)
    out = []
    for link in doc.root.iter("link"):
        href = link.get("href")
        if href is None:
            continue
        rel = (link.get("rel") or "").lower()
        typ = (link.get("type") or "").lower()
        if "alternate" in rel and ("rss" in typ or "atom" in typ or "xml" in typ):
            label = f"{href} {link.get('title') or ''}".lower()
            if "comment" not in label and "bình luận" not in label:
                out.append(urljoin(page_url, href))
    return out
