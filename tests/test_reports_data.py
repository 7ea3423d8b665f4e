"""The month report JSON contract, the year report and the contributors report."""

from __future__ import annotations

import json

import pytest
from helpers import reports_fixture
from helpers.reports_fixture import EXPECTED, XSS_TITLE, make_month

from reports.monthdata import build_month
from reports.yeardata import build_contributors, build_year


@pytest.fixture
def month_store(tmp_path):
    store, config, _db = make_month(tmp_path)
    yield store, config
    store.close()


CONTRACT = {"period", "website", "facebook", "units", "contributors", "unattributed", "quotas"}


def test_contract_keys_and_figures(month_store):
    store, config = month_store
    d = build_month(store, config, "2025-05")
    assert set(d) >= CONTRACT
    assert d["period"] == "2025-05"
    assert set(d["website"]) == {"news", "articles", "videos", "with_video", "total"}
    assert d["website"] == EXPECTED["website"]
    w = d["website"]
    assert w["news"] + w["articles"] + w["videos"] == w["total"]
    assert {"posts", "videos"} <= set(d["facebook"])
    assert d["facebook"]["posts"] == 5 and d["facebook"]["videos"] == 1
    assert (d["facebook"]["bulletins"], d["facebook"]["contests"], d["facebook"]["linked"]) == (1, 1, 1)
    assert d["unattributed"] == EXPECTED["unattributed"]
    assert isinstance(d["quotas"], list)
    for q in d["quotas"]:
        assert {"id", "target", "actual", "status"} <= set(q)
        assert q["status"] in {"met", "not_met", "on_track", "at_risk", "not_due"}
    json.dumps(d, ensure_ascii=False)  # serialisable as it is


def test_units_every_existing_unit_and_federation(month_store):
    store, config = month_store
    d = build_month(store, config, "2025-05")
    existing = {u.id for u in config.units if u.exists_on(__import__("datetime").date(2025, 5, 15))}
    assert existing <= set(d["units"])
    assert "ldld-tinh" in d["units"]
    for counts in d["units"].values():
        assert set(counts) == {"news", "articles", "videos", "facebook"}
    ky_anh = d["units"]["ldld-h-ky-anh"]
    # /tin-1, /tin-2, /tin-dau-thang (00:30 on 1 May local); /bai-1; /video-2; fb:1 and fb:3
    assert ky_anh == {"news": 3, "articles": 1, "videos": 1, "facebook": 2}
    assert d["units"]["ldld-nghi-xuan"]["news"] == 1  # set by hand
    assert d["units"]["cdn-y-te"] == {"news": 0, "articles": 1, "videos": 0, "facebook": 0}
    assert d["units"]["ldld-cam-xuyen"] == {"news": 0, "articles": 0, "videos": 0, "facebook": 0}
    assert "ldld-cam-xuyen" in d["units_inactive"] and "ldld-tinh" not in d["units_inactive"]
    # every attributed website item lands in exactly one unit
    web_in_units = sum(c["news"] + c["articles"] + c["videos"] for c in d["units"].values())
    assert web_in_units + d["unattributed"] == d["website"]["total"]


def test_contributors_full_credit_each(month_store):
    store, config = month_store
    d = build_month(store, config, "2025-05")
    assert d["contributors"]["nguyen-thu-ha"] == {"news": 3, "articles": 1, "videos": 1}
    assert d["contributors"]["tran-van-nam"] == {"news": 2, "articles": 0, "videos": 1}
    assert d["contributors"]["le-thi-mai"] == {"news": 0, "articles": 0, "videos": 0}
    rows = {r["id"]: r for r in d["contributor_rows"]}
    assert rows["nguyen-thu-ha"]["status"] == "not_met"  # 3 of 4 news, month over
    assert rows["nguyen-thu-ha"]["met"] == {"news": False, "articles": True, "videos": True}
    assert rows["tran-van-nam"]["status"] == "met"
    assert rows["le-thi-mai"]["status"] == "no_target"
    assert [r["role"] for r in d["contributor_rows"]] == ["bbt", "bcv", "ctv"]


def test_month_boundaries_are_local_time(month_store):
    store, config = month_store
    d = build_month(store, config, "2025-05")
    keys = {it["key"] for it in d["items"]}
    assert "/tin-dau-thang" in keys and "/tin-thang-6" not in keys
    first = next(it for it in d["items"] if it["key"] == "/tin-dau-thang")
    assert first["published"] == "01/05/2025 00:30"
    assert first["published_iso"].endswith("+07:00")
    june = build_month(store, config, "2025-06")
    assert june["website"]["total"] == 1 and june["items"][0]["key"] == "/tin-thang-6"


