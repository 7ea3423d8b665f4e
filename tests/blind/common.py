"""What the synthetic sites of the blind acceptance tests have in common.

Each family of ``tests/blind/`` (``unseen_site.py``, ``unseen_wp.py``, ``unseen_portal.py``,
``gov_portal.py``, ``static_site.py``, ``drupal_site.py``) writes its own text pools, unit
spellings and templates; ``families.py`` registers them for ``tests/test_blind_families.py``.
This module holds what they share: the item record with its ground truth (DESIGN.md's words,
kind, local date, month), slugs, the generation helpers (paragraphs of an exact word count,
creation stamps, times in a month), the HTTP server that logs the paths requested, and the
helpers that run the CLI and read the store.
"""

from __future__ import annotations

import contextlib
import html
import io
import json
import random
import shutil
import socket
import sqlite3
import threading
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ICT = timezone(timedelta(hours=7))
REAL = "https://congdoanhatinh.org.vn"
PLAYERS = ["youtube", "youtu.be", "facebook", "video"]
VIDEO_MARKERS = ("[video]", "clip:", "video:", "(video)")
WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]
KINDS = ("news", "articles", "videos")
_KIND_KEY = {"news": "news", "article": "articles", "video": "videos"}


# ================================================================ text
def words(text: str) -> int:
    """DESIGN.md: whitespace tokens, after NFC, that hold a letter or digit."""
    return sum(1 for t in unicodedata.normalize("NFC", text).split() if any(c.isalnum() for c in t))


def slugify(text: str, limit: int) -> str:
    """ASCII slug (Đ, đ and the look-alike Ð as d), at most `limit` characters."""
    t = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d").replace("\u00d0", "D"))
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    out = "".join(c if c.isalnum() else "-" for c in t)
    while "--" in out:
        out = out.replace("--", "-")
    return out.strip("-")[:limit].strip("-")


def esc(s: str) -> str:
    return html.escape(s, quote=True)


