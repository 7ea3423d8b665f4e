"""A local server that answers like the Graph API, for tests (bound to 127.0.0.1 only).

Built from Meta's reference, not from our reader:

- ``GET /{version}/{page-id}/published_posts`` and ``GET /{version}/{page-id}/video_reels``
  answer ``{"data": [...], "paging": {"cursors": {"before", "after"}, "next"}}``, newest first;
  ``next`` is an absolute URL that carries the request's parameters (``access_token``,
  ``fields``, ``limit``) and ``after=<cursor>``; the last page has no ``next``
  ("Paginated Results": cursor-based pagination).
- ``fields`` selects the fields of each node, with the nested syntax
  ``attachments{media_type,type,url,target,subattachments}``; the default is ``id`` plus the
  edge's default fields (``created_time``, ``message`` / ``description``).
- Errors are ``{"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}``
  ("Handling Errors"): a wrong or expired token is ``OAuthException`` code 190 with HTTP 400
  (subcode 463 for an expired one, with a ``WWW-Authenticate`` header); the rate limits are
  codes 4 (application), 17 (user), 32 (page) and 613 (custom), HTTP 400 (4 and 17 may be 403
  as well); a server error is code 1 or 2 with HTTP 500 / 503.

Faults on demand (:meth:`GraphServer.fail`): ``html`` (an HTML page instead of JSON),
``no_data`` (a body without ``data``), ``repeat_cursor`` (``next`` points at the same page
again), ``rate_limit`` (with ``code``), ``server_error``, ``expired``.
"""

from __future__ import annotations

import base64
import json
import re
import secrets
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

DEFAULT_FIELDS = {
    "published_posts": ["created_time", "message"],
    "video_reels": ["created_time", "description"],
}
MAX_LIMIT = 100


def parse_fields(spec: str) -> dict:
    """``a,b{c,d{e}}`` -> ``{"a": None, "b": {"c": None, "d": {"e": None}}}``."""
    out: dict = {}
    stack = [out]
    name = ""
    for ch in spec + ",":
        if ch in ",{}":
            if name.strip():
                stack[-1][name.strip()] = None
            if ch == "{":
                if not name.strip():
                    raise ValueError("field list: '{' without a field name")
                sub: dict = {}
                stack[-1][name.strip()] = sub
                stack.append(sub)
            elif ch == "}":
                if len(stack) == 1:
                    raise ValueError("field list: unbalanced '}'")
                stack.pop()
            name = ""
        else:
            name += ch
    if len(stack) != 1:
        raise ValueError("field list: unbalanced '{'")
    return out


def project(node, fields: dict | None):
    """The node with only the requested fields (nested edges wrap lists as ``{"data": [...]}``)."""
    if fields is None or not isinstance(node, dict):
        return node
    out = {}
    for name, sub in fields.items():
        if name not in node:
            continue
        value = node[name]
        if isinstance(value, dict) and isinstance(value.get("data"), list):
            out[name] = {"data": [project(v, sub) for v in value["data"]]}
        elif isinstance(value, dict):
            out[name] = project(value, sub)
        else:
            out[name] = value
    return out


def error_body(message: str, type_: str, code: int, subcode: int | None = None) -> dict:
    err = {"message": message, "type": type_, "code": code,
           "fbtrace_id": base64.b64encode(secrets.token_bytes(8)).decode().rstrip("=")}  # fmt: skip
    if subcode is not None:
        err["error_subcode"] = subcode
    return {"error": err}


RATE_LIMIT_MESSAGES = {
    4: "(#4) Application request limit reached",
    17: "(#17) User request limit reached",
    32: "(#32) Page request limit reached",
    613: "(#613) Calls to this api have exceeded the rate limit.",
}


@dataclass
class Fault:
    kind: str  # html, no_data, repeat_cursor, rate_limit, server_error, expired
    edge: str = ""  # '' any edge
    times: int = 1
    code: int = 4
    status: int = 400
    on_page: int = 0  # 0 any page, else only the page with this cursor index (1 = first)
    retry_after: int | None = None


@dataclass
class Request:
    path: str
    query: dict[str, str]
    status: int


