"""The markup dimensions a generated site draws, each independently, from its seed.

A :class:`Dimension` lists every option the generator can write and the ``handled`` subset the
current collector is known to read correctly. :func:`draw` gives a site's :class:`Markup`: for
each dimension one to three options, drawn from the handled subset unless the dimension is named
in ``full`` (then from all options, at least one of them outside the handled subset). Within a
site, each item or link then picks among its dimension's options with :meth:`Markup.pick`, keyed
by the item (or link), so that new items published later pick the same way.
"""

from __future__ import annotations

import random
import zlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Dimension:
    name: str
    options: tuple[str, ...]
    handled: tuple[str, ...]
    doc: str

    @property
    def unhandled(self) -> tuple[str, ...]:
        return tuple(o for o in self.options if o not in self.handled)


def _dim(name: str, options: str, handled: str, doc: str) -> Dimension:
    opts, ok = tuple(options.split()), tuple(handled.split())
    assert set(ok) <= set(opts) and ok, name
    return Dimension(name, opts, ok, doc)


DIMENSIONS: dict[str, Dimension] = {d.name: d for d in [
    _dim("url_variant", "plain utm cid print-path print-query catpath slash",
         "plain utm cid print-path print-query catpath slash",
         "the address each link gives an article (per link): the canonical path, with tracking "
         "parameters, a navigation parameter ?cid=N, a print view /print/… or ?print=1, a "
         "category-prefixed path /<category>/…, a trailing slash"),
    _dim("canonical", "none link link-relative og-url both", "none link link-relative og-url both",
         "how the article page names its own URL: nothing, <link rel=canonical> (absolute or "
         "relative), og:url, or both"),
    _dim("link_host", "relative absolute", "relative absolute",
         "links written relative or with the real host"),
    _dim("pager_url", "path page p start", "path page p start",
         "the address of listing page N: /<slug>/page/N, ?page=N, ?p=N, ?cid=C&start=offset"),
    _dim("pager_next", "rel-head rel-a sau trang-sau tiep rsaquo raquo",
         "rel-head rel-a sau trang-sau tiep rsaquo raquo",
         "what says there is a next page: <link rel=next> in the head only, an icon-only "
         "<a rel=next>, or a text link Sau / Trang sau / Tiếp / › / »"),
    _dim("pager_last", "none cuoi double-raquo", "none cuoi double-raquo",
         "a link to the last page: none, 'Cuối', '»»'"),
    _dim("per_page", "6 8 10", "6 8 10", "entries per listing page"),
    _dim("pinned", "none block entry site", "none block entry site",
         "a featured entry at the top of every listing page: one of the category's own, in a "
         "block above the entries or as the first entry; or (site) one item whose kind rests on "
         "its category (in-depth or video) as the first entry of every category's listing"),
    _dim("listing_date", "dmy none", "dmy none",
         "the date beside a listing's entries: DD-MM-YYYY, or none (the page's own date alone)"),
    _dim("feed", "none full short", "none full short",
         "the RSS feed: none, the 20 newest, the 5 newest (at /feed, /rss.xml or /rss)"),
    _dim("sitemap", "none flat flat-mixed index", "none flat flat-mixed index",
         "the sitemap: none, every article, every article with the listings and static pages, "
         "an index of monthly sitemaps and a page sitemap"),
    _dim("date", "meta meta-utc jsonld time-class time-itemprop visible labelled time-first "
                 "words twelve-hour",
         "meta meta-utc jsonld time-class time-itemprop visible labelled time-first words "
         "twelve-hour",
         "where and how the page writes its publish date (per item): article:published_time "
         "(local or UTC), JSON-LD, <time class=updated> before <time class=published>, "
         "itemprop dateCreated/datePublished/dateModified, 'Thứ Tư, 17/04/2024 - 08:15', "
         "labelled lines in any order, time first, in words, 12-hour"),
    _dim("category_markup", "breadcrumb rel-tag jsonld none", "breadcrumb rel-tag jsonld none",
         "how the page names its category (none: only the listing does)"),
    _dim("lead", "sapo-out sapo-in h2-out h2-in bold-first plain-first p-lead",
         "sapo-out sapo-in h2-out h2-in bold-first plain-first p-lead",
         "the lead: div.sapo or h2 outside or inside the body, a bold first paragraph, the plain "
         "first paragraph, p.lead"),
    _dim("byline_place", "last-strong-right last-em-right last-strong header-author header-span",
         "last-strong-right last-em-right last-strong header-author header-span",
         "the signature: the body's last paragraph (right-aligned bold or italic, bold) or the "
         "header's author line (p.author, span.author)"),
    _dim("byline_label", "none tac-gia nguon pv ctv bai-anh thuc-hien",
         "none tac-gia nguon pv ctv bai-anh thuc-hien",
         "a label before the signature's names (per item)"),
    _dim("repost", "theo nguon-theo", "theo nguon-theo", "a repost's signature: 'Theo …' or 'Nguồn: Theo …'"),
    _dim("caption", "figcaption table centred-italic credit-paragraph",
         "figcaption table centred-italic credit-paragraph",
         "photo captions: figcaption, an image table's caption cell, a centred italic paragraph, "
         "a plain paragraph ending 'Ảnh: X'"),
    _dim("caption_last", "random last", "random last",
         "where the last photo sits: anywhere, or last in the body before the signature"),
    _dim("player", "yt-embed yt-nocookie yt-watch youtu-be yt-protocol fb-plugin vimeo lazy-yt "
                   "lazy-fb lazy-vimeo jwplayer videojs flowplayer plyr mediaelement video-src "
                   "video-source embed",
         "yt-embed yt-nocookie yt-watch youtu-be yt-protocol fb-plugin vimeo lazy-yt lazy-fb "
         "lazy-vimeo jwplayer videojs flowplayer plyr mediaelement video-src video-source embed",
         "the body's player (per item): YouTube iframes in every URL form, Facebook, Vimeo, lazy "
         "data-src iframes, players a script sets up, <video src>, <video><source>, <embed>"),
    _dim("video_link", "none youtube-watch facebook-watch site-video",
         "none youtube-watch facebook-watch site-video",
         "plain links to video pages in the body (not players)"),
    _dim("sidebar_player", "youtube jwplayer video vimeo", "youtube jwplayer video vimeo",
         "the sidebar's (or footer's) player, which never counts"),
    _dim("encoding", "utf8 numeric hex named nfd", "utf8 numeric hex named nfd",
         "the page's text: UTF-8, numeric or hex character references, named entities, "
         "decomposed (NFD) letters"),
    _dim("trailer", "none related-out related-in tags-in share-in views-in",
         "none related-out related-in tags-in share-in views-in",
         "what follows the body: related links after or inside the body's container, a tag "
         "line, a share bar, a view counter"),
    _dim("body_class", "content entry-content article-body detail-content bare",
         "content entry-content article-body detail-content bare",
         "the class of the body's container (bare: a <div> with none)"),
]}


