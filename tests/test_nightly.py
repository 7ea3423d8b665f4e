"""One night's work (`run_night`, `night_once`) against the loopback replica, with faults."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from helpers.nightly import clean_counts, website_counts, write_config
from helpers.smtp import SmtpServer

from pipeline.lock import LockHeld, RunLock, lock_path_for
from pipeline.nightly import (
    KV_MAILED,
    KV_REPORTED,
    NightlyLoop,
    StepResult,
    load_settings,
    mark_abandoned_runs,
    next_run_time,
    night_once,
    night_outcome,
    parse_at,
    previous_month,
    run_night,
)
from pipeline.settings import ConfigError, load_config
from pipeline.store import Store
from reports.common import month_label

replica_model = pytest.importorskip("pipeline.demo.replica.model")
replica_server = pytest.importorskip("pipeline.demo.replica.server")

# the site's months are 2025-03 and 2025-04; on 1 May the April reports are due
REPORT_DAY = date(2025, 5, 1)
MID_MONTH = date(2025, 4, 20)

CSV = (
    '"Post ID","Page ID","Page name",Title,Description,"Publish time",Permalink,"Is share","Post type"\n'
    '111,9,"Công đoàn Hà Tĩnh",,"Tin một",04/10/2025 08:00,https://facebook.com/111,No,Photos\n'
    '112,9,"Công đoàn Hà Tĩnh",,"Tin hai",04/11/2025 09:30,https://facebook.com/112,No,Videos\n'
)


@pytest.fixture
def cfg(tmp_path):
    cdir = write_config(tmp_path / "conf", tmp_path)
    config = load_config(cdir)
    return config, load_settings(config)


def run(config, store, settings, server, today=MID_MONTH, **kw):
    return run_night(config, store, settings, site_url=server.url, delay=0, today=today, **kw)


# ---------------------------------------------------------------- helpers and settings
def test_parse_at():
    assert parse_at("2:05") == "02:05"
    assert parse_at("23:59") == "23:59"
    for bad in ("24:00", "12:60", "noon", "1230", "", "12:5"):
        with pytest.raises(ValueError, match="HH:MM"):
            parse_at(bad)


def test_dates():
    assert previous_month(date(2025, 1, 1)) == "2024-12"
    assert previous_month(date(2025, 5, 31)) == "2025-04"
    assert month_label("2025-05") == "Tháng 5/2025"
    from datetime import UTC, datetime

    now = datetime(2025, 5, 1, 18, 30, tzinfo=UTC)  # 01:30 on 2 May in Hà Tĩnh
    assert next_run_time("02:00", now=now).isoformat() == "2025-05-02T02:00:00+07:00"
    now = datetime(2025, 5, 1, 19, 0, tzinfo=UTC)  # exactly 02:00: the next is tomorrow
    assert next_run_time("02:00", now=now).isoformat() == "2025-05-03T02:00:00+07:00"


def test_settings_defaults_and_relative_paths(tmp_path):
    cdir = tmp_path / "conf"
    cdir.mkdir()
    (cdir / "nightly.toml").write_text('[inbox]\npath = "in"\n[reports]\nout_dir = "~/r"\n')
    s = load_settings(load_config(cdir))
    assert s.at == "02:00" and s.timezone == "Asia/Ho_Chi_Minh"
    assert s.inbox == cdir / "in" and s.inbox_configured
    assert s.out_dir == Path("~/r").expanduser()
    assert s.processed.name == "processed" and s.processed.is_absolute()
    assert s.formats == ["json", "html", "xlsx", "docx"]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('[schedule]\nat = "25:00"\n', "schedule.at"),
        ('[schedule]\ntimezone = "Mars/Base"\n', "schedule.timezone"),
        ('[reports]\nformats = ["pdf"]\n', "reports.formats"),
        ('[smtp]\nenabled = true\n', "smtp"),
        ("[inbox]\nfolder = 'x'\n", "inbox.folder"),
    ],
)
def test_bad_settings_name_file_and_key(tmp_path, text, key):
    (tmp_path / "nightly.toml").write_text(text)
    with pytest.raises(ConfigError) as exc:
        load_settings(load_config(tmp_path))
    assert "nightly.toml" in str(exc.value)
    assert key in str(exc.value)


def test_night_outcome_rules():
    ok, failed, skipped = StepResult("a", "ok"), StepResult("b", "failed"), StepResult("c", "skipped")
    assert night_outcome([ok, skipped], False) == "ok"
    assert night_outcome([ok, failed], False) == "partial"
    assert night_outcome([failed, skipped], False) == "failed"
    assert night_outcome([StepResult("a", "partial")], False) == "partial"
    assert night_outcome([ok], True) == "interrupted"


# ---------------------------------------------------------------- one night
def test_full_night_collects_imports_reports(site, server, cfg, tmp_path, store):
    config, settings = cfg
    (tmp_path / "inbox" / "fb-2025-04.csv").write_text(CSV, encoding="utf-8")
    (tmp_path / "inbox" / "ghi-chu.txt").write_text("không phải bản xuất Facebook", encoding="utf-8")
    (tmp_path / "inbox" / "dang-tai.zip.part").write_bytes(b"partial download")
    result = run(config, store, settings, server, today=REPORT_DAY)

    steps = {s.name: s.outcome for s in result.steps}
    assert steps == {"collect": "ok", "facebook": "failed", "reports": "ok", "mail": "skipped"}
    assert result.outcome == "partial" and result.exit_code == 1
    # the website: every article once
    total = sum(n for n, _v in website_counts(store).values())
    assert total == len(site.articles)
    # the inbox: the CSV imported and moved, the text file rejected with its reason
    assert sorted(p.name for p in (tmp_path / "processed").iterdir()) == ["fb-2025-04.csv"]
    assert sorted(p.name for p in (tmp_path / "rejected").iterdir()) == ["ghi-chu.txt", "ghi-chu.txt.reason.txt"]
    reason = (tmp_path / "rejected" / "ghi-chu.txt.reason.txt").read_text(encoding="utf-8")
    assert "ghi-chu.txt" in reason and "not imported" in reason
    assert [p.name for p in (tmp_path / "inbox").iterdir()] == ["dang-tai.zip.part"]
    assert store.conn.execute("SELECT COUNT(*) FROM items WHERE source = 'facebook'").fetchone()[0] == 2
    # the reports: April's, in the dated folder
    assert (tmp_path / "reports" / "2025-04" / "bao-cao-thang-2025-04.json").is_file()
    assert store.get_kv(KV_REPORTED) == "2025-04"
    # the run log: the night and its collection
    runs = store.runs()
    night = next(r for r in runs if r["id"] == result.run_id)
    assert night["command"] == "run-once" and night["outcome"] == "partial"
    assert night["items_new"] == len(site.articles) + 2
    assert night["requests"] > 0 and night["errors"] == 1
    err = store.conn.execute("SELECT message FROM run_errors WHERE run_id = ?", (result.run_id,)).fetchone()
    assert err[0].startswith("facebook: ") and "ghi-chu.txt" in err[0]
    # each export of the inbox is a run of its own, as an import from any face is
    assert [r["command"] for r in runs] == ["run-once:import-facebook", "run-once:import-facebook",
                                            "run-once:collect", "run-once"]  # fmt: skip
    assert sorted(r["outcome"] for r in runs[:2]) == ["failed", "ok"]
    assert runs[2]["outcome"] == "ok"

    # the next night: nothing new, nothing double counted, reports not rewritten
    again = run(config, store, settings, server, today=date(2025, 5, 2))
    assert again.outcome == "ok" and again.exit_code == 0
    assert {s.name: s.outcome for s in again.steps}["reports"] == "skipped"
    assert store.conn.execute("SELECT items_new FROM runs WHERE id = ?", (again.run_id,)).fetchone()[0] == 0


def test_site_down_night_fails_and_next_night_catches_up(site, server, cfg, tmp_path, store):
    config, settings = cfg
    first = run(config, store, settings, server)
    assert first.outcome == "ok"

    site.add_articles(6)
    server.faults.set_down(True)
    down = run(config, store, settings, server)
    assert down.outcome == "failed" and down.exit_code == 1
    assert down.step("collect").outcome == "failed"
    assert "could not be reached" in down.step("collect").message
    assert store.runs(1)[0]["outcome"] == "failed"

    site.add_articles(40)  # more than the feed holds: the listings must be walked back
    server.faults.set_down(False)
    back = run(config, store, settings, server)
    assert back.outcome == "ok"
    assert back.step("collect").new == 46
    assert website_counts(store) == clean_counts(site, server.url, config, tmp_path)


def test_reports_of_a_failed_night_are_provisional(site, server, cfg, tmp_path, store):
    config, settings = cfg
    first = run(config, store, settings, server, today=MID_MONTH)
    # the first night ever writes the last month it finds missing (March, on 20 April)
    assert store.get_kv(KV_REPORTED) == "2025-03"
    assert first.step("reports").message.startswith("2025-03 written")
    server.faults.set_down(True)
    down = run(config, store, settings, server, today=REPORT_DAY)
    assert down.step("reports").outcome == "ok"
    assert "provisional" in down.step("reports").message
    assert store.get_kv(KV_REPORTED) == "2025-03"  # April is not final yet
    assert down.outcome == "partial"
    server.faults.set_down(False)
    up = run(config, store, settings, server, today=date(2025, 5, 2))
    assert up.step("reports").outcome == "ok" and "provisional" not in up.step("reports").message
    assert store.get_kv(KV_REPORTED) == "2025-04"


def test_missing_inbox_and_unwritable_reports_fail_their_steps_only(site, server, tmp_path, store):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    cdir = write_config(tmp_path / "conf", tmp_path)
    (cdir / "nightly.toml").write_text(
        f'[inbox]\npath = "{tmp_path}/no-such-inbox"\n[reports]\nout_dir = "{blocker}/reports"\n'
        '[log]\nfile = "log/cdht.log"\n'
    )
    config = load_config(cdir)
    settings = load_settings(config)
    from pipeline.nightly import startup_problems

    problems = startup_problems(settings)
    assert any("no-such-inbox does not exist" in p for p in problems)
    assert any("reports folder" in p and "not writable" in p for p in problems)

    result = run(config, store, settings, server, today=REPORT_DAY)
    steps = {s.name: s for s in result.steps}
    assert steps["collect"].outcome == "ok"
    assert steps["facebook"].outcome == "failed"
    assert "no-such-inbox does not exist" in steps["facebook"].message
    assert steps["reports"].outcome == "failed"
    assert f"cannot write the reports to {blocker}/reports/2025-04" in steps["reports"].message
    assert result.outcome == "partial" and result.exit_code == 1
    errors = [r[0] for r in store.conn.execute("SELECT message FROM run_errors WHERE run_id = ?", (result.run_id,))]
    assert len(errors) == 2
    assert not (tmp_path / "no-such-inbox").exists()  # a configured inbox is never invented


def test_stop_request_finishes_current_item_and_records_interrupted(site, server, cfg, store):
    config, settings = cfg
    # stop once some articles have been read (SIGTERM sets such a flag)
    result = run(config, store, settings, server, should_stop=lambda: server.count() >= 20)
    assert result.outcome == "interrupted" and result.interrupted
    assert result.step("collect").outcome == "interrupted"
    assert [s.outcome for s in result.steps[1:]] == ["skipped", "skipped", "skipped"]
    runs = store.runs()
    assert [r["outcome"] for r in runs] == ["interrupted", "interrupted"]
    got = store.conn.execute("SELECT COUNT(*) FROM items WHERE status = 'ok'").fetchone()[0]
    assert 0 < got < len(site.articles)
    # the next night completes the backfill, counting each item once
    rest = run(config, store, settings, server)
    assert rest.outcome == "ok"
    assert sum(n for n, _ in website_counts(store).values()) == len(site.articles)


def test_mail_sent_once_and_retried_after_refusal(site, server, tmp_path, store):
    with SmtpServer(refuse="rcpt") as refusing:
        cdir = write_config(
            tmp_path / "conf", tmp_path,
            nightly=f'[smtp]\nenabled = true\nhost = "127.0.0.1"\nport = {refusing.port}\n'
            'starttls = false\nsender = "cdht@example.vn"\nrecipients = ["bbt@example.vn"]\ntimeout = 5\n',
        )  # fmt: skip
        config = load_config(cdir)
        settings = load_settings(config)
        first = run(config, store, settings, server, today=REPORT_DAY)
    steps = {s.name: s for s in first.steps}
    assert steps["collect"].outcome == "ok" and steps["reports"].outcome == "ok"
    assert steps["mail"].outcome == "failed"
    assert "were not sent" in steps["mail"].message and "550" in steps["mail"].message
    assert first.exit_code == 1 and store.get_kv(KV_MAILED) is None

    with SmtpServer() as smtp:
        settings.smtp.port = smtp.port
        second = run(config, store, settings, server, today=date(2025, 5, 2))
        third = run(config, store, settings, server, today=date(2025, 5, 3))
    assert second.step("mail").outcome == "ok" and second.exit_code == 0
    assert third.step("mail").outcome == "skipped"
    assert len(smtp.messages) == 1
    import email
    from email import policy

    msg = email.message_from_bytes(smtp.messages[0]["data"], policy=policy.default)
    assert msg["Subject"] == "[cdht] Báo cáo NQ 06 - Tháng 4/2025"
    assert [a.get_filename() for a in msg.iter_attachments()] == ["bao-cao-thang-2025-04.json"]
    body = msg.get_body(("plain",)).get_content()
    assert "tháng 4/2025" in body and "Trang TTĐT:" in body
    assert store.get_kv(KV_MAILED) == "2025-04"


# ---------------------------------------------------------------- lock and crashed runs
def test_night_once_refuses_while_locked_and_cleans_up_after_a_crash(site, server, cfg, db_path):
    config, settings = cfg
    with RunLock(lock_path_for(db_path), command="nightly"), pytest.raises(LockHeld):
        night_once(db_path, config, settings, site_url=server.url, delay=0, today=MID_MONTH)

    # a run row left 'running' by a process that died
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait(5)
    with Store(db_path) as s:
        dead = s.start_run("run-once", pid=proc.pid)
        alive = s.start_run("collect", pid=os.getpid() + 0)  # this process: left alone
    result = night_once(db_path, config, settings, site_url=server.url, delay=0, today=MID_MONTH)
    assert result.outcome == "ok"
    with Store(db_path) as s:
        rows = {r["id"]: r for r in s.runs()}
        assert rows[dead]["outcome"] == "interrupted"
        assert "ended without finishing" in rows[dead]["message"]
        assert rows[alive]["outcome"] == "running"
        assert mark_abandoned_runs(s) == 0


# ---------------------------------------------------------------- the loop
def test_loop_runs_jobs_on_interval_and_stops_on_flag():
    done = []
    loop = NightlyLoop(lambda: done.append(1), every=0.05, should_stop=lambda: len(done) >= 3, tick=0.01)
    assert loop.run() == 3
    assert len(done) == 3


def test_loop_survives_a_failing_job_and_reports_next_run():
    seen = []

    def job():
        raise RuntimeError("boom")

    loop = NightlyLoop(job, every=0.02, tick=0.01, on_schedule=seen.append)
    assert loop.run(max_nights=2) == 2
    assert len(seen) == 3 and all(s is not None for s in seen)


def test_daily_loop_schedules_at_the_local_time():
    loop = NightlyLoop(lambda: None, at="02:00", timezone="Asia/Ho_Chi_Minh")
    nxt = loop.next_run()
    from zoneinfo import ZoneInfo

    local = nxt.astimezone(ZoneInfo("Asia/Ho_Chi_Minh"))
    assert (local.hour, local.minute) == (2, 0)
    slept = []
    flags = iter([False, False, True])
    loop = NightlyLoop(lambda: None, at="02:00", should_stop=lambda: next(flags), sleep=slept.append, tick=5)
    assert loop.run() == 0
    assert slept == [5, 5]
