"""A listing's next page, read from the page itself, whatever the pager's shape.

The next page is, first that applies: ``<link rel="next">`` or ``<a rel="next">``; a link to the
same listing one page on (``/<slug>/page/N+1``, ``/trang-N+1``, ``?page=N+1``, ``?p=``,
``?trang=``, …, or the next offset ``&start=``); a link whose text says "next" ("Sau",
"Trang sau", "Tiếp", "Tiếp theo", "›", "»", "Next"). A "Cuối" / "Trang cuối" / "»»" link, or the
highest page the pager links, tells how far the listing goes. A page that shows a pager this
cannot follow (a "next" control without an address, a "javascript:" link) says so, so that a walk
that ends there stays resumable instead of completing its backfill.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urljoin, urlsplit

from collectors.extraction.tree import Doc, get_text
from collectors.textnorm import one_line
from collectors.urls import is_article_path

PAGE_PARAMS = ("page", "p", "trang", "pg", "paged", "pageindex", "page_no", "pageno", "pagenum",
               "pagenumber", "pn", "currentpage", "cpage", "sotrang")  # fmt: skip
OFFSET_PARAMS = ("start", "offset", "limitstart", "from", "skip", "begin")
_PATH_PAGE = re.compile(r"^(.*?)/(?:page|trang|p|pages)[/-](\d+)/?$", re.I)
_PATH_DASH = re.compile(r"^(.*?)[/-](?:page|trang)-?(\d+)/?$", re.I)
_ARROWS = "›»>→⟩▶▸"
_NEXT_WORDS = {"sau", "trang sau", "tiếp", "tiếp theo", "trang tiếp", "trang tiếp theo", "kế tiếp",
               "next", "next page"}  # fmt: skip
_MORE_WORDS = {"xem thêm", "tải thêm", "xem tiếp", "xem thêm tin", "tải thêm tin", "load more", "more"}
_PAGING = re.compile(r"page|trang|load|more|next|paging", re.I)
_LAST_WORDS = {"cuối", "trang cuối", "cuối cùng", "last", "last page"}
_LAST_MARKS = {"»»", "»|", ">>", "›|", ">|", "⇥", "⏭"}


@dataclass(frozen=True)
class Position:
    shape: str  # "path", "query:<param>", "offset:<param>"
    path: str  # the listing's path without its page number
    rest: frozenset  # the other query parameters
    number: int  # page number (offset for an offset shape)

    def pages_on(self, here: Position) -> bool:
        """Is this a page of the same listing as ``here``? A later page may add a parameter
        (``?cid=12&p=2`` after ``/tin-tuc``), never drop one."""
        return self.shape == here.shape and self.path == here.path and here.rest <= self.rest


def _clean_path(path: str) -> str:
    return re.sub(r"/{2,}", "/", path or "/").rstrip("/") or "/"


def positions(url: str) -> list[Position]:
    """Every reading of ``url`` as a page of some listing (a URL without a page number is page
    1, or offset 0, of its own listing under every shape)."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    path = _clean_path(parts.path)
    out: list[Position] = []
    every = frozenset(query)
    m = _PATH_PAGE.match(path) or _PATH_DASH.match(path)
    if m:
        out.append(Position("path", _clean_path(m.group(1)), every, int(m.group(2))))
    else:
        out.append(Position("path", path, every, 1))
    lower = {k.lower(): (k, v) for k, v in query}
    for names, kind, first in ((PAGE_PARAMS, "query", 1), (OFFSET_PARAMS, "offset", 0)):
        for name in names:
            rest = frozenset((k, v) for k, v in query if k.lower() != name)
            if name in lower and lower[name][1].isdigit():
                out.append(Position(f"{kind}:{name}", path, rest, int(lower[name][1])))
            elif name not in lower:
                out.append(Position(f"{kind}:{name}", path, rest, first))
    return out


def _words(text: str) -> str:
    return one_line(text).strip(" .:-–|[]()").casefold()


def says_next(text: str) -> bool:
    t = _words(text)
    bare = t.strip(_ARROWS + " ")
    return bool(t) and (bare in _NEXT_WORDS or (not bare and t[0] in _ARROWS and t not in _LAST_MARKS and len(t) <= 2))


def says_more(text: str, el) -> bool:
    """A "load more" control ("Xem thêm", "Tải thêm") that names pages or loading in its
    attributes (``class="btn-loadmore" data-page="2"``): the listing goes on, by a script."""
    return _words(text) in _MORE_WORDS and any(_PAGING.search(f"{k} {v}") for k, v in el.attrib.items())


def says_last(text: str) -> bool:
    t = _words(text)
    return t.replace(" ", "") in _LAST_MARKS or t.strip(_ARROWS + " ") in _LAST_WORDS


