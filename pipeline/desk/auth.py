"""Signing in: sessions kept in the store (``pipeline.store.sessions``; the signed cookie only
carries the session's id), API tokens (``Authorization: Bearer``), roles, and a sign-in
back-off. Every route needs a user except ``/healthz``, ``/login`` and the static files: a page
redirects to ``/login``, ``/api/…`` answers 401.
"""

from __future__ import annotations

import functools
import threading
import time

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
from pipeline.store import accounts, sessions
from pipeline.store.audit import record

bp = Blueprint("auth", __name__)
PUBLIC = {"auth.login", "auth.healthz", "static"}


class Throttle:
    """Failed sign-ins per key with an exponential back-off instead of a lock: after ``free``
    failures of a key each new attempt waits 1 s, 2 s, 4 s … up to ``max_wait``. Keys are a name
    from one address (``pair:…``) and a name from anywhere (``name:…``), never an address alone,
    so one person's typing never locks out the rest of an office behind one address. A key's
    failures are forgotten ``forget`` seconds after its last one. Injectable clock."""

    def __init__(self, clock=time.monotonic, *, free: int = 5, free_account: int = 20,
                 max_wait: float = 15 * 60, forget: float = 60 * 60):  # fmt: skip
        self.clock, self.max_wait, self.forget = clock, max_wait, forget
        self.free = {"pair": free, "name": free_account}
        self._fails: dict[str, tuple[int, float]] = {}
        self._lock = threading.Lock()

    def _wait(self, key: str, now: float) -> float:
        n, last = self._fails.get(key, (0, 0.0))
        if n and now - last > self.forget:
            self._fails.pop(key, None)
            return 0.0
        free = self.free[key.split(":", 1)[0]]
        if n < free:
            return 0.0
        return max(0.0, last + min(self.max_wait, 2.0 ** (n - free)) - now)

    def blocked(self, *keys: str) -> float:
        """Seconds to wait before another attempt (0: go ahead)."""
        with self._lock:
            now = self.clock()
            return max(self._wait(k, now) for k in keys)

    def fail(self, *keys: str) -> None:
        with self._lock:
            now = self.clock()
            if len(self._fails) > 50_000:  # a flood of made-up names: keep only recent ones
                self._fails = {k: v for k, v in self._fails.items() if now - v[1] <= self.forget}
            for k in keys:
                n, _ = self._fails.get(k, (0, 0.0))
                self._fails[k] = (n + 1, now)

    def clear(self, *keys: str) -> None:
        with self._lock:
            for k in keys:
                self._fails.pop(k, None)


def keys_for(name: str) -> tuple[str, str]:
    folded = name.strip().casefold()[:64]
    return f"pair:{folded}|{request.remote_addr}", f"name:{folded}"


def install(app) -> None:
    s = app.extensions["desk_settings"]
    app.extensions["desk_throttle"] = Throttle(app.extensions["desk_clock"], free=s.free_failures,
                                               free_account=s.free_failures_account,
                                               max_wait=s.max_wait_seconds)  # fmt: skip
    app.register_blueprint(bp)
    app.before_request(_load_user)


def now() -> float:
    return current_app.extensions["desk_clock"]()


def _bearer() -> str | None:
    header = request.headers.get("Authorization", "")
    if header[:7].lower() == "bearer ":
        return header[7:].strip()
    return None


def _session_user():
    sid = session.get("sid")
    if not sid:
        return None
    s = current_app.extensions["desk_settings"]
    uid = sessions.user_id_of(g.store, sid, now(), s.idle_minutes * 60, s.absolute_hours * 3600)
    user = accounts.user_by_id(g.store, uid) if uid is not None else None
    if user is None:
        session.clear()
    return user


def _load_user():
    g.user, g.via_token = None, False
    if request.endpoint == "auth.healthz":
        return None  # answers without reading who is asking (nor waiting on the store)
    token = _bearer()
    if token is not None:
        g.user = accounts.user_for_token(g.store, token)
        g.via_token = g.user is not None
    else:
        g.user = _session_user()
    if g.user is None and request.endpoint not in PUBLIC:
        if request.path.startswith("/api/") or token is not None:
            resp = jsonify(error="unauthorized", message="Cần đăng nhập hoặc mã API hợp lệ.")
            resp.status_code = 401
            resp.headers["WWW-Authenticate"] = 'Bearer realm="cdht"'
            return resp
        nxt = validate.target(request.full_path) if request.method == "GET" else "/"
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


def begin_session(user) -> None:
    """A new session for ``user`` (a new id and a new CSRF nonce: nothing of before is kept)."""
    s = current_app.extensions["desk_settings"]
    sessions.prune(g.store, now(), s.idle_minutes * 60, s.absolute_hours * 3600)
    session.clear()
    session.permanent = True
    session["sid"] = sessions.begin(g.store, user.id, now(), request.remote_addr or "")


def wait_text(wait: float) -> str:
    return f"{int(wait) + 1} giây" if wait < 60 else f"{int(wait // 60) + 1} phút"


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
        keys = keys_for(name)
        wait = throttle.blocked(*keys)
        if wait:
            error = f"Đăng nhập sai quá nhiều lần. Thử lại sau {wait_text(wait)}."
            status = 429
        else:
            user = accounts.authenticate(g.store, name, request.form.get("password", ""))
            if user is None:
                throttle.fail(*keys)
                error, status = "Sai tên đăng nhập hoặc mật khẩu.", 401
            else:
                throttle.clear(*keys)
                begin_session(user)
                record(g.store, user.name, "login", "user", user.name)
                return redirect(validate.target(request.args.get("next")))
    return render_template("login.html", error=error), status


@bp.post("/logout")
def logout():
    sessions.end(g.store, session.get("sid"))
    session.clear()
    return redirect(url_for("auth.login"))
