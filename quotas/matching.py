"""What an item counts for: a target's kind, video, bulletin or contest flag and keywords (in
title, lead or post text, folded, with a diacritic-free fallback), and the key by which the
items announcing one bulletin issue or one contest count once."""

from __future__ import annotations

import functools
import json
import re
import sqlite3
from collections.abc import Callable

from collectors.textnorm import ascii_fold, fold
from quotas.model import Target


# ---------------------------------------------------------------- matching
def _raw_text(row: sqlite3.Row) -> str:
    try:
        raw = json.loads(row["raw"] or "{}")
    except (TypeError, ValueError):
        return ""
    text = raw.get("text", "") if isinstance(raw, dict) else ""
    return text if isinstance(text, str) else ""


def _haystack(row: sqlite3.Row) -> str:
    return "\n".join(x for x in (row["title"], row["lead"], _raw_text(row)) if x)


_FOLDED: dict[tuple, str] = {}


def _folded(row: sqlite3.Row) -> str:
    """The diacritic-free key of the row's searchable text, cached per text (an item changed
    twice within one second keeps its ``updated_at``: the text itself is the key)."""
    key = (row["title"], row["lead"], row["raw"])
    hit = _FOLDED.get(key)
    if hit is None:
        if len(_FOLDED) > 50_000:
            _FOLDED.clear()
        hit = _FOLDED[key] = ascii_fold(_haystack(row))
    return hit


def keyword_match(row: sqlite3.Row, keywords: list[str]) -> bool:
    """A keyword found in title, lead or post text (normalised; diacritic-free as a fallback)."""
    if not keywords:
        return True
    return _has_keyword(row, _folded_keywords(tuple(keywords)))


def _has_keyword(row: sqlite3.Row, keys: tuple[tuple[str, str], ...]) -> bool:
    """One of the folded ``keys`` in the row's folded text, or its diacritic-free form in the
    diacritic-free text. The first implies the second (stripping the marks of a folded text
    gives its diacritic-free key, and of a substring a substring), so the second alone gives
    the same answer, at a fifth of the cost of folding every item's text."""
    plain = _folded(row)
    return any(a in plain for _, a in keys)


@functools.lru_cache(maxsize=256)
def _folded_keywords(keywords: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((fold(k), ascii_fold(k)) for k in keywords)


def is_video(row: sqlite3.Row) -> bool:
    return bool(row["eff_with_video"]) or (row["source"] == "facebook" and row["media_type"] == "video")


def matches(row: sqlite3.Row, t: Target) -> bool:
    return matcher(t)(row)


def matcher(t: Target) -> Callable[[sqlite3.Row], bool]:
    """``matches(row, t)`` as a test of one row, its choices made once for a list of rows."""
    c = t.count
    counted: Callable[[sqlite3.Row], bool] | None = None
    if c in ("news", "article", "video"):
        counted = lambda row: row["eff_kind"] == c  # noqa: E731
    elif c == "with_video":
        counted = is_video
    elif c == "bulletin":
        counted = lambda row: bool(row["is_bulletin"])  # noqa: E731
    elif c == "contest":
        counted = lambda row: bool(row["is_contest"])  # noqa: E731
    if not t.keywords:
        return counted or (lambda row: True)
    keys = _folded_keywords(tuple(t.keywords))

    def found(row) -> bool:  # keyword_match with the keywords folded once
        return _has_keyword(row, keys)

    if counted is None:
        return found
    return lambda row: counted(row) and found(row)


# ---------------------------------------------------------------- one issue, one count
_NON_WORD = re.compile(r"[^\w\s]+", re.UNICODE)
_ISSUE = re.compile(r"bản tin\b.{0,80}?\bsố\s*0*(\d{1,3})\b(?:\s*(?:/|-|năm)\s*(\d{4}))?")
_CONTEST = re.compile(r"\b(?:cuộc thi|hội thi|thi)\b(?:\s+(?:trực tuyến|online))?\s+(.+)")
_STOP = re.compile(r"[.,:;!?()\[\]\"“”«»|]")


def _first_line(row: sqlite3.Row) -> str:
    text = row["title"] or _raw_text(row) or row["lead"] or ""
    return next((ln for ln in text.splitlines() if ln.strip()), "")


def _words(text: str, n: int) -> str:
    return " ".join(_NON_WORD.sub(" ", text).split()[:n])


def dedupe_key(row: sqlite3.Row, count: str, year: int) -> str:
    """The issue or contest an announcing item belongs to.

    Bulletins: "bản tin … số N[/YYYY]" gives ``issue:N/YYYY`` (the period's year when none is
    written); otherwise the normalised first line (website: the title; Facebook: the post's first
    line of text), up to 12 words. Contests: the contest's name (the words after "cuộc thi
    [trực tuyến]" up to punctuation, 8 words), so the launch, weekly and result posts of one
    contest share a key; otherwise the normalised first line. Normalised = ``fold`` (case, tone
    marks, dashes) with punctuation and emoji removed. A Facebook post linked to a website item
    takes that item's key (done by the caller).
    """
    line = fold(_first_line(row))
    if count == "bulletin":
        if m := _ISSUE.search(line):
            return f"issue:{int(m[1])}/{m[2] or year}"
    else:
        if m := _CONTEST.search(line):
            name = _words(_STOP.split(m[1])[0], 8)
            if name:
                return f"contest:{name}"
    return f"text:{_words(line, 12)}"


def dedupe(rows: list[sqlite3.Row], count: str, year: int) -> dict[int, str]:
    """Row id -> dedupe key, with Facebook posts folded into the website items they share."""
    keys: dict[int, str] = {}
    by_web_key: dict[str, str] = {}
    for r in rows:
        if r["source"] == "website":
            keys[r["id"]] = dedupe_key(r, count, year)
            by_web_key[r["key"]] = keys[r["id"]]
    web_text = [k for k in set(keys.values()) if k.startswith("text:") and len(k) > 20]
    for r in rows:
        if r["source"] == "website":
            continue
        if r["linked_key"] and r["linked_key"] in by_web_key:
            keys[r["id"]] = by_web_key[r["linked_key"]]
            continue
        k = dedupe_key(r, count, year)
        if k.startswith("text:"):
            k = next((w for w in web_text if k.startswith(w) or w.startswith(k)), k)
        keys[r["id"]] = k
    return keys
