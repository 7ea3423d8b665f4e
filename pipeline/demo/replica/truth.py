"""What a correct pipeline must report for the replica: the month-report JSON of DESIGN.md,
computed from the articles' ground truth (local Asia/Ho_Chi_Minh publish dates)."""

from __future__ import annotations

from pipeline.demo.replica.model import Article, Site

KIND_KEY = {"news": "news", "article": "articles", "video": "videos"}


def expected_month(site: Site, month: str, articles: list[Article] | None = None) -> dict:
    """The website part of ``cdht report month <month> --format json`` for ``site``.

    ``website``: news/articles/videos/with_video/total; ``units``: every unit with at least one
    item ({news, articles, videos, facebook: 0}); ``contributors``: every contributor credited
    at least once ({news, articles, videos}); ``unattributed``: items without a unit, reposts
    included."""
    items = [a for a in (site.articles if articles is None else articles) if a.month == month]
    website = {"news": 0, "articles": 0, "videos": 0, "with_video": 0, "total": 0}
    units: dict[str, dict] = {}
    contributors: dict[str, dict] = {}
    unattributed = 0
    for a in items:
        key = KIND_KEY[a.kind]
        website[key] += 1
        website["total"] += 1
        website["with_video"] += int(a.with_video)
        if a.unit_id is None:
            unattributed += 1
        else:
            row = units.setdefault(
                a.unit_id, {"news": 0, "articles": 0, "videos": 0, "facebook": 0}
            )
            row[key] += 1
        for cid in a.contributors:
            row = contributors.setdefault(cid, {"news": 0, "articles": 0, "videos": 0})
            row[key] += 1
    return {
        "period": month,
        "website": website,
        "units": dict(sorted(units.items())),
        "contributors": dict(sorted(contributors.items())),
        "unattributed": unattributed,
    }


def expected_months(site: Site) -> dict[str, dict]:
    """``expected_month`` for every month that has items."""
    return {m: expected_month(site, m) for m in site.months()}


def expected_item(a: Article) -> dict:
    """One article's truth, keyed as a test compares it with a stored item."""
    return {
        "key": a.path,
        "title": a.title,
        "published": a.published.isoformat(),
        "category": a.category,
        "kind": a.kind,
        "with_video": a.with_video,
        "unit": a.unit_id,
        "contributors": list(a.contributors),
        "is_repost": a.is_repost,
        "words": a.words,
        "byline": a.byline,
    }
