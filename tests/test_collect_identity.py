"""One article, one item; pagers of any shape; pinned entries; moved articles.

Every site here is a generated one (``tests/generated``) served on 127.0.0.1, collected through
the library with a fake clock (or the CLI where the exit code is the point); what is expected
comes from the site's own item list, never from the collector.
"""

from __future__ import annotations

import json
import re

import pytest
from blind.common import run_cli
from generated import gate
from helpers.collect import load
from helpers.identity_site import BARE, TweakedSite, article_requests, night, site_requests

from pipeline.store import Store
from reports.monthdata import build_month

ALIASES = ("cid", "print-path", "print-query", "catpath", "slash")


def keys(db) -> dict[str, dict]:
    with Store(db) as store:
        rows = store.conn.execute("SELECT * FROM items WHERE source = 'website'").fetchall()
        return {r["key"]: dict(r) for r in rows}


def aliases(db) -> dict[str, str]:
    with Store(db) as store:
        return store.aliases("website")


# ---------------------------------------------------------------- one article, one item
@pytest.mark.parametrize("canonical", ["link", "og-url", "link-relative"])
def test_every_address_of_an_article_is_one_item_and_a_second_night_knows_them_all(canonical, tmp_path):
    """Listings link each article with a navigation parameter, a print view, a category path
    or a trailing slash; the feed and the sitemap with its own URL; its page names that URL.
    One item per article, under its own path; the addresses met are stored aliases; the second
    night fetches no known article under any of them and costs at most 14 requests."""
    gen = TweakedSite(31, force={"url_variant": ALIASES, "canonical": (canonical,),
                                 "feed": ("full",), "sitemap": ("flat",)})
    db = tmp_path / "cdht.sqlite"
    with gen.server() as server:
        assert gate.collect(server.url, db) == 0  # the CLI: the first night exits 0
        assert set(keys(db)) == {a.path for a in gen.items}
        stored = aliases(db)
        assert len(stored) >= len(gen.items) // 2
        assert set(stored.values()) <= {a.path for a in gen.items}
        assert all(gate.stored(db)[k]["status"] != "pending" for k in keys(db))
        old = {a.path for a in gen.items}
        new = gen.publish(gate.SECOND_DAY)
        server.reset_requests()
        assert gate.collect(server.url, db) == 0
        requests = site_requests(server)
        assert len(requests) <= gate.SECOND_BUDGET, requests
        fetched = article_requests(server, gen)
        assert not [r for r in fetched if any(r.split("?")[0].endswith(p.rsplit("/", 1)[1]) for p in old)]
        assert len(fetched) <= len(new) + 1
    assert gate.compare(gen, db, "two nights", exact=True) == []


def test_a_home_page_linking_aliases_still_gives_the_cheap_second_night(tmp_path):
    """The home page links the newest articles under ?print=1 or ?cid= addresses: it still
    lists the newest items, so a second night whose pages name their category walks no
    listing: the home page and the new articles."""
    gen = TweakedSite(59, force={"url_variant": ("print-query", "cid"), "canonical": ("link",),
                                 "category_markup": ("breadcrumb",), **BARE})
    db = tmp_path / "cdht.sqlite"
    with gen.server() as server:
        assert not night(gen, server, db).failed
        with Store(db) as store:
            assert store.get_kv("home_lists_newest")
        new = gen.publish(gate.SECOND_DAY)
        server.reset_requests()
        assert not night(gen, server, db).failed
        requests = site_requests(server)
    assert requests[0] == "/" and len(requests) == 1 + len(new), requests
    assert gate.compare(gen, db, "second night", exact=True) == []


def test_a_stored_alias_is_known_without_fetching_the_page(tmp_path):
    """A later night recognises an article by any address stored as its alias: a link that
    only the alias names (here: the only link to the article left) costs no request."""
    gen = TweakedSite(33, force={"url_variant": ("cid",), "canonical": ("link",), **BARE})
    db = tmp_path / "cdht.sqlite"
    with gen.server() as server:
        assert not night(gen, server, db).failed
        stored = aliases(db)
        assert stored and all("?cid=" in a for a in stored)
        server.reset_requests()
        assert not night(gen, server, db).failed
        assert article_requests(server, gen) == []
    assert set(keys(db)) == {a.path for a in gen.items}


