"""Article and listing extraction: the profile's selectors first, then a generic fallback.

The generic path knows how news CMSs mark things: JSON-LD, ``article:published_time``,
``<time class="published">``, visible Vietnamese dates, breadcrumbs and ``rel="category tag"``,
a content container with the most paragraph text, a byline as the last short paragraph or the
header's author line. Boilerplate (menus, sidebars, related lists, footers) is removed before any
of it is read, so a date, a link or a player there never counts.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from collectors.dates import LOCAL, find_date, parse_iso, sane
from collectors.profile import Selectors
from collectors.textnorm import clean, count_words, fold, one_line
from collectors.urls import canonical_key, is_article_path

BOILERPLATE_TAGS = ["nav", "aside", "footer", "form", "header", "menu"]
BOILERPLATE_CLASS = re.compile(
    r"(^|[\s_-])(side-?bar|sidebar\w*|widget\w*|related\w*|lien-?quan|tin-?lien-?quan|tin-?moi|"
    r"tin-?khac|other-?news|more-?news|most-?\w*|popular|xem-?nhieu|hot-?news|footer|menu|"
    r"navbar|nav|breadcrumbs?|banner|advert\w*|ads?|quang-?cao|share\w*|social|comments?|"
    r"binh-?luan|tags?|pagination|paging|phan-?trang|site-?header|top-?bar|marquee|weather|"
    r"path|duong-?dan)([\s_-]|$)",
    re.I,
)
NOT_BODY_TAGS = ["script", "style", "noscript", "video", "iframe", "object", "embed", "audio",
                 "svg", "canvas", "template", "button", "select", "input", "textarea"]  # fmt: skip
PLAYER_SRC = re.compile(
    r"youtube(?:-nocookie)?\.com/(?:embed|watch|v/)|youtu\.be/|facebook\.com/plugins/video|"
    r"fb\.watch|vimeo\.com|dailymotion\.com|tiktok\.com/embed|player\.|/player|\.mp4|\.webm|"
    r"\.m3u8|\.mov(?:\?|$)",
    re.I,
)
VIDEO_FILE = re.compile(r"\.(mp4|webm|m3u8|mov|m4v)(\?|$)", re.I)
LEAD_CLASS = re.compile(r"(^|[\s_-])(sapo|lead|summary|excerpt|description|tom-?tat|chapeau|intro|abstract|desc)([\s_-]|$)", re.I)
AUTHOR_CLASS = re.compile(r"(^|[\s_-])(author|byline|tac-?gia|writer|signature|nguon)([\s_-]|$)", re.I)
META_CLASS = re.compile(
    r"(^|[\s_-])(meta|post-?meta|entry-?meta|date|time|times|datetime|author|byline|info|"
    r"post-?info|entry-?info|article-?info|tools|toolbar|print|views?|luot-?xem|counter|rating)([\s_-]|$)",
    re.I,
)
SIDEBAR_CLASS = re.compile(
    r"(^|[\s_-])(side-?bar|sidebar\w*|widget\w*|menu|related\w*|lien-?quan|tin-?lien-?quan|"
    r"tin-?khac|other-?news|more-?news)([\s_-]|$)",
    re.I,
)
# "lblPath", "news-path", "duong-dan": the crumbs of table-laid portals too
BREADCRUMB_CLASS = re.compile(r"breadcrumb|path([\s_-]|$)|duong-?dan", re.I)
# paragraph-like blocks of a body, and what makes an element a container rather than a block
BLOCK_TAGS = ("p", "h2", "h3", "h4", "h5", "li", "figcaption", "blockquote", "div", "td")
BLOCK_CHILDREN = ("p", "div", "h1", "h2", "h3", "h4", "li", "figcaption", "table", "blockquote")
META_LINE = re.compile(
    r"\d{1,2}\s*[/\-.]\s*\d{1,2}\s*[/\-.]\s*\d{4}|lượt xem|lượt đọc|cập nhật|ngày đăng|đăng lúc|"
    r"\bviews?\b",
    re.I,
)
UPDATED_HINT = re.compile(r"(updated|modified|cập nhật|sửa|chỉnh sửa|edit)", re.I)
TODAY_HINT = re.compile(r"hôm nay|today", re.I)
BYLINE_LABEL = re.compile(
    r"^\s*(theo\b|tin\s*[,:&/và]|bài\s*[,:&/và]|ảnh\s*:|video\s*:|clip\s*:|nhóm\s+pv|pv\b|ctv\b|"
    r"tác giả|thực hiện|phóng viên|nguồn\s*:)",
    re.I,
)
CAPTION_START = re.compile(r"\(?\s*ảnh\s*[:：]", re.I)
AUTHOR_LABEL = re.compile(r"^\s*(tác giả|author|người viết|bởi|by)\s*[:：]?\s*", re.I)
PHOTO_CREDIT = re.compile(r"(?:^|[\s(])Ảnh\s*[:：]\s*(.+)$", re.M)
PLAYER_CLASS = re.compile(r"video-?player|jwplayer|plyr", re.I)
ARTICLE_TYPES = {"newsarticle", "article", "blogposting", "reportagenewsarticle", "analysisnewsarticle", "webpage"}


@dataclass
class Extracted:
    title: str = ""
    published: datetime | None = None
    date_source: str = ""
    modified: datetime | None = None
    categories: list[str] = field(default_factory=list)  # names and slugs
    category: str = ""
    category_source: str = ""
    lead: str = ""
    text: str = ""
    words: int = 0
    byline: str = ""
    byline_source: str = ""
    photo_credits: list[str] = field(default_factory=list)
    has_player: bool = False
    players: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def soup_of(html: str | bytes) -> BeautifulSoup:
    return BeautifulSoup(html, "lxml")


def _classes(tag: Tag) -> str:
    if not isinstance(tag, Tag) or tag.attrs is None:
        return ""
    cls = tag.get("class") or []
    return " ".join([*cls, str(tag.get("id") or ""), str(tag.get("role") or "")])


def is_boilerplate(tag: Tag) -> bool:
    if tag.name in BOILERPLATE_TAGS:
        if tag.name == "form" and len(tag.get_text(strip=True)) > 400:
            return False  # a page-wide <form> (ASP.NET) holds the article itself
        if tag.name == "header":
            # an article's own header holds its title and date: keep it
            if tag.find_parent("article") is not None:
                return False
            h1 = tag.find("h1")
            if h1 is not None and len(h1.get_text(strip=True)) > 25:
                return False
        return True
    label = str(tag.get("aria-label") or "")
    if "breadcrumb" in label.lower():
        return True
    return bool(BOILERPLATE_CLASS.search(_classes(tag)))


def strip_boilerplate(root: Tag) -> None:
    for c in root.find_all(string=lambda s: isinstance(s, Comment)):
        c.extract()
    for tag in root.find_all(True):
        if tag.parent is None or tag.attrs is None:
            continue  # already removed with an ancestor
        if tag.name in ("html", "body", "main", "article"):
            continue
        if is_boilerplate(tag):
            tag.decompose()


# ---------------------------------------------------------------- JSON-LD and meta
def json_ld_article(soup: BeautifulSoup) -> dict:
    scripts = soup.find_all("script", type=re.compile("ld\\+json", re.I))
    return json_ld_pick(script.string or script.get_text() or "null" for script in scripts)


def json_ld_pick(texts) -> dict:
    """The article object among the JSON-LD scripts' texts (an article type before WebPage)."""
    found: list[dict] = []

    def walk(node):
        if isinstance(node, list):
            for x in node:
                walk(x)
        elif isinstance(node, dict):
            types = node.get("@type")
            types = types if isinstance(types, list) else [types]
            if any(str(t).lower() in ARTICLE_TYPES for t in types if t):
                found.append(node)
            for key in ("@graph", "mainEntity", "mainEntityOfPage"):
                if key in node:
                    walk(node[key])

    for text in texts:
        try:
            walk(json.loads(text))
        except (json.JSONDecodeError, TypeError):
            continue
    found.sort(key=lambda d: str(d.get("@type")).lower() == "webpage")
    return found[0] if found else {}


