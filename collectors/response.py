"""The small record every fetch returns: the one home of the type the HTTP seam
(:mod:`collectors.http`), the state protocols (:mod:`collectors.state`) and the page archive
share, so that none of them imports another for it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Response:
    url: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    text: str = ""
    not_modified: bool = False  # 304, or a body identical to the last one (hash)

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300 or self.status == 304
