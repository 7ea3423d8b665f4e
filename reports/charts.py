"""Charts with matplotlib (Agg, no pyplot state): SVG text or PNG bytes.

DejaVu Sans ships with matplotlib and holds every Vietnamese letter; it is set explicitly, and
SVG text is drawn as paths so the chart looks the same wherever it is opened.
"""

from __future__ import annotations

import base64
import functools
import io
import logging
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
from matplotlib.figure import Figure

from reports import atomic

log = logging.getLogger("cdht.reports")

RC = {
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "svg.fonttype": "path",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
}
COLORS = {"news": "#1f6fb2", "articles": "#d9822b", "videos": "#2e9a5b", "target": "#c0392b",
          "with_video": "#2e9a5b",
          "facebook": "#6c5ce7", "muted": "#999999"}  # fmt: skip


def _out(fig: Figure, fmt: str, salt: str) -> str | bytes:
    buf = io.BytesIO()
    with matplotlib.rc_context({**RC, "svg.hashsalt": salt}):
        fig.savefig(buf, format=fmt, dpi=110 if fmt == "png" else 72, bbox_inches="tight",
                    metadata={"Date": None} if fmt == "svg" else None)  # fmt: skip
    data = buf.getvalue()
    return data.decode("utf-8") if fmt == "svg" else data


def data_uri(chart: str | bytes) -> str:
    """An ``<img src>`` for a chart: the page stays self-contained and SVG ids stay apart."""
    if isinstance(chart, str):
        return "data:image/svg+xml;base64," + base64.b64encode(chart.encode("utf-8")).decode()
    return "data:image/png;base64," + base64.b64encode(chart).decode()


def burnup(daily: list[dict], key: str, target: float | None, title: str, fmt: str = "svg"):
    """Cumulative count of ``key`` day by day, against the target and the even pace to it."""
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(6.4, 3.4))
        ax = fig.add_subplot()
        days = list(range(1, len(daily) + 1))
        values = [d[key] for d in daily]
        shown = [(x, v) for x, v in zip(days, values, strict=True) if v is not None]
        color = COLORS.get(key, "#333333")
        if shown:
            xs, ys = zip(*shown, strict=True)
            ax.step(xs, ys, where="post", color=color, linewidth=2.2, label="Thực hiện (lũy kế)")
            ax.annotate(str(ys[-1]), (xs[-1], ys[-1]), textcoords="offset points", xytext=(4, 4),
                        color=color, fontweight="bold")  # fmt: skip
        if target:
            ax.plot([0, len(daily)], [0, target], color=COLORS["muted"], linestyle="--",
                    linewidth=1.2, label="Tiến độ đều")  # fmt: skip
            ax.axhline(target, color=COLORS["target"], linestyle=":", linewidth=1.6,
                       label=f"Chỉ tiêu: {target}")  # fmt: skip
        ax.set_xlim(0, len(daily) + 0.5)
        top = max([v for v in values if v is not None] + [target or 0, 1])
        ax.set_ylim(0, top * 1.15)
        ax.set_xlabel("Ngày trong tháng")
        ax.set_title(title, loc="left", fontsize=11, fontweight="bold")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=3, fontsize=8,
                  frameon=False)  # fmt: skip
        return _out(fig, fmt, f"burnup-{key}")


def units_bar(units: dict[str, dict], names: dict[str, str], title: str, fmt: str = "svg"):
    """Horizontal stacked bars: news, articles, videos and Facebook posts per unit."""
    ids = list(units)
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(6.4, 0.32 * len(ids) + 1.2))
        ax = fig.add_subplot()
        labels = [names.get(i, i) for i in ids]
        left = [0] * len(ids)
        for key, label in (("news", "Tin"), ("articles", "Bài chuyên sâu"), ("videos", "Video"),
                           ("facebook", "Facebook")):  # fmt: skip
            vals = [units[i].get(key, 0) for i in ids]
            ax.barh(labels, vals, left=left, color=COLORS[key], label=label, height=0.65)
            left = [a + b for a, b in zip(left, vals, strict=True)]
        ax.invert_yaxis()
        ax.tick_params(axis="y", labelsize=8)
        ax.grid(axis="y", visible=False)
        ax.set_title(title, loc="left", fontsize=11, fontweight="bold")
        ax.legend(loc="lower right", fontsize=8, frameon=False)
        return _out(fig, fmt, "units")


