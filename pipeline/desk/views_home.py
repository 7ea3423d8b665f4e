"""Home: the month at a glance."""

from __future__ import annotations

from flask import Blueprint, g, render_template

from pipeline.desk import validate
from pipeline.desk.auth import require
from pipeline.desk.context import config_of
from pipeline.desk.monthview import burnups, data_stamp, month_data, pace, units_without_video
from pipeline.desk.queries import freshness
from reports.common import local_now

bp = Blueprint("home", __name__)


def chosen_month() -> str:
    """``?month=YYYY-MM`` (a 400 if it is not a month), else the current local month."""
    return validate.month_arg() or local_now().strftime("%Y-%m")


def month_options(store, current: str) -> list[str]:
    months = store.months_with_items(36)
    now = local_now().strftime("%Y-%m")
    return sorted({*months, current, now}, reverse=True)


@bp.get("/")
@require("viewer")
def home():
    month = chosen_month()
    config = config_of()
    stamp = data_stamp(g.store)
    data = month_data(g.store, config, month, stamp)
    today = local_now().date()
    quotas = [q | {"pace": pace(q, today)} for q in data["quotas"] if not q.get("contributor")]
    return render_template(
        "home.html", month=month, months=month_options(g.store, month), data=data,
        quotas=quotas, charts=burnups(data), units_video=units_without_video(data),
        fresh=freshness(g.store, month),
    )  # fmt: skip
