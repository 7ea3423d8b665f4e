"""Write a report in every requested format to a folder; return the paths written."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.settings import Config
from pipeline.store import Store
from reports import atomic, charts, docx_report, html, xlsx
from reports.monthdata import build_month
from reports.yeardata import build_contributors, build_year

FORMATS = ("json", "html", "xlsx", "docx")


def to_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def _formats(formats) -> set[str]:
    chosen = set(FORMATS) if formats in (None, "all") else {formats} if isinstance(formats, str) else set(formats)
    if "all" in chosen:
        chosen = set(FORMATS)
    unknown = chosen - set(FORMATS) - {"png"}
    if unknown:
        raise ValueError(f"unknown report format(s): {', '.join(sorted(unknown))}")
    return chosen


def _write(out_dir: Path, stem: str, data: dict, formats: set[str], *, html_fn, xlsx_fn,
           docx_fn, chart_fn, config: Config) -> dict[str, Path]:  # fmt: skip
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with atomic.together():  # the formats of one report replace the earlier ones together
        return _write_all(out_dir, stem, data, formats, html_fn=html_fn, xlsx_fn=xlsx_fn,
                          docx_fn=docx_fn, chart_fn=chart_fn, config=config)  # fmt: skip


def _write_all(out_dir: Path, stem: str, data: dict, formats: set[str], *, html_fn, xlsx_fn,
               docx_fn, chart_fn, config: Config) -> dict[str, Path]:  # fmt: skip
    paths: dict[str, Path] = {}
    if "json" in formats:
        paths["json"] = out_dir / f"{stem}.json"
        atomic.write_text(paths["json"], to_json(data) + "\n")
    if "html" in formats:
        paths["html"] = out_dir / f"{stem}.html"
        svgs = chart_fn(data, "svg") if chart_fn else None
        atomic.write_text(paths["html"], html_fn(data, config, svgs) if chart_fn else html_fn(data, config))
    if "xlsx" in formats and xlsx_fn:
        paths["xlsx"] = xlsx_fn(data, out_dir / f"{stem}.xlsx")
    if "docx" in formats and docx_fn:
        paths["docx"] = docx_fn(data, out_dir / f"{stem}.docx")
    if "png" in formats and chart_fn:
        for name, p in charts.write_pngs(chart_fn(data, "png"), out_dir, stem).items():
            paths[f"png:{name}"] = p
    return paths


def write_month(store: Store, config: Config, period: str, out_dir: Path,
                formats=frozenset(FORMATS)) -> dict[str, Path]:  # fmt: skip
    """``bao-cao-thang-YYYY-MM.{json,html,xlsx,docx}`` (add "png" for chart files)."""
    data = build_month(store, config, period)
    return _write(out_dir, f"bao-cao-thang-{data['period']}", data, _formats(formats),
                  html_fn=html.month_html, xlsx_fn=xlsx.write_month,
                  docx_fn=docx_report.write_month, chart_fn=charts.month_charts,
                  config=config)  # fmt: skip


def write_year(store: Store, config: Config, year, out_dir: Path,
               formats=frozenset(FORMATS)) -> dict[str, Path]:  # fmt: skip
    """``bao-cao-nam-YYYY.{json,html,xlsx,docx}``."""
    data = build_year(store, config, year)
    return _write(out_dir, f"bao-cao-nam-{data['year']}", data, _formats(formats),
                  html_fn=html.year_html, xlsx_fn=xlsx.write_year,
                  docx_fn=docx_report.write_year, chart_fn=charts.year_charts,
                  config=config)  # fmt: skip


def write_contributors(store: Store, config: Config, period: str, out_dir: Path,
                       formats=frozenset(FORMATS)) -> dict[str, Path]:  # fmt: skip
    """``bao-cao-cong-tac-vien-YYYY-MM.{json,html,xlsx}`` (no DOCX for this one)."""
    data = build_contributors(store, config, period)
    return _write(out_dir, f"bao-cao-cong-tac-vien-{data['period']}", data, _formats(formats),
                  html_fn=html.contributors_html, xlsx_fn=xlsx.write_contributors,
                  docx_fn=None, chart_fn=None, config=config)  # fmt: skip
