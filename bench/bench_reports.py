"""Time every report format on a store of 50,000 items over a year (not run in CI).

    python bench/bench_reports.py [--items 50000] [--keep DIR]

Targets: the month report (all formats) under 5 s, the year report (all formats) under 5 s
and 300 MB; the review of the year (`cdht report period 2025-01 2025-12`: twelve month reports
and more) under 60 s. Each report runs in a process of its own (after the store is built), so that its
time and its peak memory are its own.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
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


TARGETS = {"month": (5.0, None), "year": (5.0, 300), "review": (60.0, None)}  # seconds, MB
JOBS = {
    "month": (write_month, "2025-05"),
    "year": (write_year, 2025),
    "review": (write_review, Span((2025, 1), (2025, 12))),
}


def run_one(which: str, db: Path, cdir: Path, out: Path, fmt: str) -> None:
    """In a process of its own: write one report, print its time and peak memory as JSON."""
    config = load_config(cdir)
    store = Store(db)
    fn, arg = JOBS[which]
    formats = {"json", "html", "xlsx", "docx"} if fmt == "all" else {fmt}
    t, cpu = time.perf_counter(), time.process_time()
    paths = fn(store, config, arg, out, formats)
    secs, cpu = time.perf_counter() - t, time.process_time() - cpu
    store.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3  # kB on Linux
    sizes = {k: p.stat().st_size for k, p in paths.items()}
    print(json.dumps({"secs": secs, "cpu": cpu, "peak_mb": peak, "sizes": sizes}))


def _child(which: str, db: Path, cdir: Path, out: Path, fmt: str) -> dict:
    cmd = [sys.executable, __file__, "--run", which, "--db", str(db), "--cdir", str(cdir),
           "--out", str(out), "--fmt", fmt]  # fmt: skip
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--items", type=int, default=50_000)
    ap.add_argument("--keep", type=Path, default=None, help="write the reports here")
    ap.add_argument("--only", choices=tuple(JOBS), action="append", help="time only these reports")
    ap.add_argument("--run", choices=tuple(JOBS), help=argparse.SUPPRESS)
    ap.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--cdir", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--fmt", default="all", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.run:
        run_one(args.run, args.db, args.cdir, args.out, args.fmt)
        return
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
    store.close()
    db = tmp / "bench.sqlite"
    for which in args.only or ("month", "year", "review"):
        r = _child(which, db, cdir, out, "all")
        secs_target, mb_target = TARGETS[which]
        slow = r["secs"] >= secs_target
        big = mb_target is not None and r["peak_mb"] >= mb_target
        verdict = ("ok" if not (slow or big) else
                   "SLOW" if slow and not big else "TOO BIG" if big and not slow else "SLOW, TOO BIG")  # fmt: skip
        target = f"target < {secs_target:.0f} s" + (f", < {mb_target} MB" if mb_target else "")
        sizes = ", ".join(f"{k} {v / 1e3:.0f} kB" for k, v in r["sizes"].items())
        # the processor time beside the wall time: on a shared machine the wall time also
        # counts the waits for a processor that others hold
        print(f"{which} report, all formats: {r['secs']:.2f} s (processor {r['cpu']:.2f} s), peak memory "
              f"{r['peak_mb']:.0f} MB ({target}): {verdict} [{sizes}]")  # fmt: skip
        for fmt in ("json", "html", "xlsx", "docx"):
            one = _child(which, db, cdir, out, fmt)
            print(f"  {fmt} alone: {one['secs']:.2f} s (processor {one['cpu']:.2f} s), {one['peak_mb']:.0f} MB")


if __name__ == "__main__":
    main()
