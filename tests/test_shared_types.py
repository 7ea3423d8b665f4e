"""The HTTP seam and the state protocols share the fetch record from one home: neither imports
the other for it."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}


def test_state_does_not_import_the_http_seam():
    assert "collectors.http" not in _imports(ROOT / "collectors" / "state.py")
    assert "collectors.response" in _imports(ROOT / "collectors" / "state.py")


def test_the_response_is_the_same_type_everywhere():
    from collectors import http, response, state

    assert http.Response is response.Response is state.Response
