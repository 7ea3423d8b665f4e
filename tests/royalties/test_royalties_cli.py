"""``cdht report royalties``: the sheet, the rate checks, and what other rates would cost."""

from __future__ import annotations

import json

import pytest
from helpers.reports_fixture import make_month
from helpers.royalties_fixture import OTHER_RATES, RATES, make_royalty_month, write_rates

from pipeline.cli import main


@pytest.fixture
def setup(tmp_path):
    store, _config, db, cdir = make_royalty_month(tmp_path)
    store.close()
    return db, cdir


def _run(capsys, *args):
    rc = main(list(args))
    out, err = capsys.readouterr()
    return rc, out, err


def test_json_to_stdout(setup, capsys):
    db, cdir = setup
    rc, out, _ = _run(capsys, "report", "royalties", "2025-05", "--db", str(db), "--config", str(cdir),
                      "--format", "json")  # fmt: skip
    assert rc == 0
    d = json.loads(out)
    assert d["period"] == "2025-05" and d["point_value"] == 234000
    assert d["total_amount"] == sum(c["amount"] for c in d["contributors"].values())
    assert d["total_in_words"].endswith("đồng")


def test_writes_every_format(setup, tmp_path, capsys):
    db, cdir = setup
    out_dir = tmp_path / "out"
    rc, out, _ = _run(capsys, "report", "royalties", "2025-05", "--db", str(db), "--config", str(cdir),
                      "--out", str(out_dir))  # fmt: skip
    assert rc == 0
    names = sorted(p.name for p in out_dir.iterdir())
    assert names == ["nhuan-but-2025-05.docx", "nhuan-but-2025-05.json", "nhuan-but-2025-05.xlsx"]
    assert len(out.split()) == 3


def test_without_rates_it_says_so_in_vietnamese(tmp_path, capsys):
    store, _config, db = make_month(tmp_path)
    store.close()
    rc, out, err = _run(capsys, "report", "royalties", "2025-05", "--db", str(db), "--format", "json")
    assert rc == 2 and out == ""
    assert "chưa có mức nhuận bút" in err and "royalties.toml" in err


@pytest.mark.parametrize("change, names", [
    (("234000", "-5"), "point_value"),
    (("234000", '"nhiều"'), "point_value"),
    (("points = 3\n", "points = 6\n"), "kinds.articles"),
    (("[kinds.videos]", "[kinds.photos]\npoints = 1\nmin = 0\nmax = 1\n[kinds.videos]"), "kinds: unknown kind(s) photos"),
    (("min = 0.5", "min = -1"), "kinds.news.min"),
])  # fmt: skip
def test_bad_rate_files_name_file_and_key(setup, capsys, change, names):
    db, cdir = setup
    write_rates(cdir, RATES.replace(*change))
    rc, out, err = _run(capsys, "report", "royalties", "2025-05", "--db", str(db), "--config", str(cdir),
                        "--format", "json")  # fmt: skip
    assert rc == 2 and out == ""
    assert "royalties.toml" in err and names in err


def test_a_bad_rates_file_for_comparison_is_named(setup, tmp_path, capsys):
    db, cdir = setup
    other = write_rates(tmp_path, RATES.replace("points = 1\n", "points = 3\n"), "de-xuat.toml")
    rc, _out, err = _run(capsys, "report", "royalties", "2025-05", "--rates", str(other), "--db", str(db),
                         "--config", str(cdir), "--format", "json")  # fmt: skip
    assert rc == 2 and "de-xuat.toml" in err and "kinds.news" in err


def test_comparison_of_rates(setup, tmp_path, capsys):
    db, cdir = setup
    other = write_rates(tmp_path, OTHER_RATES, "de-xuat.toml")
    args = ["--db", str(db), "--config", str(cdir)]
    rc, out, _ = _run(capsys, "report", "royalties", "2025-05", "--format", "json", *args)
    sheet = json.loads(out)
    rc, out, _ = _run(capsys, "report", "royalties", "2025-04", "2025-06", "--rates", str(other),
                      "--format", "json", *args)  # fmt: skip
    assert rc == 0
    d = json.loads(out)
    assert d["months"] == ["2025-04", "2025-05", "2025-06"]
    assert d["current"]["total_amount"] == sheet["total_amount"]  # April and June have no writer
    ha = next(r for r in d["rows"] if r["id"] == "nguyen-thu-ha")
    # Thu Hà: 8 points at 234.000 now; her article is worth 4 points, 9 at 250.000, proposed
    assert ha["current_amount"] == 8 * 234000 and ha["proposed_amount"] == 9 * 250000
    assert (ha["current_points"], ha["proposed_points"]) == (8, 9)
    assert ha["difference"] == ha["proposed_amount"] - ha["current_amount"]
    assert d["difference"] == d["proposed"]["total_amount"] - d["current"]["total_amount"]
    assert d["proposed"]["total_amount"] == sum(r["proposed_amount"] for r in d["rows"])


