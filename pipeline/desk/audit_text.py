"""The audit trail in words: a decision's value, a record's detail and its object as staff read
them (names, not ids; "Bài chuyên sâu", not "article"; never raw JSON)."""

from __future__ import annotations

import json

from pipeline.desk.report_files import title_of
from reports.common import KIND_LABELS, ROLE_LABELS, vn_number

KEYS_VI = {
    "posts": "bài đăng", "new": "bài mới", "sessions": "phiên đăng nhập", "role": "vai trò",
    "disabled": "khoá", "done_on": "ngày xong", "note": "ghi chú", "name": "họ tên",
    "aliases": "bút danh", "unit": "đơn vị", "targets": "chỉ tiêu", "news": "tin",
    "articles": "bài chuyên sâu", "videos": "video", "id": "mã", "status": "mã trạng thái",
    "method": "cách gửi",
}  # fmt: skip
USER_ROLES = {"viewer": "Xem", "editor": "Biên tập", "admin": "Quản trị"}
TARGETS_VI = {"contributor": "Người viết", "contributors": "Danh sách người viết", "plan": "Kế hoạch",
              "user": "Tài khoản", "facebook": "Tệp Facebook", "run": "Lần thu thập",
              "request": "Yêu cầu", "item": "Tin, bài", "report": ""}  # fmt: skip


def who_vi(who: str | None) -> str:
    """Who made a change, for people: a desk account by its name; the tool itself, the command
    line and the collection in words."""
    who = who or ""
    if who in ("system", "cdht"):
        return "Chương trình (tự động)"
    if who == "cli" or who.startswith("cli:"):
        account = who.partition(":")[2]
        return "Dòng lệnh trên máy chủ" + (f" (tài khoản máy {account})" if account else "")
    return who


def _decoded(text):
    if text is None:
        return None
    try:
        return json.loads(text)
    except (TypeError, ValueError):
        return text


def _plain(value, names: dict) -> str:
    """Any stored value as words: lists joined, mappings as 'key: value', booleans có/không."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, int | float):
        return vn_number(value)
    if isinstance(value, list):
        return ", ".join(_plain(v, names) for v in value) or "–"
    if isinstance(value, dict):
        parts = []
        for k, v in value.items():
            if k == "unit":
                v = names.get("units", {}).get(v, v) if v else "không"
            elif k == "role":
                v = USER_ROLES.get(v) or ROLE_LABELS.get(v, v)
            parts.append(f"{KEYS_VI.get(k, k)}: {_plain(v, names)}")
        return "; ".join(parts)
    return str(value)


def value_vi(field: str, text: str | None, names: dict) -> str:
    """One side (before or after) of an audit row, in words."""
    value = _decoded(text)
    if value is None:
        return "–"
    if field == "kind":
        return KIND_LABELS.get(value, value)
    if field == "unit":
        return names.get("units", {}).get(value, value) if value else "Không thuộc đơn vị nào"
    if field == "contributors":
        people = names.get("people", {})
        return ", ".join(people.get(c, c) for c in value) if value else "Không có người viết"
    if field == "no_royalty":
        return "có" if value else "không"
    return _plain(value, names)


def target_vi(row, names: dict, titles: dict | None = None) -> str:
    """What an audit row is about: an item's title, a person's name, a report's name."""
    kind, target = row["target_type"], row["target"] or ""
    if kind == "item":
        return (titles or {}).get(target) or target.split(":", 1)[-1]
    if kind == "contributor":
        return f"Người viết {names.get('people', {}).get(target, target)}"
    if kind == "report":
        report, _, period = target.partition(":")
        try:
            return title_of(report, period.replace("_", "-"))
        except (ValueError, IndexError):
            return target
    if kind == "contributors":  # an import of the configured list: its files, by their names
        return "Danh sách người viết, từ tệp cấu hình contributors.toml"
    if kind == "plan":
        return f"Mục kế hoạch {target.replace(':', ' tháng ')}"
    label = TARGETS_VI.get(kind, kind)
    return f"{label} {target}".strip()
