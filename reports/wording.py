"""Sentences a person would write about a month's figures, shared by the DOCX, HTML and XLSX.

"Trong tháng, toàn hệ thống đăng 93 tin, đạt 93% chỉ tiêu (100 tin); …", the units behind
on each unit target named, and the plain state of each target.
"""

from __future__ import annotations

from reports.common import status_label
from reports.common import vn_number as n

STATUS_PHRASES = {
    "met": "đạt chỉ tiêu",
    "not_met": "chưa đạt chỉ tiêu",
    "on_track": "đúng tiến độ",
    "at_risk": "có nguy cơ không đạt",
    "not_due": "chưa đến hạn",
    "no_data": "chưa có số liệu",
}


def percent(actual, target) -> str:
    if not target:
        return ""
    return f"{round(100 * (actual or 0) / target)}%"


def units_missing(q: dict) -> list[str]:
    """Unit ids a "units" target still lacks (the federation itself is not a unit)."""
    if q.get("units_missing") is not None:
        return list(q["units_missing"])
    existing = q.get("units_existing")
    if existing is None:
        return []
    return sorted(set(existing) - set(q.get("units_counted") or []))


def units_behind_text(q: dict, names: dict[str, str]) -> str:
    """'Các đơn vị chưa có video clip (1): LĐLĐ huyện Vũ Quang.' for a units target, else ''."""
    missing = units_missing(q)
    if not missing or q.get("status") == "met":
        return ""
    what = "video clip" if q.get("count") in ("video", "with_video") else "tin, bài được tính"
    if q.get("units_existing") and not q.get("units_counted"):
        return f"Chưa đơn vị nào có {what} ({n(len(missing))} đơn vị)."
    listed = ", ".join(names.get(u, u) for u in missing)
    return f"Các đơn vị chưa có {what} ({n(len(missing))}): {listed}."


def quota_sentence(q: dict, names: dict[str, str]) -> str:
    """One target as a sentence: what, how many of how many, percent, state, who is behind."""
    what = q.get("what") or ""
    actual, target = q.get("actual") or 0, q.get("target")
    period = q.get("period_label") or q.get("period") or ""
    name = q.get("name") or q["id"]
    if target is None:
        text = f"{name} ({q['id']}, {period}): {n(actual)} {what}".rstrip() + "."
    else:
        pct = percent(actual, target)
        state = STATUS_PHRASES.get(q.get("status") or "", status_label(q.get("status")).lower())
        text = (f"{name} ({q['id']}, {period}): {n(actual)}/{n(target)} {what}".rstrip()
                + (f", đạt {pct}" if pct else "") + f", {state}.")  # fmt: skip
    behind = units_behind_text(q, names)
    return f"{text} {behind}".strip()


def _find(quotas: list[dict], qid: str) -> dict | None:
    return next((q for q in quotas if q.get("id") == qid and not q.get("contributor")), None)


def website_paragraph(data: dict, *, gaps: bool = True) -> str:
    """The opening sentence of the month report's results; ``gaps=False`` leaves out what the
    tool could not attribute (the signed report keeps that for its annex)."""
    w = data["website"]
    cov = data.get("coverage") or {}
    if not w["total"] and cov.get("warning"):
        return ("Chưa có số liệu tin, bài của kỳ này trên Trang thông tin điện tử (xem lưu ý về số "
                "liệu ở trên); các con số 0 trong báo cáo không có nghĩa là không đăng tin, bài.")  # fmt: skip
    quotas = data.get("quotas", [])
    parts = []
    news, arts = _find(quotas, "B.I.2a"), _find(quotas, "B.I.2b")
    if news and news.get("target"):
        parts.append(f"{n(w['news'])} tin, đạt {percent(w['news'], news['target'])} chỉ tiêu "
                     f"({n(news['target'])} tin)")  # fmt: skip
    else:
        parts.append(f"{n(w['news'])} tin")
    if arts and arts.get("target"):
        parts.append(f"{n(w['articles'])} bài chuyên sâu, đạt {percent(w['articles'], arts['target'])} "
                     f"chỉ tiêu ({n(arts['target'])} bài)")  # fmt: skip
    else:
        parts.append(f"{n(w['articles'])} bài chuyên sâu")
    parts.append(f"{n(w['videos'])} video clip")
    text = (f"Trong tháng, toàn hệ thống đăng trên Trang thông tin điện tử {n(w['total'])} tin, bài: "
            + "; ".join(parts) + f". Có {n(w['with_video'])} tin, bài kèm video clip.")  # fmt: skip
    if gaps and data.get("unattributed"):
        text += (f" Còn {n(data['unattributed'])} tin, bài chưa xác định được đơn vị gửi (gồm tin đăng lại "
                 "từ nguồn khác và trang chưa tải được).")  # fmt: skip
    return text