def test_comparison_before_any_rates_are_set(tmp_path, capsys):
    store, _config, db = make_month(tmp_path)
    store.close()
    other = write_rates(tmp_path, RATES, "de-xuat.toml")
    rc, out, _ = _run(capsys, "report", "royalties", "2025-05", "--rates", str(other), "--db", str(db),
                      "--format", "json")  # fmt: skip
    d = json.loads(out)
    assert rc == 0 and d["current"] is None and d["proposed"]["total_amount"] > 0


def test_usage_errors(setup, capsys):
    db, cdir = setup
    args = ["--db", str(db), "--config", str(cdir), "--format", "json"]
    assert _run(capsys, "report", "royalties", "2025-13", *args)[0] == 2
    assert _run(capsys, "report", "royalties", "2025-05", "2025-06", *args)[0] == 2  # no --rates
    rates = write_rates(cdir.parent, RATES, "de-xuat.toml")
    assert _run(capsys, "report", "royalties", "2025-05", "--rates", str(rates), "--db", str(db),
                "--format", "docx")[0] == 2  # fmt: skip
    assert _run(capsys, "report", "royalties", "2025-06", "2025-05", "--rates", str(rates), *args)[0] == 2


def test_comparison_as_a_workbook(setup, tmp_path, capsys):
    import openpyxl

    db, cdir = setup
    other = write_rates(tmp_path, OTHER_RATES, "de-xuat.toml")
    rc, out, _ = _run(capsys, "report", "royalties", "2025-05", "--rates", str(other), "--db", str(db),
                      "--config", str(cdir), "--format", "xlsx", "--out", str(tmp_path / "ss"))  # fmt: skip
    assert rc == 0
    path = tmp_path / "ss" / "so-sanh-nhuan-but-2025-05-2025-05.xlsx"
    assert out.strip() == str(path)
    rows = [[c.value for c in r] for r in openpyxl.load_workbook(path).active.iter_rows()]
    ha = next(r for r in rows if r[0] == "Nguyễn Thu Hà")
    assert ha[2:7] == [8, 9, 8 * 234000, 9 * 250000, 9 * 250000 - 8 * 234000]
    total = next(r for r in rows if r[0] == "Tổng cộng")
    assert total[5] == sum(r[5] for r in rows if r[0] in ("Nguyễn Thu Hà", "Trần Văn Nam"))


def test_item_points_and_no_royalty_from_the_command_line(setup, capsys):
    from pipeline.store import Store, audit, royalty_marks

    db, cdir = setup
    args = ["--db", str(db), "--config", str(cdir)]
    rc, _out, err = _run(capsys, "item", "/bai-1", "--points", "6", *args)  # articles: 2 to 5
    assert rc == 2 and "từ 2 đến 5 điểm" in err
    assert _run(capsys, "item", "/bai-1", "--points", "4,5", "--note", "bài dài", *args)[0] == 0
    rc, out, _ = _run(capsys, "item", "/tin-3", "--no-royalty", *args)
    assert rc == 0 and "Nhuận bút:   không tính nhuận bút" in out
    assert "Nhuận bút:   4,5 điểm" in _run(capsys, "item", "/bai-1", *args)[1]
    with Store(db) as s:
        assert royalty_marks.get(s, "website", "/bai-1", "points") == 4.5
        assert audit.history(s, "item", "website:/bai-1")[0]["note"] == "bài dài"
        assert royalty_marks.get(s, "website", "/tin-3", "no_royalty") is True
    assert _run(capsys, "item", "/tin-3", "--clear", "no_royalty", *args)[0] == 0
    with Store(db) as s:
        assert royalty_marks.get(s, "website", "/tin-3", "no_royalty") is None


def test_item_points_need_rates(tmp_path, capsys):
    store, _config, db = make_month(tmp_path)
    store.close()
    rc, _out, err = _run(capsys, "item", "/bai-1", "--points", "3", "--db", str(db))
    assert rc == 2 and "chưa có mức nhuận bút" in err
