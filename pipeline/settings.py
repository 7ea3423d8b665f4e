"""Configuration as validated data.

The bundled defaults live in the ``config`` package (TOML files). A user's folder (``--config
DIR``) overlays them file by file and key by key: tables merge recursively, and lists of tables
that carry an ``id`` merge by that id (an entry with a known id replaces the fields it names, a
new id is appended). Flags overlay the result. Every file is validated strictly at load; an error
names the file and the key.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError, model_validator

from collectors.profile import SiteFile, Strict


class ConfigError(Exception):
    """A configuration file is missing, unreadable or invalid; the message names file and key."""


# ---------------------------------------------------------------- units.toml
class Unit(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str
    type: Literal["federation", "district", "sector", "other"]
    level: Literal["", "huyện", "thị xã", "thành phố"] = ""
    place: str = ""
    place_aliases: list[str] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)
    valid_from: date = date(2000, 1, 1)
    valid_to: date | None = None
    successor: str = ""

    @model_validator(mode="after")
    def _check(self) -> Unit:
        if self.valid_to and self.valid_to < self.valid_from:
            raise ValueError(f"valid_to {self.valid_to} is before valid_from {self.valid_from}")
        if self.type in ("district", "sector") and not self.place:
            raise ValueError(f"a {self.type} unit needs `place`")
        if self.type == "district" and not self.level:
            raise ValueError("a district unit needs `level` (huyện, thị xã or thành phố)")
        if self.type == "other" and not self.aliases:
            raise ValueError("a unit of type `other` needs `aliases`")
        return self

    def exists_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def exists_during(self, start: date, end: date) -> bool:
        """True if the unit exists on any day of [start, end]."""
        return self.valid_from <= end and (self.valid_to is None or start <= self.valid_to)


class UnitsFile(Strict):
    units: list[Unit]

    @model_validator(mode="after")
    def _check(self) -> UnitsFile:
        ids = [u.id for u in self.units]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate unit ids: {', '.join(dupes)}")
        known = set(ids)
        for u in self.units:
            if u.successor and u.successor not in known:
                raise ValueError(f"unit {u.id}: successor {u.successor!r} is not a unit id")
        return self


# ---------------------------------------------------------------- contributors.toml
class Targets(Strict):
    news: int = Field(0, ge=0)
    articles: int = Field(0, ge=0)
    videos: int = Field(0, ge=0)


class Contributor(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str
    aliases: list[str] = Field(default_factory=list)
    unit: str = ""
    role: Literal["bbt", "bcv", "ctv", ""] = "ctv"
    valid_from: date | None = None
    valid_to: date | None = None
    targets: Targets = Field(default_factory=Targets)


class ContributorsFile(Strict):
    contributors: list[Contributor] = Field(default_factory=list)


# ---------------------------------------------------------------- rules.toml
class VideoRules(Strict):
    title_prefixes: list[str]
    categories: list[str]
    max_words_with_player: int = Field(150, ge=0)


class ArticleRules(Strict):
    categories: list[str]
    title_patterns: list[str]
    min_words: int = Field(1000, ge=1)


class RepostRules(Strict):
    byline_prefixes: list[str]


class KeywordRules(Strict):
    keywords: list[str]


class RulesFile(Strict):
    video: VideoRules
    article: ArticleRules
    repost: RepostRules
    bulletin: KeywordRules
    contest: KeywordRules

    @model_validator(mode="after")
    def _compile(self) -> RulesFile:
        import re

        for name, pats in (
            ("video.title_prefixes", self.video.title_prefixes),
            ("article.title_patterns", self.article.title_patterns),
            ("repost.byline_prefixes", self.repost.byline_prefixes),
        ):
            for p in pats:
                try:
                    re.compile(p)
                except re.error as exc:
                    raise ValueError(f"{name}: bad regular expression {p!r}: {exc}") from exc
        return self


# ---------------------------------------------------------------- facebook.toml
class FacebookGraph(Strict):
    """How ``cdht collect-facebook`` reads the Page (the token comes from CDHT_FB_TOKEN)."""

    page_id: str = Field("", pattern=r"^[0-9]*$")
    page_name: str = ""  # the Page's name: an export naming another Page is refused
    api_version: str = Field("v23.0", pattern=r"^v[0-9]+\.[0-9]+$")
    graph_url: str = Field("https://graph.facebook.com", pattern=r"^https?://[^/?#\s]+/?$")
    page_size: int = Field(100, ge=1, le=100)
    timeout: float = Field(30.0, gt=0, le=600)
    retries: int = Field(6, ge=0, le=20)
    backoff: float = Field(30.0, ge=0, le=3600)
    max_backoff: float = Field(900.0, ge=0, le=3600)
    max_pages: int = Field(2000, ge=1)
    token_expires: date | None = None  # when the token expires, if known: status warns before


class FacebookFile(Strict):
    graph: FacebookGraph = Field(default_factory=FacebookGraph)


# ---------------------------------------------------------------- loading
FILES: dict[str, type[BaseModel] | None] = {
    "site": SiteFile,
    "units": UnitsFile,
    "contributors": ContributorsFile,
    "rules": RulesFile,
    "facebook": FacebookFile,
}
"""Files every run needs, with their models. Other packages validate their own files
(``quotas.toml``, ``nightly.toml``, ``manual.toml``) through :func:`validate`."""


def validate(model: type[BaseModel], data: dict, filename: str) -> Any:
    """Validate ``data`` against ``model``; raise ConfigError naming file and key path."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            loc = _describe_loc(data, err["loc"])
            msg = err["msg"].removeprefix("Value error, ")
            lines.append(f"{filename}: {loc or '(top level)'}: {msg}")
        raise ConfigError("\n".join(lines)) from None


