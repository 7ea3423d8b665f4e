"""The desk's Flask application and its production server (waitress)."""

from __future__ import annotations

import logging
import os
import threading
import time
from datetime import timedelta
from pathlib import Path

from flask import Flask, g, request

from pipeline.desk import limits, validate
from pipeline.desk.context import config_of  # noqa: F401 (views written before context.py)
from pipeline.desk.settings import DeskSettings, secret_key
from pipeline.settings import Config, load_config
from pipeline.store import Store, plan_marks, registry
from pipeline.store.storeconfig import apply_conn

log = logging.getLogger("cdht.desk")


class Desk:
    """What every request shares: the database path, the configuration (reloaded when the
    store's registry or marks change) and the reports folder."""

    def __init__(self, db: Path, config_dir: Path | None, reports_dir: Path | None = None,
                 write_wait: float = 5.0):  # fmt: skip
        self.db = Path(db)
        self.write_wait_ms = int(write_wait * 1000)
        self.config_dir = Path(config_dir) if config_dir else None
        self.reports_dir = Path(reports_dir) if reports_dir else self.db.parent / "desk-reports"
        self._lock = threading.Lock()
        self._config: Config | None = None
        self._stamp = None

    def open_store(self) -> Store:
        """The store for one request: a write waits at most ``write_wait`` for the lock.

        The desk never migrates an older database (``cdht migrate`` does, with a copy first):
        it is a service that an update restarts, perhaps while a night still runs the old
        code; ``cdht serve`` on an older database refuses to start and says so."""
        store = Store(self.db, upgrade=False, command="serve")
        store.wait_for_lock(self.write_wait_ms)
        return store

    def stamp(self, store: Store) -> tuple:
        return (registry.version(store), *plan_marks.stamp(store))

    def config(self, store: Store) -> Config:
        stamp = self.stamp(store)
        with self._lock:
            if self._config is None or stamp != self._stamp:
                self._config = apply_conn(load_config(self.config_dir), store.conn)
                self._stamp = stamp
            return self._config


def create_app(db: Path | str, config_dir: Path | str | None = None, *,
               reports_dir: Path | None = None, secure_cookies: bool | None = None,
               clock=None, settings: DeskSettings | None = None) -> Flask:  # fmt: skip
    settings = settings or DeskSettings()
    db = Path(db).absolute()  # a relative --db: send_file would read it from the package
    desk = Desk(db, Path(config_dir).absolute() if config_dir else None,
                Path(reports_dir).absolute() if reports_dir else None, settings.write_wait_seconds)  # fmt: skip
    app = Flask(__name__)
    app.url_map.converters["int"] = validate.BoundedInt  # before any route is made
    with desk.open_store() as store:
        registry.ensure_imported(store, load_config(desk.config_dir))
        desk.config(store)  # a configuration that does not match the database stops here
    app.secret_key = secret_key(settings.key_file(db))
    if secure_cookies is None:
        secure_cookies = settings.secure_cookies or os.environ.get("CDHT_DESK_SECURE_COOKIES", "") == "1"
    app.config.update(
        SESSION_COOKIE_NAME="cdht_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=secure_cookies,
        PERMANENT_SESSION_LIFETIME=timedelta(hours=settings.absolute_hours),
        MAX_CONTENT_LENGTH=settings.max_upload_bytes,  # the largest body of any route
        MAX_FORM_MEMORY_SIZE=settings.max_form_bytes,
    )
    app.extensions["desk"] = desk
    app.extensions["desk_settings"] = settings
    app.extensions["desk_clock"] = clock or time.time
    if settings.trusted_proxies:  # the client's address from X-Forwarded-For, as many hops
        from werkzeug.middleware.proxy_fix import ProxyFix

        n = settings.trusted_proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n)

    @app.before_request
    def _open_store():
        limits.check_length(settings)  # before the body is read, before the store is opened
        g.store = desk.open_store()
        g.desk = desk

    @app.teardown_request
    def _close_store(exc):
        store = g.pop("store", None)
        if store is not None:
            store.close()

    @app.after_request
    def _headers(resp):
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("X-Frame-Options", "DENY")
        resp.headers.setdefault("Referrer-Policy", "same-origin")
        if g.get("user") is not None or request.path.startswith("/api/"):
            resp.headers["Cache-Control"] = "no-store"  # nothing of a signed-in page is kept
        if app.config["SESSION_COOKIE_SECURE"]:
            resp.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        resp.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            "frame-ancestors 'none'; form-action 'self'",
        )
        return resp

    from pipeline.desk import (
        auth,
        busy,
        csrf,
        errors,
        filters,
        refusals,
        views_account,
        views_api,
        views_contributors,
        views_home,
        views_items,
        views_plan,
        views_reports,
        views_review,
        views_royalties,
        views_users,
        views_work,
    )

    filters.install(app)
    errors.install(app)
    busy.install(app)
    refusals.install(app)
    auth.install(app)  # before csrf: the check needs to know how the request signed in
    csrf.install(app)
    for mod in (views_account, views_api, views_home, views_work, views_items, views_contributors, views_plan,
                views_reports, views_review, views_users, views_royalties):  # fmt: skip
        app.register_blueprint(mod.bp)
    return app


LOOPBACK = ("127.0.0.1", "::1", "localhost")


class InsecureBind(ValueError):
    """``cdht serve`` asked to answer plain HTTP on the network without ``--insecure-http``."""


def serve(db: Path, config_dir: Path | None, *, host: str = "127.0.0.1", port: int = 8080,
          threads: int | None = None, settings: DeskSettings | None = None,
          insecure_http: bool = False) -> None:  # fmt: skip
    """Bind, then say where (one line on standard output), then serve until stopped. The desk
    speaks plain HTTP: on an address other than loopback (no HTTPS proxy in front) only when
    told ``insecure_http``."""
    from pipeline.desk.server import make_server

    if host not in LOOPBACK and not insecure_http:
        raise InsecureBind(host)
    settings = settings or DeskSettings()
    app = create_app(db, config_dir, settings=settings)
    server = make_server(app, settings, host=host, port=port, threads=threads)
    port = server.effective_port
    log.info("desk: http://%s:%s/ (database %s)", host, port, db)
    if host not in LOOPBACK:
        log.warning("desk: plain HTTP on %s: passwords and cookies cross the network unencrypted", host)
    print(f"cdht serve: http://{host}:{port}/ (database {db})", flush=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
