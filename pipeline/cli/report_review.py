"""``cdht report period FROM TO`` and ``cdht report term``: a review over a span of months."""

from __future__ import annotations

from quotas.span import SpanError, parse_span, term_span


def register(add) -> None:
    """Add the two review commands with the ``add`` of :mod:`pipeline.cli.report`."""
    p = add("period", "review over a span of months (sơ kết 6 tháng, tổng kết năm): targets by year, rankings",
            "from_month", "the first month, YYYY-MM", run_period)  # fmt: skip
    next(a for a in p._actions if a.dest == "from_month").metavar = "FROM"
    p.add_argument("to_month", metavar="TO", help="the last month, YYYY-MM")
    add("term", "review of the term so far: October 2024 to the last finished month",
        None, None, run_term)  # fmt: skip


def _review(args, make_span) -> int:
    from pipeline.cli.report import _run, _usage
    from reports.review.data import build_review
    from reports.review.render import write_review

    try:
        span = make_span()
    except SpanError as exc:
        return _usage(str(exc))
    return _run(args, span, build_review, write_review)


def run_period(args) -> int:
    return _review(args, lambda: parse_span(args.from_month, args.to_month))


def run_term(args) -> int:
    return _review(args, term_span)