def test_extras_daily_items_quality(month_store):
    store, config = month_store
    d = build_month(store, config, "2025-05")
    assert d["period_label"] == "Tháng 5/2025"
    assert len(d["daily"]) == 31
    last = d["daily"][-1]
    assert (last["news"], last["articles"], last["videos"]) == (11, 3, 2)
    assert d["daily"][0]["news"] == 1  # the 00:30 item
    assert len(d["items"]) == 16 + 5
    xss = next(it for it in d["items"] if it["key"] == "/tin-7")
    assert xss["title"] == XSS_TITLE
    dq = d["data_quality"]
    assert {i["key"] for i in dq["unattributed"]} == {"/tin-9", "/cho-1"}
    assert [i["key"] for i in dq["reposts"]] == ["/tin-9"]
    assert [i["key"] for i in dq["kind_fallback"]] == ["/cho-1"]
    assert {i["key"] for i in dq["date_fallback"]} == {"/tin-10", "/cho-1"}
    assert {i["key"] for i in dq["overridden"]} == {"/tin-6", "/tin-8"}
    assert [i["key"] for i in d["pending"]] == ["/cho-1"]
    assert {i["key"]: i["flags"] for i in dq["unsure"]} == reports_fixture.UNSURE
    assert dq["counts"]["unsure"] == len(reports_fixture.UNSURE)
    tin6 = next(it for it in d["items"] if it["key"] == "/tin-6")
    assert tin6["kind"] == "article" and tin6["overridden"]
    fb3 = next(it for it in d["items"] if it["key"] == "fb:3")
    assert fb3["linked_key"] == "/bai-1" and fb3["source"] == "facebook"
    ytd = {e["id"]: e for e in d["year_to_date"]}
    assert ytd["B.IV.3"]["actual"] == 7  # 4 in May + 3 in April
    assert ytd["B.IV.3"]["text"].startswith("7")
    assert d["unit_names"]["ldld-h-ky-anh"] == "LĐLĐ huyện Kỳ Anh"
    assert d["contributor_info"]["nguyen-thu-ha"]["targets"] == {"news": 4, "articles": 1, "videos": 1}


def test_bad_month_is_refused(month_store):
    store, config = month_store
    for bad in ("2025-13", "2025-5", "05-2025", "abc"):
        with pytest.raises(ValueError):
            build_month(store, config, bad)


def test_year_report(month_store):
    store, config = month_store
    y = build_year(store, config, 2025)
    assert [m["period"] for m in y["months"]] == [f"2025-{m:02d}" for m in range(1, 13)]
    may = y["months"][4]
    assert may["website"] == EXPECTED["website"]
    assert may["facebook"]["posts"] == 5
    assert y["months"][3]["website"]["total"] == 3
    assert y["months"][5]["website"]["total"] == 1
    assert y["totals"]["website"]["total"] == 16 + 3 + 1
    assert y["totals"]["website"]["with_video"] == 7
    assert y["units"]["ldld-can-loc"]["months"][3] == 3
    assert sum(y["units"]["ldld-h-ky-anh"]["months"]) == 3 + 1 + 1 + 2 + 1
    assert any(q["id"] == "B.IV.3" and q["actual"] == 7 for q in y["quotas"])


def test_contributors_report(month_store):
    store, config = month_store
    c = build_contributors(store, config, "2025-05")
    rows = {r["id"]: r for r in c["contributors"]}
    assert rows["nguyen-thu-ha"]["role_label"] == "BBT"
    assert rows["tran-van-nam"]["role_label"] == "Báo cáo viên"
    assert rows["le-thi-mai"]["role_label"] == "CTV"
    assert rows["nguyen-thu-ha"]["unit_name"] == "LĐLĐ huyện Kỳ Anh"
    assert (rows["nguyen-thu-ha"]["news"], rows["nguyen-thu-ha"]["targets"]["news"]) == (3, 4)
    assert len(c["items"]["nguyen-thu-ha"]) == 5
    assert c["website_items"] == 16
    assert c["summary"] == {"met": 1, "not_met": 1, "in_progress": 0, "no_target": 1}


def test_fixture_loads(month_store):
    store, config = month_store
    assert config.contributor("nguyen-thu-ha").targets.news == 4
    n = store.conn.execute("SELECT COUNT(*) FROM items WHERE local_date LIKE '2025-05-%'").fetchone()[0]
    assert n == len(reports_fixture.WEBSITE_MAY) + 1 + 5
