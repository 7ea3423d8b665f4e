"""How `cdht` behaves as a program: a reader that stops early, --version."""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata

import pytest
from helpers.quotas import add

from pipeline.cli import EXIT_BROKEN_PIPE, main


def _fill(store):
    for day in range(1, 29):
        for _ in range(4):
            add(store, f"2025-05-{day:02d}", kind="news")
    store.close()


def _closed_reader(*argv: str) -> subprocess.CompletedProcess:
    """Run cdht with its standard output a pipe whose reader has already gone."""
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", *argv],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    proc.stdout.close()  # no reader left: the first write meets EPIPE, whatever its size
    err = proc.stderr.read().decode("utf-8")
    return subprocess.CompletedProcess(proc.args, proc.wait(), "", err)


@pytest.mark.parametrize("argv", [
    ("quotas", "--month", "2025-05"),
    ("runs",),
    ("report", "month", "2025-05", "--format", "json"),
])  # fmt: skip
def test_a_reader_that_stops_early_ends_quietly(store, db_path, tmp_path, argv):
    _fill(store)
    extra = ["--db", str(db_path)]
    if argv[0] == "report":
        extra += ["--out", str(tmp_path / "out")]
    done = _closed_reader(*argv, *extra)
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr
    assert done.returncode == EXIT_BROKEN_PIPE


def test_head_in_a_shell_pipeline_shows_no_traceback(store, db_path):
    _fill(store)
    cmd = f"{sys.executable} -m pipeline.cli quotas --month 2025-05 --db {db_path} | head -c 10"
    done = subprocess.run(["bash", "-c", cmd], capture_output=True, check=False)
    assert len(done.stdout) == 10
    assert b"Traceback" not in done.stderr, done.stderr


def test_version_comes_from_the_package_metadata(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"cdht {metadata.version('cdht')}"


def test_common_errors_are_vietnamese_with_the_detail_kept(tmp_path, capsys):
    bad = tmp_path / "cau-hinh"
    bad.mkdir()
    (bad / "units.toml").write_text("[[units]]\nid = 3\n", encoding="utf-8")
    assert main(["quotas", "--config", str(bad), "--db", str(tmp_path / "x.sqlite")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("cdht: lỗi cấu hình") and f"{bad / 'units.toml'}: units[" in err
    assert main(["runs", "--db", str(tmp_path / "khong-co.sqlite")]) == 1
    err = capsys.readouterr().err
    assert "chưa có cơ sở dữ liệu ở" in err and "(no database here)" in err
    assert not (tmp_path / "khong-co.sqlite").exists()
