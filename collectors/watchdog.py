"""A whole-request deadline that a server cannot outwait.

A read timeout bounds each wait for bytes, not the request: a server that sends its status line
and then drips its headers a byte at a time would hold ``requests`` for as long as it likes, and
the body loop's deadline check never runs. While a request is under a :class:`Watchdog`, the
connection's socket is shut down once the deadline passes, so the blocked read returns and the
request fails; the client then reports the page as too slow.
"""

from __future__ import annotations

import contextlib
import socket
import threading

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

_current = threading.local()


class Watchdog:
    """``with Watchdog(seconds) as dog:`` a request sent in the block through a
    :class:`WatchedAdapter` is cut off after ``seconds``; ``dog.fired`` says it was."""

    def __init__(self, seconds: float):
        self.fired = False
        self._sock: socket.socket | None = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True

    def __enter__(self) -> Watchdog:
        _current.dog = self
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.cancel()
        _current.dog = None

    def watch(self, sock: socket.socket | None) -> None:
        with self._lock:
            self._sock = sock
            if self.fired:
                _shut(sock)

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            _shut(self._sock)


def _shut(sock: socket.socket | None) -> None:
    if sock is None:
        return
    with contextlib.suppress(OSError):  # already closed
        sock.shutdown(socket.SHUT_RDWR)


class _Watched:
    def getresponse(self, *args, **kw):
        dog = getattr(_current, "dog", None)
        if dog is not None:
            dog.watch(self.sock)
        return super().getresponse(*args, **kw)


class _HTTPConnection(_Watched, HTTPConnection):
    pass


class _HTTPSConnection(_Watched, HTTPSConnection):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


class WatchedAdapter(HTTPAdapter):
    """The usual adapter, whose connections a :class:`Watchdog` can cut off."""

    def init_poolmanager(self, *args, **kw) -> None:
        super().init_poolmanager(*args, **kw)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}
