"""Helpers for the desk's tests: sign in, the CSRF token of a page (fixtures: tests/desk/conftest.py)."""

from __future__ import annotations

import re

PASSWORD = "mat-khau-thu-1"
USERS = {"xem": "viewer", "bientap": "editor", "quantri": "admin"}


def csrf_of(html: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert m, "no CSRF token in the page"
    return m.group(1)


def sign_in(client, name: str, password: str = PASSWORD):
    token = csrf_of(client.get("/login").get_data(as_text=True))
    return client.post("/login", data={"name": name, "password": password, "csrf_token": token})


def signed_in(app, name: str):
    client = app.test_client()
    resp = sign_in(client, name)
    assert resp.status_code == 302, resp.get_data(as_text=True)[:500]
    return client


def token_for(client, path: str = "/") -> str:
    return csrf_of(client.get(path).get_data(as_text=True))
