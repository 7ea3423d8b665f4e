"""The columns and post types of the Business Suite and Insights CSVs, in English and Vietnamese.

Headers are matched exactly first, then case-insensitively and with spaces collapsed. Each
logical field lists the header of the English interface first, then the Vietnamese ones (Meta's
Vietnamese interface; older exports differ in a word or two).
"""

from __future__ import annotations

# Logical field -> header names, most specific first.
COLUMNS: dict[str, list[str]] = {
    "post_id": ["Post ID", "Post Id", "ID bài viết", "Mã bài viết", "ID bài đăng", "Post"],
    "page_id": ["Page ID", "ID Trang", "Mã Trang"],
    "page_name": ["Page name", "Tên Trang"],
    "title": ["Title", "Tiêu đề"],
    "description": ["Description", "Mô tả"],
    "message": ["Post Message", "Message", "Nội dung bài viết", "Thông điệp bài viết", "Nội dung"],
    "duration": [
        "Duration (sec)",
        "Duration (seconds)",
        "Thời lượng (giây)",
        "Thời lượng (s)",
        "Thời lượng",
    ],
    "publish": [
        "Publish time",
        "Posted",
        "Publish Time",
        "Thời gian đăng",
        "Thời gian xuất bản",
        "Đã đăng",
        "Created time",
        "Published",
        "Ngày đăng",
    ],
    "permalink": [
        "Permalink",
        "Liên kết vĩnh viễn",
        "Liên kết cố định",
        "Đường dẫn cố định",
        "Link",
    ],
    "is_crosspost": ["Is crosspost", "Là bài viết đăng chéo", "Là bài đăng chéo"],
    "is_share": ["Is share", "Là lượt chia sẻ", "Là bài chia sẻ", "Là nội dung chia sẻ"],
    "post_type": ["Post type", "Type", "Loại bài viết", "Loại bài đăng", "Loại"],
}

# Post type (casefolded) -> media_type. Unknown values are reported.
POST_TYPES: dict[str, str] = {
    "photos": "photo", "photo": "photo", "album": "photo", "albums": "photo",
    "carousel": "photo", "ảnh": "photo", "hình ảnh": "photo", "album ảnh": "photo",
    "videos": "video", "video": "video", "reels": "video", "reel": "video",
    "thước phim": "video", "thước phim (reels)": "video",
    "live": "video", "live video": "video", "live videos": "video", "video trực tiếp": "video",
    "trực tiếp": "video", "phát trực tiếp": "video",
    "links": "link", "link": "link", "liên kết": "link",
    "text": "text", "status": "text", "statuses": "text", "văn bản": "text", "trạng thái": "text",
    "shared video": "share", "shared": "share", "share": "share", "shares": "share",
    "chia sẻ": "share", "lượt chia sẻ": "share",
    "event": "text", "events": "text", "sự kiện": "text", "note": "text", "offer": "text",
}  # fmt: skip

# The Insights export's second row describes each column: "Lifetime: …" / "Trọn đời: …".
DESCRIPTION_PREFIXES = ("Lifetime:", "Trọn đời:", "Suốt đời:", "Toàn thời gian:")
TRUE_VALUES = {"1", "true", "yes", "có", "x", "đúng"}
