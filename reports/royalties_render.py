"""Write the month's royalty sheet to a folder: ``nhuan-but-YYYY-MM.{json,xlsx,docx}``."""

from __future__ import annotations

from pathlib import Path

from pipeline.settings import Config
from pipeline.store import Store
from reports import atomic
from reports.royalties import build_royalties
from reports.royalty_rates import Rates

FORMATS = ("json", "xlsx", "docx")


def stem(period: str) -> str:
    return f"nhuan-but-{period}"


def write_royalties(store: Store, config: Config, period: str, out_dir: Path, formats="all", *,
                    rates: Rates | None = None) -> dict[str, Path]:  # fmt: skip
    """The sheet in each format asked for ("all", one name, or a set of names)."""

    chosen = set(FORMATS) if formats in (None, "all") else {formats} if isinstance(formats, str) else set(formats)
    unknown = chosen - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown royalty sheet format(s): {', '.join(sorted(unknown))}")
    data = build_royalties(store, config, period, rates=rates)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    base = out_dir / stem(data["period"])
    with atomic.together():
        return _write_all(data, base, chosen)


def _write_all(data: dict, base: Path, chosen: set[str]) -> dict[str, Path]:
    from reports.render import to_json

    paths: dict[str, Path] = {}
    if "json" in chosen:
        paths["json"] = base.with_suffix(".json")
        atomic.write_text(paths["json"], to_json(data) + "\n")
    if "xlsx" in chosen:
        from reports.royalties_xlsx import write_sheet

        paths["xlsx"] = write_sheet(data, base.with_suffix(".xlsx"))
    if "docx" in chosen:
        from reports.royalties_docx import write_sheet as write_docx

        paths["docx"] = write_docx(data, base.with_suffix(".docx"))
    return paths
