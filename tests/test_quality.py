"""The tool says when it is unsure: each item keeps how its fields were found; dates only from
a listing, missing bylines, word counts near a threshold and bodies not found are flagged in
Vietnamese, shown in the month data's data-quality list and by `cdht probe`."""

from __future__ import annotations

import json
import logging

from helpers.collect import DEMO_CONFIG, PROFILE, collect, load, small_site

from collectors.item import Item
from collectors.urls import canonical_key
from pipeline.cli import main
from pipeline.demo.replica.server import ReplicaServer
from pipeline.ingest import process_item
from pipeline.store import Store
from reports.monthdata import build_month


def item(**kw) -> Item:
    base = {"source": "website", "key": "/a-1700000001.html", "title": "Hội nghị công đoàn",
            "words": 400, "byline": "Thu Hà", "date_source": "visible date",
            "raw": {"provenance": {"body": "densest container"}}}  # fmt: skip
    from datetime import datetime

    from collectors.dates import LOCAL

    base["published"] = datetime(2025, 5, 2, 8, 0, tzinfo=LOCAL)
    base.update(kw)
    return Item(**base)


def test_flags_in_vietnamese():
    config = load()
    assert process_item(item(), config)[0]["flags"] == []
    flags = process_item(item(date_source="listing date"), config)[0]["flags"]
    assert flags == ["Ngày đăng chỉ có ở danh sách tin, không thấy trên trang bài"]
    assert "bút danh" in process_item(item(byline=""), config)[0]["flags"][0]
    near = process_item(item(words=930), config)[0]
    assert near["kind"] == "news" and "sát ngưỡng 1000" in near["flags"][0]
    assert process_item(item(words=850), config)[0]["flags"] == []
    assert "sát ngưỡng 150" in process_item(item(words=160, has_player=True), config)[0]["flags"][0]
    # a marker in the title decides the kind: its word count does not matter
    assert process_item(item(title="[Video] Hội thao", words=160, has_player=True), config)[0]["flags"] == []
    no_body = process_item(item(words=0, raw={"provenance": {"body": "whole page"}}), config)[0]
    assert "Không tìm thấy phần nội dung" in no_body["flags"][0]
    assert no_body["kind"] == "news" and no_body["kind_reason"].startswith("no article body found")


def test_flags_and_provenance_are_stored_and_listed(tmp_path):
    site = small_site(seed=21)
    config = load()
    with ReplicaServer(site) as server, Store(tmp_path / "db.sqlite") as store:
        collect(config, store, server)
        rows = store.conn.execute("SELECT key, byline, flags, provenance FROM items").fetchall()
        for r in rows:
            prov = json.loads(r["provenance"])
            assert prov["body"] and prov["title"] and prov["date"], r["key"]
            assert ("Không tìm thấy bút danh (tác giả) của bài" in json.loads(r["flags"])) == (r["byline"] == ""), r["key"]
        flagged = {r["key"] for r in rows if json.loads(r["flags"])}
        listed = set()
        for month in site.months():
            unsure = build_month(store, config, month)["data_quality"]["unsure"]
            assert all(rec["flags"] for rec in unsure)
            listed |= {canonical_key(rec["url"]) for rec in unsure}
        assert flagged and listed == flagged


def test_a_page_without_a_body_is_stored_from_its_listing_and_flagged():
    from datetime import datetime

    from collectors.dates import LOCAL
    from collectors.page_item import Hint, item_from_page

    config = load()
    html = ("<html><head><title>Hội thao</title></head><body><h1>Hội thao công nhân</h1>"
            "<span>Lượt xem: 10</span><iframe src='https://www.youtube.com/embed/x'></iframe></body></html>")  # fmt: skip
    hint = Hint(url="http://x/hoi-thao-1700000001.html", title="Hội thao công nhân",
                published=datetime(2025, 5, 3, tzinfo=LOCAL), date_source="listing date",
                category="Tin tức", category_source="listing", categories=["Tin tức", "tin-tuc"])  # fmt: skip
    it, ex = item_from_page("/hoi-thao-1700000001.html", hint.url, html, hint, config.site)
    assert ex.body_source == "whole page"
    assert (it.words, it.has_player, it.byline) == (0, False, "")  # nothing made up from the page
    assert it.published == hint.published and it.category == "Tin tức"
    row = process_item(it, config)[0]
    assert row["kind"] == "news" and row["kind_reason"].startswith("no article body found")
    assert any("Không tìm thấy phần nội dung" in f for f in row["flags"])
    assert any("danh sách tin" in f for f in row["flags"])


def test_a_selector_that_matches_nothing_is_said_once_per_run(tmp_path, caplog):
    site = small_site(seed=23)
    broken = {"site": {"selectors": {**PROFILE["site"]["selectors"], "byline": ".no-such-byline"}}}
    config = load(broken)
    with ReplicaServer(site) as server, Store(tmp_path / "db.sqlite") as store, caplog.at_level(logging.WARNING):
        collect(config, store, server)
    said = [r for r in caplog.records if "byline selector matches nothing" in r.getMessage()]
    assert len(said) == 1


def test_probe_shows_sources_and_what_was_left_out(tmp_path, capsys):
    site = small_site(seed=24)
    with ReplicaServer(site) as server:
        url = server.url + site.articles[0].path
        assert main(["probe", url, "--config", str(DEMO_CONFIG)]) == 0
        out = capsys.readouterr().out
        assert "Tiêu đề" in out and "[theo:" in out and "Đã bỏ ra khỏi bài" in out and "Cần kiểm tra" in out
        assert main(["probe", "--sample", "6", "--site-url", server.url, "--config", str(DEMO_CONFIG)]) == 0
        table = capsys.readouterr().out.split("\n\n")[0].splitlines()  # then the pagers, the addresses
        assert table[0].startswith("Tiêu đề") and "Ngày đăng (theo)" in table[0]
        assert len(table) == 1 + 6 + 1 and table[-1].startswith("Video theo loại: ")
        titles = {a.title[:20] for a in site.articles}
        assert all(line[:20] in titles for line in table[1:-1])
