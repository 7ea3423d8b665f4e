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
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from collectors.facebook.common import LOCAL, first_line, text_key, urls_in
from collectors.facebook.csv_columns import COLUMNS, DESCRIPTION_PREFIXES, POST_TYPES, TRUE_VALUES
from collectors.facebook.dyi import ReadResult
from collectors.facebook.errors import FacebookImportError
from collectors.facebook.export_source import DEFAULT_LIMITS, Limits, MiB
from collectors.facebook.mojibake import repair_text
from collectors.item import Item

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
    return pub_empty and any(c.strip().startswith(DESCRIPTION_PREFIXES) for c in cells)


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
    return v.strip().casefold() in TRUE_VALUES


def _open_text(path: Path, limits: Limits, label: str):
    try:
        size = path.stat().st_size
        if size > limits.max_csv_bytes:
            raise FacebookImportError(
                f"{label}: {size / MiB:.0f} MiB, over the {limits.max_csv_bytes / MiB:.0f} MiB "
                "limit for a CSV (refused)"
            )
        f = path.open("rb")
    except OSError as exc:
        raise FacebookImportError(f"{label}: cannot read ({exc.strerror or exc})") from None
    head = f.read(64 * 1024)
    f.seek(0)
    delimiter = sniff_delimiter(head.decode("utf-8-sig", "ignore"))
    return io.TextIOWrapper(f, encoding="utf-8-sig", newline=""), delimiter


def iter_csv(
    path: Path | str, limits: Limits = DEFAULT_LIMITS, fmt: str | None = None,
    sink: ReadResult | None = None,
) -> Iterator[Item]:  # fmt: skip
    """The posts of a Business Suite or Insights CSV, one Item per row, read as a stream.

    Warnings go to ``sink.warnings`` as the rows are read (and ``sink.format`` is set)."""
    path = Path(path)
    label = str(path)
    sink = sink if sink is not None else ReadResult(format=fmt or "")
    stream, delimiter = _open_text(path, limits, label)
    reader = csv.reader(stream, delimiter=delimiter, strict=True)
    line = 1
    try:
        header = next(reader, None)
        if header is None:
            raise FacebookImportError(f"{label}: the file is empty")
        cols = find_columns(header)
        if "publish" not in cols:
            raise FacebookImportError(
                f"{label}: not a Facebook post export (no 'Publish time' / 'Thời gian đăng' or "
                "'Posted' column in line 1)"
            )
        if fmt is None:
            posted = header[cols["publish"]].strip().casefold() in ("posted", "đã đăng")
            fmt = "insights-csv" if posted else "business-suite-csv"
        sink.format, sink.files = fmt, [path.name]
        names = [h.replace("\ufeff", "").strip() for h in header]
        unknown: dict[tuple[str, bool], list[int]] = {}  # (type, has a duration) -> [rows, lines]
        line = reader.line_num + 1
        for cells in reader:
            item = _row_item(cells, cols, names, line, label, fmt, sink, unknown)
            line = reader.line_num + 1
            if item is not None:
                yield item
    except csv.Error as exc:
        raise FacebookImportError(
            f"{label}: line {reader.line_num}: malformed CSV ({exc})"
        ) from None
    except UnicodeDecodeError as exc:
        raise FacebookImportError(
            f"{label}: near line {line}: not UTF-8 text (byte {exc.start} of a block); export the "
            "CSV again without re-saving it"
        ) from None
    finally:
        stream.close()
    for (ptype, timed), (rows, *lines) in unknown.items():
        shown = ", ".join(str(n) for n in lines[:5]) + (" …" if rows > 5 else "")
        what = ("it has a duration, so counted as a video" if timed
                else "counted as posts, not as videos")  # fmt: skip
        sink.warnings.append(
            f"{label}: unknown Post type {ptype!r} on {rows} row(s) (line {shown}); {what}"
        )


