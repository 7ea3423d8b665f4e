"""A listing's next page read from the page itself, whatever the pager's shape
(``collectors.website.pagers``); the collection tests walk the same shapes on a served site."""

from __future__ import annotations

import pytest

from collectors.website.pagers import read_pager

BASE = "http://127.0.0.1:8000"


def page(pager: str, head: str = "") -> str:
    return (f"<html><head><title>Tin tức</title>{head}</head><body><div class='list-news'>"
            "<a href='/bai-mot-1740000001.html'>Bài một</a><a href='/bai-hai-1740000002.html'>Bài hai</a>"
            f"</div><div class='pagination'>{pager}</div></body></html>")  # fmt: skip


CASES = {  # name: (page URL, page number, pager HTML, head, expected next path, expected last)
    "rel-next-in-head": ("/tin-tuc", 1, "", '<link rel="next" href="/tin-tuc?page=2">', "/tin-tuc?page=2", None),
    "icon-rel-next": ("/tin-tuc", 1, '<a rel="next" href="/tin-tuc/page/2"><i class="icon"></i></a>', "",
                      "/tin-tuc/page/2", 2),
    "path": ("/tin-tuc/page/2", 2, '<a href="/tin-tuc">1</a><span>2</span><a href="/tin-tuc/page/3">3</a>', "",
             "/tin-tuc/page/3", 3),
    "page-param": ("/tin-tuc?page=3", 3, '<a href="/tin-tuc?page=2">2</a><a href="/tin-tuc?page=4">4</a>'
                   '<a href="/tin-tuc?page=9">Cuối</a>', "", "/tin-tuc?page=4", 9),
    "p-param": ("/tin-tuc", 1, '<span>1</span><a href="/tin-tuc?p=2">2</a><a href="/tin-tuc?p=3">3</a>', "",
                "/tin-tuc?p=2", 3),
    "start-offset": ("/tin-tuc?cid=12", 1, '<a href="/tin-tuc?cid=12&start=10">2</a>'
                     '<a href="/tin-tuc?cid=12&start=20">3</a>', "", "/tin-tuc?cid=12&start=10", 3),
    "sau": ("/tin-tuc", 1, '<a href="/Category.aspx?id=5&trang=x2">Sau</a>', "", "/Category.aspx?id=5&trang=x2", None),
    "trang-sau": ("/tin-tuc", 1, '<a href="/tin-tuc.html?pg=b">Trang sau</a>', "", "/tin-tuc.html?pg=b", None),
    "tiep": ("/tin-tuc", 1, '<a href="/tin-tuc/more">Tiếp</a>', "", "/tin-tuc/more", None),
    "rsaquo": ("/tin-tuc", 1, '<a href="/tin-tuc/next">›</a>', "", "/tin-tuc/next", None),
    "raquo": ("/tin-tuc", 1, '<a href="/tin-tuc/next">»</a> <a href="/tin-tuc?page=7">»»</a>', "",
              "/tin-tuc/next", 7),
    "last-page": ("/tin-tuc?page=9", 9, '<a href="/tin-tuc?page=8">8</a><span>9</span>'
                  '<span class="disabled">Sau</span>', "", "", 8),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_next_page_of_every_pager_shape(name):
    url, n, pager, head, nxt, last = CASES[name]
    got = read_pager(page(pager, head), BASE + url, n)
    assert got.next_url == (BASE + nxt if nxt else ""), got
    assert not got.unreadable
    if last is not None and nxt:
        assert got.last == last, got


@pytest.mark.parametrize("control", [
    '<a href="javascript:go(2)">Sau</a>', '<a href="#">Trang sau</a>', '<button type="button">Tiếp</button>',
    '<a href="javascript:void(0)" class="load-more" data-page="2">Xem thêm</a>',
])
def test_a_pager_that_only_a_script_can_follow_is_unreadable(control):
    got = read_pager(page(control), BASE + "/tin-tuc", 1)
    assert not got.next_url and got.unreadable


def test_a_last_page_link_beyond_a_missing_next_link_is_unreadable():
    got = read_pager(page('<span>3</span><a href="/tin-tuc?page=9">Cuối</a>'), BASE + "/tin-tuc?page=3", 3)
    assert not got.next_url and "trang 9" in got.unreadable
