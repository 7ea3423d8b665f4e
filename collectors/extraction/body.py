"""The article's body: its container (the profile's selector, ``itemprop="articleBody"``, else
the element that holds the most paragraph text), its paragraph-like blocks, the lead, the text
and its words."""

from __future__ import annotations

import re
from itertools import islice

from collectors.dates import PUBLISHED_LABEL, UPDATED_LABEL, find_date
from collectors.extraction.patterns import (
    AUTHOR_CLASS,
    BLOCK_CHILDREN,
    BLOCK_TAGS,
    CONTAINER_TAGS,
    LEAD_CLASS,
    META_CLASS,
    META_LINE,
    NOT_TEXT_TAGS,
    PHOTO_CREDIT,
)
from collectors.extraction.tree import classes, contains, get_text, has_ancestor, rel_holds, strings
from collectors.textnorm import count_words, one_line


def _paragraph_scores(page) -> dict:
    """Per element, the paragraph text it holds: paragraphs and captions up to five levels
    below it, and text written between ``<br>``s in it or in its nearest div/td children."""
    scores: dict = {}
    for el in page.iter("p", "figcaption"):
        if el.attrib and _set_apart(el):
            continue  # a lead, author or date line set apart must not pull the container wider
        n = len(" ".join(_strings_stripped(el)))
        if n:
            _credit_ancestors(scores, el, n)
    for el in page.iter("div"):  # a paragraph written as a <div> of text (no block inside)
        if any(c.tag in _BLOCKISH for c in el) or (el.attrib and _set_apart(el)):
            continue
        texts = _strings_stripped(el)
        n = len(" ".join(texts))
        if n >= 60 and len(" ".join(texts).split()) >= 10:
            _credit_ancestors(scores, el, n)
    for el in page.iter(*CONTAINER_TAGS, "span", "font"):
        if sum(1 for c in el if c.tag == "br") < 2:
            continue
        n = len((el.text or "").strip()) + sum(len((c.tail or "").strip()) for c in el)
        if not n:
            continue
        if el.tag in ("span", "font"):  # text between <br>s in an inline box: its container's
            el = next((a for a in el.iterancestors() if a.tag in CONTAINER_TAGS), None)
            if el is None:
                continue
        scores[el] = scores.get(el, 0) + n
        if el.tag not in ("div", "td"):
            continue
        for anc in el.iterancestors():
            if anc.tag in ("div", "td"):
                scores[anc] = scores.get(anc, 0) + n
                break
    return scores


def _set_apart(el) -> bool:
    """A lead, author, date or view-count line by its class (``div.sapo``, ``p.author``,
    ``div.meta-author``), written as a paragraph or a ``<div>`` of text: it stands apart from the
    body, so a short body (or one whose lead is an ``h2``) does not let the lines above it make
    the whole article the body."""
    names = classes(el)
    return bool(LEAD_CLASS.search(names) or META_CLASS.search(names) or AUTHOR_CLASS.search(names))


def _credit_ancestors(scores: dict, el, n: int, levels: int = 5) -> None:
    """Add ``n`` (characters of text) to the score of each of ``el``'s nearest ancestors."""
    for anc in islice(el.iterancestors(), levels):
        scores[anc] = scores.get(anc, 0) + n


_BLOCKISH = frozenset(("p", "div", "table", "ul", "ol", "h1", "h2", "h3", "h4", "section", "article", "br", "li", "blockquote", "figure"))


def _strings_stripped(el) -> list[str]:
    if has_ancestor(el, NOT_TEXT_TAGS):
        return []
    out: list[str] = []
    strings(el, NOT_TEXT_TAGS, out)
    return [s.strip() for s in out if s.strip()]


def find_body(page):
    """The element that holds the article's paragraphs (None: no text at all)."""
    for el in page.iter():
        if isinstance(el.tag, str) and el.get("itemprop") == "articleBody":
            return el
    scores = _paragraph_scores(page)
    best, best_score = None, 0
    for el in page.iter(*CONTAINER_TAGS):
        score = scores.get(el, 0)
        if score > best_score:
            best, best_score = el, score
        elif best is not None and score and contains(best, el) and (
            score >= best_score * 0.98 or (score >= best_score * 0.85 and _article_box(el))
        ):
            best = el  # the innermost container that still holds the text (the article's own box:
            # most of it, the rest being comments, teasers and notes around it)
    return best


