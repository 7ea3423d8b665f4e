"""Read a Meta Business Suite per-post CSV, or the older Insights "Post data" CSV.

Business Suite: UTF-8 with a BOM, header ``"Post ID","Page ID","Page name",Title,Description,
"Duration (sec)","Publish time",…,"Post type",…``; ``Publish time`` is local time
(Asia/Ho_Chi_Minh), ``MM/DD/YYYY HH:MM`` with or without ``:SS``. Columns vary by export date and
language: headers are matched exactly first, then case-insensitively. Ids stay strings; an id
Excel turned into ``1.22158E+17`` is reported and replaced by a key made of the publish minute
and the text.

Insights: ``Post ID`` (``pageid_postid``), ``Permalink``, ``Post Message``, ``Type``, ``Posted``,
and a second row of ``Lifetime: …`` descriptions, skipped.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime
from pathlib import Path

from collectors.facebook.common import LOCAL, first_line, text_key, urls_in
from collectors.facebook.dyi import DEFAULT_LIMITS, Limits, MiB, ReadResult
from collectors.facebook.errors import FacebookImportError
from collectors.facebook.mojibake import repair_text
from collectors.item import Item

# Logical field -> header names, most specific first (exact spelling, then case-insensitive).
COLUMNS: dict[str, list[str]] = {
    "post_id": ["Post ID", "Post Id", "ID bài viết", "Mã bài viết", "Post"],
    "page_id": ["Page ID", "ID Trang"],
    "title": ["Title", "Tiêu đề"],
    "description": ["Description", "Mô tả"],
    "message": ["Post Message", "Message", "Nội dung bài viết"],
    "publish": [
        "Publish time",
        "Posted",
        "Publish Time",
        "Thời gian đăng",
        "Created time",
        "Published",
    ],
    "permalink": ["Permalink", "Liên kết cố định", "Link"],
    "post_type": ["Post type", "Type", "Loại bài viết"],
    "is_share": ["Is share", "Là lượt chia sẻ"],
    "duration": ["Duration (sec)", "Thời lượng (giây)"],
    "page_name": ["Page name", "Tên Trang"],
}

# Post type (casefolded) -> media_type. Unknown values are reported and counted as posts.
POST_TYPES: dict[str, str] = {
    "photos": "photo", "photo": "photo", "album": "photo", "albums": "photo",
    "carousel": "photo", "ảnh": "photo", "hình ảnh": "photo",
    "videos": "video", "video": "video", "reels": "video", "reel": "video",
    "live": "video", "live video": "video", "live videos": "video", "thước phim": "video",
    "links": "link", "link": "link", "liên kết": "link",
    "text": "text", "status": "text", "statuses": "text", "văn bản": "text", "trạng thái": "text",
    "shared video": "share", "shared": "share", "share": "share", "shares": "share",
    "event": "text", "events": "text", "note": "text", "offer": "text",
}  # fmt: skip

EXCEL_NUMBER = re.compile(r"^\s*\d+(?:[.,]\d+)?[eE]\+?\d+\s*$")
# A post id inside a permalink (/videos/ and /reel/ links carry a video id, not the post id).
PERMALINK_ID = re.compile(r"(?:/posts/|[?&]story_fbid=|[?&]fbid=)(\d{6,})")
# A reel's permalink carries the reel's id: the same post as the Graph API's reel of that id.
REEL_LINK = re.compile(r"/reel/(\d{6,}|\d+)(?:[/?#]|$)")
_DATE_FORMATS = (
    "%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %I:%M %p", "%m/%d/%Y %I:%M:%S %p",
    "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S",
)  # fmt: skip


def _norm_header(h: str) -> str:
    return " ".join((h or "").replace("\ufeff", "").split()).casefold()


def find_columns(header: list[str]) -> dict[str, int]:
    """Logical field -> column index (first column of that name)."""
    stripped = [(h or "").replace("\ufeff", "").strip() for h in header]
    normed = [_norm_header(h) for h in header]
    out: dict[str, int] = {}
    for fieldname, names in COLUMNS.items():
        idx = next((stripped.index(n) for n in names if n in stripped), None)
        if idx is None:
            idx = next((normed.index(n.casefold()) for n in names if n.casefold() in normed), None)
        if idx is not None:
            out[fieldname] = idx
    return out


def decode(data: bytes, label: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FacebookImportError(
            f"{label}: not UTF-8 text (byte {exc.start}); export the CSV again without re-saving it"
        ) from None


def sniff_delimiter(text: str) -> str:
    line = text.split("\n", 1)[0]
    counts = {d: line.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def read_rows(text: str, label: str) -> list[tuple[int, list[str]]]:
    """(first physical line, cells) of every CSV record; quoted newlines stay in their cell."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text), strict=True)
    out = []
    line = 1
    try:
        for row in reader:
            out.append((line, row))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise FacebookImportError(
            f"{label}: line {reader.line_num}: malformed CSV ({exc})"
        ) from None
    return out


