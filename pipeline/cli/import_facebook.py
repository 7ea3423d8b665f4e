"""`cdht import-facebook PATH`: store the posts of a Facebook page export."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from pipeline.cli import common as cli

log = logging.getLogger("cdht.facebook")

FORMAT_NAMES = {
    "dyi-zip": "Download Your Information (JSON, zip)",
    "dyi-folder": "Download Your Information (JSON, folder)",
    "dyi-html-zip": "Download Your Information (HTML, zip)",
    "dyi-html-folder": "Download Your Information (HTML, folder)",
    "business-suite-csv": "Meta Business Suite CSV",
    "insights-csv": "Facebook Insights CSV",
}


def register(sub, common) -> None:
    p = sub.add_parser(
        "import-facebook", parents=[common],
        help="import a Facebook page export (DYI zip or folder, or a Business Suite CSV)",
        description="Import the posts of a Facebook page export: a 'Download Your Information' "
        "JSON export (the zip or its unpacked folder) or a Meta Business Suite / Insights "
        "per-post CSV. Every post is counted once, however often it is imported.",
    )  # fmt: skip
    p.add_argument("path", type=Path, metavar="PATH",
                   help="the export: a .zip, an unpacked folder or a .csv file")  # fmt: skip
    p.set_defaults(func=run)


def summary_lines(result) -> list[str]:
    lines = [
        f"Định dạng (format): {FORMAT_NAMES.get(result.format, result.format)}",
        f"Bài đăng (posts): {result.posts}  mới (new): {result.new}  "
        f"cập nhật (updated): {result.updated}  không đổi (unchanged): {result.unchanged}",
        f"Video: {result.videos}  bản trùng bỏ qua (duplicates skipped): {result.skipped_duplicates}"
        f"  liên kết bài website (linked to website): {result.linked}",
    ]
    if result.months:
        lines.append("Theo tháng (per month):")
        for month, c in result.months.items():
            lines.append(f"  {month}: {c['posts']} bài đăng, {c['videos']} video")
    if result.warnings:
        lines.append(f"Cảnh báo (warnings): {len(result.warnings)} (see standard error)")
    return lines


def run(args) -> int:
    from collectors.facebook.errors import FacebookImportError
    from pipeline.facebook_import import import_recorded

    path: Path = args.path
    if not path.exists():
        raise cli.UsageError(f"{path}: no such file or folder")
    config = cli.open_config(args)
    with cli.exclusive(args, "import-facebook"), cli.open_store(args) as store:
        try:
            result = import_recorded(store, config, path)
        except FacebookImportError as exc:
            print(f"cdht: không nhập được, chưa lưu gì / import failed, nothing was stored: {exc}",
                  file=sys.stderr)  # fmt: skip
            return cli.EXIT_FAILED
    print("\n".join(summary_lines(result)))
    return cli.EXIT_OK
