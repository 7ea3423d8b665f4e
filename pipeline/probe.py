"""What the collector makes of pages, for the operator tuning the site profile: one page field
by field (with how each was found and what was left out, in Vietnamese), or a sample of pages
across the categories as one table row a page."""

from __future__ import annotations

from urllib.parse import urlsplit

from collectors.dates import to_local
from collectors.extraction import listing_entries, nav_links
from collectors.http import FetchError, HttpClient
from collectors.page_item import Hint, item_from_page
from collectors.urls import canonical_key, is_article_path, resolve
from pipeline.ingest import process_item
from pipeline.settings import Config

SOURCES = {
    "profile selector": "bộ chọn trong cấu hình", "JSON-LD headline": "JSON-LD headline",
    "title heading": "thẻ tiêu đề (h1)", "page <title>": "thẻ <title> của trang",
    "JSON-LD datePublished": "JSON-LD datePublished", "meta published_time": "thẻ meta published_time",
    "published <time>": "thẻ <time> ngày đăng", "visible date": "ngày ghi dưới tiêu đề",
    "visible date (no time)": "ngày ghi dưới tiêu đề (không có giờ)",
    "labelled date": "dòng “Ngày đăng” dưới tiêu đề", "labelled date (no time)": "dòng “Ngày đăng” (không có giờ)",
    "<time> element": "thẻ <time>", "listing date": "ngày ở danh sách tin", "feed date": "ngày trong RSS",
    "breadcrumb": "đường dẫn (breadcrumb)", "category link": "liên kết chuyên mục",
    "JSON-LD articleSection": "JSON-LD articleSection", "meta article:section": "thẻ meta article:section",
    "listing": "chuyên mục liệt kê bài", "feed category": "chuyên mục trong RSS",
    "lead class": "khối sapo", "block between title and body": "đoạn giữa tiêu đề và bài",
    "first paragraph": "đoạn đầu bài", "densest container": "khối nhiều chữ nhất (tự nhận)",
    "whole page": "cả trang: không tìm thấy khung bài", "last paragraph": "đoạn cuối bài",
    "author line": "dòng tác giả", "labelled lines after the body": "dòng ký tên sau khung bài", "signature after the body": "chữ ký sau khung bài",
}  # fmt: skip
LABELS = {
    "url": "Địa chỉ", "title": "Tiêu đề", "published": "Ngày đăng", "categories": "Chuyên mục",
    "lead": "Sapo", "words": "Số chữ", "body": "Khung nội dung", "byline": "Bút danh",
    "photo_credits": "Ảnh", "players": "Video", "kind": "Loại tin", "unit": "Đơn vị",
    "contributors": "Cộng tác viên", "left_out": "Đã bỏ ra khỏi bài",
    "fallbacks": "Bộ chọn không khớp", "flags": "Cần kiểm tra", "problems": "Lỗi",
}  # fmt: skip


def vi(source: str) -> str:
    return SOURCES.get(source, source) or "không thấy"


def when(dt) -> str:
    return f"{to_local(dt):%d/%m/%Y %H:%M}" if dt else "-"


def probe_page(url: str, html: str | bytes, config: Config, hint: Hint | None = None) -> dict:
    """Every field of one page, the kind and unit it would get, and why."""
    key = canonical_key(url)
    item, ex = item_from_page(key, url, html, hint or Hint(url=url), config.site)
    row, contributors = process_item(item, config)
    return {
        "url": url, "title": item.title, "title_source": ex.title_source,
        "published": item.published.isoformat() if item.published else None,
        "published_local": when(item.published), "date_source": item.date_source,
        "categories": item.raw.get("categories", []), "category_source": item.category_source,
        "lead": item.lead, "lead_source": ex.lead_source, "words": item.words,
        "body_source": ex.body_source, "byline": item.byline, "byline_source": ex.byline_source,
        "photo_credits": item.photo_credits, "players": ex.players, "player_kinds": ex.player_kinds,
        "kind": row["kind"], "kind_reason": row["kind_reason"], "with_video": bool(row["with_video"]),
        "is_repost": bool(row["is_repost"]), "unit": row["unit_id"], "unit_reason": row["unit_reason"],
        "contributors": contributors,
        "left_out": [{"part": p, "reason": r, "text": t} for p, r, t in ex.left_out],
        "fallbacks": ex.fallbacks, "flags": row["flags"], "problems": ex.problems,
    }  # fmt: skip


