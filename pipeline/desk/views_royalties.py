"""Nhuận bút: the month's royalty sheet, its downloads, and an item's points in the item page.

Hidden while royalties.toml sets no rates: the menu shows no link and the pages answer 404. An
editor sets an item's points within its kind's range, or marks it "không tính nhuận bút"; each
change goes through ``audit.decide`` like every other decision about an item.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from flask import Blueprint, abort, flash, g, redirect, render_template, request, send_file, url_for

from pipeline.desk.app import config_of
from pipeline.desk.auth import require, who
from pipeline.desk.files import MIMETYPES
from pipeline.desk.views_home import chosen_month, month_options
from pipeline.settings import ConfigError
from pipeline.store import audit, royalty_marks
from reports.royalty_rates import KIND_LABELS, KIND_OF_ITEM, NoRates, Rates, parse_points, rates_of

bp = Blueprint("royalties", __name__)
DOWNLOADS = ("xlsx", "docx", "json")


def current_rates() -> Rates | None:
    """The rates in use, or None while none are set (a broken file shows on the sheet's page)."""
    try:
        return rates_of(config_of())
    except (NoRates, ConfigError):
        return None


def royalties_on() -> bool:
    """Whether the menu shows Nhuận bút: rates are set, or the rate file has an error to show."""
    if g.get("store") is None:
        return False
    config = config_of()
    try:
        rates_of(config)
    except NoRates:
        return False
    except ConfigError:
        return True
    return True


@bp.app_context_processor
def _globals() -> dict:
    return {"royalties_on": royalties_on, "royalty_of": royalty_of}


def royalty_of(row) -> dict | None:
    """What the item page shows and the editor's form needs of an item's royalty."""
    rates = current_rates() if row["source"] == "website" else None
    if rates is None:
        return None
    kind = KIND_OF_ITEM.get(row["eff_kind"], "news")
    marks = royalty_marks.marks_for(g.store, row["source"], row["key"])
    lo, hi = rates.range(kind)
    return {"kind": kind, "kind_label": KIND_LABELS[kind], "default": rates.default(kind), "min": lo,
            "max": hi, "range_text": rates.range_text(kind), "points": marks.get("points"),
            "no_royalty": bool(marks.get("no_royalty")), "repost": bool(row["is_repost"])}  # fmt: skip


def _rates_or_404(*, errors: bool = False) -> Rates:
    """The rates; 404 while none are set, and while the file is broken unless ``errors`` (the
    sheet's page says what is wrong)."""
    try:
        return rates_of(config_of())
    except NoRates:
        abort(404)
    except ConfigError:
        if errors:
            raise
        abort(404)


@bp.get("/nhuan-but")
@require("viewer")
def sheet():
    from reports.royalties import build_royalties

    month = chosen_month()
    try:
        rates = _rates_or_404(errors=True)
    except ConfigError as exc:
        return render_template("royalties.html", month=month, months=[month], data=None, error=str(exc))
    data = build_royalties(g.store, config_of(), month, rates=rates)
    return render_template("royalties.html", month=month, months=month_options(g.store, month), data=data,
                           error=None, downloads=DOWNLOADS)  # fmt: skip


@bp.get("/nhuan-but/<month>/tai.<ext>")
@require("viewer")
def download(month: str, ext: str):
    from pipeline.periods import parse_month
    from reports.royalties_render import write_royalties

    rates = _rates_or_404()
    try:
        parse_month(month)
    except ValueError:
        abort(404)
    if ext not in DOWNLOADS:
        abort(404)
    with tempfile.TemporaryDirectory() as tmp:
        path = write_royalties(g.store, config_of(), month, Path(tmp), ext, rates=rates)[ext]
        body = io.BytesIO(path.read_bytes())
        name = path.name
    return send_file(body, mimetype=MIMETYPES[ext], as_attachment=True, download_name=name)


@bp.post("/items/<int:item_id>/nhuan-but")
@require("editor")
def decide(item_id: int):
    row = g.store.get_item_by_id(item_id)
    if row is None or row["source"] != "website":
        abort(404)
    rates = _rates_or_404()
    back = url_for("items.item", item_id=item_id)
    kind = KIND_OF_ITEM.get(row["eff_kind"], "news")
    try:
        points = parse_points(request.form.get("points", ""), rates, kind)
    except ValueError as exc:
        flash(str(exc), "error")
        return redirect(back)
    no_royalty = True if request.form.get("no_royalty") == "1" else None
    note = request.form.get("note", "").strip()[:1000]
    s, k = row["source"], row["key"]
    with g.store.transaction():
        if request.form.get("version", "") != audit.item_version(g.store, s, k):
            stale = True
        else:
            stale = False
            changed = [f for f, v in (("points", points), ("no_royalty", no_royalty))
                       if audit.decide(g.store, who(), s, k, f, v, note)]  # fmt: skip
    if stale:
        flash("Tin, bài này vừa được người khác sửa: xem lại rồi lưu lần nữa.", "error")
    elif changed:
        flash("Đã lưu nhuận bút của «" + (row["title"] or k) + "».", "ok")
    else:
        flash("Không có gì thay đổi.", "ok")
    return redirect(back)


def _number(text: str):
    """A figure as typed in the form ("250.000", "2,5"), or the text itself (the check says why)."""
    t = text.strip().replace(" ", "")
    if t.count(".") > 1 or (t.count(".") == 1 and len(t.split(".")[1]) == 3 and "," not in t):
        t = t.replace(".", "")  # thousands separators: 250.000
    t = t.replace(",", ".")
    try:
        x = float(t)
    except ValueError:
        return text
    return int(x) if x.is_integer() else x


@bp.get("/nhuan-but/so-sanh")
@require("viewer")
def compare_view():
    """What other rates would cost over a span of months, beside the current rates."""
    from pipeline.periods import parse_month
    from reports.royalties_compare import compare
    from reports.royalty_rates import KINDS, rates_with

    rates = _rates_or_404()
    month = chosen_month()
    a = request.args
    form = {"from": a.get("from", month), "to": a.get("to", month),
            "point_value": a.get("point_value", ""),
            **{k: a.get(k, "") for k in KINDS}}  # fmt: skip
    result, error = None, None
    if any(form[k] for k in ("point_value", *KINDS)):
        changes: dict = {"kinds": {}}
        if form["point_value"]:
            changes["point_value"] = _number(form["point_value"])
        for k in KINDS:
            if form[k]:
                changes["kinds"][k] = {"points": _number(form[k])}
        try:
            parse_month(form["from"])
            parse_month(form["to"])
            proposed = rates_with(rates, changes, "mức đề xuất")
            result = compare(g.store, config_of(), form["from"], form["to"], proposed, rates)
        except (ValueError, ConfigError) as exc:
            error = str(exc)
    return render_template("royalties_compare.html", form=form, rates=rates.to_dict(), result=result,
                           error=error, kinds=KIND_LABELS)  # fmt: skip
