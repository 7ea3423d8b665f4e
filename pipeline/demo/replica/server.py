"""A real HTTP server on 127.0.0.1 serving the replica, with faults a test can switch on.

``ReplicaServer(site)`` renders every page on the fly from the live :class:`Site`, so articles
added with ``site.add_articles`` show up at once. It answers conditional GETs (``ETag``,
``Last-Modified``, 304) and can misbehave on demand through a :class:`FaultPlan`: status
sequences, 429 with Retry-After, slow answers, bodies dripped byte by byte, truncated bodies,
broken HTML, listings that loop, a fixed page for every URL (maintenance, a login wall), a wrong
charset in the header, and a whole site that is down.
"""

from __future__ import annotations

import hashlib
import re
import socket
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from pipeline.demo.replica.model import Article, Site
from pipeline.demo.replica.pages import render_listing
from pipeline.demo.replica.routes import route

# (site, path with its query, the server's base URL) -> (status, content type, body, article)
Router = Callable[[Site, str, str], tuple[int, str, str, Article | None]]
_LISTING = re.compile(r"^/([a-z0-9-]+)(?:/page/(\d+))?/?$")


@dataclass
class Fault:
    """What to do with requests whose path matches. Fields combine; ``times`` limits how many
    requests the fault applies to (None: all of them)."""

    statuses: list[int] = field(default_factory=list)  # answered one per request, then normal
    status: int | None = None  # answer this status every time (e.g. 404, 500)
    retry_after: int | None = None  # header for 429/503 answers
    delay: float = 0.0  # seconds to wait before answering (in the server thread)
    truncate: bool = False  # Content-Length claims more than is sent, then the connection closes
    broken: str = ""  # "cut": HTML cut in the middle; "garbage": bytes that are not a page
    loop_after: int | None = None  # listing pages past this number serve page 1's entries
    close: bool = False  # close the connection without an answer
    body: str | None = None  # answer this page (HTML) instead, 200 unless status says otherwise
    redirect: str = ""  # answer a redirect (302 unless redirect_status says) to this location
    redirect_status: int = 302  # 301 for an address moved for good
    charset: str = ""  # claim this charset in the Content-Type header (the body stays UTF-8)
    drip: float = 0.0  # seconds between the bytes of the body
    times: int | None = None
    hits: int = 0


