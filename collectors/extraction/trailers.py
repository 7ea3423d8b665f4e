"""What is not the article inside the article's own container: related and "same category"
lists (by their heading, or as a block of several links to the site's articles), view counters,
print/e-mail/share bars, tag lines, rating and comment forms. They are taken out of the tree
before the body's blocks are read, so they give no words, no unit and no byline; each is
recorded as (part, reason, text) for ``cdht probe``."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml import etree

from collectors.extraction.tree import contains, get_text, remove
from collectors.textnorm import fold, one_line
from collectors.urls import canonical_key, is_article_path

_RELATED = (
    r"tin liên quan|tin cùng chuyên mục|tin cùng chủ đề|bài cùng chuyên mục|các tin khác|tin khác|"
    r"các bài khác|bài khác|bài viết liên quan|bài liên quan|bài viết cùng chuyên mục|"
    r"bài viết cùng chủ đề|bài viết khác|các bài viết khác|xem thêm|đọc thêm|tin đã đưa|"
    r"các tin đã đưa|tin mới hơn|tin cũ hơn|tin tức khác|có thể bạn quan tâm|có thể bạn chưa đọc|"
    r"tin bài liên quan|tin bài khác|những tin khác|tin mới|tin nổi bật|tin đọc nhiều|"
    # the same headings on English-language pages
    r"related(?: posts| articles| stories| content| coverage| news| reading)?|trending(?: news| now| stories)?|"
    r"you (?:may|might) also like|recommended(?: for you| stories| articles| reading)?|"
    r"most (?:popular|read|viewed|shared)|read (?:more|next)|see also|also read|more stories|"
    r"more (?:from|on|in) [\w .&'’-]{1,40}|more [\w .&'’-]{1,25} stories|latest(?: news| stories)?|"
    r"top stories|popular(?: now| stories)?|don[’']t miss|editor[’']?s picks|more|see more|"
    r"(?:previous|next|older|newer)(?: [\w&'’-]+){0,3} (?:news|articles?|posts?|stor(?:y|ies))"
)
_RELATED_LABEL = re.compile(rf"^\W*(?:{_RELATED})\W*$", re.I)
_RELATED_LEAD = re.compile(rf"^\W*(?:{_RELATED})\s*[:：]", re.I)
_FORM_LABEL = re.compile(
    r"^\W*(?:ý kiến bạn đọc|ý kiến của bạn|gửi ý kiến|gửi bình luận|viết bình luận|bình luận|"
    r"bình luận của bạn|đánh giá bài viết|đánh giá|bình chọn|comments?|leave a (?:reply|comment))"
    r"(?:\s*\(\d+\))?\W*$",
    re.I,
)
_TAG_LINE = re.compile(r"^\W*(?:từ khóa|từ khoá|tags?|thẻ|keywords?|related tags|topics)\s*[:：]", re.I)
# a line that is only a control or a placeholder of the page: an ad's slot, a gallery's buttons
_UI_LINE = re.compile(
    r"^\W*(?:advertisement|quảng cáo|caption|hide caption|show caption|toggle caption|close|đóng|"
    r"back to gallery|follow us|expand|play video|video|photo|image|story continues below|"
    r"media playback is unsupported on your device|privacy overview|always enabled)\W*$",
    re.I,
)
# a promotion or a notice closing the article: a newsletter, a subscription, the copyright
_PROMO_LINE = re.compile(
    r"^\W*(?:subscribe\b|sign up\b|get our\b|follow us\b|need more space\?|copyright\b|©|\(c\)\s*\d{4}|"
    r"all rights reserved|there['’]s plenty more where that came from|this (?:web)?site uses cookies|"
    r"(?:follow|listen to|watch) [\w .&'’-]{1,30} (?:on|live on|live at) (?:instagram|facebook|twitter|youtube|\d))",
    re.I,
)
_COUNTER = re.compile(
    r"^\W*(?:(?:số\s+)?lượt\s+(?:xem|đọc|truy cập)|views?|đã xem)\s*[:：]?\s*[\d.,]+\W*$|"
    r"^\W*[\d.,]+\s+(?:lượt\s+(?:xem|đọc)|views?)\W*$",
    re.I,
)
_TOOL_WORDS = re.compile(
    r"in bài viết|in bài|bản in|in trang|gửi e-?mail|gửi bài viết|gửi bài|gửi cho bạn bè|e-?mail|"
    r"chia sẻ|share|facebook|zalo|twitter|tweet|linkedin|lưu bài viết|lưu bài|lưu|print|quay lại|"
    r"trở về|trở lại|về đầu trang|lên đầu trang|đầu trang|phản hồi|góp ý|thích|like|"
    r"cỡ chữ|font|\bin\b|a\+|a-",
    re.I,
)
_TOOL_FIRST = re.compile(r"[\W\d_]*(?:" + _TOOL_WORDS.pattern + ")", re.I)
_ANY_LABEL = re.compile(
    rf"^\W*(?:{_RELATED}|ý kiến|gửi|viết|bình|đánh giá|comment|leave|từ kho|tags?|thẻ|keyword|số\s|lượt|views?|đã xem|\d|"
    r"subscribe|sign up|get our|follow|listen|watch|need more|copyright|©|\(c\)|all rights|there['’]s plenty|"
    r"related tags|topics|this (?:web)?site|media playback|privacy|always|previous|next|older|newer)",
    re.I,
)
# (as len(text.split()) > 14, without splitting the rest of the text)
_MORE_THAN_14_WORDS = re.compile(r"\s*(?:\S+\s+){14}\S").match
_CONTROLS = ("textarea", "input", "select", "button")
_BLOCKS = ("p", "div", "h2", "h3", "h4", "h5", "h6", "strong", "b", "span", "li", "ul", "ol",
           "table", "tr", "td", "section", "dl", "em", "font", "header", "footer")  # fmt: skip


def _raw_text(el) -> str:
    """Every text node below ``el``, as XPath's string() (lxml's text serialiser is faster)."""
    return etree.tostring(el, method="text", encoding=str, with_tail=False)


def _text(el) -> str:
    return one_line(get_text(el))


def _link_share(el) -> float:
    text = len(_text(el))
    if not text:
        return 0.0
    return sum(len(_text(a)) for a in el.iter("a")) / text


def _non_link_words(el) -> int:
    return len(_text(el).split()) - sum(len(_text(a).split()) for a in el.iter("a"))


def _article_links(el) -> set[str]:
    return {canonical_key(a.get("href")) for a in el.iter("a") if _to_article(a)}


# a headline's link on any site: a page path whose last part is a slug of words or an id
_SLUG_PATH = re.compile(r"/[^/?#]*(?:[a-z0-9]+-){2,}[^/?#]*/?$|/\d{5,}[^/?#]*/?$|\.s?html?$", re.I)


def _to_article(a) -> bool:
    """A link to an article: this site's article address, or on any site a headline (four words
    or more) linking a page whose address ends in a slug or an id."""
    href = (a.get("href") or "").strip()
    if is_article_path(href):
        return True
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
        return False
    path = urlsplit(href).path
    return bool(_SLUG_PATH.search(path)) and len(_text(a).split()) >= 4


def _outer_label(el, root):
    """The outermost element below ``root`` whose whole text is the text of ``el``."""
    text = _text(el)
    outer = el
    for anc in el.iterancestors():
        if anc is root or _text(anc) != text:
            break
        outer = anc
    return outer


def _is_tool_bar(text: str) -> bool:
    words = text.split()
    if not 0 < len(words) <= 14:
        return False
    folded = text.casefold()
    if not _TOOL_FIRST.match(folded):
        return False  # every tool word starts with a letter: the first letter must start one
    if not any(m.group(0).isalpha() or " " in m.group(0) or "-" in m.group(0) for m in _TOOL_WORDS.finditer(folded)):
        return False
    return not re.search(r"[^\W\d_]", _TOOL_WORDS.sub(" ", folded))


_BAR_SEPARATOR = re.compile(r"\s*[|•·]\s*")


def _is_counter_bar(text: str) -> bool:
    """A view counter and a tool bar on one line: 'Lượt xem: 1828 | In trang | Chia sẻ Facebook'."""
    if "|" not in text and "•" not in text and "·" not in text:
        return False  # (one part alone)
    parts = [p for p in _BAR_SEPARATOR.split(text) if p.strip()]
    if len(parts) < 2 or not any(_COUNTER.match(p) for p in parts):
        return False
    return all(_COUNTER.match(p) or _is_tool_bar(p) for p in parts)


class Trailers:
    def __init__(self, root, body, out: list):
        self.root = root
        self.body = body
        self.out = out
        self.gone: list = []

    def drop(self, el, reason: str) -> None:
        if el is self.root or el is self.body or contains(el, self.body):
            return
        if self.is_gone(el):
            return
        self.out.append(("body", reason, _text(el)[:120]))
        self.gone.append(el)

    def is_gone(self, el) -> bool:
        return any(el is g or contains(g, el) for g in self.gone)

    def related_after(self, label, reason: str) -> None:
        """A related list's heading, and what follows it while it reads as a list of links."""
        self.drop(label, reason)
        for sib in label.itersiblings():
            if not isinstance(sib.tag, str):
                continue
            text = _text(sib)
            links = _article_links(sib)
            if not text and not len(sib):
                continue
            if _link_share(sib) >= 0.4 or (links and len(text.split()) <= 60) or sib.tag in ("ul", "ol"):
                self.drop(sib, reason)
                continue
            break

    def scan(self) -> None:
        for el in self.root.iter(*_BLOCKS):
            if el is self.root:
                continue
            raw = _raw_text(el)
            if len(raw) > 600 or (_MORE_THAN_14_WORDS(raw) and not _ANY_LABEL.match(raw.lstrip()[:60])):
                continue  # a paragraph of the body: no label at its start, too long for a bar
            text = _text(el)
            if not text or len(text) > 400:
                continue
            if _RELATED_LABEL.match(text) and len(text.split()) <= 8:
                self.related_after(_outer_label(el, self.root), f"danh sách tin liên quan (“{text}”)")
            elif _RELATED_LEAD.match(text) and _article_links(el):
                self.drop(_outer_label(el, self.root), f"liên kết tin liên quan (“{text[:30]}”)")
            elif _FORM_LABEL.match(text):
                self.related_after(_outer_label(el, self.root), f"khung bình luận, đánh giá (“{text}”)")
            elif _TAG_LINE.match(text) and len(text.split()) <= 40:
                self.drop(_outer_label(el, self.root), "dòng từ khóa (tags)")
            elif _UI_LINE.match(text):
                self.drop(_outer_label(el, self.root), "nút, chỗ quảng cáo của trang")
            elif _PROMO_LINE.match(text) and len(text.split()) <= 40:
                self.drop(_outer_label(el, self.root), "lời mời đăng ký, bản quyền")
            elif _COUNTER.match(text) or _is_counter_bar(text):
                self.drop(_outer_label(el, self.root), "bộ đếm lượt xem")
            elif _is_tool_bar(text) and el.tag not in ("strong", "b", "em", "font"):
                self.drop(_outer_label(el, self.root), "thanh in, gửi e-mail, chia sẻ")
        self.forms()
        self.link_blocks()
        self.link_runs()

    def forms(self) -> None:
        for el in self.root.iter(*_CONTROLS):
            if (el.get("type") or "").lower() == "hidden":
                continue
            box = el
            for anc in el.iterancestors():
                if anc is self.root or anc is self.body or contains(anc, self.body) \
                        or len(_text(anc).split()) > 80:  # fmt: skip
                    break
                box = anc
            self.drop(box, "biểu mẫu bình luận, đánh giá")

    def link_blocks(self) -> None:
        """A block of several links to the site's own articles, mostly link text."""
        counts: dict = {}
        for a in self.root.iter("a"):
            if not _to_article(a) or self.is_gone(a):
                continue  # (links in a list already taken out do not make the body a list)
            key = canonical_key(a.get("href"))
            for anc in a.iterancestors():
                if anc is self.root:
                    break
                counts.setdefault(anc, set()).add(key)
        found = [el for el, keys in counts.items() if len(keys) >= 3 and _link_share(el) >= 0.5]
        inner = [el for el in found if not any(o is not el and contains(el, o) for o in found)]
        for el in inner:
            keys = counts[el]
            while True:  # out to the box that holds the list, while it adds little text
                parent = el.getparent()
                if parent is None or parent is self.root or parent is self.body:
                    break
                if counts.get(parent) != keys or _non_link_words(parent) > 30:
                    break
                el = parent
            self.drop(el, f"khối {len(keys)} liên kết tới tin khác của trang")

    def link_runs(self) -> None:
        """Consecutive blocks that are each one link to another article (no wrapper)."""
        parents = {a.getparent().getparent() for a in self.root.iter("a") if a.getparent() is not None}
        for parent in parents:
            if parent is None:
                continue
            run: list = []
            for child in [*parent, None]:
                if child is not None and not isinstance(child.tag, str):
                    continue
                if child is not None and child.tag in ("p", "div", "li", "span", "font") \
                        and _article_links(child) and _link_share(child) >= 0.5:  # fmt: skip
                    run.append(child)
                    continue
                if child is not None and child.tag == "br":
                    continue
                keys = set().union(*(_article_links(c) for c in run)) if run else set()
                if len(keys) >= 3:
                    for c in run:
                        self.drop(c, f"khối {len(keys)} liên kết tới tin khác của trang")
                run = []

    def apply(self) -> None:
        for el in self.gone:
            if el.getparent() is not None:
                remove(el)


