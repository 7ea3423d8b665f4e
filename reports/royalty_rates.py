"""The royalty rates (``royalties.toml``): the value of a point, points per kind and the range
an editor may set an item's points within, and how co-authors share an item.

The bundled file holds no rates: :func:`rates_of` raises :class:`NoRates` until the federation
sets them. A rate file given on its own (``--rates FILE``, to see what other rates would cost)
is read by :func:`load_rates_file` and validated the same way; every error names file and key.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from collectors.profile import Strict
from pipeline.settings import Config, ConfigError, _read_toml, validate

KINDS = ("news", "articles", "videos")
# the stored kind of an item -> its key in royalties.toml (and in the month report's counts)
KIND_OF_ITEM = {"news": "news", "article": "articles", "video": "videos"}
KIND_LABELS = {"news": "Tin", "articles": "Bài chuyên sâu", "videos": "Video"}


class NoRates(Exception):
    """royalties.toml sets no rates yet."""


class KindRate(Strict):
    points: float = Field(strict=True, ge=0)
    min: float = Field(strict=True, ge=0)
    max: float = Field(strict=True, ge=0)

    @model_validator(mode="after")
    def _check(self) -> KindRate:
        if self.min > self.max:
            raise ValueError(f"min {self.min:g} is more than max {self.max:g}")
        if not self.min <= self.points <= self.max:
            raise ValueError(f"points {self.points:g} lies outside its range [{self.min:g}, {self.max:g}]")
        return self


class Kinds(Strict):
    news: KindRate
    articles: KindRate
    videos: KindRate

    @model_validator(mode="before")
    @classmethod
    def _known(cls, data):
        unknown = sorted(set(data) - set(KINDS)) if isinstance(data, dict) else []
        if unknown:
            raise ValueError(f"unknown kind(s) {', '.join(unknown)}: the kinds are {', '.join(KINDS)}")
        return data


class RoyaltiesFile(Strict):
    point_value: float | None = Field(None, strict=True, ge=0)
    co_authors: Literal["equal", "full"] = "equal"
    kinds: Kinds | None = None

    @model_validator(mode="after")
    def _check(self) -> RoyaltiesFile:
        if (self.point_value is None) != (self.kinds is None):
            missing = "kinds" if self.kinds is None else "point_value"
            raise ValueError(f"`{missing}` is missing: a rate file sets point_value and kinds together")
        return self

    @property
    def set(self) -> bool:
        return self.point_value is not None


class Rates:
    """Validated rates, ready to compute with (the point value as an exact Decimal)."""

    def __init__(self, data: RoyaltiesFile, label: str):
        self.label = label
        self.point_value = Decimal(repr(data.point_value))
        self.co_authors = data.co_authors
        self.kinds = {k: getattr(data.kinds, k) for k in KINDS}

    def default(self, kind: str) -> float:
        return self.kinds[kind].points

    def range(self, kind: str) -> tuple[float, float]:
        r = self.kinds[kind]
        return r.min, r.max

    def range_text(self, kind: str) -> str:
        lo, hi = self.range(kind)
        return f"từ {_num(lo)} đến {_num(hi)} điểm"

    def clamp(self, kind: str, points: float) -> float:
        lo, hi = self.range(kind)
        return min(max(points, lo), hi)

    def to_dict(self) -> dict:
        pv = self.point_value
        return {
            "point_value": int(pv) if pv == pv.to_integral_value() else float(pv),
            "co_authors": self.co_authors,
            "kinds": {k: {"points": r.points, "min": r.min, "max": r.max} for k, r in self.kinds.items()},
        }


def parse_points(text: str, rates: Rates, kind: str) -> int | float | None:
    """An editor's points as typed ("1,5" or "1.5"): None when empty (the kind's default), else
    a number within the kind's range; ValueError, in Vietnamese with the range, otherwise."""
    import math

    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        points = float(text)
    except ValueError:
        raise ValueError(f"Số điểm «{text}» không phải là một số.") from None
    lo, hi = rates.range(kind)
    if not math.isfinite(points) or not lo <= points <= hi:
        raise ValueError(f"Số điểm {text.replace('.', ',')} nằm ngoài khoảng cho phép của loại "
                         f"{KIND_LABELS[kind]}: {rates.range_text(kind)}.")  # fmt: skip
    return int(points) if points.is_integer() else points


def _num(x: float) -> str:
    return f"{x:g}".replace(".", ",")


def _rates(data: RoyaltiesFile, label: str) -> Rates:
    if not data.set:
        raise NoRates(label)
    return Rates(data, label)


def rates_of(config: Config) -> Rates:
    """The configured rates; NoRates while royalties.toml sets none, ConfigError when invalid."""
    return _rates(config.section("royalties", RoyaltiesFile), config.label("royalties"))


def has_rates(config: Config) -> bool:
    try:
        rates_of(config)
    except NoRates:
        return False
    return True


def load_rates_file(path: Path | str) -> Rates:
    """A rate file on its own (not an overlay of the bundled one)."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"{path}: no such rate file")
    data = validate(RoyaltiesFile, _read_toml(path, str(path)), str(path))
    if not data.set:
        raise ConfigError(f"{path}: sets no rates (point_value and kinds are needed)")
    return Rates(data, str(path))


def rates_with(base: Rates, changes: dict, label: str) -> Rates:
    """``base`` with some values replaced (``{"point_value": 250000, "kinds": {"news": {"points":
    2}}}``), validated like a file; ConfigError names ``label`` and the key."""
    from pipeline.settings import merge

    data = validate(RoyaltiesFile, merge(base.to_dict(), changes), label)
    return Rates(data, label)


NO_RATES_VI = ("chưa có mức nhuận bút: Công đoàn Hà Tĩnh chưa đặt giá trị một điểm và số điểm "
               "của từng loại tin, bài. Đặt trong tệp royalties.toml của thư mục cấu hình (xem mẫu "
               "royalties.toml.example) rồi chạy lại (no rates in {label})")  # fmt: skip
