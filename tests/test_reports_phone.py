"""The HTML on a 390 px phone and the year table on a desktop, in headless Chromium."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import pytest
from helpers import browser
from helpers.reports_fixture import make_month

from reports.render import write_month, write_year

pytestmark = pytest.mark.skipif(
    not browser.available(), reason=f"headless browser tests need {browser.CHROMIUM}"
)

# Facts about the laid-out page: page-level scroll, the quota cards, and how far the unit,
# contributor and item figures reach beyond their box (0 when they read without scrolling).
PROBE = """<script>window.addEventListener('load',function(){
function box(e){var b=e.getBoundingClientRect();return {l:b.left,r:b.right,w:b.width,h:b.height}}
function overflow(sel){var out=0;document.querySelectorAll(sel).forEach(function(t){
 var wrap=t.closest('.table-wrap')||t;var wb=wrap.getBoundingClientRect();
 t.querySelectorAll('td').forEach(function(td){var b=td.getBoundingClientRect();
  if(b.width>0){out=Math.max(out,b.right-Math.min(wb.right,window.innerWidth))}})});return out}
var d=document.documentElement;var months=document.querySelector('table.months');
var r={scrollWidth:d.scrollWidth,innerWidth:window.innerWidth,height:d.scrollHeight,
 cards:Array.prototype.map.call(document.querySelectorAll('#chi-tieu .cards .card'),box),
 units:overflow('#don-vi table'),people:overflow('#cong-tac-vien table'),
 work:overflow('#chat-luong table'),
 months:months?months.scrollWidth-months.closest('.table-wrap').clientWidth:null,
 printCss:Array.prototype.some.call(document.styleSheets,function(s){return Array.prototype.some.call(s.cssRules,function(c){return c.media&&c.media.mediaText=='print'&&/break-after: avoid/.test(c.cssText)})})};
var p=parent.document.createElement('pre');p.id='cdht-probe';p.textContent=JSON.stringify(r);
parent.document.body.appendChild(p);});</script>"""


def probe(html: Path, width: int, height: int = 900) -> dict:
    with tempfile.TemporaryDirectory(prefix="cdht-phone-") as tmp:
        page = Path(tmp) / "probe.html"
        page.write_text(browser._framed(html, width, height, PROBE), encoding="utf-8")
        dom = browser._run(["--dump-dom", page.as_uri()], max(width, browser.MIN_WINDOW) + 20,
                           height + 20, True, 90)  # fmt: skip
    m = re.search(r'<pre id="cdht-probe">(.*?)</pre>', dom, re.S)
    assert m, "the probe did not run"
    raw = m.group(1).replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">")
    return json.loads(raw.replace("&amp;", "&"))


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    base = tmp_path_factory.mktemp("phone")
    store, config, _db = make_month(base)
    out = base / "out"
    month = write_month(store, config, "2025-05", out, {"html"})["html"]
    year = write_year(store, config, 2025, out, {"html"})["html"]
    store.close()
    return {"month": month, "year": year}


def test_month_on_a_phone_reads_without_sideways_scroll(pages):
    facts = probe(pages["month"], 390)
    assert facts["innerWidth"] == 390
    assert facts["scrollWidth"] <= 390  # no page-level horizontal scroll
    cards = facts["cards"]
    assert len(cards) >= 3
    for c in cards:  # every quota card is on screen, whole, and wide enough to read
        assert c["l"] >= 0 and c["r"] <= 390 and c["w"] >= 140 and c["h"] > 60, c
    # the unit figures, the contributors and the worklist read without scrolling their box
    assert facts["units"] <= 1, facts["units"]
    assert facts["people"] <= 1, facts["people"]
    assert facts["work"] <= 1, facts["work"]


def test_year_month_table_fits_a_desktop(pages):
    facts = probe(pages["year"], 1280)
    assert facts["months"] is not None and facts["months"] <= 0, facts["months"]
    assert facts["scrollWidth"] <= 1280


def test_print_css_keeps_titles_with_their_content(pages):
    facts = probe(pages["month"], 1280)
    assert facts["printCss"]
    html = pages["month"].read_text(encoding="utf-8")
    assert re.search(r"@media print\{[^@]*h2,h3,summary\{break-after:avoid", html)
