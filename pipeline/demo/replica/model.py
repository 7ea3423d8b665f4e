"""The replica's data: a deterministic, synthetic site with its ground truth.

``build_site`` invents a few months of the federation's website: news items, in-depth articles
and videos in five categories, written by units and by the demo contributors, with the traps of
SITE.md and DESIGN.md (ambiguous and non-unit names, reposts, photo credits, players, series
markers, word counts near the thresholds, items at the edges of a month in local time).

Every :class:`Article` carries its expected kind, video flag, unit and contributors, computed by
the rules of DESIGN.md from what was generated (words are counted on the generated text), so the
collector and the pipeline can be checked against it.
"""

from __future__ import annotations

import calendar
import random
import re
import threading
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from collectors.dates import LOCAL
from pipeline.demo.replica import text as T

AMBIG = "?"  # a mention that fits two units

CATEGORIES = [
    ("tin-tuc", "Tin tức"),
    ("hoat-dong-cong-doan", "Hoạt động công đoàn"),
    ("chuyen-de", "Chuyên đề"),
    ("phong-su", "Phóng sự"),
    ("video", "Video"),
]
ARTICLE_CATEGORIES = {"chuyen-de", "phong-su"}
VIDEO_CATEGORIES = {"video"}
PLAYERS = ["youtube", "youtu.be", "fbplugin", "video-tag", "embed"]

# The kind rules of DESIGN.md, written independently of the pipeline's implementation.
VIDEO_TITLE = re.compile(r"^\s*(?:\[\s*video\s*\]|\(\s*video\s*\)|video\s*:|clip\s*:)", re.I)
SERIES_MARK = re.compile(
    r"(?:^|[\s(\[«\"“])(?:bài|kỳ|kì|phần)\s+(?:\d{1,2}|[ivxlc]{1,5})\s*:", re.I
)
MAX_VIDEO_WORDS = 150
MIN_ARTICLE_WORDS = 1000


@dataclass
class Category:
    slug: str
    name: str
    in_nav: bool = True


@dataclass
class Article:
    path: str
    title: str
    published: datetime
    modified: datetime
    category: str
    kind: str  # news | article | video (expected)
    with_video: bool
    unit_id: str | None
    contributors: list[str]
    is_repost: bool
    lead: str
    paragraphs: list[str]
    captions: list[str]
    byline: str  # as shown ("" when the item has none)
    video: str | None  # youtube | youtu.be | fbplugin | video-tag | embed
    template: str  # a | b | c
    words: int = 0  # body words (lead + paragraphs + captions), counted on the generated text
    video_id: str = ""
    player_after: int = 0  # the player follows this paragraph
    figure_after: list[int] = field(default_factory=list)  # one per caption
    kind_reason: str = ""
    unit_reason: str = ""

    @property
    def created(self) -> int:
        return int(self.path.rsplit("-", 1)[1].split(".")[0])

    @property
    def local(self) -> datetime:
        return self.published.astimezone(LOCAL)

    @property
    def month(self) -> str:
        return self.local.strftime("%Y-%m")

    @property
    def body_text(self) -> str:
        return "\n".join([self.lead, *self.paragraphs, *self.captions])


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
                new.append(_make_article(rng, spec, t, taken, self.seed))
                t += timedelta(minutes=rng.randint(15, 120))
            self.articles.extend(new)
            last = max(a.local.date() for a in self.articles)
            self.today = max(self.today, last + timedelta(days=1))
            self.reindex()
            return sorted(new, key=lambda a: a.published, reverse=True)


# ---------------------------------------------------------------- the demo registry
def demo_contributors() -> list[dict]:
    path = Path(__file__).parents[1] / "config" / "contributors.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))["contributors"]


CONTRIBUTORS = demo_contributors()
CONTRIB_UNIT = {c["id"]: c.get("unit") or None for c in CONTRIBUTORS}
_ALIASES = {c["id"]: c["aliases"] for c in CONTRIBUTORS}
WITH_UNIT = [c["id"] for c in CONTRIBUTORS if c.get("unit")]
WITHOUT_UNIT = [c["id"] for c in CONTRIBUTORS if not c.get("unit")]