def meta(soup: BeautifulSoup, *names: str) -> str:
    for name in names:
        tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name}) \
            or soup.find("meta", attrs={"itemprop": name})
        if tag and tag.get("content"):
            return str(tag["content"]).strip()
    return ""


# ---------------------------------------------------------------- body
def _paragraph_score(tag: Tag) -> int:
    total = 0
    for div in [tag, *tag.find_all(["div", "td"], recursive=True)]:
        # a body written as text between <br><br> rather than in paragraphs
        if len(div.find_all("br", recursive=False)) >= 2 and (div is tag or div.find_parent(["div", "td"]) is tag):
            total += sum(len(str(t).strip()) for t in div.find_all(string=True, recursive=False))
    for p in tag.find_all(["p", "figcaption"], recursive=True):
        if LEAD_CLASS.search(_classes(p)):
            continue  # a lead set apart from the body must not pull the body's container wider
        depth = 0
        parent = p.parent
        while parent is not None and parent is not tag and depth < 4:
            parent, depth = parent.parent, depth + 1
        if parent is tag:
            total += len(p.get_text(" ", strip=True))
    return total


def find_body(root: Tag) -> Tag | None:
    """The element that holds the article's paragraphs."""
    for attrs in ({"itemprop": "articleBody"},):
        tag = root.find(attrs=attrs)
        if tag:
            return tag
    best, best_score = None, 0
    for tag in root.find_all(["div", "article", "section", "main", "td"]):
        score = _paragraph_score(tag)
        if score > best_score:
            best, best_score = tag, score
        elif best is not None and score >= best_score * 0.98 and best in tag.parents:
            best = tag  # the innermost container that still holds the text
    return best


