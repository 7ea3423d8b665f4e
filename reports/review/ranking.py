"""Rankings for awards: units and contributors by the score of ``config/ranking.toml``.

The score weighs the website items of each kind (and, for units, their Facebook posts); equal
scores are broken by the configured keys in order, and what is still equal is a tie: the same
rank, the next rank skipped (1, 1, 3), as a jury would write it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from collectors.profile import Strict
from pipeline.settings import Config

MEASURES = ("news", "articles", "videos", "facebook")


class Score(Strict):
    news: float = Field(1, ge=0)
    articles: float = Field(1, ge=0)
    videos: float = Field(1, ge=0)
    facebook: float = Field(0, ge=0)
    tie_break: list[Literal["news", "articles", "videos", "facebook"]] = Field(
        default_factory=lambda: ["articles", "videos"]
    )

    @field_validator("tie_break")
    @classmethod
    def _unique(cls, v: list[str]) -> list[str]:
        dupes = sorted({k for k in v if v.count(k) > 1})
        if dupes:
            raise ValueError(f"{', '.join(dupes)} named twice")
        return v

    @model_validator(mode="after")
    def _some_weight(self) -> Score:
        if not any(getattr(self, m) for m in MEASURES):
            raise ValueError("every weight is 0: at least one of news, articles, videos, facebook must count")
        return self


class Show(Strict):
    top: int = Field(5, ge=1, le=50)


class RankingFile(Strict):
    score: Score = Field(default_factory=Score)
    show: Show = Field(default_factory=Show)


def load_ranking(config: Config) -> RankingFile:
    """``ranking.toml`` validated (ConfigError naming the file and the key otherwise)."""
    return config.section("ranking", RankingFile)


def _number(x: float) -> int | float:
    return int(x) if float(x).is_integer() else round(x, 2)


def score_of(counts: dict, score: Score) -> int | float:
    return _number(sum(getattr(score, m) * counts.get(m, 0) for m in MEASURES))


def rank(entries: dict[str, dict], score: Score) -> list[dict]:
    """``[{"id", "score", "rank", "tie", **counts}]``, best first; ties share a rank."""
    rows = [{"id": eid, "score": score_of(c, score), **c} for eid, c in entries.items()]

    def key(r):
        return (r["score"], *(r.get(k, 0) for k in score.tie_break))

    rows.sort(key=lambda r: (tuple(-v for v in key(r)), r["id"]))
    out, prev, prev_rank = [], None, 0
    for i, r in enumerate(rows, start=1):
        k = key(r)
        r["rank"] = prev_rank if k == prev else i
        prev, prev_rank = k, r["rank"]
        out.append(r)
    counts: dict[int, int] = {}
    for r in out:
        counts[r["rank"]] = counts.get(r["rank"], 0) + 1
    for r in out:
        r["tie"] = counts[r["rank"]] > 1
    return out


def describe(score: Score) -> str:
    """The score in words, for the reports."""
    names = {"news": "tin", "articles": "bài chuyên sâu", "videos": "video", "facebook": "bài Facebook"}
    parts = [f"{names[m]} × {_number(getattr(score, m))}".replace(".", ",") for m in MEASURES if getattr(score, m)]
    ties = ", ".join(f"nhiều {names[k]} hơn" for k in score.tie_break)
    return ("Điểm = " + " + ".join(parts) + (f"; bằng điểm thì xếp trên: {ties}" if ties else "")
            + "; vẫn bằng nhau thì đồng hạng.")  # fmt: skip
