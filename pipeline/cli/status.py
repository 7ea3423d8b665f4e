"""`cdht status`: a few lines in Vietnamese for a person."""

from __future__ import annotations

from pipeline.cli import common as cli
from pipeline.nightly import load_settings
from pipeline.nightly.status import status_lines
from pipeline.store import Store, StoreError, default_db_path


def register(sub, common) -> None:
    p = sub.add_parser(
        "status", parents=[common],
        help="the last run, the next one, the data's freshness and the month so far",
        description="A few lines (in Vietnamese) for a person: the last run, the next one, the "
        "data's freshness and the month so far against the monthly targets.",
    )  # fmt: skip
    p.set_defaults(func=status_cmd)


def status_cmd(args) -> int:
    config = cli.open_config(args)
    settings = load_settings(config)
    db = args.db or default_db_path()
    try:
        store = Store(db, must_exist=True, upgrade=False, command="status")
    except StoreError as exc:
        if not exc.missing:
            raise  # a damaged or unwritable database: the message says which and what to do
        print(f"Chưa có dữ liệu: không thấy cơ sở dữ liệu {db}. Hãy chạy `cdht run-once` (hoặc "
              "`cdht collect`) trước.")  # fmt: skip
        return cli.EXIT_FAILED
    with store:
        print("\n".join(status_lines(store, config, settings, db_path=db)))
    return cli.EXIT_OK
