"""`cdht status` and `cdht runs`: what a person reads at a glance, in Vietnamese."""

from __future__ import annotations

import json
import os
import time
from datetime import UTC, date, datetime

import pytest

from pipeline import cli
from pipeline.lock import RunLock, lock_path_for
from pipeline.nightly import KV_LOOP, load_settings, run_night
from pipeline.nightly.status import status_lines
from pipeline.settings import load_config
from pipeline.store import Store
from reports.runlog import fmt_duration, runs_table

replica_model = pytest.importorskip("pipeline.demo.replica.model")
replica_server = pytest.importorskip("pipeline.demo.replica.server")

from helpers.nightly import write_config  # noqa: E402

NOW = datetime(2025, 4, 20, 3, 0, tzinfo=UTC)  # 10:00 on 20 April 2025 in Hà Tĩnh


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """A database after one night on the replica (March and April 2025) and a failed one."""
    tmp = tmp_path_factory.mktemp("status")
    cdir = write_config(tmp / "conf", tmp)
    config = load_config(cdir)
    settings = load_settings(config)
    db = tmp / "cdht.sqlite"
    site = replica_model.build_site(months=2, per_month=20)
    with replica_server.ReplicaServer(site) as srv, Store(db) as store:
        run_night(config, store, settings, site_url=srv.url, delay=0, today=date(2025, 4, 20))
        srv.faults.set_down(True)
        run_night(config, store, settings, site_url=srv.url, delay=0, today=date(2025, 4, 20))
    return {"db": db, "config": config, "settings": settings, "cdir": cdir, "site": site}


def test_status_lines(collected):
    with Store(collected["db"], must_exist=True) as store:
        lines = status_lines(store, collected["config"], collected["settings"], now=NOW)
        april = dict(store.conn.execute(
            "SELECT eff_kind, COUNT(*) FROM v_items WHERE source = 'website' "
            "AND local_date BETWEEN '2025-04-01' AND '2025-04-20' GROUP BY 1"
        ).fetchall())  # fmt: skip
        newest = store.conn.execute("SELECT MAX(local_date) FROM items").fetchone()[0]
    text = "\n".join(lines)
    assert len(lines) <= 8
    # the last night failed (the site was down): said with its first error
    assert lines[0].startswith("Lần chạy gần nhất: ")
    assert "(cdht run-once), thất bại, 0 mục mới" in lines[0]
    assert "lỗi: collect: " in lines[0] and "could not be reached" in lines[0]
    # no loop runs: the next run from the configured schedule, the day after 20/04/2025
    assert lines[1].startswith("Lần chạy tới: 02:00 ngày 21/04/2025 theo lịch")
    y, m, d = newest.split("-")
    assert f"bài mới nhất trên trang đăng ngày {d}/{m}/{y}" in text
    assert "thu thập thành công lần cuối " in text
    month_line = next(line for line in lines if line.startswith("Tháng 4/2025 đến nay: "))
    assert f"{april.get('news', 0)}/100 tin" in month_line
    assert f"{april.get('article', 0)}/5 bài chuyên sâu" in month_line
    assert f"{april.get('video', 0)} video" in month_line
    assert "Facebook tháng 4/2025: 0 bài đăng." in lines
    assert lines[-1] == "Trang chưa tải được: không có."


def test_status_shows_a_running_loop_and_a_held_lock(collected, tmp_path):
    db = collected["db"]
    with Store(db) as store:
        store.set_kv(KV_LOOP, {"pid": os.getpid(), "host": os.uname().nodename,
                               "next_run_utc": "2025-04-20T19:00:00Z", "schedule": "daily"})  # fmt: skip
    try:
        with RunLock(lock_path_for(db), command="nightly"), Store(db, must_exist=True) as store:
            lines = status_lines(store, collected["config"], collected["settings"], db_path=db, now=NOW)
    finally:
        with Store(db) as store:
            store.set_kv(KV_LOOP, None)
    assert any(line.startswith("Đang chạy: cdht nightly từ ") for line in lines)
    assert f"Lần chạy tới: 02:00 ngày 21/04/2025 (cdht nightly đang chạy, pid {os.getpid()})." in lines