class FaultPlan:
    """Faults by exact path or regular expression (searched in the path with its query).

    Changeable while the server runs: ``add``, ``remove``, ``clear``, ``down``."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[tuple[str | re.Pattern, Fault]] = []
        self.down: bool = False
        self.down_mode: str = "503"  # "503" or "close"

    def add(self, pattern: str | re.Pattern, fault: Fault | None = None, **kw) -> Fault:
        """Add a fault for an exact path (``"/tin-tuc/page/2"``) or a compiled regex."""
        fault = fault or Fault(**kw)
        with self._lock:
            self._faults.append((pattern, fault))
        return fault

    def remove(self, pattern: str | re.Pattern) -> None:
        with self._lock:
            self._faults = [(p, f) for p, f in self._faults if p != pattern]

    def clear(self) -> None:
        with self._lock:
            self._faults = []
            self.down = False

    def set_down(self, down: bool = True, mode: str = "503") -> None:
        self.down, self.down_mode = down, mode

    # convenience constructors
    def statuses(self, pattern, seq: list[int], retry_after: int | None = None) -> Fault:
        return self.add(pattern, statuses=list(seq), retry_after=retry_after)

    def rate_limit(self, pattern, retry_after: int = 1, times: int = 1) -> Fault:
        return self.add(pattern, statuses=[429] * times, retry_after=retry_after)

    def slow(self, pattern, seconds: float, times: int | None = None) -> Fault:
        return self.add(pattern, delay=seconds, times=times)

    def drip(self, pattern, seconds_per_byte: float, times: int | None = None) -> Fault:
        return self.add(pattern, drip=seconds_per_byte, times=times)

    def loop_listing(self, slug: str, after_page: int) -> Fault:
        return self.add(
            re.compile(rf"^/{re.escape(slug)}(/page/\d+)?/?(\?|$)"), loop_after=after_page
        )

    def take(self, path: str) -> Fault | None:
        """The fault for this request (counting a hit), or None."""
        with self._lock:
            for pattern, fault in self._faults:
                if isinstance(pattern, re.Pattern):
                    matched = pattern.search(path) is not None
                else:
                    matched = pattern == path or pattern == path.split("?", 1)[0]
                if not matched:
                    continue
                if fault.times is not None and fault.hits >= fault.times:
                    continue
                if (
                    fault.statuses
                    and fault.hits >= len(fault.statuses)
                    and not _other_effects(fault)
                ):
                    continue
                fault.hits += 1
                return fault
        return None


def _other_effects(f: Fault) -> bool:
    return bool(f.status or f.delay or f.truncate or f.broken or f.loop_after or f.close
                or f.body is not None or f.redirect or f.charset or f.drip)  # fmt: skip


def etag_of(body: bytes) -> str:
    return '"' + hashlib.sha1(body).hexdigest()[:20] + '"'


class _Handler(BaseHTTPRequestHandler):
    server_version = "ReplicaCMS/1.0"
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # quiet
        pass

    def setup(self):
        super().setup()
        # headers and body go out in separate writes: without this, Nagle's algorithm and the
        # client's delayed ACK hold every keep-alive response back by ~40 ms
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_HEAD(self):
        self._serve(head=True)

    def do_GET(self):
        self._serve(head=False)

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8",
              headers: dict | None = None, head: bool = False) -> None:  # fmt: skip
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if not head and status != 304:
            self.wfile.write(body)

    def _serve(self, head: bool) -> None:
        rs: ReplicaServer = self.server.replica  # type: ignore[attr-defined]
        rs._record(self.command, self.path)
        plan = rs.faults
        if plan.down:
            if plan.down_mode == "close":
                self.close_connection = True
                return
            self._send(
                503, b"<h1>503 Service Unavailable</h1>", headers={"Retry-After": "1"}, head=head
            )
            return
        fault = plan.take(self.path)
        if fault is not None:
            if fault.delay:
                time.sleep(fault.delay)
            if fault.close:
                self.close_connection = True
                return
            status = None
            if fault.statuses and fault.hits <= len(fault.statuses):
                status = fault.statuses[fault.hits - 1]
            status = status or fault.status
            if fault.redirect:
                self._send(fault.redirect_status, b"", headers={"Location": fault.redirect}, head=head)
                return
            if fault.body is not None:
                self._send(status or 200, fault.body.encode("utf-8"), head=head)
                return
            if status and status != 200:
                headers = (
                    {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else {}
                )
                self._send(status, f"<h1>{status}</h1>".encode(), headers=headers, head=head)
                return
        status, ctype, text, article, extra = self._render(rs, fault)
        body = text.encode("utf-8")
        if fault is not None and fault.charset:
            ctype = re.sub(r"charset=[\w-]+", f"charset={fault.charset}", ctype)
        headers = dict(extra)
        if status == 200:
            tag = etag_of(body)
            headers["ETag"] = tag
            if article is not None:
                lm = format_datetime(article.modified.astimezone(UTC), usegmt=True)
                headers["Last-Modified"] = lm
                headers["Cache-Control"] = "max-age=0, must-revalidate"
            if self._not_modified(tag, article):
                self._send(
                    304,
                    b"",
                    ctype,
                    {k: v for k, v in headers.items() if k in ("ETag", "Last-Modified")},
                    head=True,
                )
                return
        if fault is not None and fault.broken:
            body = _break(body, fault.broken)
        if fault is not None and fault.truncate:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            if not head:
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
            self.close_connection = True
            return
        if fault is not None and fault.drip and not head:
            self._drip(status, body, ctype, fault.drip)
            return
        self._send(status, body, ctype, headers, head=head)

    def _drip(self, status: int, body: bytes, ctype: str, seconds: float) -> None:
        """The body one byte at a time, ``seconds`` apart, until sent or the client leaves."""
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        try:
            for i in range(len(body)):
                self.wfile.write(body[i : i + 1])
                self.wfile.flush()
                time.sleep(seconds)
        except OSError:
            pass  # the client gave up

    def _render(self, rs: ReplicaServer, fault: Fault | None):
        path = self.path
        if fault is not None and fault.loop_after:
            m = _LISTING.match(path.split("?", 1)[0])
            if m:
                page_no = int(m.group(2) or 1)
                if page_no > fault.loop_after:
                    with rs.site.lock:
                        text = render_listing(rs.site, m.group(1), page_no, entries_page=1)
                    if text is not None:
                        return 200, "text/html; charset=utf-8", text, None, {}
        status, ctype, text, article = (rs.router or route)(rs.site, path, rs.url)
        return status, ctype, text, article, {}

    def _not_modified(self, tag: str, article) -> bool:
        inm = self.headers.get("If-None-Match")
        if inm:
            return tag in [t.strip() for t in inm.split(",")] or inm.strip() == "*"
        ims = self.headers.get("If-Modified-Since")
        if ims and article is not None:
            try:
                since = parsedate_to_datetime(ims)
            except (TypeError, ValueError):
                return False
            return article.modified.replace(microsecond=0) <= since
        return False


def _break(body: bytes, mode: str) -> bytes:
    if mode == "garbage":
        return b"\x00\xff\xfe<<<\x89PNG garbage \xc3\x28 not a page \x00" * 20
    text = body.decode("utf-8")
    cut = -1
    for marker in (
        '<div class="content">',
        '<div class="entry-content">',
        '<div class="article-body">',
        "<main",
    ):
        cut = text.find(marker)
        if cut >= 0:
            break
    cut = cut + 60 if cut >= 0 else len(text) // 2
    return text[:cut].encode("utf-8")


class _QuietServer(ThreadingHTTPServer):
    """A client that hangs up mid-answer (a collector's deadline) is the client's business: no
    traceback on stderr, as a web server would only note it."""

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class ReplicaServer:
    """``with ReplicaServer(site) as server:`` serves ``site`` at ``server.url``."""

    def __init__(
        self, site: Site, *, faults: FaultPlan | None = None, port: int = 0, host: str = "127.0.0.1",
        router: Router | None = None,
    ):
        self.site = site
        self.router = router  # another site's pages over the same articles (None: the replica's)
        self.faults = faults or FaultPlan()
        self._host, self._port = host, port
        self._lock = threading.Lock()
        self._requests: list[tuple[str, str]] = []
        self.httpd: ThreadingHTTPServer | None = None
        self.thread: threading.Thread | None = None
        self.url = ""

    # ---- request log
    def _record(self, method: str, path: str) -> None:
        with self._lock:
            self._requests.append((method, path))

    @property
    def requests(self) -> list[tuple[str, str]]:
        with self._lock:
            return list(self._requests)

    def count(self, path_prefix: str | None = None) -> int:
        with self._lock:
            if path_prefix is None:
                return len(self._requests)
            return sum(1 for _, p in self._requests if p.startswith(path_prefix))

    def reset_requests(self) -> None:
        with self._lock:
            self._requests.clear()

    # ---- life cycle
    def start(self) -> ReplicaServer:
        self.httpd = _QuietServer((self._host, self._port), _Handler)
        self.httpd.daemon_threads = True
        self.httpd.replica = self  # type: ignore[attr-defined]
        host, port = self.httpd.server_address[:2]
        self.url = f"http://{host}:{port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                       name="replica-http", daemon=True)  # fmt: skip
        self.thread.start()
        return self

    def stop(self) -> None:
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()
            self.httpd = None

    def __enter__(self) -> ReplicaServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def serve_forever(site: Site, port: int = 8000, host: str = "127.0.0.1") -> None:
    """Serve ``site`` in the foreground until interrupted (for trying the replica by hand)."""
    server = ReplicaServer(site, port=port, host=host).start()
    print(f"Replica served at {server.url} (Ctrl+C to stop)", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
