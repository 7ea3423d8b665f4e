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
# a publish date written for machines: JSON-LD, a published-time meta in any spelling, itemprop,
# <time datetime> (found in the page's source, whatever reads it)
MACHINE_DATE = re.compile(
    r"datePublished|dateCreated|published_time|pubdate|publish[-_]?date|<time\b[^>]*\bdatetime\s*=|"
    r"(?:name|property|itemprop)\s*=\s*[\"']?(?:dc\.date|dcterms\.(?:date|created|issued)|date|"
    r"sailthru\.date|parsely-pub-date|article\.published|og:published_time)[\"'\s>]",
    re.I,
)


@dataclass
class RealPage:
    name: str  # source/page
    html: str
    expected_words: int | None  # None: the source gives no expected text
    published: str  # as the source writes it ("" when it gives none)
    url: str = ""

    @property
    def source(self) -> str:
        return self.name.split("/", 1)[0]

    @property
    def published_day(self) -> date | None:
        """The publish date in the page's own zone (the date part as written)."""
        m = re.match(r"\d{4}-\d{2}-\d{2}", self.published)
        return date.fromisoformat(m.group(0)) if m else None

    @property
    def machine_dated(self) -> bool:
        """Whether the page writes a date for machines (the dates are measured on these)."""
        return bool(MACHINE_DATE.search(self.html))

    def offset(self):
        """The zone the expected time is written in (None: a day alone, compared in the zone
        the page writes its own time in); one written without a zone is read as local time by
        both sides (the extractor's rule), so its date is compared as written."""
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", self.published):
            return None
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
    return words_of_text(" ".join(tree.itertext()))


def words_of_text(text: str) -> int:
    return sum(1 for w in text.split() if re.search(r"\w", w))


def _gunzip(path: Path) -> str:
    return gzip.decompress(path.read_bytes()).decode("utf-8", "replace")


def load_readability() -> list[RealPage]:
    """Readability's test pages: expected text and metadata (published time) per page."""
    pages = []
    for d in sorted(p for p in (ROOT / "readability").iterdir() if p.is_dir()):
        meta = json.loads((d / "expected-metadata.json").read_text(encoding="utf-8"))
        pages.append(RealPage(f"readability/{d.name}", _gunzip(d / "source.html.gz"),
                              words_of_html(_gunzip(d / "expected.html.gz")), meta.get("publishedTime") or ""))
    return pages


def load_zyte() -> list[RealPage]:
    """Zyte's article extraction benchmark: each page's expected article body (no date)."""
    truth = json.loads(_gunzip(ROOT / "zyte" / "ground-truth.json.gz"))
    return [RealPage(f"zyte/{h[:12]}", _gunzip(ROOT / "zyte" / "html" / f"{h}.html.gz"),
                     words_of_text(v["articleBody"]), "", v.get("url") or "")
            for h, v in sorted(truth.items())]


def load_htmldate() -> list[RealPage]:
    """htmldate's news pages of 2020: each page's publish day (no expected text)."""
    truth = json.loads((ROOT / "htmldate" / "eval_mediacloud_2020.json").read_text(encoding="utf-8"))
    return [RealPage(f"htmldate/{v['file']}", _gunzip(ROOT / "htmldate" / "test_set" / f"{v['file']}.gz"),
                     None, v["date"], url)
            for url, v in sorted(truth.items(), key=lambda kv: kv[1]["file"])
            if isinstance(v["date"], str)]  # (five pages are given no date: NaN)


def load() -> list[RealPage]:
    return load_readability() + load_zyte() + load_htmldate()


@dataclass
class Score:
    dated: int = 0  # pages with an expected date that write a date for machines
    date_right: int = 0
    date_wrong: int = 0
    pages: int = 0  # pages with an expected text
    body_close: int = 0  # word count within 10 % of the expected text's
    body_found: int = 0

    def rates(self) -> dict:
        return {"date right": self.date_right / self.dated, "date wrong": self.date_wrong / self.dated,
                "body within 10 %": self.body_close / self.pages, "body found": self.body_found / self.pages}  # fmt: skip


def score(pages: list[RealPage], read) -> tuple[Score, dict]:
    """``read(page) -> (day or None, words)``: the reader's date (in the page's own zone) and
    body words; the score, and per page what was off. The body is measured on the pages with
    an expected text, the date on those with an expected date that write one for machines."""
    s, off = Score(), {}
    for p in pages:
        day, words = read(p)
        if p.expected_words is not None:
            s.pages += 1
            s.body_found += words > 0
            close = p.expected_words and abs(words - p.expected_words) <= 0.1 * p.expected_words
            s.body_close += bool(close)
            if not close:
                off[p.name] = f"{words} words for {p.expected_words}"
        if p.published_day is not None and p.machine_dated:
            s.dated += 1
            s.date_right += day == p.published_day
            s.date_wrong += day is not None and day != p.published_day
            if day != p.published_day:
                off[p.name] = off.get(p.name, "") + f" date {day} for {p.published}"
    return s, off


def ours(page: RealPage) -> tuple[date | None, int]:
    from collectors.extraction import extract_article

    ex = extract_article(page.html, now=datetime(2030, 1, 1, tzinfo=UTC))
    zone = page.offset()
    day = (ex.published.astimezone(zone) if zone else ex.published).date() if ex.published else None
    return day, ex.words


def trafilatura_reader(page: RealPage) -> tuple[date | None, int]:
    import trafilatura

    text = trafilatura.extract(page.html, favor_precision=False) or ""
    return htmldate_day(page), words_of_text(text)


def htmldate_day(page: RealPage) -> date | None:
    from htmldate import find_date

    found = find_date(page.html, original_date=True, outputformat="%Y-%m-%d")
    return date.fromisoformat(found) if found else None
