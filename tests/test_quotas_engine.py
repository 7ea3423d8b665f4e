"""The quota engine against a real SQLite store: counts, periods, status, units, dedupe."""

from __future__ import annotations

from datetime import date

import pytest
from helpers.quotas import add, by_id

from pipeline.settings import load_config
from quotas.engine import evaluate, month_quotas
from quotas.periods import parse_period

MAY = parse_period("2025-05")


def news(store, day, n, **kw):
    for _ in range(n):
        add(store, day, kind="news", **kw)


# ---------------------------------------------------------------- monthly counts
def test_100_news_and_5_articles_make_the_month(store, config):
    news(store, "2025-05-10", 100)
    for _ in range(5):
        add(store, "2025-05-20", kind="article")
    add(store, "2025-05-12", source="facebook", kind="news")  # Facebook is not the website
    res = evaluate(store, config, MAY, as_of=date(2025, 6, 15))
    a, b = by_id(res, "B.I.2a", "2025-05"), by_id(res, "B.I.2b", "2025-05")
    assert (a.actual, a.target, a.status) == (100, 100, "met")
    assert (b.actual, b.target, b.status) == (5, 5, "met")
    assert len(a.items) == 100 and all(i["source"] == "website" for i in a.items)


def test_99_news_is_not_met_and_pending_items_count(store, config):
    news(store, "2025-05-10", 98)
    add(store, "2025-05-11", kind="news", status="pending")
    add(store, "2025-05-12", kind="article")
    res = evaluate(store, config, MAY, as_of=date(2025, 6, 1))
    a = by_id(res, "B.I.2a", "2025-05")
    assert (a.actual, a.status) == (99, "not_met")
    assert sum(1 for i in a.items if i.get("status") == "pending") == 1


def test_item_at_0600_local_on_the_1st_belongs_to_that_month(store, config):
    news(store, "2025-05-15", 99)
    row = add(store, "2025-06-01 06:00", kind="news")
    assert row["published_utc"] == "2025-05-31T23:00:00Z"  # still May in UTC
    may = by_id(evaluate(store, config, MAY, as_of=date(2025, 7, 1)), "B.I.2a", "2025-05")
    june = by_id(
        evaluate(store, config, parse_period("2025-06"), as_of=date(2025, 7, 1)),
        "B.I.2a",
        "2025-06",
    )
    assert may.actual == 99 and may.status == "not_met"
    assert june.actual == 1 and june.items[0]["key"] == row["key"]


def test_month_with_no_items(store, config):
    res = evaluate(store, config, parse_period("2025-03"), as_of=date(2025, 4, 2))
    a = by_id(res, "B.I.2a", "2025-03")
    assert (a.actual, a.status, a.items) == (0, "not_met", [])
    q = month_quotas(store, config, "2025-03", as_of=date(2025, 4, 2))
    assert {d["id"] for d in q} >= {"B.I.2a", "B.I.2b", "B.IV.3", "B.III"}
    assert all(d["actual"] == 0 for d in q)


def test_editor_override_of_kind_is_what_counts(store, config):
    row = add(store, "2025-05-03", kind="news")
    store.set_override("website", row["key"], "kind", "article")
    res = evaluate(store, config, MAY, as_of=date(2025, 6, 1))
    assert by_id(res, "B.I.2a", "2025-05").actual == 0
    assert by_id(res, "B.I.2b", "2025-05").actual == 1


# ---------------------------------------------------------------- status and pace
def test_running_month_is_projected_from_its_pace(store, config):
    news(store, "2025-05-05", 40)
    a = by_id(evaluate(store, config, MAY, as_of=date(2025, 5, 10)), "B.I.2a", "2025-05")
    assert a.status == "on_track" and a.projection == pytest.approx(40 * 31 / 10, abs=0.1)
    assert a.as_of == date(2025, 5, 10)
    news(store, "2025-05-12", 5)
    b = by_id(evaluate(store, config, MAY, as_of=date(2025, 5, 20)), "B.I.2a", "2025-05")
    assert b.actual == 45 and b.status == "at_risk"  # 45 / (20/31) = 69.75 < 100


