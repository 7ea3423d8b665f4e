"""Import a Business Suite CSV of 1,000,000 rows into a fresh store (not run in CI).

    python bench/bench_facebook_csv.py [--rows 1000000] [--keep DIR]

Prints rows per second and the peak memory of the process. Target: peak under 300 MB (the CSV
is read as a stream and the index of stored posts lives in SQLite, not in memory).
"""

from __future__ import annotations

import argparse
import csv
import resource
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.facebook_import import import_facebook
from pipeline.settings import load_config
from pipeline.store import Store

HEADER = ["Post ID", "Page ID", "Page name", "Title", "Description", "Duration (sec)",
          "Publish time", "Caption type", "Permalink", "Is crosspost", "Is share", "Post type",
          "Languages", "Custom labels", "Funded content status", "Data comment", "Date", "Views",
          "Reach", "Reactions, Comments and Shares", "Reactions", "Comments", "Shares"]  # fmt: skip
TYPES = ["Photos", "Photos", "Links", "Text", "Videos", "Reels"]
UNITS = ["LĐLĐ huyện Can Lộc", "LĐLĐ huyện Hương Sơn", "Công đoàn Giáo dục tỉnh", "LĐLĐ thị xã Kỳ Anh"]


def write_csv(path: Path, rows: int) -> None:
    start = datetime(2016, 1, 1, 7, 0)
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        for i in range(rows):
            when = start + timedelta(minutes=7 * i)
            ptype = TYPES[i % len(TYPES)]
            text = (f"{UNITS[i % len(UNITS)]} tổ chức hoạt động số {i} cho đoàn viên, người lao động"
                    f"\nNội dung chi tiết của bài đăng {i}.")  # fmt: skip
            pid = str(1221580000000000 + i)
            w.writerow([pid, "104723456789012", "Công đoàn Hà Tĩnh", "", text,
                        "30" if ptype in ("Videos", "Reels") else "", when.strftime("%m/%d/%Y %H:%M"),
                        "", f"https://www.facebook.com/104723456789012/posts/{pid}", "No", "No",
                        ptype, "vi", "", "", "", "Lifetime", "120", "100", "9", "7", "1", "1"])  # fmt: skip


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--keep", type=Path, default=None, help="write the CSV and the store here")
    args = ap.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="cdht-bench-fb-"))
    folder.mkdir(parents=True, exist_ok=True)
    csv_path = folder / "posts.csv"
    t0 = time.perf_counter()
    write_csv(csv_path, args.rows)
    print(f"wrote {args.rows:,} rows ({csv_path.stat().st_size / 2**20:.0f} MiB) in "
          f"{time.perf_counter() - t0:.1f} s; peak so far {peak_mb():.0f} MB")  # fmt: skip
    config = load_config()
    before = peak_mb()
    t0 = time.perf_counter()
    with Store(folder / "bench.sqlite") as store:
        result = import_facebook(store, config, csv_path)
    seconds = time.perf_counter() - t0
    print(f"imported {result.posts:,} posts ({result.new:,} new, {result.videos:,} videos) in "
          f"{seconds:.1f} s: {result.posts / seconds:,.0f} rows/s")  # fmt: skip
    peak = peak_mb()
    print(f"peak memory: {peak:.0f} MB (before the import: {before:.0f} MB); target under 300 MB: "
          f"{'met' if peak < 300 else 'NOT met'}")  # fmt: skip
    return 0 if peak < 300 else 1


if __name__ == "__main__":
    sys.exit(main())
