"""Write a review in every requested format: ``bao-cao-danh-gia-FROM-TO.{json,html,xlsx,docx}``."""

from __future__ import annotations

import importlib
from pathlib import Path

from pipeline.settings import Config
from pipeline.store import Store
from quotas.span import Span
from reports.render import FORMATS, _formats, _write
from reports.review.data import build_review

# format -> (module of reports.review, its function); a format's module is imported when asked for
RENDERERS = {"html": ("html", "review_html"), "xlsx": ("xlsx", "write_review"),
             "docx": ("docx", "write_review"), "png": ("charts", "review_charts")}  # fmt: skip


def stem(data: dict) -> str:
    return f"bao-cao-danh-gia-{data['from']}-{data['to']}"


def _fn(fmt: str, chosen: set[str]):
    if fmt not in chosen:
        return None
    module, name = RENDERERS[fmt]
    return getattr(importlib.import_module(f"reports.review.{module}"), name)


def write_review(store: Store, config: Config, span: Span, out_dir: Path,
                 formats=frozenset(FORMATS)) -> dict[str, Path]:  # fmt: skip
    chosen = _formats(formats)
    data = build_review(store, config, span)
    charts = _fn("png", chosen | ({"png"} if "html" in chosen else set()))
    return _write(out_dir, stem(data), data, chosen, html_fn=_fn("html", chosen),
                  xlsx_fn=_fn("xlsx", chosen), docx_fn=_fn("docx", chosen), chart_fn=charts,
                  config=config)  # fmt: skip
