"""One article, one item: which address a fetched page is.

A page that names its own URL on the configured site (``<link rel="canonical">``, else
``og:url``) is that URL; the address it was reached by (a listing's navigation parameter such as
``?cid=12``, a print view, a category path, a trailing slash, a moved article's old slug) is an
alias of the same item, recorded so that a later night knows the article by any of its URLs
without fetching it. Where the page names no URL of its own, an address it was redirected to is
its own. A canonical that points off the site, or at another article (another slug and another
id), is not followed: the page is kept under the address it was reached by, with the reason.
"""

from __future__ import annotations

import html as htmllib
import logging
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from collectors.urls import canonical_key, is_article_path, same_site

log = logging.getLogger("cdht.website")

_HEAD_END = re.compile(r"</head\s*>", re.I)
_TAG = re.compile(r"<(link|meta)\b([^>]*)>", re.I)
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_ID = re.compile(r"(\d{6,})(?:\.\w+)?$")

# why a page is kept under the address it was reached by (provenance "identity")
OFF_SITE = "canonical off-site"
OTHER_ARTICLE = "canonical names another article"


def _attrs(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in _ATTR.finditer(text):
        value = next((g for g in m.groups()[1:] if g is not None), "")
        out.setdefault(m.group(1).lower(), htmllib.unescape(value).strip())
    return out


def own_url(html: str) -> str:
    """The URL a page names as its own, as written: ``<link rel="canonical">``, else the
    ``og:url`` meta tag ("" when it names none). Read from the page's head."""
    end = _HEAD_END.search(html, 0, 400_000)
    head = html[: end.start() if end else 200_000]
    canonical = og = ""
    for m in _TAG.finditer(head):
        a = _attrs(m.group(2))
        if m.group(1).lower() == "link":
            if not canonical and "canonical" in a.get("rel", "").lower().split() and a.get("href"):
                canonical = a["href"]
        elif not og and (a.get("property") or a.get("name") or "").lower() == "og:url" and a.get("content"):
            og = a["content"]
    return canonical or og


def last_segment(key: str) -> str:
    return urlsplit(key).path.rstrip("/").rsplit("/", 1)[-1].lower()


def same_article_address(a: str, b: str) -> bool:
    """Could two keys be one article's addresses: the same last path segment (a query, a
    category prefix, a trailing slash apart), or the same id digits (a slug edited)?"""
    sa, sb = last_segment(a), last_segment(b)
    if sa == sb:
        return True
    ia, ib = _ID.search(sa), _ID.search(sb)
    return bool(ia and ib and ia.group(1) == ib.group(1))


@dataclass
class Identity:
    key: str  # the item's key
    reached: str  # the key of the address the page was read from
    problem: str = ""  # OFF_SITE, OTHER_ARTICLE or ""
    named: str = ""  # the URL the page names as its own, absolute


def identify(reached_key: str, requested_url: str, final_url: str, html: str, site_hosts: tuple[str, ...]) -> Identity:
    """The identity of a page read from ``requested_url`` (answered from ``final_url``)."""
    named = own_url(html)
    if named:
        absolute = urljoin(final_url or requested_url, named)
        if not same_site(absolute, *site_hosts, final_url or requested_url):
            return Identity(reached_key, reached_key, OFF_SITE, absolute)
        key = canonical_key(absolute)
        if key == reached_key:
            return Identity(key, reached_key, "", absolute)
        if not is_article_path(absolute) or not same_article_address(key, reached_key):
            return Identity(reached_key, reached_key, OTHER_ARTICLE, absolute)
        return Identity(key, reached_key, "", absolute)
    if final_url and same_site(final_url, *site_hosts, requested_url) and is_article_path(final_url):
        return Identity(canonical_key(final_url), reached_key)  # redirected: its new address
    return Identity(reached_key, reached_key)


class AliasShapes:
    """How the site's aliases differ from the addresses they stand for, learnt from the pairs
    met (stored as aliases): navigation or print parameters added (``?cid=12``, ``?print=1``),
    a path prefix (``/print``, ``/<category>``). A link of one of these shapes whose plain
    address is a known item is that item, without fetching it."""

    def __init__(self) -> None:
        self.params: set[str] = set()
        self.prefixes: set[str] = set()

    def learn(self, alias: str, key: str) -> None:
        a, k = urlsplit(alias), urlsplit(key)
        kq = dict(parse_qsl(k.query, keep_blank_values=True))
        extra = {n for n, v in parse_qsl(a.query, keep_blank_values=True) if kq.get(n) != v}
        if a.path != k.path:
            if not (a.path.endswith(k.path) and len(a.path) > len(k.path)):
                return  # another slug (a moved article): no shape to learn
            prefix = a.path[: -len(k.path)].rstrip("/")
            if prefix and prefix.count("/") == 1:  # one segment: /print, /tin-tuc
                self.prefixes.add(prefix)
        self.params |= extra

    def plain(self, key: str) -> str:
        """``key`` with the learnt parameters and path prefix taken out."""
        parts = urlsplit(key)
        path = parts.path
        for prefix in self.prefixes:
            if path.startswith(prefix + "/") and len(path) > len(prefix) + 1:
                path = path[len(prefix) :]
                break
        query = [(n, v) for n, v in parse_qsl(parts.query, keep_blank_values=True) if n not in self.params]
        return path + ("?" + urlencode(query) if query else "")


class IdentityMixin:
    """The collector's memory of addresses: alias -> item key, loaded at the start of a run."""

    def load_aliases(self) -> None:
        self.aliases = self.store.aliases("website")
        self.shapes = AliasShapes()
        for alias, key in self.aliases.items():
            self.shapes.learn(alias, key)

    def key_of(self, url: str) -> str:
        """The item key a link stands for: its canonical key, the item it is a known alias of,
        or the item its plain address is (an alias of a shape the site uses), when that address
        is stored or was named by a link this run."""
        key = canonical_key(url)
        if key in self.aliases:
            return self.aliases[key]
        if key in self.have or not is_article_path(key):
            return key
        plain = self.shapes.plain(key)
        plain = self.aliases.get(plain, plain)
        return plain if plain != key and (plain in self.have or plain in self.hints) else key

    def site_hosts(self) -> tuple[str, ...]:
        return tuple(h for h in (self.site.site.base_url, self.base, self.site_url) if h)

    def learn_alias(self, alias: str, key: str, why: str = "") -> None:
        """``alias`` is another address of the item ``key``: remembered, and recorded in the
        store (which merges an item stored under the alias into it)."""
        if alias == key or self.aliases.get(alias) == key:
            return
        self.aliases[alias] = key
        self.shapes.learn(alias, key)
        for a, k in list(self.aliases.items()):
            if k == alias:
                self.aliases[a] = key
        self.store.save_alias("website", alias, key, why=why)
        self.result.aliases += 1
