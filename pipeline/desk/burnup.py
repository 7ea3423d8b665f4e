"""A burn-up chart as inline SVG, drawn in Python (a few milliseconds, where matplotlib takes a
few hundred): the month's running count day by day, the target, and the even pace to it."""

from __future__ import annotations

from markupsafe import Markup, escape

W, H = 520, 280
LEFT, RIGHT, TOP, BOTTOM = 40, 34, 34, 40


def _nice_top(value: float) -> tuple[int, int]:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if value / step <= 6:
            return int(step * (int(value / step) + 1)), step
    return int(value) + 1, max(1, int(value / 5))


def burnup_svg(daily: list[dict], key: str, target: float | None, title: str,
               color: str = "#1f6fb2") -> Markup:  # fmt: skip
    """The chart of ``daily[i][key]`` (None for days still to come) against ``target``."""
    days = len(daily) or 1
    values = [d.get(key) for d in daily]
    shown = [(i + 1, v) for i, v in enumerate(values) if v is not None]
    top, step = _nice_top(max([v for _, v in shown] + [target or 0, 1]) * 1.05)
    pw, ph = W - LEFT - RIGHT, H - TOP - BOTTOM

    def x(day: float) -> float:
        return LEFT + pw * day / days

    def y(v: float) -> float:
        return TOP + ph - ph * v / top

    out = [f'<svg class="burnup" viewBox="0 0 {W} {H}" role="img" aria-label="{escape(title)}" '
           'xmlns="http://www.w3.org/2000/svg" font-family="DejaVu Sans, sans-serif" font-size="12">',
           f'<text x="{LEFT}" y="18" font-weight="bold" font-size="14">{escape(title)}</text>']  # fmt: skip
    for v in range(0, top + 1, step):
        out.append(f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#e3e6ea"/>'
                   f'<text x="{LEFT - 6}" y="{y(v) + 4:.1f}" text-anchor="end" fill="#555">{v}</text>')  # fmt: skip
    for d in range(0, days + 1, 5):
        out.append(f'<text x="{x(d):.1f}" y="{H - BOTTOM + 16}" text-anchor="middle" fill="#555">{d}</text>')
    out.append(f'<text x="{LEFT + pw / 2}" y="{H - 6}" text-anchor="middle" fill="#555">Ngày trong tháng</text>')
    if target:
        out.append(f'<line x1="{x(0)}" y1="{y(0)}" x2="{x(days):.1f}" y2="{y(target):.1f}" '
                   'stroke="#999" stroke-dasharray="5 4"/>'
                   f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{y(target):.1f}" y2="{y(target):.1f}" '
                   'stroke="#c0392b" stroke-dasharray="2 3" stroke-width="1.6"/>'
                   f'<text x="{LEFT + 6}" y="{y(target) - 5:.1f}" fill="#c0392b">'
                   f'Chỉ tiêu: {target}</text>')  # fmt: skip
    if shown:
        pts, prev = [f"{x(0):.1f},{y(0):.1f}"], 0
        for day, v in shown:
            pts.append(f"{x(day - 1):.1f},{y(prev):.1f}")
            pts.append(f"{x(day - 1):.1f},{y(v):.1f}")
            prev = v
        last_day, last = shown[-1]
        pts.append(f"{x(last_day):.1f},{y(last):.1f}")
        out.append(f'<polyline fill="none" stroke="{color}" stroke-width="2.4" points="{" ".join(pts)}"/>'
                   f'<text x="{x(last_day) + 4:.1f}" y="{y(last) - 4:.1f}" fill="{color}" '
                   f'font-weight="bold">{last}</text>')  # fmt: skip
    out.append("</svg>")
    return Markup("".join(out))
