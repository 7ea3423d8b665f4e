"""`cdht demo`: the whole pipeline on the bundled data, in its own folder."""

from __future__ import annotations

import json

from pipeline.cli import main
from pipeline.demo.replica.model import build_site
from pipeline.demo.replica.truth import expected_months


def test_demo_runs_end_to_end_in_its_own_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))  # where the default database lives
    out = tmp_path / "demo"
    assert main(["demo", "--out", str(out), "-q"]) == 0
    printed = capsys.readouterr().out
    truth = expected_months(build_site())
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
    # the demo's configuration is kept beside its database for later commands
    assert main(["quotas", "--month", "2025-05", "--format", "json", "--db", str(out / "cdht-demo.sqlite"),
                 "--config", str(out / "config")]) == 0
    quotas = {q["id"]: q for q in json.loads(capsys.readouterr().out)["quotas"]}
    assert quotas["B.I.2a"]["actual"] == truth["2025-05"]["website"]["news"]
