"""Merging an item stored under an alias into its canonical item keeps every editor's mark."""

from __future__ import annotations

from pipeline.store import Store, royalty_marks


def test_royalty_marks_follow_the_merged_item(tmp_path):
    store = Store(tmp_path / "db.sqlite")
    old, new = "/tin-tuc/hoi-nghi-123.html?cid=12", "/tin-tuc/hoi-nghi-123.html"
    store.upsert_item({"source": "website", "key": old, "url": "https://example.vn" + old,
                       "title": "Hội nghị", "local_date": "2025-05-02", "kind": "news"})  # fmt: skip
    royalty_marks.put(store, "website", old, "points", 1.5, note="bài có ảnh")
    royalty_marks.put(store, "website", old, "no_royalty", True)
    store.conn.commit()

    store.save_alias("website", old, new, why="cùng một bài")
    store.conn.commit()

    assert royalty_marks.marks_for(store, "website", new) == {"no_royalty": True, "points": 1.5}
    assert royalty_marks.marks_for(store, "website", old) == {}
    store.close()
