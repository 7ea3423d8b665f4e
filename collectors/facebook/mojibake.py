"""Repair the mojibake of Facebook's JSON exports.

Facebook writes each UTF-8 byte of a string as its own code point (``\\u00e1\\u00bb\\u0087`` for
``ệ``). Encoding such a string as Latin-1 gives back the UTF-8 bytes. A string that holds a
character above U+00FF, or whose bytes are not valid UTF-8, was not damaged this way (or was
already repaired) and is left as it is, so repairing twice changes nothing.
"""

from __future__ import annotations

from typing import Any


def repair_text(s: str) -> str:
    """``'Vi\\u00e1\\u00bb\\u0087t'`` → ``'Việt'``; anything else unchanged."""
    if not s or s.isascii():
        return s
    try:
        return s.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return s


def repair(value: Any) -> Any:
    """Repair every string (keys included) in parsed JSON, recursively."""
    if isinstance(value, str):
        return repair_text(value)
    if isinstance(value, list):
        return [repair(v) for v in value]
    if isinstance(value, dict):
        return {repair_text(k) if isinstance(k, str) else k: repair(v) for k, v in value.items()}
    return value


def damage(s: str) -> str:
    """The inverse of :func:`repair_text`: how Facebook writes ``s`` (for tests and the demo)."""
    return s.encode("utf-8").decode("latin-1")
