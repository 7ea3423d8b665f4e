"""Why an item got its unit, kind and date, in Vietnamese, for the people who check it.

The store keeps the rules' own (English) reasons, for developers and logs; the reports show
these sentences instead. An item whose text names a unit ambiguously (two LĐLĐ of the same
place) says so and names the candidates, instead of "no unit named".
"""

from __future__ import annotations

import re

from pipeline.settings import Config

_UNIT_PATTERNS = [
    (re.compile(r"^repost \(no unit\)$"), "tin đăng lại («Theo …»), không tính cho đơn vị nào"),
    (re.compile(r"^byline names «(.*)»$"), "dòng ký tên ghi «{0}»"),
    (re.compile(r"^title names «(.*)»$"), "tiêu đề nêu «{0}»"),
    (re.compile(r"^lead names «(.*)»$"), "phần mở đầu nêu «{0}»"),
    (re.compile(r"^override$"), "biên tập viên đã chọn"),
    (re.compile(r"^no unit named$"), "không nêu tên đơn vị nào"),
]
_CONTRIBUTOR_UNIT = re.compile(r"^contributor (\S+)'s unit$")

_KIND_PATTERNS = [
    (re.compile(r"^video marker in the title$"), "tiêu đề có dấu hiệu video"),
    (re.compile(r"^video category$"), "thuộc chuyên mục video"),
    (re.compile(r"^player in the body with (\d+) words \(< (\d+)\)$"),
     "có trình phát video, phần chữ chỉ {0} chữ (dưới {1})"),
    (re.compile(r"^in-depth category$"), "thuộc chuyên mục bài chuyên sâu"),
    (re.compile(r"^series marker in the title$"), "tiêu đề có dấu hiệu loạt bài («Bài 1», «Kỳ 1»…)"),
    (re.compile(r"^(\d+) words \(≥ (\d+)\)$"), "bài dài {0} chữ (từ {1} chữ trở lên)"),
    (re.compile(r"^default \(news\)$"), "mặc định là tin"),
    (re.compile(r"^facebook video post$"), "bài Facebook dạng video"),
    (re.compile(r"^pending: .*$"), "trang chưa tải được, loại tạm theo trang danh mục"),
]  # fmt: skip
_FB_MEDIA = {"photo": "ảnh", "link": "liên kết", "text": "chữ", "album": "album ảnh",
             "status": "chữ", "post": "bài đăng", "share": "chia sẻ", "event": "sự kiện"}  # fmt: skip

_DATE_SOURCES = {
    "profile selector": "vị trí ngày đăng đã khai báo cho trang",
    "json-ld datepublished": "dữ liệu mô tả bài trong mã trang",
    "json-ld": "dữ liệu mô tả bài trong mã trang",
    "meta published_time": "thẻ meta ngày đăng của trang",
    "published <time>": "ô ngày đăng trong trang",
    "<time> element": "ô thời gian trong trang",
    "visible date": "ngày giờ ghi dưới tiêu đề",
    "visible date (no time)": "ngày ghi dưới tiêu đề (không có giờ)",
    "feed date": "ngày trong RSS (trang không ghi ngày)",
    "rss": "ngày trong RSS (trang không ghi ngày)",
    "listing date": "ngày ở trang danh mục (trang không ghi ngày)",
    "listing": "ngày ở trang danh mục (trang không ghi ngày)",
    "sitemap": "ngày trong sơ đồ trang (trang không ghi ngày)",
    "csv publish time (local)": "giờ đăng trong tệp CSV của Facebook",
    "dyi timestamp": "thời điểm đăng trong tệp tải về của Facebook",
    "videos.json creation_timestamp": "thời điểm tạo video trong tệp tải về của Facebook",
    "export": "tệp xuất của Facebook",
}


_COUNT_OF_WORDS = re.compile(r"(?<![\d.])(\d{4,})(?=\)| chữ)")