def _describe_loc(data: Any, loc: tuple) -> str:
    """``units[3] (id=ldld-x).valid_to`` from a pydantic location."""
    out = ""
    node = data
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
            if isinstance(node, list) and part < len(node):
                node = node[part]
                if isinstance(node, dict) and "id" in node:
                    out += f" (id={node['id']})"
            else:
                node = None
        else:
            out += f".{part}" if out else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return out


def merge(base: Any, over: Any) -> Any:
    """Overlay ``over`` on ``base`` key by key (lists of tables with ``id`` merge by id)."""
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for k, v in over.items():
            out[k] = merge(base[k], v) if k in base else v
        return out
    if (
        isinstance(base, list)
        and isinstance(over, list)
        and over
        and all(isinstance(x, dict) and "id" in x for x in base + over)
    ):
        out = [dict(x) for x in base]
        index = {x["id"]: i for i, x in enumerate(out)}
        for x in over:
            if x["id"] in index:
                out[index[x["id"]]] = merge(out[index[x["id"]]], x)
            else:
                index[x["id"]] = len(out)
                out.append(dict(x))
        return out
    return over


def _read_toml(path: Path | Any, label: str) -> dict:
    try:
        text = path.read_text(encoding="utf-8-sig")  # a BOM (Windows Notepad) is accepted
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{label}: not UTF-8 text ({exc})") from None
    except OSError as exc:
        raise ConfigError(f"{label}: cannot read ({exc.strerror or exc})") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{label}: {exc}") from None


def _duplicate_ids(data: Any, where: str = "") -> str | None:
    """The first list of tables in ``data`` that names an ``id`` twice, as ``key[i] (id=x)``."""
    if isinstance(data, dict):
        for k, v in data.items():
            found = _duplicate_ids(v, f"{where}.{k}" if where else k)
            if found:
                return found
    elif isinstance(data, list):
        seen: set = set()
        for i, x in enumerate(data):
            if isinstance(x, dict) and "id" in x:
                if x["id"] in seen:
                    return f"{where}[{i}] (id={x['id']}): this id is already used above in the same file"
                seen.add(x["id"])
    return None


def bundled_dir() -> Any:
    return resources.files("config")


@dataclass
class Config:
    """Merged and validated configuration. ``raw`` keeps every file's merged data by name."""

    raw: dict[str, dict]
    sources: dict[str, list[str]]  # file name -> the files it was merged from
    site: SiteFile
    units: list[Unit]
    contributors: list[Contributor]
    rules: RulesFile
    config_dir: Path | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def unit(self, unit_id: str) -> Unit | None:
        return next((u for u in self.units if u.id == unit_id), None)

    def contributor(self, cid: str) -> Contributor | None:
        return next((c for c in self.contributors if c.id == cid), None)

    def label(self, name: str) -> str:
        """The file(s) a section came from, for error messages."""
        return " + ".join(self.sources.get(name, [f"{name}.toml"]))

    def section(self, name: str, model: type[BaseModel]) -> Any:
        """Validate (once) an optional file such as quotas.toml against its model."""
        if name not in self.extra:
            self.extra[name] = validate(model, self.raw.get(name, {}), self.label(name))
        return self.extra[name]


def load_raw(config_dir: Path | str | None) -> tuple[dict[str, dict], dict[str, list[str]]]:
    raw: dict[str, dict] = {}
    sources: dict[str, list[str]] = {}
    bundled = bundled_dir()
    for entry in bundled.iterdir():
        if entry.name.endswith(".toml"):
            name = entry.name[:-5]
            raw[name] = _read_toml(entry, f"bundled config/{entry.name}")
            sources[name] = [f"bundled config/{entry.name}"]
    if config_dir is not None:
        cdir = Path(config_dir)
        if not cdir.is_dir():
            raise ConfigError(f"{cdir}: the config folder does not exist")
        known = {e.name[:-5] for e in bundled.iterdir() if e.name.endswith(".toml")}
        for path in sorted(cdir.glob("*.toml")):
            name = path.stem
            if name not in known:
                raise ConfigError(
                    f"{path}: not a configuration file of cdht (the files are "
                    f"{', '.join(sorted(k + '.toml' for k in known))}); rename it or move it away"
                )
            data = _read_toml(path, str(path))
            dup = _duplicate_ids(data)
            if dup:
                raise ConfigError(f"{path}: {dup}")
            raw[name] = merge(raw.get(name, {}), data)
            sources.setdefault(name, []).append(str(path))
    return raw, sources


def load_config(config_dir: Path | str | None = None, overrides: dict | None = None) -> Config:
    """Load bundled defaults, overlay ``config_dir`` and then ``overrides`` ({file: {key: ...}})."""
    raw, sources = load_raw(config_dir)
    for name, data in (overrides or {}).items():
        raw[name] = merge(raw.get(name, {}), data)
    models = {}
    for name, model in FILES.items():
        label = " + ".join(sources.get(name, [f"{name}.toml"]))
        models[name] = validate(model, raw.get(name, {}), label)
    units: list[Unit] = models["units"].units
    contributors: list[Contributor] = models["contributors"].contributors
    unit_ids = {u.id for u in units}
    for i, c in enumerate(contributors):
        if c.unit and c.unit not in unit_ids:
            raise ConfigError(
                f"{' + '.join(sources.get('contributors', []))}: contributors[{i}] (id={c.id}).unit: "
                f"{c.unit!r} is not a unit id in units.toml"
            )
    return Config(
        raw=raw,
        sources=sources,
        site=models["site"],
        units=units,
        contributors=contributors,
        rules=models["rules"],
        config_dir=Path(config_dir) if config_dir else None,
    )
