"""A damaged page archive: a record cut by a full disk or ``ulimit -f``, bytes lost from the end
with more appended after, garbage in the middle. Readers skip the damaged record and name its
file and offset; the next collection sets the damage aside (the original kept), appends records
that read, and fetches again the pages whose only copy was lost; `cdht archive check` lists
what is damaged."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from helpers.collect import DEMO_CONFIG, collect, load, month_figures, small_site

from collectors.http import Response
from pipeline.archive import WarcArchive
from pipeline.archive_check import KV_REFETCH
from pipeline.cli import main
from pipeline.demo.replica.server import ReplicaServer
from pipeline.store import Store

ROOT = Path(__file__).resolve().parents[1]


def _collected(tmp_path, server, site):
    db = tmp_path / "db.sqlite"
    with Store(db) as store:
        collect(load(), store, server)
    archive = WarcArchive.beside(db)
    return db, archive


def _cut(path: Path, n: int) -> None:
    size = path.stat().st_size
    os.truncate(path, size - n)


def _page(url: str, body: bytes = b"<html><body>page</body></html>") -> Response:
    return Response(url, 200, {"content-type": "text/html; charset=utf-8"}, body)


def test_a_cut_tail_is_set_aside_and_what_follows_reads(tmp_path):
    folder = tmp_path / "arch"
    with WarcArchive(folder) as a:
        for i in range(4):
            a.keep(f"http://h/p{i}", _page(f"http://h/p{i}", b"x" * 3000 + bytes([65 + i]) * 3000))
    path = WarcArchive(folder).files()[0]
    _cut(path, 100)  # the last record cut midway (a full disk)
    with WarcArchive(folder) as a:
        a.keep("http://h/after", _page("http://h/after"))
        assert [d.offset for d in a.damaged] and a.damaged[0].url == "http://h/p3"
    again = WarcArchive(folder)
    assert [p.url for p in again.pages()] == ["http://h/p0", "http://h/p1", "http://h/p2", "http://h/after"]
    assert again.damaged == []
    broken = [p.name for p in folder.iterdir() if ".broken-" in p.name]
    assert len(broken) == 1 and broken[0].startswith(path.name)  # the original kept


def test_readers_skip_a_damaged_record_naming_file_and_offset(tmp_path, caplog):
    folder = tmp_path / "arch"
    with WarcArchive(folder) as a:
        for i in range(3):
            a.keep(f"http://h/p{i}", _page(f"http://h/p{i}"))
    path = WarcArchive(folder).files()[0]
    _cut(path, 5)  # the end of the last record lost …
    with open(path, "ab") as fh:  # … and one more record appended after it, as before
        b = WarcArchive(tmp_path / "other")
        b.keep("http://h/new", _page("http://h/new"))
        b.close()
        fh.write(b.files()[0].read_bytes())
    # garbage in the middle of the first record
    data = bytearray(path.read_bytes())
    data[40:60] = b"\0" * 20
    path.write_bytes(bytes(data))
    reader = WarcArchive(folder)
    assert [p.url for p in reader.pages()] == ["http://h/p1", "http://h/new"]
    assert (reader.damaged[0].path, reader.damaged[0].offset) == (path, 0)
    assert len(reader.damaged) == 2 and reader.damaged[1].url == "http://h/p2"
    assert str(path) in caplog.text and "byte 0" in caplog.text


def test_a_night_after_a_cut_record_repairs_and_fetches_the_lost_pages_again(tmp_path, capsys):
    site = small_site(seed=21)
    with ReplicaServer(site) as server:
        db, archive = _collected(tmp_path, server, site)
        config = load()
        with Store(db) as store:
            truth = {m: month_figures(store, config, m) for m in site.months()}
        path = archive.files()[0]
        _cut(path, 900)
        # the archive check names the damage and the item that lost its copy
        assert main(["archive", "check", "--db", str(db), "--config", str(DEMO_CONFIG)]) == 1
        out = capsys.readouterr()
        assert "damaged\t" in out.out and str(path) in out.out
        lost = [line.split("\t")[1] for line in out.out.splitlines() if line.startswith("lost\t")]
        assert len(lost) == 1
        # reprocess and probe read on, no traceback
        assert main(["reprocess", "--extract", "--db", str(db), "--config", str(DEMO_CONFIG)]) == 0
        assert "1 damaged archive record" in capsys.readouterr().err
        with Store(db) as store:
            assert store.get_kv(KV_REFETCH) == lost
            r = collect(config, store, server)
            assert not r.failed
            assert store.get_kv(KV_REFETCH) == []  # fetched again, and archived again
            assert {m: month_figures(store, config, m) for m in site.months()} == truth
    pages = WarcArchive.beside(db)
    assert lost[0] in {p.key for p in pages.pages()} and pages.damaged == []
    assert main(["archive", "check", "--db", str(db), "--config", str(DEMO_CONFIG)]) == 0


_FILL = """
import resource, sys
from collectors.http import Response
from pipeline.archive import WarcArchive
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[2]), resource.RLIM_INFINITY))
a = WarcArchive(sys.argv[1])
try:
    for i in range(1000):
        body = bytes((i * 7 + j * 13) % 251 for j in range(4000))
        a.keep(f"http://h/p{i}", Response(f"http://h/p{i}", 200, {}, body))
except OSError as exc:
    print(exc.errno, exc.filename, a.kept)
"""


def test_a_write_cut_by_ulimit_names_the_archive_and_leaves_it_readable(tmp_path):
    folder = tmp_path / "arch"
    out = subprocess.run([sys.executable, "-c", _FILL, str(folder), "20000"], capture_output=True,
                         text=True, cwd=ROOT, timeout=60)  # fmt: skip
    code, filename, kept = out.stdout.split()
    assert code == "27" and filename.startswith(str(folder)) and filename.endswith(".warc.gz")  # EFBIG
    reader = WarcArchive(folder)
    assert len(list(reader.pages())) == int(kept) > 0 and reader.damaged == []
    with WarcArchive(folder) as a:
        a.keep("http://h/next", _page("http://h/next"))
    assert len(list(WarcArchive(folder).pages())) == int(kept) + 1