def group_digits(text: str) -> str:
    """Counts of words in a sentence with thousands separators: "sát ngưỡng 1000 chữ" ->
    "sát ngưỡng 1.000 chữ" (years and other numbers are left as they are)."""
    return _COUNT_OF_WORDS.sub(lambda m: f"{int(m.group(1)):,}".replace(",", "."), text)


def flags_text(flags: list[str]) -> str:
    """The reasons the tool is unsure of an item (pipeline/quality.py), as one cell's text:
    each is a sentence of its own."""
    return group_digits(" ".join(f if f.endswith(".") else f + "." for f in flags))


def _match(patterns, text: str) -> str | None:
    for pat, template in patterns:
        m = pat.match(text)
        if m:
            return group_digits(template.format(*m.groups()))
    return None


def unit_reason_vi(reason: str, contributor_names: dict[str, str] | None = None) -> str:
    text = (reason or "").strip()
    if not text:
        return ""
    m = _CONTRIBUTOR_UNIT.match(text)
    if m:
        name = (contributor_names or {}).get(m.group(1), m.group(1))
        return f"đơn vị của người viết {name}"
    return _match(_UNIT_PATTERNS, text) or text


def kind_reason_vi(reason: str) -> str:
    text = (reason or "").strip()
    if not text:
        return ""
    m = re.match(r"^facebook (\w+)$", text)
    if m and m.group(1) != "video":
        return f"bài Facebook ({_FB_MEDIA.get(m.group(1), m.group(1))})"
    return _match(_KIND_PATTERNS, text) or text


def date_source_vi(source: str) -> str:
    text = (source or "").strip()
    return _DATE_SOURCES.get(text.lower(), text)


def error_vi(error: str) -> str:
    text = (error or "").strip()
    if not text:
        return ""
    m = re.match(r"^HTTP (\d{3})", text)
    if m:
        return f"máy chủ trả lỗi {m.group(1)}"
    if "timed out" in text.lower() or "timeout" in text.lower():
        return "máy chủ không trả lời kịp"
    return f"lỗi kỹ thuật: {text}"


class AmbiguityFinder:
    """Finds the unit names in an item's byline, title and lead that fit more than one unit.

    What was found for a byline, title and lead is remembered for as long as the config keeps
    the same attributor (a change of units or contributors builds a new one)."""

    _MAX_SEEN = 50_000

    def __init__(self, config: Config):
        from pipeline.ingest import engines

        self.attributor = engines(config)[1]
        self.names = {u.id: u.name for u in config.units}
        held = config.extra.get("ambiguity")
        if held is None or held[0] is not self.attributor:
            held = config.extra["ambiguity"] = (self.attributor, {})
        self._seen: dict[tuple[str, str, str], tuple] = held[1]

    def candidates(self, row) -> list[tuple[str, list[str]]]:
        """[(phrase, [unit ids])] of every ambiguous mention, in order, without repeats."""
        key = (_get(row, "byline"), _get(row, "title"), _get(row, "lead"))
        found = self._seen.get(key)
        if found is None:
            if len(self._seen) >= self._MAX_SEEN:
                self._seen.clear()
            found = self._seen[key] = tuple((p, tuple(ids)) for p, ids in self._find(*key))
        return [(p, list(ids)) for p, ids in found]

    def _find(self, byline: str, title: str, lead: str) -> list[tuple[str, list[str]]]:
        matcher = self.attributor.matcher
        texts = [self.attributor.byline_text(byline), title, lead]
        out: list[tuple[str, list[str]]] = []
        seen = set()
        for text in texts:
            for mode in ("fold", "ascii"):
                for m in matcher.mentions(text or "", mode):
                    if len(m.unit_ids) > 1 and m.unit_ids not in seen:
                        seen.add(m.unit_ids)
                        out.append((m.text, list(m.unit_ids)))
        return out


def _get(row, key: str) -> str:
    try:
        return row[key] or ""
    except (KeyError, IndexError):
        return ""


