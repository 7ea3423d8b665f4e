"""The pinned per-month website counts of every blind family, computed from the generators' truth.

``golden.json`` holds, per family variant, each month's website counts after the first
collection and, after the second day's items, those of every month again. It is written from
the ground truth (never from the collector's output):

    .venv/bin/python tests/blind/golden.py --write

and `tests/test_blind_families.py` fails when the collector's counts drift from it, or when a
generator's truth no longer matches it (then the family changed: look why before rewriting).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

PATH = Path(__file__).with_name("golden.json")


def compute() -> dict:
    from blind.common import month_truth
    from blind.families import FAMILIES

    out = {}
    for fam in FAMILIES.values():
        for variant, build in fam.variants.items():
            site = build()
            site.server.server_close()  # only the data is wanted
            items = site.records()
            first = {m: month_truth(items, m)["website"] for m in fam.months}
            site.data.publish_new(fam.second_when, 7)
            second = {m: month_truth(items, m)["website"] for m in [*fam.months, fam.second_month]}
            out[f"{fam.name}-{variant}"] = {"first": first, "second": second}
    return out


def load() -> dict:
    return json.loads(PATH.read_text(encoding="utf-8"))


def main(argv: list[str]) -> int:
    data = compute()
    text = json.dumps(data, indent=1, sort_keys=True) + "\n"
    if "--write" in argv:
        PATH.write_text(text, encoding="utf-8")
        print(f"wrote {PATH}")
        return 0
    same = PATH.exists() and load() == data
    print("golden.json matches the truth" if same else "golden.json differs from the truth")
    return 0 if same else 1


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    raise SystemExit(main(sys.argv[1:]))
