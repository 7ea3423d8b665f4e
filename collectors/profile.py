"""The site profile (``site.toml``) as validated data: the site, politeness, selectors.

It lives with the collectors, which read it; ``pipeline.settings`` loads and overlays it with
the other configuration files.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# ---------------------------------------------------------------- site.toml
class SiteSection(Strict):
    base_url: str
    name: str = "Công đoàn Hà Tĩnh"
    categories: list[str] = Field(default_factory=lambda: ["tin-tuc"])
    discover_categories: bool = True
    feeds: list[str] = Field(default_factory=list)
    site_authors: list[str] = Field(default_factory=list)
    max_listing_pages: int = Field(500, ge=1)
    # nights in a row a listing must answer 404 while missing from the navigation to be dropped
    drop_category_after_nights: int = Field(7, ge=1)


class Politeness(Strict):
    delay: float = Field(1.0, ge=0)
    timeout: float = Field(20.0, gt=0)
    deadline: float = Field(60.0, gt=0)  # seconds for a whole request, its body included
    retries: int = Field(4, ge=0, le=20)
    backoff: float = Field(2.0, ge=0)
    max_backoff: float = Field(120.0, ge=0)
    max_bytes: int = Field(8_000_000, gt=0)
    user_agent: str
    respect_robots: bool = True
    stop_after_failures: int = Field(8, ge=1)  # URLs failing the same way in a row stop the run
    # attempts in a row that each cost a whole timeout or deadline (no answer, a dripped body)
    stop_after_slow_failures: int = Field(3, ge=1)
    # seconds a streak of failures may last (requests and waits) before the run stops
    stop_after_seconds: float = Field(150.0, gt=0)
    # seconds a whole run may spend before it stops (what it has not read stays pending)
    run_deadline: float = Field(7200.0, gt=0)


class Selectors(Strict):
    title: str = ""
    published: str = ""
    category: str = ""
    lead: str = ""
    body: str = ""
    byline: str = ""
    # parts of the article to leave out of the body (CSS selectors), and texts at whose line
    # the body ends (a block starting with one, and all after it, are not the body)
    exclude: str = ""
    body_end: list[str] = Field(default_factory=list)
    listing_entry: str = ""
    listing_link: str = ""
    listing_date: str = ""


class SiteFile(Strict):
    site: SiteSection
    politeness: Politeness
    selectors: Selectors = Field(default_factory=Selectors)
