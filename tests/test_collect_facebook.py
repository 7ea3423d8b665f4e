"""`cdht collect-facebook` against the local Graph server, and the same Page's DYI export and
Business Suite CSV imported into the same store in any order."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from collectors.http import FakeClock
from pipeline import cli
from pipeline.facebook_graph import KV_LAST, collect_facebook
from pipeline.facebook_import import import_facebook
from pipeline.settings import load_config
from pipeline.store import Store
from tests.helpers.facebook_page import (
    PAGE_ID,
    add_to_graph,
    day_two_posts,
    expected_months,
    graph_server,
    page_posts,
    write_csv,
    write_dyi,
)

TOKEN = "EAAJtestPAGEtoken0123456789abcdef"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def cfg_dir(tmp_path):
    d = tmp_path / "cfg"
    d.mkdir()
    (d / "facebook.toml").write_text(
        f'[graph]\npage_id = "{PAGE_ID}"\npage_size = 25\nbackoff = 5\n', encoding="utf-8"
    )
    return d


def months(db: Path) -> dict[str, dict[str, int]]:
    with Store(db) as s:
        rows = s.conn.execute(
            "SELECT substr(local_date, 1, 7) AS m, COUNT(*) AS posts, "
            "SUM(kind = 'video') AS videos FROM items WHERE source = 'facebook' GROUP BY 1"
        ).fetchall()
    return {r["m"]: {"posts": r["posts"], "videos": r["videos"]} for r in rows}


def run_graph(db: Path, cfg_dir: Path, g, clock=None):
    config = load_config(cfg_dir)
    with Store(db) as s:
        return collect_facebook(s, config, token=TOKEN, graph_url=g.url, clock=clock or FakeClock())


def import_file(db: Path, cfg_dir: Path, path: Path):
    with Store(db) as s:
        return import_facebook(s, load_config(cfg_dir), path)


ORDERS = list(itertools.permutations(["graph", "dyi", "csv"]))


@pytest.mark.parametrize("order", ORDERS, ids=["-".join(o) for o in ORDERS])
def test_three_sources_of_one_page_count_each_post_once(tmp_path, cfg_dir, order):
    posts = page_posts()
    dyi = write_dyi(tmp_path / "export.zip", posts)
    bs = write_csv(tmp_path / "posts.csv", posts)
    db = tmp_path / "db.sqlite"
    with graph_server(posts, TOKEN) as g:
        for source in order:
            if source == "graph":
                out = run_graph(db, cfg_dir, g)
                assert out.outcome == "ok", out.message
            else:
                import_file(db, cfg_dir, dyi if source == "dyi" else bs)
        assert months(db) == expected_months(posts)
        with Store(db) as s:
            linked = s.conn.execute(
                "SELECT COUNT(*) FROM items WHERE source = 'facebook' AND linked_key <> ''"
            ).fetchone()[0]
        assert linked == 1  # the link share of a website article is a cross-post
        # everything again, in the same order: nothing new
        for source in order:
            if source == "graph":
                run_graph(db, cfg_dir, g)
            else:
                import_file(db, cfg_dir, dyi if source == "dyi" else bs)
        assert months(db) == expected_months(posts)


def test_second_day_reads_only_the_new_posts_in_a_handful_of_requests(tmp_path, cfg_dir):
    posts = page_posts()
    db = tmp_path / "db.sqlite"
    with graph_server(posts, TOKEN) as g:
        first = run_graph(db, cfg_dir, g)
        assert first.result.new == len(posts) and first.requests == 4  # 1 page of reels, 3 of posts
        import_file(db, cfg_dir, write_dyi(tmp_path / "export.zip", posts))
        add_to_graph(g, day_two_posts())
        before = len(g.requests)
        second = run_graph(db, cfg_dir, g)
        assert second.result.new == 3 and second.requests == len(g.requests) - before <= 4
        assert months(db) == expected_months(posts + day_two_posts())
        third = run_graph(db, cfg_dir, g)
        assert third.result.new == 0 and third.requests == 2


def test_rate_limits_and_server_errors_cost_waits_not_posts(tmp_path, cfg_dir):
    posts = page_posts()
    db = tmp_path / "db.sqlite"
    clock = FakeClock()
    with graph_server(posts, TOKEN) as g:
        g.fail("rate_limit", code=17, edge="published_posts", on_page=2)
        g.fail("server_error", status=503, edge="published_posts", on_page=3)
        out = run_graph(db, cfg_dir, g, clock)
    assert out.outcome == "ok" and clock.sleeps == [5, 5]
    assert months(db) == expected_months(posts)


def test_a_malformed_answer_keeps_what_was_stored(tmp_path, cfg_dir):
    posts = page_posts()
    db = tmp_path / "db.sqlite"
    import_file(db, cfg_dir, write_dyi(tmp_path / "export.zip", posts))
    with graph_server(posts, TOKEN) as g:
        g.fail("html", edge="published_posts", on_page=2)
        out = run_graph(db, cfg_dir, g)
    assert out.outcome == "failed" and "HTML" in out.message and TOKEN not in out.message
    assert months(db) == expected_months(posts)
    with Store(db) as s:
        assert s.get_kv(KV_LAST)["outcome"] == "failed"
        run = s.runs(1)[0]
        assert (run["command"], run["outcome"]) == ("collect-facebook", "failed")


def _cdht(args: list[str], token: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "CDHT_FB_TOKEN": token, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)  # fmt: skip


def test_command_reads_the_page_and_a_wrong_token_exits_1_without_printing_it(tmp_path, cfg_dir):
    posts = page_posts()
    db = tmp_path / "db.sqlite"
    with graph_server(posts, TOKEN) as g:
        common = ["--db", str(db), "--config", str(cfg_dir), "--verbose"]
        ok = _cdht(["collect-facebook", "--graph-url", g.url, *common], TOKEN)
        assert ok.returncode == 0, ok.stderr
        assert f"mới (new): {len(posts)}" in ok.stdout
        assert TOKEN not in ok.stdout + ok.stderr
        wrong = "EAAJwrongTOKENvalue9876543210"
        bad = _cdht(["collect-facebook", "--graph-url", g.url, *common], wrong)
        assert bad.returncode == 1
        assert wrong not in bad.stdout + bad.stderr and TOKEN not in bad.stderr
        assert "gia hạn" in bad.stderr and "must be renewed" in bad.stderr
        status = _cdht(["status", *common], "")
        assert "Facebook" in status.stdout and "gia hạn" in status.stdout
    assert months(db) == expected_months(posts)


def test_command_usage_errors(tmp_path, cfg_dir, monkeypatch, capsys):
    monkeypatch.delenv("CDHT_FB_TOKEN", raising=False)
    db = str(tmp_path / "db.sqlite")
    assert cli.main(["collect-facebook", "--db", db, "--config", str(cfg_dir)]) == 2
    assert "CDHT_FB_TOKEN" in capsys.readouterr().err
    monkeypatch.setenv("CDHT_FB_TOKEN", TOKEN)
    assert cli.main(["collect-facebook", "--db", db]) == 2  # the bundled page_id is empty
    err = capsys.readouterr().err
    assert "page_id" in err and TOKEN not in err
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "facebook.toml").write_text('[graph]\npage_id = "abc"\n', encoding="utf-8")
    assert cli.main(["collect-facebook", "--db", db, "--config", str(bad)]) == 2
    assert "facebook.toml" in capsys.readouterr().err


def test_report_counts_the_graph_posts(tmp_path, cfg_dir):
    posts = page_posts()
    db = tmp_path / "db.sqlite"
    with graph_server(posts, TOKEN) as g:
        run_graph(db, cfg_dir, g)
    out = _cdht(["report", "month", "2025-05", "--format", "json", "--db", str(db),
                 "--config", str(cfg_dir)], "")  # fmt: skip
    assert out.returncode == 0, out.stderr
    fb = json.loads(out.stdout)["facebook"]
    assert (fb["posts"], fb["videos"]) == (expected_months(posts)["2025-05"]["posts"],
                                           expected_months(posts)["2025-05"]["videos"])  # fmt: skip


def test_the_nightly_run_reads_the_page_when_configured(tmp_path, monkeypatch):
    from datetime import date

    from pipeline.nightly import load_settings, run_night

    posts = page_posts()
    with graph_server(posts, TOKEN) as g:
        cdir = tmp_path / "conf"
        cdir.mkdir()
        (cdir / "facebook.toml").write_text(
            f'[graph]\npage_id = "{PAGE_ID}"\ngraph_url = "{g.url}"\n', encoding="utf-8"
        )
        (cdir / "nightly.toml").write_text(
            "[inbox]\nenabled = false\n[reports]\nenabled = false\n", encoding="utf-8"
        )
        config = load_config(cdir)
        settings = load_settings(config)
        monkeypatch.delenv("CDHT_FB_TOKEN", raising=False)
        with Store(tmp_path / "db.sqlite") as s:
            night = run_night(config, s, settings, collect=False, today=date(2025, 6, 20))
            assert (
                night.step("facebook-graph") is None
            )  # no token: the step is not part of the night
            monkeypatch.setenv("CDHT_FB_TOKEN", TOKEN)
            night = run_night(config, s, settings, collect=False, today=date(2025, 6, 20),
                              clock=FakeClock())  # fmt: skip
            step = night.step("facebook-graph")
            assert step.outcome == "ok" and step.new == len(posts)
            monkeypatch.setenv("CDHT_FB_TOKEN", "EAAJexpiredTOKEN")
            night = run_night(config, s, settings, collect=False, today=date(2025, 6, 20))
            step = night.step("facebook-graph")
            assert step.outcome == "failed" and "gia hạn" in step.message
            assert night.exit_code == 1 and "EAAJexpiredTOKEN" not in night.summary()
            commands = [r["command"] for r in s.runs(10)]
            assert "run-once:facebook-graph" in commands
        assert months(tmp_path / "db.sqlite") == expected_months(posts)


def test_a_reel_without_description_matches_its_videos_json_entry_with_a_title(tmp_path, cfg_dir):
    from pipeline.demo.facebook_export import VIDEOS_JSON, ts, video, videos_file, write_export
    from tests.helpers.facebook_page import P

    reel = P("4001", "2025-07-02 09:00:00", "", "reel", "7774001")
    export = write_export(tmp_path / "e.zip", {VIDEOS_JSON: videos_file(
        [video("media/videos/4001.mp4", ts(reel.local), "", title="Thước phim")])})  # fmt: skip
    db = tmp_path / "db.sqlite"
    with graph_server([reel], TOKEN) as g:
        run_graph(db, cfg_dir, g)
    import_file(db, cfg_dir, export)
    assert months(db) == {"2025-07": {"posts": 1, "videos": 1}}


def test_status_lines_of_the_graph_read(tmp_path, cfg_dir):
    from datetime import UTC, datetime

    from pipeline.nightly.facebook import status_lines

    with open(cfg_dir / "facebook.toml", "a", encoding="utf-8") as f:
        f.write("token_expires = 2026-01-10\n")
    config = load_config(cfg_dir)
    now = datetime(2026, 1, 1, 3, 0, tzinfo=UTC)
    with Store(tmp_path / "db.sqlite") as s:
        assert status_lines(s, config, now)[0].startswith("Trang Facebook (Graph API): chưa đọc")
        with graph_server(page_posts()[:3], TOKEN) as g:
            run_graph(s.path, cfg_dir, g)
        lines = status_lines(s, config, now)
    assert "3 bài đăng, 3 bài mới" in lines[0]
    assert (
        lines[1]
        == "Mã truy cập Trang Facebook sẽ hết hạn ngày 10/01/2026 (còn 9 ngày): cần gia hạn."
    )
    with Store(tmp_path / "empty.sqlite") as s:
        assert status_lines(s, load_config(), now) == []  # not configured, never read: nothing


def test_the_desk_warns_of_a_token_to_renew(tmp_path, cfg_dir):
    from pipeline.desk.queries import freshness

    config = load_config(cfg_dir)
    with graph_server(page_posts()[:2], TOKEN) as g, Store(tmp_path / "db.sqlite") as s:
        collect_facebook(s, config, token="EAAJwrong", graph_url=g.url, clock=FakeClock())
        warnings = freshness(s, "2025-04")["warnings"]
        assert any("cần gia hạn" in w for w in warnings)
        collect_facebook(s, config, token=TOKEN, graph_url=g.url, clock=FakeClock())
        assert not any("cần gia hạn" in w for w in freshness(s, "2025-04")["warnings"])
