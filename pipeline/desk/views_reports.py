"""Reports (make and download), the run log, starting a collection, the Facebook upload."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)

from pipeline.desk import validate
from pipeline.desk.auth import require, who
from pipeline.desk.context import config_of
from pipeline.desk.files import MIMETYPES, listing
from pipeline.desk.filters import month_vi
from pipeline.desk.report_files import night_folders, report_entries, title_of
from pipeline.lock import LockHeld, RunLock, lock_holder, lock_path_for
from pipeline.nightly.settings import KV_PROVISIONAL, KV_REPORT_FILES, KV_REPORTED, load_settings
from pipeline.settings import ConfigError
from pipeline.store.audit import record
from reports.common import local_now
from reports.runlog import FORMATS_VI

bp = Blueprint("reports", __name__)
UPLOAD_SUFFIXES = (".zip", ".csv")
FORMAT_NAMES = FORMATS_VI


def _night() -> tuple[Path | None, dict]:
    """The night's reports folder (from nightly.toml) and the files it recorded."""
    try:
        out = load_settings(config_of()).out_dir
    except (ConfigError, ValueError):
        out = None
    return out, g.store.get_kv(KV_REPORT_FILES, {}) or {}


def _provisional() -> str:
    """The month whose nightly reports are provisional (written after a failed collection)."""
    month = g.store.get_kv(KV_PROVISIONAL) or ""
    return month if month > (g.store.get_kv(KV_REPORTED) or "") else ""


def _periods() -> dict:
    """The months and years a report may be made for: those holding data, and the current one;
    never one still to come."""
    now = local_now().strftime("%Y-%m")
    months = sorted({m for m in g.store.months_with_items(36) if m <= now} | {now}, reverse=True)
    years = sorted({m[:4] for m in months}, reverse=True)
    # the report usually made is the last finished month's
    finished = [m for m in months if m < now]
    return {"now": now, "months": months, "years": years,
            "chosen": {"month": finished[0] if finished else now, "year": now[:4],
                       "contributors": finished[0] if finished else now}}  # fmt: skip


@bp.get("/reports")
@require("viewer")
def reports():
    out, recorded = _night()
    entries = report_entries(g.store, g.desk.reports_dir, out, recorded, _provisional())
    return render_template("reports.html", entries=entries, month_label=month_vi,
                           year_label=lambda y: f"Năm {y}", **_periods())  # fmt: skip


def _timing(kind: str, period: str, now: str) -> str | None:
    """'future' for a period still to come, 'running' for the one under way, else None."""
    current = now[:4] if kind == "year" else now
    if period > current:
        return "future"
    return "running" if period == current else None


@bp.post("/reports")
@require("editor")
def make():
    from reports.render import write_contributors, write_month, write_year

    kind, period = request.form.get("kind", ""), request.form.get("period", "").strip()
    writers = {"month": write_month, "year": write_year, "contributors": write_contributors}
    period = validate.period(kind, period)
    label = title_of(kind, period)
    timing = _timing(kind, period, local_now().strftime("%Y-%m"))
    if timing == "future":
        flash(f"Chưa lập {label[0].lower() + label[1:]}: kỳ này chưa bắt đầu, chưa có số liệu nào để "
              "báo cáo. Hãy chọn một kỳ đã qua hoặc kỳ đang diễn ra.", "error")  # fmt: skip
        return redirect(url_for("reports.reports"))
    write = writers[kind]
    paths = write(g.store, config_of(), period, g.desk.reports_dir)
    record(g.store, who(), "report", "report", f"{kind}:{period}")
    flash(f"Đã lập {label[0].lower() + label[1:]}: " + ", ".join(sorted(p.name for p in paths.values())), "ok")
    if timing == "running":
        flash("Lưu ý: kỳ này chưa kết thúc, báo cáo chỉ tính số liệu đến hôm nay (bản tạm, "
              "chưa dùng để ký).", "info")  # fmt: skip
    return redirect(url_for("reports.reports"))


@bp.get("/reports/nightly/<month>/<name>")
@require("viewer")
def nightly_download(month: str, name: str):
    out, recorded = _night()
    path = night_folders(out, recorded).get(month, {}).get(name)
    if path is None:
        abort(404)
    return _send(path)


@bp.get("/reports/file/<name>")
@require("viewer")
def download(name: str):
    path = listing(g.desk.reports_dir).get(name)
    if path is None:
        abort(404)
    return _send(path)


def _send(path: Path):
    ext = path.suffix.lstrip(".")
    return send_file(path, mimetype=MIMETYPES[ext], as_attachment=ext != "html",
                     download_name=path.name)  # fmt: skip


