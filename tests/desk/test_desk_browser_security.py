"""The desk's security paths in a real browser (Debian's Chromium driven by Playwright) against
waitress on 127.0.0.1: an edit that meets a busy store shows the Vietnamese 503 page and one
click sends it again; a user changes their own password and their other sessions end."""

from __future__ import annotations

import re
import threading

import pytest

from pipeline.desk.busy import BUSY
from pipeline.desk.settings import DeskSettings
from pipeline.store import Store
from tests.desk.test_desk_browser import browser_page  # noqa: F401 (a fixture)
from tests.desk.test_desk_browser import sign_in as browser_sign_in
from tests.desk.test_desk_busy import locked
from tests.desk.test_desk_limits import stop
from tests.helpers import browser
from tests.helpers.desk import PASSWORD

pytestmark = pytest.mark.skipif(not browser.available(), reason="no /usr/bin/chromium")


@pytest.fixture
def quick_desk(demo, tmp_path):
    from pipeline.desk.app import create_app
    from pipeline.desk.server import make_server

    settings = DeskSettings(write_wait_seconds=0.5, threads=4)
    app = create_app(demo[0], demo[1], reports_dir=tmp_path / "reports", settings=settings)
    server = make_server(app, settings, host="127.0.0.1", port=0)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    stop(server, thread)


def test_a_busy_store_says_so_and_one_click_retries(quick_desk, browser_page, demo):  # noqa: F811
    page = browser_page
    browser_sign_in(page, quick_desk)
    page.goto(quick_desk + "/plan")
    row = page.locator('tr[data-plan="B.V.1"]')
    row.locator("input[name=done_on]").fill("20/05/2025")
    row.locator("input[name=note]").fill("đã cử 2 cán bộ")
    with locked(demo[0]):
        with page.expect_response(re.compile(r"/plan/mark$")) as answer:
            row.get_by_text("Đánh dấu xong").click()
        assert answer.value.status == 503
        assert BUSY in page.inner_text("#busy")
        with Store(demo[0]) as s:
            assert s.conn.execute("SELECT COUNT(*) FROM plan_marks").fetchone()[0] == 0
    page.click("#retry")  # the lock is gone: the same form, sent again
    page.wait_for_selector(".flash.ok")
    row = page.locator('tr[data-plan="B.V.1"]')
    assert "Xong 20/05/2025" in row.inner_text() and "đã cử 2 cán bộ" in row.inner_text()


def test_change_ones_password_and_the_other_sessions_end(quick_desk, browser_page):  # noqa: F811
    page = browser_page
    other = page.context.browser.new_context().new_page()
    browser_sign_in(other, quick_desk, "xem")
    browser_sign_in(page, quick_desk, "xem")
    page.click("a.who")
    page.wait_for_url(re.compile(r"/account$"))
    page.fill("input[name=current]", PASSWORD)
    page.fill("input[name=new]", "mat-khau-moi-9")
    page.fill("input[name=again]", "mat-khau-moi-9")
    page.click("#password-form button[type=submit]")
    page.wait_for_selector(".flash.ok")
    assert "Đã đổi mật khẩu" in page.inner_text(".flash.ok")
    page.goto(quick_desk + "/")
    assert "/login" not in page.url  # this browser goes on
    other.goto(quick_desk + "/")
    assert "/login" in other.url  # the other one has to sign in again
    other.fill("input[name=name]", "xem")
    other.fill("input[name=password]", PASSWORD)
    other.click("button[type=submit]")
    assert "Sai tên đăng nhập hoặc mật khẩu" in other.inner_text(".flash.error")
    other.fill("input[name=name]", "xem")
    other.fill("input[name=password]", "mat-khau-moi-9")
    other.click("button[type=submit]")
    other.wait_for_url(re.compile(r"/(\?.*)?$"))
    other.context.close()
