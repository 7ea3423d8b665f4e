"""Reading a month's WARC file member by member, so that a damaged record costs only itself.

Each record is a gzip member of its own. A member that does not decompress to its end (a write
cut by a full disk or ``ulimit -f``, bytes lost from the end, garbage in the middle) is a
:class:`Damage`: its file, its offset, why, and the page's address when its first bytes still
read. The scan then looks for the next member (the gzip magic followed by a member that reads
whole and starts a WARC record) and goes on. :func:`repair` rewrites a file keeping every
record that reads, the original moved aside as ``<name>.broken-<time>``.
"""

from __future__ import annotations

import logging
import mmap
import os
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

log = logging.getLogger("cdht.archive")

_MAGIC = b"\x1f\x8b\x08"
_CHUNK = 1 << 16
_URI = re.compile(rb"WARC-Target-URI: *<?([^\s>]+)")


@dataclass(frozen=True)
class Damage:
    path: Path
    offset: int
    reason: str
    url: str = ""  # the page's address, when the damaged record's headers still read

    def describe(self) -> str:
        what = f" ({self.url})" if self.url else ""
        return f"{self.path}: damaged record at byte {self.offset}{what}: {self.reason}"


def _member(data, start: int) -> tuple[bytes | None, int, str, bytes]:
    """(the member's bytes or None, the offset after it, why it failed, what it gave so far)."""
    d = zlib.decompressobj(31)
    out: list[bytes] = []
    pos = start
    n = len(data)
    while pos < n:
        chunk = data[pos : pos + _CHUNK]
        try:
            out.append(d.decompress(chunk))
        except zlib.error as exc:
            return None, pos, f"the record does not decompress ({exc})", b"".join(out)
        if d.eof:
            end = pos + len(chunk) - len(d.unused_data)
            return b"".join(out), end, "", b""
        pos += len(chunk)
    return None, n, "the record is cut short (the file ends inside it)", b"".join(out)


def members(path: Path) -> Iterator[tuple[int, int, bytes | None, Damage | None]]:
    """(offset, end, the record's uncompressed bytes or None, its damage or None) for every
    member of the file, damaged stretches included."""
    size = path.stat().st_size
    if size == 0:
        return
    with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
        pos = 0
        while pos < size:
            raw, end, why, partial = (None, pos + 1, "not the start of a record", b"")
            if data[pos : pos + 3] == _MAGIC:
                raw, end, why, partial = _member(data, pos)
            if raw is not None and raw.startswith(b"WARC/"):
                yield pos, end, raw, None
                pos = end
                continue
            if raw is not None:
                why = "the record is not a WARC record"
            nxt = _next_member(data, pos + 1, size)
            m = _URI.search(partial[:4096] or _partial(data, pos, nxt))
            url = m.group(1).decode("utf-8", "replace") if m else ""
            yield pos, nxt, None, Damage(path, pos, why, url)
            pos = nxt


def _partial(data, start: int, end: int) -> bytes:
    """What a damaged member's first bytes still give, read in small pieces."""
    d = zlib.decompressobj(31)
    out = b""
    for pos in range(start, min(end, start + 65536), 256):
        try:
            out += d.decompress(data[pos : min(pos + 256, end)])
        except zlib.error:
            break
        if len(out) >= 4096 or d.eof:
            break
    return out[:4096]


def _next_member(data, start: int, size: int) -> int:
    """The offset of the next member that reads whole (the file's size if none)."""
    pos = start
    while True:
        pos = data.find(_MAGIC, pos)
        if pos < 0:
            return size
        raw, _end, _why, _ = _member(data, pos)
        if raw is not None and raw.startswith(b"WARC/"):
            return pos
        pos += 1


def scan(path: Path) -> list[Damage]:
    return [dmg for _o, _e, _raw, dmg in members(path) if dmg is not None]


def repair(path: Path, now: datetime | None = None) -> list[Damage]:
    """Rewrite ``path`` with only the records that read, when some do not; the original is
    moved aside (``<name>.broken-<time>``) and kept. Returns the damage found (none: untouched)."""
    spans, damage = [], []
    for offset, end, _raw, dmg in members(path):
        if dmg is None:
            spans.append((offset, end))
        else:
            damage.append(dmg)
    if not damage:
        return []
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.name}.broken-{stamp}")
    tmp = path.with_name(f".{path.name}.repair")
    with open(path, "rb") as src, open(tmp, "wb") as dst:
        for offset, end in spans:
            src.seek(offset)
            dst.write(src.read(end - offset))
        dst.flush()
        os.fsync(dst.fileno())
    os.replace(path, aside)
    os.replace(tmp, path)
    for d in damage:
        log.warning("%s", d.describe())
    log.warning("%s: %d damaged record(s); the file was kept as %s and the %d record(s) that read "
                "were kept as %s", path, len(damage), aside.name, len(spans), path.name)  # fmt: skip
    return damage
