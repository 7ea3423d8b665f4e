"""Worker processes that end with the process that started them.

:func:`die_with_parent` is a pool's initializer: on Linux it asks the kernel to send the worker
SIGKILL when its parent dies (``prctl(PR_SET_PDEATHSIG)``); everywhere, a daemon thread checks
every second that the process that started the pool is still alive and ends the worker when it
is not (a fork server between them, or no ``prctl``).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1


def _pdeathsig() -> None:
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _watch(owner: int, every: float) -> None:
    while True:
        if not _alive(owner) or os.getppid() == 1:
            os._exit(1)
        time.sleep(every)


def die_with_parent(owner: int, every: float = 1.0) -> None:
    """End this process when ``owner`` (the pool's creator) or its own parent dies."""
    _pdeathsig()
    if not _alive(owner):
        os._exit(1)
    threading.Thread(target=_watch, args=(owner, every), name="die-with-parent", daemon=True).start()