def _row_item(cells, cols, names, line, label, fmt, sink, unknown) -> Item | None:
    if not any(c.strip() for c in cells) or _is_description_row(cells, cols):
        return None
    published = parse_publish_time(_cell(cells, cols, "publish"))
    if published is None:
        raise FacebookImportError(
            f"{label}: line {line}: no readable publish time "
            f"({_cell(cells, cols, 'publish') or 'empty'!r}; expected MM/DD/YYYY HH:MM)"
        )
    if not 2004 <= published.year <= 2100:
        _warn(
            sink,
            f"{label}: line {line}: publish time {_cell(cells, cols, 'publish')!r} is outside "
            "2004–2100 (ignored)",
        )
        return None
    title = repair_text(_cell(cells, cols, "title"))
    description = repair_text(_cell(cells, cols, "description"))
    text = _post_text(title, description, repair_text(_cell(cells, cols, "message")))
    ptype = _cell(cells, cols, "post_type")
    media_type = POST_TYPES.get(" ".join(ptype.split()).casefold(), "")
    if ptype and not media_type:
        timed = _seconds(_cell(cells, cols, "duration")) > 0
        bucket = unknown.setdefault((ptype, timed), [0])  # [rows, first lines…]
        bucket[0] += 1
        if len(bucket) <= 6:
            bucket.append(line)
        media_type = "video" if timed else ""
    if not media_type:
        media_type = (
            "share" if _truthy(_cell(cells, cols, "is_share")) else ("text" if text else "share")
        )
    permalink = _cell(cells, cols, "permalink")
    if re.search(r"/posts/\d+:0$", permalink):
        permalink = permalink[:-2]
    key = _row_key(_cell(cells, cols, "post_id"), permalink, published, text, line, label, sink)
    reel = REEL_LINK.search(permalink)
    if reel and key.startswith("fb-min:"):
        key = f"reel:{reel.group(1)}"
    link = ""
    if media_type == "link":
        found = [u for u in urls_in(text) if "facebook.com" not in u]
        link = found[0] if found else ""
    raw = {n: c for n, c in zip(names, cells, strict=False) if c.strip()}
    raw.update({
        "format": fmt, "line": line, "post_type": ptype,
        "alt_keys": [f"reel:{reel.group(1)}"] if reel and key != f"reel:{reel.group(1)}" else [],
        "text_keys": _text_keys(text, title, description),
    })  # fmt: skip
    return Item(
        source="facebook", key=key, url=permalink, title=first_line(text), published=published,
        date_source="csv publish time (local)", text=text, media_type=media_type,
        has_player=media_type == "video", link_url=link, raw=raw,
    )  # fmt: skip


def _text_keys(*texts: str) -> list[str]:
    """The text keys a row can be matched by (its text, its title, its description)."""
    keys = {text_key(t) for t in dict.fromkeys(t.strip() for t in texts) if t}
    return sorted(keys) or [text_key("")]


MAX_WARNINGS = 200  # per file: a file with a problem on every row says so, not a million times


def _warn(sink: ReadResult, message: str) -> None:
    if len(sink.warnings) < MAX_WARNINGS:
        sink.warnings.append(message)
    elif len(sink.warnings) == MAX_WARNINGS:
        sink.warnings.append(f"… more warnings of this file not shown (over {MAX_WARNINGS})")


def _seconds(v: str) -> float:
    try:
        return float(v.replace(",", ".")) if v else 0.0
    except ValueError:
        return 0.0


def _row_key(post_id, permalink, published, text, line, label, sink) -> str:
    if "_" in post_id:
        post_id = post_id.rsplit("_", 1)[1]
    if post_id and post_id.isdigit():
        return f"fb:{post_id}"
    from_link = PERMALINK_ID.search(permalink)
    minute = published.astimezone(LOCAL).strftime("%Y%m%d%H%M")
    key = f"fb-min:{minute}:{text_key(text)[:8]}"
    if post_id and EXCEL_NUMBER.match(post_id):
        if from_link:
            key = f"fb:{from_link.group(1)}"
            how = f"the id {from_link.group(1)} from the permalink is used"
        else:
            how = f"the post is keyed by its publish minute and text ({key})"
        _warn(
            sink, f"{label}: line {line}: Post ID {post_id!r} was mangled by a spreadsheet; {how}"
        )
    elif post_id:
        _warn(
            sink, f"{label}: line {line}: unexpected Post ID {post_id!r}; keyed by minute and text"
        )
    return key


def read_csv(
    path: Path | str, limits: Limits = DEFAULT_LIMITS, fmt: str | None = None
) -> ReadResult:
    """Read a Business Suite or Insights CSV into one Item per post (in memory; the importer
    streams with :func:`iter_csv`)."""
    result = ReadResult(format=fmt or "")
    seen: set[str] = set()
    for it in iter_csv(path, limits, fmt, result):
        if it.key in seen:
            result.duplicates += 1
            continue
        seen.add(it.key)
        result.items.append(it)
    result.items.sort(key=lambda it: (it.published, it.key))
    return result
