"""The desk's review page: a span from the list, its figures and rankings, its files."""

from __future__ import annotations

import re
from datetime import date

from pipeline.desk.views_review import choices
from pipeline.settings import load_config
from pipeline.store import Store
from pipeline.store.storeconfig import apply_store
from quotas.span import Span
from reports.review.data import build_review
from tests.helpers.desk import signed_in, token_for

SPAN = "/review?ky=tu-chon&tu=2025-03&den=2025-05"


def test_the_spans_offered():
    got = {k: (s.first, s.last) for k, _label, s in choices(date(2026, 3, 10))}
    assert got == {"6-thang": ((2025, 9), (2026, 2)), "nam-nay": ((2026, 1), (2026, 3)),
                   "nam-truoc": ((2025, 1), (2025, 12)), "nhiem-ky": ((2024, 10), (2026, 2))}  # fmt: skip
    early = {k: (s.first, s.last) for k, _label, s in choices(date(2024, 12, 2))}
    assert early["6-thang"] == ((2024, 10), (2024, 11))  # cut to the term
    assert "nam-truoc" not in early


def test_the_review_page_shows_the_figures_and_rankings(app, demo):
    db, cdir = demo
    client = signed_in(app, "xem")
    resp = client.get(SPAN)
    assert resp.status_code == 200
    html = resp.get_data(as_text=True)
    with Store(db) as store:
        data = build_review(store, apply_store(load_config(cdir), db), Span((2025, 3), (2025, 5)))
    assert data["title"] in html
    total = f"{data['website']['total']:,}".replace(",", ".")
    assert f"<b>{total}</b><span>tin, bài trên website</span>" in html
    units = re.findall(r'<table class="stack ranking">.*?</table>', html, re.S)[0]
    assert re.findall(r'<tr data-id="([^"]+)">', units) == [r["id"] for r in data["ranking"]["units"]]
    assert "Năm 2025 (từ tháng 3 đến tháng 5)" in html and 'data-quota="B.IV.3"' in html
    assert "Lập tệp" not in html  # a viewer reads


def test_a_bad_span_is_refused_in_vietnamese(app):
    client = signed_in(app, "xem")
    resp = client.get("/review?ky=tu-chon&tu=2025-05&den=2025-03")
    assert resp.status_code == 400
    assert "Kỳ không hợp lệ" in resp.get_data(as_text=True)


def test_an_editor_makes_the_files_and_a_viewer_downloads_them(app):
    client = signed_in(app, "bientap")
    resp = client.post("/review", data={"ky": "tu-chon", "tu": "2025-03", "den": "2025-05",
                                        "csrf_token": token_for(client, SPAN)}, follow_redirects=True)  # fmt: skip
    html = resp.get_data(as_text=True)
    for ext in ("json", "html", "xlsx", "docx"):
        assert f'href="/reports/file/bao-cao-danh-gia-2025-03-2025-05.{ext}"' in html
    viewer = signed_in(app, "xem")
    got = viewer.get("/reports/file/bao-cao-danh-gia-2025-03-2025-05.docx")
    assert got.status_code == 200 and got.data[:2] == b"PK"
    assert viewer.post("/review", data={"tu": "2025-03", "den": "2025-05",
                                        "csrf_token": token_for(viewer, SPAN)}).status_code == 403  # fmt: skip
    bad = client.post("/review", data={"tu": "2025-05", "den": "2029-01", "csrf_token": token_for(client, SPAN)},
                      follow_redirects=True)  # fmt: skip
    assert "Không lập tệp nào" in bad.get_data(as_text=True)


def test_a_bad_ranking_file_is_named_on_the_page(demo, tmp_path):
    import shutil

    from pipeline.desk.app import create_app

    db, config = demo
    cdir = tmp_path / "cau-hinh"
    shutil.copytree(config, cdir)
    (cdir / "ranking.toml").write_text("[score]\nnews = -2\n", encoding="utf-8")
    app = create_app(db, cdir, reports_dir=tmp_path / "reports")
    app.config["TESTING"] = True
    resp = signed_in(app, "xem").get(SPAN)
    html = resp.get_data(as_text=True)
    assert resp.status_code == 400
    assert "Lỗi cấu hình" in html and "ranking.toml" in html and "score.news" in html
