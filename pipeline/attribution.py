"""Who did the work: the unit and the contributors of an item.

Unit, first that applies: (an editor's override, applied in the store's view); a unit named in
the byline; the unit of a known contributor named in the byline; the first unit named in the
title; the first unit named in the lead; none. Only unit names count (LĐLĐ / Liên đoàn Lao động /
Công đoàn / CĐ / CĐN + place or sector, and each unit's aliases); a name that fits two units
attributes to neither; a repost gets no unit; photo credits never attribute. Matching uses the
``fold`` key of ``textnorm``; the diacritic-free key is tried only when nothing else matched.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from collectors.textnorm import ascii_fold, fold
from pipeline.settings import Contributor, Unit

ORG = ["LĐLĐ", "Liên đoàn Lao động", "Liên đoàn Lao động (LĐLĐ)", "LĐLĐ (Liên đoàn Lao động)"]
LEVELS = {
    "huyện": ["huyện", "H.", "H"],
    "thị xã": ["thị xã", "TX.", "TX"],
    "thành phố": ["thành phố", "TP.", "TP"],
}
SECTOR_ORG = ["CĐN", "CĐ ngành", "Công đoàn ngành", "Công đoàn", "CĐ"]
# Places that only name a district unit when its level is written out.
LEVEL_REQUIRED = {"hà tĩnh"}
_BEFORE = r"(?<![\w/\-])(?<!tổng )(?<!tong )"
_AFTER = r"(?!\w)"

# a signature's labels, at its start or at the start of one of its parts ("Tác giả: Ngọc Ánh -
# Nguồn: LĐLĐ huyện Nghi Xuân"): not part of a name
_WORDS = (
    r"tin|bài|video|clip|phóng sự|thực hiện|tác giả|nội dung|người viết|nguồn(?:\s*tin)?|"
    r"p\.?\s*v|ctv|phóng viên|cộng tác viên|nhóm\s*(?:pv|ctv|phóng viên)|biên tập"
)
_MORE = r"(?:\s*(?:,|và|&|/|-|–|\+)\s*(?:tin|bài|ảnh|video|clip))*\s*[:：]\s*"
# (at the start, "Ảnh:" too; inside, "- Ảnh: X" is a photo credit, left to _PHOTO_CREDIT)
_BYLINE_LABEL = re.compile(
    rf"^\s*(?:(?:ảnh|{_WORDS}){_MORE})+|(?:(?<=[;|])|(?<=\s[-–—]\s))\s*(?:(?:{_WORDS}){_MORE})+", re.I
)
_PHOTO_CREDIT = re.compile(r"(?:^|(?<=[\s;,.()\-–—]))ảnh\s*[:：][^;\n]*", re.I)
_PAREN = re.compile(r"[(\[（][^()\[\]（）]*[)\]）]")  # (unit), [unit], （unit）
_OPEN_TAIL = re.compile(r"[(\[（][^)\]）]*$")  # "Thu Hà (LĐLĐ huyện Kỳ Anh" cut short
# a part of a byline that may name a unit (checked before the unit patterns run)
_ORGISH = re.compile(r"(?<!\w)(?:ldld|lien doan|cong doan|cdn|cd)(?!\w)")
_NAME_SPLIT = re.compile(r"\s+-\s+|\s*[,;/&]\s*|\s+và\s+|\s+–\s+|\s+—\s+", re.I)
_NOT_PEOPLE = {"nhóm pv", "pv", "ctv", "nhóm ctv", "bbt", "ban biên tập", "phóng viên", "nhóm phóng viên"}


def _lit(phrase: str, f: Callable[[str], str]) -> str:
    """Regex for a literal phrase in folded text: flexible spaces and dashes."""
    out = []
    for part in re.split(r"(\s*-\s*|\s+)", f(phrase)):
        if not part:
            continue
        if part.strip() == "-":
            out.append(r"\s*-\s*")
        elif part.isspace():
            out.append(r"\s+")
        else:
            out.append(re.escape(part))
    return "".join(out)


def _alt(phrases: list[str], f: Callable[[str], str]) -> str:
    uniq = sorted({_lit(p, f) for p in phrases if p}, key=len, reverse=True)
    return "(?:" + "|".join(uniq) + ")"


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    unit_ids: tuple[str, ...]  # more than one: ambiguous
    text: str


@dataclass
class Attribution:
    unit_id: str | None
    reason: str
    contributors: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # people named in the byline


class UnitMatcher:
    """Finds unit names in text, in order of appearance."""

    def __init__(self, units: list[Unit]):
        self.units = {u.id: u for u in units}
        self.patterns = {
            "fold": self._build(units, fold),
            "ascii": self._build(units, ascii_fold),
        }

    @staticmethod
    def _build(units: list[Unit], f: Callable[[str], str]) -> list[tuple[re.Pattern, tuple]]:
        pats: list[tuple[str, tuple]] = []
        org = _alt(ORG, f)
        places: dict[str, list[Unit]] = {}
        for u in units:
            if u.type == "district":
                places.setdefault(f(u.place), []).append(u)
        for u in units:
            if u.aliases:
                pats.append((_alt(u.aliases, f), (u.id,)))
            if u.type == "district":
                level = _alt(LEVELS[u.level], f)
                place = _lit(u.place, f)
                pats.append((rf"{org}\s+{level}\s*{place}", (u.id,)))
                if len(places[f(u.place)]) == 1 and fold(u.place) not in LEVEL_REQUIRED:
                    pats.append((rf"{org}\s+{place}", (u.id,)))
            elif u.type == "sector":
                names = _alt([u.place, *u.place_aliases], f)
                pats.append((rf"{_alt(SECTOR_ORG, f)}\s+{names}", (u.id,)))
        for group in places.values():
            if len(group) > 1:
                ids = tuple(sorted(g.id for g in group))
                pats.append((rf"{org}\s+{_lit(group[0].place, f)}", ids))
        return [(re.compile(_BEFORE + p + _AFTER, re.I), ids) for p, ids in pats]

    def mentions(self, text: str, mode: str = "fold") -> list[Mention]:
        f = fold if mode == "fold" else ascii_fold
        key = f(_PHOTO_CREDIT.sub(" ", text or ""))
        found: list[Mention] = []
        for pat, ids in self.patterns[mode]:
            for m in pat.finditer(key):
                found.append(Mention(m.start(), m.end(), ids, m.group(0)))
        # at one place keep the longest; drop mentions inside a longer one
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        out: list[Mention] = []
        for m in found:
            if out and m.start < out[-1].end:
                continue
            out.append(m)
        return out

    def first(self, text: str, on: date | None) -> tuple[str | None, str]:
        """The first unambiguous unit named in ``text`` (resolved to its successor after its
        end date), and the phrase that named it."""
        for mode in ("fold", "ascii"):
            ms = self.mentions(text, mode)
            for m in ms:
                if len(m.unit_ids) == 1:
                    return self.resolve(m.unit_ids[0], on), m.text
            if ms:  # only ambiguous names: no fallback to the diacritic-free key
                return None, ""
        return None, ""

    def resolve(self, unit_id: str, on: date | None) -> str:
        unit = self.units[unit_id]
        seen = set()
        while on and unit.valid_to and on > unit.valid_to and unit.successor and unit.id not in seen:
            seen.add(unit.id)
            unit = self.units[unit.successor]
        return unit.id


class Attributor:
    def __init__(
        self, units: list[Unit], contributors: list[Contributor], site_authors: list[str] = ()
    ):
        self.matcher = UnitMatcher(units)
        self.contributors = contributors
        self.site_authors = {fold(a) for a in site_authors}
        self.alias_index: dict[str, str] = {}
        for c in contributors:
            for name in (c.name, *c.aliases):
                self.alias_index.setdefault(fold(name), c.id)
                self.alias_index.setdefault(ascii_fold(name), c.id)
        self.by_id = {c.id: c for c in contributors}

    # ------------------------------------------------------------ bylines
    def byline_text(self, byline: str) -> str:
        """The byline without its labels and photo credits; empty for a site-wide author."""
        text = " ".join((byline or "").split())
        if fold(text) in self.site_authors:
            return ""
        text = _BYLINE_LABEL.sub("", text)
        return _PHOTO_CREDIT.sub(" ", text).strip(" -–—,;.")

    def person_part(self, name: str) -> str:
        """The person in a name read from a byline, without a unit written beside it in any
        brackets or spelling the unit rules accept ("Lê Văn Bình (Liên đoàn Lao động thị xã
        Hồng Lĩnh)", "Lê Văn Bình - LĐLĐ TX Hồng Lĩnh" -> "Lê Văn Bình"); "" for a unit alone."""
        text = _OPEN_TAIL.sub(" ", _PAREN.sub(" ", name or ""))
        if _ORGISH.search(ascii_fold(text)):
            for mode, f in (("fold", fold), ("ascii", ascii_fold)):
                ms = self.matcher.mentions(text, mode)
                if ms:
                    words = len(f(text)[: ms[0].start].split())
                    text = " ".join(text.split()[:words])
                    break
        return text.strip(" .-–—:,;")

    def names(self, byline: str) -> list[str]:
        text = _OPEN_TAIL.sub(" ", _PAREN.sub(" ", self.byline_text(byline)))
        text = re.sub(r"^\s*theo\s*[:：]?\s*", "", text, flags=re.I)
        out = []
        for part in _NAME_SPLIT.split(text):
            part = re.sub(r"^\s*theo\s*[:：]?\s*", "", part.strip(" .-–—:()"), flags=re.I)
            part = self.person_part(part)
            if not part or fold(part) in _NOT_PEOPLE or fold(part) in self.site_authors:
                continue
            if self.matcher.mentions(part):
                continue  # a unit ("Nguồn: LĐLĐ huyện Nghi Xuân") is nobody's name
            out.append(part)
        return out

    def contributor_ids(self, names: list[str], on: date | None) -> list[str]:
        ids = []
        for n in names:
            cid = self.alias_index.get(fold(n)) or self.alias_index.get(ascii_fold(n))
            if cid and cid not in ids:
                c = self.by_id[cid]
                if on and ((c.valid_from and on < c.valid_from) or (c.valid_to and on > c.valid_to)):
                    continue
                ids.append(cid)
        return ids

    # ------------------------------------------------------------ the rule
    def attribute(
        self, *, title: str, lead: str, byline: str, on: date | None, is_repost: bool
    ) -> Attribution:
        if is_repost:
            return Attribution(None, "repost (no unit)", [], self.names(byline))
        names = self.names(byline)
        contributors = self.contributor_ids(names, on)
        unit, phrase = self.matcher.first(self.byline_text(byline), on)
        if unit:
            return Attribution(unit, f"byline names «{phrase}»", contributors, names)
        for cid in contributors:
            c = self.by_id[cid]
            if c.unit:
                unit = self.matcher.resolve(c.unit, on)
                return Attribution(unit, f"contributor {cid}'s unit", contributors, names)
        unit, phrase = self.matcher.first(title, on)
        if unit:
            return Attribution(unit, f"title names «{phrase}»", contributors, names)
        unit, phrase = self.matcher.first(lead, on)
        if unit:
            return Attribution(unit, f"lead names «{phrase}»", contributors, names)
        return Attribution(None, "no unit named", contributors, names)
