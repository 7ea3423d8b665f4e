"""The desk's queries over the store (no Flask here): the worklist, the item list, freshness."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from collectors.textnorm import fold
from pipeline.facebook_graph import KV_LAST as KV_GRAPH_LAST
from pipeline.ingest import engines
from pipeline.periods import parse_month
from pipeline.settings import Config
from pipeline.store import Store, search
from pipeline.store.audit import item_version
from reports.common import month_bounds
from reports.coverage import last_facebook_read, last_website_read
from reports.monthdata import is_fallback_date, is_fallback_kind

STALE_DAYS = 2
PAGE = 100

REASONS_VI = {
    "no_unit": "Chưa xác định được đơn vị",
    "ambiguous": "Tên đơn vị khớp nhiều đơn vị",
    "date": "Ngày đăng chưa chắc chắn",
    "undated": "Chưa có ngày đăng",
    "kind": "Loại tin, bài chưa chắc chắn",
    "pending": "Trang chưa tải được",
    "fb_unlinked": "Bài Facebook chưa nối với bài website",
}


def month_range(month: str) -> tuple[str, str]:
    start, end = month_bounds(*parse_month(month))
    return start.isoformat(), end.isoformat()


@dataclass
class WorkItem:
    row: sqlite3.Row
    reasons: list[tuple[str, str]]  # (code, Vietnamese sentence)
    contributors: list[str] = field(default_factory=list)
    overrides: dict[str, str] = field(default_factory=dict)
    version: str = ""


def _host(url: str) -> str:
    return (urlsplit(url or "").hostname or "").lower().removeprefix("www.")


def _unit_reasons(row, config: Config) -> list[tuple[str, str]]:
    matcher = engines(config)[1].matcher
    names = {u.id: u.name for u in config.units}
    for text in (row["byline"], row["title"], row["lead"]):
        for m in matcher.mentions(text or ""):
            if len(m.unit_ids) > 1:
                which = ", ".join(names.get(i, i) for i in m.unit_ids)
                said = text[m.start : m.end] if len(fold(text)) == len(text) else m.text
                return [("ambiguous", f"Tên «{said.strip()}» khớp nhiều đơn vị ({which}): hãy chọn một.")]
    return [("no_unit", "Không thấy tên đơn vị trong dòng tác giả, tiêu đề hay sapo.")]


def reasons_of(row, ov: dict[str, str], config: Config, site_host: str, web_keys: set[str]) -> list:
    """Why an item needs a person (empty: it does not)."""
    out: list[tuple[str, str]] = []
    if row["source"] == "website":
        if row["is_repost"]:
            return []
        if row["status"] == "pending":
            out.append(("pending", "Trang chưa tải được; sẽ tải lại ở lần chạy sau"
                        + (f" (lỗi: {row['error']})." if row["error"] else ".")))  # fmt: skip
        if row["eff_unit"] is None and "unit" not in ov:
            out += _unit_reasons(row, config)
        if row["local_date"] is None:
            out.append(("undated", "Không đọc được ngày đăng: chưa tính vào tháng nào."))
        elif is_fallback_date(row["date_source"], "website") and row["status"] != "pending":
            out.append(("date", f"Ngày đăng lấy từ {row['date_source'] or 'nguồn phụ'}, không từ trang bài."))
        if "kind" not in ov and is_fallback_kind(row["kind_reason"]) and row["status"] != "pending":
            out.append(("kind", "Loại tin, bài đoán từ danh sách, chưa đọc được trang bài."))
    else:
        linked = row["linked_key"]
        if linked and linked not in web_keys:
            out.append(("fb_unlinked", "Bài Facebook chia sẻ một bài của trang chưa có trong dữ liệu website."))
        elif not linked and site_host and _host(row["link_url"]) == site_host:
            out.append(("fb_unlinked", "Bài Facebook có liên kết tới trang nhưng chưa nối được với bài website."))
    return out


def worklist(store: Store, config: Config, month: str) -> dict:
    """The month's items that need a person (plus undated ones), and the reposts apart.

    An item an editor saved (reviewed) leaves the list until a later collection changes it."""
    start, end = month_range(month)
    rows = search.unreviewed(store, start, end)
    linked = {r["linked_key"] for r in rows if r["source"] == "facebook" and r["linked_key"]}
    web_keys = search.existing_keys(store, "website", linked)
    site_host = _host(config.site.site.base_url)
    ovs = overrides_of(store, [(r["source"], r["key"]) for r in rows if r["overridden"]])
    need, reposts, counts = [], [], {}
    for r in rows:
        if r["source"] == "website" and r["is_repost"]:
            if r["local_date"] is not None:
                reposts.append(r)
            continue
        ov = ovs.get((r["source"], r["key"]), {})
        why = reasons_of(r, ov, config, site_host, web_keys)
        if why:
            need.append(WorkItem(r, why, overrides=ov))
            for code, _ in why:
                counts[code] = counts.get(code, 0) + 1
    contribs = store.contributors_of([w.row["id"] for w in need])
    for w in need:
        w.contributors = contribs.get(w.row["id"], [])
        w.version = item_version(store, w.row["source"], w.row["key"])
    # a month holding no item at all is a gap in the data, not a month with nothing to do
    no_data = not store.has_items_between(start, end)
    return {"items": need, "reposts": reposts, "counts": counts, "no_data": no_data}


def overrides_of(store: Store, keys: list[tuple[str, str]]) -> dict[tuple[str, str], dict]:
    out: dict[tuple[str, str], dict] = {}
    for source, key in keys:
        out[(source, key)] = store.overrides_for(source, key)
    return out


FLAGS_VI = {
    "unattributed": "Chưa có đơn vị", "repost": "Đăng lại", "pending": "Chưa tải được",
    "overridden": "Đã sửa tay", "with_video": "Có video", "bulletin": "Bản tin",
    "contest": "Cuộc thi", "undated": "Chưa có ngày",
}  # fmt: skip


def search_items(store: Store, *, month: str = "", source: str = "", kind: str = "",
                 unit: str = "", contributor: str = "", flag: str = "", q: str = "",
                 page: int = 1) -> tuple[list[sqlite3.Row], int]:  # fmt: skip
    """Items by the filters of the item list, newest first; (rows of the page, total)."""
    start, end = month_range(month) if month else ("", "")
    return search.items(store, start=start, end=end, source=source, kind=kind, unit=unit,
                        contributor=contributor, flag=flag, q=q, page=page, size=PAGE)  # fmt: skip


# ---------------------------------------------------------------- freshness
def _parse(ts: str | None) -> datetime | None:
    if not ts:
        return None
    try:
        dt = datetime.fromisoformat(ts.replace("Z", "+00:00"))
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def freshness(store: Store, month: str, now: datetime | None = None) -> dict:
    """When the site and Facebook were last read, the last runs, and warnings for ``month``."""
    now = now or datetime.now(UTC)
    site_read, fb_read = last_website_read(store), last_facebook_read(store)  # as the reports say
    fb_newest, site_newest = (search.newest_read(store, src) for src in ("facebook", "website"))
    last_runs = store.runs(5)
    failed = [r for r in last_runs if r["outcome"] in ("failed", "interrupted")]
    start, end = month_range(month)
    in_month = store.count_between("website", start, end)
    site_at = _parse(site_read)
    warnings = []
    if site_at is None:
        warnings.append("Chưa có lần thu thập website nào thành công: các con số dưới đây chưa phản ánh thực tế.")
    elif now - site_at > timedelta(days=STALE_DAYS):
        warnings.append(f"Dữ liệu website đã cũ: lần thu thập thành công gần nhất cách đây "
                        f"{(now - site_at).days} ngày. Hãy kiểm tra lịch chạy hằng đêm.")  # fmt: skip
    if in_month == 0:
        warnings.append("Tháng này chưa có tin, bài nào trong dữ liệu. Nếu trang đã đăng bài, "
                        "việc thu thập đang gặp trục trặc: đây không phải một tháng bằng 0.")  # fmt: skip
    elif site_at is not None and site_at.date().isoformat() <= end and month < now.strftime("%Y-%m"):
        warnings.append("Tháng này chưa được đọc trọn: lần thu thập cuối kết thúc trước ngày cuối tháng.")
    graph = store.get_kv(KV_GRAPH_LAST) or {}
    if graph.get("outcome") == "failed" and graph.get("token_failed"):
        warnings.append("Mã truy cập Trang Facebook (CDHT_FB_TOKEN) không hợp lệ hoặc đã hết hạn: "
                        "cần gia hạn (xem docs/FACEBOOK.md); bài mới của Trang chưa được đọc.")  # fmt: skip
    if failed and last_runs and last_runs[0]["outcome"] in ("failed", "interrupted"):
        warnings.append(f"Lần chạy gần nhất ({last_runs[0]['command']}) không thành công: "
                        f"{last_runs[0]['message'] or 'xem nhật ký chạy'}.")  # fmt: skip
    return {
        "site_read_at": site_read,
        "facebook_read_at": fb_read,
        "facebook_newest": fb_newest,
        "site_newest": site_newest,
        "last_runs": last_runs,
        "failed": failed,
        "items_in_month": in_month,
        "warnings": warnings,
    }


def item_contributors(store: Store, row) -> list[str]:
    if row["contributors_override"] is not None:
        return list(json.loads(row["contributors_override"]))
    return store.contributors_of([row["id"]])[row["id"]]