def _text_of(tag: Tag) -> str:
    parts = []
    for node in tag.descendants:
        if isinstance(node, NavigableString) and not isinstance(node, Comment):
            if any(p.name in NOT_BODY_TAGS for p in node.parents if isinstance(p, Tag)):
                continue
            parts.append(str(node))
        elif isinstance(node, Tag) and node.name in ("p", "br", "div", "li", "h2", "h3", "h4", "figcaption", "tr"):
            parts.append("\n")
    return clean(" ".join(parts).replace(" \n ", "\n"))


def _blocks(body: Tag) -> list[Tag]:
    """Paragraph-like blocks of the body in order (p, headings, list items, captions)."""
    out = []
    for tag in body.find_all(list(BLOCK_TAGS)):
        # a div counts only if it holds text directly (no block child with text of its own:
        # a player's wrapper does not make it a container)
        if tag.name in ("div", "td", "blockquote") and any(
            one_line(_text_of(c)) for c in tag.find_all(list(BLOCK_CHILDREN))
        ):
            continue
        if tag.find_parent(["p", "li", "figcaption"]) is not None:
            continue
        if _in_article_header(tag, body):
            continue
        if one_line(_text_of(tag)):
            out.append(tag)
    if not out and one_line(_text_of(body)):
        out.append(body)  # text set between <br>s, in no paragraph at all
    return out


def _in_article_header(tag: Tag, body: Tag) -> bool:
    """Title, date and author lines are not body text, even when they sit in the container."""
    for node in (tag, *tag.parents):
        if node is body or node is None:
            return False
        if node.name in ("header", "h1", "time") or META_CLASS.search(_classes(node)):
            return True
        if node.find("time") is not None and len(node.get_text(" ").split()) < 20:
            return True
    return False


def styled_as_byline(style: str, align: str, classes: str, inner_texts: list[str] | None, text: str) -> str:
    """How a block is set apart: "byline" (right-aligned, an author class, or all in bold or
    italics), "caption" (centred: how photo captions sit), or "" (plain). ``inner_texts``: the
    texts of its strong/b/em/i descendants, None when it has none."""
    style = (style or "").replace(" ", "").lower()
    align = (align or "").lower()
    if "text-align:right" in style or align == "right" or AUTHOR_CLASS.search(classes):
        return "byline"
    if "text-align:center" in style or align == "center":
        return "caption"
    return "byline" if inner_texts and one_line(" ".join(inner_texts)) == one_line(text) else ""


def _styled(tag: Tag, text: str) -> str:
    inner = tag.find_all(["strong", "b", "em", "i"])
    texts = [t.get_text(" ") for t in inner] if inner else None
    return styled_as_byline(tag.get("style") or "", tag.get("align") or "", _classes(tag), texts, text)


def looks_like_byline(text: str, styled: bool = False) -> bool:
    """``styled``: the block is set apart as a signature (see :func:`styled_as_byline`)."""
    text = one_line(text)
    if not text or len(text) > 160:
        return False
    words = text.split()
    if len(words) > 16:
        return False
    if BYLINE_LABEL.match(text.lstrip("( ")):
        return True
    core = re.sub(r"\([^)]*\)", " ", text).strip(" .-–—")
    if not core:
        return False
    name_words = [w for w in re.split(r"[\s,/&\-–—]+", core) if w]
    capitalised = all(w[0].isupper() or w.lower() in ("và", "theo") for w in name_words if w[0].isalpha())
    if text.endswith((".", "!", "?", ":")) and not styled:
        return False
    return (styled and len(words) <= 12) or (capitalised and len(name_words) <= 8)


