"""Headless Chromium for the report tests: screenshots and layout measurements.

Every run uses a fresh profile, no background networking, and (by default) a host resolver
that resolves nothing, so a page that needs the network cannot quietly fetch it.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
OFFLINE = "--host-resolver-rules=MAP * ~NOTFOUND"


def available() -> bool:
    return Path(CHROMIUM).exists()


def _run(args: list[str], width: int, height: int, offline: bool, timeout: float) -> str:
    profile = tempfile.mkdtemp(prefix="cdht-chromium-")
    try:
        cmd = [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--no-first-run",
            "--disable-default-apps", "--disable-sync", "--hide-scrollbars",
            f"--user-data-dir={profile}", f"--window-size={width},{height}",
        ]  # fmt: skip
        if offline:
            cmd.append(OFFLINE)
        proc = subprocess.run(
            cmd + args, capture_output=True, text=True, timeout=timeout, check=False
        )
        if proc.returncode != 0:
            raise RuntimeError(f"chromium failed ({proc.returncode}): {proc.stderr[-2000:]}")
        return proc.stdout
    finally:
        shutil.rmtree(profile, ignore_errors=True)


MIN_WINDOW = 500  # headless Chromium will not make a window narrower than this


def _framed(html: Path, width: int, height: int, extra: str = "") -> str:
    """A page holding the report in an iframe ``width`` px wide (a phone's viewport).

    The report goes in ``srcdoc`` so the frame shares the wrapper's origin; its media
    queries and ``innerWidth`` see the frame's width.
    """
    import html as htmlmod

    text = html.read_text(encoding="utf-8")
    if extra:
        text = text.replace("</body>", extra + "</body>")
    return (
        '<!DOCTYPE html><html><body style="margin:0;background:#888">'
        f'<iframe id="f" style="border:0;display:block;width:{width}px;height:{height}px;'
        f'background:#fff" srcdoc="{htmlmod.escape(text, quote=True)}"></iframe></body></html>'
    )


def screenshot(html: Path, png: Path, width: int = 1280, height: int = 900, *,
               offline: bool = True, timeout: float = 90) -> Path:  # fmt: skip
    """A PNG of the page at a viewport ``width`` (framed when narrower than a window can be)."""
    if width >= MIN_WINDOW:
        _run([f"--screenshot={png}", html.resolve().as_uri()], width, height, offline, timeout)
    else:
        with tempfile.TemporaryDirectory(prefix="cdht-frame-") as tmp:
            page = Path(tmp) / "frame.html"
            page.write_text(_framed(html, width, height), encoding="utf-8")
            _run([f"--screenshot={png}", page.as_uri()], MIN_WINDOW, height, offline, timeout)
    if not png.exists():
        raise RuntimeError(f"chromium wrote no screenshot to {png}")
    return png


PROBE = """<script>window.addEventListener('load',function(){var d=document.documentElement;var r={
scrollWidth:d.scrollWidth,innerWidth:window.innerWidth,bodyText:document.body.innerText.length,
imgs:Array.prototype.map.call(document.images,function(i){return {w:i.naturalWidth,ok:i.complete}}),
scripts:document.scripts.length,title:document.title,
overflowing:Array.prototype.filter.call(document.querySelectorAll('body *'),function(e){
var b=e.getBoundingClientRect();return b.right>window.innerWidth+1&&!e.closest('.table-wrap');}).slice(0,5)
.map(function(e){return e.tagName+'.'+e.className})};
var p=parent.document.createElement('pre');p.id='cdht-probe';p.textContent=JSON.stringify(r);
parent.document.body.appendChild(p);});</script>"""


def measure(html: Path, width: int, height: int = 900, *, offline: bool = True,
            timeout: float = 90) -> dict:  # fmt: skip
    """Layout facts of a page at a viewport width, from a probe run after the page loads.

    The page is shown in a frame of that width with the probe appended, so the report
    itself stays script-free and narrow phone widths can be measured.
    """
    with tempfile.TemporaryDirectory(prefix="cdht-probe-") as tmp:
        page = Path(tmp) / "probe.html"
        page.write_text(_framed(html, width, height, PROBE), encoding="utf-8")
        dom = _run(["--dump-dom", page.as_uri()], max(width, MIN_WINDOW) + 20, height + 20,
                   offline, timeout)  # fmt: skip
    m = re.search(r'<pre id="cdht-probe">(.*?)</pre>', dom, re.S)
    if not m:
        raise RuntimeError("the probe did not run")
    raw = m.group(1).replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">")
    return json.loads(raw.replace("&amp;", "&"))