def _followable(href: str | None) -> bool:
    if not href:
        return False
    h = href.strip().lower()
    return bool(h) and not h.startswith(("#", "javascript:", "mailto:", "tel:"))


@dataclass
class PagerRead:
    next_url: str = ""  # absolute, "" when the page has no next page
    how: str = ""  # which rule found it (for logs and `cdht probe`)
    shape: str = ""  # the pager's shape when a numbered link or rel=next named one
    last: int | None = None  # the last page the pager names (or the highest it links)
    unreadable: str = ""  # a pager shows but cannot be followed: why

    def describe(self) -> str:
        if self.next_url:
            return f"{self.how} → {urlsplit(self.next_url).path}{'?' + urlsplit(self.next_url).query if urlsplit(self.next_url).query else ''}"
        return self.unreadable or "không có trang sau"


def _same_host(a: str, b: str) -> bool:
    return urlsplit(a).netloc == urlsplit(b).netloc


def read_pager(html: str | bytes, page_url: str, page: int) -> PagerRead:
    """The next page of the listing page ``page_url`` (page number ``page``, 1 for the first)."""
    doc = Doc(html)
    here = {p.shape: p for p in positions(page_url)}
    numbered: dict[str, list[tuple[int, str]]] = {}  # shape -> [(number, url)]
    rel_next = text_next = ""
    last_text = ""
    unreadable = ""
    for el in doc.root.iter("a", "link", "button"):
        tag = el.tag
        rel = (el.get("rel") or "").lower().split()
        href = el.get("href")
        if tag == "link":
            if "next" in rel and _followable(href):
                rel_next = rel_next or urljoin(page_url, href)
            continue
        text = one_line(get_text(el))
        if tag == "a" and _followable(href):
            url = urljoin(page_url, href).split("#", 1)[0]
            if not _same_host(url, page_url):
                continue
            if "next" in rel:
                rel_next = rel_next or url
            if says_next(text) or says_next(el.get("title") or "") or says_next(el.get("aria-label") or ""):
                text_next = text_next or url
            if says_last(text) or says_last(el.get("title") or ""):
                last_text = last_text or url
            for pos in positions(url):
                mine = here.get(pos.shape)
                if mine is not None and pos.pages_on(mine) and pos.number != mine.number:
                    numbered.setdefault(pos.shape, []).append((pos.number, url))
        elif says_next(text) or says_next(el.get("title") or "") or says_more(text, el):  # a control without an address
            unreadable = unreadable or f"nút «{text or 'trang sau'}» không có địa chỉ để đọc tiếp"
    out = PagerRead()
    # the pager's shape: numbered links to the same listing (the most of them)
    best_shape, best = "", []
    for shape, links in numbered.items():
        if shape.startswith("offset:"):
            links = [x for x in links if x[0] > 0]
        if len({n for n, _ in links}) > len({n for n, _ in best}):
            best_shape, best = shape, links
    if best:
        cur = here[best_shape].number
        if best_shape.startswith("offset:"):
            ahead = sorted((n, u) for n, u in best if n > cur)
            step_next = ahead[0] if ahead else None
            if step_next:
                out.next_url, out.how = step_next[1], f"&{best_shape.split(':')[1]}={step_next[0]}"
            step = (ahead[0][0] - cur) if ahead else 0
            top = max(n for n, _ in best)
            out.last = (top // step + 1) if step else None
        else:
            for n, u in best:
                if n == cur + 1:
                    out.next_url = u
                    out.how = "/page/N+1" if best_shape == "path" else f"?{best_shape.split(':')[1]}=N+1"
                    break
            out.last = max(n for n, _ in best)
        out.shape = best_shape
    if rel_next and not out.next_url:
        out.next_url, out.how = rel_next, 'rel="next"'
    elif rel_next:
        out.how = out.how + ' (rel="next")'
    if text_next and not out.next_url and text_next.rstrip("/") != page_url.rstrip("/") \
            and not is_article_path(text_next):  # fmt: skip
        out.next_url, out.how = text_next, "liên kết «trang sau»"
    if last_text:
        for pos in positions(last_text):
            mine = here.get(pos.shape)
            if mine is not None and pos.pages_on(mine) and pos.number > mine.number:
                if pos.shape.startswith("offset:"):
                    continue
                out.last = max(out.last or 0, pos.number)
    if not out.next_url:
        if unreadable:
            out.unreadable = unreadable
        elif out.last and out.last > page:
            out.unreadable = f"trang danh sách ghi còn đến trang {out.last} nhưng không có liên kết tới trang {page + 1}"
    return out

