"""Read the HTML form of a "Download Your Information" export (Facebook's default choice).

The posts file (``your_posts*.html``, ``profile_posts_*.html``) holds one block per post:

    <section class="_a6-g">                       (older exports: <div class="pam _3-95 _a6-g uiBoxWhite">)
      <h2 class="_2ph_ _a6-h _a6-i">Công đoàn Hà Tĩnh đã cập nhật trạng thái.</h2>
      <div class="_2ph_ _a6-p">
        <div><div class="_2pin"><div>the text of the post</div></div>
             <div class="_2pin"><a href="media/…/1.jpg"><img src="media/…/1.jpg"></a></div>
             <div class="_2pin"><video src="media/…/2.mp4"></video></div>
             <div class="_2pin"><a href="https://…">https://…</a></div>   (a shared link)
             <div class="_2pin"><div>Updated Oct 01, 2025 10:21:24 pm</div></div></div>
      </div>
      <footer class="_3-94 _a6-o"><a href="…"><div class="_a72d">Oct 01, 2025 10:21:24 pm</div></a></footer>
    </section>

``videos.html`` lists the Page's videos the same way (the text is the video's description).
Dates are in the exporter's language and the federation's local time: ``Oct 01, 2025 10:21:24
pm`` or ``Tháng 10 01, 2025 10:21:24 ch`` (``sa`` morning, ``ch`` afternoon). The posts found
are the same :class:`collectors.facebook.dyi._Post` records the JSON reader makes, so the same
rules (copies, videos counted once, orphan videos) apply to both.
"""

from __future__ import annotations

import re
from datetime import datetime

from bs4 import BeautifulSoup, Tag

from collectors.facebook.common import LOCAL, clean_link
from collectors.facebook.dyi_posts import _Media, _Post, valid_ts
from collectors.facebook.errors import FacebookImportError
from collectors.facebook.mojibake import repair_text

MONTHS_EN = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}  # fmt: skip
MONTHS_EN.update({"sept": 9})
_DATE_EN = re.compile(
    r"^(?P<mon>[A-Za-z]{3,9})\.?\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{4})(?:,|\s+at)?\s+"
    r"(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?\s*(?P<ap>[AaPp]\.?[Mm]\.?)?$"
)
_DATE_VI = re.compile(
    r"^(?:Tháng|Thg|tháng|thg)\s*(?P<mon>\d{1,2}),?\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{4}),?\s+"
    r"(?:lúc\s+)?(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?\s*(?P<ap>SA|CH|sa|ch|Sa|Ch)?$"
)
_DATE_NUM = re.compile(  # 01/10/2025 22:21[:24] (dd/mm/yyyy), as some Vietnamese exports write it
    r"^(?P<d>\d{1,2})/(?P<mon>\d{1,2})/(?P<y>\d{4}),?\s+(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?$"
)
_UPDATED = re.compile(r"^(Updated|Đã cập nhật|Cập nhật)\s", re.I)
VIDEO_EXT = (".mp4", ".mov", ".m4v", ".webm", ".avi", ".mkv")
_FB_HOSTS = re.compile(r"^https?://([a-z0-9-]+\.)*(facebook\.com|fb\.com|fbcdn\.net)(/|$)", re.I)


def parse_date(text: str) -> datetime | None:
    """A post's date as the HTML export writes it (local time), or None."""
    v = " ".join((text or "").replace("\u202f", " ").split())
    m = _DATE_EN.match(v) or _DATE_VI.match(v) or _DATE_NUM.match(v)
    if not m:
        return None
    mon = m.group("mon")
    month = (
        int(mon)
        if mon.isdigit()
        else MONTHS_EN.get(mon[:4].lower().rstrip(".")) or MONTHS_EN.get(mon[:3].lower())
    )
    hour = int(m.group("h"))
    ap = (m.groupdict().get("ap") or "").lower().replace(".", "")
    if ap in ("pm", "ch") and hour < 12:
        hour += 12
    elif ap in ("am", "sa") and hour == 12:
        hour = 0
    try:
        return datetime(int(m.group("y")), month or 0, int(m.group("d")), hour, int(m.group("mi")),
                        int(m.group("s") or 0), tzinfo=LOCAL)  # fmt: skip
    except (ValueError, TypeError):
        return None


def _has_class(tag: Tag, *names: str) -> bool:
    classes = tag.get("class") or []
    return any(n in classes for n in names)


def post_blocks(soup: BeautifulSoup) -> list[Tag]:
    """The outermost post blocks of a page."""
    blocks = soup.find_all(lambda t: isinstance(t, Tag) and _has_class(t, "_a6-g", "uiBoxWhite"))
    out = []
    for b in blocks:
        parent = b.find_parent(
            lambda t: isinstance(t, Tag) and _has_class(t, "_a6-g", "uiBoxWhite")
        )
        if parent is None:
            out.append(b)
    return out


