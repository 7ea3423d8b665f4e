"""Reading the editor's item form: kind, unit, contributors, note, and the item's version."""

from __future__ import annotations

from dataclasses import dataclass

from flask import request

from pipeline.settings import Config


class FormError(ValueError):
    pass


@dataclass
class ItemForm:
    kind: str | None  # None: leave as collected ("" in the form)
    unit: str | None  # None: leave; "": no unit; else a unit id
    contributors: list[str] | None
    note: str
    version: str


def read_item_form(config: Config) -> ItemForm:
    f = request.form
    kind = f.get("kind", "")
    if kind not in ("", "news", "article", "video"):
        raise FormError("Loại không hợp lệ.")
    unit = f.get("unit", "-")
    if unit not in ("-", "") and config.unit(unit) is None:
        raise FormError("Đơn vị không có trong danh mục.")
    contributors = [c for c in f.getlist("contributors") if c]
    unknown = [c for c in contributors if config.contributor(c) is None]
    if unknown:
        raise FormError("Người viết không có trong danh sách: " + ", ".join(unknown))
    return ItemForm(
        kind=kind or None,
        unit=None if unit == "-" else unit,
        contributors=contributors if f.get("contributors_sent") == "1" else None,
        note=f.get("note", "").strip()[:1000],
        version=f.get("version", ""),
    )
