"""Every page a viewer or editor opens, in Chromium at 1280 and 390 px: the phone menu reaches
every page, the month of a contributor's page survives a save, and no English word shows on
screen (visible text, choices, placeholders and buttons), apart from a few proper names.

Screenshots go to ``CDHT_SHOTS`` when set, else the test's folder."""

from __future__ import annotations

import re

import pytest

from pipeline.store import Store
from tests.desk.test_desk_browser import browser_page, desk_url, shots, sign_in  # noqa: F401
from tests.helpers import browser
from tests.helpers.desk import USERS

pytestmark = pytest.mark.skipif(not browser.available(), reason="no /usr/bin/chromium")

# Words that are not Vietnamese but are right on a Vietnamese page: names of products and
# file formats, and the test's own user names.
PROPER = {"facebook", "website", "word", "excel", "meta", "business", "suite", "ctrl", "mac",
          "graph", "api", "zip", "csv", "json", "html", "docx", "xlsx", "png", "pdf", "email",
          "e-mail", "video", "videoclip", "clip", "online", "tiktok", "youtube", "zalo", "ttđt", "fanpage",
          "token", "sapo", "web", "dd", "mm", "yyyy", "hh", *USERS}  # fmt: skip
# A word written without tone marks that is still a Vietnamese syllable: an initial, one to three
# vowels, a final consonant Vietnamese allows.
SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}"
                      r"(?:ch|ng|nh|[cmnpt])?", re.I)  # fmt: skip
ENGLISH_SYLLABLES = {"the", "to", "at", "by", "on", "in", "no", "not", "yes", "run", "set", "get",
                     "pending", "ok", "done", "none", "null", "true", "false"}  # fmt: skip
FILE_OR_LINK = re.compile(r"\S+\.(?:docx|xlsx|html|json|png|csv|zip|sqlite|toml)\b|https?://\S+|\S+@\S+"
                          r"|\b(?:[\w-]+\.)+(?:vn|com|net|org|gov|edu)\b", re.I)  # fmt: skip

VISIBLE = """() => {
  const out = [document.body.innerText];
  for (const e of document.querySelectorAll('option, [placeholder], [title], input[type=submit], button')) {
    if (e.tagName === 'OPTION') out.push(e.textContent);
    if (e.placeholder) out.push(e.placeholder);
    if (e.title) out.push(e.title);
    if (e.tagName === 'BUTTON') out.push(e.innerText);
  }
  out.push(document.title);
  return out.join('\\n');
}"""


def english_words(text: str) -> list[str]:
    """Words of ``text`` that are neither Vietnamese (tone marks, or a Vietnamese syllable) nor an
    acronym, a code, a number or an allowed proper name."""
    text = FILE_OR_LINK.sub(" ", text)
    found = []
    for word in re.findall(r"[^\W\d_]+(?:[-'][^\W\d_]+)*", text):
        low = word.lower()
        if len(word) == 1 or low in PROPER or word.isupper() or not word.isascii():
            continue
        parts = low.split("-")
        if all(SYLLABLE.fullmatch(p) and p not in ENGLISH_SYLLABLES for p in parts):
            continue
        found.append(word)
    return found


def test_the_word_check_finds_english_and_passes_vietnamese():
    assert english_words("#1 collect: 340 pages read, 125 posts (dyi-zip)") == [
        "collect", "pages", "read", "posts", "dyi-zip"]  # fmt: skip
    assert english_words("(unit, contributors) breadcrumb manual.toml failed") == [
        "unit", "contributors", "breadcrumb", "failed"]  # fmt: skip
    assert not english_words("Tin đăng trên Trang TTĐT Công đoàn Hà Tĩnh: 1.007 tin, B.I.2a, "
                             "Ngo Thi Hoa, Facebook, bao-cao-thang-2025-05.docx, NQ 06")  # fmt: skip


def _pages(db) -> list[str]:
    with Store(db) as s:
        fb = s.conn.execute("SELECT id FROM items WHERE source = 'facebook' ORDER BY id LIMIT 1").fetchone()[0]
        undated = s.conn.execute("SELECT id FROM items WHERE local_date IS NULL LIMIT 1").fetchone()
    pages = ["/?month=2025-05", "/?month=2024-06", "/can-xu-ly?month=2025-05", "/can-xu-ly?month=2024-06",
             "/items?month=2025-05", "/items?month=2025-05&flag=unattributed", "/items/3", f"/items/{fb}",
             "/contributors?month=2025-05", "/plan", "/facebook", "/reports", "/review", "/runs",
             "/account", "/khong-co-trang-nay", "/?month=2025-13"]  # fmt: skip
    if undated:
        pages.append(f"/items/{undated[0]}")
    return pages


