"""The golden gate over generated sites: each pinned seed served on 127.0.0.1 and collected
twice through the real CLI, every figure checked against the generator's own item list.

Per seed (``tests/generated/gate.py``): the first night exits 0; each month's website counts
(news, articles, videos, with_video, total) are exact; at most 2 % of the items have a wrong
unit; every article is stored once under its canonical path; after a second day of new items the
second night exits 0, costs at most 14 requests and still counts each item once, every month
exact. The handled seeds draw every markup dimension from what the collector reads today; the
full seeds draw one dimension (or all) from its whole range, are held item by item, and run as
non-strict xfails while that dimension is listed in ``gate.PENDING``.
"""

from __future__ import annotations

import sqlite3

import pytest
from generated import gate


def _cases() -> list:
    out = [pytest.param(case, id=case.name) for case in gate.handled_cases()]
    for case in gate.full_cases():
        reason = gate.pending_reason(case.full)
        marks = [pytest.mark.xfail(strict=False, reason=reason)] if reason else []
        out.append(pytest.param(case, id=f"full-{case.name}", marks=marks))
    return out


@pytest.mark.parametrize("case", _cases())
def test_generated_site_counts_exact(case, tmp_path):
    gen = case.site()
    problems = gate.check(gen, tmp_path, exact=case.exact)
    assert problems == [], f"{case.name} ({gen.markup.describe()}):\n" + "\n".join(problems)


def test_the_gate_pins_enough_seeds():
    """At least 40 handled seeds, and every dimension the collector does not fully read yet has
    seeds of its own."""
    assert len(gate.handled_cases()) >= 40
    assert any(c.bare for c in gate.full_cases())
    drawn = {next(iter(c.full)) for c in gate.full_cases() if len(c.full) == 1}
    from generated.dimensions import DIMENSIONS

    assert drawn == {d.name for d in DIMENSIONS.values() if d.unhandled}
    assert set(gate.PENDING) <= set(DIMENSIONS)


def test_the_gate_sees_a_miscount(tmp_path):
    """The check is not vacuous: one stored item's kind changed shows in its month's figures
    and, item by item, in what the full seeds are held to."""
    gen = gate.Case(3).site()
    db = tmp_path / "cdht.sqlite"
    with gen.server() as server:
        assert gate.collect(server.url, db) == 0
    assert gate.compare(gen, db, "first") == []
    news = next(a for a in gen.items if a.kind == "news")
    con = sqlite3.connect(db)
    with con:
        con.execute("UPDATE items SET kind = 'article' WHERE key = ?", (news.path,))
    con.close()
    problems = gate.compare(gen, db, "first")
    assert any(f"{news.month}: website" in p for p in problems), problems
    exact = gate.compare(gen, db, "first", exact=True)
    assert "first: 1 items read wrong" in exact and any(news.path[:60] in p for p in exact), exact
