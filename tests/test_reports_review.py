"""The review over a span of months: the month reports summed, targets by year, rankings,
coverage, and the span's usage errors."""

from __future__ import annotations

from datetime import date

import pytest
from helpers.review_fixture import HA, MAI, NAM, make_review_store

from pipeline.settings import ConfigError, load_config
from quotas.span import SpanError, parse_span, term_span
from reports.monthdata import build_month
from reports.review.data import build_review

TODAY = date(2026, 12, 7)


@pytest.fixture
def fixture(tmp_path):
    store, config, db, cdir = make_review_store(tmp_path)
    yield store, config, db, cdir
    store.close()


def review(store, config, first="2024-12", last="2025-02"):
    return build_review(store, config, parse_span(first, last, today=TODAY))


VOLATILE = ("generated_at", "generated_label")


def test_months_are_the_month_reports_and_the_span_is_their_sum(fixture):
    store, config, *_ = fixture
    data = review(store, config)
    months = [build_month(store, config, p) for p in ("2024-12", "2025-01", "2025-02")]
    assert [m["period"] for m in data["months"]] == ["2024-12", "2025-01", "2025-02"]
    for got, want in zip(data["months"], months, strict=True):
        assert {k: v for k, v in got.items() if k not in VOLATILE} == \
            {k: v for k, v in want.items() if k not in VOLATILE}  # fmt: skip
    for key in ("news", "articles", "videos", "with_video", "total"):
        assert data["website"][key] == sum(m["website"][key] for m in months)
    assert data["website"] == {"news": 9, "articles": 2, "videos": 2, "with_video": 3, "total": 13}
    assert data["facebook"]["posts"] == sum(m["facebook"]["posts"] for m in months) == 2
    for uid in set().union(*(m["units"] for m in months)):
        for k in ("news", "articles", "videos", "facebook"):
            assert data["units"][uid][k] == sum(m["units"].get(uid, {}).get(k, 0) for m in months)
    assert data["contributors"][HA] == {"news": 5, "articles": 0, "videos": 0}
    assert data["unattributed"] == 1


def test_targets_inside_the_span_have_their_final_status(fixture):
    store, config, *_ = fixture
    data = review(store, config)
    by = {(q["id"], q["period"]): q for q in data["quotas"]}
    assert by[("B.I.2a", "2025-01")]["status"] == "not_met"
    assert by[("B.I.2a", "2025-01")]["actual"] == 3
    assert by[("A.I.10", "2024-Q4")]["status"] == "not_met"  # the quarter ended inside the span
    assert by[("B.IV.3", "2024-Q4")]["status"] == "not_met"
    assert by[("B.IV.3", "2024-Q4")]["target"] == 5
    assert ("B.IV.3", "2025") not in by  # the year runs on past the span
    assert all(q["status"] in ("met", "not_met") for q in data["quotas"])
    personal = by[(f"B.I.4:{HA}:news", "2024-12")]
    assert personal["status"] == "met" and personal["actual"] == 3


def test_each_year_beside_its_own_targets(fixture):
    store, config, *_ = fixture
    years = {y["year"]: y for y in review(store, config)["years"]}
    assert sorted(years) == [2024, 2025]
    assert years[2024]["months"] == ["2024-12"]
    assert years[2024]["website"]["with_video"] == 1
    assert years[2025]["website"]["with_video"] == 2
    video = {y: next(q for q in years[y]["quotas"] if q["id"] == "B.IV.3") for y in years}
    assert (video[2024]["target"], video[2024]["period"]) == (5, "2024-Q4")
    assert (video[2025]["target"], video[2025]["actual"]) == (200, 2)
    assert video[2025]["status"] == "at_risk"  # as of the span's end, 28/02/2025
    units_2025 = [q for q in years[2025]["quotas"] if q["id"] == "B.II.1"]
    assert {q["target_configured"] for q in units_2025} == {"14"}
    news = next(s for s in years[2025]["monthly"] if s["id"] == "B.I.2a")
    assert (news["months"], news["not_met"], news["target"]) == (2, 2, 100)


def test_ranking_follows_the_default_score_with_ties_and_the_merge(fixture):
    store, config, *_ = fixture
    ranking = review(store, config)["ranking"]
    units = {r["id"]: r for r in ranking["units"]}
    assert [r["id"] for r in ranking["units"][:4]] == ["ldld-can-loc", "ldld-h-ky-anh", "ldld-tx-ky-anh", "cdn-y-te"]
    assert (units["ldld-can-loc"]["score"], units["ldld-can-loc"]["rank"]) == (4, 1)
    # Kỳ Anh district's February items count for the town it merged into
    assert units["ldld-h-ky-anh"]["score"] == 3 and units["ldld-h-ky-anh"]["rank"] == 2
    assert units["ldld-tx-ky-anh"]["score"] == 3 and units["ldld-tx-ky-anh"]["rank"] == 3  # fewer articles
    assert "cd-moi" not in units  # starts after the span
    assert "ldld-tinh" not in units
    zero = [r for r in ranking["units"] if r["score"] == 0]
    assert zero and {r["rank"] for r in zero} == {5} and all(r["tie"] for r in zero)
    people = {r["id"]: r for r in ranking["contributors"]}
    assert people[HA]["rank"] == 1
    assert people[NAM]["rank"] == people[MAI]["rank"] == 2 and people[NAM]["tie"]
    assert "B.I.4 Tháng 12/2024 (tin)" in people[HA]["met"]
    assert "B.I.4 Tháng 2/2025 (tin)" in people[HA]["missed"]


