"""The desk's Flask application and its production server (waitress)."""

from __future__ import annotations

import logging
import os
import secrets
import threading
from datetime import timedelta
from pathlib import Path

from flask import Flask, g

from pipeline.settings import Config, load_config
from pipeline.store import Store, plan_marks, registry
from pipeline.store.storeconfig import apply_conn

log = logging.getLogger("cdht.desk")
KV_SECRET = "desk.secret_key"


class Desk:
    """What every request shares: the database path, the configuration (reloaded when the
    store's registry or marks change) and the reports folder."""

    def __init__(self, db: Path, config_dir: Path | None, reports_dir: Path | None = None):
        self.db = Path(db)
        self.config_dir = Path(config_dir) if config_dir else None
        self.reports_dir = Path(reports_dir) if reports_dir else self.db.parent / "desk-reports"
        self._lock = threading.Lock()
        self._config: Config | None = None
        self._stamp = None

    def open_store(self) -> Store:
        return Store(self.db)

    def stamp(self, store: Store) -> tuple:
        return (registry.version(store), *plan_marks.stamp(store))

    def config(self, store: Store) -> Config:
        stamp = self.stamp(store)
        with self._lock:
            if self._config is None or stamp != self._stamp:
                self._config = apply_conn(load_config(self.config_dir), store.conn)
                self._stamp = stamp
            return self._config


def secret_key(store: Store) -> str:
    """The key that signs session cookies: made once, kept in the store."""
    key = store.get_kv(KV_SECRET)
    if not key:
        key = secrets.token_hex(32)
        store.set_kv(KV_SECRET, key)
    return key


def create_app(db: Path | str, config_dir: Path | str | None = None, *,
               reports_dir: Path | None = None, secure_cookies: bool | None = None,
               clock=None) -> Flask:  # fmt: skip
    desk = Desk(Path(db), Path(config_dir) if config_dir else None, reports_dir)
    app = Flask(__name__)
    with desk.open_store() as store:
        registry.ensure_imported(store, load_config(desk.config_dir))
        app.secret_key = secret_key(store)
        desk.config(store)  # a configuration that does not match the database stops here
    if secure_cookies is None:
        secure_cookies = os.environ.get("CDHT_DESK_SECURE_COOKIES", "") == "1"
    app.config.update(
        SESSION_COOKIE_NAME="cdht_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=secure_cookies,
        PERMANENT_SESSION_LIFETIME=timedelta(hours=12),
        MAX_CONTENT_LENGTH=200 * 1024 * 1024,  # a Facebook export
    )
    app.extensions["desk"] = desk
    if clock is not None:
        app.extensions["desk_clock"] = clock

    @app.before_request
    def _open_store():
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
        resp.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            "frame-ancestors 'none'; form-action 'self'",
        )
        return resp

    from pipeline.desk import (
        auth,
        csrf,
        filters,
        views_api,
        views_contributors,
        views_home,
        views_items,
        views_plan,
        views_reports,
        views_royalties,
        views_users,
        views_work,
    )

    filters.install(app)
    _errors(app)
    auth.install(app)  # before csrf: the check needs to know how the request signed in
    csrf.install(app)
    for mod in (views_api, views_home, views_work, views_items, views_contributors, views_plan,
                views_reports, views_users, views_royalties):  # fmt: skip
        app.register_blueprint(mod.bp)
    return app


ERRORS = {
    400: "Yêu cầu không hợp lệ",
    403: "Không có quyền",
    404: "Không tìm thấy",
    413: "Tệp quá lớn",
    429: "Quá nhiều lần thử",
}
MESSAGES = {
    403: "Tài khoản của bạn không được làm việc này. Hỏi người quản trị nếu cần thêm quyền.",
    404: "Trang hoặc tệp này không có.",
    413: "Tệp tải lên lớn hơn giới hạn cho phép.",
}


def _errors(app: Flask) -> None:
    from flask import jsonify, render_template, request
    from werkzeug.exceptions import HTTPException

    def handle(exc: HTTPException):
        title = ERRORS.get(exc.code, exc.name)
        message = MESSAGES.get(exc.code) or (exc.description if exc.code == 400 else title)
        if request.path.startswith("/api/"):
            resp = jsonify(error=exc.name, message=message)
            resp.status_code = exc.code
            return resp
        return render_template("error.html", code=exc.code, title=title, message=message), exc.code

    for code in ERRORS:
        app.register_error_handler(code, handle)


def config_of() -> Config:
    """The configuration for the current request."""
    return g.desk.config(g.store)


def serve(db: Path, config_dir: Path | None, *, host: str = "127.0.0.1", port: int = 8080,
          threads: int = 4) -> None:  # fmt: skip
    """Bind, then say where (one line on standard output), then serve until stopped."""
    from waitress.server import create_server

    app = create_app(db, config_dir)
    server = create_server(app, host=host, port=port, threads=threads, ident="cdht")
    port = server.effective_port
    log.info("desk: http://%s:%s/ (database %s)", host, port, db)
    print(f"cdht serve: http://{host}:{port}/ (database {db})", flush=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