def test_items_after_the_cut_off_do_not_count(store, config):
    news(store, "2025-05-05", 3)
    news(store, "2025-05-25", 7)
    a = by_id(evaluate(store, config, MAY, as_of=date(2025, 5, 10)), "B.I.2a", "2025-05")
    assert a.actual == 3


def test_future_period_is_not_due(store, config):
    res = evaluate(store, config, parse_period("2025-06"), as_of=date(2025, 5, 10))
    a = by_id(res, "B.I.2a", "2025-06")
    assert (a.status, a.actual, a.projection) == ("not_due", 0, None)


def test_quarter_lists_each_month_and_its_own_targets(store, config):
    res = evaluate(store, config, parse_period("2025-Q2"), as_of=date(2025, 5, 15))
    assert [r.period for r in res if r.id == "B.I.2a"] == ["2025-04", "2025-05", "2025-06"]
    assert [r.status for r in res if r.id == "B.I.2a"] == ["not_met", "at_risk", "not_due"]
    assert by_id(res, "B.III").period == "2025-Q2"


def test_deadline_inside_the_month(store, config):
    add(store, "2025-05-29", title="Chuyên mục Lao động và Công đoàn số tháng 5")
    res = evaluate(store, config, MAY, as_of=date(2025, 5, 31))
    col = by_id(res, "B.I.3", "2025-05")
    assert col.due == date(2025, 5, 28) and col.status == "not_met" and col.actual == 0
    add(store, "2025-05-27", title="Phát sóng chuyên mục Lao động và Công đoàn")
    col = by_id(evaluate(store, config, MAY, as_of=date(2025, 5, 31)), "B.I.3", "2025-05")
    assert col.status == "met" and col.actual == 1


# ---------------------------------------------------------------- the year's video items
def test_video_items_of_the_year_in_a_month_report(store, config):
    add(store, "2025-01-15", kind="video", with_video=1)
    add(store, "2025-03-02", kind="news", with_video=1)
    add(store, "2025-05-31 23:30", kind="article", with_video=1)
    add(store, "2025-06-01 06:00", kind="video", with_video=1)  # June: after the month
    add(store, "2025-04-01", kind="news", with_video=0)
    add(store, "2025-04-02", source="facebook", kind="video", media_type="video", with_video=1)
    q = month_quotas(store, config, "2025-05")
    v = by_id(q, "B.IV.3")
    assert (v["period"], v["target"], v["actual"]) == ("2025", 200, 3)
    assert v["status"] == "at_risk"  # 3 by 31 May cannot reach 200 at that pace
    assert v["as_of"] == "2025-05-31"
    assert {
        "id",
        "name",
        "target",
        "actual",
        "status",
        "stretch",
        "projection",
        "unit_scope",
    } <= set(v)


def test_q4_2024_video_target_with_stretch(store, config):
    for d in ("2024-10-05", "2024-11-05", "2024-12-05", "2024-12-20", "2024-12-31"):
        add(store, d, kind="video", with_video=1)
    add(store, "2024-09-30", kind="video", with_video=1)  # before the plan's quarter
    res = evaluate(store, config, parse_period("2024-12"), as_of=date(2025, 1, 5))
    v = by_id(res, "B.IV.3")
    assert (v.period, v.target, v.stretch, v.actual, v.status) == ("2024-Q4", 5, 10, 5, "met")


def test_yearly_targets_2025_to_2028(store, config):
    for y, want in ((2025, 200), (2026, 300), (2027, 500), (2028, 600)):
        res = evaluate(store, config, parse_period(str(y)), as_of=date(y, 6, 30))
        assert by_id(res, "B.IV.3", str(y)).target == want


def test_monthly_targets_stop_after_december_2028(store, config):
    res = evaluate(store, config, parse_period("2029-01"), as_of=date(2029, 2, 1))
    assert not [r for r in res if r.id in ("B.I.2a", "B.I.2b")]
    res = evaluate(store, config, parse_period("2024-09"), as_of=date(2024, 10, 1))
    assert not [r for r in res if r.id in ("B.I.2a", "B.I.2b")]