# ---------------------------------------------------------------- the article
def extract_article(
    html: str | bytes,
    url: str = "",
    selectors: Selectors | None = None,
    site_authors: list[str] = (),
    now: datetime | None = None,
) -> Extracted:
    sel = selectors or Selectors()
    if sel.title and sel.published and sel.body:
        from collectors.extract_fast import extract_with_profile

        fast = extract_with_profile(html, sel, site_authors, now)
        if fast is not None:
            return fast
    return extract_generic(html, sel, site_authors, now)


def extract_generic(
    html: str | bytes,
    selectors: Selectors | None = None,
    site_authors: list[str] = (),
    now: datetime | None = None,
) -> Extracted:
    """The BeautifulSoup path: the profile's selectors where they match, the generic rules for
    the rest."""
    sel = selectors or Selectors()
    soup = soup_of(html)
    out = Extracted()
    ld = json_ld_article(soup)
    site_auth = {fold(a) for a in site_authors}

    # -- what is read before the boilerplate goes: profile selectors, <head>, breadcrumb
    picked = {name: _select(soup, getattr(sel, name)) for name in ("title", "published", "category", "lead", "byline")}
    crumbs = _breadcrumb(soup)
    cat_links = category_links(soup)
    head_title = meta(soup, "og:title") or one_line(soup.title.get_text() if soup.title else "")
    page = soup.body or soup
    strip_boilerplate(page)

    # -- title
    head_title = without_site_name(head_title, site_auth)
    h1 = title_heading(page, head_title or str(ld.get("headline") or ""))
    out.title = (
        picked["title"][0]
        or one_line(str(ld.get("headline") or ""))
        or (one_line(h1.get_text(" ")) if h1 is not None else "")
        or head_title
    )

    # -- body, lead, byline, players
    body = _select_tag(page, sel.body)
    if body is None:
        body = find_body(page)
    if body is None:
        out.problems.append("no article body found")
        body = page
    region = _article_region(h1, body)

    lead_text, lead_tag = picked["lead"][0], None
    if not lead_text:
        for tag in region.find_all(True):
            if LEAD_CLASS.search(_classes(tag)) and tag.name not in ("meta", "img"):
                t = one_line(_text_of(tag))
                if 5 <= len(t.split()) <= 200:
                    lead_text, lead_tag = t, tag
                    break
    if not lead_text and h1 is not None:
        lead_tag = lead_between(h1, body)
        lead_text = one_line(_text_of(lead_tag)) if lead_tag is not None else ""

    blocks = _blocks(body)
    if h1 is not None and body in h1.parents:
        # the title, and whatever stands before it (a category link, a path), is not body text
        before = {id(t) for t in h1.find_all_previous()}
        blocks = [b for b in blocks if b is not h1 and h1 not in b.parents and b not in h1.parents
                  and id(b) not in before]  # fmt: skip
    if lead_tag is not None:
        blocks = [b for b in blocks if b is not lead_tag and lead_tag not in b.parents and b not in lead_tag.parents]

    def text_of(tag: Tag) -> str:
        return one_line(_text_of(tag))

    byline, byline_tag = picked["byline"][0], None
    if byline:
        out.byline_source = "profile selector"
        blocks = [b for b in blocks if fold(text_of(b)) != fold(byline)]
    if not byline:
        byline, byline_tag = last_block_byline(blocks, text_of, lambda t: t.name, _styled, site_auth)
        if byline:
            out.byline_source = "last paragraph"
    if not byline:
        for tag in region.find_all(True):
            if tag.attrs is None:
                continue
            if AUTHOR_CLASS.search(_classes(tag)) or "author" in (tag.get("rel") or []) or tag.get("itemprop") == "author":
                text = author_line(text_of(tag), site_auth)
                if text:
                    byline, out.byline_source = text, "author line"
                    byline_tag = tag
                    break
    if not byline:  # a right-aligned signature set after the body, outside its container
        for tag in body.find_all_next(["p", "div", "span", "td"]):
            if region not in tag.parents or tag.find(["p", "div", "table"]) is not None:
                continue
            text = text_of(tag)
            if text and _styled(tag, text) == "byline" and "right" in (str(tag.get("style")) + str(tag.get("align"))).lower() \
                    and looks_like_byline(text, True) and fold(text) not in site_auth:
                byline, byline_tag, out.byline_source = text, tag, "signature after the body"
                break
    if byline_tag is not None:
        blocks = [b for b in blocks if b is not byline_tag and byline_tag not in b.parents and b not in byline_tag.parents]

    fill_text(out, lead_text, [text_of(b) for b in blocks], byline)

    for tag in region.find_all(["iframe", "video", "embed", "object", "source", "a"]):
        src = str(tag.get("src") or tag.get("data-src") or tag.get("data") or tag.get("href") or "")
        player = player_of(tag.name, src)
        if player is not None:
            out.players.append(player)
    if region.find(class_=PLAYER_CLASS) is not None:
        out.players.append("player element")
    out.has_player = bool(out.players)

    _category(page, picked["category"], crumbs, cat_links, ld, soup, out)
    _published(soup, page, h1, region, picked["published"], ld, out, now)
    out.modified = parse_iso(str(ld.get("dateModified") or "")) or parse_iso(meta(soup, "article:modified_time"))
    return out