# the browser draws a file box's button and "no file" text in its own language: each file box
# must be hidden behind the desk's Vietnamese button and file name
NATIVE_FILE_BOXES = """() => [...document.querySelectorAll('input[type=file]')].filter(e =>
  getComputedStyle(e).opacity !== '0' || !e.parentNode.querySelector('.file-name')).map(e => e.name)"""


def _check(page, path: str, seen: dict) -> None:
    words = english_words(page.evaluate(VISIBLE))
    native = page.evaluate(NATIVE_FILE_BOXES)
    if native:
        words += [f"<input type=file name={n}>" for n in native]
    if words:
        seen[path] = sorted(set(words))


@pytest.mark.parametrize("user", ["xem", "bientap"])
def test_no_english_on_any_page_a_viewer_or_editor_opens(desk_url, browser_page, demo, user):  # noqa: F811
    page = browser_page
    seen: dict[str, list[str]] = {}
    page.goto(desk_url + "/login")
    _check(page, "/login", seen)
    page.fill("input[name=name]", user)
    page.fill("input[name=password]", "sai-mat-khau")
    page.click("button[type=submit]")
    _check(page, "/login with a wrong password", seen)
    sign_in(page, desk_url, user)
    for path in [*_pages(demo[0]), "/users", "/audit"]:  # the last two: a refusal for them
        page.goto(desk_url + path)
        _check(page, path, seen)
    if user == "bientap":  # what an editor's actions print: a saved decision, a report made
        page.goto(desk_url + "/can-xu-ly?month=2025-05")
        card = page.locator("article.work").first
        item = card.locator("h2 a").get_attribute("href")
        card.locator("select[name=kind]").select_option("article")
        card.locator("button[type=submit]").click()
        page.wait_for_selector(".flash")
        _check(page, "after a decision", seen)
        page.goto(desk_url + "/reports")
        page.click("form[data-kind=month] button[type=submit]")
        page.wait_for_selector(".flash")
        _check(page, "after a report", seen)
        page.goto(desk_url + "/contributors?month=2025-05")  # the alias's confirmation page
        row = page.locator("table.unknown tbody tr").first
        row.locator("select[name=contributor]").select_option(index=1)
        row.get_by_text("Là bút danh của người này").click()
        page.wait_for_selector("section.confirm")
        _check(page, "the alias's confirmation", seen)
        page.goto(desk_url + "/facebook")  # the file box names the chosen file in Vietnamese
        assert page.inner_text(".file-name") == "Chưa chọn tệp"
        page.set_input_files("input[name=export]", files=[{"name": "xuat.zip", "mimeType": "application/zip",
                                                           "buffer": b"PK"}])  # fmt: skip
        assert page.inner_text(".file-name") == "xuat.zip"
        page.goto(desk_url + item)  # its history: who changed what, in words
        assert page.locator("table.history tbody tr").count() >= 1
        _check(page, item + " after a decision", seen)
    assert not seen, f"English on the desk's pages: {seen}"


def test_the_phone_menu_reaches_every_page(desk_url, browser_page, shots):  # noqa: F811
    page = browser_page
    sign_in(page, desk_url, "quantri")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(desk_url + "/?month=2025-05")
    page.screenshot(path=str(shots / "menu-390.png"))
    links = page.locator("header.top nav a, header.top a.who")
    names = links.all_inner_texts()
    for want in ("Tổng quan", "Cần xử lý", "Tin, bài", "Người viết", "Kế hoạch", "Facebook",
                 "Báo cáo", "Sơ kết", "Lần chạy", "Tài khoản"):  # fmt: skip
        assert want in names, names
    for i in range(links.count()):
        box = links.nth(i).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390 + 1, (names[i], box)
        assert box["y"] + box["height"] <= 844, (names[i], box)
    assert page.evaluate("document.documentElement.scrollWidth") <= 391
    targets = {}
    for i in range(links.count()):
        targets[names[i]] = links.nth(i).get_attribute("href")
    for name, href in targets.items():
        page.goto(desk_url + "/?month=2025-05")
        page.locator("header.top").get_by_role("link", name=name, exact=True).click()
        page.wait_for_load_state()
        assert page.url.split("?")[0].endswith(href.split("?")[0]), (name, page.url)


def test_saving_a_contributor_keeps_the_chosen_month(desk_url, browser_page):  # noqa: F811
    page = browser_page
    sign_in(page, desk_url)
    page.goto(desk_url + "/contributors?month=2025-04")
    page.locator("main table").first.get_by_text("Sửa").first.click()
    page.fill("#form input[name=news]", "4")
    page.click("#form button[type=submit]")
    page.wait_for_selector(".flash.ok")
    assert "month=2025-04" in page.url
    assert page.input_value("select[name=month]") == "2025-04"