# ---------------------------------------------------------------- units
def test_units_with_a_video_in_workers_month(store, config):
    units = ["ldld-can-loc", "ldld-duc-tho", "cd-kkt"]
    for u in units:
        add(store, "2025-05-10", kind="video", with_video=1, unit_id=u)
    add(store, "2025-05-11", kind="news", with_video=1, unit_id="cd-kkt")  # same unit again
    add(
        store, "2025-05-12", source="facebook", media_type="video", kind="video", unit_id="cdn-y-te"
    )
    add(store, "2025-05-13", kind="news", with_video=0, unit_id="cdn-gtxd")  # no video
    add(store, "2025-05-14", kind="video", with_video=1, unit_id="ldld-tinh")  # not a unit
    add(store, "2025-06-02", kind="video", with_video=1, unit_id="cd-giao-duc")  # after May
    r = by_id(month_quotas(store, config, "2025-05"), "B.II.1", "2025-thang-cong-nhan")
    assert r["target"] == 14 and r["actual"] == 4 and r["status"] == "not_met"
    assert r["units_counted"] == sorted([*units, "cdn-y-te"])
    assert len(r["units_existing"]) == 20 and "ldld-tinh" not in r["units_existing"]
    assert "cdn-gtxd" in r["units_missing"]


def test_unit_that_ceased_on_30_june_2025(store, config):
    add(store, "2025-06-20", kind="video", with_video=1, unit_id="ldld-can-loc")
    add(store, "2025-07-20", kind="video", with_video=1, unit_id="ldld-duc-tho")  # after it ceased
    add(store, "2025-07-21", kind="video", with_video=1, unit_id="cd-kkt")
    res = evaluate(store, config, parse_period("2025"), as_of=date(2025, 12, 31))
    review = by_id(res, "B.II.3", "2025-so-ket-6-thang")  # 15/06-31/07: districts existed
    assert len(review.units_existing) == 20 and review.target == 14
    assert review.units_counted == ["cd-kkt", "ldld-can-loc", "ldld-duc-tho"]
    founding = by_id(res, "B.II.2", "2025-thanh-lap-cd")  # 15/07-05/08: districts gone
    assert len(founding.units_existing) == 7 and "ldld-duc-tho" not in founding.units_existing
    assert founding.target == 7 and "100%" in founding.note and "10" in founding.note
    assert founding.units_counted == ["cd-kkt"]
    assert founding.target_configured == "10"


def test_percent_and_numeric_unit_targets_against_a_grown_registry(store):
    new_units = [
        {"id": f"ldld-moi-{i}", "name": f"Công đoàn mới {i}", "type": "other",
         "aliases": [f"Công đoàn mới {i}"], "valid_from": date(2025, 7, 1)}
        for i in range(12)
    ]  # fmt: skip
    cfg = load_config(overrides={"units": {"units": new_units}})
    res = evaluate(store, cfg, parse_period("2026-05"), as_of=date(2026, 6, 1))
    r = by_id(res, "B.II.1", "2026-thang-cong-nhan")
    assert len(r.units_existing) == 19 and r.target == 16 and r.note == ""
    res = evaluate(store, cfg, parse_period("2027-05"), as_of=date(2027, 6, 1))
    r = by_id(res, "B.II.1", "2027-thang-cong-nhan")
    assert r.target_configured == "100%" and r.target == 19


def test_tet_window_spans_the_year_end(store, config):
    add(store, "2024-12-31", kind="video", with_video=1, unit_id="cd-kkt")
    add(store, "2025-01-20", kind="video", with_video=1, unit_id="cdn-y-te")
    dec = by_id(month_quotas(store, config, "2024-12"), "B.II.1", "2025-tet")
    assert dec["actual"] == 1 and dec["status"] in ("on_track", "at_risk")
    assert dec["as_of"] == "2024-12-31"
    jan = by_id(month_quotas(store, config, "2025-01"), "B.II.1", "2025-tet")
    assert jan["actual"] == 2 and jan["status"] == "at_risk"
    feb = by_id(month_quotas(store, config, "2025-02"), "B.II.1", "2025-tet")
    assert feb["status"] == "not_met" and feb["target"] == 14


