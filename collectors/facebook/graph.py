"""Read the Page itself through the Graph API: its published posts and its reels.

``GET {graph}/{version}/{page_id}/published_posts`` and ``…/video_reels``, following
``paging.next``. Every ``published_posts`` entry is a post; it is a video post when an attachment
or sub-attachment has ``media_type`` ``video``, except an attachment of ``type`` ``share`` (a
shared link is never a Facebook video). A reel is a post and a video; a published post whose
attachment ``target.id`` is a reel's id is that reel, counted once. ``created_time`` is UTC.

Keys: a post ``{page_id}_{post_id}`` is ``fb:{post_id}`` (the Business Suite CSV's ``Post ID``
gives the same key); a reel is ``reel:{id}``, and a post holding a reel carries ``reel:{id}`` in
``raw["alt_keys"]``. Matching with exports that have no id (minute and text) is the importer's.

Paging stops at the end of an edge, at a page that holds only posts already known (``known``: the
keys stored before this run; the caller decides whether the stop applies, see ``stop_at_known``)
or at ``since``. The access token travels only as a request parameter: it is never written into
a URL this module logs or puts in a message (:func:`redact`).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Container
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from collectors.facebook.common import LOCAL
from collectors.facebook.graph_records import merge_reels, parse_time, post_item, reel_item
from collectors.http import FetchError, HttpClient
from collectors.item import Item

log = logging.getLogger("cdht.facebook.graph")

POST_FIELDS = (
    "id,created_time,message,permalink_url,status_type,"
    "attachments{media_type,type,url,unshimmed_url,target,subattachments}"
)
REEL_FIELDS = "id,created_time,description,permalink_url"
EDGES = {"published_posts": POST_FIELDS, "video_reels": REEL_FIELDS}
RATE_LIMIT_CODES = frozenset({4, 17, 32, 613})
TOKEN_CODES = frozenset({190, 102})


class GraphError(Exception):
    """The Page could not be read; the message never holds the token."""


class GraphTokenError(GraphError):
    """Error 190: the access token is invalid or expired and must be renewed."""


class GraphResponseError(GraphError):
    """An answer that is not what the Graph API documents (HTML, no ``data``, a looping cursor)."""


@dataclass
class GraphTarget:
    base_url: str  # https://graph.facebook.com
    version: str  # v23.0
    page_id: str
    token: str
    page_size: int = 100
    max_pages: int = 2000


@dataclass
class EdgeWalk:
    edge: str
    pages: int = 0
    entries: int = 0
    reached_end: bool = False  # walked to the last page (no paging.next)
    stopped: str = ""  # why the walk stopped before the end: known, since


@dataclass
class GraphRead:
    items: list[Item] = field(default_factory=list)
    walks: dict[str, EdgeWalk] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    requests: int = 0


# ------------------------------------------------------------------ secrets
_TOKEN_PARAM = re.compile(r"(access_token=)[^&\s#'\"]+", re.I)


def redact(text: str, token: str = "") -> str:
    """``text`` with every access token replaced by ``…``."""
    text = _TOKEN_PARAM.sub(r"\1…", str(text))
    if token:
        text = text.replace(token, "…")
    return text


def _strip_token(url: str) -> str:
    parts = urlsplit(url)
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "access_token"
    ]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


# ------------------------------------------------------------------ HTTP
def _error_of(body: bytes) -> dict | None:
    try:
        doc = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    err = doc.get("error") if isinstance(doc, dict) else None
    return err if isinstance(err, dict) else None


def _code(err: dict) -> int | None:
    code = err.get("code")
    try:
        return int(code)
    except (TypeError, ValueError):
        return None


def rate_limit_wait(resp) -> tuple[str, float | None] | None:
    """For :meth:`HttpClient.get`: a Graph rate-limit error (codes 4, 17, 32, 613) is waited out."""
    if resp.status_code < 400:
        return None
    err = _error_of(resp.content or b"")
    if err is None or _code(err) not in RATE_LIMIT_CODES:
        return None
    wait = None
    for header in ("x-business-use-case-usage", "x-ad-account-usage"):
        wait = wait or _regain_seconds(resp.headers.get(header))
    return f"Graph API rate limit (error {_code(err)})", wait


def _regain_seconds(value: str | None) -> float | None:
    """``estimated_time_to_regain_access`` (minutes) of a usage header, in seconds."""
    if not value:
        return None
    try:
        doc = json.loads(value)
    except ValueError:
        return None
    minutes = [
        e.get("estimated_time_to_regain_access")
        for entries in (doc.values() if isinstance(doc, dict) else [])
        for e in (entries if isinstance(entries, list) else [])
        if isinstance(e, dict)
    ]
    minutes = [m for m in minutes if isinstance(m, int | float) and m > 0]
    return max(minutes) * 60.0 if minutes else None


def fetch_json(client: HttpClient, url: str, target: GraphTarget) -> dict:
    """One Graph request; rate limits and 5xx are waited out by the client."""
    shown = redact(url, target.token)
    try:
        resp = client.get(url, params={"access_token": target.token}, retry_when=rate_limit_wait)
    except FetchError as exc:
        raise GraphError(f"{shown}: {redact(exc.reason, target.token)}") from None
    err = _error_of(resp.body)
    if err is not None or resp.status >= 400:
        raise _graph_error(shown, resp.status, err or {}, target.token)
    ctype = resp.headers.get("content-type", "")
    try:
        doc = json.loads(resp.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        kind = "an HTML page" if "html" in ctype or resp.body.lstrip()[:1] == b"<" else "not JSON"
        raise GraphResponseError(
            f"{shown}: the answer is {kind} ({ctype or 'no content type'}), not Graph API JSON"
        ) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("data"), list):
        raise GraphResponseError(f"{shown}: the answer has no `data` list")
    return doc


def _graph_error(shown: str, status: int, err: dict, token: str) -> GraphError:
    code = _code(err)
    msg = redact(str(err.get("message") or f"HTTP {status}"), token)
    sub = err.get("error_subcode")
    detail = f"error {code}" + (f"/{sub}" if sub else "") + f", HTTP {status}: {msg}"
    if code in TOKEN_CODES:
        return GraphTokenError(f"{shown}: the access token is invalid or expired ({detail})")
    if code == 10 or (code is not None and 200 <= code <= 299):
        return GraphError(f"{shown}: a permission is missing ({detail})")
    return GraphError(f"{shown}: {detail}")


# ------------------------------------------------------------------ walking
def _is_known(item: Item, known: Container[str]) -> bool:
    return item.key in known or any(k in known for k in item.raw.get("alt_keys") or [])


def _same_host(url: str, base: str) -> str:
    """``url`` sent to ``base``'s scheme and host: the token never goes anywhere else."""
    u, b = urlsplit(url), urlsplit(base)
    return urlunsplit((b.scheme, b.netloc, u.path, u.query, ""))


