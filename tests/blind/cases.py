"""Items of the newer blind families, with their ground truth: units, bylines and contributors.

The families of ``gov_portal.py``, ``static_site.py`` and ``drupal_site.py`` differ in markup; what an item says
(its title, lead, byline and which unit or contributor that names, by DESIGN.md's rules) is made
here once, from pools each family passes in (its own unit spellings, people, activities and
sentences). The contributors registry of these families (`CONTRIBUTORS`) is written to a config
folder and collected with `--config`: the units of its people are empty, so a known contributor
changes no unit, and the truth of `contributors` is who signed the body, photographers excluded.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from blind.common import BlindData, BlindItem, slugify

# id -> (name, aliases); people of the registry (a photographer among them, never credited)
CONTRIBUTORS = {
    "thu-ha": ("Nguyễn Thu Hà", ["Thu Hà"]),
    "minh-thai": ("Lê Minh Thái", ["Minh Thái"]),
    "hai-yen": ("Trần Hải Yến", ["Hải Yến"]),
    "dinh-nam": ("Phan Đình Nam", ["Đình Nam"]),
    "hong-nguyen": ("Võ Hồng Nguyên", ["Hồng Nguyên"]),
    "quang-dat": ("Hoàng Quang Đạt", ["Quang Đạt"]),
}
_BY_ALIAS = {alias: cid for cid, (_, aliases) in CONTRIBUTORS.items() for alias in aliases}
# people outside the registry
STRANGERS = ["Lê Quang Vinh", "Phương Thảo", "Bảo Ngọc", "Nguyễn Văn Hùng"]
REPOSTS = ["Theo Kiều Minh/baohatinh.vn", "Theo: MAI ANH (Báo Lao Động)", "Theo baohatinh.vn",
           "Theo Hồng Nhung (Báo Người Lao động)"]
# grassroots unions, places, the confederation, resolutions, a Kỳ Anh of two units: no unit
TRAPS = [
    "CĐCS Công ty CP Thép Vũ Quang",
    "Công đoàn cơ sở Trường THCS Thạch Hà",
    "Tại huyện Đức Thọ, nhiều doanh nghiệp",
    "Thực hiện chỉ đạo của Tổng Liên đoàn Lao động Việt Nam, các cấp công đoàn",
    "Quán triệt Nghị quyết 06/NQ-LĐLĐ, các cấp công đoàn trong tỉnh",
    "LĐLĐ Kỳ Anh",
    "Ở xã Thạch Hà, đoàn viên và người lao động",
]


def credited(byline: str) -> list[str]:
    """Contributor ids of a byline: every co-author, never a photographer or a repost's author."""
    if byline.lower().startswith("theo"):
        return []
    text = byline.split("Ảnh:")[0]
    for label in ("Tin, ảnh:", "Bài và ảnh:", "Bài, ảnh:", "Tin:", "Bài:"):
        text = text.replace(label, "")
    text = text.split("(")[0].split(" - ")[0]
    out = []
    for part in text.replace(";", ",").split(","):
        name = part.strip()
        cid = next((c for a, c in _BY_ALIAS.items() if a.lower() == name.lower()), None)
        if cid and cid not in out:
            out.append(cid)
    return out


@dataclass(kw_only=True)
class CaseItem(BlindItem):
    template: str
    contributors: list[str] = field(default_factory=list)
    views: int = 0


