"""Stand-in pages told from real ones: maintenance, login, empty pages, one page for all."""

from __future__ import annotations

from collectors.website.health import Bodies, article_stand_in, stand_in
from pipeline.demo.replica.model import build_site
from pipeline.demo.replica.outages import BLANK_PAGE, LOGIN_PAGE, MAINTENANCE_PAGE
from pipeline.demo.replica.pages import render_article, render_listing, render_static


def test_the_stand_ins_of_a_bad_night_are_told_apart():
    assert stand_in("") == "an empty page"
    assert stand_in(BLANK_PAGE) == "an empty page"
    assert stand_in(LOGIN_PAGE) == "a login page"
    assert stand_in("<html><body><p>Redirected</p>" + "x" * 50 + "</body></html>",
                    "http://x.vn/dang-nhap?return=/tin-tuc") == "a login page"  # fmt: skip
    assert stand_in(MAINTENANCE_PAGE) == "a maintenance page"
    wp = "<html><head><title>Maintenance</title></head><body><h1>Briefly unavailable for scheduled maintenance. Check back in a minute.</h1></body></html>"
    assert stand_in(wp) == "a maintenance page"
    assert article_stand_in(MAINTENANCE_PAGE, "", words=25, has_player=False) == "a maintenance page"
    assert article_stand_in(LOGIN_PAGE, "", words=8, has_player=False) == "a login page"


def test_real_pages_are_not_stand_ins_even_when_they_speak_of_maintenance():
    site = build_site(seed=4, start="2025-05", months=1, per_month=12)
    static = render_static(site, "gioi-thieu")
    assert static and stand_in(static) == ""  # a page of the site without entries: real
    a = site.articles[0]
    page = render_article(site, a).replace(a.title, "Công đoàn hỗ trợ bảo trì nhà văn hoá công nhân")
    assert article_stand_in(page, "", words=60, has_player=False) == ""
    assert article_stand_in(MAINTENANCE_PAGE, "", words=400, has_player=False) == ""  # a body of its own
    listing = render_listing(site, a.category, 1)
    assert listing and stand_in(listing) == ""


def test_the_same_bytes_under_two_addresses_are_noticed():
    bodies = Bodies()
    assert bodies.same_as("http://x.vn/", MAINTENANCE_PAGE) == ""
    assert bodies.same_as("http://x.vn/", MAINTENANCE_PAGE) == ""  # the same address again
    assert bodies.same_as("http://x.vn/tin-tuc", MAINTENANCE_PAGE) == "http://x.vn"
    assert bodies.same_as("http://x.vn/b", "") == ""  # empty pages are told apart otherwise
