"""An editor's decisions (`cdht item`), `cdht probe` and `cdht reprocess`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.demo.replica.model import build_site
from pipeline.demo.replica.server import ReplicaServer
from pipeline.store import Store

DEMO_CONFIG = str(Path(__file__).resolve().parents[1] / "pipeline" / "demo" / "config")


@pytest.fixture(scope="module")
def site():
    return build_site(seed=8, start="2025-05", months=1, per_month=25)


def collect(server, db, *extra):
    args = ["collect", "--site-url", server.url, "--delay", "0", "--db", str(db), "--config", DEMO_CONFIG, *extra]
    assert main(args) == 0


def test_decisions_survive_every_later_collection(site, tmp_path, capsys):
    db = tmp_path / "db.sqlite"
    article = next(a for a in site.articles if a.kind == "news" and a.unit_id)
    with ReplicaServer(site) as server:
        collect(server, db)
        url = server.url + article.path
        assert main(["item", url, "--db", str(db), "--config", DEMO_CONFIG, "--kind", "bai",
                     "--unit", "cdn-y-te", "--contributors", "tran-thu-ha", "--note", "sửa tay"]) == 0
        out = capsys.readouterr().out
        assert "Loại:        Bài chuyên sâu (biên tập viên đã sửa: chọn bằng dòng lệnh trên máy chủ" in out
        assert "(cdn-y-te) — biên tập viên đã chọn (chọn bằng dòng lệnh trên máy chủ" in out
        collect(server, db, "--all")
    with Store(db) as store:
        row = store.get_item("website", article.path)
        assert (row["eff_kind"], row["eff_unit"]) == ("article", "cdn-y-te")
        assert (row["kind"], row["unit_id"]) == (article.kind, article.unit_id)  # collected data kept apart
        assert store.contributors_of([row["id"]])[row["id"]] == ["tran-thu-ha"]
    assert main(["item", article.path, "--db", str(db), "--config", DEMO_CONFIG, "--clear", "all"]) == 0
    with Store(db) as store:
        row = store.get_item("website", article.path)
        assert (row["eff_kind"], row["eff_unit"]) == (article.kind, article.unit_id)


def test_item_rejects_unknown_ids_and_items(site, tmp_path, capsys):
    db = tmp_path / "db.sqlite"
    with ReplicaServer(site) as server:
        collect(server, db)
    path = site.articles[0].path
    assert main(["item", path, "--db", str(db), "--config", DEMO_CONFIG, "--unit", "ldld-khong-co"]) == 2
    assert "ldld-khong-co" in capsys.readouterr().err
    assert main(["item", "/khong-co-1700000000.html", "--db", str(db)]) == 2
    assert "không có tin/bài '/khong-co-1700000000.html'" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["item", path, "--db", str(db), "--kind", "phong-su"])
    assert "chọn tin, bai hoặc video" in capsys.readouterr().err
    assert main(["item", path, "--db", str(tmp_path / "khong-co.sqlite")]) == 1
    err = capsys.readouterr().err
    assert "chưa có cơ sở dữ liệu ở" in err and "khong-co.sqlite" in err and "no database here" in err


@pytest.mark.parametrize("word, kind", [("tin", "news"), ("bai", "article"), ("bài", "article"),
                                        ("video", "video"), ("news", "news"), ("Article", "article")])  # fmt: skip
def test_kind_accepts_the_vietnamese_words(word, kind):
    from pipeline.cli.common import arg_kind

    assert arg_kind(word) == kind


def test_item_speaks_vietnamese_in_local_time(site, tmp_path, capsys):
    db = tmp_path / "db.sqlite"
    article = next(a for a in site.articles if a.unit_id and not a.is_repost)
    with ReplicaServer(site) as server:
        collect(server, db)
    capsys.readouterr()
    assert main(["item", article.path, "--db", str(db), "--config", DEMO_CONFIG, "--kind", "tin"]) == 0
    captured = capsys.readouterr()
    assert "đã ghi: loại = Tin" in captured.err
    lines = dict(ln.strip().split(":", 1) for ln in captured.out.splitlines()[1:])
    assert lines["Ngày đăng"].strip().startswith(article.local.strftime("%d/%m/%Y %H:%M") + " (giờ Việt Nam)")
    assert lines["Tiêu đề"].strip() == article.title
    assert lines["Trạng thái"].strip() == "đã tải trang"


def test_probe_shows_fields_kind_unit_and_why(site, capsys):
    article = next(a for a in site.articles if a.unit_id and not a.is_repost)
    with ReplicaServer(site) as server:
        assert main(["probe", server.url + article.path, "--json", "--config", DEMO_CONFIG]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["title"] == article.title
    assert data["kind"] == article.kind and data["kind_reason"]
    assert data["unit"] == article.unit_id and data["unit_reason"]
    assert data["published"].startswith(article.local.strftime("%Y-%m-%dT%H:%M"))


def test_probe_of_an_unreachable_page_exits_1(capsys):
    assert main(["probe", "http://127.0.0.1:9/x-1700000000.html", "--config", DEMO_CONFIG]) == 1
    assert "127.0.0.1:9" in capsys.readouterr().err


def test_reprocess_applies_a_new_alias(site, tmp_path):
    db = tmp_path / "db.sqlite"
    # an item attributed from its lead: a new alias naming its lead's first words comes first
    orphan = next(a for a in site.articles if a.unit_reason.startswith("lead"))
    alias = " ".join(orphan.lead.split()[:3]).strip(",.")
    with ReplicaServer(site) as server:
        collect(server, db)
    with Store(db) as store:
        assert store.get_item("website", orphan.path)["eff_unit"] == orphan.unit_id != "cdn-y-te"
    extra = tmp_path / "cfg"
    extra.mkdir()
    (extra / "contributors.toml").write_text(
        (Path(DEMO_CONFIG) / "contributors.toml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (extra / "units.toml").write_text(f'[[units]]\nid = "cdn-y-te"\naliases = ["{alias}"]\n', encoding="utf-8")
    assert main(["reprocess", "--db", str(db), "--config", str(extra)]) == 0
    with Store(db) as store:
        assert store.get_item("website", orphan.path)["eff_unit"] == "cdn-y-te"
