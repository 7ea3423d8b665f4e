"""The review as one self-contained HTML page (the report's base template and filters)."""

from __future__ import annotations

from pipeline.settings import Config
from reports import charts as month_charts
from reports.html import _env, _site_name
from reports.review import charts
from reports.review import wording as say
from reports.review.xlsx import _view


def review_html(data: dict, config: Config, chart_svgs: dict | None = None) -> str:
    chart_svgs = chart_svgs or charts.review_charts(data, "svg")
    met, missed = say.met_and_missed(data)
    rk = data["ranking"]
    return _env().get_template("review.html.j2").render(
        data=_view(data),
        site_name=_site_name(config),
        charts={k: month_charts.data_uri(v) for k, v in chart_svgs.items()},
        overview=say.overview(data),
        years=[{**y, "text": say.year_text(y), "label": say.months_words(y),
                "monthly_text": [say.monthly_text({**s, "year": y["year"]}, data["quotas"]) for s in y["monthly"]]}
               for y in data["years"]],
        quotas=[q for q in data["quotas"] if not q.get("contributor")],
        index={(q["id"], q["period"]): q for q in data["quotas"]},
        met=met, missed=missed, running=say.running(data),
        units=rk["units"], people=rk["contributors"],
        standout_units=say.standouts(rk["units"], rk["top"]),
        standout_people=say.standouts(rk["contributors"], rk["top"]),
        shortfalls=say.shortfalls(data), tasks=say.tasks(data), gaps=say.data_gaps(data),
    )
