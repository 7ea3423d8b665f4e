"""A report write that fails midway leaves the previous files whole: every format is written
under a temporary name in its folder, synced and renamed, and the formats of one report replace
the earlier ones together."""

from __future__ import annotations

import json
import resource
import signal

import pytest
from helpers.reports_fixture import _row, make_month

from reports import atomic
from reports.render import write_month

ALL = {"json", "html", "xlsx", "docx", "png"}


@pytest.fixture
def month(tmp_path):
    store, config, _ = make_month(tmp_path)
    yield store, config, tmp_path / "out"
    store.close()


def snapshot(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def add_item(store):
    store.upsert_item(_row("website", "/tin-moi", "2025-05-30T02:00:00Z", "2025-05-30", unit_id="ldld-can-loc"))


def test_a_write_cut_by_the_file_size_limit_leaves_the_previous_reports_whole(month):
    store, config, out = month
    write_month(store, config, "2025-05", out, formats=ALL)
    before = snapshot(out)
    assert len(before) >= 5 and min(len(b) for b in before.values()) > 4096
    add_item(store)
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    old_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # as `ulimit -f`: writes fail with EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, hard))
    try:
        with pytest.raises(OSError):
            write_month(store, config, "2025-05", out, formats=ALL)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, old_handler)
    assert snapshot(out) == before  # nothing cut, no temporary file left behind
    json.loads((out / "bao-cao-thang-2025-05.json").read_text(encoding="utf-8"))
    write_month(store, config, "2025-05", out, formats=ALL)
    data = json.loads((out / "bao-cao-thang-2025-05.json").read_text(encoding="utf-8"))
    assert data["website"]["total"] == 17  # the new item, once the disk allows


def test_a_format_failing_leaves_the_earlier_set_not_a_mix(month, monkeypatch):
    store, config, out = month
    write_month(store, config, "2025-05", out)
    before = snapshot(out)
    add_item(store)

    def broken(data, path):
        with atomic.replacing(path) as f:
            f.write(b"PK\x03\x04 half a document")
            raise OSError(28, "No space left on device")

    monkeypatch.setattr("reports.docx_report.write_month", broken)
    with pytest.raises(OSError):
        write_month(store, config, "2025-05", out)
    assert snapshot(out) == before  # the JSON, HTML and XLSX already written are not put in place


def test_a_new_file_gets_the_usual_mode_and_an_existing_one_keeps_its_own(tmp_path):
    fresh = atomic.write_text(tmp_path / "a.json", "{}\n")
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~atomic._umask()
    kept = tmp_path / "b.json"
    kept.write_text("old")
    kept.chmod(0o640)
    atomic.write_text(kept, "new")
    assert kept.read_text() == "new" and kept.stat().st_mode & 0o777 == 0o640


def test_a_temporary_file_left_by_a_killed_writer_is_cleared_an_hour_later(tmp_path):
    import os
    import time

    old = tmp_path / ".a.json.k1ll3d.tmp"
    old.write_text("{half")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    recent = tmp_path / ".a.json.wr1t1ng.tmp"  # another writer's, still at work
    recent.write_text("{")
    atomic.write_text(tmp_path / "a.json", "{}\n")
    assert not old.exists() and recent.exists()