def ambiguous_reason(found: list[tuple[str, list[str]]], names: dict[str, str]) -> str:
    parts = []
    for _phrase, ids in found:  # the phrase is case-folded: name the units instead
        names_ = [names.get(u, u) for u in ids]
        count = {2: "hai", 3: "ba", 4: "bốn"}.get(len(ids), str(len(ids)))
        parts.append(f"tên đơn vị khớp {count} đơn vị: {', '.join(names_)}")
    return "; ".join(parts) + "; cần chọn một đơn vị"


def annotate(rec: dict, row, finder: AmbiguityFinder | None, contributor_names: dict[str, str]) -> dict:
    """Add the Vietnamese reasons to an item record of the reports (in place)."""
    rec["unit_reason_vi"] = unit_reason_vi(rec.get("unit_reason", ""), contributor_names)
    rec["kind_reason_vi"] = kind_reason_vi(rec.get("kind_reason", ""))
    rec["date_source_vi"] = date_source_vi(rec.get("date_source", ""))
    rec["error_vi"] = error_vi(rec.get("error", ""))
    rec["ambiguous_units"] = []
    if finder is not None and not rec.get("unit") and not rec.get("is_repost"):
        found = finder.candidates(row)
        if found:
            rec["ambiguous_units"] = [u for _p, ids in found for u in ids]
            rec["unit_reason_vi"] = ambiguous_reason(found, finder.names)
    parts = [rec["unit_reason_vi"]]
    if rec.get("status") == "pending":
        parts.append("trang chưa tải được" + (f" ({rec['error_vi']})" if rec["error_vi"] else ""))
    if rec["kind_reason_vi"]:
        parts.append(f"loại: {rec['kind_reason_vi']}")
    if rec["date_source_vi"]:
        parts.append(f"ngày đăng lấy từ: {rec['date_source_vi']}")
    rec["note_vi"] = "; ".join(p for p in parts if p)
    return rec


def decision_source_vi(entry) -> str:
    """Who made an editor's decision and where, from its audit row (None: a decision older
    than the audit trail): "thu-ha chọn trên bàn biên tập lúc 07/12/2026 10:05"."""
    if entry is None:
        return "biên tập viên đã chọn"
    from reports.common import local_time

    who = entry["who"] or ""
    when = local_time(entry["at"])
    at = f" lúc {when.strftime('%d/%m/%Y %H:%M')}" if when else ""
    if who == "cli" or who.startswith("cli:"):
        account = who[4:]
        return (f"chọn bằng dòng lệnh trên máy chủ{f' (tài khoản {account})' if account else ''}"
                f"{at}")  # fmt: skip
    if who in ("reprocess", "system", "nightly"):
        return f"chương trình đặt khi tính lại{at}"
    return f"{who} chọn trên bàn biên tập{at}"


def decision_sources(history, fields=("kind", "unit", "contributors")) -> dict[str, str]:
    """Per field, the source of its standing decision: the newest set in ``history`` (newest
    first, as ``audit.history`` gives it) that was not undone."""
    out: dict[str, str] = {}
    for h in history:
        f = h["field"]
        if f in fields and f not in out and h["action"] == "set" and not h["undone_by"]:
            out[f] = decision_source_vi(h)
    return out


_CATEGORY_SOURCES = {
    "profile selector": "vị trí chuyên mục đã khai báo cho trang",
    "breadcrumb": "đường dẫn chuyên mục ở đầu bài",
    "category link": "liên kết chuyên mục của bài",
    "JSON-LD articleSection": "dữ liệu mô tả bài trong mã trang",
    "meta article:section": "dữ liệu mô tả bài trong mã trang",
    "feed category": "chuyên mục ghi trong RSS",
    "listing": "danh mục có liệt kê bài",
}


def category_source_vi(source: str | None) -> str:
    """Where an item's category was read, for people (the stored value is the rule's own)."""
    return _CATEGORY_SOURCES.get(source or "", "không rõ" if not source else "cách khác")