def test_founding_window_spans_a_month_end(store, config):
    add(store, "2025-07-28", kind="video", with_video=1, unit_id="cdn-y-te")
    add(store, "2025-08-03", source="facebook", media_type="video", unit_id="cd-kkt")
    add(
        store, "2025-08-03", kind="news", title="Bản tin Công đoàn Hà Tĩnh số 5/2025", is_bulletin=1
    )
    jul = by_id(month_quotas(store, config, "2025-07"), "B.II.2", "2025-thanh-lap-cd")
    assert (jul["actual"], jul["target"], jul["status"]) == (1, 7, "at_risk")  # 17 of 22 days gone
    assert jul["projection"] == pytest.approx(22 / 17, abs=0.1)
    aug = month_quotas(store, config, "2025-08")
    w = by_id(aug, "B.II.2", "2025-thanh-lap-cd")
    assert (w["actual"], w["status"]) == (2, "not_met")
    assert by_id(aug, "B.IV.2", "2025-thanh-lap-cd")["status"] == "met"


# ---------------------------------------------------------------- the federation's own videos
def test_federation_videos_include_unattributed_but_not_reposts(store, config):
    add(store, "2025-05-05", kind="video", with_video=1, unit_id=None, is_repost=1)
    add(store, "2025-05-06", kind="video", with_video=1, unit_id="cd-kkt")
    r = by_id(month_quotas(store, config, "2025-05"), "B.II.1-tinh", "2025-thang-cong-nhan")
    assert (r["actual"], r["status"]) == (0, "not_met")
    add(store, "2025-05-07", kind="news", with_video=1, unit_id=None)
    r = by_id(month_quotas(store, config, "2025-05"), "B.II.1-tinh", "2025-thang-cong-nhan")
    assert (r["actual"], r["status"], r["unit_scope"]) == (1, "met", "ldld-tinh")


# ---------------------------------------------------------------- one issue, one count
def test_bulletin_issue_counts_once_across_channels(store, config):
    web = add(store, "2025-08-05", title="Bản tin Công đoàn Hà Tĩnh số 3/2025", is_bulletin=1)
    add(
        store,
        "2025-08-05",
        source="facebook",
        title="",
        is_bulletin=1,
        raw={"text": "📢 BẢN TIN CÔNG ĐOÀN HÀ TĨNH SỐ 03/2025 đã phát hành\nMời đoàn viên đón xem"},
    )
    add(
        store,
        "2025-08-06",
        source="facebook",
        title="Mời xem bản tin",
        is_bulletin=1,
        linked_key=web["key"],
    )
    add(
        store,
        "2025-08-07",
        source="facebook",
        title="Chia sẻ lại: Bản tin Công đoàn Hà Tĩnh số 3",
        is_bulletin=1,
    )
    res = evaluate(store, config, parse_period("2025-Q3"), as_of=date(2025, 10, 1))
    b = by_id(res, "B.III", "2025-Q3")
    assert (b.actual, b.target, b.stretch, b.status) == (1, 1, 2, "met")
    assert len(b.items) == 4 and {i["counts_as"] for i in b.items} == {"issue:3/2025"}
    add(store, "2025-09-20", title="Bản tin Công đoàn Hà Tĩnh số 4/2025", is_bulletin=1)
    b = by_id(
        evaluate(store, config, parse_period("2025-Q3"), as_of=date(2025, 10, 1)),
        "B.III",
        "2025-Q3",
    )
    assert b.actual == 2


