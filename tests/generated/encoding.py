"""Text as the page writes it: UTF-8, character references, named entities or NFD letters."""

from __future__ import annotations

import html
import unicodedata
from html.entities import codepoint2name


def text(s: str, mode: str) -> str:
    """``s`` escaped for HTML text in the page's encoding mode."""
    if mode == "nfd":
        return html.escape(unicodedata.normalize("NFD", s), quote=False)
    out = html.escape(s, quote=False)
    if mode == "utf8":
        return out
    chars = []
    for c in out:
        n = ord(c)
        if n < 128:
            chars.append(c)
        elif mode == "named" and n in codepoint2name:
            chars.append(f"&{codepoint2name[n]};")
        elif mode == "hex":
            chars.append(f"&#x{n:X};")
        else:
            chars.append(f"&#{n};")
    return "".join(chars)


def attr(s: str) -> str:
    return html.escape(s, quote=True)
