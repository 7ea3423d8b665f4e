"""One article of the replica, written step by step from its spec (kind, variant, attribution
plan): its kind's shape (category, player, word target), who did it and how the page says so,
the title, the lead, the body of an exact word count, then its truth and identity.

The steps draw from one random stream in a fixed order: the same spec and stream give the same
article, byte for byte.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from pipeline.demo.replica import text as T
from pipeline.demo.replica.records import Article
from pipeline.demo.replica.rules import (
    ALIASES,
    AMBIG,
    CONTRIB_UNIT,
    WITH_UNIT,
    WITHOUT_UNIT,
    kind_of,
    unit_of,
)

PLAYERS = ["youtube", "youtu.be", "fbplugin", "video-tag", "embed"]


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
    name = rng.choice(ALIASES[cid])
    if cid == "ngo-thi-hoa" and rng.random() < 0.5:
        name = "Ngô Hòa"  # the other tone-mark placement
    if upper if upper is not None else rng.random() < 0.35:
        name = name.upper()
    return name



@dataclass
class Shape:
    """What the kind asks of an article: its category, a player, a word target, a title."""

    category: str
    player: bool
    words: int
    base: str
    prefix: str


def _shape(rng: random.Random, kind: str, via: str, activity: str, place: str) -> Shape:
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
    return Shape(category, player, words, base, prefix)


@dataclass
class Who:
    """Who did the work and where the page names them."""

    plan: str
    unit: str
    title_mentions: list[str] = field(default_factory=list)
    lead_mentions: list[str] = field(default_factory=list)
    byline_units: list[str] = field(default_factory=list)
    contributors: list[str] = field(default_factory=list)
    repost: bool = False
    byline: str = ""
    in_title: str = ""  # a unit phrase put at the head of the title
    lead_actor: tuple[str, list[str]] | None = None  # (phrase, mentions)


def _who(rng: random.Random, plan: str, via: str) -> Who:
    """Who did it, and how the page says so: attributed plans are drawn here, unattributed
    ones come with the spec."""
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
            co = rng.choice([c for c in ALIASES if c != cid])
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
    return Who(plan, unit, title_mentions, lead_mentions, byline_units, contributors, repost,
               byline, in_title, lead_actor)


def _title(rng: random.Random, who: Who, kind: str, via: str, shape: Shape, activity: str,
           place: str) -> tuple[str, list[str]]:
    """The title and the units it names."""
    in_title, title_mentions = who.in_title, who.title_mentions
    base, prefix = shape.base, shape.prefix
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
    return title, title_mentions


def _lead(rng: random.Random, who: Who, activity: str) -> tuple[str, list[str]]:
    """The lead and the units it names."""
    lead_actor, plan, lead_mentions = who.lead_actor, who.plan, who.lead_mentions
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
    return lead, lead_mentions


def _body(rng: random.Random, kind: str, via: str, words: int, lead: str
          ) -> tuple[list[str], list[str], int]:
    """(captions, paragraphs, words): lead + paragraphs + captions hold the word target."""
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
    return caps, paragraphs, counted


def make_article(
    rng: random.Random, spec: tuple[str, str, str], when: datetime, taken: set[str], seed: int
) -> Article:
    kind, via, plan = spec
    activity = rng.choice(T.ACTIVITIES)
    place = rng.choice(T.PLACES)
    shape = _shape(rng, kind, via, activity, place)
    category, player, words = shape.category, shape.player, shape.words
    video = rng.choice(PLAYERS) if player else None
    who = _who(rng, plan, via)
    repost, contributors, byline = who.repost, who.contributors, who.byline
    title, title_mentions = _title(rng, who, kind, via, shape, activity, place)
    lead, lead_mentions = _lead(rng, who, activity)
    caps, paragraphs, counted = _body(rng, kind, via, words, lead)

    # ---- truth
    kind_truth, kind_reason = kind_of(title, category, counted, player)
    assert kind_truth == kind, (spec, title, category, counted, player, kind_truth)
    unit_id, unit_reason = unit_of(
        repost=repost, byline_units=who.byline_units, contributors=contributors,
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
