"""The plain-text table ``cdht quotas`` prints, in Vietnamese, for the department's officers."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping, Sequence

from quotas.engine import QuotaResult
from quotas.labels import status_label
from quotas.manual import ManualResult

NAME_WIDTH = 56
WIDTH = 100  # a terminal of 100 columns holds every line
PERIOD_WIDTH = 28
NUMBERS = ("Thực hiện", "Chỉ tiêu", "Phấn đấu", "Dự kiến cuối kỳ")  # the desk's words too


def _n(value) -> str:
    return f"{value:,}".replace(",", ".") if isinstance(value, int) else str(value)


def _targets(results: list[QuotaResult]) -> list[str]:
    """Two lines per target: its code and name, then its period, figures and state; the
    "Phấn đấu" column only when a target has a stretch. Every line within ``WIDTH``."""
    stretch = any(r.stretch is not None for r in results)
    heads = [h for h in NUMBERS if stretch or h != "Phấn đấu"]
    rows = []
    for r in results:
        figures = [_n(r.actual), _n(r.target)] + (["" if r.stretch is None else _n(r.stretch)] if stretch else [])
        rows.append((r.target_id if r.contributor else r.id, r.name,
                     [_cut(r.period_label, PERIOD_WIDTH), *figures, _projection(r), status_label(r.status)]))  # fmt: skip
    code_w = max(len("Mã"), *(len(c) for c, _, _ in rows))
    second = ["Kỳ", *heads, "Tình trạng"]
    widths = [max(len(str(x[2][i])) for x in rows) for i in range(len(second))]
    widths = [max(w, len(h)) for w, h in zip(widths, second, strict=True)]
    pad = " " * (code_w + 2)
    over = len(pad) + sum(widths) + 2 * (len(widths) - 1) - WIDTH
    if over > 0:  # the period's label gives up the room ("Ngày thành lập Công đoàn…")
        widths[0] = max(12, widths[0] - over)
        rows = [(c, n, [_cut(cells[0], widths[0]), *cells[1:]]) for c, n, cells in rows]

    def line2(cells) -> str:
        out = [str(c).rjust(w) if 0 < i < len(cells) - 1 else str(c).ljust(w)
               for i, (c, w) in enumerate(zip(cells, widths, strict=True))]  # fmt: skip
        return (pad + "  ".join(out)).rstrip()

    name_w = WIDTH - code_w - 2
    out = [f"{'Mã'.ljust(code_w)}  Nội dung", line2(second), "-" * min(WIDTH, len(line2(second)))]
    for code, name, cells in rows:
        out.append(f"{code.ljust(code_w)}  {_cut(name, name_w)}")
        out.append(line2(cells))
    return out


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _table(headers: Sequence[str], rows: list[Sequence[str]], right: set[int]) -> list[str]:
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        out = [
            str(c).rjust(w) if i in right else str(c).ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(out).rstrip()

    return [line(headers), "  ".join("-" * w for w in widths), *(line(r) for r in rows)]


def _projection(r: QuotaResult) -> str:
    if r.projection is None or r.status in ("met", "not_met"):
        return "—"
    return f"{r.projection:.0f}"


def _units_note(r: QuotaResult, names: Mapping[str, str]) -> str:
    """``2/7 đơn vị có video; chưa có: LĐLĐ huyện A, …`` (in the configuration's order)."""
    counted = set(r.units_counted or [])
    missing = [names.get(u, u) for u in r.units_existing or [] if u not in counted]
    head = f"{len(counted)}/{len(r.units_existing or [])} đơn vị có video"
    if not missing:
        return head + "."
    if not counted:
        return head + "; chưa đơn vị nào có."
    return head + f"; chưa có: {', '.join(missing)}."


def format_table(
    results: Iterable[QuotaResult],
    *,
    title: str = "",
    manual: Iterable[ManualResult] = (),
    unit_names: Mapping[str, str] | None = None,
) -> str:
    """One row per target and period; notes and manual items below. ``unit_names`` (id ->
    name) names the units behind on a units target; without it they are listed by id."""
    results = list(results)
    lines = [title] if title else []
    if results:
        lines += _targets(results)
    else:
        lines.append("Không có chỉ tiêu nào áp dụng cho kỳ này.")
    notes = []
    for r in results:
        extra = []
        if r.note:
            extra.append(r.note)
        if r.units_existing is not None:
            extra.append(_units_note(r, unit_names or {}))
        if extra:
            notes += textwrap.wrap(f"- {r.id} ({r.period_label}): " + " ".join(extra), WIDTH,
                                   subsequent_indent="  ", break_on_hyphens=False)  # fmt: skip
    if notes:
        lines += ["", "Ghi chú:", *notes]
    manual = list(manual)
    if manual:
        lines += ["", "Việc theo dõi thủ công:"]
        others = [max(len(h), *(len(x) for x in col)) for h, col in (
            ("Mã", [m.id for m in manual]), ("Chủ trì", [m.owner for m in manual]),
            ("Thời hạn", [m.deadline_label for m in manual]), ("Tình trạng", [m.state_vi for m in manual]))]  # fmt: skip
        name_w = max(20, min(NAME_WIDTH, WIDTH - sum(others) - 8))
        rows = [[m.id, _cut(m.name, name_w), m.owner, m.deadline_label, m.state_vi] for m in manual]
        lines += _table(["Mã", "Nội dung", "Chủ trì", "Thời hạn", "Tình trạng"], rows, set())
    return "\n".join(lines) + "\n"
