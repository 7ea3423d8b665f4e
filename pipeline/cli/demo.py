"""`cdht demo`: the whole pipeline on bundled data, with no network (see :mod:`pipeline.demo.run`)."""

from __future__ import annotations

import sys
from pathlib import Path

from pipeline.cli import common as cli
from pipeline.demo.run import run_demo


def register(sub, common) -> None:
    p = sub.add_parser(
        "demo", parents=[common],
        help="run the whole pipeline on the bundled demo data (no network needed)",
        description="Serve the bundled replica of the website on 127.0.0.1, collect it, import "
        "the bundled Facebook export and write the month reports under --out.",
    )  # fmt: skip
    p.add_argument("--out", type=Path, default=Path("cdht-demo"),
                   help="folder for the demo's database and reports (default: ./cdht-demo)")  # fmt: skip
    p.set_defaults(func=run)


def run(args) -> int:
    result = run_demo(args.out, args.config)
    last = result["months"][-1]
    html = result["reports"][last].get("html")
    print(f"Cơ sở dữ liệu demo: {result['db']}")
    print(f"Cấu hình demo: {result['config']} (thử: cdht quotas --month {last} "
          f"--db {result['db']} --config {result['config']})")
    print(f"Tệp xuất Facebook mẫu (tải lên ở trang «Facebook» của bàn biên tập để thử): "
          f"{result['facebook_export']}")  # fmt: skip
    for month in result["months"]:
        for fmt, path in sorted(result["reports"][month].items()):
            print(f"Báo cáo {month} ({fmt}): {path}")
    if html:
        print(f"\nMở báo cáo tháng mới nhất: {Path(html).resolve()}", file=sys.stdout)
    return cli.EXIT_OK
