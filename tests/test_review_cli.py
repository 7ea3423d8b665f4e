"""`cdht report period FROM TO` and `cdht report term` on the command line."""

from __future__ import annotations

import json

import pytest
from helpers.review_fixture import make_review_store

from pipeline.cli import main


@pytest.fixture
def paths(tmp_path):
    store, _config, db, cdir = make_review_store(tmp_path)
    store.close()
    return db, cdir, tmp_path


def test_period_json_on_stdout(paths, capsys):
    db, cdir, _ = paths
    code = main(["report", "period", "2024-12", "2025-02", "--format", "json", "--db", str(db),
                 "--config", str(cdir)])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    data = json.loads(out)
    assert (data["from"], data["to"]) == ("2024-12", "2025-02")
    assert [m["period"] for m in data["months"]] == ["2024-12", "2025-01", "2025-02"]
    assert data["website"]["total"] == sum(m["website"]["total"] for m in data["months"]) == 13
    assert {"units", "contributors"} <= set(data["ranking"])


def test_term_json(paths, capsys):
    db, cdir, _ = paths
    assert main(["report", "term", "--format", "json", "--db", str(db), "--config", str(cdir)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["from"] == "2024-10" and data["kind"] == "term"
    assert data["months"][2]["period"] == "2024-12"


@pytest.mark.parametrize("first, last, words", [
    ("2025-02", "2024-12", "trước khi bắt đầu"),
    ("2029-01", "2029-02", "chưa đến"),
    ("2024-01", "2025-02", "nhiệm kỳ"),
    ("tháng-5", "2025-02", "YYYY-MM"),
])  # fmt: skip
def test_bad_spans_are_usage_errors_and_write_nothing(paths, capsys, first, last, words):
    db, cdir, tmp = paths
    out = tmp / "bao-cao"
    code = main(["report", "period", first, last, "--out", str(out), "--db", str(db),
                 "--config", str(cdir)])  # fmt: skip
    err = capsys.readouterr()
    assert code == 2
    assert words in err.err and err.out == ""
    assert not out.exists()


def test_bad_ranking_file_is_a_usage_error(paths, capsys):
    db, cdir, tmp = paths
    (cdir / "ranking.toml").write_text("[score]\nvideos = 'nhiều'\n", encoding="utf-8")
    out = tmp / "bao-cao"
    code = main(["report", "period", "2024-12", "2025-02", "--format", "json", "--out", str(out), "--db", str(db),
                 "--config", str(cdir)])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2 and "ranking.toml" in err and "score.videos" in err
    assert not out.exists()