def last_block_byline(blocks: list, text_of, name_of, styled_of, site_auth: set[str]) -> tuple[str, object]:
    """The last body block when it reads as a signature, photo captions after it skipped:
    (its text, the block) or ("", None). The callables read a block of either parser."""
    for block in reversed(blocks):
        text = text_of(block)
        style = styled_of(block, text) if text else ""
        if not text or name_of(block) == "figcaption" or CAPTION_START.match(text) or style == "caption":
            continue  # a photo caption after the byline
        if looks_like_byline(text, style == "byline") and fold(text) not in site_auth:
            return text, block
        break
    return "", None


def author_line(text: str, site_auth: set[str]) -> str:
    """The byline an author line (``Tác giả: …``) gives, or "" (a site-wide author, too long)."""
    text = AUTHOR_LABEL.sub("", text)
    return text if text and fold(text) not in site_auth and len(text.split()) <= 16 else ""


def fill_text(out: Extracted, lead_text: str, block_texts: list[str], byline: str) -> None:
    """Lead, text, words and photo credits from the lead and the body blocks' texts (byline
    already left out). Without a lead, the first block is the lead."""
    block_texts = drop_meta_lines(block_texts)
    lead_is_block = False
    if not lead_text and block_texts:
        lead_text, lead_is_block = block_texts[0], True
    all_text = "\n".join(([lead_text] if lead_text and not lead_is_block else []) + block_texts)
    out.lead, out.text, out.words, out.byline = lead_text, all_text, count_words(all_text), byline
    out.photo_credits = [one_line(x) for x in PHOTO_CREDIT.findall(all_text)]


def drop_meta_lines(texts: list[str]) -> list[str]:
    """Leave out the short date, view-count and update lines a body may open with."""
    start = 0
    while start < len(texts) and len(texts[start].split()) <= 14 and META_LINE.search(texts[start]):
        start += 1
    return texts[start:]


def player_of(name: str, src: str) -> str | None:
    """What a player-like element in the article counts as (None: not a player)."""
    if name == "a":
        return src if VIDEO_FILE.search(src) else None
    if name == "video" or PLAYER_SRC.search(src):
        return src or name
    return None


def lead_between(title: Tag, body: Tag) -> Tag | None:
    """A lead without a class, set between the title and the body container: the first block
    there of 8 to 150 words that is neither a date or author line nor a list of links."""
    for node in title.next_elements:
        if node is body:
            return None
        if not isinstance(node, Tag) or node.name not in ("p", "h2", "h3", "h4", "div", "strong", "b", "em"):
            continue
        if title in node.parents:
            continue  # inside the title itself
        if node.find(["p", "div", "h2", "h3", "h4", "ul", "table"]) is not None:
            continue  # a container: look at its children
        if body in node.parents or _in_article_header(node, None) or node.find_parent(["a", "li", "figure"]):
            continue
        text = one_line(_text_of(node))
        words = len(text.split())
        links = sum(len(one_line(a.get_text(" "))) for a in node.find_all("a"))
        if 8 <= words <= 150 and links < len(text) / 2 and not find_date(text[:40])[0]:
            return node
    return None


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


def title_heading(page: Tag, head_title: str) -> Tag | None:
    """The article's title element: the h1 (or h2, h3) whose text the page's <title> or
    og:title holds (a site may put its logo in an h1); else the longest h1; else any element
    whose whole text is that title (a portal may set it in a <span> or <font>)."""
    key = fold(head_title)
    if key:
        for level in ("h1", "h2", "h3"):
            for tag in page.find_all(level):
                text = fold(tag.get_text(" "))
                if len(text) >= 12 and text in key:
                    return tag
    h1s = page.find_all("h1")
    if h1s:
        return max(h1s, key=lambda t: len(t.get_text(strip=True)))
    if len(key) >= 12:
        for tag in page.find_all(["span", "div", "font", "td", "p", "strong", "b"]):
            if fold(tag.get_text(" ")) == key and not tag.find(["div", "p", "td", "table"]):
                return tag
    return None


