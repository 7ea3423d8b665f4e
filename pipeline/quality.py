"""Where the tool is unsure of an item: the reasons, in Vietnamese for the editor, that put it on
the report's data-quality list. Each is computed from the stored row and the item's
provenance (how every field was found), so a reprocess recomputes them."""

from __future__ import annotations

from pipeline.settings import Config

LISTING_DATES = {"listing date": "danh sách tin", "feed date": "RSS"}
NO_BODY = "whole page"
# the page's own address could not be its identity (collectors.website.identity)
IDENTITY = {
    "canonical off-site": "Địa chỉ chuẩn (canonical) của trang trỏ ra ngoài trang web: bài được lưu theo địa chỉ đã đọc",
    "canonical names another article": "Địa chỉ chuẩn (canonical) của trang trỏ tới một bài khác với liên kết ở danh sách tin: bài được lưu theo địa chỉ đã đọc",
}


def _word_decided(kind_reason: str) -> bool:
    return kind_reason.startswith(("player in the body", "default", "pending")) or " words (≥ " in kind_reason


def flags_for(row: dict, provenance: dict, config: Config) -> list[str]:
    """The Vietnamese reasons a website row is uncertain ([] for a Facebook post)."""
    if row["source"] != "website":
        return []
    out: list[str] = []
    if row["status"] == "pending":
        return out  # listed as pending already
    if provenance.get("identity") in IDENTITY:
        out.append(IDENTITY[provenance["identity"]])
    where = LISTING_DATES.get(row["date_source"])
    if where:
        out.append(f"Ngày đăng chỉ có ở {where}, không thấy trên trang bài")
    elif not row["published_utc"]:
        out.append("Không tìm thấy ngày đăng")
    if provenance.get("body") == NO_BODY:
        out.append("Không tìm thấy phần nội dung bài: loại tin chỉ theo tiêu đề và chuyên mục, chưa tính số chữ")
        return out
    if not row["byline"]:
        out.append("Không tìm thấy bút danh (tác giả) của bài")
    words = int(row["words"])
    thresholds = [("bài chuyên sâu", config.rules.article.min_words)]
    if row["has_player"]:
        thresholds.append(("video", config.rules.video.max_words_with_player))
    if _word_decided(row["kind_reason"]):
        for name, t in thresholds:
            if abs(words - t) <= 0.1 * t:
                out.append(f"Số chữ ({words}) sát ngưỡng {t} chữ của loại {name} (trong khoảng 10%)")
    return out
