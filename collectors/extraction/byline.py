"""The byline: the body's signature (its last block, before captions and trailers), else the
header's author line, else a right-aligned signature set after the body. A site-wide author is
never one."""

from __future__ import annotations

import re

from collectors.extraction.patterns import AUTHOR_CLASS, AUTHOR_LABEL, BYLINE_LABEL, CAPTION_START
from collectors.extraction.tree import classes, get_text, rel_holds
from collectors.textnorm import fold, one_line

# editors' alignment classes (CKEditor's rteright, Bootstrap's text-right, WordPress's has-text-align-right)
_RIGHT_CLASS = re.compile(r"(^|\s)(rte-?right|text-right|align-?right|has-text-align-right|ql-align-right)(\s|$)", re.I)
_CENTER_CLASS = re.compile(r"(^|\s)(rte-?center|text-center|align-?center|has-text-align-center|ql-align-center)(\s|$)", re.I)


def styled_as_byline(style: str, align: str, class_names: str, inner_texts: list[str] | None, text: str) -> str:
    """How a block is set apart: "byline" (right-aligned, an author class, or all in bold or
    italics), "caption" (centred: how photo captions sit), or "" (plain). ``inner_texts``: the
    texts of its strong/b/em/i descendants, None when it has none."""
    style = (style or "").replace(" ", "").lower()
    align = (align or "").lower()
    if "text-align:right" in style or align == "right" or AUTHOR_CLASS.search(class_names) \
            or _RIGHT_CLASS.search(class_names):  # fmt: skip
        return "byline"
    if "text-align:center" in style or align == "center" or _CENTER_CLASS.search(class_names):
        return "caption"
    return "byline" if inner_texts and one_line(" ".join(inner_texts)) == one_line(text) else ""


def styled(el, text: str) -> str:
    inner = list(el.iterdescendants("strong", "b", "em", "i"))
    texts = [get_text(t) for t in inner] if inner else None
    return styled_as_byline(el.get("style") or "", el.get("align") or "", classes(el), texts, text)


def looks_like_byline(text: str, is_styled: bool = False) -> bool:
    """``is_styled``: the block is set apart as a signature (see :func:`styled_as_byline`)."""
    text = one_line(text)
    if not text or len(text) > 160:
        return False
    words = text.split()
    if len(words) > 16:
        return False
    if BYLINE_LABEL.match(text.lstrip("( ")):
        return not re.fullmatch(r"theo\W*", text, re.I)  # a lone "Theo." names nobody
    core = re.sub(r"\([^)]*\)", " ", text).strip(" .-–—")
    if not core:
        return False
    name_words = [w for w in re.split(r"[\s,/&\-–—]+", core) if w]
    capitalised = all(w[0].isupper() or w.lower() in ("và", "theo") for w in name_words if w[0].isalpha())
    if text.endswith((".", "!", "?", ":")) and not is_styled:
        return False
    return (is_styled and len(words) <= 12) or (capitalised and len(name_words) <= 8)


def last_block_byline(blocks: list, text_of, site_auth: set[str]) -> tuple[str, object]:
    """The last body block when it reads as a signature, photo captions after it skipped:
    (its text, the block) or ("", None)."""
    for block in reversed(blocks):
        text = text_of(block)
        style = styled(block, text) if text else ""
        if not text or block.tag == "figcaption" or CAPTION_START.match(text) or style == "caption":
            continue  # a photo caption after the byline
        if looks_like_byline(text, style == "byline") and fold(text) not in site_auth:
            return text, block
        break
    return "", None


def author_line(text: str, site_auth: set[str]) -> str:
    """The byline an author line (``Tác giả: …``) gives, or "" (a site-wide author, too long)."""
    text = AUTHOR_LABEL.sub("", text)
    return text if text and fold(text) not in site_auth and len(text.split()) <= 16 else ""


def header_author(region, text_of, site_auth: set[str]) -> tuple[str, object]:
    """An author line in the article (an author class, ``rel="author"``, ``itemprop``)."""
    for el in region.iterdescendants():
        if not isinstance(el.tag, str) or not el.attrib:
            continue
        if AUTHOR_CLASS.search(classes(el)) or rel_holds(el, "author") or el.get("itemprop") == "author":
            text = author_line(text_of(el), site_auth)
            if text:
                return text, el
    return "", None


def signature_after(doc, body, region, site_auth: set[str]) -> tuple[str, object]:
    """A right-aligned signature set after the body, outside its container, in the article."""
    for el in doc.after(body, "p", "div", "span", "td"):
        if not any(a is region for a in el.iterancestors()):
            continue
        if el.find(".//p") is not None or el.find(".//div") is not None or el.find(".//table") is not None:
            continue
        text = doc.text_of(el)
        if text and styled(el, text) == "byline" \
                and ("right" in ((el.get("style") or "None") + (el.get("align") or "None")).lower()
                     or _RIGHT_CLASS.search(el.get("class") or "")) \
                and looks_like_byline(text, True) and fold(text) not in site_auth:  # fmt: skip
            return text, el
    return "", None