def test_ranking_weights_from_the_config(tmp_path):
    store, config, *_ = make_review_store(tmp_path, ranking="""
        [score]
        news = 1
        articles = 1
        videos = 1
        facebook = 2
    """)  # fmt: skip
    units = {r["id"]: r for r in review(store, config)["ranking"]["units"]}
    assert units["ldld-can-loc"]["score"] == 6
    assert units["cdn-y-te"]["score"] == 4 and units["cdn-y-te"]["rank"] == 2
    store.close()


@pytest.mark.parametrize("text, where", [
    ("[score]\nnews = -1\n", "score.news"),
    ("[score]\nnewz = 1\n", "score.newz"),
    ("[score]\ntie_break = ['likes']\n", "score.tie_break"),
    ("[score]\nnews = 0\narticles = 0\nvideos = 0\n", "score"),
])  # fmt: skip
def test_a_bad_ranking_file_names_file_and_key(tmp_path, text, where):
    store, _config, _db, cdir = make_review_store(tmp_path, ranking=text)
    with pytest.raises(ConfigError) as exc:
        review(store, load_config(cdir))
    assert "ranking.toml" in str(exc.value) and where in str(exc.value)
    store.close()


def test_months_before_the_data_or_not_read_have_no_verdict(tmp_path):
    store, config, *_ = make_review_store(tmp_path, read=False)
    from helpers.review_fixture import mark_read

    mark_read(store, "2025-02-10T01:00:00Z")  # February not read to its end
    data = review(store, config, "2024-10", "2025-02")
    assert data["months_without_data"] == ["2024-10", "2024-11", "2025-02"]
    assert data["coverage"]["2024-10"]["before_data"] and data["coverage"]["2024-10"]["no_data"]
    assert data["coverage"]["2025-02"]["no_data"] and not data["coverage"]["2025-02"]["before_data"]
    assert not data["coverage"]["2025-01"]["no_data"]
    by = {(q["id"], q["period"]): q for q in data["quotas"]}
    assert by[("B.I.2a", "2024-11")]["verdict"] == "no_data"
    assert by[("B.I.2a", "2024-11")]["verdict_label"] == "Chưa có số liệu"
    assert by[("B.I.2a", "2025-01")]["verdict"] == "not_met"
    quarter = by[("A.I.10", "2024-Q4")]  # counts October and November, which have no data
    assert quarter["verdict"] == "no_data" and quarter["months_without_data"] == ["2024-10", "2024-11"]
    assert quarter["data_note"] == "Tháng 10/2024, Tháng 11/2024: chưa có số liệu."
    assert by[(f"B.I.4:{HA}:news", "2024-12")]["verdict"] == "met"
    assert "Tháng 2/2025" in data["warning"]
    assert not data["no_data"]
    store.close()


def test_a_span_without_any_data(tmp_path):
    from pipeline.store import Store

    store = Store(tmp_path / "empty.sqlite")
    config = load_config()
    data = review(store, config, "2025-01", "2025-06")
    assert data["no_data"] and "CHƯA CÓ SỐ LIỆU" in data["warning"]
    assert data["quotas"] and all(q["verdict"] == "no_data" for q in data["quotas"])
    assert data["website"]["total"] == 0
    store.close()


@pytest.mark.parametrize("first, last, words", [
    ("2025-06", "2025-01", "trước khi bắt đầu"),
    ("2027-01", "2027-02", "chưa đến"),
    ("2024-01", "2025-01", "nhiệm kỳ"),
    ("2025-13", "2025-14", "không phải là một tháng"),
    ("2025-1", "2025-02", "YYYY-MM"),
])  # fmt: skip
def test_spans_that_cannot_be_reviewed(first, last, words):
    with pytest.raises(SpanError) as exc:
        parse_span(first, last, today=TODAY)
    assert words in str(exc.value)


def test_the_term_so_far():
    span = term_span(today=TODAY)
    assert (span.first, span.last) == ((2024, 10), (2026, 11))
    assert term_span(today=date(2029, 3, 1)).last == (2028, 12)
    assert term_span(today=date(2025, 1, 15)).last == (2024, 12)


def test_a_span_across_two_years_sets_each_year_beside_its_own_targets(tmp_path):
    from pipeline.store import Store

    store = Store(tmp_path / "empty.sqlite")
    years = {y["year"]: y for y in review(store, load_config(), "2025-11", "2026-02")["years"]}
    store.close()

    def target(year, qid, period=None):
        return next(q["target_configured"] for q in years[year]["quotas"]
                    if q["id"] == qid and (period is None or q["period"] == period))  # fmt: skip

    assert (target(2025, "B.IV.3"), target(2026, "B.IV.3")) == ("200", "300")
    assert (target(2025, "B.II.1", "2025-tet"), target(2026, "B.II.1", "2026-tet")) == ("14", "16")
    assert years[2025]["months"] == ["2025-11", "2025-12"] and years[2026]["months"] == ["2026-01", "2026-02"]