def _select_tag(root: Tag, selector: str) -> Tag | None:
    """The first element a profile selector picks (None for none, or a bad selector)."""
    if not selector:
        return None
    try:
        return root.select_one(selector)
    except Exception:  # a bad selector in the profile: fall back to the generic path
        return None


def _select(root: Tag, selector: str) -> tuple[str, str, str]:
    """(text, tag name, href or datetime attribute) of a profile selector, or empties; read
    before the boilerplate goes, so a pick inside a breadcrumb keeps its link."""
    tag = _select_tag(root, selector)
    if tag is None:
        return "", "", ""
    attr = str(tag.get("datetime") or tag.get("content") or tag.get("href") or "")
    return one_line(tag.get_text(" ")), tag.name, attr


def _article_region(h1: Tag | None, body: Tag) -> Tag:
    """The smallest element holding both the title and the body (the article itself)."""
    if h1 is None:
        return body
    body_chain = [body, *body.parents]
    for anc in h1.parents:
        if anc in body_chain:
            if anc.name in ("body", "html", "[document]"):
                return body
            return anc
    return body


def _category(page, picked, crumbs, cat_links, ld: dict, soup, out: Extracted) -> None:
    text, tag_name, href = picked

    def category_link() -> tuple[str, str] | None:
        return cat_links[0] if cat_links else None

    fill_category(out, text, href if tag_name == "a" else None, lambda: crumbs,
                  category_link, ld, lambda: meta(soup, "article:section"))  # fmt: skip


