"""The kept corpus of real article pages (tests/fixtures/real_pages, see its README) and the
issue's measures of a date reader and a body finder on it: the truth is read from each page's
expected files (readability's expected text and published time), never written here."""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

from lxml import html as lxml_html

ROOT = Path(__file__).resolve().parent.parent / "fixtures" / "real_pages"


@dataclass
class RealPage:
    name: str
    html: str
    expected_words: int
    published: str  # as the expected metadata writes it ("" when the page has none)

    @property
    def published_day(self) -> date | None:
        """The publish date in the page's own zone (the date part as written)."""
        m = re.match(r"\d{4}-\d{2}-\d{2}", self.published)
        return date.fromisoformat(m.group(0)) if m else None

    def offset(self):
        """The zone the expected time is written in; one written without a zone is read as
        local time by both sides (the extractor's rule), so its date is compared as written."""
        m = re.search(r"(Z|[+-]\d{2}:?\d{2})$", self.published)
        if not m:
            from collectors.dates import LOCAL

            return LOCAL
        if m.group(1) == "Z":
            return UTC
        sign = 1 if m.group(1)[0] == "+" else -1
        digits = m.group(1)[1:].replace(":", "")
        return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def words_of_html(markup: str) -> int:
    """Whitespace-separated tokens holding a letter or digit in a fragment's text."""
    if not markup.strip():
        return 0
    tree = lxml_html.fromstring(markup)
    for bad in tree.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    return sum(1 for w in " ".join(tree.itertext()).split() if re.search(r"\w", w))


def load() -> list[RealPage]:
    pages = []
    for d in sorted(p for p in ROOT.iterdir() if p.is_dir()):
        meta = json.loads((d / "expected-metadata.json").read_text(encoding="utf-8"))
        source = gzip.decompress((d / "source.html.gz").read_bytes()).decode("utf-8", "replace")
        expected = gzip.decompress((d / "expected.html.gz").read_bytes()).decode("utf-8", "replace")
        pages.append(RealPage(d.name, source, words_of_html(expected), meta.get("publishedTime") or ""))
    return pages


@dataclass
class Score:
    dated: int = 0  # pages with a machine-readable publish date
    date_right: int = 0
    date_wrong: int = 0
    pages: int = 0
    body_close: int = 0  # word count within 10 % of the expected text's
    body_found: int = 0

    def rates(self) -> dict:
        return {"date right": self.date_right / self.dated, "date wrong": self.date_wrong / self.dated,
                "body within 10 %": self.body_close / self.pages, "body found": self.body_found / self.pages}  # fmt: skip


def score(pages: list[RealPage], read) -> tuple[Score, dict]:
    """``read(page) -> (day or None, words)``: the reader's date (in the page's own zone) and
    body words; the score, and per page what was off."""
    s, off = Score(), {}
    for p in pages:
        day, words = read(p)
        s.pages += 1
        s.body_found += words > 0
        close = p.expected_words and abs(words - p.expected_words) <= 0.1 * p.expected_words
        s.body_close += bool(close)
        if not close:
            off[p.name] = f"{words} words for {p.expected_words}"
        if p.published_day is not None:
            s.dated += 1
            s.date_right += day == p.published_day
            s.date_wrong += day is not None and day != p.published_day
            if day != p.published_day:
                off[p.name] = off.get(p.name, "") + f" date {day} for {p.published}"
    return s, off


def ours(page: RealPage) -> tuple[date | None, int]:
    from collectors.extraction import extract_article

    ex = extract_article(page.html, now=datetime(2030, 1, 1, tzinfo=UTC))
    day = ex.published.astimezone(page.offset()).date() if ex.published else None
    return day, ex.words


def trafilatura_reader(page: RealPage) -> tuple[date | None, int]:
    import trafilatura

    text = trafilatura.extract(page.html, favor_precision=False) or ""
    return htmldate_day(page), sum(1 for w in text.split() if re.search(r"\w", w))


def htmldate_day(page: RealPage) -> date | None:
    from htmldate import find_date

    found = find_date(page.html, original_date=True, outputformat="%Y-%m-%d")
    return date.fromisoformat(found) if found else None
