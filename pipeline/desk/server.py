"""The desk's waitress server, hardened against clients that stall it: a request's headers must
all arrive within ``header_timeout`` seconds of its first byte and its body at a sane pace; a
body announced larger than the route allows is refused (413) before any of it is read; and
``connection_limit``, ``channel_timeout`` and the sizes come from the desk's settings."""

from __future__ import annotations

import time

from waitress.adjustments import Adjustments
from waitress.channel import HTTPChannel
from waitress.parser import HTTPRequestParser
from waitress.server import TcpWSGIServer
from waitress.task import ThreadedTaskDispatcher
from waitress.utilities import RequestEntityTooLarge

from pipeline.desk import limits
from pipeline.desk.settings import DeskSettings

MIN_BODY_RATE = 32 * 1024  # bytes per second a body must keep up, on top of channel_timeout


def _signed_in(app, cookie_header: str) -> bool:
    """The request carries a session cookie signed by this desk (its session is checked later)."""
    from http.cookies import CookieError, SimpleCookie

    try:
        jar = SimpleCookie(cookie_header)
    except CookieError:
        return False
    morsel = jar.get(app.config["SESSION_COOKIE_NAME"])
    if morsel is None:
        return False
    serializer = app.session_interface.get_signing_serializer(app)
    try:
        return "sid" in serializer.loads(morsel.value)
    except Exception:  # a forged or garbled cookie
        return False


def make_server(app, settings: DeskSettings, *, host: str, port: int, threads: int | None = None):
    """A waitress server for ``app`` bound to host:port (port 0: any free port)."""

    class Parser(HTTPRequestParser):
        def __init__(self, adj):
            super().__init__(adj)
            self.started = time.monotonic()

        def received(self, data):
            n = super().received(data)
            if self.headers_finished and not self.error and not getattr(self, "_sized", False):
                self._sized = True
                limit = limits.allowance(settings, self.command, self.path,
                                         _signed_in(app, self.headers.get("COOKIE", "")))  # fmt: skip
                if self.content_length > limit:
                    self.error = RequestEntityTooLarge(f"exceeds {limit} bytes")
                    self.completed = True
            return n

    class Channel(HTTPChannel):
        parser_class = Parser

    class Server(TcpWSGIServer):
        channel_class = Channel

        def maintenance(self, now):
            super().maintenance(now)
            mono = time.monotonic()
            for channel in list(self.active_channels.values()):
                req = channel.request
                if req is None or channel.will_close:
                    continue
                age = mono - req.started
                if not req.headers_finished:
                    late = age > settings.header_timeout
                else:
                    late = age > settings.channel_timeout + req.content_length / MIN_BODY_RATE
                if late:
                    channel.will_close = True

    adj = Adjustments(
        host=host, port=port, threads=threads or settings.threads, ident="cdht",
        channel_timeout=settings.channel_timeout, connection_limit=settings.connection_limit,
        cleanup_interval=max(1, min(30, settings.header_timeout // 2 or 1)),
        max_request_body_size=max(settings.max_upload_bytes, settings.max_form_bytes) + 1,
        max_request_header_size=64 * 1024,
        trusted_proxy=None,  # X-Forwarded-* are read by the application (ProxyFix), not here
    )  # fmt: skip
    dispatcher = ThreadedTaskDispatcher()
    dispatcher.set_thread_count(adj.threads)
    return Server(app, {}, True, None, dispatcher=dispatcher, adj=adj, sockinfo=adj.listen[0])