class CaseData(BlindData):
    """A family's items; pools and tuning are class attributes of the subclass."""

    categories: dict[str, tuple[str, str | None]]
    news_categories: tuple[str, ...]
    templates: tuple[str, ...]
    players: tuple[str, ...]
    unit_names: list[tuple[str, str]]
    byline_units: list[tuple[str, str]]
    activities: list[str]
    captions: list[str]
    series: tuple[str, ...] = ("Kỳ 2:", "Bài 1:", "Kì II:", "Bài 3:")
    lead_prefix = "(CĐHT) - "

    def __init__(self, seed: int, months: list[str], per_month: int):
        self.items: list[CaseItem] = []
        super().__init__(seed, months, per_month)

    def records(self) -> list[CaseItem]:
        return self.items

    # -------------------------------------------------------------- who and which unit
    def person(self) -> str:
        rng = self.rng
        return rng.choice([*_BY_ALIAS, *_BY_ALIAS, *STRANGERS])

    def unit_case(self, case: str, published: datetime) -> tuple[str, str, str, str | None, str]:
        """(lead subject, title unit, byline, unit id, extra sentence) for a case."""
        rng = self.rng
        u_text, u_id = rng.choice(self.unit_names)
        p = self.person()
        byline = rng.choice([p.upper(), f"Tin, ảnh: {p}", f"Bài và ảnh: {p}", p])
        subject, title_unit, unit, extra = "các cấp công đoàn", "", None, ""
        if case == "lead":
            subject, unit = u_text, u_id
        elif case == "lead2":
            subject, unit = f"{u_text} phối hợp với {rng.choice(self.unit_names)[0]}", u_id
        elif case == "title":
            title_unit, unit = u_text, u_id
            subject = rng.choice(self.unit_names)[0]
        elif case == "byline":
            b_text, unit = rng.choice(self.byline_units)
            byline = rng.choice([f"{p} ({b_text})", f"{p} ( {b_text} )", f"Tin, ảnh: {p} ({b_text})"])
            subject = u_text
        elif case == "coauthors":
            q = rng.choice([a for a in _BY_ALIAS if a != p] if p in _BY_ALIAS else list(_BY_ALIAS))
            byline = f"{p}, {q}"
            subject, unit = u_text, u_id
        elif case == "trap_first":
            subject, unit = f"{rng.choice(TRAPS[:2])} phối hợp với {u_text}", u_id
        elif case == "trap":
            subject = rng.choice(TRAPS)
        elif case == "repost":
            byline = rng.choice(REPOSTS)
            subject = u_text
        elif case == "photo_credit":
            b_text, _ = rng.choice(self.byline_units)
            byline = f"Tin: {p}; Ảnh: Quang Đạt ({b_text})"
            if rng.random() < 0.5:
                subject, unit = u_text, u_id
        elif case == "body_only":
            extra = f"Thời gian tới, {u_text} sẽ tiếp tục nhân rộng mô hình này."
        elif case == "none":
            byline = rng.choice(["CTV", "Nhóm PV", f"Bài và ảnh: {p}"])
        return subject, title_unit, byline, unit, extra

    def make(self, published: datetime, spec: dict) -> CaseItem:
        rng = self.rng
        cat = spec.get("category") or rng.choice(self.news_categories)
        activity = rng.choice(self.activities)
        case = spec.get("unit_case") or rng.choice(
            ["lead", "lead", "lead", "lead", "title", "byline", "byline", "coauthors", "lead2",
             "trap_first", "trap", "none", "repost", "photo_credit", "body_only"])
        subject, title_unit, byline, unit, extra = self.unit_case(case, published)
        if case == "trap":
            lead = f"{self.lead_prefix}{subject} đã hưởng ứng {activity} trong tháng {published.month}/{published.year}."
        else:
            lead = f"{self.lead_prefix}Ngày {published.day}/{published.month}, {subject} đã tổ chức {activity}."
        if title_unit:
            title = f"{title_unit} tổ chức {activity}"
        elif rng.random() < 0.3:
            title = f"Sôi nổi {activity}"
        else:
            title = activity[0].upper() + activity[1:]
        title = spec.get("title_prefix", "") + title + spec.get("title_suffix", "")
        captions = [rng.choice(self.captions) for _ in range(rng.choice([0, 1, 1, 2]))]
        captions, paragraphs = self.fit(spec["words"], lead, extra, captions)
        uid = self.stamp(published)
        item = CaseItem(
            slug=f"{slugify(title, 72)}-{uid}.html", title=title, category=cat, published=published,
            modified=published + timedelta(hours=rng.choice([2, 5, 26, 49]), minutes=rng.choice([0, 10, 35])),
            lead=lead, paragraphs=paragraphs, captions=captions, byline=byline,
            player=spec.get("player", ""), template=spec.get("template") or rng.choice(self.templates),
            case=case, tags=[rng.choice(self.unit_names)[0].replace("\u00a0", " "), "người lao động"],
            views=rng.randint(40, 4000),
        )
        item.unit = unit
        item.contributors = credited(byline)
        item.settle_kind(self.categories[cat][1], self.series)
        return item

    # -------------------------------------------------------------- the shape of a month
    def cat_of(self, kind: str | None) -> str:
        return self.rng.choice([s for s, (_, k) in self.categories.items() if k == kind])

    def month_specs(self, count: int) -> list[dict]:
        rng = self.rng
        pl = lambda: rng.choice(self.players)  # noqa: E731
        edge = [
            {"words": rng.randint(940, 998)},
            {"words": 999},
            {"words": 1000},
            {"words": rng.randint(1001, 1600)},
            {"words": rng.randint(1000, 1400), "player": pl()},
            {"words": rng.randint(40, 140), "player": pl()},
            {"words": 149, "player": pl()},
            {"words": 150, "player": pl()},
            {"words": rng.randint(200, 800), "player": pl()},
            {"words": rng.randint(60, 140), "player": pl(), "title_prefix": "[Video] "},
            {"words": rng.randint(200, 400), "player": pl(), "title_prefix": "VIDEO: "},
            {"words": rng.randint(50, 120), "title_prefix": "Clip: "},
            {"words": rng.randint(60, 300), "player": pl(), "category": self.cat_of("video")},
            {"words": rng.randint(180, 400), "player": pl(), "category": self.cat_of("video")},
            {"words": rng.randint(400, 990), "category": self.cat_of("article")},
            {"words": rng.randint(600, 1400), "category": self.cat_of("article")},
            {"words": rng.randint(500, 900), "title_prefix": "Kỳ 2: "},
            {"words": rng.randint(500, 900), "title_suffix": " - Bài 3: Những cách làm hay"},
            {"words": rng.randint(300, 800), "title_suffix": " nhiệm kỳ 2023 - 2028"},
            {"words": rng.randint(300, 600), "title_prefix": "Hội thi làm video clip: "},
        ]
        return [self.ordinary() for _ in range(count - len(edge))] + edge

    def ordinary(self) -> dict:
        """Mostly plain news; now and then a player, a long piece or an in-depth category."""
        rng = self.rng
        r = rng.random()
        if r < 0.15:
            return {"words": rng.randint(100, 900), "player": rng.choice(self.players)}
        if r < 0.22:
            return {"words": rng.randint(1000, 1500)}
        if r < 0.27:
            return {"words": rng.randint(300, 900), "category": self.cat_of("article")}
        return {"words": rng.randint(120, 900)}

    def new_specs(self) -> list[dict]:
        rng = self.rng
        news = self.news_categories
        return [
            {"words": rng.randint(200, 600), "category": news[0]},
            {"words": rng.randint(200, 600), "category": news[-1]},
            {"words": rng.randint(1000, 1300), "category": news[0]},
            {"words": rng.randint(500, 900), "category": self.cat_of("article")},
            {"words": rng.randint(60, 140), "category": self.cat_of("video"), "player": self.players[0]},
            {"words": rng.randint(300, 500), "category": news[0], "player": self.players[-1]},
            {"words": rng.randint(300, 600), "category": news[0], "unit_case": "byline"},
        ]


def shuffled(rng: random.Random, xs: list) -> list:
    out = list(xs)
    rng.shuffle(out)
    return out