@dataclass
class GraphServer:
    """A Page with posts and reels. ``posts`` and ``reels`` are Graph nodes (dicts)."""

    page_id: str
    token: str
    posts: list[dict] = field(default_factory=list)
    reels: list[dict] = field(default_factory=list)
    default_limit: int = 25
    faults: list[Fault] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)

    def __post_init__(self):
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None

    # ------------------------------------------------------------ lifecycle
    def __enter__(self) -> GraphServer:
        handler = type("Handler", (_Handler,), {"graph": self})
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        assert self._httpd is not None
        self._httpd.shutdown()
        self._httpd.server_close()

    @property
    def url(self) -> str:
        assert self._httpd is not None
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def fail(self, kind: str, **kw) -> Fault:
        f = Fault(kind, **kw)
        with self._lock:
            self.faults.append(f)
        return f

    def edge_requests(self, edge: str = "") -> list[Request]:
        return [r for r in self.requests if r.path.endswith("/" + edge) or not edge]

    # ------------------------------------------------------------ answers
    def _take_fault(self, edge: str, page: int) -> Fault | None:
        with self._lock:
            for f in self.faults:
                if f.times > 0 and f.edge in ("", edge) and f.on_page in (0, page):
                    f.times -= 1
                    return f
        return None

    def answer(self, path: str, query: dict[str, str], base: str) -> tuple[int, dict, bytes]:
        m = re.fullmatch(r"/(v\d+\.\d+)/([^/]+)/(published_posts|video_reels)", path)
        if not m:
            return _json(404, error_body(
                "Unknown path components: " + path, "OAuthException", 2500))  # fmt: skip
        version, node, edge = m.groups()
        token = query.get("access_token", "")
        if not token:
            return _json(400, error_body(
                "An active access token must be used to query information about the current user.",
                "OAuthException", 2500))  # fmt: skip
        if token != self.token:
            return _json(400, error_body(
                "Invalid OAuth access token - Cannot parse access token", "OAuthException", 190),
                {"WWW-Authenticate": 'OAuth "Facebook Platform" "invalid_token" "Invalid OAuth access token"'})  # fmt: skip
        if node != self.page_id:
            return _json(400, error_body(
                f"Unsupported get request. Object with ID '{node}' does not exist, cannot be "
                "loaded due to missing permissions, or does not support this operation.",
                "GraphMethodException", 100, 33))  # fmt: skip
        try:
            fields = parse_fields(query["fields"]) if query.get("fields") else None
            limit = min(int(query.get("limit") or self.default_limit), MAX_LIMIT)
            start = _decode_cursor(query["after"]) + 1 if query.get("after") else 0
        except (ValueError, KeyError):
            return _json(400, error_body("(#100) Invalid parameter", "OAuthException", 100))
        page_no = start // max(limit, 1) + 1
        fault = self._take_fault(edge, page_no)
        if fault is not None:
            out = self._fault_answer(fault)
            if out is not None:
                return out
        nodes = self.posts if edge == "published_posts" else self.reels
        nodes = sorted(nodes, key=lambda n: n.get("created_time", ""), reverse=True)
        chunk = nodes[start : start + limit]
        if fields is None:
            fields = {"id": None, **{f: None for f in DEFAULT_FIELDS[edge]}}
        fields.setdefault("id", None)
        body: dict = {"data": [project(n, fields) for n in chunk]}
        if chunk:
            paging: dict = {
                "cursors": {"before": _cursor(start), "after": _cursor(start + len(chunk) - 1)}
            }
            params = {k: v for k, v in query.items() if k not in ("after", "before")}
            if start + len(chunk) < len(nodes):
                after = paging["cursors"]["after"]
                if fault is not None and fault.kind == "repeat_cursor":
                    after = query.get("after") or _cursor(-1)
                paging["next"] = f"{base}/{version}/{node}/{edge}?" + urlencode(
                    {**params, "after": after}
                )
            if start > 0:
                paging["previous"] = f"{base}/{version}/{node}/{edge}?" + urlencode(
                    {**params, "before": paging["cursors"]["before"]})  # fmt: skip
            body["paging"] = paging
        return _json(200, body)

    def _fault_answer(self, f: Fault) -> tuple[int, dict, bytes] | None:
        if f.kind == "html":
            page = b"<!DOCTYPE html><html><head><title>Facebook</title></head><body>Sorry, something went wrong.</body></html>"
            return 200, {"Content-Type": "text/html; charset=utf-8"}, page
        if f.kind == "no_data":
            return _json(200, {"paging": {"cursors": {"before": "QVFI", "after": "QVFI"}}})
        if f.kind == "rate_limit":
            headers = {}
            if f.retry_after is not None:
                headers["Retry-After"] = str(f.retry_after)
            return _json(f.status, error_body(RATE_LIMIT_MESSAGES.get(f.code, "rate limit"),
                                              "OAuthException", f.code), headers)  # fmt: skip
        if f.kind == "server_error":
            code = 2 if f.status == 503 else 1
            msg = (
                "Service temporarily unavailable" if code == 2 else "An unknown error has occurred."
            )
            return _json(f.status, error_body(msg, "OAuthException", code))
        if f.kind == "expired":
            return _json(400, error_body(
                "Error validating access token: Session has expired on Monday, 01-Dec-25 "
                "01:00:00 PST. The current time is Monday, 01-Dec-25 02:00:00 PST.",
                "OAuthException", 190, 463))  # fmt: skip
        return None  # repeat_cursor: a normal page with a bad next link


