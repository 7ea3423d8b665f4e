"""`cdht probe --sample N`, beyond the pages themselves: the pager each listing shows (what the
collector will follow), the addresses each article was met under on the home page and the
listings, what its own page names as its URL (canonical, og:url), and the players by kind; so
that a wrong reading shows in ten minutes, before a backfill. Vietnamese for the operator."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urljoin

from collectors.extraction import page_links
from collectors.urls import canonical_key, is_article_path, same_site
from collectors.website.identity import last_segment, own_url
from collectors.website.pagers import PagerRead, read_pager

NONE, SAME, OTHER, OFF = "none", "same", "other", "off-site"
VERDICT = {
    NONE: "trang không ghi địa chỉ chuẩn (canonical, og:url): bài nhận theo địa chỉ đã đọc",
    SAME: "địa chỉ chuẩn trùng địa chỉ đã đọc",
    OTHER: "địa chỉ chuẩn khác địa chỉ đã đọc: bài nhận theo địa chỉ chuẩn, địa chỉ kia là bí danh",
    OFF: "địa chỉ chuẩn trỏ ra ngoài trang web: bài nhận theo địa chỉ đã đọc (cần kiểm tra)",
}


@dataclass
class Survey:
    """What a sample saw, told page by page through ``seen``."""

    hosts: tuple[str, ...]
    pagers: dict[str, PagerRead] = field(default_factory=dict)  # listing slug -> its pager
    addresses: dict[str, set[str]] = field(default_factory=dict)  # article id -> keys met
    named: dict[str, str] = field(default_factory=dict)  # sampled article URL -> its canonical

    def seen(self, kind: str, name: str, resp) -> None:
        if not getattr(resp, "text", ""):
            return
        if kind in ("home", "listing"):
            for href, _ in page_links(resp.text, resp.url):
                if is_article_path(href) and same_site(href, *self.hosts, resp.url):
                    self.addresses.setdefault(last_segment(href), set()).add(canonical_key(href))
        if kind == "listing":
            self.pagers[name] = read_pager(resp.text, resp.url, 1)
        if kind == "article":
            named = own_url(resp.text)
            self.named[name] = urljoin(resp.url, named) if named else ""
            self.addresses.setdefault(last_segment(name), set()).add(canonical_key(name))

    def verdict(self, url: str) -> str:
        named = self.named.get(url, "")
        if not named:
            return NONE
        if not same_site(named, *self.hosts, url):
            return OFF
        return SAME if canonical_key(named) == canonical_key(url) else OTHER

    def articles(self) -> list[dict]:
        """One entry per sampled article: the addresses met, what its page names."""
        out = []
        for url, named in self.named.items():
            met = sorted(self.addresses.get(last_segment(url), {canonical_key(url)}))
            out.append({"url": url, "addresses": met, "canonical": named, "verdict": self.verdict(url),
                        "verdict_label": VERDICT[self.verdict(url)]})  # fmt: skip
        return out

    def listings(self) -> list[dict]:
        return [{"slug": slug, "next": p.next_url, "how": p.how, "last": p.last,
                 "unreadable": p.unreadable, "label": pager_label(p)}
                for slug, p in self.pagers.items()]  # fmt: skip

    def to_json(self, reports: list[dict]) -> dict:
        from pipeline.probe import player_counts

        return {"pages": reports, "listings": self.listings(), "articles": self.articles(),
                "players_by_kind": player_counts(reports)}  # fmt: skip

    def text(self) -> str:
        lines = ["Thanh chuyển trang theo chuyên mục:"]
        lines += [f"  /{x['slug']}: {x['label']}" for x in self.listings()] or ["  (không đọc được chuyên mục nào)"]
        arts = self.articles()
        counts: dict[int, int] = {}
        for a in arts:
            counts[len(a["addresses"])] = counts.get(len(a["addresses"]), 0) + 1
        spread = ", ".join(f"{n} bài dưới {k} địa chỉ" for k, n in sorted(counts.items())) or "không có bài"
        lines.append(f"Địa chỉ của mỗi bài (trang chủ, danh sách tin, trang bài): {spread}.")
        verdicts = {v: sum(a["verdict"] == v for a in arts) for v in (SAME, OTHER, OFF, NONE)}
        lines.append(
            f"Địa chỉ chuẩn (canonical, og:url) trên trang bài: {verdicts[SAME]} trùng địa chỉ đã đọc, "
            f"{verdicts[OTHER]} khác (nhận theo địa chỉ chuẩn), {verdicts[OFF]} trỏ ra ngoài trang web, "
            f"{verdicts[NONE]} không ghi.")  # fmt: skip
        for a in arts:
            if len(a["addresses"]) > 1 or a["verdict"] != SAME:
                named = a["canonical"] if a["verdict"] == OFF else canonical_key(a["canonical"]) if a["canonical"] else ""
                lines.append(f"  - {canonical_key(a['url'])}: {len(a['addresses'])} địa chỉ "
                             f"({', '.join(a['addresses'])}); {a['verdict_label']}{': ' + named if named else ''}")  # fmt: skip
        return "\n".join(lines)


def pager_label(p: PagerRead) -> str:
    """What the collector will follow on a listing's first page, in Vietnamese."""
    if p.unreadable:
        return f"KHÔNG ĐỌC ĐƯỢC thanh chuyển trang ({p.unreadable}): danh sách sẽ không được thu thập hết"
    if not p.next_url:
        return "không có trang sau (danh sách chỉ có một trang)"
    last = f"; trang cuối: {p.last}" if p.last else ""
    return f"trang sau theo {p.describe()}{last}"
