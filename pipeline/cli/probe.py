"""`cdht probe`: what the collector extracts from one page, and why (to tune the site profile)."""

from __future__ import annotations

import json
import sys

from collectors.extraction import extract_article
from collectors.http import FetchError, HttpClient
from collectors.item import Item
from collectors.urls import canonical_key
from pipeline.cli import common as cli
from pipeline.ingest import process_item


def register(sub, common) -> None:
    p = sub.add_parser(
        "probe", parents=[common],
        help="show what the collector extracts from one page (to tune the site profile)",
        description="Fetch one article page and print every field the collector extracts, "
        "the kind and the unit it would give, and why.",
    )  # fmt: skip
    p.add_argument("url")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(func=run_probe)


def run_probe(args) -> int:
    config = cli.open_config(args)
    # one page for a person waiting at the terminal: one retry, short back-off
    politeness = config.site.politeness.model_copy(update={"retries": 1, "backoff": 1.0})
    client = HttpClient(politeness, delay=0)
    try:
        resp = client.get(args.url)
    except FetchError as exc:
        print(f"cdht: {exc}", file=sys.stderr)
        return cli.EXIT_FAILED
    if resp.status != 200:
        print(f"cdht: {args.url}: HTTP {resp.status}", file=sys.stderr)
        return cli.EXIT_FAILED
    ex = extract_article(resp.text, args.url, config.site.selectors, config.site.site.site_authors)
    item = Item(
        source="website", key=canonical_key(args.url), url=args.url, title=ex.title,
        published=ex.published, date_source=ex.date_source, category=ex.category,
        category_source=ex.category_source, lead=ex.lead, text=ex.text, words=ex.words,
        byline=ex.byline, photo_credits=ex.photo_credits, has_player=ex.has_player,
        raw={"categories": ex.categories},
    )  # fmt: skip
    row, contributors = process_item(item, config)
    report = {
        "url": args.url,
        "title": ex.title,
        "published": ex.published.isoformat() if ex.published else None,
        "date_source": ex.date_source,
        "categories": ex.categories,
        "category_source": ex.category_source,
        "lead": ex.lead,
        "words": ex.words,
        "byline": ex.byline,
        "byline_source": ex.byline_source,
        "photo_credits": ex.photo_credits,
        "players": ex.players,
        "kind": row["kind"],
        "kind_reason": row["kind_reason"],
        "with_video": bool(row["with_video"]),
        "is_repost": bool(row["is_repost"]),
        "unit": row["unit_id"],
        "unit_reason": row["unit_reason"],
        "contributors": contributors,
        "problems": ex.problems,
    }
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        width = max(len(k) for k in report)
        for k, v in report.items():
            if isinstance(v, list):
                v = "; ".join(map(str, v)) or "-"
            text = str(v if v not in (None, "") else "-")
            if k == "lead" and len(text) > 200:
                text = text[:200] + "…"
            print(f"{k.ljust(width)}  {text}")
    return cli.EXIT_OK
