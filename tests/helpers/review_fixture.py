"""Three months across two years (December 2024 to February 2025) in a fresh store, for the
review tests: a unit merged into a successor on 31/01/2025, a unit that only starts in July
2025, two contributors with the same figures, and a website read on 05/03/2025."""

from __future__ import annotations

import textwrap
from pathlib import Path

from pipeline.settings import load_config
from pipeline.store import Store

CONTRIBUTORS = """
[[contributors]]
id = "nguyen-thu-ha"
name = "Nguyễn Thu Hà"
role = "bbt"
[contributors.targets]
news = 2

[[contributors]]
id = "tran-van-nam"
name = "Trần Văn Nam"
role = "bcv"
[contributors.targets]
articles = 1

[[contributors]]
id = "le-thi-mai"
name = "Lê Thị Mai"
role = "ctv"
"""

# Kỳ Anh district merges into the town on 31/01/2025; a new union starts in July 2025.
UNITS = """
[[units]]
id = "ldld-h-ky-anh"
valid_to = 2025-01-31
successor = "ldld-tx-ky-anh"

[[units]]
id = "cd-moi"
name = "Công đoàn Khu mới"
type = "other"
aliases = ["Công đoàn Khu mới"]
valid_from = 2025-07-01
"""

HA, NAM, MAI = "nguyen-thu-ha", "tran-van-nam", "le-thi-mai"
# (key, local date, kind, unit, with_video, contributors)
WEBSITE = [
    ("/d-1", "2024-12-03", "news", "ldld-can-loc", 0, [HA]),
    ("/d-2", "2024-12-09", "news", "ldld-can-loc", 0, [HA]),
    ("/d-3", "2024-12-15", "news", "ldld-can-loc", 0, [HA]),
    ("/d-4", "2024-12-20", "article", "ldld-can-loc", 0, [NAM, MAI]),
    ("/d-5", "2024-12-28", "video", "cdn-y-te", 1, []),
    ("/j-1", "2025-01-06", "news", "ldld-h-ky-anh", 0, [HA]),
    ("/j-2", "2025-01-13", "news", "ldld-h-ky-anh", 0, [HA]),
    ("/j-3", "2025-01-20", "article", "ldld-h-ky-anh", 0, [NAM, MAI]),
    ("/j-4", "2025-01-27", "news", "cdn-y-te", 1, []),
    ("/f-1", "2025-02-03", "news", "ldld-h-ky-anh", 0, []),  # after the merge: the successor's
    ("/f-2", "2025-02-10", "news", "ldld-h-ky-anh", 0, []),
    ("/f-3", "2025-02-17", "video", "ldld-tx-ky-anh", 1, []),
    ("/f-4", "2025-02-24", "news", None, 0, []),
]
FACEBOOK = [
    ("fb:1", "2024-12-05", "photo", "cdn-y-te"),
    ("fb:2", "2025-02-12", "video", "ldld-can-loc"),
]


def _row(source: str, key: str, day: str, **kw) -> dict:
    row = {
        "source": source, "key": key, "title": f"Tin {key}", "published_utc": f"{day}T02:00:00Z",
        "local_date": day, "url": f"https://congdoanhatinh.vn{key}" if source == "website"
        else f"https://facebook.com/{key}", "date_source": "json-ld", "kind": "news",
        "kind_reason": "default (news)", "unit_reason": "byline",
    }  # fmt: skip
    row.update(kw)
    return row


def populate(store: Store) -> None:
    with store.transaction():
        for key, day, kind, unit, video, people in WEBSITE:
            store.upsert_item(_row("website", key, day, kind=kind, unit_id=unit,
                                   with_video=video or int(kind == "video")), people)  # fmt: skip
        for key, day, media, unit in FACEBOOK:
            store.upsert_item(_row("facebook", key, day, media_type=media, unit_id=unit,
                                   kind="video" if media == "video" else "news",
                                   with_video=int(media == "video")))  # fmt: skip


def mark_read(store: Store, finished_utc: str = "2025-03-05T01:00:00Z") -> None:
    """A successful website collection that ended at ``finished_utc``."""
    run_id = store.start_run("collect")
    store.finish_run(run_id, "ok")
    store.conn.execute("UPDATE runs SET finished_at = ? WHERE id = ?", (finished_utc, run_id))
    store.conn.commit()


def make_config_dir(base: Path, ranking: str | None = None) -> Path:
    cdir = base / "config"
    cdir.mkdir(parents=True, exist_ok=True)
    (cdir / "contributors.toml").write_text(textwrap.dedent(CONTRIBUTORS), encoding="utf-8")
    (cdir / "units.toml").write_text(textwrap.dedent(UNITS), encoding="utf-8")
    if ranking is not None:
        (cdir / "ranking.toml").write_text(textwrap.dedent(ranking), encoding="utf-8")
    return cdir


def make_review_store(base: Path, *, read: bool = True, ranking: str | None = None):
    """(store, config, db path, config dir) holding the three months."""
    db = base / "cdht.sqlite"
    store = Store(db)
    populate(store)
    if read:
        mark_read(store)
    cdir = make_config_dir(base, ranking)
    return store, load_config(cdir), db, cdir
