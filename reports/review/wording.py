"""Sentences of a review, shared by its DOCX, HTML and XLSX: the results over the span and by
year, what was met and what was not (with the numbers), the shortcomings in the federation's
own terms, the tasks ahead, and, apart, what the tool could not read (for the annex).

A target whose verdict is "chưa có số liệu" is never called met or missed here: it goes to
:func:`data_gaps`, which the signed part of the DOCX does not show.
"""

from __future__ import annotations

from reports.common import month_label
from reports.common import vn_number as num
from reports.monthdata import QUOTA_UNITS
from reports.wording import percent, units_behind_text


def website_text(w: dict) -> str:
    return (f"{num(w['total'])} tin, bài ({num(w['news'])} tin, {num(w['articles'])} bài chuyên sâu, "
            f"{num(w['videos'])} video clip), trong đó {num(w['with_video'])} tin, bài có kèm video clip")  # fmt: skip


def overview(data: dict) -> str:
    f = data["facebook"]
    return (f"{data['period_label']}, toàn hệ thống đăng trên Trang thông tin điện tử Công đoàn Hà "
            f"Tĩnh {website_text(data['website'])}; Trang Facebook Công đoàn Hà Tĩnh đăng "
            f"{num(f['posts'])} bài, trong đó {num(f['videos'])} video.")  # fmt: skip


def months_words(y: dict) -> str:
    """"Năm 2025", "Năm 2025 (từ tháng 1 đến tháng 6)", "Năm 2024 (tháng 12)"."""
    ms = y["months"]
    if len(ms) == 12:
        return f"Năm {y['year']}"
    first, last = int(ms[0][5:]), int(ms[-1][5:])
    return f"Năm {y['year']} (" + (f"tháng {first}" if first == last else f"từ tháng {first} đến tháng {last}") + ")"


def year_text(y: dict) -> str:
    return (f"{months_words(y)}: {website_text(y['website'])}; {num(y['facebook']['posts'])} "
            "bài Facebook.")  # fmt: skip


def _fig(q: dict) -> str:
    what = q.get("what") or QUOTA_UNITS.get(q["id"], "")
    pct = percent(q.get("actual"), q.get("target"))
    return (f"{num(q.get('actual'))}/{num(q.get('target'))} {what}".rstrip()
            + (f" ({pct})" if pct else ""))  # fmt: skip


def _name(q: dict) -> str:
    return f"{q.get('name') or q['id']} ({q['id']}, {q.get('period_label') or q['period']})"


def monthly_text(s: dict, quotas: list[dict], *, gaps: bool = True) -> str:
    """"Tin đăng trên Trang TTĐT (100 tin mỗi tháng): đạt 1/6 tháng; chưa đạt: Tháng 4/2025 (91), …".

    ``gaps``: also say how many months have no data (not in the signed DOCX); without it, a
    target no month of which has data gives ''."""
    what = QUOTA_UNITS.get(s["id"], "số")
    known = s["met"] + s["not_met"]
    head = f"{s['name']} ({s['id']}, {num(s['target'])} {what} mỗi tháng)"
    if not known:
        return f"{head}: chưa có số liệu ({s['no_data']} tháng)." if gaps and s["no_data"] else ""
    text = f"{head}: đạt {s['met']}/{known} tháng"
    missed = [q for q in quotas if q["id"] == s["id"] and q["period_kind"] == "month"
              and q["verdict"] == "not_met" and q["period"][:4] == str(s.get("year", q["period"][:4]))]  # fmt: skip
    if missed:
        text += "; chưa đạt: " + ", ".join(f"{q['period_label']} ({num(q['actual'])})" for q in missed)
    if gaps and s["no_data"]:
        text += f"; {s['no_data']} tháng chưa có số liệu"
    return text + "."


def met_and_missed(data: dict) -> tuple[list[str], list[str]]:
    """Targets of a quarter, a year or an event that ended in the span, met / not met."""
    met, missed = [], []
    names = data.get("unit_names", {})
    for q in data["quotas"]:
        if q.get("contributor") or q["period_kind"] == "month":
            continue
        if q["verdict"] == "met":
            met.append(f"{_name(q)}: {_fig(q)}.")
        elif q["verdict"] == "not_met":
            gap = max((q.get("target") or 0) - (q.get("actual") or 0), 0)
            behind = units_behind_text(q, names)
            missed.append(f"{_name(q)}: {_fig(q)}" + (f", còn thiếu {num(gap)}" if gap else "")
                          + "." + (f" {behind}" if behind else ""))  # fmt: skip
    return met, missed


def running(data: dict) -> list[str]:
    """Targets of the last year still running at the span's end, with their state."""
    out = []
    last = data["years"][-1]
    for q in last["quotas"]:
        if q["status"] in ("on_track", "at_risk") and q["verdict"] != "no_data":
            state = "đúng tiến độ" if q["status"] == "on_track" else "có nguy cơ không đạt"
            out.append(f"{_name(q)}: đến {data['end_label']} có {_fig(q)}, {state}.")
    return out


