"""The Báo cáo page's list: every report the tool wrote, the desk's and the night's, one entry per
report (its formats together) with when it was made and by whom, and the periods a report may
be made for (none in the future).

A file is only ever found by listing a folder the tool writes to (the desk's reports folder, the
night's ``<out_dir>/<YYYY-MM>/``, or a path the night recorded); a request's text is a key into
that listing, never a path."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from collectors.dates import parse_utc
from pipeline.desk.files import REPORT_NAME, listing
from pipeline.store import Store, audit

NIGHT = "nightly"
DESK = "desk"
FORMAT_ORDER = ("docx", "xlsx", "html", "json", "png")
FORMAT_VI = {"docx": "Word (DOCX)", "xlsx": "Excel (XLSX)", "html": "Trang web (HTML)",
             "json": "Dữ liệu (JSON)", "png": "Ảnh (PNG)"}  # fmt: skip
_STEM = re.compile(r"^bao-cao-(thang|nam|cong-tac-vien|danh-gia)-([\d-]+?)(?:-[a-z-]+)?\.[a-z]+$")
KIND_OF = {"thang": "month", "nam": "year", "cong-tac-vien": "contributors", "danh-gia": "period"}
MATCH = timedelta(minutes=10)  # the longest a report takes to write, and then some
MONTH_DIR = re.compile(r"^\d{4}-\d{2}$")


@dataclass
class ReportEntry:
    where: str  # DESK or NIGHT
    folder: str  # "" for the desk's folder, "YYYY-MM" for a night's
    kind: str  # month, year, contributors, period
    period: str  # "2025-05", "2025", "2025-01-2025-06"
    made_at: datetime
    who: str = ""
    files: list[tuple[str, str]] = field(default_factory=list)  # (format, name)

    @property
    def title(self) -> str:
        return title_of(self.kind, self.period)


def title_of(kind: str, period: str) -> str:
    def month(text: str) -> str:
        return f"{int(text[5:7])}/{text[:4]}"

    if kind == "month":
        return f"Báo cáo tháng {month(period)}"
    if kind == "contributors":
        return f"Báo cáo người viết tháng {month(period)}"
    if kind == "year":
        return f"Báo cáo năm {period}"
    if kind == "period" and len(period) == 15:
        return f"Báo cáo sơ kết từ tháng {month(period[:7])} đến tháng {month(period[8:])}"
    return f"Báo cáo {period}"


def night_folders(out_dir: Path | None, recorded: dict) -> dict[str, dict[str, Path]]:
    """The night's report files by month folder: the files it recorded (``nightly.report_files``)
    and whatever else its ``<out_dir>/<YYYY-MM>/`` folders hold under a report's name."""
    folders: dict[str, dict[str, Path]] = {}
    for month, paths in (recorded or {}).items():
        if not isinstance(month, str) or not MONTH_DIR.fullmatch(month):
            continue
        for p in map(Path, paths or []):
            if REPORT_NAME.match(p.name) and p.is_file() and not p.is_symlink():
                folders.setdefault(month, {})[p.name] = p
    if out_dir is not None and out_dir.is_dir():
        for sub in sorted(out_dir.iterdir()):
            if MONTH_DIR.fullmatch(sub.name) and sub.is_dir() and not sub.is_symlink():
                folders.setdefault(sub.name, {}).update(listing(sub))
    return folders


def _who_made(store: Store) -> dict[tuple[str, str], list[tuple[datetime, str]]]:
    """(kind, period) -> [(when, who)] of the desk's audit rows of made reports."""
    out: dict[tuple[str, str], list[tuple[datetime, str]]] = {}
    for row in audit.of_action(store, "report"):
        kind, _, period = (row["target"] or "").partition(":")
        at = parse_utc(row["at"])
        if at is not None:
            out.setdefault((kind, period.replace("_", "-")), []).append((at, row["who"]))
    return out


def _group(files: dict[str, Path], where: str, folder: str) -> list[ReportEntry]:
    entries: dict[tuple[str, str], ReportEntry] = {}
    for name, path in files.items():
        m = _STEM.match(name)
        if not m:
            continue
        kind, period = KIND_OF[m.group(1)], m.group(2)
        try:
            made = datetime.fromtimestamp(path.stat().st_mtime, UTC)
        except OSError:
            continue
        e = entries.setdefault((kind, period), ReportEntry(where, folder, kind, period, made))
        e.made_at = max(e.made_at, made)
        e.files.append((path.suffix.lstrip("."), name))
    for e in entries.values():
        e.files.sort(key=lambda f: (FORMAT_ORDER.index(f[0]) if f[0] in FORMAT_ORDER else 9, f[1]))
    return list(entries.values())


def report_entries(store: Store, desk_dir: Path, night_out: Path | None, recorded: dict,
                   provisional: str = "") -> list[ReportEntry]:  # fmt: skip
    """Every report on disk, newest first: the desk's (with who made it, from the audit trail)
    and the night's (``provisional``: the month the night wrote after a failed collection and
    has not yet written again)."""
    made = _who_made(store)
    out = _group(listing(desk_dir), DESK, "")
    for e in out:
        # the desk records a report just after writing it: the audit row nearest the files' time
        rows = [r for r in made.get((e.kind, e.period), []) if abs(r[0] - e.made_at) <= MATCH]
        e.who = min(rows, key=lambda r: abs(r[0] - e.made_at))[1] if rows else ""
    for month, files in night_folders(night_out, recorded).items():
        for e in _group(files, NIGHT, month):
            e.who = "Chạy tự động hằng đêm"
            if month == provisional:
                e.who += " (bản tạm: lần thu thập đêm đó không thành công, sẽ lập lại)"
            out.append(e)
    return sorted(out, key=lambda e: e.made_at, reverse=True)
