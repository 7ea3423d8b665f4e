"""The contributor report names the bylines nobody answers to, with counts, and editor notes."""

from __future__ import annotations

import openpyxl
import pytest
from helpers.reports_fixture import make_month

from reports.render import write_contributors
from reports.yeardata import build_contributors


@pytest.fixture
def month(tmp_path):
    store, config, _db = make_month(tmp_path)
    with store.transaction():
        for i, byline in enumerate(["Nguyễn Văn Lạ", "Nguyễn Văn Lạ; Thu Hà", "Hoàng Minh Khôi",
                                    "Theo Báo Lao động"]):  # fmt: skip
            store.upsert_item({
                "source": "website", "key": f"/ky-ten-{i}", "url": f"https://congdoanhatinh.vn/k{i}",
                "title": f"Tin {i}", "published_utc": "2025-05-13T02:00:00Z", "local_date": "2025-05-13",
                "byline": byline, "is_repost": int(byline.startswith("Theo")), "kind": "news",
            }, ["nguyen-thu-ha"] if "Thu Hà" in byline else [])  # fmt: skip
    store.set_override("website", "/ky-ten-0", "unit", "ldld-can-loc", note="Anh Lạ là CTV của Can Lộc")
    store.conn.commit()
    yield store, config, tmp_path
    store.close()


def test_unknown_bylines_with_counts(month):
    store, config, _ = month
    data = build_contributors(store, config, "2025-05")
    unknown = {b["name"]: b["count"] for b in data["unknown_bylines"]}
    assert unknown == {"Nguyễn Văn Lạ": 2, "Hoàng Minh Khôi": 1}  # the repost and Thu Hà are not
    assert data["unknown_bylines"][0]["name"] == "Nguyễn Văn Lạ"


def test_editor_notes_and_formats(month):
    store, config, tmp = month
    data = build_contributors(store, config, "2025-05")
    assert [n["note"] for n in data["editor_notes"]] == ["Anh Lạ là CTV của Can Lộc"]
    assert data["editor_notes"][0]["field_vi"] == "đơn vị"
    paths = write_contributors(store, config, "2025-05", tmp / "out")
    html = paths["html"].read_text(encoding="utf-8")
    assert "Nguyễn Văn Lạ" in html and "Anh Lạ là CTV của Can Lộc" in html
    wb = openpyxl.load_workbook(paths["xlsx"])
    rows = list(wb["Tên chưa có trong danh sách"].iter_rows(min_row=2, values_only=True))
    assert rows[0][:2] == ("Nguyễn Văn Lạ", 2)
    notes = list(wb["Ghi chú biên tập"].iter_rows(min_row=2, values_only=True))
    assert notes[0][4] == "Anh Lạ là CTV của Can Lộc"
