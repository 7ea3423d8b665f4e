"""Canonical URLs: an item's identity does not depend on the host, tracking or fragments."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, unquote, urlencode, urljoin, urlsplit, urlunsplit

TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga|igshid|zarsrc|zalo_\w+|__tn__|ref|ref_src)$",
    re.IGNORECASE,
)
FACEBOOK_REDIRECT_HOSTS = {"l.facebook.com", "lm.facebook.com", "l.messenger.com"}


def unwrap_redirect(url: str) -> str:
    """``https://l.facebook.com/l.php?u=<target>&h=…`` → the target."""
    parts = urlsplit(url.strip())
    if parts.hostname in FACEBOOK_REDIRECT_HOSTS:
        target = dict(parse_qsl(parts.query)).get("u")
        if target:
            return unquote(target) if "%" in target else target
    return url.strip()


def canonical_key(url: str) -> str:
    """Host-independent identity: path and sorted query, tracking parameters and fragment dropped.

    ``https://congdoanhatinh.org.vn/tin-abc-1542774243.html?utm_source=fb#top`` →
    ``/tin-abc-1542774243.html``.
    """
    parts = urlsplit(unwrap_redirect(url))
    path = re.sub(r"/{2,}", "/", parts.path or "/")
    if len(path) > 1:
        path = path.rstrip("/")
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING.match(k)]
    qs = urlencode(sorted(query))
    return path + ("?" + qs if qs else "")


def host_of(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def same_site(url: str, *bases: str) -> bool:
    host = host_of(url)
    return bool(host) and any(host == host_of(b) for b in bases)


def resolve(url: str, page_url: str, site_url: str | None = None, site_hosts: tuple = ()) -> str:
    """Absolute URL of a link found on ``page_url``. With ``site_url`` (``--site-url``), links to
    the configured site's hosts move to that base, keeping path and query (fragment dropped)."""
    absolute = urljoin(page_url, url.strip())
    if not site_url:
        return absolute.split("#", 1)[0]
    parts = urlsplit(absolute)
    if host_of(absolute) not in {host_of(h) for h in (*site_hosts, site_url, page_url)}:
        return absolute.split("#", 1)[0]
    target = urlsplit(site_url)
    return urlunsplit((target.scheme, target.netloc, parts.path, parts.query, ""))


def is_article_path(path: str) -> bool:
    """Article pages are ``/<slug>-<10 digits>.html`` on this site (a trailing slash allowed)."""
    return bool(re.search(r"-\d{9,11}\.html?/?$", urlsplit(path).path))