def js(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


# ================================================================ items and their ground truth
@dataclass(kw_only=True)
class BlindItem:
    """One published item as generated, with its ground truth."""

    slug: str  # the URL's path without the leading slash
    title: str
    category: str  # slug
    published: datetime  # aware, ICT
    modified: datetime
    lead: str
    paragraphs: list[str]
    captions: list[str]
    byline: str
    player: str  # "" or one of PLAYERS
    tags: list[str] = field(default_factory=list)
    # ground truth
    kind: str = "news"
    with_video: bool = False
    unit: str | None = None
    case: str = ""  # how the unit is (or is not) named

    @property
    def path(self) -> str:
        return "/" + self.slug

    @property
    def local_date(self) -> str:
        return self.published.astimezone(ICT).date().isoformat()

    @property
    def month(self) -> str:
        return self.local_date[:7]

    @property
    def n_words(self) -> int:
        return words(" ".join([self.lead, *self.paragraphs, *self.captions]))

    def settle_kind(self, cat_kind: str | None, series: tuple[str, ...]) -> None:
        """DESIGN.md, Kind: kind and with_video from the category, title markers, player and words."""
        n = self.n_words
        marker = self.title.lower().startswith(VIDEO_MARKERS)
        if marker or cat_kind == "video" or (self.player and n < 150):
            self.kind = "video"
        elif cat_kind == "article" or any(m in self.title for m in series) or n >= 1000:
            self.kind = "article"
        else:
            self.kind = "news"
        self.with_video = self.kind == "video" or bool(self.player)


def month_truth(items: list[BlindItem], month: str) -> dict:
    """The month report's website counts, units, unattributed count and contributors (of the
    families whose items name them), from the ground truth."""
    its = [it for it in items if it.month == month]
    web = {"news": 0, "articles": 0, "videos": 0, "with_video": 0, "total": len(its)}
    units: dict[str, dict[str, int]] = {}
    contributors: dict[str, dict[str, int]] = {}
    unattributed = 0
    for it in its:
        key = _KIND_KEY[it.kind]
        web[key] += 1
        web["with_video"] += it.with_video
        if it.unit is None:
            unattributed += 1
        else:
            units.setdefault(it.unit, dict.fromkeys(KINDS, 0))[key] += 1
        for cid in getattr(it, "contributors", ()):
            contributors.setdefault(cid, dict.fromkeys(KINDS, 0))[key] += 1
    return {"website": web, "units": units, "unattributed": unattributed, "contributors": contributors}


# ================================================================ generation
def last_day(y: int, mo: int) -> int:
    return ((date(y, mo, 28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)).day


def month_edges(y: int, mo: int) -> list[datetime]:
    """00:30 and 06:00 on the 1st, 23:50 on the last day (ICT)."""
    return [datetime(y, mo, 1, 0, 30, tzinfo=ICT), datetime(y, mo, 1, 6, 0, tzinfo=ICT),
            datetime(y, mo, last_day(y, mo), 23, 50, tzinfo=ICT)]


def bracket_bylines(person: str, unit: str) -> list[str]:
    """Bylines that name a unit in brackets, some with "( X )" spacing."""
    return [f"{person} ({unit})", f"{person} ( {unit} )", f"Tin, ảnh: {person} ({unit})"]


def item_tags(rng: random.Random, unit_names: list[tuple[str, str]]) -> list[str]:
    return [rng.choice(unit_names)[0].replace("\u00a0", " "), "người lao động"]


class BlindData:
    """Generates a site's items month by month, with their ground truth; deterministic for a seed.

    A subclass holds the items (`records`), makes one from a spec (`make`) and says what a month
    and a later publication hold (`month_specs`, `new_specs`); the class attributes below tune
    the rest."""

    sentences: list[str]  # the pool paragraphs are cut from
    para_tokens: int  # a paragraph ends once it holds more tokens than this
    hours: tuple[int, ...]  # the hours items are published at
    minute_step: int
    stamp_offsets: tuple[int, ...]  # seconds from creation to publishing
    month_jitter: int  # how far a month's count strays from per_month
    publish_every: int  # hours between the items of publish_new

    def __init__(self, seed: int, months: list[str], per_month: int):
        self.rng = random.Random(seed)
        self.used: set[int] = set()
        for m in months:
            y, mo = map(int, m.split("-"))
            self.lay_out_month(y, mo, per_month + self.rng.randint(-self.month_jitter, self.month_jitter))

    def records(self) -> list:
        raise NotImplementedError

    def make(self, published: datetime, spec: dict) -> BlindItem:
        raise NotImplementedError

    def month_specs(self, count: int) -> list[dict]:
        """`count` specs (words, and maybe category, player, title markers) for one month."""
        raise NotImplementedError

    def new_specs(self) -> list[dict]:
        """Specs for publish_new, used in turn."""
        raise NotImplementedError

    def lay_out_month(self, y: int, mo: int, count: int) -> None:
        specs = self.month_specs(count)
        self.rng.shuffle(specs)
        edges = month_edges(y, mo)
        for i, spec in enumerate(specs):
            self.records().append(self.make(edges[i] if i < len(edges) else self.when(y, mo), spec))

    def publish_new(self, when: datetime, n: int) -> list:
        """n new items, newest after `when`, spread over categories and kinds."""
        specs = self.new_specs()
        new = [self.make(when + timedelta(hours=self.publish_every * i + 1), specs[i % len(specs)])
               for i in range(n)]
        self.records().extend(new)
        return new

    def newest(self) -> list:
        return sorted(self.records(), key=lambda it: it.published, reverse=True)

    def when(self, y: int, mo: int) -> datetime:
        """A random time in the month."""
        d = self.rng.randint(1, last_day(y, mo))
        h = self.rng.choice(self.hours)
        return datetime(y, mo, d, h, self.rng.randrange(0, 60, self.minute_step), tzinfo=ICT)

    def fill(self, n: int) -> list[str]:
        """Paragraphs of sentences (the last cut to fit) holding exactly n words."""
        paras: list[str] = []
        cur: list[str] = []
        while n > 0:
            for t in self.rng.choice(self.sentences).split():
                if n <= 0:
                    break
                cur.append(t)
                if any(c.isalnum() for c in t):
                    n -= 1
            if len(cur) > self.para_tokens or n <= 0:
                p = " ".join(cur)
                paras.append(p if p.endswith((".", "”", "!")) else p + ".")
                cur = []
        return paras

    def fit(self, target: int, lead: str, extra: str, captions: list[str]) -> tuple[list[str], list[str]]:
        """(captions, paragraphs) so that lead + paragraphs + captions hold `target` words; `extra`
        (a sentence of its own) comes second. The captions go when the lead alone reaches it."""
        fixed = words(" ".join([lead, extra, *captions]))
        if fixed >= target:
            captions = []
            fixed = words(" ".join([lead, extra]))
        paragraphs = self.fill(max(target - fixed, 1))
        if extra:
            paragraphs.insert(min(1, len(paragraphs)), extra)
        return captions, paragraphs

    def stamp(self, published: datetime) -> int:
        """A unique creation time some while before publishing (a hint in the URL, not the date)."""
        ts = int(published.timestamp()) - self.rng.choice(self.stamp_offsets)
        while ts in self.used:
            ts += 1
        self.used.add(ts)
        return ts


# ================================================================ server
class BlindSite:
    """Serves `respond` on 127.0.0.1 (TCP_NODELAY, HTTP/1.1) and logs the paths requested."""

    extra_headers: tuple[tuple[str, str], ...] = ()

    def __init__(self, data: BlindData):
        self.data = data
        self.requests: list[str] = []
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self):
                super().setup()
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def log_message(self, *args):
                pass

            def do_GET(self):
                with site.lock:
                    site.requests.append(self.path)
                status, ctype, body = site.respond(self.path)
                data = body if isinstance(body, bytes) else body.encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                for name, value in site.extra_headers:
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def respond(self, raw_path: str) -> tuple[int, str, str | bytes]:
        """(status, content type, body) for a request path; a str body is sent as UTF-8."""
        raise NotImplementedError

    def records(self) -> list[BlindItem]:
        """The items published, with their ground truth."""
        return self.data.records()

    def expected_month(self, month: str) -> dict:
        return month_truth(self.records(), month)


# ================================================================ test helpers
def run_cli(argv: list[str]) -> tuple[int, str]:
    """Run the project's CLI in process; (exit code, stdout)."""
    from pipeline.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(argv)
    return code, out.getvalue()


def _config(config) -> list[str]:
    return ["--config", str(config)] if config else []


def collect(site: BlindSite, db, config=None) -> int:
    code, _ = run_cli(["collect", "--site-url", site.url, "--delay", "0", "--db", str(db), *_config(config)])
    return code


def month_report(db, month: str, config=None) -> dict:
    code, out = run_cli(["report", "month", month, "--db", str(db), "--format", "json", *_config(config)])
    assert code == 0
    return json.loads(out)


def report_units(report: dict, key: str = "units") -> dict[str, dict[str, int]]:
    """A month report's units (or contributors) with items, by kind (the other counts left out)."""
    return {u: {k: v[k] for k in KINDS} for u, v in report[key].items() if any(v[k] for k in KINDS)}


def website_rows(db) -> dict[str, sqlite3.Row]:
    """The stored website items (v_items), by key."""
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    try:
        rows = con.execute("SELECT * FROM v_items WHERE source = 'website'").fetchall()
    finally:
        con.close()
    return {r["key"]: r for r in rows}


def stored_contributors(db) -> dict[str, set[str]]:
    """The contributor ids credited to each stored website item, by key."""
    con = sqlite3.connect(db)
    try:
        rows = con.execute("SELECT v.key, c.contributor_id FROM v_items v JOIN item_contributors c "
                           "ON c.item_id = v.id WHERE v.source = 'website'").fetchall()
    finally:
        con.close()
    out: dict[str, set[str]] = {}
    for key, cid in rows:
        out.setdefault(key, set()).add(cid)
    return out


def truth_errors(site: BlindSite, db, layout) -> dict[str, list[str]]:
    """Per field, the items whose stored value differs from the ground truth (`layout(item)`
    names the item's template in the messages)."""
    rows = website_rows(db)
    credits = stored_contributors(db)
    errs: dict[str, list[str]] = {"missing": [], "local_date": [], "kind": [], "with_video": [], "unit": [],
                                  "contributors": []}
    for it in site.records():
        r = rows.get(it.path)
        if r is None:
            errs["missing"].append(it.path)
            continue
        tag = f"{it.path} [{layout(it)}]"
        if r["local_date"] != it.local_date:
            errs["local_date"].append(f"{tag}: {r['local_date']} != {it.local_date}")
        if r["eff_kind"] != it.kind:
            errs["kind"].append(f"{tag} {it.title!r} words={it.n_words} player={it.player!r} cat={it.category}: "
                                f"{r['eff_kind']} != {it.kind} (stored words={r['words']}, "
                                f"category={r['category']!r}, {r['kind_reason']})")
        if bool(r["with_video"]) != it.with_video:
            errs["with_video"].append(f"{tag} player={it.player!r}: {bool(r['with_video'])} != {it.with_video}")
        if r["eff_unit"] != it.unit:
            errs["unit"].append(f"{tag} case={it.case}: {r['eff_unit']} != {it.unit} "
                                f"(byline={r['byline']!r}, {r['eff_unit_reason']})")
        if hasattr(it, "contributors") and credits.get(it.path, set()) != set(it.contributors):
            errs["contributors"].append(f"{tag} byline={it.byline!r}: {sorted(credits.get(it.path, ()))} != "
                                        f"{sorted(it.contributors)} (stored byline={r['byline']!r})")
    return errs


@contextlib.contextmanager
def recollect(collected: dict, db, months: list[str], when: datetime, n: int = 7):
    """Copy the first store to `db`, publish n new items after `when` and collect again; the new
    items are withdrawn from the site on leaving.

    Yields `collected` updated with db, code, requests (robots.txt left out), new and before
    (each month's report before the second run)."""
    site, config = collected["site"], collected.get("config")
    shutil.copy(collected["db"], db)
    before = {m: month_report(db, m, config) for m in months}
    new = site.data.publish_new(when, n)
    site.requests.clear()
    code = collect(site, db, config)
    requests = [r for r in site.requests if r != "/robots.txt"]
    yield {**collected, "db": db, "code": code, "requests": requests, "new": new, "before": before}
    records = site.records()
    records[:] = [it for it in records if it not in new]


def check_second_run_once(second: dict, months: list[str]) -> None:
    """The second run stored every new item once and changed nothing in the first run's months."""
    assert second["code"] == 0
    rows = website_rows(second["db"])
    assert len(rows) == len(second["site"].records())
    assert {it.path for it in second["new"]} <= set(rows)
    for m in months:
        got = month_report(second["db"], m, second.get("config"))["website"]
        assert got == second["before"][m]["website"], m
