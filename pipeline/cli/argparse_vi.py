"""argparse's own words in Vietnamese: usage, help headings, and the messages it prints for a
missing, unknown or invalid option, so that whoever types a command reads one language.

argparse looks its texts up through its module's ``_`` and ``ngettext`` at the time it prints
them; :func:`install` puts Vietnamese ones there (texts it does not know pass unchanged), and
:class:`Parser` prints errors as the rest of the tool does ("cdht: …", exit code 2).
"""

from __future__ import annotations

import argparse
import sys

TEXTS = {
    "usage: ": "cách dùng: ",
    "options": "tùy chọn",
    "positional arguments": "tham số",
    "show this help message and exit": "hiện hướng dẫn này rồi thoát",
    "show program's version number and exit": "hiện phiên bản rồi thoát",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "unrecognized arguments: %s": "không hiểu tham số: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "không có lựa chọn %(value)r (chọn một trong: %(choices)s)",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "expected one argument": "cần một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "expected at most one argument": "chỉ nhận nhiều nhất một giá trị",
    "invalid %(type)s value: %(value)r": "giá trị không hợp lệ: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "tùy chọn %(option)s chưa rõ, có thể là: %(matches)s",
    "not allowed with argument %s": "không dùng cùng với %s",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "ignored explicit argument %r": "bỏ qua giá trị %r",
    "unexpected option string: %s": "tùy chọn không mong đợi: %s",
    "can't open '%(filename)s': %(error)s": "không mở được «%(filename)s»: %(error)s",
}
PLURALS = {
    ("expected %s argument", "expected %s arguments"): "cần %s giá trị",
    ("conflicting option string: %s", "conflicting option strings: %s"): "tùy chọn trùng: %s",
}


def gettext_vi(text: str) -> str:
    return TEXTS.get(text, text)


def ngettext_vi(singular: str, plural: str, n: int) -> str:
    return PLURALS.get((singular, plural), singular if n == 1 else plural)


def install() -> None:
    """Make argparse print its texts in Vietnamese (idempotent)."""
    argparse._ = gettext_vi
    argparse.ngettext = ngettext_vi


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors read "cách dùng: …" then "cdht: lỗi: …" (exit code 2)."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"cdht: lỗi: {message}\n")
