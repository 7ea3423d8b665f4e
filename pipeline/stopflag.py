"""Stopping a long run cleanly: SIGTERM or Ctrl-C finish the current item, then stop."""

from __future__ import annotations

import contextlib
import signal
import sys

EXIT_SIGINT, EXIT_SIGTERM = 130, 143


class StopFlag:
    """Set by SIGTERM or SIGINT; ``flag()`` is the ``should_stop`` of collectors and loops.

    A second SIGINT raises KeyboardInterrupt (abort now)."""

    def __init__(self):
        self.signum: int | None = None
        self._previous: dict[int, object] = {}

    def __call__(self) -> bool:
        return self.signum is not None

    def _handler(self, signum, frame) -> None:
        if self.signum is not None and signum == signal.SIGINT:
            raise KeyboardInterrupt
        self.signum = signum
        print(
            f"cdht: {signal.Signals(signum).name} received: finishing the current item, then "
            "stopping (Ctrl-C again aborts at once)",
            file=sys.stderr,
            flush=True,
        )

    def install(self) -> StopFlag:
        for sig in (signal.SIGTERM, signal.SIGINT):
            # not possible outside the main thread (in-process tests): the flag stays unset
            with contextlib.suppress(ValueError):
                self._previous[sig] = signal.signal(sig, self._handler)
        return self

    def restore(self) -> None:
        for sig, prev in self._previous.items():
            signal.signal(sig, prev)  # type: ignore[arg-type]
        self._previous.clear()

    def exit_code(self) -> int:
        return EXIT_SIGTERM if self.signum == signal.SIGTERM else EXIT_SIGINT
