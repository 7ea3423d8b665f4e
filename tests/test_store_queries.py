"""Store queries the desk runs on every page: the months that hold items, the newest change of
a source, a month's rows with only some columns."""

from __future__ import annotations

import pytest

from collectors.dates import utcnow


def _item(store, key, local_date, *, source="website", **fields):
    store.upsert_item({"source": source, "key": key, "title": key, "local_date": local_date,
                       "published_utc": f"{local_date}T03:00:00Z" if local_date else None,
                       **fields})  # fmt: skip


def _distinct_months(store, limit):
    return [r[0] for r in store.conn.execute(
        "SELECT DISTINCT substr(local_date, 1, 7) FROM items WHERE local_date IS NOT NULL "
        "ORDER BY 1 DESC LIMIT ?", (limit,))]  # fmt: skip


def test_months_with_items_are_the_distinct_months_newest_first(store):
    dates = ["2016-01-01", "2016-01-31", "2019-12-31", "2020-01-01", "2024-02-29", "2024-03-01",
             "2025-05-01", "2025-05-31", "2025-06-15"]  # fmt: skip
    with store.transaction():
        for i, d in enumerate(dates):
            _item(store, f"/w-{i}", d)
            _item(store, f"fb:{i}", d, source="facebook")
        _item(store, "/undated", None)
        _item(store, "fb:only-facebook", "2018-07-04", source="facebook")
    want = ["2025-06", "2025-05", "2024-03", "2024-02", "2020-01", "2019-12", "2018-07", "2016-01"]
    assert store.months_with_items(36) == want == _distinct_months(store, 36)
    for limit in (1, 3, 8, 9):
        assert store.months_with_items(limit) == _distinct_months(store, limit) == want[:limit]


def test_months_with_items_of_an_empty_or_undated_store(store):
    assert store.months_with_items() == []
    _item(store, "/undated", None)
    assert store.months_with_items() == []


def test_newest_change_of_a_source_is_an_index_lookup(store):
    assert store.newest_change("facebook") is None
    _item(store, "fb:1", "2025-05-01", source="facebook")
    _item(store, "/w-1", "2025-05-02")
    store.conn.execute("UPDATE items SET updated_at = '2030-01-01T00:00:00Z' WHERE key = '/w-1'")
    assert store.newest_change("facebook") <= utcnow()
    assert store.newest_change("website") == "2030-01-01T00:00:00Z"
    plan = " ".join(r[3] for r in store.conn.execute(
        "EXPLAIN QUERY PLAN SELECT MAX(updated_at) FROM items WHERE source = ?", ("facebook",)))
    assert "items_source_updated" in plan and not plan.startswith("SCAN")


def test_items_between_with_some_columns_gives_the_same_rows_in_order(store):
    with store.transaction():
        for i, d in enumerate(["2025-05-03", "2025-04-30", "2025-05-01", "2025-05-31", "2025-06-01"]):
            _item(store, f"/w-{i}", d, kind="article" if i % 2 else "news")
            _item(store, f"fb:{i}", d, source="facebook")
    store.set_override("website", "/w-2", "kind", "video")
    full = store.items_between("2025-05-01", "2025-05-31")
    some = store.items_between("2025-05-01", "2025-05-31", columns=("id", "key", "eff_kind"))
    assert [r["key"] for r in full] == [r["key"] for r in some] == [
        "/w-2", "fb:2", "/w-0", "fb:0", "/w-3", "fb:3"]
    assert [tuple(r) for r in some] == [(r["id"], r["key"], r["eff_kind"]) for r in full]
    assert some[0].keys() == ["id", "key", "eff_kind"] and some[0]["eff_kind"] == "video"
    web = store.items_between("2025-05-01", "2025-05-31", "website", columns=["key"])
    assert [r["key"] for r in web] == ["/w-2", "/w-0", "/w-3"]
    for bad in ([], ["key; DROP TABLE items"], ["*"]):
        with pytest.raises(ValueError):
            store.items_between("2025-05-01", "2025-05-31", columns=bad)
