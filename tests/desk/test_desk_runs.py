"""Every import, from any face, shows on the desk's "Facebook" and "Lần chạy" pages, in
Vietnamese."""

from __future__ import annotations

import io
import re
import sys

import lxml.html

from pipeline import cli
from pipeline.demo.facebook_export import build_demo_export
from reports.runlog import command_vi, message_vi
from tests.helpers.desk import signed_in


def _text(html: str) -> str:
    page = lxml.html.fromstring(html)
    for el in page.xpath("//script|//style"):
        el.drop_tree()
    return " ".join(page.text_content().split())


def test_the_demo_import_is_on_the_pages(app):
    client = signed_in(app, "xem")
    fb = _text(client.get("/facebook").get_data(as_text=True))
    assert "Nhập tệp Facebook (chạy thử)" in fb and "Chưa có lần nhập nào" not in fb
    runs = _text(client.get("/runs").get_data(as_text=True))
    assert "Nhập tệp Facebook (chạy thử)" in runs and "Thu thập website" in runs


def test_an_import_at_the_terminal_shows_in_the_desk(app, demo, tmp_path, monkeypatch):
    db, config = demo
    path = build_demo_export(tmp_path)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert cli.main(["import-facebook", str(path), "--db", str(db), "--config", str(config)]) == 0
    client = signed_in(app, "xem")
    fb = _text(client.get("/facebook").get_data(as_text=True))
    line = re.search(r"· Nhập tệp Facebook · thành công · ([^·]+?) bài đăng", fb)
    assert line, fb[-800:]
    runs = _text(client.get("/runs").get_data(as_text=True))
    assert "Nhập tệp Facebook" in runs
    for english in ("posts (", "pages read", "#1 ", "dyi-zip", " collect "):
        assert english not in fb and english not in runs, english


def test_run_words_for_people():
    assert command_vi("nightly:collect") == "Thu thập website (hằng đêm)"
    assert command_vi("desk:import-facebook") == "Nhập tệp Facebook (trên bàn biên tập)"
    assert message_vi("1340 pages read, 2 pending") == "đã đọc 1.340 trang, 2 trang chưa tải được"
    assert message_vi("x.zip: 125 posts (dyi-zip)") == "x.zip: 125 bài đăng (Tải thông tin của bạn, JSON, tệp zip)"
    night = message_vi("collect: ok (340 pages read, 0 pending); facebook: ok (no new export); mail: skipped")
    assert night == ("thu thập website: thành công (đã đọc 340 trang, 0 trang chưa tải được); "
                     "hộp thư Facebook: thành công (không có tệp mới); gửi thư: bỏ qua")  # fmt: skip
    assert message_vi("Something only a developer reads") == ""
