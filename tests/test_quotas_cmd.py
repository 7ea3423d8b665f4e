"""`cdht quotas`: table and JSON output, options, exit codes."""

from __future__ import annotations

import json
from datetime import date

from helpers.quotas import add

from pipeline.cli import main
from quotas.engine import evaluate
from quotas.periods import parse_period
from quotas.table import format_table


def _fill_may(store):
    for _ in range(100):
        add(store, "2025-05-10", kind="news")
    for _ in range(3):
        add(store, "2025-05-11", kind="article", with_video=1)


def test_json_for_a_month(store, db_path, capsys):
    _fill_may(store)
    rc = main(["quotas", "--db", str(db_path), "--month", "2025-05", "--format", "json"])
    assert rc == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["period"] == "2025-05" and doc["as_of"] == "2025-05-31"
    q = {(d["id"], d["period"]): d for d in doc["quotas"]}
    assert (q["B.I.2a", "2025-05"]["actual"], q["B.I.2a", "2025-05"]["status"]) == (100, "met")
    assert (q["B.I.2b", "2025-05"]["actual"], q["B.I.2b", "2025-05"]["status"]) == (3, "not_met")
    assert q["B.IV.3", "2025"]["actual"] == 3
    assert isinstance(doc["manual"], list)


def test_table_is_vietnamese(store, db_path, capsys):
    _fill_may(store)
    rc = main(["quotas", "--db", str(db_path), "--quarter", "2025-Q2", "--as-of", "2025-05-20"])
    assert rc == 0
    out = capsys.readouterr().out
    assert "Chỉ tiêu NQ 06/NQ-LĐLĐ: Quý 2/2025 (số liệu đến hết ngày 20/05/2025)" in out
    for text in ("Tháng 4/2025", "Tháng 6/2025", "Chưa đạt", "Đúng tiến độ", "Chưa đến hạn"):
        assert text in out
    lines = out.splitlines()  # two lines per target: code and name, then period and figures
    b12a = [lines[i + 1] for i, ln in enumerate(lines) if ln.startswith("B.I.2a ") and "Tháng 5/2025" in lines[i + 1]]
    assert len(b12a) == 1 and " 100 " in b12a[0] and "Đúng tiến độ" in b12a[0]
    assert "Dự kiến cuối kỳ" in out and "Dự báo" not in out  # the desk's word for the column
    assert max(len(ln) for ln in lines) <= 100


def test_default_period_is_the_month_of_as_of(store, db_path, capsys):
    rc = main(["quotas", "--db", str(db_path), "--as-of", "2026-03-05", "--format", "json"])
    assert rc == 0
    assert json.loads(capsys.readouterr().out)["period"] == "2026-03"


def test_bad_period_is_a_usage_error(db_path, capsys):
    assert main(["quotas", "--db", str(db_path), "--quarter", "2025-05"]) == 2
    assert "--quarter" in capsys.readouterr().err
    assert main(["quotas", "--db", str(db_path), "--month", "2025-13"]) == 2


def test_format_table_notes_units_and_scaled_targets(store, config):
    add(store, "2025-07-20", kind="video", with_video=1, unit_id="cd-kkt")
    res = evaluate(store, config, parse_period("2025-08"), as_of=date(2025, 8, 31))
    text = format_table(res, title="T")
    assert text.startswith("T\n")
    assert "Chỉ tiêu 10 đơn vị lớn hơn số đơn vị tồn tại trong kỳ (7)" in text
    assert "1/7 đơn vị có video" in text
    names = {u.id: u.name for u in config.units}
    named = format_table(res, unit_names=names)
    assert [ln for ln in named.splitlines() if len(ln) > 100] == []  # a terminal of 100 columns
    notes = named.replace("\n  ", " ")  # a note wrapped to the width reads as one line
    behind = next(ln for ln in notes.splitlines() if "1/7 đơn vị có video" in ln).split("chưa có: ")[1]
    existing = next(r for r in res if r.units_existing is not None).units_existing
    assert behind.rstrip(".").split(", ") == [names[u] for u in existing if u != "cd-kkt"]
    assert names["cd-kkt"] not in behind and "ldld-" not in behind
    assert format_table([]).strip() == "Không có chỉ tiêu nào áp dụng cho kỳ này."


def test_quotas_without_a_database_says_so_and_creates_none(tmp_path, capsys):
    from pipeline.cli import main

    db = tmp_path / "none.sqlite"
    assert main(["quotas", "--db", str(db)]) == 1
    assert "no database here" in capsys.readouterr().err
    assert not db.exists()
