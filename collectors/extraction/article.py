"""An article page read into its fields: each field by the profile's selector first, then by the
generic rules, and how each was found."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from lxml import etree

from collectors.dates import parse_iso, sane
from collectors.extraction import body as bodies
from collectors.extraction.boilerplate import in_boilerplate, strip_boilerplate
from collectors.extraction.byline import (
    header_author,
    labelled_after,
    last_block_byline,
    signature_after,
)
from collectors.extraction.category import breadcrumb, category_links, fill_category
from collectors.extraction.index import PageIndex
from collectors.extraction.metadata import (
    head_title,
    json_ld_article,
    meta,
    title_heading,
    without_site_name,
)
from collectors.extraction.players import find_players
from collectors.extraction.published import machine_dates, profile_date, published_date
from collectors.extraction.select import select_all, select_one
from collectors.extraction.trailers import cut_at, strip_selected, strip_trailers
from collectors.extraction.tree import Doc, contains, get_text
from collectors.profile import Selectors
from collectors.textnorm import fold, one_line

PICKED = ("title", "published", "category", "lead", "byline")


@dataclass
class Extracted:
    title: str = ""
    title_source: str = ""
    published: datetime | None = None
    date_source: str = ""
    modified: datetime | None = None
    categories: list[str] = field(default_factory=list)  # names and slugs
    category: str = ""
    category_source: str = ""
    lead: str = ""
    lead_source: str = ""
    text: str = ""
    words: int = 0
    body_source: str = ""
    byline: str = ""
    byline_source: str = ""
    photo_credits: list[str] = field(default_factory=list)
    has_player: bool = False
    players: list[str] = field(default_factory=list)
    player_kinds: list[str] = field(default_factory=list)  # one a player: "youtube", "jwplayer"…
    problems: list[str] = field(default_factory=list)
    # profile selectors that matched nothing on this page (the generic rules read the field)
    fallbacks: list[str] = field(default_factory=list)
    # what was left out of the body and why: (part, reason, text)
    left_out: list[tuple[str, str, str]] = field(default_factory=list)


@lru_cache(maxsize=32)
def _folded(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(fold(a) for a in names)


def _pick(root, selector: str, index: PageIndex | None) -> tuple[str, object, str]:
    """(text, element, datetime/content/href) of a profile selector's first match, or empties."""
    el = select_one(root, selector, index) if selector else None
    if el is None:
        return "", None, ""
    get = el.get
    return one_line(get_text(el)), el, get("datetime") or get("content") or get("href") or ""


def extract_article(
    html: str | bytes,
    url: str = "",
    selectors: Selectors | None = None,
    site_authors: list[str] = (),
    now: datetime | None = None,
) -> Extracted:
    sel = selectors or Selectors()
    doc = Doc(html)
    root, page = doc.root, doc.body
    out = Extracted()
    ld = json_ld_article(root)
    site_auth = _folded(tuple(site_authors))

    # -- read before the boilerplate goes: the profile's picks, the <head>, the crumbs
    index = PageIndex(root)
    machine = machine_dates(root)
    picked = {name: _pick(root, getattr(sel, name), index) for name in PICKED}
    out.fallbacks = [n for n in PICKED if getattr(sel, n) and picked[n][1] is None]
    text, _el, value = picked["published"]
    picked_date = profile_date(text, value) if text or value else None  # (read once: two rules ask)
    crumbs = [] if picked["category"][0] else breadcrumb(root, index)
    cat_links = [] if picked["category"][0] or crumbs else category_links(root, index)
    # -- where the profile names the title, the body and a date, only the article is cleaned
    trusted = _profile_article(page, sel, picked, picked_date, index, now)
    if trusted is not None:
        title_el, body = trusted
        strip_boilerplate(_article_region(title_el, body), index)
    else:
        strip_boilerplate(page, index)
        # the title: the profile's pick is the title element while it stands in the page's body
        title_el, body = picked["title"][1], None
        if title_el is not None and not contains(page, title_el):
            title_el = None
    site_title = "" if title_el is not None and picked["title"][0] else _site_title(root, site_auth)
    h1 = title_el if title_el is not None else title_heading(page, site_title or str(ld.get("headline") or ""))
    for value, source in (
        (picked["title"][0], "profile selector"),
        (one_line(str(ld.get("headline") or "")), "JSON-LD headline"),
        (one_line(get_text(h1)) if h1 is not None else "", "title heading"),
        (site_title, "page <title>"),
    ):
        if value:
            out.title, out.title_source = value, source
            break

    # -- body, the article's region
    if body is None and sel.body:
        body = select_one(page, sel.body, index)
    if body is not None:
        out.body_source = "profile selector"
    else:
        if sel.body:
            out.fallbacks.append("body")
        body = bodies.find_body(page)
        out.body_source = "densest container"
    if body is None:
        out.problems.append("no article body found")
        body, out.body_source = page, "whole page"
    region = _article_region(h1, body)
    _leave_out(doc, out, sel, body, region, index)
    _read_body(doc, index, out, picked, h1, body, region, site_auth)

    players = find_players(region, page)
    out.players = [p.src for p in players]
    out.player_kinds = [p.kind for p in players]
    out.has_player = bool(players)
    cat_text, cat_el, cat_attr = picked["category"]
    fill_category(out, cat_text, cat_attr if cat_el is not None and cat_el.tag == "a" else None,
                  crumbs, cat_links, ld, lambda: meta(root, "article:section"))  # fmt: skip
    out.published, out.date_source = published_date(
        doc, page, h1, region, picked_date, ld, now, machine
    )
    if out.published is None:
        out.problems.append("no publish date on the page")
    out.modified = parse_iso(str(ld.get("dateModified") or "")) or parse_iso(meta(root, "article:modified_time"))
    return out


