"""Repair of Facebook's JSON mojibake."""

from __future__ import annotations

import json

from collectors.facebook.mojibake import damage, repair, repair_text


def test_escaped_mojibake_is_repaired():
    parsed = json.loads('"Vi\\u00e1\\u00bb\\u0087t Nam"')
    assert repair_text(parsed) == "Việt Nam"


def test_literal_mojibake_is_repaired():
    # A re-saved file: the same code points written as characters.
    assert repair_text("CinÃ©ma Solidaire a partagÃ© une publication.") == (
        "Cinéma Solidaire a partagé une publication."
    )


def test_already_repaired_text_is_left_alone():
    for s in ("Liên đoàn Lao động huyện Can Lộc", "Cà phê sáng", "café", "plain ascii", ""):
        assert repair_text(s) == s
        assert repair_text(repair_text(damage(s))) == s


def test_undecodable_latin1_text_is_left_alone():
    # Latin-1 only, but not valid UTF-8 bytes: a genuine "é", not mojibake.
    assert repair_text("Été à Paris") == "Été à Paris"


def test_repair_is_recursive_and_keeps_other_types():
    doc = {
        "title": damage("Công đoàn Hà Tĩnh đã đăng"),
        "data": [{"post": damage("Bản tin số 4")}, {}],
        "timestamp": 1741000000,
        "flag": True,
        "none": None,
    }
    out = repair(doc)
    assert out == {
        "title": "Công đoàn Hà Tĩnh đã đăng",
        "data": [{"post": "Bản tin số 4"}, {}],
        "timestamp": 1741000000,
        "flag": True,
        "none": None,
    }


def test_damage_matches_facebook_escapes():
    assert json.dumps(damage("Việt")) == '"Vi\\u00e1\\u00bb\\u0087t"'
