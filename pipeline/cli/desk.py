"""`cdht serve` (the desk, in a browser) and `cdht user` (its accounts)."""

from __future__ import annotations

import sys

from pipeline.cli import common as cli
from pipeline.store.accounts import (
    PREFIX,
    ROLES,
    AccountError,
    add_user,
    list_tokens,
    list_users,
    new_token,
    revoke_token,
    revoke_tokens,
    set_password,
    set_role,
    sign_out_everywhere,
    user_row,
)
from pipeline.store.audit import cli_user, record


def register(sub, common) -> None:
    p = sub.add_parser(
        "serve", parents=[common],
        help="the desk: the web pages and API for the editorial board (one process)",
        description="Serve the desk on the office network: pages, the JSON API, over the same "
        "database and configuration as the nightly run.",
    )  # fmt: skip
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8080, help="port (default 8080)")
    p.add_argument("--threads", type=int, default=None, help="worker threads (default 8, [desk] threads)")
    p.add_argument("--insecure-http", action="store_true",
                   help="answer plain HTTP on an address other than loopback (no HTTPS proxy in "
                   "front): passwords cross the network unencrypted")  # fmt: skip
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
    p.add_argument("--days", type=int, default=None, help="the token expires after this many days (default: never)")
    p.set_defaults(func=run_user_token)
    p = usub.add_parser("tokens", parents=[common], help="list a user's API tokens",
                       description="List a user's API tokens: first characters, made, last used, expiry.")
    p.add_argument("name")
    p.set_defaults(func=run_user_tokens)
    p = usub.add_parser("revoke", parents=[common], help="revoke one API token of a user, or all",
                       description="Revoke the API token of NAME that begins with PREFIX (see `cdht user tokens`), or all of NAME's tokens.")
    p.add_argument("name")
    p.add_argument("prefix", nargs="?")
    p.set_defaults(func=run_user_revoke)
    p = usub.add_parser("passwd", parents=[common], help="set a user's password (read from standard input)",
                       description="Set a new password for a user (read from standard input, asked twice on a terminal); every session of theirs ends.")
    p.add_argument("name")
    p.set_defaults(func=run_user_passwd)
    p = usub.add_parser("signout", parents=[common], help="end every session of a user",
                       description="Sign a user out everywhere: every browser signed in as them must sign in again.")
    p.add_argument("name")
    p.set_defaults(func=run_user_signout)
    p = usub.add_parser("list", parents=[common], help="list the users",
                       description="List the desk's users with their role and number of API tokens.")
    p.set_defaults(func=run_user_list)
    p = usub.add_parser("disable", parents=[common], help="disable a user (sign-in and tokens)",
                       description="Disable a user: their sign-in and API tokens stop working.")
    p.add_argument("name")
    p.set_defaults(func=run_user_disable)


ROLE_VI = {"viewer": "xem", "editor": "biên tập", "admin": "quản trị"}


def run_serve(args) -> int:
    from pipeline.desk.app import InsecureBind, serve
    from pipeline.desk.settings import DeskSettings

    db = args.db or cli.default_db_path()
    settings = DeskSettings.from_table(getattr(args, "desk_settings", None) or {})
    try:
        serve(db, args.config, host=args.host, port=args.port, threads=args.threads,
              settings=settings, insecure_http=args.insecure_http)  # fmt: skip
    except InsecureBind:
        raise cli.UsageError(
            f"không mở bàn biên tập bằng HTTP thường trên {args.host}: mật khẩu sẽ đi qua mạng không "
            "mã hoá. Hãy chạy --host 127.0.0.1 sau một reverse proxy HTTPS (docs/INSTALL.md), hoặc "
            "thêm --insecure-http nếu thật sự muốn (refusing plain HTTP on a network address)"
        ) from None
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
            raise cli.UsageError(str(exc)) from None
        record(store, cli_user(), "user", "user", user.name, after={"role": user.role})
    print(f"đã thêm tài khoản {user.name}: {ROLE_VI.get(user.role, user.role)}", file=sys.stderr)
    return cli.EXIT_OK


def run_user_token(args) -> int:
    with cli.open_store(args, must_exist=True) as store:
        try:
            token = new_token(store, args.name, args.days)
        except AccountError as exc:
            raise cli.UsageError(str(exc)) from None
        record(store, cli_user(), "token", "user", args.name, after={"prefix": token[:PREFIX], "days": args.days})
    print(token)
    return cli.EXIT_OK


def _existing(store, name: str):
    row = user_row(store, name)
    if row is None:
        raise cli.UsageError(f"no user {name!r}")
    return row


def run_user_tokens(args) -> int:
    with cli.open_store(args, must_exist=True, reading="user tokens") as store:
        _existing(store, args.name)
        rows = list_tokens(store, args.name)
    print("prefix\tmade\tlast used\texpires")
    for r in rows:
        print(f"{r['prefix'] or '(old token)'}\t{r['created_at']}\t{r['last_used'] or '-'}\t{r['expires_at'] or 'never'}")
    return cli.EXIT_OK


def run_user_revoke(args) -> int:
    with cli.open_store(args, must_exist=True) as store:
        _existing(store, args.name)
        try:
            n = revoke_token(store, args.name, args.prefix) if args.prefix else revoke_tokens(store, args.name)
        except AccountError as exc:
            raise cli.UsageError(str(exc)) from None
        if args.prefix and n == 0:
            raise cli.UsageError(f"{args.name} không có mã API nào bắt đầu bằng «{args.prefix}» (xem cdht user tokens {args.name})")
        record(store, cli_user(), "revoke", "user", args.name, after={"prefix": args.prefix or "*", "tokens": n})
    print(f"{args.name}: {n} token(s) revoked", file=sys.stderr)
    return cli.EXIT_OK


def run_user_passwd(args) -> int:
    password = _read_password()
    with cli.open_store(args, must_exist=True) as store:
        _existing(store, args.name)
        try:
            set_password(store, args.name, password)
        except AccountError as exc:
            raise cli.UsageError(str(exc)) from None
        record(store, cli_user(), "password", "user", args.name)
    print(f"user {args.name}: new password; every session of theirs has ended", file=sys.stderr)
    return cli.EXIT_OK


def run_user_signout(args) -> int:
    with cli.open_store(args, must_exist=True) as store:
        _existing(store, args.name)
        n = sign_out_everywhere(store, args.name)
        record(store, cli_user(), "signout", "user", args.name, after={"sessions": n})
    print(f"user {args.name}: {n} session(s) ended", file=sys.stderr)
    return cli.EXIT_OK


def run_user_list(args) -> int:
    with cli.open_store(args, must_exist=True, reading="user list") as store:
        for r in list_users(store):
            state = " (đã khóa)" if r["disabled"] else ""
            print(f"{r['name']}\t{r['role']}{state}\t{r['tokens']} mã API")
    return cli.EXIT_OK


def run_user_disable(args) -> int:
    with cli.open_store(args, must_exist=True) as store:
        row = _existing(store, args.name)
        set_role(store, args.name, row["role"], disabled=True)  # sessions end, tokens go for good
        record(store, cli_user(), "user", "user", args.name, before={"disabled": bool(row["disabled"])},
               after={"disabled": True})  # fmt: skip
    return cli.EXIT_OK