_ARTICLE_BOX = re.compile(r"(^|[\s_-])(article|post|entry|story)[\s_-]?(body|content|text|main)([\s_-]|$)", re.I)


def _article_box(el) -> bool:
    """An ``<article>`` or a box named as the article's body ("article-body", "entry-content")."""
    return el.tag == "article" or bool(el.attrib and _ARTICLE_BOX.search(classes(el)))


def _header_line(node, timed: set | None = None) -> bool:
    """A title, date or author line, or the box holding one (with little else); ``timed``:
    the elements known to hold a <time>, when known."""
    if node.tag in ("header", "h1", "time") or (node.attrib and META_CLASS.search(classes(node))):
        return True
    holds_time = node in timed if timed is not None else node.find(".//time") is not None
    return holds_time and len(get_text(node).split()) < 20


def _holding_time(body) -> set:
    """The elements below ``body`` that hold a <time>."""
    timed: set = set()
    for t in body.iterdescendants("time"):
        for a in t.iterancestors():
            if a is body or a in timed:
                break
            timed.add(a)
    return timed


def in_article_header(el, body, memo: dict | None = None, timed: set | None = None) -> bool:
    """Title, date and author lines are not body text, even when they sit in the container
    (``memo``: answers for elements already seen, shared while the tree does not change;
    ``timed``: see :func:`_header_line`)."""
    chain = []
    node, found = el, False
    while node is not None and node is not body:
        known = memo.get(node) if memo is not None else None
        if known is not None:
            found = known
            break
        chain.append(node)
        if _header_line(node, timed):
            found = True
            break
        node = node.getparent()
    if memo is not None:  # every element on the way answers as ``el`` does
        for seen in chain:
            memo[seen] = found
    return found


_BLOCK_CHILD_TAGS = frozenset(("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "figure",
                               "blockquote", "section", "article", "dl", "pre", "header", "footer", "form"))  # fmt: skip


def _mostly_loose(el, text_of) -> bool:
    """A box whose text is mostly lines of prose written between ``<br>``s (each line after a
    ``<br>`` of 80 characters or more, not a link), not its block children's: 400 characters of
    such lines or more, and more than in those children."""
    lines = 0
    for br in el.iter("br"):
        tail = br.tail
        if tail and len(tail) >= 80 and len(tail := tail.strip()) >= 80 and not any(
            a.tag in _BLOCK_CHILD_TAGS for a in br.iterancestors() if a is not el and contains(el, a)
        ):
            lines += len(tail)
    if lines < 400:
        return False
    return lines >= sum(len(text_of(c)) for c in el if isinstance(c.tag, str) and c.tag in _BLOCK_CHILD_TAGS)


def _category_line(el, text_of) -> bool:
    """A line that only names the article's category (``<div class="cat"><a rel="category
    tag">Tin tức</a></div>``): no body text, wherever it stands."""
    links = [a for a in el.iter("a") if rel_holds(a, "category") or rel_holds(a, "tag")]
    if not links:
        return False
    rest = text_of(el)
    for a in links:
        rest = rest.replace(one_line(get_text(a)), " ", 1)
    return not any(c.isalnum() for c in rest)


_PARAGRAPHS = frozenset(("p", "li", "figcaption"))  # a block inside one is part of it


def blocks_of(doc, body) -> list:
    """Paragraph-like blocks of the body in order (p, headings, list items, captions)."""
    out = []
    text_of = doc.text_of
    doc.loose = set()  # boxes read as one block (see article._apart)
    if _mostly_loose(body, text_of):
        doc.loose.add(body)
        return [body]  # the article written between <br>s, a few photo boxes among its lines
    header: dict = {}
    timed = _holding_time(body)
    for el in body.iterdescendants(*BLOCK_TAGS):
        # a div counts only if it holds text directly (no block child with text of its own:
        # a player's wrapper does not make it a container)
        if el.tag in ("div", "td", "blockquote") and any(
            text_of(c) for c in el.iterdescendants(*BLOCK_CHILDREN)
        ):
            continue
        if doc.within(el.getparent(), _PARAGRAPHS):
            continue
        if in_article_header(el, body, header, timed):
            continue
        if text_of(el) and not _category_line(el, text_of):
            out.append(el)
    if not out and text_of(body):
        out.append(body)  # text set between <br>s, in no paragraph at all
    return out


