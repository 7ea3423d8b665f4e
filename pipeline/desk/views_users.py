"""Accounts, managed by an admin in the desk (as with ``cdht user``)."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, url_for

from pipeline.desk.auth import require, who
from pipeline.store import accounts
from pipeline.store.audit import recent, record

bp = Blueprint("users", __name__)


@bp.get("/users")
@require("admin")
def users():
    return render_template("users.html", users=accounts.list_users(g.store), roles=accounts.ROLES)


@bp.post("/users")
@require("admin")
def add():
    name, role = request.form.get("name", ""), request.form.get("role", "")
    try:
        user = accounts.add_user(g.store, name, role, request.form.get("password", ""))
    except accounts.AccountError as exc:
        flash(f"Không tạo được tài khoản: {exc}", "error")
        return redirect(url_for("users.users"))
    record(g.store, who(), "user", "user", user.name, after={"role": user.role})
    flash(f"Đã lưu tài khoản {user.name} ({accounts.ROLE_VI[user.role]}).", "ok")
    return redirect(url_for("users.users"))


@bp.post("/users/<name>/role")
@require("admin")
def role(name: str):
    row = accounts.user_row(g.store, name)
    new_role = request.form.get("role", "")
    disabled = request.form.get("disabled") == "1"
    if row is None or new_role not in accounts.ROLES:
        flash("Không có tài khoản hoặc vai trò này.", "error")
        return redirect(url_for("users.users"))
    if name.casefold() == g.user.name.casefold() and (new_role != "admin" or disabled):
        flash("Không thể tự bỏ quyền quản trị của chính mình.", "error")
        return redirect(url_for("users.users"))
    accounts.set_role(g.store, name, new_role, disabled=disabled)
    record(g.store, who(), "user", "user", name, before={"role": row["role"], "disabled": bool(row["disabled"])},
           after={"role": new_role, "disabled": disabled})  # fmt: skip
    flash(f"Đã cập nhật tài khoản {name}.", "ok")
    return redirect(url_for("users.users"))


@bp.get("/audit")
@require("viewer")
def audit():
    return render_template("audit.html", rows=recent(g.store, 200))
