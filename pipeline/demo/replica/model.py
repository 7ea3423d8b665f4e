"""The replica's data: a deterministic, synthetic site with its ground truth.

``build_site`` invents a few months of the federation's website: news items, in-depth articles
and videos in five categories, written by units and by the demo contributors, with the traps of
SITE.md and DESIGN.md (ambiguous and non-unit names, reposts, photo credits, players, series
markers, word counts near the thresholds, items at the edges of a month in local time).

Every :class:`Article` carries its expected kind, video flag, unit and contributors, computed by
the rules of DESIGN.md from what was generated (words are counted on the generated text), so the
collector and the pipeline can be checked against it. The records live in ``records.py``, the
rules of the truth in ``rules.py``, the writing of one article in ``writing.py``; this module
lays out the months and holds the live site.
"""

from __future__ import annotations

import calendar
import random
import threading
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from collectors.dates import LOCAL
from pipeline.demo.replica.records import Article, Category
from pipeline.demo.replica.rules import demo_contributors, kind_of, unit_of
from pipeline.demo.replica.writing import make_article

__all__ = ["LOCAL", "Article", "Category", "Site", "build_demo_site", "build_site",
           "demo_contributors", "kind_of", "unit_of"]

CATEGORIES = [
    ("tin-tuc", "Tin tức"),
    ("hoat-dong-cong-doan", "Hoạt động công đoàn"),
    ("chuyen-de", "Chuyên đề"),
    ("phong-su", "Phóng sự"),
    ("video", "Video"),
]


@dataclass
class Site:
    articles: list[Article]  # newest first
    categories: list[Category]
    today: date
    seed: int = 6
    rng: random.Random = field(default_factory=random.Random, repr=False)
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False)
    _by_path: dict[str, Article] = field(default_factory=dict, repr=False)
    version: int = 0  # bumped by every change (render caches key on it)

    def __post_init__(self) -> None:
        self.reindex()

    def reindex(self) -> None:
        self.articles.sort(key=lambda a: a.published, reverse=True)
        self._by_path = {a.path: a for a in self.articles}
        self.version += 1

    def article(self, path: str) -> Article | None:
        return self._by_path.get(path)

    def category(self, slug: str) -> Category | None:
        return next((c for c in self.categories if c.slug == slug), None)

    def in_category(self, slug: str) -> list[Article]:
        return [a for a in self.articles if a.category == slug]

    def months(self) -> list[str]:
        return sorted({a.month for a in self.articles})

    def add_articles(self, n: int, start: datetime | None = None) -> list[Article]:
        """Publish ``n`` new articles after the newest one (they head listings and the feed)."""
        with self.lock:
            rng = self.rng
            t = start or (self.articles[0].published + timedelta(minutes=rng.randint(20, 90)))
            t = t.astimezone(LOCAL).replace(second=0, microsecond=0)
            taken = set(self._by_path)
            new = []
            for _ in range(n):
                spec = rng.choices(
                    [
                        ("news", "plain", ""),
                        ("news", "player", ""),
                        ("video", "prefix", ""),
                        ("article", "chuyen-de", ""),
                    ],
                    weights=[80, 8, 8, 4],
                )[0]
                new.append(make_article(rng, spec, t, taken, self.seed))
                t += timedelta(minutes=rng.randint(15, 120))
            self.articles.extend(new)
            last = max(a.local.date() for a in self.articles)
            self.today = max(self.today, last + timedelta(days=1))
            self.reindex()
            return sorted(new, key=lambda a: a.published, reverse=True)


# ---------------------------------------------------------------- generation
def _months(start: str, months: int) -> list[tuple[int, int]]:
    y, m = map(int, start.split("-"))
    out = []
    for _ in range(months):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _month_specs(
    rng: random.Random, n: int, mix: tuple[int, int, int] | None = None
) -> list[tuple[str, str, str]]:
    """Each item's (kind, variant, attribution plan) for a month of ``n`` items; ``mix`` gives
    the (news, articles, videos) counts, else they are 93:7:10 of every 110."""
    if mix is not None:
        n_news, n_article, n_video = mix
    else:
        n_video = max(1, round(n * 10 / 110))
        n_article = max(1, round(n * 7 / 110))
        n_news = n - n_video - n_article
    videos = [
        "prefix",
        "category",
        "player",
        "prefix",
        "category",
        "player",
        "prefix-noplayer",
        "prefix",
        "category",
        "player",
    ]
    articles = [
        "chuyen-de",
        "phong-su",
        "series",
        "words",
        "chuyen-de-player",
        "series",
        "words-edge",
    ]
    news_special = (
        ["player"] * round(n * 11 / 110) + ["edge"] + ["long"] * 2 + ["term"] * 2 + ["theo-do"] * 3
    )
    specs = [("video", videos[i % len(videos)]) for i in range(n_video)]
    specs += [("article", articles[i % len(articles)]) for i in range(n_article)]
    news = (news_special + ["plain"] * n_news)[:n_news]
    specs += [("news", v) for v in news]
    rng.shuffle(specs)
    # unattributed items (reposts, traps only, an ambiguous name): about 6-7 % of a month
    plans = (
        ["repost"] * round(n * 0.025) + ["none"] * round(n * 0.02) + ["ambiguous"] * round(n * 0.02)
    )
    plans += ["ambiguous-unit"] * max(1, round(n * 0.01))
    plans = (plans + [""] * n)[:n]
    rng.shuffle(plans)
    return [(k, v, p) for (k, v), p in zip(specs, plans, strict=True)]


def _month_times(rng: random.Random, y: int, m: int, n: int) -> list[datetime]:
    last = calendar.monthrange(y, m)[1]
    slots = set([(1, 0, 30), (1, 6, 0), (last, 23, 50)][: max(n, 0)])
    while len(slots) < n:
        slots.add((rng.randint(1, last), rng.randint(6, 21), rng.choice(range(0, 60, 5))))
    return [datetime(y, m, d, h, mi, tzinfo=LOCAL) for d, h, mi in sorted(slots)]


# The demo's months as a federation's months go: (news, in-depth articles, videos). March meets
# the monthly targets (100 news, 5 articles), April falls short of both, May of the news only.
DEMO_MIX = ((104, 6, 9), (91, 4, 11), (96, 7, 12))


def build_demo_site() -> Site:
    """The site ``cdht demo`` serves: March-May 2025, with months that differ."""
    return build_site(start="2025-03", mix=DEMO_MIX)


def build_site(
    seed: int = 6, start: str = "2025-03", months: int = 3, per_month: int = 110,
    mix: tuple[tuple[int, int, int], ...] | None = None,
) -> Site:
    """A deterministic replica: the same arguments give the same site, byte for byte.

    ``mix``: one (news, articles, videos) count per month, instead of ``months`` months of
    ``per_month`` items in fixed shares."""
    rng = random.Random(seed)
    taken: set[str] = set()
    articles: list[Article] = []
    plan = list(mix) if mix is not None else [None] * months
    for (y, m), counts in zip(_months(start, len(plan)), plan, strict=True):
        n = sum(counts) if counts else per_month
        specs = _month_specs(rng, n, counts)
        times = _month_times(rng, y, m, n)
        for spec, t in zip(specs, times, strict=True):
            articles.append(make_article(rng, spec, t, taken, seed))
    categories = [Category(slug, name, True) for slug, name in CATEGORIES]
    last = max(a.local.date() for a in articles) if articles else date(2025, 1, 1)
    site = Site(articles=articles, categories=categories, today=last + timedelta(days=1), seed=seed)
    site.rng = random.Random(f"{seed}-additions")
    return site