def lead_in(region, text_of, body=None):
    """A lead marked by its class (sapo, lead, summary…): (text, element) or ("", None). What
    holds the body is no lead (Drupal's body field is of the type "text-with-summary")."""
    for el in region.iterdescendants():
        if not isinstance(el.tag, str) or not el.attrib or el.tag in ("meta", "img"):
            continue
        if body is not None and (el is body or contains(el, body)):
            continue
        if LEAD_CLASS.search(classes(el)):
            t = text_of(el)
            if 5 <= len(t.split()) <= 200:
                return t, el
    return "", None


def lead_between(doc, title, body):
    """A lead without a class, set between the title and the body container: the first block
    there of 8 to 150 words that is neither a date or author line nor a list of links (None
    for a title inside the body: what follows the body is no lead)."""
    if contains(body, title):
        return None
    for el in doc.after(title):
        if el is body:
            return None
        if el.tag not in ("p", "h2", "h3", "h4", "div", "strong", "b", "em"):
            continue
        if contains(title, el):
            continue  # inside the title itself
        if any(el.find(f".//{t}") is not None for t in ("p", "div", "h2", "h3", "h4", "ul", "table")):
            continue  # a container: look at its children
        if contains(body, el) or in_article_header(el, None) or has_ancestor(el, ("a", "li", "figure")):
            continue
        if any(AUTHOR_CLASS.search(classes(a)) for a in (el, *el.iterancestors()) if a is not title):
            continue  # an author field ("Tác giả:") set between the title and the body
        text = doc.text_of(el)
        words = len(text.split())
        links = sum(len(one_line(get_text(a))) for a in el.iter("a"))
        if 8 <= words <= 150 and links < len(text) / 2 and not find_date(text[:40])[0]:
            return el
    return None


def is_date_line(text: str) -> bool:
    """A short line that only dates the page ("Cập nhật lần cuối: 04:50 01/09/2024")."""
    return len(text.split()) <= 14 and bool(find_date(text)[0]) and bool(
        PUBLISHED_LABEL.search(text) or UPDATED_LABEL.search(text)
    )


def drop_meta_lines(texts: list[str]) -> list[str]:
    """Leave out the short date, view-count and update lines a body may open with."""
    start = 0
    while start < len(texts) and META_LINE.search(texts[start]) and (
        len(texts[start].split()) <= 14
        or (len(texts[start].split()) <= 24 and (PUBLISHED_LABEL.search(texts[start]) or UPDATED_LABEL.search(texts[start])))
    ):
        start += 1
    return texts[start:]


def bold_head(block, text_of) -> str:
    """The text of a <b>/<strong> that opens a longer block of <br>-separated text (a lead
    written at the head of the body's one <div>), or ""."""
    if (block.text or "").strip() or not len(block):
        return ""
    first = block[0]
    if not isinstance(first.tag, str) or first.tag not in ("b", "strong"):
        return ""
    head, whole = text_of(first), text_of(block)
    if 8 <= len(head.split()) <= 150 and whole.startswith(head) and len(whole) > 2 * len(head):
        return head
    return ""


def fill_text(out, lead_text: str, block_texts: list[str], byline: str) -> None:
    """Lead, text, words and photo credits from the lead and the body blocks' texts (byline
    already left out). Without a lead, the first block is the lead."""
    block_texts = drop_meta_lines(block_texts)
    lead_is_block = False
    if not lead_text and block_texts:
        lead_text, lead_is_block = block_texts[0], True
    all_text = "\n".join(([lead_text] if lead_text and not lead_is_block else []) + block_texts)
    out.lead, out.text, out.words, out.byline = lead_text, all_text, count_words(all_text), byline
    if "Ảnh" in all_text:  # (the pattern's own scan is slow on a long text)
        out.photo_credits = [one_line(x) for x in PHOTO_CREDIT.findall(all_text)]
