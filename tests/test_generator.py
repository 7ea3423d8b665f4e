"""The site generator of the golden gate, checked on its own (no collector): deterministic,
drawing each dimension from the range it is asked for, and serving what its truth says."""

from __future__ import annotations

import html
import re
import unicodedata

import pytest
from generated import gate, pagers, urls
from generated.dimensions import DIMENSIONS
from generated.serve import build, parse
from generated.site import GeneratedSite

ALL = frozenset(DIMENSIONS)
HREF = re.compile(r'href="([^"]+)"')


def get(gen: GeneratedSite, path: str) -> tuple[int, str]:
    status, _, body, _ = gen.route(gen.site, path, "http://127.0.0.1:1")
    return status, body


def local(href: str) -> str:
    return href.removeprefix(urls.REAL_BASE)


def visible_text(page: str) -> str:
    return unicodedata.normalize("NFC", html.unescape(page))


def test_the_same_seed_gives_the_same_site_byte_for_byte():
    a, b = GeneratedSite(7, full=ALL), GeneratedSite(7, full=ALL)
    for path in ["/", "/tin-tuc", a.items[0].path, a.items[-1].path, "/sitemap.xml", "/robots.txt"]:
        assert get(a, path) == get(b, path), path


def test_handled_seeds_draw_only_handled_options():
    for case in gate.handled_cases():
        m = case.markup()
        for name, opts in m.options.items():
            assert set(opts) <= set(DIMENSIONS[name].handled), (case.name, name, opts)


def test_full_seeds_draw_an_unhandled_option_of_each_full_dimension():
    for case in gate.full_cases():
        m = case.markup()
        for name in case.full:
            d = DIMENSIONS[name]
            if d.unhandled:
                assert set(m.options[name]) & set(d.unhandled), (case.name, name)


def test_every_option_of_every_dimension_is_drawn_by_some_pinned_seed():
    seen: dict[str, set[str]] = {n: set() for n in DIMENSIONS}
    draws = [c.markup() for c in gate.handled_cases() + gate.full_cases()]
    for m in draws:
        for name, opts in m.options.items():
            seen[name] |= set(opts)
    missing = {n: set(d.options) - seen[n] for n, d in DIMENSIONS.items() if set(d.options) - seen[n]}
    assert missing == {}


@pytest.mark.parametrize("variant", DIMENSIONS["url_variant"].options)
def test_every_address_of_an_article_serves_its_page(variant):
    gen = GeneratedSite(3, force={"canonical": ("both",)})
    for a in gen.items[:10]:
        status, body = get(gen, urls.variant_path(a, variant))
        assert status == 200
        assert f'<link rel="canonical" href="{urls.REAL_BASE}{a.path}">' in body
    assert get(gen, gen.items[0].path + "?q=1")[0] == 404


@pytest.mark.parametrize("style", DIMENSIONS["pager_url"].options)
def test_each_listing_walks_to_every_item_of_its_category(style):
    gen = GeneratedSite(5, force={"pager_url": (style,), "pinned": ("entry",), "url_variant": ("cid", "catpath")})
    paths = {a.path for a in gen.items}
    for c in gen.site.categories:
        found, n = set(), 1
        while True:
            status, body = get(gen, pagers.listing_url(gen.markup, c.slug, n))
            if status != 200:
                break
            for href in HREF.findall(body.split('<main class="main-content">')[1].split("</main>")[0]):
                u = local(html.unescape(href))
                p, _, q = u.partition("?")
                if (a := urls.resolve(p, q, paths, {x.slug for x in gen.site.categories})):
                    found.add(a)
            n += 1
        assert found == {a.path for a in gen.site.in_category(c.slug)}, c.slug
        per = pagers.per_page(gen.markup)
        assert n - 1 == max(1, -(-len(gen.site.in_category(c.slug)) // per))


@pytest.mark.parametrize("shape", ["flat", "flat-mixed", "index"])
def test_the_sitemaps_list_every_article_once(shape):
    gen = GeneratedSite(9, force={"sitemap": (shape,)})
    _, root = get(gen, "/sitemap.xml")
    locs = re.findall(r"<loc>([^<]+)</loc>", root)
    if shape == "index":
        locs = [x for m in locs for x in re.findall(r"<loc>([^<]+)</loc>", get(gen, local(m))[1])]
    articles = [local(x) for x in locs if x.endswith(".html")]
    assert sorted(articles) == sorted(a.path for a in gen.items)


@pytest.mark.parametrize("form", DIMENSIONS["player"].options)
def test_video_items_carry_their_player_and_the_others_none(form):
    gen = GeneratedSite(4, force={"player": (form,), "sidebar_player": ("youtube",),
                                  "video_link": ("youtube-watch",)})
    for a in gen.items:
        body = get(gen, a.path)[1].split('<article class="detail">')[1].split("</article>")[0]
        has = bool(re.search(r"<iframe|<video|<embed|<script|data-src=|data-lazy-src=|data-mejs-src=", body))
        assert has == bool(a.video), (a.path, form)
        assert a.with_video or not a.video


@pytest.mark.parametrize("mode", DIMENSIONS["encoding"].options)
def test_the_text_reads_the_same_in_every_encoding(mode):
    gen = GeneratedSite(6, force={"encoding": (mode,)})
    for a in gen.items[:8]:
        page = visible_text(get(gen, a.path)[1])
        assert a.title in page and a.lead in page
        assert all(p in page for p in a.paragraphs if "<" not in p)


def test_the_truth_is_the_item_list():
    gen = GeneratedSite(8)
    expected = gen.expected()
    assert sorted(expected) == gen.months
    assert sum(e["website"]["total"] for e in expected.values()) == len(gen.items)
    for e in expected.values():
        w = e["website"]
        assert w["news"] + w["articles"] + w["videos"] == w["total"]
    new = gen.publish(7)
    assert len(new) == 7 and all(a in gen.items for a in new)


def test_the_serve_command_builds_the_site_asked_for():
    gen = build(parse(["--seed", "12", "--full", "player", "--set", "pager_url=p", "--set", "date=words,meta"]))
    assert gen.seed == 12
    assert gen.markup.options["pager_url"] == ("p",)
    assert gen.markup.options["date"] == ("words", "meta")
    assert gen.markup.full == frozenset({"player"})
    assert set(gen.markup.options["player"]) <= set(DIMENSIONS["player"].options)


def test_a_site_whose_links_use_aliases_names_each_pages_own_address():
    for case in gate.handled_cases() + gate.full_cases():
        m = case.markup()
        if set(m.options["url_variant"]) & {"cid", "print-path", "print-query", "catpath", "slash"}:
            assert m.one("canonical") != "none", case.name
