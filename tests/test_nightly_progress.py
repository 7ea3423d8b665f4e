"""Progress reporting (bar on a terminal, lines otherwise) and the rotating log file."""

from __future__ import annotations

import io
import logging

import pytest

from pipeline.logs import add_file_handler, remove_handler
from pipeline.progress import make_progress


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def root_info():
    root = logging.getLogger()
    old = root.level
    root.setLevel(logging.INFO)
    yield root
    root.setLevel(old)


def test_plain_lines_when_not_a_terminal(caplog):
    stream = io.StringIO()
    caplog.set_level(logging.INFO, logger="cdht.progress")
    p = make_progress(stream=stream)
    assert not p.tty
    p("tin-tuc page 1: 20 entries, 20 new")
    p("tin-tuc page 2: 20 entries, 3 new")
    p.close()
    assert stream.getvalue() == ""  # nothing drawn; the lines go to the log
    msgs = [r.getMessage() for r in caplog.records if r.name == "cdht.progress"]
    assert msgs == ["tin-tuc page 1: 20 entries, 20 new", "tin-tuc page 2: 20 entries, 3 new"]


def test_plain_lines_carry_the_count_when_the_total_is_known(caplog):
    caplog.set_level(logging.INFO, logger="cdht.progress")
    p = make_progress(total=4, stream=io.StringIO())
    p("one")
    assert caplog.records[-1].getMessage() == "[1/4] one"


def test_bar_on_a_terminal_is_redrawn_in_place():
    stream = FakeTTY()
    t = [0.0]
    p = make_progress(total=4, stream=stream, clock=lambda: t[0], min_interval=0.1)
    assert p.tty
    p("a")
    t[0] = 0.05
    p("b")  # too soon: not drawn
    t[0] = 0.2
    p("c")
    p("d")  # the last step is always drawn
    p.close()
    out = stream.getvalue()
    frames = out.split("\r\x1b[K")[1:]
    assert frames[0].startswith("[######..................] 1/4  25% a")
    assert not any(f.endswith(" b") for f in frames)
    assert "3/4" in frames[1] and frames[1].endswith("c")
    assert frames[-1].startswith("[########################] 4/4 100% d")
    assert out.endswith("\n")  # close() ends the bar's line
    assert "\n" not in out[:-1]


def test_bar_without_total_counts_steps():
    stream = FakeTTY()
    p = make_progress(stream=stream, min_interval=0)
    p("tin-tuc page 1")
    p("tin-tuc page 2")
    assert p.line() == "[2 steps] tin-tuc page 2"
    p.close()


def test_log_lines_clear_the_bar_first(root_info):
    stream = FakeTTY()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(message)s"))
    root_info.addHandler(handler)
    try:
        p = make_progress(total=10, stream=stream, min_interval=0)
        p("page 1")
        logging.getLogger("cdht.test").warning("a warning")
        p.close()
    finally:
        root_info.removeHandler(handler)
    out = stream.getvalue()
    bar_then_clear = out.index("page 1") < out.index("\r\x1b[Ka warning")
    assert bar_then_clear
    assert not handler.filters  # the filter is removed on close


def test_rotating_log_file(tmp_path, root_info):
    path = tmp_path / "logs" / "cdht.log"
    handler = add_file_handler(path, max_bytes=10_000, backups=2)
    try:
        assert add_file_handler(path) is handler  # once per path
        log = logging.getLogger("cdht.test")
        for i in range(400):
            log.info("line %03d %s", i, "x" * 60)
        handler.flush()
    finally:
        remove_handler(handler)
    files = sorted(p.name for p in path.parent.iterdir())
    assert files == ["cdht.log", "cdht.log.1", "cdht.log.2"]
    assert all(p.stat().st_size <= 10_000 for p in path.parent.iterdir())
    last = path.read_text(encoding="utf-8").splitlines()[-1]
    assert last.endswith("INFO cdht.test: line 399 " + "x" * 60)


def test_unwritable_log_file_names_the_path(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(OSError, match="cannot open the log file"):
        add_file_handler(blocker / "cdht.log")