def months_bar(months: list[dict], key: str, target: float | None, title: str, fmt: str = "svg"):
    """One bar per month of a yearly report, with the monthly target as a line."""
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(6.4, 3.2))
        ax = fig.add_subplot()
        labels = [m["short_label"] for m in months]
        vals = [m["website"][key] for m in months]
        colors = [COLORS[key] if not m["future"] else "#dddddd" for m in months]
        bars = ax.bar(labels, vals, color=colors)
        ax.bar_label(bars, labels=[str(v) if v else "" for v in vals], fontsize=8, padding=2)
        if target:
            ax.axhline(target, color=COLORS["target"], linestyle=":", linewidth=1.6,
                       label=f"Chỉ tiêu tháng: {target}")  # fmt: skip
            ax.legend(loc="upper left", fontsize=8, frameon=False)
        ax.set_ylim(0, max([*vals, target or 0, 1]) * 1.2)
        ax.grid(axis="x", visible=False)
        ax.set_title(title, loc="left", fontsize=11, fontweight="bold")
        return _out(fig, fmt, f"months-{key}")


def quota_target(quotas: list[dict], qid: str, period: str | None = None):
    for q in quotas:
        if q.get("id") == qid and (period is None or q.get("period") in (None, period)):
            return q.get("target")
    return None


def _quiet(fn):
    """A chart builder whose library warnings (an empty month's legend with nothing to show,
    an axis with one value) go to the log, never to the officer's terminal as tracebacks."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            out = fn(*args, **kwargs)
        for w in caught:
            log.debug("chart %s: %s: %s", fn.__name__, w.category.__name__, w.message)
        return out

    return wrapper


@_quiet
def month_charts(data: dict, fmt: str = "svg") -> dict[str, str | bytes]:
    """Charts of a month report, by name (``tin``, ``bai``, ``don-vi``)."""
    q, p = data.get("quotas", []), data["period"]
    label = data["period_label"]
    return {
        "tin": burnup(data["daily"], "news", quota_target(q, "B.I.2a", p),
                      f"Tin đăng trên website – {label}", fmt),
        "bai": burnup(data["daily"], "articles", quota_target(q, "B.I.2b", p),
                      f"Bài chuyên sâu – {label}", fmt),
        "don-vi": units_bar(data["units"], data["unit_names"],
                            f"Tin, bài, video và bài Facebook theo đơn vị – {label}", fmt),
    }  # fmt: skip


@_quiet
def year_charts(data: dict, fmt: str = "svg") -> dict[str, str | bytes]:
    def monthly_target(qid):
        for m in data["months"]:
            t = m.get("quota_index", {}).get(qid, {}).get("target")
            if t:
                return t
        return None

    return {
        "tin": months_bar(data["months"], "news", monthly_target("B.I.2a"),
                          f"Tin theo tháng – năm {data['year']}", fmt),
        "bai": months_bar(data["months"], "articles", monthly_target("B.I.2b"),
                          f"Bài chuyên sâu theo tháng – năm {data['year']}", fmt),
        "video": months_bar(data["months"], "with_video", None,
                            f"Tin, bài có video theo tháng – năm {data['year']}", fmt),
    }  # fmt: skip


def write_pngs(charts: dict[str, bytes], out_dir: Path, stem: str) -> dict[str, Path]:
    """Write PNG charts as ``<stem>-<name>.png``; return their paths by name."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, png in charts.items():
        path = out_dir / f"{stem}-{name}.png"
        atomic.write_bytes(path, png)
        paths[name] = path
    return paths
