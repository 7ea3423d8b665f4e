"""`cdht migrate`: bring an older database to this release's schema, after a copy beside it."""

from __future__ import annotations

import sys

from pipeline.cli import common as cli
from pipeline.lock import RunLock, lock_path_for
from pipeline.store import NoDatabase, Store, default_db_path


def register(sub, common) -> None:
    p = sub.add_parser(
        "migrate", parents=[common],
        help="upgrade the database to this release's schema (a copy of it is made first)",
        description="After an update: copy the database beside itself (<db>.bak-<schema>-<date>, "
        "the way back to the release before), then apply the migrations this release needs. "
        "Commands that only read (status, report, quotas, runs) and the desk refuse an older "
        "database until this has run. Takes the run lock: stop the nightly service first.",
    )  # fmt: skip
    p.set_defaults(func=run_migrate)


def run_migrate(args) -> int:
    db = args.db or default_db_path()
    if not db.exists():
        raise NoDatabase(db)
    with RunLock(lock_path_for(db), command="migrate"), Store(db, must_exist=True) as store:
        done, version = store.upgraded, store.schema_version
    if done is None:
        print(f"cdht: cơ sở dữ liệu {db} đã ở lược đồ {version}, mới nhất của bản này: không cần "
              "nâng cấp (nothing to migrate)", file=sys.stderr)  # fmt: skip
        return cli.EXIT_OK
    print(done.backup)  # the copy, for a script that keeps it somewhere else
    return cli.EXIT_OK
