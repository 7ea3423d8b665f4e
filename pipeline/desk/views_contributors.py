"""Contributors: the registry in the store, unknown bylines, each person's month."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, url_for

from pipeline.desk.auth import require, who
from pipeline.desk.bylines import free_id, items_named, unknown_names
from pipeline.desk.context import config_of
from pipeline.desk.monthview import data_stamp, month_data
from pipeline.desk.views_home import chosen_month, month_options
from pipeline.ingest import reprocess_all
from pipeline.settings import ConfigError, load_config
from pipeline.store import registry

bp = Blueprint("contributors", __name__)


def _int(name: str) -> int:
    try:
        return max(0, int(request.form.get(name, "0") or 0))
    except ValueError:
        return 0


@bp.get("/contributors")
@require("viewer")
def contributors():
    month = chosen_month()
    config = config_of()
    data = month_data(g.store, config, month, data_stamp(g.store))
    edit = config.contributor(request.args.get("edit", "")) if request.args.get("edit") else None
    return render_template(
        "contributors.html", month=month, months=month_options(g.store, month),
        people=sorted(config.contributors, key=lambda c: c.name), rows=data["contributor_rows"],
        unknown=unknown_names(g.store, config), units=config.units, edit=edit,
        prefill=request.args.get("name", ""),
    )  # fmt: skip


def _after_change(message: str, names: set[str] | None = None):
    """Re-attribute the stored items the change can touch (all of them when ``names`` is None)."""
    config = config_of()
    if names is None:
        counts = reprocess_all(g.store, config)  # one transaction of its own
    else:
        counts = registry.reattribute(g.store, config, names)
    flash(f"{message} Đã tính lại người viết, đơn vị cho các tin, bài: {counts['updated']} thay đổi.", "ok")
    return redirect(url_for("contributors.contributors", month=request.values.get("month") or None))


@bp.post("/contributors")
@require("editor")
def save():
    f = request.form
    config = config_of()
    name = f.get("name", "").strip()
    cid = f.get("id", "").strip() or free_id(g.store, name)
    aliases = [a.strip() for a in f.get("aliases", "").replace(";", ",").split(",") if a.strip()]
    data = {"id": cid, "name": name, "aliases": aliases, "unit": f.get("unit", ""),
            "role": f.get("role", "ctv"),
            "targets": {"news": _int("news"), "articles": _int("articles"), "videos": _int("videos")}}  # fmt: skip
    old = config.contributor(cid)
    try:
        with g.store.transaction():
            new = registry.save(g.store, config, data, who(), f.get("note", "").strip())
    except ConfigError as exc:
        flash(f"Chưa lưu được người viết: {exc}", "error")
        return redirect(url_for("contributors.contributors", name=name, month=f.get("month") or None))
    return _after_change(f"Đã lưu người viết {name}.", registry.names_of(old) | registry.names_of(new))


@bp.post("/contributors/alias")
@require("editor")
def alias():
    config = config_of()
    cid, name = request.form.get("contributor", ""), request.form.get("alias", "").strip()
    back = url_for("contributors.contributors", month=request.form.get("month") or None)
    if not name:
        flash("Thiếu bút danh.", "error")
        return redirect(back)
    person = config.contributor(cid) if cid else None
    if person is None:
        flash(f"Chưa chọn người viết cho bút danh «{name}»: chọn một người trong danh sách.", "error")
        return redirect(back + "#unknown")
    if request.form.get("confirmed") != "1":
        # a change that moves items costs a click to undo: say how many before it is made
        return render_template("alias_confirm.html", name=name, person=person,
                               count=items_named(g.store, config, name),
                               month=request.form.get("month", ""))  # fmt: skip
    try:
        with g.store.transaction():
            c = registry.add_alias(g.store, config, cid, name, who())
    except ConfigError as exc:
        flash(f"Chưa lưu được: {exc}", "error")
        return redirect(back)
    return _after_change(f"Đã thêm «{name}» làm bút danh của {c.name}.", registry.names_of(c))


@bp.post("/contributors/import")
@require("admin")
def import_toml():
    """Copy contributors.toml of the configuration folder into the store again (by id)."""
    configured = load_config(g.desk.config_dir)
    with g.store.transaction():
        n = registry.import_config(g.store, configured, who())
    return _after_change(f"Đã nhập lại {n} người viết từ {configured.label('contributors')}.")