# ---------------------------------------------------------------- the rules of DESIGN.md
def kind_of(title: str, category: str, words: int, has_player: bool) -> tuple[str, str]:
    if VIDEO_TITLE.search(title):
        return "video", "title marker"
    if category in VIDEO_CATEGORIES:
        return "video", "video category"
    if has_player and words < MAX_VIDEO_WORDS:
        return "video", "player with few words"
    if category in ARTICLE_CATEGORIES:
        return "article", "in-depth category"
    if SERIES_MARK.search(title):
        return "article", "series marker"
    if words >= MIN_ARTICLE_WORDS:
        return "article", "long body"
    return "news", "default"


def unit_of(
    *, repost: bool, byline_units: list[str], contributors: list[str],
    title_mentions: list[str], lead_mentions: list[str],
) -> tuple[str | None, str]:  # fmt: skip
    if repost:
        return None, "repost"
    if byline_units:
        return byline_units[0], "byline"
    for cid in contributors:
        if CONTRIB_UNIT.get(cid):
            return CONTRIB_UNIT[cid], "contributor"
    for where, mentions in (("title", title_mentions), ("lead", lead_mentions)):
        for m in mentions:
            if m != AMBIG:
                return m, where
    return None, "none"


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
            articles.append(_make_article(rng, spec, t, taken, seed))
    categories = [Category(slug, name, True) for slug, name in CATEGORIES]
    last = max(a.local.date() for a in articles) if articles else date(2025, 1, 1)
    site = Site(articles=articles, categories=categories, today=last + timedelta(days=1), seed=seed)
    site.rng = random.Random(f"{seed}-additions")
    return site


def _pick_unit(rng: random.Random, exclude: tuple = ()) -> str:
    ids = [u for u in T.UNIT_NAMES if u not in exclude]
    return rng.choices(ids, weights=[T.UNIT_WEIGHTS[u] for u in ids])[0]


def _unit_name(rng: random.Random, uid: str) -> str:
    name = rng.choice(T.UNIT_NAMES[uid])
    roll = rng.random()
    if roll < 0.05:
        return T.spell_variant(name, 1)
    if roll < 0.10:
        return T.spell_variant(name, 2)
    return name


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _alias(rng: random.Random, cid: str, upper: bool | None = None) -> str:
    name = rng.choice(_ALIASES[cid])
    if cid == "ngo-thi-hoa" and rng.random() < 0.5:
        name = "Ngô Hòa"  # the other tone-mark placement
    if upper if upper is not None else rng.random() < 0.35:
        name = name.upper()
    return name


