"""Column widths of the DOCX tables, fitted to their content (centimetres)."""

from __future__ import annotations

import re

TEXT_WIDTH_CM = 16.0  # A4 portrait less the 3 cm and 2 cm margins
CHAR_CM = 0.205  # one character of 12 pt Times New Roman, on average, plus a little
HEADER_CHAR_CM = 0.25  # bold header words are wider; a header word is never broken
CELL_PAD_CM = 0.45

# a count ("1.007") or a "done/target" pair ("3/5", "1.007/1.200"), written the Vietnamese way
_FIGURE = re.compile(r"^\d{1,3}(\.\d{3})*(/\d{1,3}(\.\d{3})*)?$")

def is_number(value) -> bool:
    """A count or a "done/target" pair, shown centred."""
    if isinstance(value, (int, float)):
        return True
    return isinstance(value, str) and bool(_FIGURE.match(value))


def fit_widths(header: list[str], rows: list[list], total_cm: float = TEXT_WIDTH_CM) -> list[float]:
    """Column widths (cm) fitted to the content, filling ``total_cm``.

    A column is as wide as its longest text (capped), never narrower than its longest word;
    when the table is too wide, the text columns give up width in proportion to their excess.
    """
    n = len(header)
    want, least = [], []
    for j in range(n):
        texts = [str(header[j])] + ["" if r[j] is None else _shown(r[j]) for r in rows]
        longest = max(len(t) for t in texts)
        word = max((len(w) for t in texts[1:] for w in t.split()), default=1)
        head = max((len(w) for w in str(header[j]).split()), default=1)
        least.append(max(word * CHAR_CM, head * HEADER_CHAR_CM) + CELL_PAD_CM)
        want.append(min(max(longest * CHAR_CM + CELL_PAD_CM, least[-1]), 9.0))
    if sum(want) > total_cm:
        want = _shrink(want, least, total_cm)
    elif sum(want) < total_cm:
        numeric = [all(is_number(r[j]) for r in rows if r[j] not in (None, "")) for j in range(n)]
        text_cols = [j for j in range(n) if not numeric[j]] or list(range(n))
        extra = (total_cm - sum(want)) / len(text_cols)
        want = [w + (extra if j in text_cols else 0) for j, w in enumerate(want)]
    return [round(w, 2) for w in want]


def _shrink(want: list[float], least: list[float], total_cm: float) -> list[float]:
    """Fit a too-wide table: the widest column (the text) keeps at least 45% of the width;
    the others wrap to about two lines at most, giving up width in proportion to their slack."""
    primary = max(range(len(want)), key=lambda j: want[j])
    budget = total_cm - min(want[primary], 0.45 * total_cm)
    others = [j for j in range(len(want)) if j != primary]
    need = sum(want[j] for j in others)
    out = list(want)
    if need > budget:
        floor = {j: max(least[j], 0.5 * want[j]) for j in others}
        slack = sum(want[j] - floor[j] for j in others)
        ratio = min((need - budget) / slack, 1) if slack else 0
        for j in others:
            out[j] = want[j] - (want[j] - floor[j]) * ratio
    out[primary] = max(total_cm - sum(out[j] for j in others), least[primary])
    return out




def _shown(value) -> str:
    """The text a cell shows (counts with their thousands separators)."""
    return f"{value:,}".replace(",", ".") if isinstance(value, int) else str(value)
