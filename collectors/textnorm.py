"""Vietnamese text normalisation and the comparison key used for matching.

``clean`` makes text fit to store and show: NFC, Ð (U+00D0) typed for Đ, non-breaking and odd
spaces, bracket spacing. ``fold`` makes the key two spellings share: clean + case folding +
one place for the tone mark (hoà = hòa, thuỷ = thủy) + one dash + i/y after a consonant
(Kì = Kỳ). ``ascii_fold`` drops every mark (đ → d), for the fallback match only.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Tone marks (combining, after NFD). Vowel-shape marks (circumflex, breve, horn) are kept.
TONES = "\u0300\u0301\u0303\u0309\u0323"
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\r\f\v ]+")
_ZERO_WIDTH_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_ZERO_WIDTH_MAP = dict.fromkeys(map(ord, _ZERO_WIDTH_CHARS))
_ZERO_WIDTH = re.compile(f"[{_ZERO_WIDTH_CHARS}]").search
_DASHES = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
_OPEN_BRACKET = re.compile(r"([(\[])\s+")
_CLOSE_BRACKET = re.compile(r"\s+([)\]])")
_WORD = re.compile(r"\w+", re.UNICODE)
_ALNUM = re.compile(r"[^\W_]").search  # a letter or digit (str.isalnum)


def clean(text: str | None) -> str:
    """Normalise text for storage and display (keeps case and line breaks)."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u00d0", "Đ").replace("\u0110", "Đ")
    text = text.translate(_ZERO_WIDTH_MAP)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    text = "\n".join(line for line in lines if line)
    text = _OPEN_BRACKET.sub(r"\1", text)
    return _CLOSE_BRACKET.sub(r"\1", text)


def one_line(text: str | None) -> str:
    """``clean`` on one line: every run of spaces and line breaks is one space."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u00d0", "Đ").replace("\u0110", "Đ")
    if _ZERO_WIDTH(text):
        text = text.translate(_ZERO_WIDTH_MAP)
    text = " ".join(text.split())
    # one space is all the whitespace left, so plain replacements do what _OPEN/_CLOSE_BRACKET do
    return text.replace("( ", "(").replace("[ ", "[").replace(" )", ")").replace(" ]", "]")


_SHAPED = set("ăâêôơư")
_VOWELS = set("aăâeêioôơuưy")
_Y_AFTER_CONSONANT = re.compile(r"(?<=[bcdđghklmnpqrstvx])([yỳýỷỹỵ])(?=\W|$)")
_Y_TO_I = str.maketrans("yỳýỷỹỵ", "iìíỉĩị")


def _tone_position(bare: str) -> int | None:
    """Index in ``bare`` (a toneless, lower-case syllable) that carries the tone."""
    start = 0
    if (bare.startswith("qu") and len(bare) > 2 and bare[2] in _VOWELS) or (bare.startswith("gi") and len(bare) > 2 and bare[2] in _VOWELS):
        start = 2
    idx = [i for i in range(start, len(bare)) if bare[i] in _VOWELS]
    if not idx:
        idx = [i for i in range(len(bare)) if bare[i] in _VOWELS]
        if not idx:
            return None
    # the vowel cluster is the first run of vowels
    cluster = [idx[0]]
    for i in idx[1:]:
        if i == cluster[-1] + 1:
            cluster.append(i)
        else:
            break
    shaped = [i for i in cluster if bare[i] in _SHAPED]
    if shaped:
        return shaped[-1]
    if len(cluster) == 1:
        return cluster[0]
    if cluster[-1] + 1 < len(bare):  # a final consonant follows
        return cluster[-1]
    if len(cluster) == 2:
        pair = bare[cluster[0]] + bare[cluster[1]]
        return cluster[1] if pair in ("oa", "oe", "uy") else cluster[0]
    return cluster[1]


def canonical_tones(text: str) -> str:
    """Put each syllable's tone mark in one canonical place (hoà and hòa give one spelling).

    Only words that carry a tone mark change, so a regular expression survives it.
    """

    def fix(match: re.Match) -> str:
        word = match.group(0)
        decomposed = unicodedata.normalize("NFD", word)
        tones = [c for c in decomposed if c in TONES]
        if len(tones) != 1:
            return word
        bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES))
        pos = _tone_position(bare.lower())
        if pos is None:
            return word
        return unicodedata.normalize("NFC", bare[: pos + 1] + tones[0] + bare[pos + 1 :])

    return _WORD.sub(fix, unicodedata.normalize("NFC", text))


def fold(text: str | None) -> str:
    """Comparison key: equal for spellings that a reader takes as the same (still NFC text)."""
    if text and len(text) <= 200:  # names, bylines, labels: the same few come back on every page
        return _fold_short(text)
    return _fold(text)


def _fold(text: str | None) -> str:
    text = one_line(text).casefold()
    text = _DASHES.sub("-", text)
    text = canonical_tones(text)
    return _Y_AFTER_CONSONANT.sub(lambda m: m.group(1).translate(_Y_TO_I), text)


_fold_short = lru_cache(maxsize=4096)(_fold)


def fold_pattern(pattern: str) -> str:
    """Apply ``fold``'s spelling rules to a regular expression (case is left to re.I)."""
    pattern = canonical_tones(unicodedata.normalize("NFC", pattern))
    return _Y_AFTER_CONSONANT.sub(lambda m: m.group(1).translate(_Y_TO_I), pattern)


def ascii_fold(text: str | None) -> str:
    """Diacritic-free key (đ → d): only for fallback matching."""
    text = one_line(text).casefold().replace("đ", "d")
    text = _DASHES.sub("-", text)
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return _Y_AFTER_CONSONANT.sub(lambda m: m.group(1).translate(_Y_TO_I), text)


def count_words(text: str | None) -> int:
    """A word is a whitespace-separated token, after NFC, that holds a letter or digit."""
    if not text:
        return 0
    tokens = unicodedata.normalize("NFC", text).split()
    # str.isalnum answers most tokens at C speed; the pattern only sees those with punctuation
    return len(tokens) - sum(1 for tok in tokens if not tok.isalnum() and not _ALNUM(tok))
