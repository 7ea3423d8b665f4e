"""`cdht probe --sample N` on a site the tool has not seen: beside one row a page, the pager each
listing shows, the addresses each article was met under and what its canonical says, and the
players by kind, so that a wrong reading shows before a backfill."""

from __future__ import annotations

import json
import re

from blind.common import run_cli
from generated import gate
from generated import pagers as pagers_of
from helpers.identity_site import TweakedSite


def _site() -> TweakedSite:
    gen = TweakedSite(61, force={"url_variant": ("cid", "catpath"), "canonical": ("link",),
                                 "pager_url": ("page",), "pager_next": ("sau",), "pager_last": ("cuoi",),
                                 "pinned": ("none",),
                                 "player": ("jwplayer", "yt-embed")})  # fmt: skip

    def script_pager(slug, page, html):
        if slug != "hoat-dong-cong-doan":
            return html
        return re.sub(r'<div class="pagination">.*?</div>',
                      '<div class="pagination"><a href="javascript:go(2)">Sau</a></div>', html, flags=re.S)

    gen.listing_edit = script_pager
    return gen


def _probe(gen, *extra) -> tuple[int, str]:
    with gen.server() as server:
        return run_cli(["probe", "--sample", "10", "--site-url", server.url, "--config",
                        str(gate.DEMO_CONFIG), *extra])  # fmt: skip


def test_probe_sample_reports_pagers_addresses_and_canonicals():
    gen = _site()
    off = next(a for a in gen.items if a.category == "tin-tuc")
    gen.article_edits[off.path] = lambda html: re.sub(
        r'<link rel="canonical" href="[^"]*">', '<link rel="canonical" href="https://baohatinh.vn/x">', html)
    code, out = _probe(gen, "--json")
    assert code == 0
    data = json.loads(out)
    pagers = {x["slug"]: x for x in data["listings"]}
    assert pagers["tin-tuc"]["how"].startswith("?page=N+1") and pagers["tin-tuc"]["next"].endswith("/tin-tuc?page=2")
    per = pagers_of.per_page(gen.markup)
    assert pagers["tin-tuc"]["last"] == -(-len(gen.site.in_category("tin-tuc")) // per)  # its "Cuối" link
    assert pagers["hoat-dong-cong-doan"]["unreadable"] and not pagers["hoat-dong-cong-doan"]["next"]
    assert "KHÔNG ĐỌC ĐƯỢC" in pagers["hoat-dong-cong-doan"]["label"]
    arts = data["articles"]
    assert len(arts) == len(data["pages"]) == 10
    assert all(len(a["addresses"]) >= 1 for a in arts) and any(len(a["addresses"]) >= 2 for a in arts)
    truth = {x.path for x in gen.items}
    for a in arts:
        if a["verdict"] == "other":
            assert re.sub(r"^https?://[^/]+", "", a["canonical"]) in truth
    # every link gives ?cid= or a category path: the page's own canonical differs from it
    assert {a["verdict"] for a in arts} <= {"other", "off-site"}
    assert all(a["verdict_label"] for a in arts)
    kinds = [k for p in data["pages"] for k in p["player_kinds"]]
    assert sum(data["players_by_kind"].values()) == len(kinds)
    assert set(data["players_by_kind"]) == set(kinds)


def test_probe_sample_text_is_vietnamese_for_the_operator():
    code, out = _probe(_site())
    assert code == 0
    table, survey = out.split("\n\n", 1)
    assert table.splitlines()[-1].startswith("Video theo loại: ")
    lines = survey.splitlines()
    assert lines[0] == "Thanh chuyển trang theo chuyên mục:"
    assert any(line.startswith("  /tin-tuc: trang sau theo ?page=N+1") for line in lines)
    assert any(line.startswith("  /hoat-dong-cong-doan: KHÔNG ĐỌC ĐƯỢC thanh chuyển trang") for line in lines)
    assert any(line.startswith("Địa chỉ của mỗi bài") and "dưới 2 địa chỉ" in line for line in lines)
    assert any(line.startswith("Địa chỉ chuẩn (canonical, og:url) trên trang bài: 0 trùng") for line in lines)
