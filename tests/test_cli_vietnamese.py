"""What the command line prints for people is Vietnamese: argparse's own usage and errors,
bad months and periods; chart warnings never reach the terminal."""

from __future__ import annotations

import warnings

import pytest

from pipeline.cli import main


def _err(capsys, argv) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    return exc.value.code, capsys.readouterr().err


def test_a_missing_argument_is_told_in_vietnamese(capsys):
    code, err = _err(capsys, ["report", "month"])
    assert code == 2
    assert err.startswith("cách dùng: cdht report month")
    assert "cdht: lỗi: thiếu tham số bắt buộc: month" in err
    assert "usage:" not in err and "required" not in err


def test_an_unknown_command_and_option(capsys):
    code, err = _err(capsys, ["khong-co"])
    assert code == 2 and "không có lựa chọn 'khong-co'" in err and "invalid choice" not in err
    code, err = _err(capsys, ["status", "--khong-co"])
    assert code == 2 and "không hiểu tham số: --khong-co" in err and "unrecognized" not in err


def test_help_text(capsys):
    with pytest.raises(SystemExit):
        main(["status", "--help"])
    out = capsys.readouterr().out
    assert "cách dùng:" in out and "tùy chọn" in out and "hiện hướng dẫn này rồi thoát" in out
    assert "show this help message" not in out


def test_a_bad_month_and_period(capsys, tmp_path):
    db = str(tmp_path / "x.sqlite")
    assert main(["report", "month", "2025-13", "--db", db]) == 2
    err = capsys.readouterr().err
    assert "«2025-13» không phải là một tháng: viết theo dạng YYYY-MM" in err and "is not" not in err
    assert main(["quotas", "--month", "2025-Q2", "--db", db]) == 2
    err = capsys.readouterr().err
    assert "«2025-Q2» là một quý, không phải một tháng" in err


def test_bad_dates_in_options(capsys):
    code, err = _err(capsys, ["collect", "--since", "01/05/2025"])
    assert code == 2 and "không phải là một ngày" in err and "invalid" not in err


def test_chart_warnings_go_to_the_log_not_the_terminal(caplog):
    from reports import charts

    @charts._quiet
    def noisy():
        warnings.warn("No artists with labels found to put in legend", UserWarning, stacklevel=1)
        return {}

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a warning that escaped would raise here
        with caplog.at_level("DEBUG", logger="cdht.reports"):
            assert noisy() == {}
    assert "No artists with labels" in caplog.text
