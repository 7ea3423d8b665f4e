"""Write a DYI export in its HTML form from the same post objects the JSON form holds.

The layout follows Facebook's HTML export of 2024-25 (see tests/fixtures/facebook/README.md):
one ``<section class="_a6-g">`` per post with an ``<h2>`` title, the content in
``<div class="_2ph_ _a6-p">`` (text, ``<img>``/``<video>`` media, shared links, an "Updated …"
line) and the date in ``<footer class="_3-94 _a6-o">…<div class="_a72d">``; dates in the
exporter's language and local time.
"""

from __future__ import annotations

import html
import zipfile
from datetime import datetime
from pathlib import Path, PurePosixPath

from collectors.facebook.common import LOCAL

MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def fmt_date(ts: int, lang: str = "vi") -> str:
    """``Tháng 10 01, 2025 10:21:24 ch`` (vi) or ``Oct 01, 2025 10:21:24 pm`` (en)."""
    dt = datetime.fromtimestamp(ts, LOCAL)
    h12 = dt.hour % 12 or 12
    if lang == "vi":
        return f"Tháng {dt.month} {dt.day:02d}, {dt.year} {h12}:{dt.minute:02d}:{dt.second:02d} {'ch' if dt.hour >= 12 else 'sa'}"
    return f"{MONTHS_EN[dt.month - 1]} {dt.day:02d}, {dt.year} {h12}:{dt.minute:02d}:{dt.second:02d} {'pm' if dt.hour >= 12 else 'am'}"


def _rel(uri: str, page: str) -> str:
    """The media path relative to the HTML page (the export links it that way)."""
    depth = len(PurePosixPath(page).parts) - 1
    return "../" * depth + uri


def _text_html(text: str) -> str:
    return "<br />".join(html.escape(line) for line in text.split("\n"))


def post_section(p: dict, page: str, lang: str, n: int) -> str:
    ts = p["timestamp"]
    texts = [d["post"] for d in p.get("data", []) if isinstance(d, dict) and d.get("post")]
    parts = []
    if texts:
        parts.append(f'<div class="_2pin"><div>{_text_html(texts[0])}</div></div>')
    for att in p.get("attachments", []):
        for d in att.get("data", []):
            m = d.get("media")
            if m:
                src = html.escape(_rel(m["uri"], page))
                if "video_metadata" in (m.get("media_metadata") or {}):
                    parts.append(f'<div class="_2pin"><video src="{src}" class="_a6_o _3-96" controls="1">'
                                 f'<a href="{src}"><img src="{src}.jpg" /></a></video></div>')  # fmt: skip
                else:
                    parts.append(
                        f'<div class="_2pin"><a href="{src}"><img src="{src}" class="_a6_o _3-96" /></a></div>'
                    )
                if m.get("description") and not texts:
                    parts.append(
                        f'<div class="_2pin"><div>{_text_html(m["description"])}</div></div>'
                    )
            ctx = d.get("external_context")
            if ctx and ctx.get("url"):
                u = html.escape(ctx["url"])
                parts.append(f'<div class="_2pin"><a href="{u}" target="_blank">{u}</a></div>')
    updated = "Đã cập nhật" if lang == "vi" else "Updated"
    parts.append(f'<div class="_2pin"><div>{updated} {fmt_date(ts, lang)}</div></div>')
    title = html.escape(p.get("title") or "")
    return (
        f'<section class="_a6-g" aria-labelledby="u_0_{n}_x"><h2 class="_2ph_ _a6-h _a6-i" id="u_0_{n}_x">{title}</h2>'
        f'<div class="_2ph_ _a6-p"><div>{"".join(parts)}</div></div>'
        f'<footer class="_3-94 _a6-o"><a href="https://www.facebook.com/dyi/l/?l=AYC{n}" target="_blank">'
        f'<div class="_a72d">{fmt_date(ts, lang)}</div></a></footer></section>'
    )


def video_section(v: dict, page: str, lang: str, n: int) -> str:
    src = html.escape(_rel(v["uri"], page))
    desc = (
        f'<div class="_2pin"><div>{_text_html(v["description"])}</div></div>'
        if v.get("description")
        else ""
    )
    return (
        f'<section class="_a6-g"><h2 class="_2ph_ _a6-h _a6-i">{html.escape(v.get("title") or "Video")}</h2>'
        f'<div class="_2ph_ _a6-p"><div><div class="_2pin"><video src="{src}" controls="1"></video></div>{desc}</div></div>'
        f'<footer class="_3-94 _a6-o"><div class="_a72d">{fmt_date(v["creation_timestamp"], lang)}</div></footer></section>'
    )


def page_html(sections: list[str], title: str) -> str:
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8" /><title>'
        + html.escape(title)
        + "</title>"
        '<style>._a6-g{margin:12px}</style></head><body class="_5vb_ _2yq _a7o5">'
        '<div class="clearfix _ikh"><div class="_4bl9"><div class="_li"><div class="_a705">'
        f'<div class="_a706" role="main">{"".join(sections)}</div></div></div></div></div></body></html>'
    )


def write_html_export(
    dest: Path, json_files: dict, *, lang: str = "vi", as_zip: bool = True
) -> Path:
    """``json_files`` as :func:`collectors.facebook.dyi`'s JSON export would hold them
    (``{path: posts list or videos_v2 object}``, repaired text), written as the HTML export."""
    pages: dict[str, str] = {}
    for name, doc in json_files.items():
        page = name[: -len(".json")] + ".html"
        if isinstance(doc, dict) and "videos_v2" in doc:
            secs = [video_section(v, page, lang, i) for i, v in enumerate(doc["videos_v2"])]
            pages[page] = page_html(secs, "Video")
        else:
            secs = [post_section(p, page, lang, i) for i, p in enumerate(doc)]
            pages[page] = page_html(secs, "Bài viết" if lang == "vi" else "Posts")
    dest = Path(dest)
    if as_zip:
        with zipfile.ZipFile(dest, "w", compression=zipfile.ZIP_DEFLATED) as z:
            for name, text in pages.items():
                z.writestr(name, text.encode("utf-8"))
    else:
        for name, text in pages.items():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            (dest / name).write_text(text, encoding="utf-8")
    return dest