def _cursor(index: int) -> str:
    return base64.b64encode(f"cursor:{index}".encode()).decode()


def _decode_cursor(value: str) -> int:
    text = base64.b64decode(value.encode(), validate=True).decode()
    if not text.startswith("cursor:"):
        raise ValueError(value)
    return int(text[7:])


def _json(status: int, body: dict, headers: dict | None = None) -> tuple[int, dict, bytes]:
    h = {"Content-Type": "application/json; charset=UTF-8", **(headers or {})}
    return status, h, json.dumps(body, ensure_ascii=False).encode("utf-8")


class _Handler(BaseHTTPRequestHandler):
    graph: GraphServer

    def log_message(self, *args) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        query = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        base = f"http://{self.headers.get('Host') or self.graph.url.split('//', 1)[1]}"
        status, headers, body = self.graph.answer(parts.path, query, base)
        with self.graph._lock:
            self.graph.requests.append(Request(parts.path, query, status))
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


# ------------------------------------------------------------ building a Page
def graph_time(local: str) -> str:
    """``2025-04-01 06:00:05`` (Asia/Ho_Chi_Minh) -> ``2025-03-31T23:00:05+0000`` as Graph writes it."""
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    dt = datetime.fromisoformat(local).replace(tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")


def graph_post(page_id: str, post_id: str, local: str, message: str | None = None, *,
               attachments: list[dict] | None = None) -> dict:  # fmt: skip
    node = {"id": f"{page_id}_{post_id}", "created_time": graph_time(local),
            "permalink_url": f"https://www.facebook.com/{page_id}/posts/{post_id}",
            "status_type": "mobile_status_update"}  # fmt: skip
    if message is not None:
        node["message"] = message
    if attachments:
        node["attachments"] = {"data": attachments}
        types = {a.get("type") for a in attachments}
        node["status_type"] = (
            "shared_story"
            if "share" in types
            else "added_photos"
            if "photo" in types
            else "added_video"
        )
    return node


def photo_attachment(url: str = "https://www.facebook.com/photo.php?fbid=1") -> dict:
    return {"media_type": "photo", "type": "photo", "url": url,
            "media": {"image": {"height": 720, "width": 960, "src": "https://scontent.example/1.jpg"}}}  # fmt: skip


def video_attachment(video_id: str, *, reel: bool = False) -> dict:
    path = f"reel/{video_id}" if reel else f"videos/{video_id}"
    return {"media_type": "video", "type": "video_inline", "url": f"https://www.facebook.com/{path}",
            "target": {"id": video_id, "url": f"https://www.facebook.com/{path}"}}  # fmt: skip


def share_attachment(url: str, *, media_type: str = "link") -> dict:
    wrapped = "https://l.facebook.com/l.php?" + urlencode({"u": url, "h": "AT0x"})
    return {"media_type": media_type, "type": "share", "url": wrapped, "unshimmed_url": url,
            "target": {"url": wrapped}}  # fmt: skip


def album_attachment(children: list[dict]) -> dict:
    return {"media_type": "album", "type": "album", "url": "https://www.facebook.com/media/set/?set=a.1",
            "subattachments": {"data": children}}  # fmt: skip


def graph_reel(reel_id: str, local: str, description: str | None = None) -> dict:
    node = {"id": reel_id, "created_time": graph_time(local),
            "permalink_url": f"/reel/{reel_id}/"}  # fmt: skip
    if description is not None:
        node["description"] = description
    return node