def _date_of(block: Tag) -> datetime | None:
    for el in block.find_all(lambda t: isinstance(t, Tag) and _has_class(t, "_a72d", "_2lem")):
        dt = parse_date(el.get_text(" ", strip=True))
        if dt is not None:
            return dt
    footer = block.find(
        lambda t: isinstance(t, Tag) and (t.name == "footer" or _has_class(t, "_a6-o"))
    )
    if footer is not None:
        return parse_date(footer.get_text(" ", strip=True))
    return None


def _title_of(block: Tag) -> str:
    h = block.find(lambda t: isinstance(t, Tag) and _has_class(t, "_a6-h", "_2lek"))
    return h.get_text(" ", strip=True) if h is not None else ""


def _content_of(block: Tag) -> Tag | None:
    return block.find(lambda t: isinstance(t, Tag) and _has_class(t, "_a6-p", "_2let"))


def read_block(block: Tag) -> dict | None:
    """``{"dt", "title", "text", "media": [(uri, is_video)], "links": [url]}`` of a post block."""
    dt = _date_of(block)
    if dt is None:
        return None
    content = _content_of(block)
    texts: list[str] = []
    media: list[tuple[str, bool]] = []
    links: list[str] = []
    if content is not None:
        for el in content.find_all(["img", "video", "a", "source"]):
            if el.name != "video" and el.find_parent("video") is not None:
                continue  # a player's fallback link or poster image
            src = el.get("src") or el.get("href") or ""
            if el.name in ("img", "video", "source") and src and not src.startswith("data:"):
                media.append((src, el.name != "img" or src.lower().endswith(VIDEO_EXT)))
            elif el.name == "a" and src:
                if src.lower().split("?")[0].endswith(VIDEO_EXT):
                    media.append((src, True))
                elif src.startswith(("http://", "https://")) and not _FB_HOSTS.match(src):
                    links.append(src)
        for el in content.find_all(["div", "p"]):
            if el.find(["div", "p", "img", "video", "table"]) is not None:
                continue
            t = el.get_text("\n", strip=True)
            own = "".join(x for x in el.find_all(string=True) if x.find_parent("a") is None or
                          x.find_parent("a") not in el.find_all("a")).strip()  # fmt: skip
            if t and own and not _UPDATED.match(t) and parse_date(t) is None:
                texts.append(t)
    seen: set[str] = set()
    unique = [t for t in texts if not (t in seen or seen.add(t))]
    text = repair_text(unique[0]) if unique else ""
    uris = list(dict.fromkeys(media))
    return {"dt": dt, "title": _title_of(block), "text": text, "media": uris,
            "links": [clean_link(u) for u in links]}  # fmt: skip


def read_posts_html(html: str) -> tuple[list[dict], int]:
    """(readable blocks, blocks without a readable date) of a posts or videos page."""
    soup = BeautifulSoup(html, "lxml")
    blocks = post_blocks(soup)
    out, undated = [], 0
    for b in blocks:
        r = read_block(b)
        if r is None:
            undated += 1
        else:
            out.append(r)
    return out, undated


def looks_like_export_page(html: str) -> bool:
    return "_a6-g" in html or "uiBoxWhite" in html


def read_html_members(src, path, fmt, post_html, video_html, result, posts, videos) -> None:
    """The posts and videos of an HTML export, as the JSON reader would have them."""
    for name in post_html + video_html:
        label = f"{path}: {name}" if fmt == "dyi-zip" else str(path / name)
        data = src.read(name)
        html = data.decode("utf-8", "replace")
        if not looks_like_export_page(html):
            raise FacebookImportError(
                f'{label}: not a page of a Facebook HTML export (expected <section class="_a6-g"> '
                "blocks, one per post)"
            )
        blocks, undated = read_posts_html(html)
        result.files.append(name)
        if undated:
            result.warnings.append(f"{label}: {undated} block(s) without a readable date (ignored)")
        for i, b in enumerate(blocks):
            ts = int(b["dt"].timestamp())
            if not valid_ts(ts):
                result.warnings.append(f"{label}: post #{i + 1}: date outside 2004–2100 (ignored)")
                continue
            if name in video_html:
                for uri, _video in b["media"][:1]:
                    videos.append(({"uri": uri, "creation_timestamp": ts, "description": b["text"]},
                                   f"{name}#{i + 1}"))  # fmt: skip
                continue
            links = [u for u in b["links"] if u]
            posts.append(_Post(
                ts=ts, text=b["text"], link=links[0] if links else "", had_link=bool(b["links"]),
                media=[_Media(uri=u, created=None, video=v) for u, v in b["media"]],
                origin=f"{name}#{i + 1}", export_title=b["title"],
            ))  # fmt: skip
