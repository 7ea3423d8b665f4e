"""Manual plan items (config/manual.toml): due, overdue, done."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.settings import ConfigError, load_config
from quotas.manual import evaluate_manual, load_manual, month_manual


def _by_id(results, mid):
    return next(r for r in results if r.id == mid)


def test_bundled_items_cover_the_plan_deadlines(config):
    items = {i.id: i for i in load_manual(config).items}
    assert items["B.IV.8"].deadline_date == date(2027, 6, 30)  # "Quý 2/2027"
    assert items["B.IV.8"].deadline_label == "Quý 2/2027"
    assert items["B.V.2"].deadline_date == date(2026, 9, 30)  # mid-term review Q3/2026
    assert items["tong-ket-nq06"].deadline_date == date(2028, 9, 30)
    assert items["B.IV.6-2025"].deadline_label == "30/11/2025"
    assert {"B.IV.7-2025", "B.IV.7-2026", "B.IV.7-2027"} <= set(items)
    assert {f"B.IV.9-{y}" for y in range(2025, 2029)} <= set(items)


def test_states_as_of_a_date(config):
    res = evaluate_manual(config, date(2025, 10, 15))
    assert _by_id(res, "B.V.1").state == "overdue"  # Quý 3/2025 passed
    assert _by_id(res, "B.IV.6-2025").state == "due"  # 30/11/2025, within 90 days
    assert _by_id(res, "B.IV.8").state == "not_due"
    assert _by_id(res, "B.V.1").state_vi == "Quá hạn"
    assert [r.deadline for r in res] == sorted(r.deadline for r in res)


def test_a_person_marks_an_item_done_in_a_config_folder(tmp_path):
    (tmp_path / "manual.toml").write_text(
        '[[items]]\nid = "B.V.1"\nstatus = "done"\ndone_on = 2025-09-12\nnote = "Đã cử 2 cán bộ"\n',
        encoding="utf-8",
    )
    cfg = load_config(tmp_path)
    r = _by_id(evaluate_manual(cfg, date(2025, 10, 15)), "B.V.1")
    assert (r.state, r.done_on, r.note) == ("done", date(2025, 9, 12), "Đã cử 2 cán bộ")
    assert r.owner == "Ban TG-NC"  # the rest comes from the bundled entry
    sept = {d["id"]: d for d in month_manual(cfg, "2025-09")}
    assert sept["B.V.1"]["state"] == "done"
    assert "B.V.1" not in {d["id"] for d in month_manual(cfg, "2025-11")}


def test_month_manual_lists_due_and_overdue_at_the_month_end(config):
    got = {d["id"]: d["state"] for d in month_manual(config, "2025-10")}
    assert got["B.V.1"] == "overdue" and got["B.V.3-lop-1"] == "overdue"
    assert got["B.IV.6-2025"] == "due" and got["B.IV.7-2025"] == "due"
    assert "B.IV.8" not in got


def test_bad_deadline_is_refused_with_file_and_key(tmp_path):
    (tmp_path / "manual.toml").write_text(
        '[[items]]\nid = "B.IV.8"\ndeadline = "quý 2 năm sau"\n', encoding="utf-8"
    )
    cfg = load_config(tmp_path)
    with pytest.raises(ConfigError) as exc:
        load_manual(cfg)
    msg = str(exc.value)
    assert str(tmp_path / "manual.toml") in msg and "(id=B.IV.8).deadline" in msg
