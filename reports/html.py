"""Self-contained HTML pages (CSS inline, charts as data URIs, no network) with jinja2.

Autoescape is on for every template: titles scraped from the site are text, never markup.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from pipeline.settings import Config
from reports import charts
from reports.common import safe_url, vn_number
from reports.monthdata import FEDERATION
from reports.reasons import flags_text
from reports.wording import units_behind_text

TEMPLATES = Path(__file__).parent / "templates"


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["num"] = vn_number
    env.filters["safe_url"] = safe_url
    env.filters["flags_text"] = flags_text
    return env


_ENV: Environment | None = None


def _env() -> Environment:
    global _ENV
    if _ENV is None:
        _ENV = environment()
    return _ENV


def _site_name(config: Config) -> str:
    return config.site.site.name


def month_html(data: dict, config: Config, chart_svgs: dict | None = None) -> str:
    chart_svgs = chart_svgs or charts.month_charts(data, "svg")
    units = data["units"]
    names = data["unit_names"]
    unit_rows = []
    for uid, c in units.items():
        total = c["news"] + c["articles"] + c["videos"] + c["facebook"]
        unit_rows.append({
            "id": uid, "name": names.get(uid, uid), **c, "total": total,
            "zero": total == 0 and uid != FEDERATION, "federation": uid == FEDERATION,
        })  # fmt: skip
    counted = [r for r in unit_rows if not r["federation"]]
    info = data["contributor_info"]
    example_unit = next((r["id"] for r in counted), FEDERATION)
    behind = [(q, text) for q in data["quotas"] if not q.get("contributor")
              if (text := units_behind_text(q, names))]  # fmt: skip
    return _env().get_template("month.html.j2").render(
        data=data,
        site_name=_site_name(config),
        charts={k: charts.data_uri(v) for k, v in chart_svgs.items()},
        unit_rows=unit_rows,
        units_counted=len(counted),
        units_active=sum(1 for r in counted if not r["zero"]),
        ytd=data.get("year_to_date", []),
        example_unit=example_unit,
        unit_ids=[(u.id, u.name) for u in config.units],
        behind=behind,
        cnames=lambda ids: ", ".join(info.get(i, {}).get("name", i) for i in ids),
    )


def year_html(data: dict, config: Config, chart_svgs: dict | None = None) -> str:
    chart_svgs = chart_svgs or charts.year_charts(data, "svg")
    return _env().get_template("year.html.j2").render(
        data=data,
        site_name=_site_name(config),
        charts={k: charts.data_uri(v) for k, v in chart_svgs.items()},
    )


def contributors_html(data: dict, config: Config) -> str:
    return _env().get_template("contributors.html.j2").render(
        data=data, site_name=_site_name(config)
    )