def _leave_out(doc, out: Extracted, sel: Selectors, body, region, index) -> None:
    """The operator's ``exclude`` selectors and ``body_end`` texts, then the trailers."""
    if sel.exclude:
        found = select_all(region, sel.exclude, index)
        if not found:
            out.fallbacks.append("exclude")
        strip_selected(region, found, "bộ chọn exclude của cấu hình", out.left_out)
    if sel.body_end:
        cut_at(body, sel.body_end, out.left_out)
    strip_trailers(region, body, out.left_out)
    doc.forget_texts()


def _profile_article(page, sel: Selectors, picked, picked_date, index: PageIndex, now):
    """(title, body) when the profile's selectors pick a title and a body in the page, neither
    in boilerplate, the title not after the body, and a sane date; else None. Then the page
    outside the article is never read, and its boilerplate need not go."""
    title_el = picked["title"][1]
    if title_el is None or not picked["title"][0] or not sel.body or picked_date is None:
        return None
    if not sane(picked_date, not_after=now) or not contains(page, title_el):
        return None
    body = select_one(page, sel.body, index)
    if body is None or in_boilerplate(title_el, body):
        return None
    region = _article_region(title_el, body)
    if not contains(region, title_el) or not _in_order(title_el, body, region):
        return None  # (a title outside the article: what stands between them is read too)
    return title_el, body


def _in_order(first, then, region) -> bool:
    """Whether ``first`` starts no later than ``then`` (both at or below ``region``)."""
    def top(el):  # the child of region that is or holds el (None: region itself)
        while el is not region and el.getparent() is not region:
            el = el.getparent()
        return None if el is region else el

    a, b = top(first), top(then)
    return a is None or b is None or a is b or region.index(a) < region.index(b)


def _site_title(root, site_auth) -> str:
    return without_site_name(head_title(root), site_auth)


def _article_region(h1, body):
    """The smallest element holding both the title and the body (the article itself)."""
    if h1 is None:
        return body
    chain = {body, *body.iterancestors()}
    for anc in h1.iterancestors():
        if anc in chain:
            return body if anc.tag in ("body", "html") else anc
    return body


def _apart(index: PageIndex, blocks: list, el, keep=frozenset()) -> list:
    """The blocks that are neither ``el`` nor inside it nor around it (its descendants are the
    elements after it in document order up to its last one; the page as parsed keeps that
    order for what is left of it)."""
    start = index.order(el)
    *_, last = el.iter(etree.Element)
    end = index.order(last)
    around = set(el.iterancestors())
    return [b for b in blocks if b in keep or (not start <= index.order(b) <= end and b not in around)]


def _signature(doc, blocks: list, body, region, site_auth) -> tuple[str, list, str]:
    """(the byline, its elements, which rule gave it): the signature closing the body; the
    labelled lines after the body; the signature before the captions closing the body; the
    header's author line; a right-aligned signature after the body."""
    text, found, before_captions = last_block_byline(blocks, doc.text_of, site_auth)
    if text and not before_captions:
        return text, found, "last paragraph"
    after, els = labelled_after(doc, body, region, site_auth)
    if after:
        return after, els, "labelled lines after the body"
    if text:
        return text, found, "last paragraph"
    for finder, source in (
        (lambda: header_author(region, doc.text_of, site_auth), "author line"),
        (lambda: signature_after(doc, body, region, site_auth), "signature after the body"),
    ):
        text, el = finder()
        if text:
            return text, [el], source
    return "", [], ""


def _read_body(doc, index: PageIndex, out: Extracted, picked, h1, body, region, site_auth) -> None:
    """Lead, blocks, byline and text of the body."""
    lead_text, lead_el = picked["lead"][0], None
    if lead_text:
        out.lead_source = "profile selector"
        lead_el = picked["lead"][1]
    else:
        lead_text, lead_el = bodies.lead_in(region, doc.text_of, body)
        out.lead_source = "lead class" if lead_text else ""
    if not lead_text and h1 is not None:
        lead_el = bodies.lead_between(doc, h1, body)
        lead_text = doc.text_of(lead_el) if lead_el is not None else ""
        out.lead_source = "block between title and body" if lead_text else ""

    blocks = bodies.blocks_of(doc, body)
    if h1 is not None and contains(body, h1):
        # the title, and whatever stands before it (a category link, a path), is not body text
        start = index.order(h1)
        blocks = [b for b in _apart(index, blocks, h1, doc.loose) if index.order(b) > start or b in doc.loose]
    if lead_el is not None:
        blocks = _apart(index, blocks, lead_el, doc.loose)

    while blocks and bodies.is_date_line(doc.text_of(blocks[-1])):  # an update line closing the body
        out.left_out.append(("body", "dòng ngày cập nhật ở cuối bài", doc.text_of(blocks.pop())))
    byline = picked["byline"][0]
    if byline:
        out.byline_source = "profile selector"
        blocks = [b for b in blocks if fold(doc.text_of(b)) != fold(byline)]
    else:
        byline, found, out.byline_source = _signature(doc, blocks, body, region, site_auth)
        for el in found:
            blocks = _apart(index, blocks, el, doc.loose)
    texts = [doc.text_of(b) for b in blocks]
    head = bodies.bold_head(blocks[0], doc.text_of) if texts and not lead_text else ""
    if head:  # the lead in bold at the head of one block of <br>-separated text
        lead_text, texts[0] = head, texts[0][len(head):].strip()
        out.lead_source = "bold head of the body"
    bodies.fill_text(out, lead_text, texts, byline)
    if not out.lead_source and out.lead:
        out.lead_source = "first paragraph"
