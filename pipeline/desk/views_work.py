"""The worklist ("Cần xử lý") and saving an editor's decision about an item."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, url_for

from pipeline.desk import validate
from pipeline.desk.auth import require, who
from pipeline.desk.context import config_of
from pipeline.desk.filters import FIELD_VI
from pipeline.desk.forms import FormError, read_item_form
from pipeline.desk.queries import REASONS_VI, item_contributors
from pipeline.desk.queries import worklist as build_worklist
from pipeline.desk.views_home import chosen_month, month_options
from pipeline.store import audit

bp = Blueprint("work", __name__)


def choices(config) -> dict:
    return {
        "units": sorted(config.units, key=lambda u: (u.type != "federation", u.name)),
        "people": sorted(config.contributors, key=lambda c: c.name),
    }


@bp.get("/can-xu-ly", endpoint="worklist")
@require("viewer")
def worklist_view():
    month = chosen_month()
    config = config_of()
    work = build_worklist(g.store, config, month)
    return render_template("worklist.html", month=month, months=month_options(g.store, month),
                           work=work, reasons_vi=REASONS_VI, **choices(config))  # fmt: skip


def _row(item_id: int):
    return g.store.get_item_by_id(item_id)


def apply_form(row, form) -> list[str]:
    """Write the form's decisions (each audited) and mark the item reviewed; what changed."""
    s, k, store, me = row["source"], row["key"], g.store, who()
    changed = []
    if form.kind is not None and audit.decide(store, me, s, k, "kind", form.kind, form.note):
        changed.append("kind")
    if form.unit is not None and audit.decide(store, me, s, k, "unit", form.unit, form.note):
        changed.append("unit")
    if form.contributors is not None:
        current = item_contributors(store, row)
        if sorted(current) != sorted(form.contributors) and audit.decide(
            store, me, s, k, "contributors", form.contributors, form.note
        ):
            changed.append("contributors")
    audit.review(store, me, s, k, form.note)
    return changed


@bp.post("/items/<int:item_id>/decide")
@require("editor")
def decide(item_id: int):
    config = config_of()
    row = _row(item_id)
    if row is None:
        flash("Không có tin, bài này.", "error")
        return redirect(url_for("work.worklist"))
    back = validate.target(request.form.get("back"), url_for("items.item", item_id=item_id))
    try:
        form = read_item_form(config)
    except FormError as exc:
        flash(str(exc), "error")
        return redirect(back)
    with g.store.transaction():
        current = audit.item_version(g.store, row["source"], row["key"])
        if form.version != current:
            stale = True
        else:
            stale = False
            changed = apply_form(row, form)
    if stale:
        row = _row(item_id)
        return render_template(
            "stale.html", row=row, contributors=item_contributors(g.store, row),
            overrides=g.store.overrides_for(row["source"], row["key"]),
            version=current, back=back, **choices(config),
        ), 409  # fmt: skip
    title = row["title"] or row["key"]
    done = ", ".join(FIELD_VI.get(c, c).lower() for c in changed)
    flash(f"Đã lưu «{title}»" + (f" (đã đổi: {done})." if changed else " (đã xem, không đổi)."), "ok")
    return redirect(back)
