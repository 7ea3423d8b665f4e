"""Bad nights of the replica: the site under maintenance, behind a login wall, or empty.

Each helper switches a :class:`FaultPlan` so that every URL (or those a pattern matches) answers
200 with the same page, as a CMS in maintenance mode or a misconfigured proxy does. ``clear()``
on the plan ends the night.
"""

from __future__ import annotations

import re

from pipeline.demo.replica.server import Fault, FaultPlan

EVERYTHING = re.compile(r"^/")

MAINTENANCE_PAGE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Website đang bảo trì</title></head>
<body><div class="maintenance"><h1>Hệ thống đang bảo trì</h1>
<p>Trang thông tin điện tử Công đoàn Hà Tĩnh đang được bảo trì, nâng cấp. Xin quý bạn đọc
vui lòng quay lại sau. Xin cảm ơn!</p></div></body></html>
"""

LOGIN_PAGE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Đăng nhập hệ thống</title></head>
<body><form class="login" method="post" action="/login">
<h2>Đăng nhập</h2>
<label>Tên đăng nhập <input type="text" name="username"></label>
<label>Mật khẩu <input type="password" name="password"></label>
<button type="submit">Đăng nhập</button></form></body></html>
"""

# a page of the site's frame with nothing in it: what some CMSs serve when their database is down
BLANK_PAGE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Công đoàn Hà Tĩnh</title></head>
<body><header><a href="/">Trang chủ</a></header><main></main></body></html>
"""


def maintenance(plan: FaultPlan, pattern: str | re.Pattern = EVERYTHING, page: str = MAINTENANCE_PAGE) -> Fault:
    """Every matching URL answers 200 with ``page`` (robots.txt, feed and sitemap included)."""
    return plan.add(pattern, Fault(body=page))


def empty_pages(plan: FaultPlan, pattern: str | re.Pattern = EVERYTHING) -> Fault:
    """Every matching URL answers 200 with an empty body."""
    return plan.add(pattern, Fault(body=""))


def login_wall(plan: FaultPlan) -> None:
    """Every URL redirects to /login, which shows a login form."""
    plan.add("/login", Fault(body=LOGIN_PAGE))
    plan.add(re.compile(r"^/(?!login)"), Fault(redirect="/login"))
