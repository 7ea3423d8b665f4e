"""Choices that move items are never pre-chosen; an alias says how many items it moves before
it is made; a byline's unit in brackets is no name of its own."""

from __future__ import annotations

import json
import re

from pipeline.settings import load_config
from pipeline.store import Store, registry
from tests.helpers.desk import signed_in, token_for


def _unknown(html: str) -> dict[str, int]:
    return {m[0]: int(m[1].replace(".", "")) for m in re.findall(
        r'<td class="byline-name">([^<]+)</td><td class="num" data-label="Số tin, bài">([\d.]+)</td>', html)}  # fmt: skip


def test_the_alias_select_starts_empty_and_is_required(app):
    html = signed_in(app, "bientap").get("/contributors?month=2025-05").get_data(as_text=True)
    selects = re.findall(r'<select name="contributor"[^>]*>(.*?)</select>', html, re.S)
    assert selects
    for sel in selects:
        options = re.findall(r"<option([^>]*)>([^<]*)</option>", sel)
        assert options[0] == (' value="" selected', "— chọn người viết —")
        assert all("selected" not in attrs for attrs, _ in options[1:])
    assert re.search(r'<select name="contributor"[^>]*required', html)


def test_an_alias_without_a_person_moves_nothing(app, demo):
    client = signed_in(app, "bientap")
    html = client.get("/contributors?month=2025-05").get_data(as_text=True)
    name = next(iter(_unknown(html)))
    resp = client.post("/contributors/alias", data={"alias": name, "contributor": "", "month": "2025-05",
                                                    "csrf_token": token_for(client)})  # fmt: skip
    assert resp.status_code == 302 and "month=2025-05" in resp.headers["Location"]
    with Store(demo[0]) as s:
        assert not any(name in c.aliases for c in registry.stored(s.conn))


def test_an_alias_is_confirmed_with_the_number_of_items_it_moves(app, demo):
    client = signed_in(app, "bientap")
    html = client.get("/contributors?month=2025-05").get_data(as_text=True)
    name, count = next(iter(_unknown(html).items()))
    person = load_config(demo[1]).contributors[0]
    data = {"alias": name, "contributor": person.id, "month": "2025-05", "csrf_token": token_for(client)}
    page = client.post("/contributors/alias", data=data).get_data(as_text=True)
    assert f"{count} tin, bài" in page and person.name in page and 'name="confirmed" value="1"' in page
    with Store(demo[0]) as s:  # nothing moved yet
        assert name not in {c.id: c for c in registry.stored(s.conn)}[person.id].aliases
    resp = client.post("/contributors/alias", data=data | {"confirmed": "1"})
    assert resp.status_code == 302 and "month=2025-05" in resp.headers["Location"]  # stays on May
    with Store(demo[0]) as s:
        assert name in {c.id: c for c in registry.stored(s.conn)}[person.id].aliases


def test_saving_a_contributor_stays_on_the_month(app):
    client = signed_in(app, "bientap")
    resp = client.post("/contributors", data={
        "name": "Hồ Văn Mới", "aliases": "", "unit": "", "role": "ctv", "news": "0", "articles": "0",
        "videos": "0", "month": "2025-05", "csrf_token": token_for(client)})  # fmt: skip
    assert resp.status_code == 302 and resp.headers["Location"].endswith("month=2025-05")


def test_a_byline_with_its_unit_written_out_is_split(app, demo):
    with Store(demo[0]) as s:
        row = s.conn.execute("SELECT id, raw FROM items WHERE source = 'website' AND byline != '' "
                             "AND is_repost = 0 LIMIT 1").fetchone()  # fmt: skip
        raw = json.loads(row["raw"] or "{}")
        # as an older rule stored it: the unit inside the name
        raw["names"] = ["Lê Văn Bình (Liên đoàn Lao động thị xã Hồng Lĩnh)"]
        s.conn.execute("UPDATE items SET raw = ? WHERE id = ?", (json.dumps(raw, ensure_ascii=False), row["id"]))
        s.conn.commit()
    html = signed_in(app, "xem").get("/contributors").get_data(as_text=True)
    names = _unknown(html)
    assert "Lê Văn Bình" in names
    assert not [n for n in names if "Liên đoàn" in n or "LĐLĐ" in n]


def test_the_attribution_splits_a_unit_in_any_bracket_or_spelling():
    from pipeline.ingest import engines

    attributor = engines(load_config(None))[1]
    for byline in ("Lê Văn Bình (Liên đoàn Lao động thị xã Hồng Lĩnh)", "Lê Văn Bình [LĐLĐ TX. Hồng Lĩnh]",
                   "Lê Văn Bình - Liên đoàn Lao động thị xã Hồng Lĩnh", "Lê Văn Bình (LĐLĐ TX Hồng Lĩnh"):
        assert attributor.names(byline) == ["Lê Văn Bình"], byline
        got = attributor.attribute(title="", lead="", byline=byline, on=None, is_repost=False)
        assert got.unit_id == "ldld-tx-hong-linh", byline
    assert attributor.names("Nguyễn Công Đoàn") == ["Nguyễn Công Đoàn"]  # a person's name stays
