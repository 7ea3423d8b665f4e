"""`cdht archive check`: every damaged record of the page archive, and the items that lost their
archived page (they are fetched again by the next collection)."""

from __future__ import annotations

import sys

from pipeline.archive import WarcArchive
from pipeline.cli import common as cli


def register(sub, common) -> None:
    p = sub.add_parser(
        "archive", parents=[common], help="check the page archive beside the database",
        description="`cdht archive check` reads every record of the page archive and lists the "
        "damaged ones (file and byte offset) and the items that lost their archived page; those "
        "are fetched again by the next collection. Exit 0 when every record reads, 1 otherwise.",
    )  # fmt: skip
    p.add_argument("action", choices=("check",), help="check: read every record")
    p.add_argument("--archive", metavar="DIR", help="the page archive folder (default: beside the database)")
    p.set_defaults(func=archive_cmd)


def archive_cmd(args) -> int:
    from pipeline.archive_check import check_archive, mark_for_refetch

    with cli.exclusive(args, "archive check"), cli.open_store(args, must_exist=True) as store:
        archive = WarcArchive(args.archive) if args.archive else WarcArchive.beside(store.path)
        if not archive.files():
            print(f"cdht: {archive.folder}: không có kho trang lưu ở đây (no page archive)", file=sys.stderr)
            return cli.EXIT_FAILED
        result = check_archive(store, archive)
        marked = mark_for_refetch(store, result.lost)
    for d in result.damage:
        print(f"damaged\t{d.path}\t{d.offset}\t{d.url}\t{d.reason}")
    for key in result.lost:
        print(f"lost\t{key}")
    if not result.damage:
        print(f"cdht: {archive.folder}: {result.files} tệp, {result.pages} bản ghi, không bản ghi nào "
              "bị hỏng", file=sys.stderr)  # fmt: skip
        return cli.EXIT_OK
    print(f"cdht: {archive.folder}: {len(result.damage)} bản ghi bị hỏng trong {result.files} tệp; "
          f"{len(result.lost)} mục mất bản lưu trang, sẽ được tải lại ở lần thu thập sau"
          f"{f' ({marked} mới ghi nhận)' if marked else ''}", file=sys.stderr)  # fmt: skip
    return cli.EXIT_FAILED
