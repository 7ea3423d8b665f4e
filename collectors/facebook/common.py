"""Helpers shared by the Facebook readers: titles, text identity, local time, link canonicalisation."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime

from collectors.dates import LOCAL
from collectors.textnorm import fold

TITLE_MAX = 120
SCRUBBED_LINKS = {"http://0.0.0.0/", "http://0.0.0.0", "https://0.0.0.0/", "https://0.0.0.0"}
_URL = re.compile(r"https?://[^\s<>\"')\]]+", re.I)


def first_line(text: str, limit: int = TITLE_MAX) -> str:
    """The first non-empty line of ``text``, cut at a word boundary to about ``limit`` chars."""
    for line in (text or "").splitlines():
        line = " ".join(line.split())
        if not line:
            continue
        if len(line) <= limit:
            return line
        cut = line[:limit].rsplit(" ", 1)[0] or line[:limit]
        return cut.rstrip(" ,.;:-–—") + "…"
    return ""


def text_key(text: str) -> str:
    """A short, stable hash of the normalised text (NFC, case, tone marks, spaces)."""
    return hashlib.sha1(fold(text or "").encode("utf-8")).hexdigest()[:10]


def utc_minute(dt: datetime) -> str:
    """``YYYY-MM-DDTHH:MM`` of an aware instant in UTC (the same minute as local, UTC+7)."""
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M")


def local_month(dt: datetime) -> str:
    return dt.astimezone(LOCAL).strftime("%Y-%m")


def clean_link(url: str | None) -> str:
    """The shared link, or '' when it is empty or scrubbed by the exporter."""
    url = (url or "").strip()
    if not url or url in SCRUBBED_LINKS or url.startswith(("http://0.0.0.0", "https://0.0.0.0")):
        return ""
    return url


def urls_in(text: str) -> list[str]:
    return [u.rstrip(".,;:!?…") for u in _URL.findall(text or "")]
