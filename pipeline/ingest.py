"""From a collected Item to a stored row: normalise, classify, attribute.

``process_item`` is pure (no I/O); ``save_items`` writes a batch in one transaction. The derived
fields can be recomputed from the stored ones at any time (``reprocess_all``), for instance
after an alias is added to ``units.toml``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime

from collectors.dates import to_local, utc_iso
from collectors.item import Item
from collectors.textnorm import clean, one_line
from pipeline.attribution import Attributor
from pipeline.classify import Classifier
from pipeline.quality import flags_for
from pipeline.settings import Config
from pipeline.store import Store


def engines(config: Config) -> tuple[Classifier, Attributor]:
    """The classifier and attributor for a config, built once and cached on it."""
    if "engines" not in config.extra:
        config.extra["engines"] = (
            Classifier(config.rules),
            Attributor(config.units, config.contributors, config.site.site.site_authors),
        )
    return config.extra["engines"]


def process_item(item: Item, config: Config) -> tuple[dict, list[str]]:
    """The store row for an item and its contributor ids."""
    classifier, attributor = engines(config)
    title = one_line(item.title)
    lead = clean(item.lead)
    byline = one_line(item.byline)
    local = to_local(item.published) if item.published else None
    on = local.date() if local else None
    categories = [c for c in item.raw.get("categories", [item.category]) if c]
    if item.source == "facebook":
        is_video = item.media_type == "video"
        kind_reason = "facebook video post" if is_video else f"facebook {item.media_type or 'post'}"
        kind = "video" if is_video else "news"
        with_video = is_video
        unit_text = item.text or title
        is_repost = False
    else:
        k = classifier.classify(title, categories, item.words, item.has_player)
        kind, kind_reason, with_video = k.kind, k.reason, k.with_video
        if item.status == "pending":
            kind_reason = "pending: page not fetched yet (kind from the listing only)"
        elif (item.raw.get("provenance") or {}).get("body") == "whole page":
            kind_reason = f"no article body found: {kind_reason} (from the title and category only)"
        unit_text = lead
        is_repost = classifier.is_repost(byline)
    att = attributor.attribute(
        title=title, lead=unit_text, byline=byline, on=on, is_repost=is_repost
    )
    is_bulletin, is_contest = classifier.flags(title, item.category, item.text if item.source == "facebook" else "")
    raw = dict(item.raw)
    provenance = raw.pop("provenance", {}) or {}
    raw.setdefault("names", att.names)
    if item.source == "facebook":
        raw.setdefault("text", item.text)
    row = {
        "source": item.source,
        "key": item.key,
        "url": item.url,
        "title": title,
        "published_utc": utc_iso(item.published) if item.published else None,
        "local_date": on.isoformat() if on else None,
        "date_source": item.date_source,
        "category": one_line(item.category),
        "category_source": item.category_source,
        "lead": lead[:2000],
        "words": int(item.words),
        "byline": byline,
        "has_player": int(item.has_player),
        "media_type": item.media_type,
        "link_url": item.link_url,
        "kind": kind,
        "kind_reason": kind_reason,
        "with_video": int(with_video),
        "unit_id": att.unit_id,
        "unit_reason": att.reason,
        "is_repost": int(is_repost),
        "is_bulletin": int(is_bulletin),
        "is_contest": int(is_contest),
        "status": item.status,
        "error": item.error,
        "raw": raw,
    }
    if item.source == "facebook" and "linked_key" in item.raw:
        row["linked_key"] = item.raw["linked_key"]
    row["provenance"] = provenance
    row["flags"] = flags_for(row, provenance, config)
    return row, att.contributors


def save_items(store: Store, config: Config, items: Iterable[Item]) -> dict[str, int]:
    """Process and upsert items in one transaction; counts of new, updated, same."""
    counts = {"new": 0, "updated": 0, "same": 0}
    with store.transaction():
        for item in items:
            row, contributors = process_item(item, config)
            counts[store.upsert_item(row, contributors)] += 1
    return counts


def item_from_row(row) -> Item:
    """Rebuild the Item a stored row came from (for reprocessing)."""
    raw = json.loads(row["raw"] or "{}")
    if "provenance" in row.keys():  # noqa: SIM118 (a sqlite3.Row: "in" reads its values)
        raw["provenance"] = json.loads(row["provenance"] or "{}")
    published = None
    if row["published_utc"]:
        published = datetime.strptime(row["published_utc"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    return Item(
        source=row["source"], key=row["key"], url=row["url"], title=row["title"],
        published=published, date_source=row["date_source"], category=row["category"],
        category_source=row["category_source"], lead=row["lead"], text=raw.get("text", ""),
        words=row["words"], byline=row["byline"], has_player=bool(row["has_player"]),
        media_type=row["media_type"], link_url=row["link_url"], status=row["status"],
        error=row["error"], raw=raw,
    )  # fmt: skip


def reprocess_all(store: Store, config: Config) -> dict[str, int]:
    """Recompute kind, unit and contributors of every stored item from its stored fields."""
    rows = store.all_items()
    return save_items(store, config, (item_from_row(r) for r in rows))
