"""The website collector: feeds, category listings and article pages of the federation's site."""

from collectors.website.collector import WebsiteCollector
from collectors.website.records import CollectResult, Hint

__all__ = ["CollectResult", "Hint", "WebsiteCollector"]
