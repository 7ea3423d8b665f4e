"""Tell which Facebook export format a path holds."""

from __future__ import annotations

import zipfile
from pathlib import Path

from collectors.facebook.business_csv import decode, find_columns, read_rows
from collectors.facebook.errors import FacebookImportError
from collectors.facebook.export_source import classify_member

FORMATS = ("dyi-zip", "dyi-folder", "business-suite-csv", "insights-csv")
_HEAD_BYTES = 256 * 1024
SPREADSHEET = (
    "đây là bảng tính Excel (.xlsx/.xls), không phải tệp CSV: hãy xuất lại tệp CSV từ Meta "
    "Business Suite, hoặc trong Excel chọn Tệp > Lưu thành > 'CSV UTF-8 (Comma delimited)' / "
    "this is an Excel workbook, not a CSV: export the CSV again from Meta Business Suite, or in "
    "Excel use File > Save As > 'CSV UTF-8 (Comma delimited)'"
)


def detect_format(path: Path | str) -> str:
    """One of :data:`FORMATS`, or :class:`FacebookImportError` naming the file."""
    path = Path(path)
    if not path.exists():
        raise FacebookImportError(f"{path}: no such file or folder")
    if path.is_dir():
        kinds = set()
        for p in path.rglob("*"):
            if p.is_file():
                kinds.add(classify_member(p.relative_to(path).as_posix()))
        if kinds & {"posts", "videos", "html", "videos-html"}:
            return "dyi-folder"
        raise FacebookImportError(
            f"{path}: no Facebook posts file in this folder "
            "(your_posts*.json, profile_posts_*.json or videos.json)"
        )
    try:
        with path.open("rb") as f:
            head = f.read(_HEAD_BYTES)
    except OSError as exc:
        raise FacebookImportError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if head.startswith(b"\xd0\xcf\x11\xe0") or path.suffix.lower() in (".xlsx", ".xls", ".ods"):
        raise FacebookImportError(f"{path}: {SPREADSHEET}")
    if head.startswith(b"PK"):
        if not zipfile.is_zipfile(path):
            raise FacebookImportError(f"{path}: damaged or truncated zip archive")
        try:
            with zipfile.ZipFile(path) as z:
                names = [i.filename for i in z.infolist() if not i.is_dir()]
        except (zipfile.BadZipFile, OSError) as exc:
            raise FacebookImportError(f"{path}: damaged or truncated zip archive ({exc})") from None
        kinds = {classify_member(n) for n in names}
        if kinds & {"posts", "videos", "html", "videos-html"}:
            return "dyi-zip"
        if "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names):
            raise FacebookImportError(f"{path}: {SPREADSHEET}")
        raise FacebookImportError(
            f"{path}: the zip holds no Facebook posts file "
            "(your_posts*.json, profile_posts_*.json or videos.json)"
        )
    if path.suffix.lower() == ".json" or head.lstrip(b"\xef\xbb\xbf \r\n\t")[:1] in (b"[", b"{"):
        raise FacebookImportError(
            f"{path}: a single JSON file; import the whole export (the zip or its unpacked folder)"
        )
    # A CSV: look at its first record(s) only.
    text = decode(head, str(path)) if len(head) < _HEAD_BYTES else _decode_prefix(head, path)
    try:
        rows = read_rows(text.split("\n", 1)[0] + "\n", str(path))  # the header line only
    except FacebookImportError:
        rows = []
    if not text.strip():
        raise FacebookImportError(f"{path}: the file is empty")
    header = rows[0][1] if rows else []
    cols = find_columns(header)
    if "publish" in cols:
        if header[cols["publish"]].strip().casefold() in ("posted", "đã đăng"):
            return "insights-csv"
        return "business-suite-csv"
    raise FacebookImportError(
        f"{path}: not a Facebook export (neither a DYI zip/folder nor a post CSV with a "
        "'Publish time' or 'Posted' column)"
    )


def _decode_prefix(head: bytes, path: Path) -> str:
    for cut in range(4):  # a multi-byte character may straddle the cut
        try:
            return head[: len(head) - cut].decode("utf-8-sig")
        except UnicodeDecodeError:
            continue
    return decode(head, str(path))