def category_links(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """(name, href) of the page's ``rel="category"`` links outside sidebars and menus, read
    before the boilerplate goes: a theme may put them in the article's own <footer>."""
    out = []
    for a in soup.find_all("a", rel=lambda r: r and "category" in (r if isinstance(r, list) else r.split())):
        ancestors = list(a.parents)
        if not in_sidebar([p.name for p in ancestors], [_classes(p) for p in ancestors]):
            out.append((one_line(a.get_text(" ")), a.get("href", "")))
    return out


def in_sidebar(names: list[str], classes: list[str]) -> bool:
    """Whether an element whose ancestors have these tag names and classes sits in a sidebar,
    a menu or a list of other articles."""
    return any(n in ("aside", "nav") for n in names) or any(SIDEBAR_CLASS.search(c) for c in classes)


def fill_category(out: Extracted, text: str, link_href: str | None, crumbs, category_link, ld: dict, section) -> None:
    """Category, first that applies: the profile selector (``text``, and ``link_href`` when it
    picked a link), the breadcrumb, a category link, JSON-LD articleSection, meta article:section.
    ``crumbs``, ``category_link`` and ``section`` are called only when needed."""
    names: list[str] = []
    if text:
        names += [text, _slug(link_href) if link_href is not None else ""]
        out.category_source = "profile selector"
    if not names:
        crumbs = crumbs()
        if crumbs:
            # the last crumb is the category; its parents still name the section for the kind
            # rules ("Video › Hoạt động công đoàn")
            for name, href in reversed(crumbs):
                names += [name, _slug(href)]
            out.category_source = "breadcrumb"
    if not names:
        link = category_link()
        if link:
            names += [link[0], _slug(link[1])]
            out.category_source = "category link"
    if not names and ld.get("articleSection"):
        section = ld["articleSection"]
        names += section if isinstance(section, list) else [str(section)]
        out.category_source = "JSON-LD articleSection"
    if not names:
        section = section()
        if section:
            names.append(section)
            out.category_source = "meta article:section"
    out.categories = [n for n in names if n]
    out.category = out.categories[0] if out.categories else ""


def _slug(href: str) -> str:
    path = re.sub(r"^[a-z]+://[^/]+", "", href or "").split("?")[0].strip("/")
    path = re.sub(r"/page/\d+$", "", path)
    return path.split("/")[-1] if path and not is_article_path("/" + path) else ""


def _breadcrumb(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """(name, href) of a breadcrumb's links, home and the article itself left out."""
    for tag in soup.find_all(True):
        if tag.attrs is None:
            continue
        label = str(tag.get("aria-label") or "")
        if "breadcrumb" in label.lower() or BREADCRUMB_CLASS.search(_classes(tag)) \
                or tag.get("itemtype", "").endswith("BreadcrumbList"):
            links = crumb_links((one_line(a.get_text(" ")), a["href"]) for a in tag.find_all("a", href=True))
            if links:
                return links
    return []


def crumb_links(pairs) -> list[tuple[str, str]]:
    """A breadcrumb's (name, href) links less home and the article itself."""
    links = []
    for name, href in pairs:
        path = re.sub(r"^[a-z]+://[^/]+", "", href)
        if not name or path in ("", "/", "#") or fold(name) in ("trang chủ", "home", "trang chu"):
            continue
        if is_article_path(path):
            continue
        links.append((name, href))
    return links


def profile_date(text: str, value: str) -> datetime | None:
    """The date a profile selector picked: its datetime/content attribute, else its text."""
    return parse_iso(value) if value else find_date(text)[0]


def _published(soup, page, h1, region, picked, ld: dict, out: Extracted, now) -> None:
    def take(dt: datetime | None, source: str) -> bool:
        if sane(dt, not_after=now):
            out.published, out.date_source = dt, source
            return True
        return False

    text, _tag, value = picked
    if (text or value) and take(profile_date(text, value), "profile selector"):
        return
    if take(parse_iso(str(ld.get("datePublished") or "")), "JSON-LD datePublished"):
        return
    if take(parse_iso(meta(soup, "article:published_time", "datePublished", "pubdate", "publishdate", "date")), "meta published_time"):
        return
    for tag in page.find_all(["time", "span", "div", "p", "meta", "abbr"]):
        if tag.attrs is None:
            continue
        cls = _classes(tag).lower()
        is_pub = tag.get("itemprop") == "datePublished" or re.search(r"(^|[\s_-])(published|pubdate|date-?published|publish-?date)([\s_-]|$)", cls)
        if not is_pub or re.search(r"updated|modified", cls):
            continue
        value = tag.get("datetime") or tag.get("content") or ""
        dt = parse_iso(value) if value else None
        if dt is None:
            dt = find_date(tag.get_text(" "))[0]
        if take(dt, "published <time>"):
            return
    # visible date text inside the article: the first one after the title that is not an update
    nodes = h1.next_elements if h1 is not None else region.descendants
    previous = ""
    for node in nodes:
        if not isinstance(node, NavigableString) or isinstance(node, Comment):
            continue
        if any(isinstance(p, Tag) and p.name in ("script", "style") for p in node.parents):
            continue
        text = str(node)
        if not text.strip():
            continue
        para = node.find_parent("p")
        if para is not None and len(para.get_text(" ").split()) >= 12:
            break  # the body's paragraphs begin: a date there is an event's, not the page's
        label, previous = previous[-30:], text
        m = re.search(r"\d{1,2}\s*[/\-.]\s*\d{1,2}\s*[/\-.]\s*\d{4}|\d{1,2}\s*:\s*\d{2}\s*[-–|,]?\s*\d{1,2}\s*/|ngày\s+\d", text)
        if not m:
            continue
        if any(UPDATED_HINT.search(_classes(p)) for p in node.parents if isinstance(p, Tag) and p is not page):
            continue
        before = label + text[: m.start()]
        if UPDATED_HINT.search(before[-30:]) or TODAY_HINT.search(before[-30:]):
            continue
        dt, has_time = find_date(text)
        if dt is not None and take(dt, "visible date" if has_time else "visible date (no time)"):
            return
        break
    # a <time> element without class (not updated)
    for tag in region.find_all("time"):
        if UPDATED_HINT.search(_classes(tag)):
            continue
        if take(parse_iso(tag.get("datetime") or "") or find_date(tag.get_text(" "))[0], "<time> element"):
            return
    out.problems.append("no publish date on the page")


# ---------------------------------------------------------------- listings
@dataclass
class ListingEntry:
    url: str  # absolute, as found
    title: str
    date: datetime | None
    summary: str = ""


def listing_entries(
    html: str | bytes, page_url: str, sel: Selectors | None = None, sitewide: frozenset | set = frozenset()
) -> tuple[list[ListingEntry], list[str]]:
    """(the listing's own entries, every other article link on the page). ``sitewide``: article
    keys known to stand in the site's own boxes on every listing; the elements holding them are
    left out (an entry of this listing that is also in such a box stays an entry)."""
    from urllib.parse import urljoin

    sel = sel or Selectors()
    soup = soup_of(html)
    all_links = []
    for a in soup.find_all("a", href=True):
        href = urljoin(page_url, a["href"])
        if is_article_path(href):
            all_links.append(href)
    entries: list[ListingEntry] = []
    seen: set[str] = set()
    if sel.listing_entry:
        try:
            boxes = soup.select(sel.listing_entry)
        except Exception:
            boxes = []
        for box in boxes:
            link = box.select_one(sel.listing_link) if sel.listing_link else box.find("a", href=True)
            if link is None or not link.get("href"):
                continue
            href = urljoin(page_url, link["href"])
            if not is_article_path(href) or href in seen:
                continue
            seen.add(href)
            dtext = one_line(box.select_one(sel.listing_date).get_text(" ")) if sel.listing_date and box.select_one(sel.listing_date) else one_line(box.get_text(" "))
            entries.append(ListingEntry(href, one_line(link.get_text(" ")) or one_line(link.get("title", "")), find_date(dtext)[0]))
    if not entries:
        page = soup.body or soup
        strip_boilerplate(page)
        boxes = _site_boxes(page, page_url, sitewide) if sitewide else []
        by_key: dict[str, ListingEntry] = {}
        for a in page.find_all("a", href=True):
            href = urljoin(page_url, a["href"])
            if not is_article_path(href):
                continue
            key = canonical_key(href)
            if any(box in a.parents for box in boxes) or (sitewide and not boxes and key in sitewide):
                continue
            title = one_line(a.get_text(" ")) or one_line(a.get("title", ""))
            if key in by_key:  # an image link and a text link to the same article
                entry = by_key[key]
                entry.title = entry.title or title
                if entry.date is None:
                    box = _entry_box(a)
                    entry.date = find_date(one_line(box.get_text(" ")))[0]
                continue
            box = _entry_box(a)
            text = one_line(box.get_text(" ")) if box is not None else ""
            by_key[key] = ListingEntry(href, title, find_date(text)[0], text[:300])
        entries = list(by_key.values())
    own = {canonical_key(e.url) for e in entries}
    others = [u for u in dict.fromkeys(all_links) if canonical_key(u) not in own]
    return entries, others


def _site_boxes(page: Tag, page_url: str, sitewide) -> list[Tag]:
    """The outermost elements whose article links are (nearly) all ``sitewide`` ones."""
    from urllib.parse import urljoin

    counts: dict[int, list] = {}
    for a in page.find_all("a", href=True):
        href = urljoin(page_url, a["href"])
        if not is_article_path(href):
            continue
        boxed = canonical_key(href) in sitewide
        for anc in a.parents:
            if anc.name in ("body", "html", "[document]"):
                break
            rec = counts.setdefault(id(anc), [anc, 0, 0])
            rec[1] += boxed
            rec[2] += 1
    found = [rec[0] for rec in counts.values() if rec[1] >= 3 and rec[1] >= 0.9 * rec[2]]
    return [b for b in found if not any(o is not b and o in b.parents for o in found)]


def _entry_box(a: Tag) -> Tag:
    """The smallest ancestor of a listing link that holds one entry (a single article link)."""
    box = a
    for parent in a.parents:
        if parent.name in ("body", "html", "[document]"):
            break
        links = {canonical_key(x["href"]) for x in parent.find_all("a", href=True) if is_article_path(x["href"])}
        if len(links) > 1:
            break
        box = parent
    return box


def page_links(html: str | bytes, page_url: str) -> list[tuple[str, str]]:
    """(absolute href, text) of every link of a page, boilerplate included (for navigation)."""
    from urllib.parse import urljoin

    soup = soup_of(html)
    return [(urljoin(page_url, a["href"]), one_line(a.get_text(" "))) for a in soup.find_all("a", href=True)]


def nav_links(html: str | bytes, page_url: str) -> list[tuple[str, str]]:
    """Links inside the page's navigation (nav elements or menu-like containers)."""
    from urllib.parse import urljoin

    soup = soup_of(html)
    out = []
    for nav in soup.find_all(True):
        if nav.attrs is None:
            continue
        if nav.name == "nav" or re.search(r"(^|[\s_-])(nav\w*|menu\w*)([\s_-]|$)", _classes(nav), re.I):
            for a in nav.find_all("a", href=True):
                out.append((urljoin(page_url, a["href"]), one_line(a.get_text(" "))))
    return list(dict.fromkeys(out))


def feed_links(html: str | bytes, page_url: str) -> list[str]:
    from urllib.parse import urljoin

    soup = soup_of(html)
    out = []
    for link in soup.find_all("link", href=True):
        rel = " ".join(link.get("rel") or []).lower()
        typ = (link.get("type") or "").lower()
        if "alternate" in rel and ("rss" in typ or "atom" in typ or "xml" in typ):
            label = f"{link['href']} {link.get('title') or ''}".lower()
            if "comment" not in label and "bình luận" not in label:  # not a comments feed
                out.append(urljoin(page_url, link["href"]))
    return out


def local_midnight(dt: datetime) -> datetime:
    return dt.astimezone(LOCAL).replace(hour=0, minute=0, second=0, microsecond=0)
