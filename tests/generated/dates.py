"""The publish date as the page writes it, in the modes of the ``date`` dimension.

``head`` gives what goes in the page's head (meta tags, JSON-LD fields), ``visible`` the date
block under the title. Every mode also writes a modified date (and some the creation time, which
is the URL's stamp), so that a collector taking the wrong one is caught."""

from __future__ import annotations

from datetime import UTC, datetime

from pipeline.demo.replica.model import LOCAL, Article
from pipeline.demo.replica.pages import iso, vn_datetime
from pipeline.demo.replica.text import WEEKDAYS

PUBLISHED_LABELS = ("Ngày đăng", "Đăng ngày", "Xuất bản")
UPDATED_LABELS = ("Cập nhật", "Sửa lần cuối", "Ngày cập nhật")


def _local(dt: datetime) -> datetime:
    return dt.astimezone(LOCAL)


def created(a: Article) -> datetime:
    return datetime.fromtimestamp(a.created, UTC)


def twelve(dt: datetime, english: bool) -> str:
    dt = _local(dt)
    h = dt.hour % 12 or 12
    mark = ("AM" if dt.hour < 12 else "PM") if english else ("SA" if dt.hour < 12 else "CH")
    return f"{h:02d}:{dt:%M} {mark}"


def head(a: Article, mode: str) -> tuple[str, dict]:
    """(meta tags, JSON-LD fields) for the head."""
    if mode == "meta":
        return (f'<meta property="article:published_time" content="{iso(a.published)}">\n'
                f'<meta property="article:modified_time" content="{iso(a.modified)}">'), {}
    if mode == "meta-utc":
        pub = a.published.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        mod = a.modified.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return (f'<meta property="article:modified_time" content="{mod}">\n'
                f'<meta property="article:published_time" content="{pub}">'), {}
    if mode == "jsonld":
        return "", {"dateModified": iso(a.modified), "datePublished": iso(a.published)}
    return "", {}


def visible(a: Article, mode: str) -> str:
    """The date block under the title."""
    pub, mod = _local(a.published), _local(a.modified)
    if mode == "time-class":
        return (f'<div class="times"><time class="updated" datetime="{iso(a.modified)}">Cập nhật '
                f'{mod:%H:%M %d/%m/%Y}</time> · <time class="published" datetime="{iso(a.published)}">'
                f"{pub:%H:%M %d/%m/%Y}</time></div>")
    if mode == "time-itemprop":
        made = _local(created(a))
        return (f'<div class="dates"><span>Tạo: <time itemprop="dateCreated" datetime="{iso(made)}">'
                f'{made:%d/%m/%Y %H:%M}</time></span> <span>Đăng: <time itemprop="datePublished" '
                f'datetime="{iso(a.published)}">{pub:%d/%m/%Y %H:%M}</time></span> <span>Sửa: <time '
                f'itemprop="dateModified" datetime="{iso(a.modified)}">{mod:%d/%m/%Y %H:%M}</time>'
                "</span></div>")
    if mode == "visible":
        return f'<div class="post-meta"><span class="post-date">{vn_datetime(a.published)}</span></div>'
    if mode == "labelled":
        k = a.created % 3
        p = f"{PUBLISHED_LABELS[k]}: {pub:%d/%m/%Y %H:%M}"
        u = f"{UPDATED_LABELS[k]}: {mod:%d/%m/%Y %H:%M}"
        first, second = (u, p) if a.created % 2 else (p, u)
        return f'<div class="date-line">{first} | {second}</div>'
    if mode == "time-first":
        return f'<div class="date">{pub:%H:%M} | {pub:%d-%m-%Y}</div>'
    if mode == "words":
        return (f'<div class="date">{WEEKDAYS[pub.weekday()]}, ngày {pub.day} tháng {pub.month} '
                f"năm {pub.year}, {pub:%H:%M}</div>")
    if mode == "twelve-hour":
        english = a.created % 2 == 0
        return (f'<div class="date">{pub:%d/%m/%Y} {twelve(a.published, english)}'
                f' <span class="updated">(Cập nhật: {mod:%d/%m/%Y} {twelve(a.modified, english)})'
                "</span></div>")
    # meta, meta-utc, jsonld: a date line in the page's own short form beside the head's
    return f'<div class="detail-time"><span class="date">{pub:%d/%m/%Y %H:%M}</span></div>'
