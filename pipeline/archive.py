"""The page archive: every article page fetched, kept as received (status, headers, body, URL,
fetch time) in compressed WARC files beside the database, one file per month of fetching. From
it ``cdht reprocess --extract`` re-derives every stored item with no request to the site, and
``cdht probe --archived`` reads a stored page."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from collectors.http import Response, decode
from collectors.urls import canonical_key

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
    a file grows by appending and a crash loses at most the record being written."""

    def __init__(self, folder: Path | str, clock=None):
        self.folder = Path(folder)
        self.clock = clock or (lambda: datetime.now(UTC))
        self._file = None
        self._name = ""
        self.kept = 0

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
        writer.write_record(record)
        self._file.flush()
        self.kept += 1

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
        """Every archived page, oldest file first, in the order kept."""
        for path in self.files():
            with open(path, "rb") as fh:
                for record in ArchiveIterator(fh):
                    if record.rec_type != "response":
                        continue
                    http = record.http_headers
                    yield ArchivedPage(
                        url=record.rec_headers.get_header("WARC-Target-URI") or "",
                        status=int(http.get_statuscode() or 0),
                        headers={k.lower(): v for k, v in http.headers},
                        body=record.content_stream().read(),
                        fetched_at=record.rec_headers.get_header("WARC-Date") or "",
                    )  # fmt: skip

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
