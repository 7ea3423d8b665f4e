"""The one error an import raises for a bad input; its message names the file (and line/post)."""

from __future__ import annotations


class FacebookImportError(Exception):
    """The export cannot be read: missing, damaged, truncated, unsafe or not an export."""
