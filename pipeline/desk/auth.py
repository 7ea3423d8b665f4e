"""Signing in: sessions (signed cookie), API tokens (``Authorization: Bearer``), roles, and
throttled sign-in attempts. Every route needs a user except ``/healthz``, ``/login`` and the
static files: a page redirects to ``/login``, ``/api/…`` answers 401.
"""

from __future__ import annotations

import functools
import threading
import time
from collections import defaultdict, deque

from flask import (
    Blueprint,
    abort,
    current_app,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from pipeline.desk import validate
from pipeline.store import accounts
from pipeline.store.audit import record

bp = Blueprint("auth", __name__)
PUBLIC = {"auth.login", "auth.healthz", "static"}

MAX_FAILURES = 5  # per name, inside WINDOW seconds
MAX_FAILURES_ADDRESS = 20  # per address: an office behind one address is not locked out by one person
WINDOW = 15 * 60


class Throttle:
    """Failed sign-ins per key (``name:…``, ``addr:…``) in a sliding window; injectable clock."""

    def __init__(self, clock=time.monotonic, limit: int = MAX_FAILURES, window: float = WINDOW,
                 address_limit: int = MAX_FAILURES_ADDRESS):  # fmt: skip
        self.clock, self.limit, self.window = clock, limit, window
        self.address_limit = address_limit
        self._fails: dict[str, deque] = defaultdict(deque)
        self._lock = threading.Lock()

    def _trim(self, key: str) -> deque:
        q, now = self._fails[key], self.clock()
        while q and now - q[0] > self.window:
            q.popleft()
        return q

    def blocked(self, *keys: str) -> float:
        """Seconds to wait before another attempt (0: go ahead)."""
        with self._lock:
            wait = 0.0
            for k in keys:
                q = self._trim(k)
                if len(q) >= (self.address_limit if k.startswith("addr:") else self.limit):
                    wait = max(wait, self.window - (self.clock() - q[0]))
            return wait

    def fail(self, *keys: str) -> None:
        with self._lock:
            for k in keys:
                self._trim(k).append(self.clock())

    def clear(self, *keys: str) -> None:
        with self._lock:
            for k in keys:
                self._fails.pop(k, None)


def install(app) -> None:
    clock = app.extensions.get("desk_clock", time.monotonic)
    app.extensions["desk_throttle"] = Throttle(clock)
    app.register_blueprint(bp)
    app.before_request(_load_user)


def _bearer() -> str | None:
    header = request.headers.get("Authorization", "")
    if header[:7].lower() == "bearer ":
        return header[7:].strip()
    return None


def _load_user():
    g.user, g.via_token = None, False
    token = _bearer()
    if token is not None:
        g.user = accounts.user_for_token(g.store, token)
        g.via_token = g.user is not None
    elif "uid" in session:
        g.user = accounts.user_by_id(g.store, int(session["uid"]))
        if g.user is None:
            session.clear()
    if g.user is None and request.endpoint not in PUBLIC:
        if request.path.startswith("/api/") or token is not None:
            resp = jsonify(error="unauthorized", message="Cần đăng nhập hoặc mã API hợp lệ.")
            resp.status_code = 401
            resp.headers["WWW-Authenticate"] = 'Bearer realm="cdht"'
            return resp
        nxt = request.full_path if request.method == "GET" else "/"
        return redirect(url_for("auth.login", next=nxt.rstrip("?")))
    return None


def require(role: str):
    """A view for ``role`` or higher (viewer < editor < admin); others get 403."""

    def wrap(view):
        @functools.wraps(view)
        def inner(*a, **kw):
            if g.user is None or not g.user.can(role):
                abort(403)
            return view(*a, **kw)

        return inner

    return wrap


def who() -> str:
    return g.user.name if g.user else "?"


@bp.get("/healthz")
def healthz():
    g.store.ping()
    return jsonify(status="ok")


@bp.route("/login", methods=["GET", "POST"])
def login():
    error, status = None, 200
    if request.method == "POST":
        throttle: Throttle = current_app.extensions["desk_throttle"]
        name = request.form.get("name", "").strip()
        keys = (f"name:{name.casefold()}", f"addr:{request.remote_addr}")
        wait = throttle.blocked(*keys)
        if wait:
            error = f"Đăng nhập sai quá nhiều lần. Thử lại sau {int(wait // 60) + 1} phút."
            status = 429
        else:
            user = accounts.authenticate(g.store, name, request.form.get("password", ""))
            if user is None:
                throttle.fail(*keys)
                error, status = "Sai tên đăng nhập hoặc mật khẩu.", 401
            else:
                throttle.clear(f"name:{name.casefold()}")
                session.clear()
                session.permanent = True
                session["uid"] = user.id
                record(g.store, user.name, "login", "user", user.name)
                return redirect(validate.target(request.args.get("next")))
    return render_template("login.html", error=error), status


@bp.post("/logout")
def logout():
    session.clear()
    return redirect(url_for("auth.login"))
