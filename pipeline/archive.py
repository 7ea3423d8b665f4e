"""The page archive: every article page fetched, kept as received (status, headers, body, URL,
fetch time) in compressed WARC files beside the database, one file per month of fetching. From
it ``cdht reprocess --extract`` re-derives every stored item with no request to the site, and
``cdht probe --archived`` reads a stored page."""

from __future__ import annotations

import contextlib
import errno
import io
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from collectors.charset import decode
from collectors.http import Response
from collectors.urls import canonical_key
from pipeline.archive_scan import Damage, members, repair

log = logging.getLogger("cdht.archive")

# headers that describe the bytes on the wire, not the body kept (requests has decoded it)
_WIRE = {"content-encoding", "transfer-encoding", "content-length", "connection", "keep-alive"}
_REASONS = {200: "OK", 203: "Non-Authoritative Information", 206: "Partial Content"}


@dataclass
class ArchivedPage:
    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    fetched_at: str  # ISO 8601 UTC

    @property
    def key(self) -> str:
        return canonical_key(self.url)

    @property
    def text(self) -> str:
        return decode(self.body, self.headers.get("content-type", ""))


class WarcArchive:
    """WARC files ``YYYY-MM.warc.gz`` in one folder; each record a gzip member of its own, so
    a file grows by appending and a crash loses at most the record being written.

    Before a file is appended to, it is checked: damaged records (a write cut by a full disk)
    are moved aside with the original (:func:`pipeline.archive_scan.repair`) so that what is
    appended after them reads. Readers skip a damaged record, name it (``damaged``) and go on.
    """

    def __init__(self, folder: Path | str, clock=None):
        self.folder = Path(folder)
        self.clock = clock or (lambda: datetime.now(UTC))
        self._file = None
        self._name = ""
        self.kept = 0
        self.kept_keys: set[str] = set()  # the item keys of the pages kept by this object
        self.damaged: list[Damage] = []  # damage met while reading or before appending
        self._checked: set[str] = set()

    @classmethod
    def beside(cls, db_path: Path | str) -> WarcArchive:
        db_path = Path(db_path)
        return cls(db_path.parent / f"{db_path.stem}-archive")

    # ------------------------------------------------------------ writing
    def keep(self, url: str, response: Response) -> None:
        now = self.clock().astimezone(UTC)
        name = f"{now:%Y-%m}.warc.gz"
        if self._file is None or name != self._name:
            self.close()
            self.folder.mkdir(parents=True, exist_ok=True)
            self.check_before_append(name)
            self._file = open(self.folder / name, "ab")  # noqa: SIM115 (kept open for the run)
            self._name = name
        headers = [(k, v) for k, v in response.headers.items() if k.lower() not in _WIRE]
        headers.append(("Content-Length", str(len(response.body))))
        status = f"{response.status} {_REASONS.get(response.status, 'OK')}"
        writer = WARCWriter(self._file, gzip=True)
        record = writer.create_warc_record(
            response.url or url, "response", payload=io.BytesIO(response.body),
            http_headers=StatusAndHeaders(status, headers, protocol="HTTP/1.1"),
            warc_headers_dict={"WARC-Date": now.strftime("%Y-%m-%dT%H:%M:%SZ")},
        )  # fmt: skip
        start = self._file.tell()
        try:
            writer.write_record(record)
            self._file.flush()
        except OSError as exc:
            self._cut_back(start)
            raise _named(exc, self.folder / name) from exc
        self.kept += 1
        self.kept_keys.add(canonical_key(response.url or url))

    def check_before_append(self, name: str) -> list[Damage]:
        """Check the month's file once before appending to it; repair it if damaged."""
        path = self.folder / name
        if name in self._checked or not path.is_file():
            self._checked.add(name)
            return []
        self._checked.add(name)
        found = repair(path, self.clock())
        self.damaged += found
        return found

    def repair_all(self) -> list[Damage]:
        """Check every month's file and repair those damaged (the originals kept aside)."""
        found: list[Damage] = []
        for path in self.files():
            if path.name != self._name:
                found += self.check_before_append(path.name)
        return found

    def _cut_back(self, size: int) -> None:
        """After a failed write, cut the file back to where the record began (best effort: a
        file left cut is repaired before the next append)."""
        with contextlib.suppress(OSError):
            self._file.close()
        self._file = None
        try:
            os.truncate(self.folder / self._name, size)
        except OSError as exc:
            log.warning("%s: could not cut back the failed record (%s); it is set aside before "
                        "the next write", self.folder / self._name, exc)  # fmt: skip
        self._checked.discard(self._name)
        self._name = ""

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def __enter__(self) -> WarcArchive:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------ reading
    def files(self) -> list[Path]:
        return sorted(self.folder.glob("*.warc.gz")) if self.folder.is_dir() else []

    def pages(self) -> Iterator[ArchivedPage]:
        """Every archived page, oldest file first, in the order kept. A damaged record is
        skipped, logged with its file and offset, and added to ``damaged``."""
        seen = {(d.path, d.offset) for d in self.damaged}
        for path in self.files():
            try:
                stream = members(path)
                for offset, _end, raw, damage in stream:
                    page = _page(raw) if raw is not None else None
                    if raw is not None and page is None:
                        damage = Damage(path, offset, "the WARC record does not read")
                    if damage is not None:
                        if (damage.path, damage.offset) not in seen:
                            seen.add((damage.path, damage.offset))
                            self.damaged.append(damage)
                            log.warning("%s; skipped", damage.describe())
                        continue
                    if page is not None and page.url:
                        yield page
            except OSError as exc:
                self.damaged.append(Damage(path, 0, f"the file cannot be read ({exc.strerror or exc})"))
                log.warning("%s: cannot be read (%s); skipped", path, exc.strerror or exc)

    def latest(self) -> dict[str, ArchivedPage]:
        """The last copy kept of each page, by its item key."""
        out: dict[str, ArchivedPage] = {}
        for page in self.pages():
            if page.status == 200:
                out[page.key] = page
        return out

    def find(self, url_or_key: str) -> ArchivedPage | None:
        key = canonical_key(url_or_key)
        found = None
        for page in self.pages():
            if page.key == key and page.status == 200:
                found = page
        return found

    def size(self) -> int:
        return sum(p.stat().st_size for p in self.files())


def _page(raw: bytes) -> ArchivedPage | None:
    """The response record in one member's bytes (None for another record type: ""-url)."""
    try:
        for record in ArchiveIterator(io.BytesIO(raw)):
            if record.rec_type != "response":
                return ArchivedPage("", 0, {}, b"", "")
            http = record.http_headers
            return ArchivedPage(
                url=record.rec_headers.get_header("WARC-Target-URI") or "",
                status=int(http.get_statuscode() or 0),
                headers={k.lower(): v for k, v in http.headers},
                body=record.content_stream().read(),
                fetched_at=record.rec_headers.get_header("WARC-Date") or "",
            )  # fmt: skip
    except Exception:
        return None
    return None


def _named(exc: OSError, path: Path) -> OSError:
    """The error of a write to the archive, naming the archive's file (not the database)."""
    code = exc.errno or errno.EIO
    return OSError(code, exc.strerror or os.strerror(code), str(path))
