"""The night's Facebook Page step (the Graph API), and the lines `cdht status` shows about it."""

from __future__ import annotations

from datetime import UTC, datetime

from collectors.dates import LOCAL
from pipeline.facebook_graph import (
    KV_LAST,
    TOKEN_RENEW_MESSAGE,
    collect_facebook,
    configured,
    token_from_env,
)
from pipeline.nightly.results import StepResult
from pipeline.settings import Config, FacebookFile
from pipeline.store import Store

EXPIRY_WARNING_DAYS = 14


def _local(iso: str | None) -> str:
    if not iso:
        return "-"
    try:
        dt = datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        return iso
    return dt.astimezone(LOCAL).strftime("%H:%M ngày %d/%m/%Y")


def status_lines(store: Store, config: Config, now: datetime | None = None) -> list[str]:
    """Nothing when the Page is neither configured nor ever read."""
    g = config.section("facebook", FacebookFile).graph
    last = store.get_kv(KV_LAST)
    if not g.page_id and not last:
        return []
    head = "Trang Facebook (Graph API): "
    lines: list[str] = []
    if not last:
        lines.append(head + "chưa đọc lần nào (chạy `cdht collect-facebook` hoặc `cdht run-once`).")
    elif last.get("outcome") == "ok":
        lines.append(
            head + f"đọc lần cuối lúc {_local(last.get('at'))}, {last.get('posts', 0)} bài đăng, "
            f"{last.get('new', 0)} bài mới."
        )
    elif last.get("token_failed"):
        lines.append(
            head + f"mã truy cập (CDHT_FB_TOKEN) không hợp lệ hoặc đã hết hạn lúc "
            f"{_local(last.get('at'))}: cần gia hạn mã (xem docs/FACEBOOK.md). Lần đọc được gần "
            f"nhất: {_local(last.get('last_ok'))}."
        )
    else:
        lines.append(
            head + f"lần đọc lúc {_local(last.get('at'))} thất bại; lần đọc được gần nhất: "
            f"{_local(last.get('last_ok'))}."
        )
    if g.token_expires:
        today = (now or datetime.now(UTC)).astimezone(LOCAL).date()
        left = (g.token_expires - today).days
        when = g.token_expires.strftime("%d/%m/%Y")
        if left < 0:
            lines.append(f"Mã truy cập Trang Facebook đã hết hạn ngày {when}: cần gia hạn.")
        elif left <= EXPIRY_WARNING_DAYS:
            lines.append(
                f"Mã truy cập Trang Facebook sẽ hết hạn ngày {when} (còn {left} ngày): cần gia hạn."
            )
    return lines




def step_facebook_graph(config: Config, store: Store, *, command: str, clock=None):
    """The night's step ``facebook-graph`` (a ``StepResult``); ``skipped`` when not configured."""
    if not configured(config):
        return StepResult("facebook-graph", "skipped", "no CDHT_FB_TOKEN or graph.page_id")
    out = collect_facebook(store, config, token=token_from_env(), clock=clock,
                           command=f"{command}:facebook-graph")  # fmt: skip
    if out.outcome != "ok":
        message = TOKEN_RENEW_MESSAGE if out.token_failed else out.message
        return StepResult("facebook-graph", "failed", message, requests=out.requests)
    r = out.result
    return StepResult("facebook-graph", "ok", out.message, new=r.new, updated=r.updated,
                      requests=out.requests)  # fmt: skip


__all__ = ["status_lines", "step_facebook_graph"]