def test_bulletins_without_a_number_dedupe_by_first_line(store, config):
    add(store, "2026-02-01", title="Bản tin Tết Sum vầy 2026 – Công đoàn Hà Tĩnh", is_bulletin=1)
    add(
        store,
        "2026-02-02",
        source="facebook",
        title="",
        is_bulletin=1,
        raw={"text": "Bản tin Tết Sum vầy 2026 - Công đoàn Hà Tĩnh!!\nChúc mừng năm mới"},
    )
    add(
        store,
        "2026-03-10",
        source="facebook",
        title="",
        is_bulletin=1,
        raw={"text": "Bản tin hoạt động tháng 3"},
    )
    res = evaluate(store, config, parse_period("2026-Q1"), as_of=date(2026, 4, 1))
    b = by_id(res, "B.III", "2026-Q1")
    assert (b.actual, b.target, b.status) == (2, 2, "met")


def test_contest_counts_once_however_many_posts(store, config):
    for when, text in (
        ("2025-09-01", "Phát động Cuộc thi trực tuyến tìm hiểu Bộ luật Lao động năm 2025"),
        ("2025-09-15", "Tuần 2 cuộc thi trực tuyến tìm hiểu Bộ luật Lao động năm 2025: đáp án"),
        ("2025-10-01", "Kết quả Cuộc thi trực tuyến Tìm hiểu Bộ luật Lao động năm 2025"),
    ):
        add(store, when, source="facebook", title="", is_contest=1, raw={"text": text})
    res = evaluate(store, config, parse_period("2025"), as_of=date(2026, 1, 10))
    c = by_id(res, "B.IV.5", "2025")
    assert (c.actual, c.target, c.status) == (1, 1, "met") and len(c.items) == 3


# ---------------------------------------------------------------- topic filter (NQ 05)
def test_collective_bargaining_items_per_quarter(store, config):
    add(store, "2025-04-03", title="Ký kết thoả ước lao động tập thể tại Công ty May 10")
    add(store, "2025-05-03", title="Tập huấn cán bộ", lead="Nội dung về TULĐTT và đối thoại")
    add(store, "2025-06-03", kind="article", title="Thương lượng tập thể: bài 1: kinh nghiệm")
    add(store, "2025-06-04", title="Hội thao công nhân")
    add(store, "2025-06-05", source="facebook", title="Thỏa ước lao động tập thể")  # website only
    res = evaluate(store, config, parse_period("2025-Q2"), as_of=date(2025, 7, 1))
    r = by_id(res, "A.I.10", "2025-Q2")
    assert (r.actual, r.target, r.status) == (3, 1, "met")
    assert "Hội thao công nhân" not in {i["title"] for i in r.items}


# ---------------------------------------------------------------- personal targets
def test_contributor_monthly_targets(store):
    cfg = load_config(overrides={"contributors": {"contributors": [
        {"id": "nguyen-thu-ha", "name": "Nguyễn Thu Hà", "unit": "cd-kkt",
         "targets": {"news": 4, "articles": 1}},
        {"id": "le-van-a", "name": "Lê Văn A"},  # no personal target: no result
    ]}})  # fmt: skip
    for d in ("2025-05-02", "2025-05-09", "2025-05-16", "2025-05-23"):
        add(store, d, kind="news", contributors=["nguyen-thu-ha"])
    add(store, "2025-05-24", kind="news", contributors=["le-van-a"])
    res = month_quotas(store, cfg, "2025-05")
    n = by_id(res, "B.I.4:nguyen-thu-ha:news")
    a = by_id(res, "B.I.4:nguyen-thu-ha:articles")
    assert (n["actual"], n["target"], n["status"], n["contributor"]) == (
        4,
        4,
        "met",
        "nguyen-thu-ha",
    )
    assert (a["actual"], a["status"]) == (0, "not_met")
    assert n["unit_scope"] == "cd-kkt" and "Nguyễn Thu Hà" in n["name"]
    assert not [r for r in res if r["id"].startswith("B.I.4:le-van-a")]


