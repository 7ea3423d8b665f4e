"""Every refused write in the audit trail, with who and why: a signed-in request that changes
something and ends in a 4xx, or whose view flashed an error instead of saving. A refusal
without a user (no session) is only logged: nobody can fill the trail without signing in."""

from __future__ import annotations

import logging
import sqlite3

from flask import Flask, g, request, session

from pipeline.store.audit import record

log = logging.getLogger("cdht.desk")
SAFE = ("GET", "HEAD", "OPTIONS")


def _errors_flashed() -> list[str]:
    return [m for cat, m in session.get("_flashes", []) if cat == "error"]


def install(app: Flask) -> None:
    @app.before_request
    def _count():
        g.flashed_before = len(_errors_flashed())

    @app.after_request
    def _record(resp):
        if request.method in SAFE or resp.status_code == 503:
            return resp  # a busy store cannot take the entry either: the log has it
        why = g.pop("refusal", None)
        new = _errors_flashed()[g.get("flashed_before", 0):]
        if resp.status_code >= 400 and why is None:
            why = f"HTTP {resp.status_code}"
        elif why is None and new:
            why = new[-1]
        if why is None:
            return resp
        user = g.get("user")
        log.info("desk: refused %s %s for %s: %s", request.method, request.path,
                 user.name if user else request.remote_addr, why)  # fmt: skip
        if user is not None and g.get("store") is not None:
            try:
                record(g.store, user.name, "refused", "request", f"{request.method} {request.path}"[:200],
                       after={"status": resp.status_code}, note=str(why)[:500])  # fmt: skip
            except sqlite3.Error:
                log.warning("desk: the refusal could not be recorded", exc_info=True)
        return resp
