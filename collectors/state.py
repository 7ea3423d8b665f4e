"""What a collector reads and records between runs, as a protocol the pipeline's store satisfies.

Collectors never import the store: the website collector is handed an object with these
methods (``pipeline.store.Store`` in production, anything alike in tests), and a ``save``
callable that processes and stores a batch of records.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol

from collectors.item import Item
from collectors.response import Response

# processes and stores one batch of records in one transaction; returns counts by outcome
# ({"new": n, "updated": n, "same": n})
SaveBatch = Callable[[list[Item]], Mapping[str, int]]


class FetchState(Protocol):
    """Per-URL fetch state for conditional GET and failure counts (used by the HTTP seam)."""

    def fetch_state(self, url: str) -> Mapping[str, Any] | None: ...

    def save_fetch_state(self, url: str, **fields: Any) -> None: ...


class SourceState(FetchState, Protocol):
    """A source's memory between runs: known items, listing cursors, small named values."""

    def known_keys(self, source: str, *, fetched_only: bool = True) -> set[str]: ...

    def get_item(self, source: str, key: str) -> Mapping[str, Any] | None: ...

    def newest_keys(self, source: str, n: int) -> list[str]: ...

    def keys_published_after(self, source: str, published_utc: str) -> set[str]: ...

    def count_without_own_category(self, source: str) -> int: ...

    def listing_state(self, slug: str) -> Mapping[str, Any] | None: ...

    def save_listing_state(self, slug: str, *, backfill_complete: bool, resume_page: int) -> None: ...

    def aliases(self, source: str) -> dict[str, str]: ...

    def save_alias(self, source: str, alias: str, key: str, *, why: str = "") -> str: ...

    def same_time_items(self, source: str, published_utc: str) -> list[Mapping[str, Any]]: ...

    def get_kv(self, key: str, default: Any = None) -> Any: ...

    def set_kv(self, key: str, value: Any) -> None: ...


class PageArchive(Protocol):
    """Where article pages are kept as received (``pipeline.archive.WarcArchive``)."""

    def keep(self, url: str, response: Response) -> None: ...
