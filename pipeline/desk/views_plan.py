"""Plan items tracked by hand (manual.toml) and the monthly B.I.3 column, marked done."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, flash, g, redirect, render_template, request, url_for

from pipeline.desk.auth import require, who
from pipeline.desk.context import config_of
from pipeline.desk.views_home import chosen_month, month_options
from pipeline.store import plan_marks
from quotas.manual import evaluate_manual
from reports.common import local_now

bp = Blueprint("plan", __name__)


@bp.get("/plan")
@require("viewer")
def plan():
    month = chosen_month()
    config = config_of()
    marks = plan_marks.marks(g.store.conn)
    items = [m for m in evaluate_manual(config, local_now().date())
             if not m.id.startswith(plan_marks.COLUMN + "-")]  # fmt: skip
    columns = []
    for m in month_options(g.store, month)[:12]:
        mark = marks.get(plan_marks.column_id(m))
        columns.append({"month": m, "id": plan_marks.column_id(m), "mark": mark})
    return render_template("plan.html", month=month, items=items, marks=marks, columns=columns,
                           today=local_now().date().isoformat())  # fmt: skip


@bp.post("/plan/mark")
@require("editor")
def mark():
    f = request.form
    mark_id = f.get("id", "")
    known = {m.id for m in evaluate_manual(config_of())}
    if mark_id not in known and not (
        mark_id.startswith(plan_marks.COLUMN + ":") and len(mark_id) == len("B.I.3:2025-05")
    ):
        flash("Không có mục kế hoạch này.", "error")
        return redirect(url_for("plan.plan"))
    note = f.get("note", "").strip()[:1000]
    with g.store.transaction():
        if f.get("action") == "undo":
            plan_marks.unmark(g.store, who(), mark_id, note)
            flash("Đã bỏ đánh dấu hoàn thành.", "ok")
        else:
            try:
                done_on = date.fromisoformat(f.get("done_on", ""))
            except ValueError:
                flash("Ngày hoàn thành không hợp lệ (chọn một ngày).", "error")
                return redirect(url_for("plan.plan"))
            plan_marks.mark_done(g.store, who(), mark_id, done_on, note)
            flash(f"Đã đánh dấu hoàn thành ngày {done_on:%d/%m/%Y}.", "ok")
    return redirect(url_for("plan.plan"))
