"""quotas.toml: the plan's own numbers, and bad files refused with file, entry and key."""

from __future__ import annotations

from datetime import date

import pytest
from helpers.quotas import by_id

from pipeline.settings import ConfigError, load_config
from quotas.engine import evaluate
from quotas.model import instances, load_quotas, parse_amount
from quotas.periods import parse_period, quarter_period, year_period

NQ06_IDS = {
    "B.I.2a", "B.I.2b", "B.I.3", "B.I.4", "B.II.1", "B.II.2", "B.II.3", "B.III", "B.IV.1",
    "B.IV.2", "B.IV.3", "B.IV.5", "A.I.10",
}  # fmt: skip


def test_bundled_file_has_every_measurable_target_of_nq06(config):
    quotas = load_quotas(config)
    assert {t.id for t in quotas.targets} >= NQ06_IDS
    assert {w.id for w in quotas.windows} >= {"tet", "thang-cong-nhan", "thanh-lap-cd"}


def test_monthly_100_news_and_5_articles_from_october_2024_to_december_2028(config):
    q = load_quotas(config)
    for tid, value in (("B.I.2a", 100), ("B.I.2b", 5)):
        periods = instances(q.target(tid), q)
        assert periods[0].key == "2024-10" and periods[-1].key == "2028-12"
        assert len(periods) == 51
        assert {q.target(tid).amount_for(p).target for p in periods} == {value}


def test_video_items_per_year_and_q4_2024_as_its_own_period(config):
    q = load_quotas(config)
    t = q.target("B.IV.3")
    assert [p.key for p in instances(t, q)] == ["2024-Q4", "2025", "2026", "2027", "2028"]
    q4 = t.amount_for(quarter_period(2024, 4))
    assert (q4.target, q4.stretch) == (5, 10)
    assert [t.amount_for(year_period(y)).target for y in (2025, 2026, 2027, 2028)] == [
        200,
        300,
        500,
        600,
    ]


def test_bulletins_per_quarter_2025_2026(config):
    q = load_quotas(config)
    t = q.target("B.III")
    got = [
        (t.amount_for(quarter_period(y, n)).target, t.amount_for(quarter_period(y, n)).stretch)
        for y in (2025, 2026)
        for n in (1, 2, 3, 4)
    ]
    assert got == [(1, None), (1, None), (1, 2), (1, 2), (2, None), (2, None), (3, None), (3, None)]
    assert t.amount_for(quarter_period(2027, 2)).target == 1
    assert t.amount_for(quarter_period(2028, 4)).target == 1


def test_units_for_tet_and_workers_month(config):
    q = load_quotas(config)
    t = q.target("B.II.1")
    by_key = {p.key: t.amount_for(p) for p in instances(t, q)}
    assert by_key["2025-tet"].target == 14 and by_key["2025-thang-cong-nhan"].target == 14
    assert by_key["2026-tet"].target == 16 and by_key["2026-thang-cong-nhan"].target == 16
    for y in (2027, 2028):
        assert by_key[f"{y}-tet"].percent == 100 and by_key[f"{y}-thang-cong-nhan"].percent == 100
    # Thang Cong nhan is May
    tcn = next(p for p in instances(t, q) if p.key == "2025-thang-cong-nhan")
    assert (tcn.start, tcn.end) == (date(2025, 5, 1), date(2025, 5, 31))


def test_review_and_founding_day_unit_numbers(config):
    q = load_quotas(config)
    b22 = q.target("B.II.2")
    assert [b22.amount_for(parse_period(str(y))).text for y in (2025, 2026, 2027)] == [
        "10",
        "15",
        "100%",
    ]
    b23 = q.target("B.II.3")
    keys = [p.key for p in instances(b23, q)]
    assert keys[0] == "2024-tong-ket-nam"  # the 2024 mid-year review predates the plan
    assert b23.amount_for(instances(b23, q)[0]).target == 12


def test_contests_and_top_ten_video_deadline(config):
    q = load_quotas(config)
    t = q.target("B.IV.5")
    assert [t.amount_for(year_period(y)).target for y in (2025, 2026, 2027, 2028)] == [1, 1, 2, 2]
    top10 = q.target("B.IV.1")
    assert top10.due(year_period(2025)) == date(2025, 12, 20)
    column = q.target("B.I.3")
    assert column.due(parse_period("2025-02")) == date(2025, 2, 28)
    assert column.due(parse_period("2025-05")) == date(2025, 5, 28)


def test_parse_amount_forms():
    assert parse_amount("1-2").target == 1 and parse_amount("1-2").stretch == 2
    assert parse_amount("05- 10").target == 5 and parse_amount("05- 10").stretch == 10
    assert parse_amount("100%").percent == 100
    assert parse_amount(7).target == 7
    for bad in ("2-1", "many", "0%", -3):
        with pytest.raises(ValueError):
            parse_amount(bad)


