"""Time every report format on a store of 50,000 items over a year (not run in CI).

    python bench/bench_reports.py [--items 50000] [--keep DIR]

Targets: month report (all formats) under 5 s, year report under 15 s; the review of the year
(`cdht report period 2025-01 2025-12`: twelve month reports and more) under 60 s.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.settings import load_config
from pipeline.store import Store
from quotas.span import Span
from reports.render import write_month, write_year
from reports.review.render import write_review

CONTRIBUTORS = """
[[contributors]]
id = "bbt-1"
name = "Nguyễn Văn An"
role = "bbt"
[contributors.targets]
news = 20
articles = 2
"""


def populate(store: Store, config, n: int, year: int = 2025) -> None:
    rnd = random.Random(6)
    units = [u.id for u in config.units] + [None] * 3
    start = datetime(year, 1, 1, tzinfo=UTC) - timedelta(hours=7)
    span = 365 * 24 * 3600
    with store.transaction():
        for i in range(n):
            when = start + timedelta(seconds=rnd.randrange(span))
            local = when + timedelta(hours=7)
            fb = i % 5 == 0
            kind = rnd.choices(["news", "article", "video"], [90, 6, 4])[0]
            unit = rnd.choice(units)
            row = {
                "source": "facebook" if fb else "website",
                "key": f"fb:{i}" if fb else f"/tin-tuc/bai-{i}",
                "url": f"https://congdoanhatinh.vn/tin-tuc/bai-{i}",
                "title": f"Hoạt động công đoàn số {i}: chăm lo đời sống người lao động",
                "published_utc": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "local_date": local.strftime("%Y-%m-%d"),
                "date_source": "json-ld",
                "kind": "video" if fb and i % 15 == 0 else kind,
                "kind_reason": "default (news)",
                "with_video": int(kind == "video" or rnd.random() < 0.05),
                "media_type": ("video" if i % 15 == 0 else "photo") if fb else "",
                "unit_id": unit,
                "unit_reason": "byline names «x»" if unit else "no unit named",
                "is_repost": int(unit is None and rnd.random() < 0.3),
                "status": "pending" if rnd.random() < 0.002 else "ok",
            }
            store.upsert_item(row, ["bbt-1"] if rnd.random() < 0.2 else [])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--items", type=int, default=50_000)
    ap.add_argument("--keep", type=Path, default=None, help="write the reports here")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="cdht-bench-"))
    cdir = tmp / "config"
    cdir.mkdir()
    (cdir / "contributors.toml").write_text(CONTRIBUTORS, encoding="utf-8")
    config = load_config(cdir)
    store = Store(tmp / "bench.sqlite")
    t0 = time.perf_counter()
    populate(store, config, args.items)
    print(f"store: {args.items} items in {time.perf_counter() - t0:.1f} s")
    out = args.keep or tmp / "out"
    all_formats = {"json", "html", "xlsx", "docx"}
    for label, fn, arg, target in (
        ("month 2025-05", write_month, "2025-05", 5.0),
        ("year 2025", write_year, 2025, 15.0),
        ("review 2025-01 to 2025-12", write_review, Span((2025, 1), (2025, 12)), 60.0),
    ):
        t = time.perf_counter()
        paths = fn(store, config, arg, out, all_formats)
        secs = time.perf_counter() - t
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3  # kB on Linux
        verdict = "ok" if secs < target else f"SLOW (target < {target:.0f} s)"
        sizes = ", ".join(f"{k} {p.stat().st_size / 1e3:.0f} kB" for k, p in paths.items())
        print(f"{label}: {secs:.2f} s, peak RSS so far {peak:.0f} MB, {verdict} [{sizes}]")
        for fmt in sorted(all_formats):
            t = time.perf_counter()
            fn(store, config, arg, out, {fmt})
            print(f"  {fmt}: {time.perf_counter() - t:.2f} s")
    store.close()


if __name__ == "__main__":
    main()
