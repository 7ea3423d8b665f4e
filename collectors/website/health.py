"""Is a page the page that was asked for, or a stand-in of a bad night?

A site under maintenance, behind a login wall or with its database down often answers 200 for
every address: with an empty body, a login form, a maintenance notice, or one page for all. Such
a page proves nothing about the address asked for (that a category has no listing, that a
listing ended, what an article says): the collector treats it as an error of the night and
changes nothing it recorded before.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit

_SCRIPTS = re.compile(r"<(head|script|style|noscript)\b.*?</\1\s*>|<!--.*?-->", re.I | re.S)
_TAGS = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_HEADLINE = re.compile(r"<(title|h1|h2)\b[^>]*>(.*?)</\1\s*>", re.I | re.S)
_PASSWORD = re.compile(r"""<input\b[^>]*\btype\s*=\s*["']?password""", re.I)
_LOGIN_PATH = re.compile(r"/(login|log-in|signin|sign-in|dang-?nhap|wp-login\.php|user/login)(/|\.|\?|$)", re.I)
MAINTENANCE = re.compile(
    r"bảo\s+trì|maintenance|đang\s+(được\s+)?nâng\s+cấp|tạm\s+(ngừng|ngưng)\s+(hoạt\s+động|truy\s+cập)"
    r"|under\s+construction|temporarily\s+unavailable|service\s+unavailable|quay\s+lại\s+sau",
    re.I,
)
SHORT_PAGE = 1500  # visible characters: a page of the site's frame says more than this
SHORT_ARTICLE = 600  # a notice alone


def visible_text(html: str) -> str:
    return _SPACE.sub(" ", _TAGS.sub(" ", _SCRIPTS.sub(" ", html))).strip()


def headlines(html: str) -> str:
    """The text of the page's <title>, <h1> and <h2> elements."""
    return " ".join(_TAGS.sub(" ", m.group(2)) for m in _HEADLINE.finditer(html[:200_000]))


def login_page(html: str, final_url: str = "") -> bool:
    """A login form, or an address the site redirected to that names a login."""
    return bool(_PASSWORD.search(html)) or bool(final_url and _LOGIN_PATH.search(urlsplit(final_url).path))


def stand_in(html: str, final_url: str = "") -> str:
    """Why a page that lacks what was expected of it (a listing without entries, a home page
    without article links) is a stand-in rather than a page of the site: "an empty page",
    "a login page", "a maintenance page"; "" when it looks like a real page."""
    text = visible_text(html)
    if len(text) < 20:
        return "an empty page"
    if login_page(html, final_url):
        return "a login page"
    if MAINTENANCE.search(headlines(html)) or (len(text) < SHORT_PAGE and MAINTENANCE.search(text)):
        return "a maintenance page"
    return ""


def article_stand_in(html: str, final_url: str, *, words: int, has_player: bool) -> str:
    """Why an article page is a stand-in: the same signs, held to a stricter standard since a
    real article may speak of maintenance (only a short page, without a body of its own)."""
    if has_player or words >= 150:
        return ""
    text = visible_text(html)
    if len(text) < 20:
        return "an empty page"
    if words < 50 and login_page(html, final_url):
        return "a login page"
    if (MAINTENANCE.search(headlines(html)) and len(text) < SHORT_PAGE) or (
        len(text) < SHORT_ARTICLE and MAINTENANCE.search(text)
    ):
        return "a maintenance page"
    return ""


class Bodies:
    """The bodies served this run, by digest: the same bytes under two addresses are a site
    answering one page for every URL (or aliases, which need no second reading)."""

    def __init__(self) -> None:
        self.first: dict[str, str] = {}

    def same_as(self, url: str, body: bytes | str) -> str:
        """The other address that served these very bytes this run ("" if none); remembers
        ``url`` as the first to serve them."""
        if isinstance(body, str):
            body = body.encode("utf-8", "surrogatepass")
        if not body.strip():
            return ""  # empty bodies are told apart by stand_in
        digest = hashlib.sha256(body).hexdigest()
        key = url.rstrip("/")
        first = self.first.setdefault(digest, key)
        return "" if first == key else first