def facebook_paragraph(data: dict) -> str:
    f = data["facebook"]
    if not f["posts"] and not (data.get("coverage") or {}).get("facebook_complete", True):
        return "Chưa có số liệu Facebook của kỳ này (dữ liệu Facebook chưa được nhập đến cuối kỳ)."
    if not f["posts"]:
        return "Trong tháng, Trang Facebook Công đoàn Hà Tĩnh chưa có bài đăng nào được ghi nhận."
    extra = []
    if f["videos"]:
        extra.append(f"{n(f['videos'])} video")
    if f.get("bulletins"):
        extra.append(f"{n(f['bulletins'])} bài giới thiệu bản tin")
    if f.get("contests"):
        extra.append(f"{n(f['contests'])} bài về cuộc thi trực tuyến")
    if f.get("linked"):
        extra.append(f"{n(f['linked'])} bài chia sẻ tin, bài của website")
    return (f"Trang Facebook Công đoàn Hà Tĩnh đăng {n(f['posts'])} bài"
            + (", trong đó " + ", ".join(extra) if extra else "") + ".")  # fmt: skip


def shortfalls(data: dict) -> list[str]:
    """Section II: each target behind, in a sentence, with the units behind named. A target
    none of whose days the tool has read (``no_data``) is no shortcoming and is left out; one
    read in part says which days its verdict rests on."""
    names = data.get("unit_names", {})
    out = []
    for q in data.get("quotas", []):
        if q.get("contributor") or q.get("status") not in ("not_met", "at_risk"):
            continue
        actual, target = q.get("actual") or 0, q.get("target") or 0
        name = q.get("name") or q["id"]
        period = q.get("period_label") or q.get("period") or ""
        gap = max(target - actual, 0)
        what = q.get("what") or ""
        note = f" ({q['cover_note']})" if q.get("cover_note") else ""
        if q["status"] == "not_met":
            text = f"{name} ({q['id']}, {period}) chưa đạt{note}: mới có {n(actual)}/{n(target)} {what}".rstrip()
            text += f", còn thiếu {n(gap)}." if gap else "."
        else:
            text = (f"{name} ({q['id']}, {period}) có nguy cơ không đạt{note}: đến nay có "
                    f"{n(actual)}/{n(target)} {what}".rstrip() + ".")  # fmt: skip
        behind = units_behind_text(q, names)
        out.append(f"{text} {behind}".strip())
    return out


def months_phrase(periods: list[str]) -> str:
    """["2025-01", "2025-02", "2025-06", …, "2025-12"] -> "tháng 1, 2, 6–12/2025"."""
    by_year: dict[str, list[int]] = {}
    for p in periods:
        by_year.setdefault(p[:4], []).append(int(p[5:7]))
    out = []
    for year, months in by_year.items():
        runs: list[list[int]] = []
        for m in sorted(months):
            if runs and m == runs[-1][-1] + 1:
                runs[-1].append(m)
            else:
                runs.append([m])
        text = ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs)
        out.append(f"tháng {text}/{year}")
    return "; ".join(out)
