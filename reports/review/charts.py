"""The review's charts: each monthly target over the span (news and articles per month against
their monthly target), and items with video, cumulative within each year, against that year's
target. Months without data are drawn hatched and labelled, never as plain zeros."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
from matplotlib.figure import Figure

from reports.charts import COLORS, RC, _out


def _short(period: str) -> str:
    return f"{int(period[5:])}/{period[2:4]}"


def _target_of(data: dict, qid: str, period: str):
    for q in data["quotas"]:
        if q["id"] == qid and q["period"] == period:
            return q["target"]
    return None


def monthly(data: dict, key: str, qid: str, title: str, fmt: str = "svg"):
    months = data["months"]
    labels = [_short(m["period"]) for m in months]
    vals = [m["website"][key] for m in months]
    gaps = [data["coverage"][m["period"]]["no_data"] for m in months]
    targets = [_target_of(data, qid, m["period"]) for m in months]
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(max(6.4, 0.32 * len(months) + 2), 3.4))
        ax = fig.add_subplot()
        xs = list(range(len(months)))
        for i, g in enumerate(gaps):
            if g:
                ax.axvspan(i - 0.5, i + 0.5, color="#eeeeee", zorder=0,
                           label="Chưa có số liệu" if i == gaps.index(True) else None)  # fmt: skip
        bars = ax.bar(xs, vals, color=COLORS[key])
        text = ["?" if g else str(v) for v, g in zip(vals, gaps, strict=True)]
        ax.bar_label(bars, labels=text, fontsize=7, padding=2)
        first = True
        for i, t in enumerate(targets):
            if t is not None:
                ax.hlines(t, i - 0.45, i + 0.45, color=COLORS["target"], linestyle=":", linewidth=1.8,
                          label="Chỉ tiêu tháng" if first else None)  # fmt: skip
                first = False
        ax.set_xticks(xs, labels, rotation=90 if len(months) > 12 else 0, fontsize=8)
        top = max([*vals, *(t or 0 for t in targets), 1])
        ax.set_ylim(0, top * 1.2)
        ax.grid(axis="x", visible=False)
        ax.set_title(title, loc="left", fontsize=11, fontweight="bold")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18 if len(months) <= 12 else -0.25),
                  ncol=2, fontsize=8, frameon=False)  # fmt: skip
        return _out(fig, fmt, f"review-{key}")


def video_cumulative(data: dict, fmt: str = "svg"):
    """Items with video, cumulative from each January (or the span's start), against the
    year's target (B.IV.3), one segment per year."""
    months = data["months"]
    targets = {}
    for y in data["years"]:
        for q in y["quotas"]:
            if q["id"] == "B.IV.3" and q.get("target") is not None:
                targets[y["year"]] = q["target"]
    xs, ys, tline, run, year = [], [], [], 0, None
    for i, m in enumerate(months):
        if m["year"] != year:
            run, year = 0, m["year"]
        run += m["website"]["with_video"]
        xs.append(i)
        ys.append(run)
        tline.append(targets.get(m["year"], float("nan")))
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(max(6.4, 0.32 * len(months) + 2), 3.4))
        ax = fig.add_subplot()
        for y in sorted({m["year"] for m in months}):
            idx = [i for i, m in enumerate(months) if m["year"] == y]
            ax.plot(idx, [ys[i] for i in idx], color=COLORS["with_video"], marker="o", markersize=3,
                    linewidth=2.2, label="Thực hiện (lũy kế trong năm)" if idx[0] == 0 else None)  # fmt: skip
            ax.annotate(str(ys[idx[-1]]), (idx[-1], ys[idx[-1]]), textcoords="offset points",
                        xytext=(4, 4), color=COLORS["with_video"], fontweight="bold", fontsize=8)  # fmt: skip
            if y in targets:
                ax.hlines(targets[y], idx[0] - 0.4, idx[-1] + 0.4, color=COLORS["target"], linestyle=":",
                          linewidth=1.6, label=f"Chỉ tiêu năm {y}: {targets[y]}")  # fmt: skip
        gaps = [i for i, m in enumerate(months) if data["coverage"][m["period"]]["no_data"]]
        for i in gaps:
            ax.axvspan(i - 0.5, i + 0.5, color="#eeeeee", zorder=0)
        ax.set_xticks(xs, [_short(m["period"]) for m in months], rotation=90 if len(months) > 12 else 0,
                      fontsize=8)  # fmt: skip
        ax.set_ylim(0, max([*ys, *targets.values(), 1]) * 1.15)
        ax.set_title("Tin, bài có video clip (lũy kế trong năm) so với chỉ tiêu năm", loc="left",
                     fontsize=11, fontweight="bold")  # fmt: skip
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18 if len(months) <= 12 else -0.25),
                  ncol=3, fontsize=8, frameon=False)  # fmt: skip
        return _out(fig, fmt, "review-video")


_MADE: dict[tuple, dict] = {}  # the charts of the review being written (HTML, PNG files, DOCX)


def review_charts(data: dict, fmt: str = "svg") -> dict[str, str | bytes]:
    key = (id(data), data.get("generated_at"), fmt)
    if key not in _MADE:
        if len(_MADE) > 4:
            _MADE.clear()
        _MADE[key] = _charts(data, fmt)
    return _MADE[key]


def _charts(data: dict, fmt: str) -> dict[str, str | bytes]:
    return {
        "tin": monthly(data, "news", "B.I.2a", "Tin trên website từng tháng so với chỉ tiêu", fmt),
        "bai": monthly(data, "articles", "B.I.2b", "Bài chuyên sâu từng tháng so với chỉ tiêu", fmt),
        "video": video_cumulative(data, fmt),
    }
