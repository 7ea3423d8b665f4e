"""Which character set a page's bytes are in.

The HTTP header's charset and the page's own declaration (``<meta charset>``, ``http-equiv``)
usually agree. When they do not, the page is decoded by the one under which its bytes are valid:
bytes that are strictly valid UTF-8 are UTF-8 whatever a ``latin-1`` header says (a server's
default header is the usual culprit), and bytes that are not valid UTF-8 are read by the other
declaration. :func:`decode_page` says when it overruled the header, so the caller can warn.
"""

from __future__ import annotations

import codecs
import re

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-:.]+)", re.I)
_C1 = re.compile("[\x80-\x9f]")  # control characters: a sign of the wrong single-byte table


def codec_name(label: str | None) -> str | None:
    """Python's name for a charset label, or None when unknown ("UTF8" -> "utf-8")."""
    if not label:
        return None
    try:
        return codecs.lookup(label.strip()).name
    except LookupError:
        return None


def declared(body: bytes, content_type: str = "") -> tuple[str | None, str | None]:
    """(the HTTP header's charset label, the page's own label), either None when absent."""
    m = _HEADER_CHARSET.search(content_type or "")
    header = m.group(1) if m else None
    m = _META_CHARSET.search(body[:4096])
    page = m.group(1).decode("ascii", "ignore") if m else None
    return header, page


def _strict(body: bytes, codec: str | None) -> str | None:
    if codec is None:
        return None
    try:
        return body.decode(codec)
    except (LookupError, UnicodeDecodeError):
        return None


def _fallback(body: bytes, labels: list[str | None]) -> str:
    """The first declaration the bytes are valid under, else UTF-8, else a detected encoding."""
    for codec in [*(codec_name(x) for x in labels), "utf-8"]:
        text = _strict(body, codec)
        if text is not None:
            return text
    from charset_normalizer import from_bytes

    best = from_bytes(body).best()
    return str(best) if best is not None else body.decode("utf-8", "replace")


def _pick(body: bytes, header: str, page: str) -> str | None:
    """The codec to read ``body`` by when the header says ``header`` and the page ``page``
    (both codec names, different): None when neither fits."""
    if "utf-8" in (header, page):
        other = page if header == "utf-8" else header
        if _strict(body, "utf-8") is not None:
            return "utf-8"
        return other if _strict(body, other) is not None else None
    texts = {c: _strict(body, c) for c in (header, page)}
    valid = [c for c in (header, page) if texts[c] is not None]
    if len(valid) == 2:  # both single-byte tables read anything: the one without control codes
        clean = [c for c in valid if not _C1.search(texts[c])]
        return clean[0] if len(clean) == 1 else header
    return valid[0] if valid else None


def decode_page(body: bytes, content_type: str = "") -> tuple[str, str]:
    """(text, note): the text of a body, and a sentence when the header's charset was overruled
    by the page's own declaration (empty otherwise)."""
    header_label, page_label = declared(body, content_type)
    header, page = codec_name(header_label), codec_name(page_label)
    if header and page and header != page:
        chosen = _pick(body, header, page)
        if chosen is not None:
            text = body.decode(chosen)
            if chosen == header or _strict(body, header) == text:
                return text, ""
            return text, (
                f"the HTTP header says charset={header_label} but the page says {page_label}; "
                f"the bytes are valid {chosen}, so the page is read as {chosen}"
            )
    return _fallback(body, [header_label, page_label]), ""


def decode(body: bytes, content_type: str = "") -> str:
    """Text of a body: the declarations that agree with its bytes, else UTF-8, else a detected
    encoding."""
    return decode_page(body, content_type)[0]