def test_same_canonical_pages_never_trip_the_stand_in_guard(tmp_path):
    """The listing's ?cid= address and the sitemap's plain one serve the same bytes: one
    article, not a site answering one page for every address."""
    gen = TweakedSite(35, force={"url_variant": ("cid",), "canonical": ("both",), "feed": ("none",),
                                 "sitemap": ("flat",)})
    db = tmp_path / "cdht.sqlite"
    with gen.server() as server:
        result = night(gen, server, db)
    assert not result.failed and not result.pending
    assert not [m for _, m in result.errors if "same page" in m]
    assert set(keys(db)) == {a.path for a in gen.items}


def test_an_off_site_canonical_keeps_the_reached_address_and_says_why(tmp_path):
    """A page whose canonical points off the site is stored under the address it was reached
    by, flagged in Vietnamese, and listed in the month report's data-quality annex."""
    gen = TweakedSite(37, force={"url_variant": ("plain",), "canonical": ("link",), **BARE})
    a = next(x for x in gen.items if x.category == "tin-tuc")
    gen.article_edits[a.path] = lambda html: re.sub(
        r'<link rel="canonical" href="[^"]*">',
        f'<link rel="canonical" href="https://baohatinh.vn{a.path}">', html)
    db = tmp_path / "cdht.sqlite"
    with gen.server() as server:
        result = night(gen, server, db)
    assert not result.failed
    row = keys(db)[a.path]
    assert json.loads(row["provenance"])["identity"] == "canonical off-site"
    flags = json.loads(row["flags"])
    assert any("trỏ ra ngoài trang web" in f for f in flags), flags
    with Store(db) as store:
        annex = build_month(store, load(), a.month)["data_quality"]["unsure"]
    assert any(u["flags"] == flags and a.title[:30] in json.dumps(u, ensure_ascii=False) for u in annex)
    assert set(keys(db)) == {x.path for x in gen.items}


def test_off_site_canonicals_met_under_several_addresses_are_still_one_item_each(tmp_path):
    """Every page names a portal's address as its own; the listings and the home page link
    each article under a ?cid= address or a category path: one item per article, under the
    first address read (the others its aliases, never a stand-in), on both nights."""
    gen = TweakedSite(38, force={"url_variant": ("cid", "catpath"), "canonical": ("link",), **BARE})
    for a in gen.items:
        gen.article_edits[a.path] = lambda html: re.sub(
            r'<link rel="canonical" href="[^"]*">', '<link rel="canonical" href="https://cong.example.vn/">', html)
    db = tmp_path / "cdht.sqlite"
    with gen.server() as server:
        for _ in range(2):
            result = night(gen, server, db)
            assert not result.failed and not result.pending, result.errors
            assert not [m for _, m in result.errors if "same page" in m]
    stored = keys(db)
    segments = sorted(k.split("?")[0].rsplit("/", 1)[1] for k in stored)
    assert segments == sorted(a.path.rsplit("/", 1)[1] for a in gen.items)
    assert {json.loads(r["provenance"])["identity"] for r in stored.values()} == {"canonical off-site"}


def test_a_canonical_naming_another_article_keeps_the_listings_address(tmp_path):
    """A page whose canonical names another article (another slug and id: a template's
    copy-paste) is not merged into it: kept under its own address, flagged."""
    gen = TweakedSite(39, force={"url_variant": ("plain",), "canonical": ("link",), **BARE})
    a, b = [x for x in gen.items if x.category == "tin-tuc"][2:4]
    gen.article_edits[a.path] = lambda html: html.replace(f'href="https://congdoanhatinh.org.vn{a.path}"',
                                                          f'href="https://congdoanhatinh.org.vn{b.path}"')
    db = tmp_path / "cdht.sqlite"
    with gen.server() as server:
        assert not night(gen, server, db).failed
    stored = keys(db)
    assert set(stored) == {x.path for x in gen.items}
    assert json.loads(stored[a.path]["provenance"])["identity"] == "canonical names another article"
    assert any("trỏ tới một bài khác" in f for f in json.loads(stored[a.path]["flags"]))
    assert a.path not in aliases(db)


# ---------------------------------------------------------------- pagers
PAGERS = [  # (pager_url, pager_next, pager_last): every shape met at least once
    ("path", "rel-head", "none"), ("page", "rel-a", "cuoi"), ("p", "sau", "double-raquo"),
    ("start", "trang-sau", "none"), ("page", "tiep", "double-raquo"), ("p", "rsaquo", "cuoi"),
    ("start", "raquo", "cuoi"), ("path", "sau", "cuoi"),
]


