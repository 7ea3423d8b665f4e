"""The page archive: every article page read is kept in WARC beside the database; `cdht
reprocess --extract` re-derives every stored item from it with no request to the site, and the
counts equal a fresh collection with the same rules; `cdht probe --archived` reads a stored page."""

from __future__ import annotations

import json

from helpers.collect import DEMO_CONFIG, PROFILE, collect, load, month_figures, small_site
from warcio.archiveiterator import ArchiveIterator

from pipeline.archive import WarcArchive
from pipeline.cli import main
from pipeline.demo.replica.server import ReplicaServer
from pipeline.reextract import reextract_all
from pipeline.store import Store


def figures(store, config, site):
    return {m: month_figures(store, config, m) for m in site.months()}


def test_every_article_page_is_kept_as_received(tmp_path):
    site = small_site()
    with ReplicaServer(site) as server, Store(tmp_path / "db.sqlite") as store:
        result = collect(load(), store, server)
    archive = WarcArchive.beside(tmp_path / "db.sqlite")
    assert archive.folder == tmp_path / "db-archive" and archive.files()
    pages = list(archive.pages())
    assert len(pages) == result.fetched == len(site.articles)
    assert {p.key for p in pages} == {a.path for a in site.articles}
    with open(archive.files()[0], "rb") as fh:
        record = next(r for r in ArchiveIterator(fh) if r.rec_type == "response")
        assert record.rec_headers.get_header("WARC-Target-URI").startswith(server.url)
        assert record.rec_headers.get_header("WARC-Date").endswith("Z")
        assert record.http_headers.get_statuscode() == "200"
        assert "text/html" in record.http_headers.get_header("Content-Type")
    assert pages[0].text.rstrip().endswith("</html>")


def test_reprocess_extract_makes_no_request_and_counts_as_a_fresh_collection(tmp_path):
    site = small_site()
    db = tmp_path / "db.sqlite"
    config = load()
    with ReplicaServer(site) as server:
        with Store(db) as store:
            collect(config, store, server)
            fresh = figures(store, config, site)
            # what a broken rule would have stored: every derived field wrong
            store.conn.execute("UPDATE items SET words = 0, kind = 'news', byline = '', unit_id = NULL, "
                               "has_player = 0, with_video = 0, category = '', lead = '', raw = '{}'")  # fmt: skip
            assert figures(store, config, site) != fresh
        server.reset_requests()
        assert main(["reprocess", "--extract", "--db", str(db), "--config", str(DEMO_CONFIG)]) == 0
        assert server.requests == []  # nothing reached the site
    with Store(db) as store:
        assert figures(store, config, site) == fresh


def test_a_profile_change_applies_to_archived_pages(tmp_path):
    site = small_site(seed=12)
    generic, profiled = load(), load(PROFILE)
    with ReplicaServer(site) as server, Store(tmp_path / "a.sqlite") as a, Store(tmp_path / "b.sqlite") as b:
        collect(generic, a, server)
        collect(profiled, b, server)
        server.reset_requests()
        counts = reextract_all(a, profiled, WarcArchive.beside(a.path), workers=2)
        assert server.requests == []
        assert counts["without_page"] == 0 and counts["failed"] == 0
        assert figures(a, profiled, site) == figures(b, profiled, site)
        sources = {r[0] for r in a.conn.execute("SELECT DISTINCT date_source FROM items")}
        assert sources == {"profile selector"}  # re-read with the new profile


def test_probe_reads_an_archived_page(tmp_path, capsys):
    site = small_site(seed=13)
    db = tmp_path / "db.sqlite"
    with ReplicaServer(site) as server, Store(db) as store:
        collect(load(), store, server)
        url = server.url + site.articles[3].path
    # the site is gone: the archive answers
    assert main(["probe", url, "--archived", "--json", "--db", str(db), "--config", str(DEMO_CONFIG)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["title"] == site.articles[3].title
    assert report["archived_at"].endswith("Z")


def test_reprocess_extract_without_an_archive_says_so(tmp_path, capsys):
    db = tmp_path / "db.sqlite"
    Store(db).close()
    assert main(["reprocess", "--extract", "--db", str(db), "--config", str(DEMO_CONFIG)]) == 1
    assert "no page archive" in capsys.readouterr().err