@dataclass(frozen=True)
class Markup:
    seed: int
    options: dict[str, tuple[str, ...]]
    full: frozenset[str]

    def pick(self, dim: str, *key: object) -> str:
        """One of the site's options for ``dim``, the same every time for the same key."""
        opts = self.options[dim]
        if len(opts) == 1:
            return opts[0]
        h = zlib.crc32(f"{self.seed}|{dim}|{'|'.join(map(str, key))}".encode())
        return opts[h % len(opts)]

    def one(self, dim: str) -> str:
        """The site's first option for a dimension drawn once for the whole site."""
        return self.options[dim][0]

    def has(self, dim: str, option: str) -> bool:
        return option in self.options[dim]

    def describe(self) -> str:
        return "; ".join(f"{d}={'/'.join(o)}" for d, o in self.options.items())


# link addresses other than the article's own path (with or without tracking parameters)
ALIASES = {"cid", "print-path", "print-query", "catpath", "slash"}

# dimensions a site draws once (one option), the others mix up to three options per site
SITE_WIDE = {"canonical", "link_host", "pager_url", "pager_next", "pager_last", "per_page",
             "pinned", "listing_date", "feed", "sitemap", "category_markup", "lead", "byline_place", "repost",
             "caption", "caption_last", "sidebar_player", "encoding", "body_class"}


def draw(seed: int, full: frozenset[str] | set[str] = frozenset(),
         force: dict[str, tuple[str, ...]] | None = None) -> Markup:
    """A site's markup: each dimension drawn on its own from ``seed``; ``force`` sets some
    dimensions' options outright (for probing one option by hand)."""
    force = force or {}
    unknown = (set(full) | set(force)) - set(DIMENSIONS)
    assert not unknown, unknown
    for name, opts in force.items():
        assert set(opts) <= set(DIMENSIONS[name].options), (name, opts)
    rng = random.Random(f"markup-{seed}")
    out: dict[str, tuple[str, ...]] = {}
    for name, d in DIMENSIONS.items():
        pool = list(d.options if name in full else d.handled)
        k = 1 if name in SITE_WIDE else rng.randint(1, min(3, len(pool)))
        if name == "trailer" and "none" in pool and k > 1:
            pool.remove("none")
            k = min(k, len(pool))
        chosen = rng.sample(pool, k)
        turn = d.unhandled[seed % len(d.unhandled)] if d.unhandled else None
        if name in full and turn and turn not in chosen:
            chosen[0] = turn  # consecutive seeds take the unhandled options in turn
        out[name] = tuple(force.get(name, chosen))
    if set(out["url_variant"]) & ALIASES and out["canonical"] == ("none",) and "canonical" not in force:
        # an address that is not the article's own needs the page to name its own (DESIGN.md,
        # Identity): without it no reader could know the two are one item
        out["canonical"] = (rng.choice([o for o in DIMENSIONS["canonical"].options if o != "none"]),)
    return Markup(seed=seed, options=out, full=frozenset(full))
