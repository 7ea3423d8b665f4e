"""Reading pages of the site: articles (by the profile's selectors first, then the generic
rules), listings, navigation and feeds. One tree library (lxml), one module per job:

- ``patterns``: the class, label and text patterns the rules share
- ``tree``: parsing, the text of an element, selectors
- ``boilerplate``: menus, sidebars, related lists and the like, removed first
- ``metadata``: JSON-LD, meta tags, the title
- ``published``: the publish date
- ``body``: the body container, its blocks, lead and words
- ``byline``: the signature
- ``category``: breadcrumb, category links, articleSection
- ``players``: video players
- ``listings``: listing entries, links, menus, feeds
- ``article``: the article's fields, each with how it was found
"""

from collectors.extraction.article import Extracted, extract_article
from collectors.extraction.byline import looks_like_byline
from collectors.extraction.listings import (
    ListingEntry,
    feed_links,
    listing_entries,
    nav_links,
    page_links,
)

__all__ = [
    "Extracted",
    "ListingEntry",
    "extract_article",
    "feed_links",
    "listing_entries",
    "looks_like_byline",
    "nav_links",
    "page_links",
]