def strip_trailers(region, body, left_out: list) -> None:
    """Take the trailers out of ``region`` (the article), recording each in ``left_out``."""
    t = Trailers(region, body, left_out)
    t.scan()
    t.apply()


def strip_selected(root, elements, reason: str, left_out: list) -> None:
    for el in elements:
        if el is root or el.getparent() is None:
            continue
        left_out.append(("body", reason, _text(el)[:120]))
        remove(el)


def cut_at(body, texts: list[str], left_out: list) -> None:
    """The body ends at the first block whose text starts with one of ``texts`` (the profile's
    ``body_end``): that block and everything after it in the body go."""
    keys = [fold(t) for t in texts if t.strip()]
    if not keys:
        return
    for el in body.iter(*_BLOCKS):
        if el is body:
            continue
        if any(fold(_text(el)).startswith(k) for k in keys):
            start = el
            while start.getparent() is not None and start.getparent() is not body and \
                    fold(_text(start.getparent())).startswith(fold(_text(start))):  # fmt: skip
                start = start.getparent()
            doomed = [start]
            node = start
            while node is not None and node is not body:
                doomed += [s for s in node.itersiblings() if isinstance(s.tag, str)]
                node = node.getparent()
            left_out.append(("body", f"sau dòng kết thúc bài (“{_text(el)[:30]}”)",
                             " ".join(_text(d) for d in doomed)[:120]))  # fmt: skip
            for d in doomed:
                remove(d)
            return