def parse_publish_time(value: str) -> datetime | None:
    """``MM/DD/YYYY HH:MM[:SS]`` (local time) or ISO 8601; an aware datetime or None."""
    v = " ".join((value or "").split())
    if not v:
        return None
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(v, fmt).replace(tzinfo=LOCAL)
        except ValueError:
            continue
    try:
        dt = datetime.fromisoformat(v.replace("Z", "+00:00"))
    except ValueError:
        return None
    return dt.replace(tzinfo=LOCAL) if dt.tzinfo is None else dt


def _is_description_row(cells: list[str], cols: dict[str, int]) -> bool:
    """The Insights second row (``Lifetime: …`` descriptions) and similar header echoes."""
    pub = cols.get("publish")
    pub_empty = pub is None or pub >= len(cells) or not cells[pub].strip()
    return pub_empty and any(c.strip().startswith("Lifetime:") for c in cells)


def _cell(cells: list[str], cols: dict[str, int], name: str) -> str:
    i = cols.get(name)
    return cells[i].strip() if i is not None and i < len(cells) else ""


def _post_text(title: str, description: str, message: str) -> str:
    if message:
        return message
    title, description = title.strip(), description.strip()
    if title and description and title not in description and description not in title:
        return f"{title}\n{description}"
    return max((title, description), key=len)


def _truthy(v: str) -> bool:
    return v.strip().casefold() in {"1", "true", "yes", "có", "x"}


