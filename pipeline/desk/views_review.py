"""Reviews (sơ kết, tổng kết): a span chosen from a list, its figures and rankings, its files."""

from __future__ import annotations

import contextlib
from datetime import date

from flask import Blueprint, flash, g, redirect, render_template, request, url_for

from pipeline.desk.app import config_of
from pipeline.desk.auth import require, who
from pipeline.desk.files import listing
from pipeline.desk.monthview import _cached, data_stamp
from pipeline.settings import ConfigError
from pipeline.store.audit import record
from quotas.span import TERM_FIRST, TERM_LAST, Span, SpanError, parse_span, term_span
from reports.common import local_now

bp = Blueprint("review", __name__)


def _back(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) - n
    return k // 12, k % 12 + 1


def choices(today: date) -> list[tuple[str, str, Span]]:
    """(key, label, span) of the spans offered: the last 6 finished months, this year so far,
    last year, the term so far; each cut to the term and left out when nothing of it is left."""
    last = _back(today.year, today.month, 1)
    out = []
    for key, label, first, end in (
        ("6-thang", "6 tháng vừa qua", _back(today.year, today.month, 6), last),
        ("nam-nay", f"Năm {today.year} (đến nay)", (today.year, 1), (today.year, today.month)),
        ("nam-truoc", f"Năm {today.year - 1}", (today.year - 1, 1), (today.year - 1, 12)),
    ):
        first, end = max(first, TERM_FIRST), min(end, TERM_LAST)
        if first <= end:
            out.append((key, label, Span(first, end)))
    with contextlib.suppress(SpanError):  # before the term's first month ends
        out.append(("nhiem-ky", "Từ đầu nhiệm kỳ đến nay", term_span(today=today)))
    return out


def _month_list(today: date) -> list[str]:
    out, ym = [], TERM_FIRST
    while ym <= min((today.year, today.month), TERM_LAST):
        out.append(f"{ym[0]:04d}-{ym[1]:02d}")
        ym = (ym[0] + 1, 1) if ym[1] == 12 else (ym[0], ym[1] + 1)
    return out


def _chosen(today: date) -> tuple[str, Span | None, str]:
    """(choice key, span, error) from the query string."""
    options = choices(today)
    key = request.args.get("ky", "")
    if key == "tu-chon":
        try:
            return key, parse_span(request.args.get("tu", ""), request.args.get("den", ""), today=today), ""
        except SpanError as exc:
            return key, None, f"Kỳ không hợp lệ: {exc}."
    found = next((o for o in options if o[0] == key), options[0] if options else None)
    return (found[0], found[2], "") if found else ("", None, "Chưa có kỳ nào để đánh giá.")


def _args(key: str, span: Span) -> dict:
    if key == "tu-chon":
        return {"ky": key, "tu": f"{span.first[0]:04d}-{span.first[1]:02d}", "den": f"{span.last[0]:04d}-{span.last[1]:02d}"}
    return {"ky": key}


@bp.get("/review")
@require("viewer")
def review():
    from reports.review import wording as say
    from reports.review.data import build_review
    from reports.review.render import stem

    today = local_now().date()
    key, span, error = _chosen(today)
    config = config_of()
    data = None
    if span is not None:
        try:
            data = _cached(("review", span.key, id(config), today), data_stamp(g.store), config,
                           lambda: build_review(g.store, config, span))  # fmt: skip
        except ConfigError as exc:
            error = f"Lỗi cấu hình, chưa lập được báo cáo: {exc}"
    files = []
    if data is not None:
        files = [p for name, p in sorted(listing(g.desk.reports_dir).items()) if name.startswith(stem(data))]
    return render_template(
        "review.html", options=choices(today), key=key, span=span, data=data, error=error,
        months=_month_list(today), files=files, args=_args(key, span) if span else {},
        say=say, standouts=say.standouts,
    ), 400 if error and (key == "tu-chon" or data is None) else 200  # fmt: skip


@bp.post("/review")
@require("editor")
def make():
    from reports.review.render import write_review

    f = request.form
    try:
        span = parse_span(f.get("tu", ""), f.get("den", ""), today=local_now().date())
    except SpanError as exc:
        flash(f"Kỳ không hợp lệ: {exc}. Không lập tệp nào.", "error")
        return redirect(url_for("review.review"))
    paths = write_review(g.store, config_of(), span, g.desk.reports_dir)
    record(g.store, who(), "report", "report", f"period:{span.key}")
    flash("Đã lập báo cáo: " + ", ".join(sorted(p.name for p in paths.values())), "ok")
    key = f.get("ky", "tu-chon")
    return redirect(url_for("review.review", **_args(key if key else "tu-chon", span)))
