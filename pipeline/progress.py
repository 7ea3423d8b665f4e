"""Progress of long runs: a bar on a terminal, plain log lines otherwise.

``make_progress(total=None)`` returns a callable taking one message, usable as the
``progress=`` argument of :func:`pipeline.collect.collect_website`. Each call is one step.

- When standard error is a terminal, it draws one line that is redrawn in place: a bar with
  ``n/total`` when the total is known, else a step counter, then the message (cut to the
  terminal's width). Log lines printed meanwhile clear the bar first, so the two never mix.
- Otherwise (cron, systemd, a pipe) every message is logged as an INFO line of the
  ``cdht.progress`` logger, so it reaches the console and the log file with a time stamp.

Call ``.close()`` (or use it as a context manager) at the end to finish the bar's line.
"""

from __future__ import annotations

import logging
import shutil
import sys
import time
from collections.abc import Callable
from typing import TextIO

log = logging.getLogger("cdht.progress")

BAR_WIDTH = 24


class Progress:
    """A progress reporter: ``progress("tin-tuc page 3: 20 entries, 5 new")``."""

    def __init__(
        self,
        total: int | None = None,
        *,
        stream: TextIO | None = None,
        tty: bool | None = None,
        min_interval: float = 0.1,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        if tty is None:
            isatty = getattr(self.stream, "isatty", None)
            tty = bool(isatty and isatty())
        self.tty = tty
        self.min_interval = min_interval
        self.clock = clock
        self.n = 0
        self.last_message = ""
        self._last_draw = float("-inf")
        self._drawn = False
        self._filter: _ClearLine | None = None
        if self.tty:
            self._filter = _ClearLine(self)
            for h in _console_handlers(self.stream):
                h.addFilter(self._filter)

    # ------------------------------------------------------------ public
    def __call__(self, message: str = "") -> None:
        self.n += 1
        self.last_message = message
        if not self.tty:
            if message:
                log.info("%s", self._counter() + message)
            return
        now = self.clock()
        final = self.total is not None and self.n >= self.total
        if final or now - self._last_draw >= self.min_interval:
            self._draw()
            self._last_draw = now

    def set_total(self, total: int | None) -> None:
        self.total = total

    def close(self) -> None:
        if self.tty and self.n:
            self._draw()
            self.stream.write("\n")
            self.stream.flush()
            self._drawn = False
        if self._filter is not None:
            for h in _console_handlers(self.stream):
                h.removeFilter(self._filter)
            self._filter = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------ drawing
    def _counter(self) -> str:
        if self.total:
            return f"[{self.n}/{self.total}] "
        return ""

    def line(self) -> str:
        """The bar's current text (without control characters)."""
        if self.total:
            frac = min(1.0, self.n / self.total) if self.total > 0 else 1.0
            filled = round(frac * BAR_WIDTH)
            head = f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {self.n}/{self.total} {frac:4.0%}"
        else:
            head = f"[{self.n} steps]"
        text = f"{head} {self.last_message}".rstrip()
        width = shutil.get_terminal_size((100, 20)).columns - 1
        if len(text) > width > 3:
            text = text[: width - 1] + "…"
        return text

    def _draw(self) -> None:
        self.stream.write("\r\x1b[K" + self.line())
        self.stream.flush()
        self._drawn = True

    def clear(self) -> None:
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._drawn = False


class _ClearLine(logging.Filter):
    """Clears the bar's line before a console log record is written under it."""

    def __init__(self, progress: Progress):
        super().__init__()
        self.progress = progress

    def filter(self, record: logging.LogRecord) -> bool:
        self.progress.clear()
        return True


def _console_handlers(stream: TextIO) -> list[logging.Handler]:
    return [
        h
        for h in logging.getLogger().handlers
        if isinstance(h, logging.StreamHandler) and getattr(h, "stream", None) is stream
    ]


def make_progress(total: int | None = None, **kw) -> Progress:
    """A bar when standard error is a terminal, plain log lines when not (see module doc)."""
    return Progress(total, **kw)