def read_csv(
    path: Path | str, limits: Limits = DEFAULT_LIMITS, fmt: str | None = None
) -> ReadResult:
    """Read a Business Suite or Insights CSV into one Item per post."""
    path = Path(path)
    label = str(path)
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            raise FacebookImportError(
                f"{label}: {size / MiB:.0f} MiB, over the {limits.max_file_bytes / MiB:.0f} MiB limit (refused)"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise FacebookImportError(f"{label}: cannot read ({exc.strerror or exc})") from None
    rows = read_rows(decode(data, label), label)
    if not rows:
        raise FacebookImportError(f"{label}: the file is empty")
    _, header = rows[0]
    cols = find_columns(header)
    if "publish" not in cols:
        raise FacebookImportError(
            f"{label}: not a Facebook post export (no 'Publish time' or 'Posted' column in line 1)"
        )
    if fmt is None:
        fmt = (
            "insights-csv"
            if header[cols["publish"]].strip().casefold() == "posted"
            else "business-suite-csv"
        )
    result = ReadResult(format=fmt, files=[path.name])
    seen: dict[str, int] = {}
    unknown_types: dict[str, list[int]] = {}
    for line, cells in rows[1:]:
        if not any(c.strip() for c in cells):
            continue
        if _is_description_row(cells, cols):
            continue
        raw = {
            h.replace("\ufeff", "").strip(): c
            for h, c in zip(header, cells, strict=False)
            if c.strip()
        }
        published = parse_publish_time(_cell(cells, cols, "publish"))
        if published is None:
            raise FacebookImportError(
                f"{label}: line {line}: no readable publish time "
                f"({_cell(cells, cols, 'publish') or 'empty'!r}; expected MM/DD/YYYY HH:MM)"
            )
        if not 2004 <= published.year <= 2100:
            result.warnings.append(
                f"{label}: line {line}: publish time {_cell(cells, cols, 'publish')!r} is outside "
                "2004–2100 (ignored)"
            )
            continue
        title = repair_text(_cell(cells, cols, "title"))
        description = repair_text(_cell(cells, cols, "description"))
        message = repair_text(_cell(cells, cols, "message"))
        text = _post_text(title, description, message)
        ptype = _cell(cells, cols, "post_type")
        media_type = POST_TYPES.get(" ".join(ptype.split()).casefold(), "")
        if ptype and not media_type:
            unknown_types.setdefault(ptype, []).append(line)
        if not media_type:
            if _truthy(_cell(cells, cols, "is_share")):
                media_type = "share"
            else:
                media_type = "text" if text else "share"
        permalink = _cell(cells, cols, "permalink")
        if re.search(r"/posts/\d+:0$", permalink):
            permalink = permalink[:-2]
        post_id = _cell(cells, cols, "post_id")
        if "_" in post_id:
            post_id = post_id.rsplit("_", 1)[1]
        key = ""
        if post_id and post_id.isdigit():
            key = f"fb:{post_id}"
        else:
            from_link = PERMALINK_ID.search(permalink)
            minute = published.astimezone(LOCAL).strftime("%Y%m%d%H%M")
            if post_id and EXCEL_NUMBER.match(post_id):
                if from_link:
                    key = f"fb:{from_link.group(1)}"
                    how = f"the id {from_link.group(1)} from the permalink is used"
                else:
                    key = f"fb-min:{minute}:{text_key(text)[:8]}"
                    how = f"the post is keyed by its publish minute and text ({key})"
                result.warnings.append(
                    f"{label}: line {line}: Post ID {post_id!r} was mangled by a spreadsheet; {how}"
                )
            else:
                if post_id:
                    result.warnings.append(
                        f"{label}: line {line}: unexpected Post ID {post_id!r}; keyed by minute and text"
                    )
                key = f"fb-min:{minute}:{text_key(text)[:8]}"
        reel = REEL_LINK.search(permalink)
        if reel and key.startswith("fb-min:"):
            key = f"reel:{reel.group(1)}"
        if key in seen:
            result.duplicates += 1
            continue
        seen[key] = line
        link = ""
        if media_type == "link":
            found = [u for u in urls_in(text) if "facebook.com" not in u]
            link = found[0] if found else ""
        raw.update({
            "format": fmt,
            "line": line,
            "post_type": ptype,
            "alt_keys": [f"reel:{reel.group(1)}"] if reel and key != f"reel:{reel.group(1)}" else [],
            "text_keys": sorted({text_key(text), text_key(title), text_key(description)} - {text_key("")} or {text_key("")}),
        })  # fmt: skip
        result.items.append(
            Item(
                source="facebook",
                key=key,
                url=permalink,
                title=first_line(text),
                published=published,
                date_source="csv publish time (local)",
                text=text,
                media_type=media_type,
                has_player=media_type == "video",
                link_url=link,
                raw=raw,
            )
        )
    for ptype, lines in unknown_types.items():
        shown = ", ".join(str(n) for n in lines[:5]) + (" …" if len(lines) > 5 else "")
        result.warnings.append(
            f"{label}: unknown Post type {ptype!r} on {len(lines)} row(s) (line {shown}); "
            "counted as posts, not as videos"
        )
    result.items.sort(key=lambda it: (it.published, it.key))
    return result