def page_text(report: dict) -> str:
    """The report of one page as lines for the operator."""
    lines = []

    def add(label: str, value, source: str | None = None) -> None:
        text = "; ".join(map(str, value)) if isinstance(value, list) else str(value if value not in (None, "") else "-")
        if source is not None:
            text += f"   [theo: {vi(source)}]"
        lines.append(f"{LABELS.get(label, label):18s}  {text}")

    add("url", report["url"])
    add("title", report["title"], report["title_source"])
    add("published", report["published_local"], report["date_source"])
    add("categories", report["categories"], report["category_source"])
    lead = report["lead"]
    add("lead", lead[:200] + "…" if len(lead) > 200 else lead, report["lead_source"])
    add("words", report["words"])
    add("body", vi(report["body_source"]))
    add("byline", report["byline"], report["byline_source"])
    add("photo_credits", report["photo_credits"])
    add("players", [f"{k}: {p}" for k, p in zip(report["player_kinds"], report["players"], strict=True)])
    add("kind", f"{report['kind']} ({report['kind_reason']})")
    add("unit", f"{report['unit'] or 'không có'} ({report['unit_reason'] or '-'})")
    add("contributors", report["contributors"])
    if report["left_out"]:
        lines.append(f"{LABELS['left_out']:18s}")
        for x in report["left_out"]:
            lines.append(f"  - {x['reason']}: {x['text'][:90]}")
    else:
        add("left_out", "không có")
    add("fallbacks", report["fallbacks"] or "không có")
    add("flags", report["flags"] or "không có")
    add("problems", report["problems"])
    return "\n".join(lines)


def sample(client: HttpClient, base: str, config: Config, n: int, log=lambda m: None,
           tell=None) -> list[dict]:  # fmt: skip
    """``n`` articles read across the categories (page 1 of each listing, in turn).
    ``tell(kind, name, response)`` is told of every page read ("home", "listing", "article")."""
    base = base.rstrip("/")
    tell = tell or (lambda kind, name, resp: None)
    home = client.get(base + "/")
    tell("home", "", home)
    slugs = list(config.site.site.categories)
    names: dict[str, str] = {}
    if home.ok and home.text:
        for href, text in nav_links(home.text, home.url):
            path = urlsplit(href).path.strip("/")
            if path and "/" not in path and "." not in path and not is_article_path(href):
                slugs.append(path)
                names.setdefault(path, text)
    queues = []
    for slug in dict.fromkeys(slugs):
        try:
            resp = client.get(f"{base}/{slug}")
        except FetchError as exc:
            log(f"{slug}: {exc}")
            continue
        if resp.status != 200 or not resp.text:
            continue
        entries, _ = listing_entries(resp.text, resp.url, config.site.selectors)
        if entries:
            tell("listing", slug, resp)
            queues.append((slug, entries))
    reports, seen = [], set()
    while len(reports) < n and any(q for _, q in queues):
        for slug, entries in queues:
            if not entries or len(reports) >= n:
                continue
            e = entries.pop(0)
            url = resolve(e.url, base + "/", base, (config.site.site.base_url,))  # the site's own host, served at base
            if canonical_key(url) in seen:
                continue
            seen.add(canonical_key(url))
            hint = Hint(url=url, title=e.title, published=e.date, date_source="listing date" if e.date else "",
                        category=names.get(slug, slug), category_source="listing",
                        categories=[names.get(slug, slug), slug])  # fmt: skip
            try:
                resp = client.get(url)
            except FetchError as exc:
                log(str(exc))
                continue
            if resp.status == 200 and resp.text:
                tell("article", url, resp)
                reports.append(probe_page(url, resp.text, config, hint))
    return reports


def _cut(text: str, width: int) -> str:
    text = str(text or "-")
    return text if len(text) <= width else text[: width - 1] + "…"


def sample_table(reports: list[dict]) -> str:
    """One row a page: title, date and its source, kind and why, unit and why, words, byline,
    flags."""
    head = ["Tiêu đề", "Ngày đăng (theo)", "Loại (vì)", "Đơn vị (vì)", "Chữ", "Bút danh", "Cần kiểm tra"]
    widths = [38, 34, 34, 34, 5, 22, 50]
    rows = [head]
    for r in reports:
        rows.append([
            r["title"], f"{r['published_local']} ({vi(r['date_source'])})",
            f"{r['kind']} ({r['kind_reason']})", f"{r['unit'] or '-'} ({r['unit_reason'] or '-'})",
            str(r["words"]), r["byline"], "; ".join(r["flags"]) or "-",
        ])  # fmt: skip
    lines = [" | ".join(_cut(c, w).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    return "\n".join([*lines, f"Video theo loại: {players_by_kind(reports)}"])


def player_counts(reports: list[dict]) -> dict[str, int]:
    """How many players of each kind the pages hold, most first."""
    counts: dict[str, int] = {}
    for r in reports:
        for kind in r.get("player_kinds", []):
            counts[kind] = counts.get(kind, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def players_by_kind(reports: list[dict]) -> str:
    """How many players of each kind the pages hold ("youtube 3, jwplayer 1"), most first."""
    return ", ".join(f"{k} {n}" for k, n in player_counts(reports).items()) or "không có"