def _make_article(
    rng: random.Random, spec: tuple[str, str, str], when: datetime, taken: set[str], seed: int
) -> Article:
    kind, via, plan = spec
    activity = rng.choice(T.ACTIVITIES)
    place = rng.choice(T.PLACES)

    # ---- kind: category, player, word target, title base
    category = rng.choice(
        ["tin-tuc", "tin-tuc", "tin-tuc", "hoat-dong-cong-doan", "hoat-dong-cong-doan"]
    )
    player = False
    words = rng.randint(150, 520)
    base = f"{_cap(activity)} {place}"
    prefix = ""
    if kind == "video":
        player = via != "prefix-noplayer"
        if via.startswith("prefix"):
            prefix = rng.choice(T.VIDEO_PREFIXES)
            words = rng.randint(50, 380)
        elif via == "category":
            category = "video"
            words = rng.randint(45, 300)
        else:  # a player in a short body
            words = rng.randint(45, 130)
    elif kind == "article":
        if via.startswith(("chuyen-de", "phong-su")):
            category = "phong-su" if via == "phong-su" else "chuyen-de"
            base = rng.choice(T.FEATURE_TITLES)
            words = rng.choice([rng.randint(620, 900), rng.randint(1150, 1700)])
            player = via.endswith("player")
        elif via == "series":
            category = "tin-tuc"
            part = rng.choice(T.SERIES_PARTS)
            base = part if rng.random() < 0.3 else f"{rng.choice(T.SERIES_TOPICS)} - {part}"
            words = rng.randint(700, 900) if rng.random() < 0.5 else rng.randint(1150, 1500)
        elif via == "words":
            words = rng.randint(1150, 1800)
        else:  # words-edge
            words = rng.randint(1000, 1020)
    else:
        if via == "player":
            player, words = True, rng.randint(170, 600)
        elif via == "edge":
            words = rng.randint(980, 995)
        elif via == "long":
            words = rng.randint(600, 900)
        elif via == "term":
            base = rng.choice(T.TERM_TITLES)
        elif via == "plain":
            words = rng.randint(110, 520)
    video = rng.choice(PLAYERS) if player else None

    # ---- unit plan: who did it, and how the page says so
    # attributed plans are drawn here; unattributed ones come with the spec
    plan = (
        plan or rng.choices(["byline", "contributor", "title", "lead"], weights=[16, 20, 34, 30])[0]
    )
    if via == "term" and plan in ("title", "ambiguous", "ambiguous-unit"):
        plan = "lead"
    unit = _pick_unit(rng)
    title_mentions: list[str] = []
    lead_mentions: list[str] = []
    byline_units: list[str] = []
    contributors: list[str] = []
    repost = False
    byline = ""
    in_title = ""  # a unit phrase put at the head of the title
    lead_actor = None  # (phrase, mentions)

    def other_unit() -> str:
        return _pick_unit(rng, exclude=(unit,))

    def neutral_byline() -> str:
        roll = rng.random()
        if roll < 0.2:
            return ""
        if roll < 0.4:
            return rng.choice(T.ANONYMOUS_BYLINES)
        if roll < 0.55:
            contributors.append(WITHOUT_UNIT[0])
            return _alias(rng, WITHOUT_UNIT[0])
        if roll < 0.7:
            return f"Tin, ảnh: {rng.choice(T.STRANGERS)}"
        if roll < 0.8:
            return f"Bài: {rng.choice(T.STRANGERS)}; Ảnh: {rng.choice(T.PHOTOGRAPHERS)}"
        return rng.choice(T.STRANGERS).upper() if rng.random() < 0.5 else rng.choice(T.STRANGERS)

    if plan == "repost":
        repost = True
        byline = rng.choice(T.REPOST_BYLINES)
        if rng.random() < 0.5:
            in_title = _unit_name(rng, unit)
            title_mentions = [unit]
        else:
            lead_actor = (_unit_name(rng, unit), [unit])
    elif plan == "byline":
        writer = rng.random()
        if writer < 0.4:
            cid = rng.choice(WITH_UNIT)
            person = _alias(rng, cid, upper=False)
            contributors.append(cid)
            if cid == "tran-thu-ha" and rng.random() < 0.5:
                unit = rng.choice(["ldld-tx-ky-anh", "ldld-h-ky-anh"])  # the byline's unit wins
        else:
            person = rng.choice(T.STRANGERS)
        uname = _unit_name(rng, unit)
        byline = f"{person} ( {uname} )" if rng.random() < 0.25 else f"{person} ({uname})"
        byline_units = [unit]
        if rng.random() < 0.4:
            o = other_unit()
            in_title, title_mentions = _unit_name(rng, o), [o]
    elif plan == "contributor":
        cid = rng.choice(WITH_UNIT)
        contributors.append(cid)
        unit = CONTRIB_UNIT[cid]
        style = rng.random()
        a = _alias(rng, cid)
        if style < 0.35:
            byline = a
        elif style < 0.5:
            byline = f"Tin, ảnh: {_alias(rng, cid, upper=False)}"
        elif style < 0.6:
            byline = f"Bài và ảnh: {_alias(rng, cid, upper=False)}"
        elif style < 0.8:
            co = rng.choice([c for c in _ALIASES if c != cid])
            contributors.append(co)
            byline = f"{_alias(rng, cid, upper=False)} - {_alias(rng, co, upper=False)}"
        else:
            byline = f"Bài: {_alias(rng, cid, upper=False)}; Ảnh: {rng.choice(T.PHOTOGRAPHERS)}"
        if rng.random() < 0.5:  # another unit in the text: the contributor's unit still wins
            o = other_unit()
            if rng.random() < 0.5:
                in_title, title_mentions = _unit_name(rng, o), [o]
            else:
                lead_actor = (_unit_name(rng, o), [o])
    elif plan == "title":
        in_title, title_mentions = _unit_name(rng, unit), [unit]
        byline = neutral_byline()
        if rng.random() < 0.35:
            o = other_unit()
            lead_actor = (_unit_name(rng, o), [o])
    elif plan == "lead":
        lead_actor = (_unit_name(rng, unit), [unit])
        byline = neutral_byline()
    elif plan.startswith("ambiguous"):
        amb = rng.choice(T.AMBIGUOUS)
        byline = neutral_byline()
        if plan == "ambiguous":
            in_title, title_mentions = amb, [AMBIG]
        else:
            in_title = f"{amb} phối hợp với {_unit_name(rng, unit)}"
            title_mentions = [AMBIG, unit]
    else:  # none: only traps
        byline = neutral_byline()

    # ---- title
    if in_title and via != "term":
        if kind == "article" and via != "words" and via != "words-edge":
            title = f"{in_title}: {base}"
        else:
            title = (
                f"{in_title} {activity} {place}"
                if rng.random() < 0.6
                else f"{in_title}: {_cap(activity)}"
            )
    else:
        title_mentions = [] if via == "term" else title_mentions
        title = base
        if not in_title and rng.random() < 0.25 and kind != "article":
            title = f"{_cap(activity)} {rng.choice(T.TRAP_PLACES)}"
    title = prefix + title

    # ---- lead
    opener = rng.choice(T.LEAD_OPENERS)
    tail = rng.choice(T.LEAD_TAILS)
    if lead_actor:
        actor, lead_mentions = lead_actor
    elif plan == "ambiguous" and rng.random() < 0.5:
        actor, lead_mentions = rng.choice(T.AMBIGUOUS), [AMBIG]
    else:
        actor = rng.choice([*T.TRAPS_NONE, "Ban Chấp hành công đoàn cơ sở", "đoàn công tác"])
    if rng.random() < 0.3:
        lead = f"{_cap(rng.choice(T.TRAP_TEXTS))}, {actor} đã {activity} {rng.choice(T.TRAP_PLACES)}, {tail}"
    else:
        lead = f"{opener}, {actor} đã {activity}, {tail}"

    # ---- body
    caps = [rng.choice(T.CAPTIONS) for _ in range(rng.randint(0 if words < 90 else 1, 3))]
    caps = [
        c + (f" Ảnh: {rng.choice(T.PHOTOGRAPHERS)}" if rng.random() < 0.3 else "") for c in caps
    ]
    fixed = T.count_words(lead) + sum(T.count_words(c) for c in caps)
    if words - fixed < 3:
        words = fixed + 3
    sentences: list[str] = []
    if via == "theo-do" or (kind == "news" and rng.random() < 0.05):
        sentences.append(T.THEO_DO)
    remaining = words - fixed - sum(T.count_words(s) for s in sentences)
    while remaining > 45:
        s = rng.choice(T.SENTENCES)
        sentences.append(s)
        remaining -= T.count_words(s)
    if remaining > 0:
        start = rng.randint(0, len(T.FILLER) - remaining)
        pad = T.FILLER[start : start + remaining]
        sentences.append(_cap(" ".join(pad)) + ".")
    rng.shuffle(sentences)
    paragraphs: list[str] = []
    i = 0
    while i < len(sentences):
        k = rng.randint(1, 3)
        paragraphs.append(" ".join(sentences[i : i + k]))
        i += k
    counted = (
        T.count_words(lead)
        + sum(T.count_words(p) for p in paragraphs)
        + sum(T.count_words(c) for c in caps)
    )
    assert counted == words, (counted, words)

    # ---- truth
    kind_truth, kind_reason = kind_of(title, category, counted, player)
    assert kind_truth == kind, (spec, title, category, counted, player, kind_truth)
    unit_id, unit_reason = unit_of(
        repost=repost, byline_units=byline_units, contributors=contributors,
        title_mentions=title_mentions, lead_mentions=lead_mentions,
    )  # fmt: skip

    # ---- identity and times
    if rng.random() < 0.3:
        created = when - timedelta(minutes=rng.randint(24 * 60, 6 * 24 * 60))
    else:
        created = when - timedelta(minutes=rng.randint(5, 300))
    ts = int(created.timestamp())
    slug = T.ascii_slug(title)
    while f"/{slug}-{ts:010d}.html" in taken:
        ts -= 1
    path = f"/{slug}-{ts:010d}.html"
    taken.add(path)
    modified = when + timedelta(minutes=rng.randint(7, 20 * 60))

    return Article(
        path=path, title=title, published=when, modified=modified, category=category,
        kind=kind_truth, with_video=kind_truth == "video" or player, unit_id=unit_id,
        contributors=[] if repost else list(dict.fromkeys(contributors)), is_repost=repost,
        lead=lead, paragraphs=paragraphs, captions=caps, byline=byline, video=video,
        template=rng.choices("abc", weights=[4, 3, 3])[0], words=counted,
        video_id="".join(rng.choices("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ0123456789_-", k=11)),
        player_after=rng.randint(0, max(0, len(paragraphs) - 1)),
        figure_after=sorted(rng.randint(0, max(0, len(paragraphs) - 1)) for _ in caps),
        kind_reason=kind_reason, unit_reason=unit_reason,
    )  # fmt: skip