# ---------------------------------------------------------------- runs
def _log_dir() -> Path:
    return g.desk.db.parent / "desk-runs"


def _tail(path: Path, n: int = 30) -> list[str]:
    try:
        return path.read_text(encoding="utf-8", errors="replace").splitlines()[-n:]
    except OSError:
        return []


@bp.get("/runs")
@require("viewer")
def runs():
    rows = g.store.runs(50)
    errors = {r["id"]: g.store.run_errors(r["id"], 20) for r in rows if r["errors"]}
    holder = lock_holder(lock_path_for(g.desk.db))
    logs = sorted(_log_dir().glob("collect-*.log")) if _log_dir().is_dir() else []
    latest = logs[-1] if logs else None
    return render_template("runs.html", rows=rows, errors=errors, holder=holder,
                           log_lines=_tail(latest) if latest else [], running=holder is not None)  # fmt: skip


@bp.post("/runs/collect")
@require("admin")
def start_collect():
    db = g.desk.db
    if lock_holder(lock_path_for(db)) is not None:
        flash("Đang có một lần chạy khác; hãy đợi nó xong.", "error")
        return redirect(url_for("reports.runs"))
    _log_dir().mkdir(parents=True, exist_ok=True)
    log_path = _log_dir() / f"collect-{datetime.now(UTC):%Y%m%dT%H%M%S}.log"
    cmd = [sys.executable, "-m", "pipeline.cli", "collect", "--db", str(db)]
    if g.desk.config_dir:
        cmd += ["--config", str(g.desk.config_dir)]
    cmd += current_app.config.get("DESK_COLLECT_ARGS", [])
    with log_path.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True)  # fmt: skip
    current_app.extensions.setdefault("desk_children", []).append(proc)
    record(g.store, who(), "collect", "run", str(proc.pid))
    flash("Đã bắt đầu thu thập website. Trang này tự cập nhật tiến độ.", "ok")
    return redirect(url_for("reports.runs"))


# ---------------------------------------------------------------- Facebook
def _facebook_page(summary=None, status: int = 200):
    last = g.store.runs_of("%facebook%", 8)
    graph = next((r for r in last if "collect-facebook" in r["command"]), None)
    errors = []
    if graph is not None and graph["outcome"] == "failed":
        errors = [e["message"] for e in g.store.run_errors(graph["id"], 5)]
    token_problem = any("token" in m.lower() for m in [*errors, graph["message"] if graph else ""])
    return render_template("facebook.html", last=last, summary=summary, graph=graph,
                           graph_errors=errors, token_problem=token_problem), status  # fmt: skip


@bp.get("/facebook")
@require("viewer")
def facebook():
    return _facebook_page()


@bp.post("/facebook")
@require("editor")
def upload():
    from collectors.facebook.errors import FacebookImportError
    from pipeline.facebook_import import import_recorded

    f = request.files.get("export")
    suffix = Path(f.filename or "").suffix.lower() if f else ""
    if f is None or not f.filename:
        flash("Chưa chọn tệp.", "error")
        return redirect(url_for("reports.facebook"))
    if suffix not in UPLOAD_SUFFIXES:
        flash("Tệp này không phải bản xuất Facebook: hãy tải lên tệp .zip «Tải thông tin của bạn» "
              "(định dạng HTML hoặc JSON) hoặc tệp .csv của Meta Business Suite. Không có gì thay đổi.",
              "error")  # fmt: skip
        return redirect(url_for("reports.facebook"))
    summary = None
    with tempfile.TemporaryDirectory(prefix="cdht-upload-") as tmp:
        path = Path(tmp) / f"upload{suffix}"  # never the sent name
        f.save(path)
        try:
            with RunLock(lock_path_for(g.desk.db), command="import-facebook"):
                try:
                    result = import_recorded(g.store, config_of(), path, command="desk:import-facebook",
                                             name=f.filename)  # fmt: skip
                except FacebookImportError as exc:
                    message = str(exc).replace(str(path), f.filename)
                    flash(f"Không nhập được tệp «{f.filename}»: {message}. Không có gì thay đổi.", "error")
                    return redirect(url_for("reports.facebook"))
        except LockHeld:
            flash("Đang có một lần chạy khác; hãy thử lại sau ít phút.", "error")
            return redirect(url_for("reports.facebook"))
        record(g.store, who(), "upload", "facebook", f.filename, after={"posts": result.posts, "new": result.new})
        summary = {"name": f.filename, "format": FORMAT_NAMES.get(result.format, result.format),
                   "r": result}  # fmt: skip
    return _facebook_page(summary)
