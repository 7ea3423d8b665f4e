"""The date a page writes for machines: every published-date meta spelling (name, property or
itemprop, any case), ``itemprop="datePublished"`` anywhere in the page (read before the
boilerplate goes), JSON-LD dates in any form (also wrapped in CDATA or a comment), every ISO 8601
spelling with its zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from collectors.dates import LOCAL, parse_iso, parse_machine_date
from collectors.extraction import extract_article
from collectors.extraction.published import PUB_META

BODY = ("<p>Sáng 12/5, Liên đoàn Lao động huyện tổ chức hội nghị sơ kết công tác công đoàn sáu tháng "
        "đầu năm với sự tham dự của đông đảo đoàn viên.</p>")  # fmt: skip
WHEN = datetime(2024, 4, 17, 1, 15, tzinfo=UTC)


def page(head: str = "", header: str = "") -> str:
    return f"""<html><head><title>Hội nghị sơ kết</title>{head}</head><body>
    <header class="site-header">{header}<nav><a href="/">Trang chủ</a></nav></header>
    <div class="article"><h1>Hội nghị sơ kết công tác công đoàn</h1><div class="content">{BODY}{BODY}</div></div>
    <div class="sidebar"><time itemprop="datePublished" datetime="2020-01-01">1/1/2020</time></div></body></html>"""


def spellings(name: str) -> list[str]:
    return sorted({name, name.upper(), name.lower(), name.replace("published", "Published")})


@pytest.mark.parametrize("name", [n for n in PUB_META if n != "date"])
def test_every_published_date_meta_spelling(name):
    for spelled in spellings(name):
        for attr in ("name", "property", "itemprop"):
            ex = extract_article(page(f'<meta {attr}="{spelled}" content="2024-04-17T08:15:00+07:00">'))
            assert ex.published == WHEN, (spelled, attr, ex.published)
            assert ex.date_source == "meta published_time"


@pytest.mark.parametrize("tag", ["time", "span", "meta", "div", "abbr"])
def test_itemprop_date_published_anywhere_is_read_before_the_boilerplate_goes(tag):
    value = 'content="2024-04-17T08:15:00+07:00"' if tag == "meta" else 'datetime="2024-04-17T08:15:00+07:00"'
    el = f'<{tag} itemprop="datePublished" {value}>17/04/2024</{tag}>' if tag != "meta" \
        else f'<meta itemprop="datePublished" {value}>'  # fmt: skip
    ex = extract_article(page(header=el))  # in the site's header, which goes with the boilerplate
    assert ex.published == WHEN, (tag, ex.published)


LD_FORMS = {
    "2024-04-17T08:15:00+07:00": WHEN,
    "2024-04-17T01:15:0Z": WHEN,
    "2024-04-17T1:15:00.000Z": WHEN,
    "2024-04-17T08:15:00+0700": WHEN,
    "2024-04-17T03:15:00+02": WHEN,
    "2024-04-17 01:15:00 UTC": WHEN,
    "Wed Apr 17 2024 01:15:00 GMT+0000 (Coordinated Universal Time)": WHEN,
    "Wed, 17 Apr 2024 01:15:00 +0000": WHEN,
    "April 17, 2024 8:15 AM": WHEN,
    "17 April 2024 08:15": WHEN,
    "17/04/2024 08:15": WHEN,
    "2024-04-17T08:15:00": WHEN,  # no zone: local time
    "08:15:00 AM ICT Apr 17, 2024": WHEN,  # the time first (a zone's abbreviation: local time)
    "08:15 Wed, April 17, 2024": WHEN,
    "2024/04/17 08:15:00": WHEN,  # the year first, with slashes
    "2024.04.17 08:15": WHEN,
}


@pytest.mark.parametrize("value", sorted(LD_FORMS))
def test_json_ld_dates_in_any_form_also_wrapped(value):
    ld = f'{{"@context": "https://schema.org", "@type": "NewsArticle", "datePublished": "{value}"}}'
    for wrapped in (ld, f"<![CDATA[{ld}]]>", f"\n//<![CDATA[\n{ld}\n//]]>\n", f"<!--{ld}-->"):
        ex = extract_article(page(f'<script type="application/ld+json">{wrapped}</script>'))
        assert ex.published == LD_FORMS[value], (value, wrapped[:12], ex.published)
        assert ex.date_source == "JSON-LD datePublished"


@pytest.mark.parametrize("kind", ["SocialMediaPosting", "LiveBlogPosting", "OpinionNewsArticle", "TechArticle", "Report"])
def test_json_ld_of_every_article_type(kind):
    ld = f'{{"@type": "{kind}", "datePublished": "2024-04-17T08:15:00+07:00"}}'
    assert extract_article(page(f'<script type="application/ld+json">{ld}</script>')).published == WHEN


@pytest.mark.parametrize(("value", "expected"), [
    ("2020-12-05T23:15:0Z", datetime(2020, 12, 5, 23, 15, tzinfo=UTC)),
    ("2020-12-05T23:15Z", datetime(2020, 12, 5, 23, 15, tzinfo=UTC)),
    ("2020-12-5T9:5:7.123456-05:00", datetime(2020, 12, 5, 9, 5, 7, tzinfo=timezone(timedelta(hours=-5)))),
    ("2020-12-05T23:15:00,5+05:30", datetime(2020, 12, 5, 23, 15, tzinfo=timezone(timedelta(hours=5, minutes=30)))),
    ("20201205", datetime(2020, 12, 5, tzinfo=LOCAL)),
    ("2020-12-05", datetime(2020, 12, 5, tzinfo=LOCAL)),
    ("2020-12-05 23:15:00.000000", datetime(2020, 12, 5, 23, 15, tzinfo=LOCAL)),
])
def test_every_iso_form_with_its_zone(value, expected):
    assert parse_iso(value) == expected == parse_machine_date(value)
    assert parse_iso(value).utcoffset() == expected.utcoffset()


def test_what_is_no_date():
    found = {v: parse_machine_date(v) for v in ("201712", "abc", "", "12345678901", "2020-13-45")}
    assert not any(found.values()), found


@pytest.mark.parametrize("script", [
    # a line break inside a string (not strict JSON)
    '[{"@type": "NewsArticle", "articleBody": "Dòng một.\nDòng hai.", "datePublished": "2024-04-17T08:15:00+07:00"}]',
    # a trailing comma
    '{"@type": "NewsArticle", "datePublished": "2024-04-17T08:15:00+07:00",\n}',
    # two objects one after the other in one script
    '{"@type": "Organization", "name": "Báo"}\n{"@type": "NewsArticle", "datePublished": "2024-04-17T08:15:00+07:00"}',
    # no article type: a question page dates itself all the same
    '{"@type": "Question", "name": "Hỏi", "datePublished": "2024-04-17T08:15:00+07:00"}',
], ids=["control-character", "trailing-comma", "two-objects", "question"])
def test_json_ld_that_is_not_quite_json_or_no_article_still_dates_the_page(script):
    ex = extract_article(page(f'<script type="application/ld+json">{script}</script>'))
    assert (ex.published, ex.date_source) == (WHEN, "JSON-LD datePublished")
