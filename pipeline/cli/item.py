"""`cdht item`: show one item, or record an editor's decision about it."""

from __future__ import annotations

import sys

from collectors.urls import canonical_key
from pipeline.audit import cli_user, decide
from pipeline.cli import common as cli

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
    with cli.open_store(args, must_exist=True) as store:  # an existing database only
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
