"""The JSON API: ``/api/report/month/YYYY-MM`` is the month report of ``cdht report month``."""

from __future__ import annotations

from flask import Blueprint, Response, g, jsonify

from pipeline.desk import validate
from pipeline.desk.context import config_of
from reports.monthdata import build_month
from reports.render import to_json

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/report/month/<month>")
def report_month(month: str):
    month = validate.month(month)  # 400 in JSON, in Vietnamese
    data = build_month(g.store, config_of(), month)
    return Response(to_json(data) + "\n", mimetype="application/json")


@bp.get("/whoami")
def whoami():
    return jsonify(name=g.user.name, role=g.user.role)
