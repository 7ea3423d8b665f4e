"""Time the replica's build: the synthetic site every collector test and the demo start from
(not run in CI).

    python bench/bench_replica.py [--per-month 134] [--months 3] [--repeat 5]

Target: three months of 134 items (402 articles) in under 1 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.demo.replica.model import build_demo_site, build_site

TARGET_SECONDS = 1.0


def _time(build) -> tuple[float, int]:
    t = time.perf_counter()
    site = build()
    return time.perf_counter() - t, len(site.articles)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-month", type=int, default=134)
    ap.add_argument("--months", type=int, default=3)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    runs = [_time(lambda: build_site(months=args.months, per_month=args.per_month)) for _ in range(args.repeat)]
    n = runs[0][1]
    best, median = min(t for t, _ in runs), statistics.median(t for t, _ in runs)
    verdict = "ok" if median < TARGET_SECONDS else "SLOW"
    print(f"build_site: {n} articles, best {best:.3f} s, median {median:.3f} s "
          f"(target < {TARGET_SECONDS:.1f} s: {verdict})")  # fmt: skip
    demo, n_demo = _time(build_demo_site)
    print(f"build_demo_site: {n_demo} articles in {demo:.3f} s")
    return 0 if verdict == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