@pytest.mark.parametrize(("url", "nxt", "last"), PAGERS, ids=["-".join(p) for p in PAGERS])
def test_every_pager_shape_is_walked_to_the_end(url, nxt, last, tmp_path):
    """Without feed or sitemap, every article is reached only by walking the listings: each
    walked to its last page, and only then is its backfill complete."""
    gen = TweakedSite(41, force={"pager_url": (url,), "pager_next": (nxt,), "pager_last": (last,),
                                 "per_page": ("6",), "pinned": ("none",), **BARE})
    db = tmp_path / "cdht.sqlite"
    with gen.server() as server:
        result = night(gen, server, db)
    assert not result.failed and not result.warnings, result.errors
    assert set(keys(db)) == {a.path for a in gen.items}
    with Store(db) as store:
        for c in gen.site.categories:
            if gen.site.in_category(c.slug):
                assert store.listing_state(c.slug)["backfill_complete"], c.slug


@pytest.mark.parametrize("url", ["page", "start"])
def test_a_backfill_stopped_early_is_not_complete_and_resumes_at_the_pagers_address(url, tmp_path):
    """A walk that ends before the last page (here the page limit of one run) leaves the
    backfill resumable at the address the pager named; the next nights finish it."""
    gen = TweakedSite(43, force={"pager_url": (url,), "per_page": ("6",), "pinned": ("none",), **BARE})
    config = load({"site": {"site": {"max_listing_pages": 2}}})
    db = tmp_path / "cdht.sqlite"
    pages = -(-len(gen.site.in_category("tin-tuc")) // 6)
    assert pages > 3
    with gen.server() as server:
        night(gen, server, db, config)
        with Store(db) as store:
            state = store.listing_state("tin-tuc")
            assert not state["backfill_complete"] and state["resume_page"] == 3
            where = store.get_kv("listing_resume")["tin-tuc"]
        assert where == [3, "/tin-tuc?page=3" if url == "page" else "/tin-tuc?cid=12&start=12"]
        for _ in range(pages):
            night(gen, server, db, config)
    with Store(db) as store:
        assert store.listing_state("tin-tuc")["backfill_complete"]
    assert set(keys(db)) == {a.path for a in gen.items}


UNREADABLE = {
    "script-link": '<span class="current">1</span> <a href="javascript:loadPage(2)">Sau</a> '
                   '<a href="javascript:loadPage(9)">Cuối</a>',
    "load-more": '<button type="button" class="btn-loadmore" data-page="2">Xem thêm</button>',
}


@pytest.mark.parametrize("pager", sorted(UNREADABLE))
def test_an_unreadable_pager_is_a_warning_never_a_completed_backfill(pager, tmp_path):
    """A listing whose next page is a script control (a "Sau" link to a script, a "Xem thêm"
    button): said in the run and in `cdht status`; the backfill stays incomplete."""
    gen = TweakedSite(45, force={"pager_url": ("page",), "pager_next": ("sau",), "pager_last": ("none",),
                                 "pinned": ("none",), **BARE})

    def script_pager(slug, page, html):
        if slug != "tin-tuc":
            return html
        return re.sub(r'<div class="pagination">.*?</div>', f'<div class="pagination">{UNREADABLE[pager]}</div>',
                      html, flags=re.S)

    gen.listing_edit = script_pager
    db = tmp_path / "cdht.sqlite"
    with gen.server() as server:
        result = night(gen, server, db)
    assert not result.failed
    assert [slug for slug, _ in result.warnings] == ["tin-tuc"]
    assert any("tin-tuc" in m and "backfill is not complete" in m for _, m in result.errors)
    with Store(db) as store:
        assert not store.listing_state("tin-tuc")["backfill_complete"]
        assert store.listing_state("hoat-dong-cong-doan")["backfill_complete"]
        cov = build_month(store, load(), gen.items[0].month)["coverage"]
    assert "tin-tuc" in cov["listings_incomplete"]
    assert any(line.startswith("Chuyên mục chưa thu thập hết") and "/tin-tuc" in line for line in cov["lines"])
    code, out = run_cli(["status", "--db", str(db), "--config", str(gate.DEMO_CONFIG)])
    lines = out.splitlines()
    assert code == 0 and any(line.startswith("Chuyên mục chưa thu thập hết") and "/tin-tuc" in line
               and "thanh chuyển trang" in line for line in lines), lines


def test_a_page_the_pager_names_answering_404_is_no_end_of_the_listing(tmp_path):
    """Page 1 names page 2, which answers 404 tonight: not the listing's end. A warning, the
    backfill left to resume at page 2, finished on the next night."""
    gen = TweakedSite(46, force={"pager_url": ("path",), "per_page": ("6",), "pinned": ("none",), **BARE})
    db = tmp_path / "cdht.sqlite"
    with gen.server() as server:
        server.faults.add("/tin-tuc/page/2", status=404)
        result = night(gen, server, db)
        assert not result.failed and [s for s, _ in result.warnings] == ["tin-tuc"]
        with Store(db) as store:
            state = store.listing_state("tin-tuc")
            assert not state["backfill_complete"] and state["resume_page"] == 2
        server.faults.clear()
        result = night(gen, server, db)
        assert not result.failed and not result.warnings
    with Store(db) as store:
        assert store.listing_state("tin-tuc")["backfill_complete"]
        assert "tin-tuc" not in (store.get_kv("listing_warnings") or {})
    assert set(keys(db)) == {a.path for a in gen.items}


# ---------------------------------------------------------------- pinned entries
@pytest.mark.parametrize("pinned", ["site", "entry", "block"])
def test_pinned_entries_decide_no_category_and_stop_no_walk(pinned, tmp_path):
    """An entry pinned atop every listing (or every page of one) gives no category and does
    not stop the second night's incremental walk: every item right, twice."""
    gen = TweakedSite(47, force={"pinned": (pinned,), "category_markup": ("none",), **BARE})
    assert gen.pinned
    db = tmp_path / "cdht.sqlite"
    with gen.server() as server:
        result = night(gen, server, db)
        assert not result.failed and not result.warnings, result.errors
        assert gate.compare(gen, db, "first night", exact=True) == []
        gen.publish(gate.SECOND_DAY)
        server.reset_requests()
        assert not night(gen, server, db).failed
        assert len(site_requests(server)) <= gate.SECOND_BUDGET, site_requests(server)
    assert gate.compare(gen, db, "second night", exact=True) == []
    with Store(db) as store:
        assert store.get_kv("pinned_ids") if pinned == "site" else True


def test_a_column_of_the_newest_items_on_every_listing_pins_nothing(tmp_path):
    """A right-hand column of the site's five newest items, with their dates, after the list on
    every listing page (the portal layout): each listing's own first entries are older than
    that column, yet none of them is pinned, and every item keeps its own category."""
    gen = TweakedSite(51, force={"pinned": ("none",), "category_markup": ("none",), **BARE})
    newest = sorted(gen.items, key=lambda a: a.local, reverse=True)[:5]
    column = "".join(f'<li><a href="{a.path}">{a.title}</a> ({a.local:%d/%m/%Y})</li>' for a in newest)

    def with_column(slug, page, html):
        return html.replace("</body>", f'<div class="col-right"><h3>Tin mới</h3><ul>{column}</ul></div></body>')

    gen.listing_edit = with_column
    db = tmp_path / "cdht.sqlite"
    with gen.server() as server:
        result = night(gen, server, db)
    assert not result.failed, result.errors
    assert gate.compare(gen, db, "first night", exact=True) == []
    with Store(db) as store:
        assert store.get_kv("pinned_ids", []) == []


@pytest.mark.parametrize("where", ["top-5", "bottom-2"])
def test_a_box_of_the_newest_items_whose_links_carry_each_listings_parameter_decides_nothing(where, tmp_path):
    """An unmarked box of the site's newest items on every listing (five above the entries, or
    two below them), each link carrying the listing's own ?cid=: the site's box or featured
    entries, not entries of every listing (no category from it)."""
    from generated.urls import CATEGORY_IDS

    gen = TweakedSite(55, force={"url_variant": ("plain",), "category_markup": ("none",), "pinned": ("none",),
                                 **BARE})
    newest = gen.items[:5] if where == "top-5" else [gen.items[0], gen.items[2]]
    assert len({a.category for a in newest}) > 1

    def box(slug, page, html):
        links = "".join(f'<div class="item"><a href="{a.path}?cid={CATEGORY_IDS[slug]}">{a.title}</a></div>'
                        for a in newest)
        if where == "bottom-2":
            return html.replace('</main>', f'<div class="col">{links}</div></main>', 1)
        return html.replace('<main class="main-content">', f'<main class="main-content"><div class="col">{links}</div>', 1)

    gen.listing_edit = box
    db = tmp_path / "cdht.sqlite"
    with gen.server() as server:
        assert not night(gen, server, db).failed
    assert gate.compare(gen, db, "first night", exact=True) == []
    assert {r["category"] for k, r in keys(db).items() if k in {a.path for a in newest}} == {
        gen.site.category(a.category).name for a in newest}


# ---------------------------------------------------------------- the upgrade's merge
def test_the_upgrade_merges_items_stored_under_an_alias(tmp_path):
    """An earlier release stored one article twice (its plain path and a ?cid= address): the
    migration folds the alias's row into the item, its editor's decision and contributors
    kept, and the audit trail says so."""
    from pipeline.store import audit
    from pipeline.store.aliases import UPGRADE_WHY

    gen = TweakedSite(49, force={"url_variant": ("plain",), **BARE})
    db = tmp_path / "cdht.sqlite"
    with gen.server() as server:
        night(gen, server, db)
    a = gen.items[3]
    alias = f"{a.path}?cid=12"
    with Store(db) as store:
        cols = [r[1] for r in store.conn.execute("PRAGMA table_info(items)") if r[1] not in ("id", "key")]
        with store.conn:
            store.conn.execute(
                f"INSERT INTO items (key, {', '.join(cols)}) SELECT ?, {', '.join(cols)} FROM items "
                "WHERE source = 'website' AND key = ?", (alias, a.path))
            alias_id = store.conn.execute("SELECT id FROM items WHERE key = ?", (alias,)).fetchone()[0]
            store.conn.execute("INSERT INTO item_contributors VALUES (?, 'ct-test')", (alias_id,))
            store.conn.execute("DELETE FROM schema_migrations WHERE name LIKE 'aliases: items stored%'")
        assert audit.decide(store, "editor", "website", alias, "kind", "article", "bài dài")
    with Store(db) as store:  # opening it migrates
        assert store.get_item("website", alias) is None
        kept = store.get_item("website", a.path)
        assert store.aliases("website")[alias] == a.path
        assert store.conn.execute("SELECT value FROM overrides WHERE key = ?", (a.path,)).fetchone()[0] == "article"
        ids = {r[0] for r in store.conn.execute(
            "SELECT contributor_id FROM item_contributors WHERE item_id = ?", (kept["id"],))}
        assert "ct-test" in ids
        audit_rows = store.conn.execute(
            "SELECT note, before, after FROM audit WHERE action = 'merge'").fetchall()
    assert [(r[0], json.loads(r[1]), json.loads(r[2])) for r in audit_rows] == [(UPGRADE_WHY, alias, a.path)]


# ---------------------------------------------------------------- moved articles
@pytest.mark.parametrize("redirect", [True, False], ids=["301", "new-link-only"])
def test_a_moved_article_stays_one_item(redirect, tmp_path):
    """The site edits an article's slug (same id, same publish time, same title) and links the
    new address, the old one answering 301 or nothing: one item, under the new address, the
    old one its alias, the merge in the audit trail; the second night within budget."""
    gen = TweakedSite(51, force={"pinned": ("none",), **BARE})
    db = tmp_path / "cdht.sqlite"
    a = gen.items[1]
    with gen.server() as server:
        assert not night(gen, server, db).failed
        old = gen.move(a, "bai-da-sua-tieu-de-duong-dan")
        if redirect:
            server.faults.add(old, redirect=server.url + a.path, redirect_status=301)
        gen.publish(gate.SECOND_DAY)
        server.reset_requests()
        assert not night(gen, server, db).failed
        assert len(site_requests(server)) <= gate.SECOND_BUDGET, site_requests(server)
    stored = keys(db)
    assert a.path in stored and old not in stored
    assert aliases(db)[old] == a.path
    with Store(db) as store:
        merge = store.conn.execute("SELECT before, after FROM audit WHERE action = 'merge'").fetchall()
    assert [(json.loads(b), json.loads(x)) for b, x in merge] == [(old, a.path)]
    assert gate.compare(gen, db, "second night", exact=True) == []


def test_a_stored_address_that_now_redirects_is_the_same_item(tmp_path):
    """An article left pending on the first night (its page failed) has moved by the second:
    its stored address answers 301 to the new one. One item, the old address an alias."""
    gen = TweakedSite(53, force={"pinned": ("none",), "canonical": ("none",), "url_variant": ("plain",),
                                 **BARE})
    db = tmp_path / "cdht.sqlite"
    a = next(x for x in gen.items[5:] if x.category == "tin-tuc")
    with gen.server() as server:
        fault = server.faults.add(a.path, status=500)
        assert night(gen, server, db).pending
        assert keys(db)[a.path]["status"] == "pending"
        server.faults.remove(a.path)
        assert fault.hits
        old = gen.move(a, "duong-dan-moi-cua-bai")
        server.faults.add(old, redirect=server.url + a.path, redirect_status=301)
        assert not night(gen, server, db).failed
    stored = keys(db)
    assert old not in stored and stored[a.path]["status"] == "ok"
    assert aliases(db)[old] == a.path
    assert gate.compare(gen, db, "second night", exact=True) == []