def walk_edge(
    client: HttpClient,
    target: GraphTarget,
    edge: str,
    *,
    known: Container[str],
    stop_at_known: bool,
    since: date | None,
    out: GraphRead,
) -> list[Item]:
    base = target.base_url.rstrip("/")
    url = f"{base}/{target.version}/{target.page_id}/{edge}?" + urlencode(
        {"fields": EDGES[edge], "limit": target.page_size}
    )
    walk = out.walks.setdefault(edge, EdgeWalk(edge))
    make = post_item if edge == "published_posts" else reel_item
    items: list[Item] = []
    seen_urls: set[str] = set()
    seen_ids: set[str] = set()
    while True:
        if walk.pages >= target.max_pages:
            raise GraphResponseError(
                f"{redact(url, target.token)}: more than {target.max_pages} pages of {edge} "
                "(graph.max_pages); stopped"
            )
        seen_urls.add(url)
        doc = fetch_json(client, url, target)
        walk.pages += 1
        page: list[Item] = []
        oldest: datetime | None = None
        ids = {str(n.get("id")) for n in doc["data"] if isinstance(n, dict) and n.get("id")}
        if ids and ids <= seen_ids:
            raise GraphResponseError(
                f"{redact(url, target.token)}: {edge} page {walk.pages} holds only entries of an "
                "earlier page; the answer loops"
            )
        seen_ids |= ids
        for i, node in enumerate(doc["data"]):
            if not isinstance(node, dict):
                out.warnings.append(
                    f"{edge} page {walk.pages} entry {i + 1}: not an object (ignored)"
                )
                continue
            where = f"{edge} page {walk.pages} entry {i + 1} (id {node.get('id', '?')})"
            if not node.get("id"):
                out.warnings.append(f"{where}: no id (ignored)")
                continue
            try:
                published = parse_time(node.get("created_time"), where)
            except ValueError as exc:
                out.warnings.append(f"{exc} (ignored)")
                continue
            oldest = published if oldest is None else min(oldest, published)
            if since is not None and published.astimezone(LOCAL).date() < since:
                continue
            page.append(make(node, published))
        walk.entries += len(doc["data"])
        items += page
        paging = doc.get("paging") if isinstance(doc.get("paging"), dict) else {}
        nxt = paging.get("next")
        if not doc["data"] or not isinstance(nxt, str) or not nxt:
            walk.reached_end = True
            return items
        if since is not None and oldest is not None and oldest.astimezone(LOCAL).date() < since:
            walk.stopped = "since"
            return items
        if stop_at_known and page and all(_is_known(it, known) for it in page):
            walk.stopped = "known"
            return items
        url = _same_host(_strip_token(nxt), base)
        if url in seen_urls:
            raise GraphResponseError(
                f"{redact(url, target.token)}: paging.next repeats a page already read "
                f"({edge} page {walk.pages}); the answer loops"
            )


def read_page(
    client: HttpClient,
    target: GraphTarget,
    *,
    known: Container[str] = frozenset(),
    stop_at_known: dict[str, bool] | None = None,
    since: date | None = None,
    out: GraphRead | None = None,
) -> GraphRead:
    """Read the Page's reels and published posts (raises :class:`GraphError`)."""
    out = out if out is not None else GraphRead()
    stops = stop_at_known or {}
    start = client.requests
    try:
        reels = walk_edge(client, target, "video_reels", known=known,
                          stop_at_known=stops.get("video_reels", True), since=since, out=out)  # fmt: skip
        out.items = list(reels)
        posts = walk_edge(client, target, "published_posts", known=known,
                          stop_at_known=stops.get("published_posts", True), since=since, out=out)  # fmt: skip
        out.items = merge_reels(posts, reels)
    finally:
        out.requests = client.requests - start
    out.items.sort(key=lambda it: (it.published, it.key))
    return out
