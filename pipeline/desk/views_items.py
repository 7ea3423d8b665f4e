"""Items: the filterable list, one item's page (what the collector found and why, its history),
and undoing a change."""

from __future__ import annotations

import json

from flask import Blueprint, Response, abort, flash, g, redirect, render_template, request, url_for

from pipeline.archive import WarcArchive
from pipeline.desk import validate
from pipeline.desk.auth import require, who
from pipeline.desk.context import config_of
from pipeline.desk.queries import FLAGS_VI, PAGE, item_contributors, search_items
from pipeline.desk.views_home import month_options
from pipeline.desk.views_work import choices
from pipeline.store import audit
from reports.reasons import decision_source_vi, decision_sources

bp = Blueprint("items", __name__)


def _filters() -> dict:
    a = request.args
    month = validate.month_arg() or ""
    page = validate.page_arg()
    return {"month": month, "source": a.get("source", ""), "kind": a.get("kind", ""),
            "unit": a.get("unit", ""), "contributor": a.get("contributor", ""),
            "flag": a.get("flag", ""), "q": a.get("q", "")[:200], "page": page}  # fmt: skip


@bp.get("/items")
@require("viewer")
def items():
    f = _filters()
    rows, total = search_items(g.store, **f)
    config = config_of()
    args = {k: v for k, v in f.items() if v and k != "page"}
    return render_template(
        "items.html", rows=rows, total=total, f=f, page_size=PAGE, args=args,
        months=month_options(g.store, f["month"] or ""), flags=FLAGS_VI,
        unit_names={u.id: u.name for u in config.units}, **choices(config),
    )  # fmt: skip


@bp.get("/items/<int:item_id>")
@require("viewer")
def item(item_id: int):
    row = g.store.get_item_by_id(item_id)
    if row is None:
        abort(404)
    config = config_of()
    try:
        raw = json.loads(row["raw"] or "{}")
    except ValueError:
        raw = {}
    target = audit.item_target(row["source"], row["key"])
    history = audit.history(g.store, "item", target)
    overrides = g.store.overrides_for(row["source"], row["key"])
    sources = decision_sources(history)
    decided = {f: sources.get(f, decision_source_vi(None)) for f in overrides}
    return render_template(
        "item.html", row=row, raw=raw, contributors=item_contributors(g.store, row),
        overrides=overrides, decided=decided,
        version=audit.item_version(g.store, row["source"], row["key"]),
        history=history, back=request.path,
        unit_names={u.id: u.name for u in config.units},
        people_names={c.id: c.name for c in config.contributors}, **choices(config),
    )  # fmt: skip


@bp.get("/items/<int:item_id>/archived")
@require("viewer")
def archived(item_id: int):
    """The page as the collector received it, from the page archive, shown as plain text: the
    site's markup and scripts never run in the desk's pages."""
    row = g.store.get_item_by_id(item_id)
    if row is None or row["source"] != "website":
        abort(404)
    page = WarcArchive.beside(g.desk.db).find(row["key"])
    if page is None:
        return Response(
            "Chưa có bản lưu của trang này: các trang được lưu từ lần thu thập sau khi có kho lưu "
            "trữ.\n", status=404, mimetype="text/plain")  # fmt: skip
    head = f"{page.url}\nHTTP {page.status}, lưu lúc {page.fetched_at}\n\n"
    resp = Response(head + page.text, mimetype="text/plain")
    resp.headers["X-Content-Type-Options"] = "nosniff"
    resp.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return resp


@bp.post("/audit/<int:audit_id>/undo")
@require("editor")
def undo(audit_id: int):
    row = audit.entry(g.store, audit_id)
    if row is None:
        abort(404)
    item = None
    if row["target_type"] == "item":
        source, key = row["target"].split(":", 1)
        item = g.store.get_item(source, key)
    try:
        with g.store.transaction():
            audit.undo(g.store, who(), audit_id, request.form.get("note", "").strip())
        flash(f"Đã hoàn tác thay đổi #{audit_id}.", "ok")
    except audit.DecisionError as exc:
        flash(f"Không hoàn tác được: {exc}", "error")
    if item is None:
        return redirect(url_for("users.audit"))
    return redirect(url_for("items.item", item_id=item["id"]))
