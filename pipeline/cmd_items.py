"""`cdht item` (an editor's decisions), `cdht probe` (what one page yields), `cdht reprocess`."""

from __future__ import annotations

import json
import sys

from collectors.extract import extract_article
from collectors.http import FetchError, HttpClient
from collectors.item import Item
from pipeline import cli
from pipeline.audit import cli_user, decide
from pipeline.ingest import process_item, reprocess_all
from pipeline.urls import canonical_key

KINDS = ("news", "article", "video")


def register(sub, common) -> None:
    p = sub.add_parser(
        "item", parents=[common],
        help="show an item, or set its kind, unit or contributors by hand",
        description="Show one item (by URL or key), or record an editor's decision about it. "
        "A decision survives every later collection; --clear removes it.",
    )  # fmt: skip
    p.add_argument("ref", metavar="URL_OR_KEY", help="the article's URL, or the item key shown in reports")
    p.add_argument("--source", choices=("website", "facebook"), default=None,
                   help="the channel (default: guessed from the key)")  # fmt: skip
    p.add_argument("--kind", choices=KINDS, help="set the kind (news, article, video)")
    p.add_argument("--unit", metavar="ID", help="set the unit id (see units.toml), or 'none'")
    p.add_argument("--contributors", metavar="ID,ID", help="set the contributor ids, comma separated ('' for none)")
    p.add_argument("--clear", choices=("kind", "unit", "contributors", "all"), help="remove a decision")
    p.add_argument("--note", default="", help="why (kept with the decision)")
    p.set_defaults(func=run_item)

    p = sub.add_parser(
        "probe", parents=[common],
        help="show what the collector extracts from one page (to tune the site profile)",
        description="Fetch one article page and print every field the collector extracts, "
        "the kind and the unit it would give, and why.",
    )  # fmt: skip
    p.add_argument("url")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(func=run_probe)

    p = sub.add_parser(
        "reprocess", parents=[common],
        help="recompute kind, unit and contributors of every stored item (after a config change)",
    )
    p.set_defaults(func=run_reprocess)


def _identify(store, ref: str, source: str | None) -> tuple[str, str]:
    candidates = [ref] if not ref.startswith(("http://", "https://")) else []
    candidates.append(canonical_key(ref))
    sources = [source] if source else ["website", "facebook"]
    for src in sources:
        for key in candidates:
            if store.get_item(src, key) is not None:
                return src, key
    raise cli.UsageError(f"no item {ref!r} in {store.path}")


def run_item(args) -> int:
    config = cli.open_config(args)
    with cli.open_store(args, readonly=True) as store:  # an existing database only
        source, key = _identify(store, args.ref, args.source)
        changes = []
        who = cli_user()
        with store.transaction():
            if args.clear:
                fields = ("kind", "unit", "contributors") if args.clear == "all" else (args.clear,)
                for f in fields:
                    if decide(store, who, source, key, f, None, args.note):
                        changes.append(f"cleared {f}")
            if args.kind:
                decide(store, who, source, key, "kind", args.kind, args.note)
                changes.append(f"kind = {args.kind}")
            if args.unit is not None:
                unit = "" if args.unit.lower() in ("none", "") else args.unit
                if unit and config.unit(unit) is None:
                    raise cli.UsageError(f"unknown unit id {unit!r} (see units.toml)")
                decide(store, who, source, key, "unit", unit, args.note)
                changes.append(f"unit = {unit or 'none'}")
            if args.contributors is not None:
                ids = [c.strip() for c in args.contributors.split(",") if c.strip()]
                unknown = [c for c in ids if config.contributor(c) is None]
                if unknown:
                    raise cli.UsageError(f"unknown contributor id(s): {', '.join(unknown)} (see contributors.toml)")
                decide(store, who, source, key, "contributors", ids, args.note)
                changes.append(f"contributors = {', '.join(ids) or 'none'}")
        row = store.get_item(source, key)
        contributors = store.contributors_of([row["id"]])[row["id"]]
        overrides = store.overrides_for(source, key)
    for c in changes:
        print(f"set: {c}", file=sys.stderr)
    print(f"{source} {key}")
    print(f"  title:        {row['title']}")
    print(f"  url:          {row['url']}")
    print(f"  published:    {row['published_utc']} (local date {row['local_date']}, from {row['date_source'] or '?'})")
    print(f"  kind:         {row['eff_kind']}" + (" (set by an editor)" if "kind" in overrides else f" ({row['kind_reason']})"))
    print(f"  with video:   {'yes' if row['with_video'] else 'no'}")
    print(f"  unit:         {row['eff_unit'] or '-'} ({row['eff_unit_reason']})")
    print(f"  contributors: {', '.join(contributors) or '-'}" + (" (set by an editor)" if "contributors" in overrides else ""))
    print(f"  byline:       {row['byline'] or '-'}")
    print(f"  status:       {row['status']}{' - ' + row['error'] if row['error'] else ''}")
    return cli.EXIT_OK


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


def run_reprocess(args) -> int:
    config = cli.open_config(args)
    with cli.exclusive(args, "reprocess"), cli.open_store(args, readonly=True) as store:
        counts = reprocess_all(store, config)
    print(f"{counts['updated']} item(s) changed, {counts['same']} unchanged", file=sys.stderr)
    return cli.EXIT_OK

