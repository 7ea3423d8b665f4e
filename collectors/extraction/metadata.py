"""What a page says of itself in its <head>: JSON-LD (an article object, also inside an
``@graph``), meta tags, the <title>; and the article's title heading."""

from __future__ import annotations

import json
import re
import threading

from collectors.extraction.patterns import ARTICLE_TYPES
from collectors.extraction.tree import get_text, stripped_text
from collectors.textnorm import fold, one_line


def json_ld_article(root) -> dict:
    texts = (
        s.text or "null"
        for s in root.iter("script")
        if "ld+json" in (s.get("type") or "").lower()
    )
    return json_ld_pick(texts)


def json_ld_pick(texts) -> dict:
    """The article object among the JSON-LD scripts' texts (an article type before WebPage;
    without one, the first object of another type that dates its publication: a Question, a
    video). A script that is not quite JSON (a trailing comma, two objects one after the other)
    is read as far as it goes."""
    found: list[dict] = []
    dated: list[dict] = []

    def walk(node):
        if isinstance(node, list):
            for x in node:
                walk(x)
        elif isinstance(node, dict):
            types = node.get("@type")
            types = types if isinstance(types, list) else [types]
            if any(str(t).lower() in ARTICLE_TYPES for t in types if t):
                found.append(node)
            elif node.get("datePublished") and isinstance(node["datePublished"], str):
                dated.append(node)
            for key in ("@graph", "mainEntity", "mainEntityOfPage"):
                if key in node:
                    walk(node[key])

    for text in texts:
        try:
            for doc in _json_values(_unwrapped(text)):
                walk(doc)
        except (TypeError, RecursionError):
            continue
    found.sort(key=lambda d: str(d.get("@type")).lower() == "webpage")
    return found[0] if found else dated[0] if dated else {}


_TRAILING_COMMA = re.compile(r",(\s*[}\]])")
_decoder = json.JSONDecoder(strict=False)  # (line breaks and tabs inside strings are read)


def _json_values(text: str) -> list:
    """The JSON values in a script's text: one as a rule (control characters in its strings
    allowed); where that fails, trailing commas dropped, and each value that follows another
    read in turn."""
    try:
        return [_decoder.decode(text)]
    except json.JSONDecodeError:
        pass
    text = _TRAILING_COMMA.sub(r"\1", text)
    out, at = [], 0
    while True:
        while at < len(text) and text[at] in " \t\r\n,;":
            at += 1
        if at >= len(text):
            return out
        try:
            value, at = _decoder.raw_decode(text, at)
        except json.JSONDecodeError:
            return out
        out.append(value)


_WRAPPER = re.compile(r"^\s*(?://\s*)?(?:<!\[CDATA\[|<!--)|(?://\s*)?(?:\]\]>|-->)\s*$")


def _unwrapped(text: str) -> str:
    """A JSON-LD script's JSON, out of the CDATA section or comment some pages wrap it in."""
    return _WRAPPER.sub("", text) if "<" in text[:40] or ">" in text[-20:] else text


_local = threading.local()  # per thread: the page whose meta tags were read last, and them


def _metas(root) -> dict:
    """(attribute, name) -> the content of the first meta tag so named, read once a page."""
    last = getattr(_local, "last", None)
    if last is not None and last[0] is root:
        return last[1]
    found: dict = {}
    for el in root.iter("meta"):
        for attr in ("property", "name", "itemprop"):
            name = el.get(attr)
            if name is not None:
                found.setdefault((attr, name), el.get("content") or "")
    _local.last = (root, found)
    return found


def meta(root, *names: str) -> str:
    """The content of the first meta tag (property, name or itemprop) of these names."""
    found = _metas(root)
    for name in names:
        for attr in ("property", "name", "itemprop"):
            if (attr, name) in found:
                content = found[(attr, name)]
                if content:
                    return content.strip()
                break
    return ""


def head_title(root) -> str:
    title = root.find("head/title")
    if title is None:
        title = next(root.iter("title"), None)
    return meta(root, "og:title") or one_line(get_text(title) if title is not None else "")


def without_site_name(title: str, site_auth: set[str]) -> str:
    """A page's <title> less the site's name: "Tiêu đề | Công đoàn Hà Tĩnh" → "Tiêu đề"
    (a " - " inside the title itself, as in "nhiệm kỳ 2023 - 2028", stays)."""
    title = one_line(title)
    parts = re.split(r"\s+[|–—]\s+", title)
    if len(parts) > 1:
        return parts[0]
    head, sep, tail = title.rpartition(" - ")
    if sep and (fold(tail) in site_auth or re.search(r"công đoàn|trang thông tin|cổng thông tin", fold(tail))):
        return head
    return title


def title_heading(page, title: str):
    """The article's title element: the h1 (or h2, h3) whose text the page's <title> or
    og:title holds (a site may put its logo in an h1); else the longest h1; else any element
    whose whole text is that title (a portal may set it in a <span> or <font>)."""
    key = fold(title)
    if key:
        plain = one_line(title).casefold()
        for level in ("h1", "h2", "h3"):
            for el in page.iter(level):
                text = one_line(get_text(el))
                if len(text) < 12:
                    continue
                if text.casefold() in plain or (level == "h1" and fold(text) in key):
                    return el
    h1s = list(page.iter("h1"))
    if h1s:
        return max(h1s, key=lambda t: len(stripped_text(t)))
    if len(key) >= 12:
        for el in page.iter("span", "div", "font", "td", "p", "strong", "b"):
            if fold(get_text(el)) == key and el.find(".//div") is None and el.find(".//p") is None \
                    and el.find(".//td") is None and el.find(".//table") is None:  # fmt: skip
                return el
    return None
