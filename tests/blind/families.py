"""The registry of blind site families that ``tests/test_blind_families.py`` checks.

A family is one synthetic site written from SITE.md and DESIGN.md alone, with markup of its own
and a ground truth computed from its own generator; a variant is one seed and serving option of
it (feed or none, charset). `KNOWN` lists, per family, the checks the current collector is known
to fail, with the markup that causes it: those run as strict xfails, so that a fix shows up as an
unexpected pass and the entry must then go.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from blind import drupal_site, gov_portal, static_site, unseen_portal, unseen_site, unseen_wp
from blind.cases import CONTRIBUTORS
from blind.common import ICT, BlindSite


@dataclass(frozen=True)
class Family:
    name: str
    doc: str
    months: list[str]
    categories: dict[str, tuple[str, str | None]]  # slug -> (name, kind implied)
    variants: dict[str, Callable[[], BlindSite]]  # name -> an unstarted site over fresh data
    second_when: datetime  # the second day's items are published after this
    budget: Callable[[str], int]  # requests the second run may cost, by variant (at most 14)
    layout: Callable[[object], str] = lambda it: it.template
    contributors: bool = False  # the items name contributors of `CONTRIBUTORS`
    probe_layouts: tuple[str, ...] = ()  # layouts that carry the category in the page's own markup
    # (check, variant or None for all, month or None) -> reason
    known: dict[tuple[str, str | None, str | None], str] = field(default_factory=dict)

    @property
    def second_month(self) -> str:
        return f"{self.second_when:%Y-%m}"


def _feed_budget(variant: str) -> int:
    # With the feed: k + 3. Without it: k + the home page + page 1 of each of the 5 listings
    # (pages without category markup take it from the listing that lists them).
    return 7 + 3 if variant.startswith("feed") else 7 + 1 + 5


# ---------------------------------------------------------------- the portal's known gaps
PORTAL_WORDS = (
    "words and bylines on the most irregular pages: a P2 body written as one <div> of "
    "<br>-separated text is counted with the text that follows it in the same cell (+6 to +33 "
    "words) and, twice, without its byline; a P3 page whose last paragraph is a one-word 'Theo.' "
    "takes it as the byline (1154 of 1155 words) and one P3 video item counts 51 of 56 words; "
    "where such a page names its unit only in the lost byline, the unit is lost too")
PORTAL_KNOWN = {
    ("units", "cp1258", "2024-10"): PORTAL_WORDS,
    ("unattributed", "cp1258", "2024-10"): PORTAL_WORDS,
    ("words", "cp1258", None): PORTAL_WORDS,
    ("units", "utf8", "2024-09"): PORTAL_WORDS,
    ("unattributed", "utf8", "2024-09"): PORTAL_WORDS,
    ("words", "utf8", None): PORTAL_WORDS,
}


# ---------------------------------------------------------------- the newer families' known gaps
# (found black-box, with `cdht probe URL --json` and the stored rows; see each reason's markup)
GOV_G2 = (
    "G2 writes what follows the body as bare <p> siblings of the body's paragraphs inside "
    "div#noi-dung-chi-tiet, with no class: 'Lượt xem: N | In trang | Gửi email | Chia sẻ Facebook | "
    "Zalo', 'Từ khóa: <a>…</a>' (tags naming units), <p><strong>Tin liên quan</strong></p> (or "
    "'Tin cùng chuyên mục', 'Các tin khác', 'Xem thêm') followed by '- <a>title</a> (dd/mm/yyyy)' "
    "lines, the star rating with its radio inputs, <p><strong>Ý kiến bạn đọc</strong></p> and the "
    "comment <form>: all of it is counted as body words (+55 to +170), and 'Ý kiến bạn đọc' is taken "
    "as the byline instead of the signature <p style=\"text-align: right;\"><b>…</b></p> before it, "
    "so a byline's unit, a repost ('Theo …') and the contributor are lost")
GOV_G3 = (
    "G3 (an older <table id=tblChiTiet>: title in span#lblTieuDe, the date line in td#tdNgay, the lead "
    "as <b><i> in div#divTomTat, the body as <div>s in div#divChiTiet followed in the same div by the "
    "unclassed trailer <div>s: views, print/e-mail/share, 'Từ khóa:', rating, 'Tin liên quan' / 'Tin "
    "cùng chuyên mục' / 'Các tin khác' / 'Xem thêm' lists with dates, the comment form) is read as "
    "'no article body found': the lead becomes the date line, so a unit named only in the lead is "
    "lost; the words hold the trailers (+100 to +210); the right column's YouTube iframe "
    "(div#p_p_id_video_WAR_cdhtportlet_) counts as a body player; and where the date line names the "
    "updated date first ('Cập nhật: 08/02/2024 08:35 CH | Ngày đăng: 08/02/2024 03:35 CH', 'Sửa lần "
    "cuối: 06:35 CH, 29/02/2024 - Đăng ngày: 01:25 CH, 29/02/2024', 'Ngày cập nhật: … Xuất bản: …') "
    "the published date is taken from the right column's 'Tin mới cập nhật' list instead")
GOV_G1_DATE = (
    "and once on G1 ('Cập nhật: 03/05/2024 07:35 SA | Ngày đăng: 01/05/2024 06:00 SA') the date is "
    "taken from the right column's 'Tin mới cập nhật' list")
GOV_KINDS = f"kinds and with_video of G2 and G3 pages, from their words and players: {GOV_G2}; {GOV_G3}"
GOV_UNITS = f"units of G2 and G3 pages: {GOV_G2}; {GOV_G3}"
GOV_CATEGORY = (
    "G2 names its category only in a heading above the title, div#tieu-de-chuyen-muc holding <a "
    "href=\"/<slug>\">TIN TỨC - SỰ KIỆN</a> (the name in capitals): probe reports no category")
GOV_ALL = f"{GOV_G2}; {GOV_G3}"
GOV_SECOND_ONCE = (
    "the second run dates a new G3 item into an earlier month: " + GOV_G3)
_GOV_MONTHS = ["2024-02", "2024-03", "2024-04", "2024-05", "2024-06"]
GOV_KNOWN = {
    **{(c, None, m): r for m in _GOV_MONTHS for c, r in
       (("counts", GOV_KINDS), ("units", GOV_UNITS), ("contributors", GOV_G2))},
    **{("unattributed", "feed", m): GOV_UNITS for m in ("2024-03", "2024-04", "2024-06")},
    **{("unattributed", "nofeed", m): GOV_UNITS for m in ("2024-02", "2024-03", "2024-05", "2024-06")},
    ("dates", None, None): f"{GOV_G3}; {GOV_G1_DATE}",
    ("with_video", None, None): GOV_G3,
    ("kind", None, None): GOV_KINDS,
    ("words", None, None): GOV_ALL,
    ("unit_accuracy", None, None): GOV_UNITS,
    ("contributors_items", None, None): GOV_G2,
    ("probe_category", None, None): GOV_CATEGORY,
    ("second_counts", None, None): GOV_KINDS,
    ("second_new", None, None): GOV_ALL,
    ("second_once", "nofeed", None): GOV_SECOND_ONCE,
}

HUGO_RELATED = (
    "links to the site's own articles inside div.post-content are counted as body words (+60 to "
    "+100 on every page): the 'Đọc thêm:' block after the second paragraph (<div "
    "class=\"read-more\"><p><strong>Đọc thêm:</strong></p><ul> of 3 links), '<h2>Bài viết liên "
    "quan</h2><ul>' of 5 links after the signature (S1, S2) and, on S3, a bare <ul> of 4 links with no "
    "heading plus '<p>Xem thêm: <a>…</a></p>'; so items of 940-999 words become articles and items "
    "with a player and under 150 words become news")
HUGO_BYLINE = (
    "the byline is taken from the last <li> of 'Bài viết liên quan' when that linked title starts "
    "'Clip: …' or 'VIDEO: …' (on S1 instead of the signature <p style=\"text-align: right\"><strong>…"
    "</strong></p> just before the <h2>; on S2 instead of the header's <span class=\"p-author "
    "h-card\">), so a repost's 'Theo …' and the contributor are lost")
HUGO_KINDS = f"kinds: {HUGO_RELATED}"
HUGO_UNITS = f"the kinds counted per unit: {HUGO_RELATED}; and {HUGO_BYLINE}"
_HUGO_MONTHS = ["2024-09", "2024-10", "2024-11", "2024-12", "2025-01"]
HUGO_KNOWN = {
    **{(c, None, m): r for m in _HUGO_MONTHS for c, r in
       (("counts", HUGO_KINDS), ("units", HUGO_UNITS), ("contributors", f"{HUGO_KINDS}; {HUGO_BYLINE}"))},
    **{("unattributed", "feed", m): HUGO_BYLINE for m in ("2024-12", "2025-01")},
    ("unattributed", "nofeed", "2024-09"): HUGO_BYLINE,
    ("kind", None, None): HUGO_KINDS,
    ("words", None, None): HUGO_RELATED,
    ("contributors_items", None, None): HUGO_BYLINE,
    ("second_counts", None, None): HUGO_KINDS,
    ("second_new", None, None): HUGO_RELATED,
}


DRUPAL_FB_LAZY = (
    "a lazy-loaded Facebook player, <iframe loading=\"lazy\" src=\"about:blank\" data-src=\"https://"
    "www.facebook.com/plugins/video.php?href=…\">, is not seen as a player (the lazy YouTube one, "
    "src=\"\" data-src=\"https://www.youtube.com/embed/…\", is), so such items lose with_video and, "
    "under 150 words, the kind video")
DRUPAL_SIGNATURE = (
    "on short D1 pages (about 50-180 words, with a player) the signature <p class=\"rteright\"><strong>…"
    "</strong></p>, last in div.field-item[property=\"content:encoded\"], is not found as the byline: "
    "it is counted as body words (+3 to +8, so 149 words become 155 and a video becomes news) and its "
    "unit and contributor are lost (the lead's unit is taken instead); on D2, which signs in the "
    "header field div.field-name-field-tac-gia ('Tác giả:'), a photo caption <p class=\"rtecenter\">"
    "<em>…</em></p> is once taken as the byline, and a byline 'Tin: X; Ảnh: Y (unit)' once loses the "
    "lead's unit; and a unit named only in the body's second paragraph is taken as the lead's")
DRUPAL_CATEGORY = (
    "the category field div.field-name-field-chuyen-muc ('Chuyên mục:' and <a href=\"/<slug>\" "
    "typeof=\"skos:Concept\" property=\"rdfs:label skos:prefLabel\">) is not read: probe reports no "
    "category (collection takes it from the listing)")
DRUPAL_KINDS = f"kinds and with_video: {DRUPAL_FB_LAZY}; {DRUPAL_SIGNATURE}"
_DRUPAL_MONTHS = ["2023-11", "2023-12", "2024-01", "2024-02"]
DRUPAL_KNOWN = {
    **{(c, None, m): r for m in _DRUPAL_MONTHS for c, r in
       (("counts", DRUPAL_KINDS), ("units", f"units and their kinds: {DRUPAL_KINDS}"),
        ("contributors", DRUPAL_SIGNATURE))},
    **{("unattributed", "feed", m): DRUPAL_SIGNATURE for m in ("2023-12", "2024-01", "2024-02")},
    **{("unattributed", "nofeed", m): DRUPAL_SIGNATURE for m in _DRUPAL_MONTHS},
    ("contributors_items", None, None): DRUPAL_SIGNATURE,
    ("with_video", None, None): DRUPAL_FB_LAZY,
    ("kind", None, None): DRUPAL_KINDS,
    ("words", None, None): DRUPAL_SIGNATURE,
    ("unit_accuracy", None, None): DRUPAL_SIGNATURE,
    ("probe_category", None, None): DRUPAL_CATEGORY,
    ("second_counts", None, None): DRUPAL_KINDS,
    ("second_new", "feed", None): DRUPAL_KINDS,
}


def _closed(known: dict, keys: list, narrowed: list) -> None:
    """Gaps the extraction closed (collectors/extraction): their strict xfails go; where a gap
    remains in one variant only, its entry now names that variant."""
    for key in keys:
        del known[key]
    for key, variant in narrowed:
        known[(key[0], variant, key[2])] = known.pop(key)


_closed(PORTAL_KNOWN, [('words', 'cp1258', None), ('words', 'utf8', None)],
        [])
# A lead in bold at the head of P2's one block of <br>-separated text is the lead alone, so a
# unit named only further in the body is no longer taken as the lead's:
_closed(PORTAL_KNOWN, [('units', 'cp1258', '2024-10'), ('unattributed', 'cp1258', '2024-10'),
                       ('units', 'utf8', '2024-09'), ('unattributed', 'utf8', '2024-09')], [])
_closed(GOV_KNOWN, [('contributors', None, '2024-03'), ('contributors', None, '2024-04'), ('contributors_items', None, None), ('counts', None, '2024-04'), ('dates', None, None), ('second_once', 'nofeed', None), ('unattributed', 'feed', '2024-03'), ('unattributed', 'feed', '2024-04'), ('unattributed', 'feed', '2024-06'), ('unattributed', 'nofeed', '2024-02'), ('unattributed', 'nofeed', '2024-03'), ('unattributed', 'nofeed', '2024-05'), ('unattributed', 'nofeed', '2024-06'), ('unit_accuracy', None, None), ('units', None, '2024-04'), ('units', None, '2024-06'), ('with_video', None, None)],
        [(('contributors', None, '2024-02'), 'feed'), (('contributors', None, '2024-06'), 'feed'), (('counts', None, '2024-02'), 'feed'), (('counts', None, '2024-03'), 'nofeed'), (('units', None, '2024-02'), 'feed'), (('units', None, '2024-03'), 'nofeed'), (('units', None, '2024-05'), 'feed')])
# G2's counter-and-share line is one trailer, and the related lines already taken out no longer
# make a short G2 body read as a block of links:
_closed(GOV_KNOWN, [('counts', None, '2024-05'), ('contributors', None, '2024-05'), ('counts', None, '2024-06'), ('kind', None, None), ('words', None, None), ('second_counts', None, None), ('second_new', None, None), ('contributors', 'feed', '2024-02'), ('contributors', 'feed', '2024-06'), ('counts', 'feed', '2024-02'), ('counts', 'nofeed', '2024-03'), ('units', 'feed', '2024-02'), ('units', 'nofeed', '2024-03'), ('units', 'feed', '2024-05')],
        [])
_closed(HUGO_KNOWN, [('contributors', None, '2024-09'), ('contributors', None, '2024-10'), ('contributors', None, '2024-11'), ('contributors', None, '2024-12'), ('contributors', None, '2025-01'), ('contributors_items', None, None), ('counts', None, '2024-09'), ('counts', None, '2024-10'), ('counts', None, '2024-11'), ('counts', None, '2024-12'), ('counts', None, '2025-01'), ('kind', None, None), ('second_counts', None, None), ('second_new', None, None), ('unattributed', 'feed', '2024-12'), ('unattributed', 'feed', '2025-01'), ('unattributed', 'nofeed', '2024-09'), ('units', None, '2024-09'), ('units', None, '2024-10'), ('units', None, '2024-11'), ('units', None, '2024-12'), ('units', None, '2025-01'), ('words', None, None)],
        [])
_closed(DRUPAL_KNOWN, [('contributors', None, '2023-11'), ('contributors', None, '2024-01'), ('contributors', None, '2024-02'), ('contributors_items', None, None), ('counts', None, '2023-11'), ('counts', None, '2024-01'), ('with_video', None, None)],
        [(('contributors', None, '2023-12'), 'feed'), (('counts', None, '2023-12'), 'feed'), (('counts', None, '2024-02'), 'feed'), (('kind', None, None), 'feed'), (('second_counts', None, None), 'feed'), (('units', None, '2023-11'), 'nofeed')])

# The Drupal body field ("text-with-summary") is no lead and the "Tác giả:" field is no lead
# either, so the D1 signature is the byline and neither is counted as body words:
_closed(DRUPAL_KNOWN, [('units', None, '2023-12'), ('units', None, '2024-01'), ('units', None, '2024-02'), ('unattributed', 'feed', '2023-12'), ('unattributed', 'feed', '2024-01'), ('unattributed', 'feed', '2024-02'), ('unattributed', 'nofeed', '2023-11'), ('unattributed', 'nofeed', '2023-12'), ('unattributed', 'nofeed', '2024-01'), ('unattributed', 'nofeed', '2024-02'), ('words', None, None), ('unit_accuracy', None, None), ('second_new', 'feed', None), ('contributors', 'feed', '2023-12'), ('counts', 'feed', '2023-12'), ('counts', 'feed', '2024-02'), ('kind', 'feed', None), ('second_counts', 'feed', None), ('units', 'nofeed', '2023-11')],
        [])

# The Drupal category field's link is read as the page's category:
_closed(DRUPAL_KNOWN, [('probe_category', None, None)], [])
# G2's heading link (div#tieu-de-chuyen-muc, a name for the category) is read as the page's
# category, the name in capitals as the page writes it, with the link's slug:
_closed(GOV_KNOWN, [('probe_category', None, None)], [])

FAMILIES: dict[str, Family] = {}


def register(f: Family) -> None:
    FAMILIES[f.name] = f


register(Family(
    name="vnportal", doc=unseen_site.__doc__ or "", months=["2025-03", "2025-04", "2025-05"],
    categories=unseen_site.CATEGORIES,
    variants={"feed": lambda: unseen_site.Site(unseen_site.SiteData(20250301, ["2025-03", "2025-04", "2025-05"]), feed=True),
              "nofeed": lambda: unseen_site.Site(unseen_site.SiteData(20250417, ["2025-03", "2025-04", "2025-05"]), feed=False)},
    second_when=datetime(2025, 6, 1, 0, 0, tzinfo=ICT), budget=_feed_budget,
))
register(Family(
    name="wordpress", doc=unseen_wp.__doc__ or "", months=["2024-11", "2024-12", "2025-01"],
    categories=unseen_wp.CATEGORIES,
    variants={"feed": lambda: unseen_wp.WPSite(unseen_wp.WPData(4242, ["2024-11", "2024-12", "2025-01"]), feed=True),
              "nofeed": lambda: unseen_wp.WPSite(unseen_wp.WPData(9107, ["2024-11", "2024-12", "2025-01"]), feed=False)},
    second_when=datetime(2025, 2, 1, 0, 0, tzinfo=ICT), budget=_feed_budget,
    layout=lambda p: p.theme, probe_layouts=("D",),
))
register(Family(
    name="aspnet", doc=unseen_portal.__doc__ or "", months=["2024-08", "2024-09", "2024-10"],
    categories=unseen_portal.CATEGORIES,
    variants={"utf8": lambda: unseen_portal.PortalSite(unseen_portal.PortalData(20240801, ["2024-08", "2024-09", "2024-10"]), charset="utf-8"),
              "cp1258": lambda: unseen_portal.PortalSite(unseen_portal.PortalData(1258, ["2024-08", "2024-09", "2024-10"]), charset="windows-1258")},
    # No feed: k new pages + the home page + page 1 of each category listing.
    second_when=datetime(2024, 11, 1, 0, 0, tzinfo=ICT), budget=lambda v: 7 + 1 + 5,
    known=PORTAL_KNOWN,
))

GOV_MONTHS = ["2024-02", "2024-03", "2024-04", "2024-05", "2024-06"]
register(Family(
    name="govportal", doc=gov_portal.__doc__ or "", months=GOV_MONTHS, categories=gov_portal.CATEGORIES,
    variants={"feed": lambda: gov_portal.GovSite(gov_portal.GovData(2024021, GOV_MONTHS), feed=True),
              "nofeed": lambda: gov_portal.GovSite(gov_portal.GovData(2024062, GOV_MONTHS), feed=False)},
    second_when=datetime(2024, 7, 1, 0, 0, tzinfo=ICT), budget=lambda v: 14,
    contributors=True, probe_layouts=("G1", "G2", "G3"), known=GOV_KNOWN,
))
STATIC_MONTHS = ["2024-09", "2024-10", "2024-11", "2024-12", "2025-01"]
register(Family(
    name="hugo", doc=static_site.__doc__ or "", months=STATIC_MONTHS, categories=static_site.CATEGORIES,
    variants={"feed": lambda: static_site.StaticSite(static_site.StaticData(2024091, STATIC_MONTHS), feed=True),
              "nofeed": lambda: static_site.StaticSite(static_site.StaticData(2025012, STATIC_MONTHS), feed=False)},
    second_when=datetime(2025, 2, 1, 0, 0, tzinfo=ICT), budget=lambda v: 14,
    contributors=True, probe_layouts=("S1", "S2", "S3"), known=HUGO_KNOWN,
))

DRUPAL_MONTHS = ["2023-11", "2023-12", "2024-01", "2024-02"]
register(Family(
    name="drupal", doc=drupal_site.__doc__ or "", months=DRUPAL_MONTHS, categories=drupal_site.CATEGORIES,
    variants={"feed": lambda: drupal_site.DrupalSite(drupal_site.DrupalData(2023111, DRUPAL_MONTHS), feed=True),
              "nofeed": lambda: drupal_site.DrupalSite(drupal_site.DrupalData(2024022, DRUPAL_MONTHS), feed=False)},
    second_when=datetime(2024, 3, 1, 0, 0, tzinfo=ICT), budget=lambda v: 14,
    contributors=True, probe_layouts=("D1", "D2"), known=DRUPAL_KNOWN,
))


def variant_ids() -> list[str]:
    return [f"{f.name}-{v}" for f in FAMILIES.values() for v in f.variants]


def split(vid: str) -> tuple[Family, str]:
    name, variant = vid.split("-", 1)
    return FAMILIES[name], variant


def known_reason(vid: str, check: str, month: str | None = None) -> str | None:
    fam, variant = split(vid)
    for key in ((check, variant, month), (check, None, month), (check, variant, None), (check, None, None)):
        if key in fam.known:
            return fam.known[key]
    return None


def write_contributors(folder: Path) -> Path:
    """A config folder whose contributors.toml registers `CONTRIBUTORS` (no units)."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for cid, (name, aliases) in CONTRIBUTORS.items():
        al = ", ".join(f'"{a}"' for a in aliases)
        out.append(f'[[contributors]]\nid = "{cid}"\nname = "{name}"\naliases = [{al}]\nunit = ""\nrole = "ctv"\n')
    (folder / "contributors.toml").write_text("\n".join(out), encoding="utf-8")
    return folder