def test_stale_collection_is_flagged(collected):
    later = datetime.now(UTC).replace(year=datetime.now(UTC).year + 1)
    with Store(collected["db"], must_exist=True) as store:
        lines = status_lines(store, collected["config"], collected["settings"], now=later)
    assert any("Cảnh báo: đã " in line and "ngày chưa thu thập được" in line for line in lines)


def test_status_command_prints_to_stdout(collected, capsys):
    code = cli.main(["status", "--db", str(collected["db"]), "--config", str(collected["cdir"])])
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("Lần chạy gần nhất: ")
    assert "Trang chưa tải được" in out


def test_status_without_database(tmp_path, capsys, collected):
    code = cli.main(["status", "--db", str(tmp_path / "none.sqlite"), "--config", str(collected["cdir"])])
    assert code == 1
    assert "Chưa có dữ liệu" in capsys.readouterr().out


def test_runs_table_and_json(collected, capsys):
    code = cli.main(["runs", "--db", str(collected["db"]), "--errors"])
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert out[0].split() == ["Số", "Lệnh", "Bắt", "đầu", "Thời", "gian", "Kết", "quả", "Mới",
                              "Cập", "nhật", "Yêu", "cầu", "Lỗi", "Ghi", "chú"]  # fmt: skip
    body = [line for line in out[2:] if not line.lstrip().startswith("!")]
    assert [line.split()[1] for line in body] == ["run-once:collect", "run-once", "run-once:collect", "run-once"]
    assert "thất bại" in body[0] and "thành công" in body[2]
    assert any(line.lstrip().startswith("! ") and "could not be reached" in line for line in out)
    code = cli.main(["runs", "--db", str(collected["db"]), "--limit", "1", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and len(data) == 1
    assert data[0]["command"] == "run-once:collect" and data[0]["outcome"] == "failed"
    assert data[0]["error_list"]


def test_runs_limit_must_be_positive(collected, capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["runs", "--db", str(collected["db"]), "--limit", "0"])
    assert exc.value.code == 2


def test_formatting_helpers():
    t0 = datetime(2025, 5, 1, 19, 0, tzinfo=UTC)
    assert fmt_duration(t0, t0.replace(second=42)) == "42 giây"
    assert fmt_duration(t0, t0.replace(minute=7)) == "7 phút"
    assert fmt_duration(t0, t0.replace(hour=21, minute=5)) == "2 giờ 05 phút"
    assert runs_table([]) == "Chưa có lần chạy nào."


def test_readers_never_block_on_the_writer(collected, tmp_path, capsys):
    """While a collection holds a write transaction, status and reports still run at once."""
    writer = Store(collected["db"])
    writer.conn.execute("BEGIN IMMEDIATE")
    writer.conn.execute("UPDATE items SET title = title || ' ' WHERE id = (SELECT MIN(id) FROM items)")
    try:
        t0 = time.monotonic()
        assert cli.main(["status", "--db", str(collected["db"]), "--config", str(collected["cdir"])]) == 0
        with Store(collected["db"], must_exist=True) as reader:
            from reports.render import write_month

            paths = write_month(reader, collected["config"], "2025-03", tmp_path, formats={"json"})
        assert time.monotonic() - t0 < 5  # busy_timeout is 30 s: blocking would show
        data = json.loads(paths["json"].read_text(encoding="utf-8"))
        assert data["website"]["total"] == sum(1 for a in collected["site"].articles if a.month == "2025-03")
    finally:
        writer.conn.execute("ROLLBACK")
        writer.close()
    capsys.readouterr()


def test_status_lists_items_without_a_publish_date(tmp_path, capsys):
    from pipeline.cli import main
    from pipeline.store import Store

    db = tmp_path / "db.sqlite"
    with Store(db) as store:
        store.upsert_item({"source": "website", "key": "/khong-ngay-1700000000.html", "title": "Không ngày",
                           "local_date": None, "published_utc": None, "raw": {}})
    assert main(["status", "--db", str(db)]) == 0
    assert "chưa xác định được ngày đăng: 1" in capsys.readouterr().out