def shortfalls(data: dict) -> list[str]:
    """Section II: what fell short, in the federation's terms (never the tool's gaps)."""
    out = []
    for y in data["years"]:
        for s in y["monthly"]:
            if s["not_met"]:
                out.append(monthly_text({**s, "year": y["year"]}, data["quotas"], gaps=False))
    out += met_and_missed(data)[1]
    out += [t for t in running(data) if "nguy cơ" in t]
    rows = data["ranking"]["units"]
    idle = [r["name"] for r in rows if not (r["news"] or r["articles"] or r["videos"])]
    if idle and len(idle) < len(rows):
        out.append(f"{len(idle)} đơn vị chưa có tin, bài nào trên Trang thông tin điện tử trong kỳ: "
                   + ", ".join(idle) + ".")  # fmt: skip
    people = [r for r in data["ranking"]["contributors"] if r["missed"]]
    if people:
        out.append("Chưa đạt chỉ tiêu cá nhân: " + "; ".join(
            f"{r['name']} ({len(r['missed'])} lượt chưa đạt, {len(r['met'])} lượt đạt)" for r in people) + ".")  # fmt: skip
    return out


def tasks(data: dict) -> list[str]:
    out = ["Tiếp tục thực hiện Nghị quyết 06/NQ-LĐLĐ theo lộ trình của Kế hoạch 34/KH-LĐLĐ; bảo "
           "đảm mỗi tháng tối thiểu 100 tin, 5 bài chuyên sâu trên Trang thông tin điện tử."]  # fmt: skip
    ahead = data.get("ahead") or {}
    rising = [t for t in ahead.get("targets", []) if t["id"] in ("B.IV.3", "B.II.1", "B.II.2", "B.II.3")]
    if rising:
        seen, parts = set(), []
        for t in rising:
            if (t["id"], t["target"]) not in seen:
                seen.add((t["id"], t["target"]))
                parts.append(f"{t['name']} ({t['id']}): {t['target']}")
        out.append(f"Chỉ tiêu năm {ahead['year']}: " + "; ".join(parts) + ".")
    rows = data["ranking"]["units"]
    idle = [r["name"] for r in rows if not (r["news"] or r["articles"] or r["videos"])]
    if idle and len(idle) < len(rows):
        out.append("Đôn đốc các đơn vị chưa có tin, bài (" + ", ".join(idle)
                   + ") gửi tin, bài, video clip phản ánh hoạt động công đoàn.")  # fmt: skip
    out.append("Tổng hợp, đề xuất khen thưởng các tập thể, cá nhân điển hình theo bảng xếp hạng "
               "kèm theo; nhân rộng cách làm của các đơn vị dẫn đầu.")  # fmt: skip
    return out


def standouts(rows: list[dict], n: int) -> tuple[list[dict], list[dict]]:
    """The first ``n`` and the last ``n`` of a ranking (a tie at the edge is kept whole)."""
    if not rows:
        return [], []
    top_rank = rows[min(n, len(rows)) - 1]["rank"]
    top = [r for r in rows if r["rank"] <= top_rank]
    rest = [r for r in rows if r not in top]
    if not rest:
        return top, []
    edge = rest[max(len(rest) - n, 0)]["rank"]
    return top, [r for r in rest if r["rank"] >= edge]


def data_gaps(data: dict) -> list[str]:
    """What the tool could not read over the span, for the annex after the signature."""
    out = []
    for p in data["months_without_data"]:
        c = data["coverage"][p]
        why = ("trước thời điểm có dữ liệu trong cơ sở dữ liệu" if c["before_data"]
               else "website chưa được đọc đến hết tháng"
               + (f" (lần đọc cuối lúc {c['website_read_label']})" if c.get("website_read_label") else ""))  # fmt: skip
        out.append(f"{month_label(p)}: chưa có số liệu ({why}).")
    pending = [q for q in data["quotas"] if q["verdict"] == "no_data" and not q.get("contributor")]
    if pending:
        out.append(f"{len(pending)} chỉ tiêu chưa đánh giá được vì tính trên tháng chưa có số liệu: "
                   + "; ".join(f"{q['id']} {q.get('period_label') or q['period']} ({num(q['actual'])}/{num(q['target'])})"
                               for q in pending[:30]) + ("; …" if len(pending) > 30 else "") + ".")  # fmt: skip
    counts = {"unit": 0, "pending": 0, "unsure": 0}
    for m in data["months"]:
        for k in counts:
            counts[k] += m["data_quality"]["counts"].get(k, 0)
    if data["unattributed"]:
        out.append(f"{num(data['unattributed'])} tin, bài chưa xác định được đơn vị (gồm tin đăng lại), "
                   f"trong đó {num(counts['unit'])} tin, bài cần biên tập viên chọn đơn vị.")  # fmt: skip
    if counts["pending"]:
        out.append(f"{num(counts['pending'])} trang chưa tải được nội dung (tính theo danh sách tin).")
    if counts["unsure"]:
        out.append(f"{num(counts['unsure'])} tin, bài công cụ chưa chắc chắn (xem báo cáo từng tháng).")
    return out
