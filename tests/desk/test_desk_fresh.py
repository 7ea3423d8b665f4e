"""The desk's figures update at once: a change made by another process (a collection, a
reprocess, the night) shows on the next request, even when the month is kept between
requests."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

from pipeline.store import Store
from tests.helpers.desk import signed_in

ROOT = Path(__file__).resolve().parents[2]


def in_another_process(db: Path, code: str) -> None:
    """Run ``code`` (``store`` is the database, opened) in a process of its own."""
    script = "import sys\nfrom pipeline.store import Store\nwith Store(sys.argv[1]) as store:\n"
    script += textwrap.indent(textwrap.dedent(code), "    ")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", script, str(db)], check=True, cwd=ROOT, env=env)


def actual(html: str, qid: str) -> int:
    row = re.search(rf'<tr data-quota="{re.escape(qid)}">(.*?)</tr>', html, re.S).group(1)
    return int(re.search(r'<td class="num actual"[^>]*>([^<]*)</td>', row).group(1).replace(".", ""))


def news_of(html: str, name: str) -> int:
    row = re.search(rf'<td class="head">{re.escape(name)}</td>(.*?)</tr>', html, re.S).group(1)
    return int(re.search(r'data-label="Tin">(\d+)', row).group(1))


def a_may_news_item(db: Path) -> str:
    with Store(db) as s:
        return s.conn.execute(
            "SELECT key FROM v_items WHERE source = 'website' AND eff_kind = 'news' "
            "AND overridden = 0 AND local_date BETWEEN '2025-05-01' AND '2025-05-31' LIMIT 1"
        ).fetchone()[0]


def test_home_sees_a_collection_of_another_process_within_the_same_second(app, demo):
    db, _ = demo
    client = signed_in(app, "xem")
    html = client.get("/?month=2025-05").get_data(as_text=True)
    news, articles = actual(html, "B.I.2a"), actual(html, "B.I.2b")
    # the collection finds the page now an in-depth article; its clock reads the second of
    # the newest change already stored, and the number of items stays the same
    in_another_process(db, f"""
        import pipeline.store.items as items
        newest = store.conn.execute("SELECT MAX(updated_at) FROM items").fetchone()[0]
        items.utcnow = lambda: newest
        row = store.get_item("website", {a_may_news_item(db)!r})
        item = {{c: row[c] for c in store.ITEM_COLUMNS}} | {{"source": "website", "key": row["key"]}}
        assert store.upsert_item(item | {{"kind": "article"}}) == "updated"
    """)
    html = client.get("/?month=2025-05").get_data(as_text=True)
    assert (actual(html, "B.I.2a"), actual(html, "B.I.2b")) == (news - 1, articles + 1)


def test_contributors_see_a_credit_another_process_changed_alone(app, demo):
    db, _ = demo
    client = signed_in(app, "xem")
    before = news_of(client.get("/contributors?month=2025-05").get_data(as_text=True), "Trần Thu Hà")
    key = a_may_news_item(db)
    with Store(db) as s:
        assert "tran-thu-ha" not in s.contributors_of([s.get_item("website", key)["id"]]).popitem()[1]
    # a reprocess credits one more person: the item's own columns do not change
    in_another_process(db, f"""
        row = store.get_item("website", {key!r})
        item = {{c: row[c] for c in store.ITEM_COLUMNS}} | {{"source": "website", "key": row["key"]}}
        credits = store.contributors_of([row["id"]])[row["id"]]
        assert store.upsert_item(item, [*credits, "tran-thu-ha"]) == "updated"
        assert store.get_item("website", row["key"])["updated_at"] == row["updated_at"]
    """)
    after = news_of(client.get("/contributors?month=2025-05").get_data(as_text=True), "Trần Thu Hà")
    assert after == before + 1


def test_the_month_is_kept_while_nothing_changes_and_only_for_the_current_stamp(demo):
    from pipeline.desk import monthview
    from pipeline.settings import load_config

    db, config_dir = demo
    config = load_config(config_dir)
    monthview._CACHE.clear()
    with Store(db) as s:
        stamp = monthview.data_stamp(s)
        may = monthview.month_data(s, config, "2025-05", stamp)
        assert monthview.month_data(s, config, "2025-05", monthview.data_stamp(s)) is may
        april = monthview.month_data(s, config, "2025-04", stamp)
        assert monthview.month_data(s, load_config(config_dir), "2025-04", stamp) is not april
        s.finish_run(s.start_run("collect"), "ok")
        assert monthview.data_stamp(s) > stamp
        fresh = monthview.month_data(s, config, "2025-05", monthview.data_stamp(s))
        assert fresh is not may
        assert [v[0] for v in monthview._CACHE.values()] == [monthview.data_stamp(s)]
