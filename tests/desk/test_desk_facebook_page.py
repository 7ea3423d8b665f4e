"""An export of another Facebook Page is refused, naming both Pages, and nothing is stored: in
the desk's upload and in `cdht import-facebook` alike."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.store import Store
from tests.helpers.desk import signed_in, token_for

CSV = Path(__file__).parent.parent / "fixtures" / "facebook" / "business_suite_style_fixture_SYNTHETIC.csv"
ITS_PAGE = ("100045700821521", "Studiostone Creative")  # what the CSV's rows name


def configured(demo, tmp_path, page_id: str, page_name: str = "") -> Path:
    folder = tmp_path / "config"
    shutil.copytree(demo[1], folder)
    (folder / "facebook.toml").write_text(f'[graph]\npage_id = "{page_id}"\npage_name = "{page_name}"\n',
                                          encoding="utf-8")  # fmt: skip
    return folder


def facebook_rows(db) -> int:
    with Store(db) as s:
        return s.conn.execute("SELECT COUNT(*) FROM items WHERE source = 'facebook'").fetchone()[0]


@pytest.mark.parametrize("page_id, page_name", [("123456789", ""), ("", "Công đoàn Hà Tĩnh"),
                                                 ("123456789", "Công đoàn Hà Tĩnh")])  # fmt: skip
def test_the_command_refuses_another_pages_export(demo, tmp_path, capsys, page_id, page_name):
    config = configured(demo, tmp_path, page_id, page_name)
    before = facebook_rows(demo[0])
    assert main(["import-facebook", str(CSV), "--db", str(demo[0]), "--config", str(config)]) != 0
    err = capsys.readouterr().err
    assert "Trang Facebook khác" in err and ITS_PAGE[1] in err
    assert (page_id or "?") in err and (page_name or "?") in err
    assert facebook_rows(demo[0]) == before


def test_the_configured_pages_own_export_is_imported(demo, tmp_path, capsys):
    config = configured(demo, tmp_path, ITS_PAGE[0], "studiostone creative")
    before = facebook_rows(demo[0])
    assert main(["import-facebook", str(CSV), "--db", str(demo[0]), "--config", str(config)]) == 0
    assert facebook_rows(demo[0]) > before


def test_the_desk_refuses_another_pages_upload(demo, tmp_path):
    from pipeline.desk.app import create_app

    app = create_app(demo[0], configured(demo, tmp_path, "123456789", "Công đoàn Hà Tĩnh"),
                     reports_dir=tmp_path / "r", clock=lambda: 1000.0)  # fmt: skip
    before = facebook_rows(demo[0])
    client = signed_in(app, "bientap")
    resp = client.post("/facebook", data={"csrf_token": token_for(client), "export": (CSV.open("rb"), "bai-dang.csv")},
                       content_type="multipart/form-data", follow_redirects=True)  # fmt: skip
    html = resp.get_data(as_text=True)
    assert "Trang Facebook khác" in html and ITS_PAGE[1] in html and ITS_PAGE[0] in html
    assert "Công đoàn Hà Tĩnh" in html and "123456789" in html and "Không có gì thay đổi." in html
    assert facebook_rows(demo[0]) == before


def arhiva_export(tmp_path) -> Path:
    from pipeline.demo.facebook_export import LAYOUTS

    root = tmp_path / "arhiva"
    dest = root / LAYOUTS["2025"]
    dest.parent.mkdir(parents=True)
    shutil.copy(CSV.parent / "arhiva_profile_posts_1.json", dest)
    return root


def test_a_dyi_export_whose_posts_are_another_pages_is_refused(demo, tmp_path, capsys):
    config = configured(demo, tmp_path, "", "Công đoàn Hà Tĩnh")
    before = facebook_rows(demo[0])
    assert main(["import-facebook", str(arhiva_export(tmp_path)), "--db", str(demo[0]), "--config", str(config)]) != 0
    err = capsys.readouterr().err
    assert "Trang Facebook khác" in err and "Earth LLC" in err and "Công đoàn Hà Tĩnh" in err
    assert facebook_rows(demo[0]) == before


def test_a_dyi_export_of_the_configured_page_is_imported(demo, tmp_path, capsys):
    from pipeline.demo.facebook_export import PAGE, build_demo_export

    config = configured(demo, tmp_path, "", PAGE)
    assert main(["import-facebook", str(build_demo_export(tmp_path)), "--db", str(demo[0]), "--config", str(config)]) == 0
    config = configured(demo, tmp_path / "b", "", "Earth LLC")
    before = facebook_rows(demo[0])
    assert main(["import-facebook", str(arhiva_export(tmp_path)), "--db", str(demo[0]), "--config", str(config)]) == 0
    assert facebook_rows(demo[0]) > before
    capsys.readouterr()
