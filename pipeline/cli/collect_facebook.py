"""`cdht collect-facebook`: read the Page through the Graph API and store its posts."""

from __future__ import annotations

import logging
import sys

from pipeline.cli import common as cli

log = logging.getLogger("cdht.facebook")


def register(sub, common) -> None:
    p = sub.add_parser(
        "collect-facebook", parents=[common],
        help="read the Facebook Page through the Graph API (token in CDHT_FB_TOKEN)",
        description="Read the Page's published posts and reels through the Graph API and store "
        "them. The Page access token comes from the environment variable CDHT_FB_TOKEN; the "
        "Page id and API version from facebook.toml. Every post is counted once, whether it "
        "also arrives in a DYI export or a Business Suite CSV.",
    )  # fmt: skip
    p.add_argument("--since", type=cli.arg_date, default=None, metavar="YYYY-MM-DD",
                   help="read posts from this local date on only")  # fmt: skip
    p.add_argument("--graph-url", default=None, metavar="URL",
                   help="replaces https://graph.facebook.com (tests)")  # fmt: skip
    p.set_defaults(func=run)


class RedactToken(logging.Filter):
    """Never let the token reach a log line, whoever logs it."""

    def __init__(self, token: str):
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        from collectors.facebook.graph import redact

        msg = record.getMessage()
        clean = redact(msg, self.token)
        if clean != msg:
            record.msg, record.args = clean, None
        return True


def run(args) -> int:
    from collectors.facebook.graph import redact
    from pipeline.cli.import_facebook import summary_lines
    from pipeline.facebook_graph import (
        TOKEN_ENV,
        TOKEN_RENEW_MESSAGE,
        collect_facebook,
        make_target,
        token_from_env,
    )  # fmt: skip

    token = token_from_env()
    if not token:
        raise cli.UsageError(
            f"chưa có mã truy cập Trang Facebook: đặt biến môi trường {TOKEN_ENV} (xem "
            f"docs/FACEBOOK.md) / no Page access token: set the environment variable {TOKEN_ENV}"
        )
    if args.graph_url is not None and not args.graph_url.startswith(("http://", "https://")):
        raise cli.UsageError(f"--graph-url: not an http(s) URL: {args.graph_url!r}")
    config = cli.open_config(args)
    make_target(config, token, args.graph_url)  # a missing page_id is a configuration error
    guard = RedactToken(token)
    handlers = logging.getLogger().handlers
    for h in handlers:
        h.addFilter(guard)
    try:
        with cli.exclusive(args, "collect-facebook"), cli.open_store(args) as store:
            out = collect_facebook(store, config, token=token, graph_url=args.graph_url,
                                   since=args.since)  # fmt: skip
    finally:
        for h in handlers:
            h.removeFilter(guard)
    if out.outcome != "ok":
        detail = redact(out.message, token)
        if out.token_failed:
            print(f"cdht: {TOKEN_RENEW_MESSAGE}\n  Chi tiết (details): {detail}", file=sys.stderr)
        else:
            print("cdht: không đọc được Trang Facebook, không lưu thêm gì / could not read the "
                  f"Facebook Page, nothing new was stored: {detail}", file=sys.stderr)  # fmt: skip
        return cli.EXIT_FAILED
    out.result.format = "Graph API"
    lines = summary_lines(out.result)
    lines.append(f"Yêu cầu Graph API (requests): {out.requests}")
    print("\n".join(redact(line, token) for line in lines))
    return cli.EXIT_OK
