"""The byline, first that applies: the body's signature closing it (its last blocks: a run of
labelled lines such as "Tác giả: …" / "Nguồn: …" is one signature); the labelled lines set
after the body; the signature before the photo captions that close the body; the header's
author line; a right-aligned signature set after the body. A photo caption (``… Ảnh: X``, a
figcaption, an image table's caption cell, italics under an image) is never one, nor a
site-wide author. The signature keeps its label (``Nguồn: Theo …``): attribution reads it."""

from __future__ import annotations

import re

from collectors.extraction.patterns import (
    AUTHOR_CLASS,
    AUTHOR_LABEL,
    BYLINE_LABEL,
    CAPTION_START,
    LABEL_BEFORE_PHOTO,
    PHOTO_LABEL,
    SIGNATURE_LABEL,
)
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
    if BYLINE_LABEL.match(text.lstrip("( ")) or SIGNATURE_LABEL.match(text):
        return not re.fullmatch(r"theo\W*", text, re.I)  # a lone "Theo." names nobody
    core = re.sub(r"\([^)]*\)", " ", text).strip(" .-–—")
    if not core:
        return False
    name_words = [w for w in re.split(r"[\s,/&\-–—]+", core) if w]
    capitalised = all(w[0].isupper() or w.lower() in ("và", "theo") for w in name_words if w[0].isalpha())
    if text.endswith((".", "!", "?", ":")) and not is_styled:
        return False
    return (is_styled and len(words) <= 12) or (capitalised and len(name_words) <= 8)


def credits_a_photo(text: str) -> bool:
    """Whether a text reads as a photo's caption or credit: it opens with "Ảnh:", or names a
    photographer ("Ảnh: X") after words that are not a name ("Quang cảnh hội nghị. Ảnh: X");
    "Bài, ảnh: X" and "Thu Hà - Ảnh: Minh Thái" are signatures."""
    if CAPTION_START.match(text):
        return True
    for m in PHOTO_LABEL.finditer(text):
        before = text[: m.start()]
        if LABEL_BEFORE_PHOTO.search(before):
            continue  # "Bài và ảnh:"
        head = SIGNATURE_LABEL.sub("", before).strip()
        head = re.sub(r"[\s\-–—,;/(|]+$", "", head)
        if not head or not re.search(r"[\s\-–—,;/(|]$", before):
            return True  # "(Ảnh: X)" alone, or "…nghị.Ảnh: X"
        if head.endswith((".", "!", "?", ":")) or not _reads_as_names(head):
            return True
    return False


def _reads_as_names(text: str) -> bool:
    """A few capitalised words: names ("Thu Hà", "HỒNG NGUYÊN", "Thu Hà (LĐLĐ huyện Kỳ Anh)")."""
    core = re.sub(r"\([^)]*\)", " ", text)
    words = [w for w in re.split(r"[\s,/&\-–—]+", core) if w and w[0].isalpha()]
    return 0 < len(words) <= 8 and all(w[0].isupper() or w.lower() in ("và", "theo") for w in words)


def _holds_image(el) -> bool:
    return el is not None and isinstance(el.tag, str) and (el.tag == "img" or el.find(".//img") is not None)


def _previous_element(el):
    prev = el.getprevious()
    while prev is not None and not isinstance(prev.tag, str):
        prev = prev.getprevious()
    return prev


def is_caption(el, text: str, style: str) -> bool:
    """A photo's caption: a figcaption or a block in a <figure>, a text crediting a photo, a
    centred block, a block holding the image itself, an image table's caption cell, italics
    set right under an image."""
    if el.tag == "figcaption" or style == "caption" or credits_a_photo(text):
        return True
    if next(el.iterancestors("figure", "figcaption"), None) is not None:
        return True
    if _holds_image(el) and len(text.split()) <= 40:
        return True
    cell = el if el.tag == "td" else next((a for a in el.iterancestors("td")), None)
    if cell is not None and not _holds_image(cell):
        table = next(cell.iterancestors("table"), None)
        if table is not None and _holds_image(table) and len(" ".join(table.itertext()).split()) <= 80:
            return True
    italic = [t for t in el.iterdescendants("em", "i")] or ([el] if el.tag in ("em", "i") else [])
    if italic and style != "byline-right" and _holds_image(_previous_element(el)):
        return " ".join(one_line(get_text(t)) for t in italic).strip() == text.strip()
    return False


def _signature_run(blocks: list, end: int, text_of, site_auth) -> int:
    """Where the run of labelled signature lines that ends at ``blocks[end]`` starts."""
    start = end
    while start > 0 and end - start < 3:
        text = text_of(blocks[start - 1])
        if not SIGNATURE_LABEL.match(text) or not looks_like_byline(text) or fold(text) in site_auth:
            break
        start -= 1
    return start


def last_block_byline(blocks: list, text_of, site_auth: set[str]) -> tuple[str, list, bool]:
    """The signature closing the body: (its text, its blocks, whether photo captions follow
    it), or ("", [], False). Labelled lines in a row ("Tác giả: …", "Nguồn: …") are one."""
    captions = False
    for i in range(len(blocks) - 1, -1, -1):
        block = blocks[i]
        text = text_of(block)
        if not text:
            continue
        style = styled(block, text)
        if is_caption(block, text, _right(block, style)):
            captions = True
            continue
        if looks_like_byline(text, style == "byline") and fold(text) not in site_auth:
            start = _signature_run(blocks, i, text_of, site_auth) if SIGNATURE_LABEL.match(text) else i
            run = blocks[start : i + 1]
            return " - ".join(text_of(b) for b in run), run, captions
        break
    return "", [], False


def _right(el, style: str) -> str:
    """The style, "byline-right" for a right-aligned signature (never a caption)."""
    if style == "byline" and ("right" in ((el.get("style") or "") + (el.get("align") or "")).lower()
                              or _RIGHT_CLASS.search(el.get("class") or "")):  # fmt: skip
        return "byline-right"
    return style


def labelled_after(doc, body, region, site_auth: set[str]) -> tuple[str, list]:
    """Labelled signature lines ("Tác giả: …", "Nguồn: …", "PV: …") set after the body in
    the article, before any other text: (their text, their elements) or ("", [])."""
    found: list = []
    seen_text = 0
    for el in doc.after_within(body, region, "p", "div", "span", "td", "strong", "b", "em", "i", "li", own=False):
        if any(f is a for f in found for a in el.iterancestors()):
            continue
        if el.find(".//p") is not None or el.find(".//div") is not None or el.find(".//table") is not None:
            continue
        text = doc.text_of(el)
        if not text:
            continue
        if SIGNATURE_LABEL.match(text) and looks_like_byline(text) and fold(text) not in site_auth:
            found.append(el)
            if len(found) == 3:
                break
            continue
        seen_text += 1
        if found or seen_text > 3:
            break
    return " - ".join(doc.text_of(el) for el in found), found


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
    for el in doc.after_within(body, region, "p", "div", "span", "td"):
        if el.find(".//p") is not None or el.find(".//div") is not None or el.find(".//table") is not None:
            continue
        text = doc.text_of(el)
        if text and styled(el, text) == "byline" \
                and ("right" in ((el.get("style") or "None") + (el.get("align") or "None")).lower()
                     or _RIGHT_CLASS.search(el.get("class") or "")) \
                and looks_like_byline(text, True) and fold(text) not in site_auth:  # fmt: skip
            return text, el
    return "", None