# ---------------------------------------------------------------- one read of the store
def _mixed_year(store):
    """Items of every kind, channel and flag over 2024-12 .. 2026-01, some on window edges."""
    days = ["2024-12-31", "2025-01-01", "2025-01-28", "2025-02-10", "2025-03-31", "2025-04-01",
            "2025-05-01", "2025-05-15", "2025-05-28", "2025-05-29", "2025-05-31", "2025-06-01",
            "2025-07-28", "2025-08-03", "2025-09-30", "2025-12-20", "2026-01-01"]  # fmt: skip
    units = ["ldld-h-ky-anh", "cd-kkt", None, "ldld-tinh"]
    for i, d in enumerate(days):
        unit = units[i % 4]
        add(store, d, kind=("news", "article", "video")[i % 3], unit_id=unit, with_video=i % 2,
            contributors=["nguyen-thu-ha"] if i % 3 == 0 else ())  # fmt: skip
        add(store, d, title="Thương lượng tập thể tại doanh nghiệp", unit_id=unit)
        add(store, d, title=f"Bản tin Công đoàn Hà Tĩnh số {i}/2025", is_bulletin=1)
        web = add(store, d, title="Chuyên mục Lao động và Công đoàn", with_video=1, unit_id=unit)
        add(store, d, source="facebook", title="", media_type="video" if i % 2 else "photo",
            linked_key=web["key"] if i % 3 == 0 else "", unit_id=unit,
            raw={"text": "Cuộc thi trực tuyến tìm hiểu Bộ luật Lao động năm 2025"},
            is_contest=int(i % 4 == 0))  # fmt: skip
        add(store, d, kind="news", status="pending", is_repost=int(i % 5 == 0))
    row = add(store, "2025-05-15", kind="news")
    store.set_override("website", row["key"], "kind", "article")


def test_one_read_of_the_store_counts_as_a_read_per_window(store, monkeypatch):
    """The rows of every target's window come from one read of the whole span; the figures are
    those of reading each window on its own."""
    import quotas.engine as engine

    cfg = load_config(overrides={"contributors": {"contributors": [
        {"id": "nguyen-thu-ha", "name": "Nguyễn Thu Hà", "unit": "cd-kkt",
         "targets": {"news": 2, "articles": 1, "videos": 1}}]}})  # fmt: skip
    _mixed_year(store)
    reads = []
    between = store.items_between
    monkeypatch.setattr(store, "items_between", lambda *a, **k: reads.append(a) or between(*a, **k))
    cases = [("2025-01", date(2025, 2, 5)), ("2025-05", date(2025, 6, 30)),
             ("2025-05", date(2025, 5, 20)), ("2025-12", date(2026, 1, 5)),
             ("2026-01", date(2026, 1, 1))]  # fmt: skip
    shared = []
    for month, as_of in cases:
        reads.clear()
        shared.append(month_quotas(store, cfg, month, as_of=as_of))
        assert len(reads) == 1
    monkeypatch.setattr(engine._Ctx, "prefetch", lambda self, windows: None)
    for (month, as_of), got in zip(cases, shared, strict=True):
        reads.clear()
        assert month_quotas(store, cfg, month, as_of=as_of) == got
        assert len(reads) > 1  # each window read on its own
    may = {r["id"]: r for r in shared[1] if r["period"] in ("2025-05", "2025-Q2", "2025")}
    assert may["B.I.2a"]["actual"] > 0 and may["B.IV.3"]["actual"] > 0 and may["A.I.10"]["actual"] > 0
    assert may["B.III"]["actual"] > 0 and may["B.I.4:nguyen-thu-ha:news"]["actual"] > 0


def test_a_title_changed_within_the_same_second_is_matched_anew(store, config, monkeypatch):
    import pipeline.store.items as items

    monkeypatch.setattr(items, "utcnow", lambda: "2025-07-01T00:00:00Z")  # one second for all
    row = add(store, "2025-05-03", title="Hội thao công nhân")
    q2 = parse_period("2025-Q2")
    assert by_id(evaluate(store, config, q2, as_of=date(2025, 7, 1)), "A.I.10", "2025-Q2").actual == 0
    add(store, "2025-05-03", key=row["key"], title="Ký kết thỏa ước lao động tập thể")
    assert store.get_item("website", row["key"])["updated_at"] == "2025-07-01T00:00:00Z"
    assert by_id(evaluate(store, config, q2, as_of=date(2025, 7, 1)), "A.I.10", "2025-Q2").actual == 1
