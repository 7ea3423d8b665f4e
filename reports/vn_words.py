"""Amounts in Vietnamese words, as a payment sheet writes them ("Bằng chữ: …").

1.250.000 -> "Một triệu hai trăm năm mươi nghìn đồng". The forms people check: "mười" for the
tens 10-19 and "mươi" from 20; after "mươi" one is "mốt", four "tư" and five "lăm" (or
"nhăm"), five after "mười" is "lăm"; a zero ten before a unit is "linh" (or "lẻ"); a group of
three after a higher one says its hundreds even when zero ("một nghìn không trăm linh năm");
groups of zeros are left out ("một triệu năm trăm"); above "tỷ" the count of tỷ is read again
("một nghìn tỷ").
"""

from __future__ import annotations

DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
SCALES = ["", "nghìn", "triệu"]


def _tens_units(t: int, u: int, *, five: str) -> list[str]:
    if t == 0:
        return [DIGITS[u]] if u else []
    if t == 1:
        words = ["mười"]
        if u:
            words.append("lăm" if u == 5 else DIGITS[u])
        return words
    words = [DIGITS[t], "mươi"]
    if u == 1:
        words.append("mốt")
    elif u == 4:
        words.append("tư")
    elif u == 5:
        words.append(five)
    elif u:
        words.append(DIGITS[u])
    return words


def _group(n: int, *, full: bool, zero_ten: str, five: str) -> list[str]:
    """0 < n < 1000; ``full``: a higher group came before, so zero hundreds are said."""
    h, t, u = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if h or full:
        words += [DIGITS[h], "trăm"]
        if t == 0 and u:
            words.append(zero_ten)
    words += _tens_units(t, u, five=five)
    return words


def _below_billion(n: int, *, full: bool, zero_ten: str, five: str) -> list[str]:
    groups = [n // 1_000_000, n // 1000 % 1000, n % 1000]
    words: list[str] = []
    for g, scale in zip(groups, reversed(SCALES), strict=True):
        if g:
            words += _group(g, full=full, zero_ten=zero_ten, five=five)
            if scale:
                words.append(scale)
            full = True
        # a zero group is left out; the next group still says its hundreds
        elif words:
            full = True
    return words


def number_words(n: int, *, zero_ten: str = "linh", five: str = "lăm") -> str:
    """A whole number ≥ 0 in words, lower case ("một nghìn không trăm linh năm")."""
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError(f"not a whole number of 0 or more: {n!r}")
    if n == 0:
        return DIGITS[0]
    return " ".join(_words(n, full=False, zero_ten=zero_ten, five=five))


def _words(n: int, *, full: bool, zero_ten: str, five: str) -> list[str]:
    billions, rest = divmod(n, 1_000_000_000)
    words: list[str] = []
    if billions:
        words += [*_words(billions, full=full, zero_ten=zero_ten, five=five), "tỷ"]
        full = True
    if rest:
        words += _below_billion(rest, full=full, zero_ten=zero_ten, five=five)
    return words


def amount_words(amount: int, **style) -> str:
    """An amount in đồng as the sheet writes it: "Một triệu hai trăm năm mươi nghìn đồng"."""
    text = number_words(amount, **style) + " đồng"
    return text[0].upper() + text[1:]
