"""The plain-text table ``cdht quotas`` prints, in Vietnamese, for the department's officers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from quotas.engine import QuotaResult
from quotas.labels import status_label
from quotas.manual import ManualResult

NAME_WIDTH = 56


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
        rows = [
            [
                r.id,
                _cut(r.name, NAME_WIDTH),
                r.period_label,
                str(r.actual),
                str(r.target),
                "" if r.stretch is None else str(r.stretch),
                _projection(r),
                status_label(r.status),
            ]
            for r in results
        ]
        headers = [
            "Mã",
            "Nội dung",
            "Kỳ",
            "Thực hiện",
            "Chỉ tiêu",
            "Phấn đấu",
            "Dự báo",
            "Tình trạng",
        ]
        lines += _table(headers, rows, right={3, 4, 5, 6})
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
            notes.append(f"- {r.id} ({r.period_label}): " + " ".join(extra))
    if notes:
        lines += ["", "Ghi chú:", *notes]
    manual = list(manual)
    if manual:
        lines += ["", "Việc theo dõi thủ công (config/manual.toml):"]
        rows = [
            [m.id, _cut(m.name, NAME_WIDTH), m.owner, m.deadline_label, m.state_vi] for m in manual
        ]
        lines += _table(["Mã", "Nội dung", "Chủ trì", "Thời hạn", "Tình trạng"], rows, set())
    return "\n".join(lines) + "\n"