# ---------------------------------------------------------------- editing without code
def test_a_federation_retires_changes_and_adds_targets_in_its_config_folder(tmp_path, store):
    (tmp_path / "quotas.toml").write_text(
        """
[[targets]]
id = "B.I.2b"
enabled = false

[[targets]]
id = "B.I.2a"
values = { "2025" = 120 }

[[targets]]
id = "X.1"
name = "Video trên Facebook"
period = "month"
scope = "facebook"
count = "video"
applies_from = "2025-01"
applies_to = "2025-12"
values = { default = 8 }
""",
        encoding="utf-8",
    )
    cfg = load_config(tmp_path)
    res = evaluate(store, cfg, parse_period("2025-05"), as_of=date(2025, 6, 1))
    ids = {r.id for r in res}
    assert "B.I.2b" not in ids
    assert by_id(res, "B.I.2a").target == 120
    assert by_id(res, "X.1").target == 8
    # out of its range the added target does not apply
    res26 = evaluate(store, cfg, parse_period("2026-05"), as_of=date(2026, 6, 1))
    assert "X.1" not in {r.id for r in res26}
    assert by_id(res26, "B.I.2a").target == 100


# ---------------------------------------------------------------- refused at load
def _refused(tmp_path, text: str) -> str:
    (tmp_path / "quotas.toml").write_text(text, encoding="utf-8")
    cfg = load_config(tmp_path)
    with pytest.raises(ConfigError) as exc:
        load_quotas(cfg)
    msg = str(exc.value)
    assert str(tmp_path / "quotas.toml") in msg  # names the file
    return msg


BASE = """
[[targets]]
id = "X.1"
name = "Thử"
period = "{period}"
scope = "{scope}"
count = "news"
{extra}
"""


def test_unknown_scope_is_refused(tmp_path):
    msg = _refused(
        tmp_path, BASE.format(period="month", scope="galaxy", extra="values = { default = 1 }")
    )
    assert "(id=X.1).scope" in msg


def test_missing_year_is_refused(tmp_path):
    msg = _refused(
        tmp_path,
        BASE.format(
            period="year", scope="website",
            extra='applies_from = "2025-01"\napplies_to = "2027-12"\nvalues = { "2025" = 1, "2026" = 2 }',
        ),
    )  # fmt: skip
    assert "(id=X.1).values" in msg and "2027" in msg


def test_window_that_ends_before_it_starts_is_refused(tmp_path):
    msg = _refused(
        tmp_path,
        '[[windows]]\nid = "tet"\ndates."2026" = { start = 2026-02-20, end = 2026-01-18 }\n',
    )
    assert "windows[0] (id=tet).dates.2026" in msg and "before start" in msg


def test_window_year_without_dates_is_refused(tmp_path):
    msg = _refused(
        tmp_path,
        '[[windows]]\nid = "hoi-thao"\nname = "Hội thao"\ndates."2025" = { start = 2025-09-01, end = 2025-09-30 }\n'
        + BASE.format(
            period="window", scope="units",
            extra='windows = ["hoi-thao"]\napplies_from = "2025-01"\napplies_to = "2026-12"\nvalues = { default = 5 }',
        ),
    )  # fmt: skip
    assert "(id=hoi-thao).dates" in msg and "2026" in msg and "id=X.1" in msg


def test_unit_not_in_registry_is_refused(tmp_path):
    msg = _refused(
        tmp_path,
        BASE.format(
            period="month", scope="unit", extra='unit = "ldld-khong-co"\nvalues = { default = 1 }'
        ),
    )
    assert "(id=X.1).unit" in msg and "ldld-khong-co" in msg


def test_unknown_window_and_percent_outside_units_are_refused(tmp_path):
    msg = _refused(
        tmp_path,
        BASE.format(
            period="window",
            scope="website",
            extra='windows = ["khong-co"]\nvalues = { default = 1 }',
        ),
    )
    assert "(id=X.1).windows" in msg
    msg = _refused(
        tmp_path, BASE.format(period="month", scope="website", extra='values = { default = "50%" }')
    )
    assert "(id=X.1)" in msg and "percent" in msg


def test_the_check_against_the_units_is_made_again_when_the_units_change(config):
    assert load_quotas(config) is load_quotas(config)  # checked once, kept on the config
    config.units = [u for u in config.units if u.id != "ldld-tinh"]
    with pytest.raises(ConfigError) as exc:
        load_quotas(config)
    assert "'ldld-tinh' is not a unit id" in str(exc.value)
