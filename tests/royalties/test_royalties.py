"""The month's royalty sheet as data (reports/royalties.py) and its JSON contract."""

from __future__ import annotations

from fractions import Fraction

import pytest
from helpers.royalties_fixture import make_royalty_month

from pipeline.store import audit
from reports.monthdata import build_month
from reports.royalties import build_royalties
from reports.royalty_rates import NoRates, rates_of

KIND_OF = {"news": "news", "article": "articles", "video": "videos"}


@pytest.fixture
def month(tmp_path):
    store, config, _db, _cdir = make_royalty_month(tmp_path)
    yield store, config
    store.close()


def test_contract_keys(month):
    d = build_royalties(*month, "2025-05")
    assert {"period", "point_value", "contributors", "total_amount", "total_in_words"} <= set(d)
    assert d["period"] == "2025-05" and d["point_value"] == 234000
    for c in d["contributors"].values():
        assert {"items", "points", "amount"} <= set(c)
        for it in c["items"]:
            assert {"key", "kind", "points", "share"} <= set(it)


def test_items_agree_with_the_month_report(month):
    store, config = month
    sheet = build_royalties(store, config, "2025-05")
    report = build_month(store, config, "2025-05")
    paid = {cid: c for cid, c in report["contributors"].items() if any(c.values())}
    assert set(sheet["contributors"]) == set(paid)
    for cid, c in sheet["contributors"].items():
        counts = {k: 0 for k in ("news", "articles", "videos")}
        for it in c["items"]:
            counts[it["kind"]] += 1
        assert counts == paid[cid] == c["counts"]


def test_points_shares_and_amounts(month):
    store, config = month
    rates = rates_of(config)
    d = build_royalties(store, config, "2025-05")
    ha = d["contributors"]["nguyen-thu-ha"]
    shares = {it["key"]: it["share"] for it in ha["items"]}
    assert shares["/tin-4"] == 0.5 and shares["/tin-1"] == 1.0  # /tin-4 has two authors
    for c in d["contributors"].values():
        points = sum(Fraction(it["points"]) * Fraction(it["share"]) for it in c["items"])
        assert c["points"] == float(points)
        assert c["amount"] == round(points * 234000)
        for it in c["items"]:
            assert it["points"] == rates.default(it["kind"])
    assert d["total_amount"] == sum(c["amount"] for c in d["contributors"].values())
    assert d["total_amount"] > 0


def test_reposts_and_items_without_contributors_earn_nothing_and_are_listed(month):
    store, config = month
    d = build_royalties(store, config, "2025-05")
    paid = {it["key"] for c in d["contributors"].values() for it in c["items"]}
    apart = {it["key"]: it["reason"] for it in d["unpaid"]}
    assert apart["/tin-9"] == "repost"
    assert apart["/tin-5"] == "no_contributor" and apart["/cho-1"] == "no_contributor"
    assert not paid & set(apart)
    assert len(paid) + len(apart) == d["website_items"]  # nothing forgotten
    assert all(it["key"].startswith("/") for it in d["unpaid"])  # Facebook posts are not on it


def test_a_repost_with_a_contributor_still_earns_nothing(month):
    store, config = month
    audit.decide(store, "ed", "website", "/tin-9", "contributors", ["le-thi-mai"])
    d = build_royalties(store, config, "2025-05")
    assert "le-thi-mai" not in d["contributors"]
    assert {it["key"]: it["reason"] for it in d["unpaid"]}["/tin-9"] == "repost"


def test_editor_points_and_no_royalty_mark(month):
    store, config = month
    before = build_royalties(store, config, "2025-05")
    assert audit.decide(store, "ed", "website", "/bai-1", "points", 4.5, "bài dài")
    assert audit.decide(store, "ed", "website", "/tin-3", "no_royalty", True)
    d = build_royalties(store, config, "2025-05")
    ha, nam = d["contributors"]["nguyen-thu-ha"], d["contributors"]["tran-van-nam"]
    bai = next(it for it in ha["items"] if it["key"] == "/bai-1")
    assert bai["points"] == 4.5 and bai["points_set"]
    assert ha["points"] == before["contributors"]["nguyen-thu-ha"]["points"] + 1.5
    assert "/tin-3" not in {it["key"] for it in nam["items"]}
    assert {it["key"]: it["reason"] for it in d["unpaid"]}["/tin-3"] == "no_royalty"
    assert nam["amount"] == before["contributors"]["tran-van-nam"]["amount"] - 234000
    # both changes are in the audit trail, and undoing one puts the sheet back
    rows = audit.history(store, "item", "website:/bai-1")
    assert (rows[0]["field"], rows[0]["after"], rows[0]["note"]) == ("points", "4.5", "bài dài")
    audit.undo(store, "ed", rows[0]["id"])
    again = build_royalties(store, config, "2025-05")
    assert again["contributors"]["nguyen-thu-ha"]["points"] == before["contributors"]["nguyen-thu-ha"]["points"]


def test_points_set_under_other_rates_are_kept_within_the_range(month):
    store, config = month
    audit.decide(store, "ed", "website", "/tin-1", "points", 9)  # news: at most 2
    d = build_royalties(store, config, "2025-05")
    tin = next(it for it in d["contributors"]["nguyen-thu-ha"]["items"] if it["key"] == "/tin-1")
    assert tin["points"] == 2


def test_decide_refuses_points_that_are_not_a_number(month):
    store, _config = month
    for bad in ("3", -1, True):
        with pytest.raises(audit.DecisionError):
            audit.decide(store, "ed", "website", "/tin-1", "points", bad)


def test_full_share_for_co_authors(tmp_path):
    from helpers.royalties_fixture import RATES

    store, config, _db, _c = make_royalty_month(tmp_path, RATES.replace('"equal"', '"full"'))
    d = build_royalties(store, config, "2025-05")
    tin4 = [it for c in d["contributors"].values() for it in c["items"] if it["key"] == "/tin-4"]
    assert [it["share"] for it in tin4] == [1.0, 1.0]
    store.close()


def test_amount_rounds_to_whole_dong_from_exact_points(tmp_path):
    from helpers.royalties_fixture import RATES

    store, config, _db, _c = make_royalty_month(tmp_path, RATES.replace("234000", "100001"))
    audit.decide(store, "ed", "website", "/tin-4", "contributors",
                 ["nguyen-thu-ha", "tran-van-nam", "le-thi-mai"])  # fmt: skip
    d = build_royalties(store, config, "2025-05")
    mai = d["contributors"]["le-thi-mai"]
    assert mai["items"][0]["share"] == pytest.approx(1 / 3)
    assert mai["amount"] == 33334  # 100001 / 3 = 33333.67 đ
    store.close()


def test_no_rates_until_the_federation_sets_them(tmp_path):
    from helpers.reports_fixture import make_month

    store, config, _db = make_month(tmp_path)
    with pytest.raises(NoRates):
        build_royalties(store, config, "2025-05")
    store.close()


def test_the_example_is_a_rate_file_once_uncommented(tmp_path):
    from importlib import resources

    from reports.royalty_rates import load_rates_file

    example = resources.files("config").joinpath("royalties.toml.example").read_text(encoding="utf-8")
    assert all(line.startswith("#") for line in example.splitlines() if line.strip())
    text = "\n".join("" if line == "#" else line.removeprefix("# ") for line in example.splitlines())
    path = tmp_path / "royalties.toml"
    path.write_text(text, encoding="utf-8")
    rates = load_rates_file(path)
    assert rates.to_dict()["point_value"] == 234000 and rates.range("news") == (0.5, 2)
