"""Plan items tracked by hand (manual.toml) and the monthly B.I.3 column, marked done."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, flash, g, redirect, render_template, request, url_for

from pipeline.desk import validate
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
    today = local_now().date()
    columns = []
    for m in month_options(g.store, month)[:12]:
        mark = marks.get(plan_marks.column_id(m))
        due = date(int(m[:4]), int(m[5:7]), plan_marks.COLUMN_DAY)
        columns.append({"month": m, "id": plan_marks.column_id(m), "mark": mark,
                        "default": min(today, due)})  # fmt: skip
    # an item of a past month is marked done in that month (its deadline), not today
    defaults = {m.id: min(today, m.deadline) for m in items}
    return render_template("plan.html", month=month, items=items, marks=marks, columns=columns,
                           defaults=defaults, today=today,
                           bad=plan_marks.bad_marks(g.store.conn, _known()))  # fmt: skip


def _known() -> set[str]:
    return {m.id for m in evaluate_manual(config_of())}


@bp.post("/plan/mark")
@require("editor")
def mark():
    f = request.form
    mark_id = f.get("id", "")
    undo = f.get("action") == "undo"
    if not (undo and mark_id in plan_marks.marks(g.store.conn)):  # a stored bad mark can go
        validate.plan_id(mark_id, _known())
    note = f.get("note", "").strip()[:1000]
    done_on = None if undo else validate.day(f.get("done_on", ""))
    with g.store.transaction():
        if undo:
            plan_marks.unmark(g.store, who(), mark_id, note)
            flash("Đã bỏ đánh dấu hoàn thành.", "ok")
        else:
            plan_marks.mark_done(g.store, who(), mark_id, done_on, note)
            flash(f"Đã đánh dấu hoàn thành ngày {done_on:%d/%m/%Y}.", "ok")
    return redirect(url_for("plan.plan"))
