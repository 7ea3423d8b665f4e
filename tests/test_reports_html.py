"""The HTML reports in headless Chromium: laptop and phone widths, offline, screenshots."""

from __future__ import annotations

import re

import pytest
from helpers import browser
from helpers.reports_fixture import make_month

from reports.render import write_contributors, write_month, write_year

pytestmark = pytest.mark.skipif(
    not browser.available(), reason=f"headless browser tests need {browser.CHROMIUM}"
)


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    base = tmp_path_factory.mktemp("html")
    store, config, _db = make_month(base)
    out = base / "out"
    month = write_month(store, config, "2025-05", out, {"html"})["html"]
    year = write_year(store, config, 2025, out, {"html"})["html"]
    contrib = write_contributors(store, config, "2025-05", out, {"html"})["html"]
    store.close()
    return {"month": month, "year": year, "contributors": contrib, "out": out}


def test_self_contained_no_network_references(pages):
    for name in ("month", "year", "contributors"):
        html = pages[name].read_text(encoding="utf-8")
        low = html.lower()
        assert "<script" not in low and "<link" not in low and "@import" not in low
        assert "<iframe" not in low
        for src in re.findall(r'\ssrc="([^"]*)"', html):
            assert src.startswith("data:image/"), src[:60]
        assert not re.search(r"url\(\s*['\"]?https?:", html)
        # the only http(s) links are the items' own links
        for href in re.findall(r'\shref="([^"]*)"', html):
            assert href.startswith(("https://congdoanhatinh.vn/", "https://facebook.com/")), href


@pytest.mark.parametrize("name", ["month", "year", "contributors"])
@pytest.mark.parametrize("width", [1280, 390])
def test_no_page_overflow_and_charts_load_offline(pages, name, width):
    facts = browser.measure(pages[name], width)
    assert facts["innerWidth"] == width
    assert facts["scrollWidth"] <= facts["innerWidth"], facts["overflowing"]
    assert facts["overflowing"] == []
    assert facts["bodyText"] > 500  # rendered with every resolver lookup refused
    assert all(i["ok"] and i["w"] > 100 for i in facts["imgs"]), facts["imgs"]
    if name == "month":
        assert len(facts["imgs"]) == 3
    assert facts["scripts"] == 1  # only the probe the test added


def test_screenshots(pages):
    shots = {}
    for width, height in ((1280, 2400), (390, 2400)):
        png = pages["out"] / f"month-{width}.png"
        browser.screenshot(pages["month"], png, width, height)
        data = png.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert len(data) > 20_000  # a rendered page, not a blank one
        shots[width] = png
    png = pages["out"] / "year-1280.png"
    browser.screenshot(pages["year"], png, 1280, 1800)
    assert png.stat().st_size > 20_000
