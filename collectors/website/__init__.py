"""The website collector: feeds, category listings and article pages of the federation's site."""

from collectors.page_item import Hint
from collectors.website.collector import WebsiteCollector
from collectors.website.records import CollectResult

__all__ = ["CollectResult", "Hint", "WebsiteCollector"]
