"""Catch-up: a night writes every finished month that has no final report, oldest first, up to
the last 12, and mails each once. The store is filled directly (no collection); the night runs
with ``collect=False``."""

from __future__ import annotations

import email
from datetime import date
from email import policy

import pytest
from helpers.nightly import write_config
from helpers.reports_fixture import _row
from helpers.smtp import SmtpServer

from pipeline.nightly import KV_MAILED, KV_REPORTED, load_settings, run_night
from pipeline.settings import load_config
from pipeline.store import Store


def add_month(store, month: str, n: int = 2) -> None:
    with store.transaction():
        for i in range(n):
            store.upsert_item(_row("website", f"/tin-{month}-{i}", f"{month}-10T02:00:00Z", f"{month}-10",
                                   unit_id="ldld-can-loc"))  # fmt: skip


@pytest.fixture
def night(tmp_path):
    cdir = write_config(tmp_path / "conf", tmp_path)
    config = load_config(cdir)
    with Store(tmp_path / "db.sqlite") as store:
        yield store, config, load_settings(config), tmp_path / "reports"


def run(store, config, settings, today):
    return run_night(config, store, settings, today=today, collect=False)


def written(out) -> list[str]:
    return sorted(p.parent.name for p in out.glob("*/bao-cao-thang-*.json"))


def test_a_machine_off_for_a_month_writes_every_missed_month_oldest_first(night):
    store, config, settings, out = night
    for m in ("2025-03", "2025-04", "2025-05", "2025-06"):
        add_month(store, m)
    first = run(store, config, settings, date(2025, 5, 1))  # writes March and April
    assert first.step("reports").message.startswith("2025-03, 2025-04 written")
    # off from 31 May to 1 July: the night of 2 July writes May, then June
    second = run(store, config, settings, date(2025, 7, 2))
    step = second.step("reports")
    assert step.outcome == "ok" and step.message.startswith("2025-05, 2025-06 written"), step.message
    assert [p.name for p in step.files] == ["bao-cao-thang-2025-05.json", "bao-cao-thang-2025-06.json"]
    assert written(out) == ["2025-03", "2025-04", "2025-05", "2025-06"]
    assert store.get_kv(KV_REPORTED) == "2025-06"
    assert run(store, config, settings, date(2025, 7, 3)).step("reports").outcome == "skipped"


def test_a_month_that_could_not_be_written_is_written_on_a_later_night(night):
    store, config, settings, out = night
    for m in ("2025-04", "2025-05", "2025-06"):
        add_month(store, m)
    out.mkdir(parents=True)
    (out / "2025-05").write_text("a file where the folder should be")
    night1 = run(store, config, settings, date(2025, 7, 1))
    step = night1.step("reports")
    assert step.outcome == "failed" and f"cannot write the reports to {out}/2025-05" in step.message
    assert written(out) == ["2025-04", "2025-06"]  # the others are written all the same
    assert night1.exit_code == 1
    (out / "2025-05").unlink()
    night2 = run(store, config, settings, date(2025, 7, 2))
    assert night2.step("reports").outcome == "ok" and night2.step("reports").message.startswith("2025-05 written")
    assert written(out) == ["2025-04", "2025-05", "2025-06"]


def test_at_most_the_last_twelve_finished_months(night):
    store, config, settings, out = night
    add_month(store, "2023-01")  # years back: never reported by a night
    add_month(store, "2024-09")
    run(store, config, settings, date(2025, 5, 1))
    assert written(out) == [f"2024-{m:02d}" for m in range(5, 13)] + [f"2025-{m:02d}" for m in range(1, 5)]
    assert store.get_kv(KV_REPORTED) == "2025-04"


def test_a_store_from_before_catch_up_keeps_its_reported_months(night):
    store, config, settings, out = night
    for m in ("2025-01", "2025-02", "2025-03", "2025-04"):
        add_month(store, m)
    store.set_kv(KV_REPORTED, "2025-02")  # written by an earlier release, one month at a time
    for m in ("2025-01", "2025-02"):
        (out / m).mkdir(parents=True)
        (out / m / f"bao-cao-thang-{m}.json").write_text("{}")
    run(store, config, settings, date(2025, 5, 2))  # March was missed
    assert written(out) == ["2025-01", "2025-02", "2025-03", "2025-04"]
    assert (out / "2025-01" / "bao-cao-thang-2025-01.json").read_text() == "{}"  # done already


def test_each_caught_up_month_is_mailed_once_oldest_first(night):
    store, config, settings, _ = night
    for m in ("2025-04", "2025-05", "2025-06"):
        add_month(store, m)
    with SmtpServer() as smtp:
        settings.smtp.enabled = True
        settings.smtp.host, settings.smtp.port, settings.smtp.starttls = "127.0.0.1", smtp.port, False
        settings.smtp.sender, settings.smtp.recipients = "cdht@example.vn", ["bbt@example.vn"]
        run(store, config, settings, date(2025, 5, 1))  # April, mailed
        run(store, config, settings, date(2025, 7, 2))  # May and June, each mailed
        run(store, config, settings, date(2025, 7, 3))  # nothing new
    subjects = [email.message_from_bytes(m["data"], policy=policy.default)["Subject"] for m in smtp.messages]
    assert subjects == ["[cdht] Báo cáo NQ 06 - Tháng 4/2025", "[cdht] Báo cáo NQ 06 - Tháng 5/2025",
                        "[cdht] Báo cáo NQ 06 - Tháng 6/2025"]  # fmt: skip
    assert store.get_kv(KV_MAILED) == "2025-06"


def test_a_month_whose_reports_were_removed_is_written_again(night):
    import shutil

    store, config, settings, out = night
    for m in ("2025-04", "2025-05"):
        add_month(store, m)
    run(store, config, settings, date(2025, 6, 1))
    assert written(out) == ["2025-04", "2025-05"]
    shutil.rmtree(out / "2025-04")  # moved away by hand
    again = run(store, config, settings, date(2025, 6, 2))
    assert again.step("reports").message.startswith("2025-04 written")
    assert written(out) == ["2025-04", "2025-05"]
