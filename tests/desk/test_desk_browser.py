"""The desk in a real browser (Debian's Chromium driven by Playwright) against the desk served
by waitress on 127.0.0.1: sign in, fix an unattributed item, add a contributor from an unknown
byline, mark a plan item done, upload an export, download the month DOCX, and the pages at
1280 and 390 pixels wide (screenshots in ``CDHT_SHOTS`` when set, else the test's folder)."""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

import pytest

from pipeline.demo.facebook_export import build_demo_export
from pipeline.store import Store
from tests.helpers import browser
from tests.helpers.desk import PASSWORD

pytestmark = pytest.mark.skipif(not browser.available(), reason="no /usr/bin/chromium")

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]  # fmt: skip


@pytest.fixture
def desk_url(demo, tmp_path):
    from waitress.server import create_server

    from pipeline.desk.app import create_app

    app = create_app(demo[0], demo[1], reports_dir=tmp_path / "reports")
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()
    thread.join(timeout=10)


@pytest.fixture
def browser_page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=browser.CHROMIUM, headless=True, args=FLAGS)
        context = b.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True,
                                locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
        page = context.new_page()
        page.set_default_timeout(30_000)
        yield page
        context.close()
        b.close()


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("CDHT_SHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def sign_in(page, base: str, name: str = "bientap") -> None:
    page.goto(base + "/")
    assert "/login" in page.url
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/(\?.*)?$"))


def count(page, selector: str) -> int:
    return int(page.inner_text(selector).replace(".", ""))


def test_fix_an_unattributed_item_and_see_the_count_change(desk_url, browser_page):
    page = browser_page
    sign_in(page, desk_url)
    page.goto(desk_url + "/?month=2025-05")
    unattributed = count(page, "#unattributed")
    page.goto(desk_url + "/can-xu-ly?month=2025-05")
    need = count(page, "#need-count")
    card = page.locator("article.work", has=page.locator("li.r-no_unit, li.r-ambiguous")).first
    title = card.locator("h2").inner_text()
    card.locator("select[name=unit]").select_option("ldld-h-ky-anh")
    card.locator("input[name=note]").fill("sửa trong trình duyệt")
    card.locator("button[type=submit]").click()
    page.wait_for_selector(".flash.ok")
    assert title in page.inner_text(".flash.ok")
    assert count(page, "#need-count") == need - 1
    page.goto(desk_url + "/?month=2025-05")
    assert count(page, "#unattributed") == unattributed - 1


def test_add_a_contributor_from_an_unknown_byline(desk_url, browser_page):
    page = browser_page
    sign_in(page, desk_url)
    page.goto(desk_url + "/contributors?month=2025-05")
    first = page.locator("table.unknown tbody tr").first
    name = first.locator("td.byline-name").inner_text()
    first.get_by_text("Thêm người viết mới").click()
    assert page.input_value("#form input[name=name]") == name
    page.fill("#form input[name=news]", "2")
    page.click("#form button[type=submit]")
    page.wait_for_selector(".flash.ok")
    assert f"Đã lưu người viết {name}." in page.inner_text(".flash.ok")
    assert name not in page.locator("table.unknown td.byline-name").all_inner_texts()
    assert name in page.locator("main table").first.inner_text()


def test_mark_a_plan_item_done(desk_url, browser_page):
    page = browser_page
    sign_in(page, desk_url)
    page.goto(desk_url + "/plan")
    row = page.locator('tr[data-plan="B.V.1"]')
    row.locator("input[name=done_on]").fill("20/05/2025")
    row.locator("input[name=note]").fill("đã cử 2 cán bộ")
    row.get_by_text("Đánh dấu xong").click()
    page.wait_for_selector(".flash.ok")
    row = page.locator('tr[data-plan="B.V.1"]')
    assert "Xong 20/05/2025" in row.inner_text()
    assert "đã cử 2 cán bộ" in row.inner_text()


def test_upload_an_export(desk_url, browser_page, demo, tmp_path):
    page = browser_page
    with Store(demo[0]) as s:
        s.conn.execute("DELETE FROM items WHERE source = 'facebook'")
    export = build_demo_export(tmp_path / "export")
    sign_in(page, desk_url)
    page.goto(desk_url + "/facebook")
    page.set_input_files("input[name=export]", str(export))
    page.click("main button[type=submit]")
    page.wait_for_selector("#summary")
    text = page.inner_text("#summary")
    with Store(demo[0]) as s:
        n = s.conn.execute("SELECT COUNT(*) FROM items WHERE source = 'facebook'").fetchone()[0]
    assert n > 0 and f"Bài đăng: {n}" in text


def test_download_the_month_docx(desk_url, browser_page, tmp_path):
    page = browser_page
    sign_in(page, desk_url)
    page.goto(desk_url + "/reports")
    page.select_option("form[data-kind=month] select[name=period]", "2025-05")
    page.click("form[data-kind=month] button[type=submit]")
    page.wait_for_selector(".flash.ok")
    with page.expect_download() as info:
        page.click('a[href="/reports/file/bao-cao-thang-2025-05.docx"]')
    path = tmp_path / "month.docx"
    info.value.save_as(path)
    assert info.value.suggested_filename == "bao-cao-thang-2025-05.docx"
    from docx import Document

    text = "\n".join(p.text for p in Document(path).paragraphs)
    assert "5/2025" in text


PAGES = ["/?month=2025-05", "/can-xu-ly?month=2025-05", "/items?month=2025-05",
         "/contributors?month=2025-05", "/plan", "/runs", "/reports", "/facebook", "/review",
         "/account"]  # fmt: skip


@pytest.mark.parametrize("width", [1280, 390])
def test_pages_fit_the_screen(desk_url, browser_page, shots, width):
    page = browser_page
    sign_in(page, desk_url, "quantri")
    page.set_viewport_size({"width": width, "height": 900})
    for path in [*PAGES, "/items/3"]:
        page.goto(desk_url + path)
        name = re.sub(r"[^a-z0-9]+", "-", path.split("?")[0]).strip("-") or "home"
        page.screenshot(path=str(shots / f"{name}-{width}.png"), full_page=True)
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= width + 1, f"{path} is {wide} px wide at {width} px"
        overflowing = page.evaluate(
            """() => [...document.querySelectorAll('main *')].filter(e => {
                 const r = e.getBoundingClientRect();
                 return r.right > window.innerWidth + 1 && !e.closest('.table-wrap');
               }).map(e => e.tagName + '.' + e.className).slice(0, 5)"""
        )
        assert not overflowing, f"{path} at {width}: {overflowing}"
