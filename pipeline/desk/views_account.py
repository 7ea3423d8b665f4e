"""One's own account: change the password, sign out everywhere; an admin signs another user
out everywhere (``cdht user passwd`` and ``cdht user signout`` do the same at the terminal)."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)

from pipeline.desk.auth import begin_session, keys_for, require, wait_text, who
from pipeline.store import accounts, sessions
from pipeline.store.audit import record

bp = Blueprint("account", __name__)


@bp.get("/account")
@require("viewer")
def account():
    return render_template("account.html", sessions=sessions.count(g.store, g.user.id),
                           min_password=accounts.MIN_PASSWORD)  # fmt: skip


def _refuse(message: str, status: int = 400):
    g.refusal = message  # into the audit trail (refusals.py)
    return render_template("account.html", sessions=sessions.count(g.store, g.user.id),
                           min_password=accounts.MIN_PASSWORD, error=message), status  # fmt: skip


@bp.post("/account/password")
@require("viewer")
def password():
    f = request.form
    throttle = current_app.extensions["desk_throttle"]
    keys = keys_for(g.user.name)
    wait = throttle.blocked(*keys)
    if wait:
        return _refuse(f"Nhập sai mật khẩu nhiều lần. Thử lại sau {wait_text(wait)}.", 429)
    if accounts.authenticate(g.store, g.user.name, f.get("current", "")) is None:
        throttle.fail(*keys)
        return _refuse("Mật khẩu hiện tại không đúng. Mật khẩu chưa đổi.", 403)
    new = f.get("new", "")
    if new != f.get("again", ""):
        return _refuse("Hai lần nhập mật khẩu mới không giống nhau. Mật khẩu chưa đổi.")
    if len(new) < accounts.MIN_PASSWORD or len(new) > 1024:
        return _refuse(f"Mật khẩu mới cần từ {accounts.MIN_PASSWORD} đến 1024 ký tự. Mật khẩu chưa đổi.")
    with g.store.transaction():
        user = accounts.set_password(g.store, g.user.name, new)  # every session ends, this one too
        begin_session(user)  # ... and this browser goes on in a new one
        record(g.store, who(), "password", "user", user.name)
    flash("Đã đổi mật khẩu. Mọi phiên đăng nhập khác của bạn đã kết thúc.", "ok")
    return redirect(url_for("account.account"))


@bp.post("/account/signout")
@require("viewer")
def signout():
    n = accounts.sign_out_everywhere(g.store, g.user.name)
    record(g.store, who(), "signout", "user", g.user.name, after={"sessions": n})
    return redirect(url_for("auth.login"))


@bp.post("/users/<name>/signout")
@require("admin")
def signout_user(name: str):
    if accounts.user_row(g.store, name) is None:
        abort(404)
    n = accounts.sign_out_everywhere(g.store, name)
    record(g.store, who(), "signout", "user", name, after={"sessions": n})
    flash(f"Đã đăng xuất {name} khỏi mọi nơi ({n} phiên).", "ok")
    return redirect(url_for("users.users"))
