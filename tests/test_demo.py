"""`cdht demo`: the whole pipeline on the bundled data, in its own folder."""

from __future__ import annotations

import json

from pipeline.cli import main
from pipeline.demo.replica.model import DEMO_MIX, build_demo_site
from pipeline.demo.replica.truth import expected_months


def test_demo_runs_end_to_end_in_its_own_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))  # where the default database lives
    out = tmp_path / "demo"
    assert main(["demo", "--out", str(out), "-q"]) == 0
    printed = capsys.readouterr().out
    truth = expected_months(build_demo_site())
    assert sorted(truth) == ["2025-03", "2025-04", "2025-05"]
    for month, expected in truth.items():
        data = json.loads((out / "reports" / f"bao-cao-thang-{month}.json").read_text(encoding="utf-8"))
        assert data["website"] == expected["website"]
        assert data["unattributed"] == expected["unattributed"]
        assert data["facebook"]["posts"] > 0
        for fmt in ("html", "xlsx", "docx"):
            assert (out / "reports" / f"bao-cao-thang-{month}.{fmt}").stat().st_size > 0
    html = (out / "reports" / "bao-cao-thang-2025-05.html").read_text(encoding="utf-8")
    assert "Tháng 5/2025" in html
    assert str((out / "reports" / "bao-cao-thang-2025-05.html").resolve()) in printed
    assert not (tmp_path / "xdg").exists()  # the default database was never touched
    # the Facebook export it imported stays under its folder, and the demo says where
    export = out / "facebook" / "facebook-congdoanhatinh-2025.zip"
    assert export.stat().st_size > 0 and str(export) in printed
    # the demo's configuration is kept beside its database for later commands
    assert main(["quotas", "--month", "2025-05", "--format", "json", "--db", str(out / "cdht-demo.sqlite"),
                 "--config", str(out / "config")]) == 0
    quotas = {q["id"]: q for q in json.loads(capsys.readouterr().out)["quotas"]}
    assert quotas["B.I.2a"]["actual"] == truth["2025-05"]["website"]["news"]


def test_demo_months_differ_and_link_to_the_public_site(tmp_path):
    from pipeline.demo.run import run_demo

    result = run_demo(tmp_path / "demo")
    reports = tmp_path / "demo" / "reports"
    status = {}
    for (news, articles, videos), month in zip(DEMO_MIX, result["months"], strict=True):
        data = json.loads((reports / f"bao-cao-thang-{month}.json").read_text(encoding="utf-8"))
        assert (data["website"]["news"], data["website"]["articles"], data["website"]["videos"]) == (
            news, articles, videos)  # fmt: skip
        quotas = {q["id"]: q["status"] for q in data["quotas"]}
        status[month] = (quotas["B.I.2a"], quotas["B.I.2b"])
        urls = [it["url"] for it in data["items"] if it["url"]]
        assert urls and all(u.startswith("https://congdoanhatinh.org.vn/") for u in urls), month
        assert not [u for u in urls if "utm_" in u or "fbclid" in u or "127.0.0.1" in u]
    assert status == {"2025-03": ("met", "met"), "2025-04": ("not_met", "not_met"),
                      "2025-05": ("not_met", "met")}  # fmt: skip
    html = (reports / "bao-cao-thang-2025-05.html").read_text(encoding="utf-8")
    assert "https://congdoanhatinh.org.vn/" in html
    assert "127.0.0.1" not in html and "utm_" not in html and "fbclid" not in html
