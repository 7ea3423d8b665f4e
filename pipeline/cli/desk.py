"""`cdht serve` (the desk, in a browser) and `cdht user` (its accounts)."""

from __future__ import annotations

import sys

from pipeline.cli import common as cli
from pipeline.cli.messages import account_vi
from pipeline.store.accounts import (
    ROLES,
    AccountError,
    add_user,
    list_users,
    new_token,
    set_role,
    user_row,
)


def register(sub, common) -> None:
    p = sub.add_parser(
        "serve", parents=[common],
        help="the desk: the web pages and API for the editorial board (one process)",
        description="Serve the desk on the office network: pages, the JSON API, over the same "
        "database and configuration as the nightly run.",
    )  # fmt: skip
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8080, help="port (default 8080)")
    p.add_argument("--threads", type=int, default=4, help="worker threads (default 4)")
    p.set_defaults(func=run_serve)

    user = sub.add_parser("user", help="accounts of the desk: add a user, make an API token",
                          description="Manage the desk's accounts: add, list or disable a user, "
                          "print a new API token.")  # fmt: skip
    usub = user.add_subparsers(dest="user_cmd", metavar="ACTION")
    usub.required = True
    p = usub.add_parser("add", parents=[common], help="add a user (the password is read from standard input)",
                       description="Add a user of the desk with a role; the password is read from standard input (asked twice on a terminal).")
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=ROLES)
    p.set_defaults(func=run_user_add)
    p = usub.add_parser("token", parents=[common], help="print a new API token for a user",
                       description="Print a new API token for a user; the token is shown once and stored only as a hash.")
    p.add_argument("name")
    p.set_defaults(func=run_user_token)
    p = usub.add_parser("list", parents=[common], help="list the users",
                       description="List the desk's users with their role and number of API tokens.")
    p.set_defaults(func=run_user_list)
    p = usub.add_parser("disable", parents=[common], help="disable a user (sign-in and tokens)",
                       description="Disable a user: their sign-in and API tokens stop working.")
    p.add_argument("name")
    p.set_defaults(func=run_user_disable)


ROLE_VI = {"viewer": "xem", "editor": "biên tập", "admin": "quản trị"}


def run_serve(args) -> int:
    from pipeline.desk.app import serve

    db = args.db or cli.default_db_path()
    serve(db, args.config, host=args.host, port=args.port, threads=args.threads)
    return cli.EXIT_OK


def _read_password() -> str:
    if sys.stdin.isatty():
        import getpass

        first = getpass.getpass("Mật khẩu (password): ")
        if getpass.getpass("Nhập lại (again): ") != first:
            raise cli.UsageError("hai lần nhập mật khẩu không giống nhau")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def run_user_add(args) -> int:
    with cli.open_store(args) as store:
        if user_row(store, args.name.strip()) is not None:  # never a silent change of someone's password
            raise cli.UsageError(f"đã có tài khoản «{args.name}»: không thêm lại. Đổi mật khẩu bằng "
                                 f"cdht user passwd {args.name}")  # fmt: skip
    password = _read_password()
    with cli.open_store(args) as store:
        try:
            user = add_user(store, args.name, args.role, password)
        except AccountError as exc:
            raise cli.UsageError(account_vi(str(exc))) from None
        from pipeline.store.audit import cli_user, record

        record(store, cli_user(), "user", "user", user.name, after={"role": user.role})
    print(f"đã thêm tài khoản {user.name}: {ROLE_VI.get(user.role, user.role)}", file=sys.stderr)
    return cli.EXIT_OK


def run_user_token(args) -> int:
    with cli.open_store(args, must_exist=True) as store:
        try:
            token = new_token(store, args.name)
        except AccountError as exc:
            raise cli.UsageError(account_vi(str(exc))) from None
    print(token)
    return cli.EXIT_OK


def run_user_list(args) -> int:
    with cli.open_store(args, must_exist=True) as store:
        for r in list_users(store):
            state = " (đã khóa)" if r["disabled"] else ""
            print(f"{r['name']}\t{r['role']}{state}\t{r['tokens']} mã API")
    return cli.EXIT_OK


def run_user_disable(args) -> int:
    with cli.open_store(args, must_exist=True) as store:
        row = user_row(store, args.name)
        if row is None:
            raise cli.UsageError(f"không có tài khoản «{args.name}»")
        set_role(store, args.name, row["role"], disabled=True)
    return cli.EXIT_OK
