"""Report files the desk wrote, found by name in its own folder (a request's text is only ever
a key into this listing, never a path)."""

from __future__ import annotations

import re
from pathlib import Path

REPORT_NAME = re.compile(
    r"^bao-cao-(?:thang-\d{4}-\d{2}|nam-\d{4}|cong-tac-vien-\d{4}-\d{2}|danh-gia-\d{4}-\d{2}-\d{4}-\d{2})(?:-[a-z-]+)?\.(?:json|html|xlsx|docx|png)$"
)
MIMETYPES = {
    "json": "application/json",
    "html": "text/html; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "png": "image/png",
}


def listing(folder: Path) -> dict[str, Path]:
    """Report files in ``folder`` by name (only regular files whose name the tool writes)."""
    if not folder.is_dir():
        return {}
    return {
        p.name: p
        for p in sorted(folder.iterdir())
        if REPORT_NAME.match(p.name) and p.is_file() and not p.is_symlink()
    }
