"""Importing Facebook exports into a real SQLite store, and the `cdht import-facebook` command."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from collectors.facebook.errors import FacebookImportError
from pipeline import cli
from pipeline.demo.facebook_export import (
    LAYOUTS,
    VIDEOS_JSON,
    build_demo_export,
    photo,
    post,
    ts,
    video,
    videos_file,
    write_export,
)
from pipeline.facebook_import import canonical_link, import_facebook
from pipeline.store import Store

MEDIA = "this_profile's_activity_across_facebook/posts/media"
ARTICLE = "https://congdoanhatinh.org.vn/tin-abc-1542774243.html"
BS_HEADER = '"Post ID","Page ID","Page name",Title,Description,"Publish time",Permalink,"Post type"'


def page_posts() -> tuple[list[dict], list[dict]]:
    v_uri = f"{MEDIA}/videos/111.mp4"
    posts = [
        post(ts("2025-03-31 23:30:10"), "LĐLĐ huyện Can Lộc tổ chức hội nghị người lao động\nNội dung",
             media=[photo(f"{MEDIA}/a/1.jpg", 1)]),
        post(ts("2025-04-01 06:00:05"), "[Video] Tháng Công nhân 2025", media=[video(v_uri, 2)]),
        post(ts("2025-04-10 09:00:00"), "Bài viết trên website",
             link="https://l.facebook.com/l.php?u=" + ARTICLE.replace(":", "%3A").replace("/", "%2F")
             + "%3Futm_source%3Dfacebook%26fbclid%3DIwAR1&h=AT0"),
        post(ts("2025-04-11 10:00:00"), None, title="Công đoàn Hà Tĩnh đã chia sẻ một bài viết."),
        post(ts("2025-04-11 10:00:00"), None, title="Công đoàn Hà Tĩnh đã chia sẻ một bài viết."),
        post(ts("2025-05-02 08:00:00"), "Bản tin Công đoàn Hà Tĩnh số 5/2025"),
        post(ts("2025-05-03 08:00:00"), "Phát động cuộc thi trực tuyến tìm hiểu pháp luật"),
    ]  # fmt: skip
    videos = [
        video(v_uri, ts("2025-04-01 05:58")),
        video(f"{MEDIA}/videos/222.mp4", ts("2025-05-20 20:00"), "Clip: LĐLĐ huyện Hương Sơn"),
    ]
    return posts, videos


def dyi_zip(tmp_path: Path, name="export.zip", posts=None, videos=None, **kw) -> Path:
    p, v = page_posts()
    files = {LAYOUTS["2025"]: p if posts is None else posts}
    if videos is not False:
        files[VIDEOS_JSON] = videos_file(v if videos is None else videos)
    return write_export(tmp_path / name, files, **kw)


def counts(store: Store) -> dict[tuple[str, str], int]:
    return {
        (r[0], r[1]): r[2]
        for r in store.conn.execute(
            "SELECT substr(local_date, 1, 7), media_type, COUNT(*) FROM items "
            "WHERE source = 'facebook' GROUP BY 1, 2"
        )
    }


def n_items(store: Store) -> int:
    return store.conn.execute("SELECT COUNT(*) FROM items").fetchone()[0]


@pytest.fixture
def db(tmp_path):
    s = Store(tmp_path / "db.sqlite")
    yield s
    s.close()


def test_import_dyi_counts_per_month_and_type(db, config, tmp_path):
    res = import_facebook(db, config, dyi_zip(tmp_path))
    assert res.format == "dyi-zip"
    assert (res.posts, res.new, res.updated, res.skipped_duplicates) == (7, 7, 0, 1)
    assert res.videos == 2 and res.linked == 1
    assert res.months == {
        "2025-03": {"posts": 1, "videos": 0},
        "2025-04": {"posts": 3, "videos": 1},
        "2025-05": {"posts": 3, "videos": 1},
    }
    assert counts(db) == {
        ("2025-03", "photo"): 1,
        ("2025-04", "video"): 1,
        ("2025-04", "link"): 1,
        ("2025-04", "share"): 1,
        ("2025-05", "text"): 2,
        ("2025-05", "video"): 1,
    }
    rows = {r["key"]: r for r in db.conn.execute("SELECT * FROM items")}
    video_row = rows[f"dyi:{ts('2025-04-01 06:00:05')}"]
    assert (video_row["kind"], video_row["with_video"]) == ("video", 1)
    orphan = rows["video:222.mp4"]
    assert (orphan["kind"], orphan["with_video"], orphan["local_date"]) == (
        "video",
        1,
        "2025-05-20",
    )
    link = rows[f"dyi:{ts('2025-04-10 09:00')}"]
    assert link["linked_key"] == "/tin-abc-1542774243.html"
    assert link["link_url"] == ARTICLE
    assert link["kind"] == "news" and link["with_video"] == 0
    can_loc = rows[f"dyi:{ts('2025-03-31 23:30:10')}"]
    assert can_loc["local_date"] == "2025-03-31"
    assert can_loc["title"] == "LĐLĐ huyện Can Lộc tổ chức hội nghị người lao động"
    assert can_loc["unit_id"] == "ldld-can-loc"
    assert rows[f"dyi:{ts('2025-05-02 08:00')}"]["is_bulletin"] == 1
    assert rows[f"dyi:{ts('2025-05-03 08:00')}"]["is_contest"] == 1
    assert json.loads(can_loc["raw"])["text"].endswith("Nội dung")


def test_reimport_and_folder_copy_count_once(db, config, tmp_path):
    z = dyi_zip(tmp_path)
    import_facebook(db, config, z)
    again = import_facebook(db, config, z)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 7)
    folder = dyi_zip(tmp_path, name="unpacked", as_zip=False, escaped=False)
    third = import_facebook(db, config, folder)
    assert third.format == "dyi-folder" and third.new == 0
    assert n_items(db) == 7


def test_overlapping_exports(db, config, tmp_path):
    posts, videos = page_posts()
    early = dyi_zip(tmp_path, "early.zip", posts=posts[:4], videos=videos[:1])
    # The late export lists the video of 1 April in videos.json but not the post that holds it.
    late = dyi_zip(tmp_path, "late.zip", posts=posts[2:], videos=videos)
    a = import_facebook(db, config, early)
    b = import_facebook(db, config, late)
    assert a.new == 4  # the photo, the video (also in videos.json), the link, the share
    assert b.new == 3  # two texts and the video only in videos.json
    assert b.matched_existing == 1  # video:111.mp4 is the video post of the early export
    assert n_items(db) == 7
    assert db.get_item("facebook", "video:111.mp4") is None
    kept = db.get_item("facebook", f"dyi:{ts('2025-04-01 06:00:05')}")  # not overwritten by
    assert kept["title"] == "[Video] Tháng Công nhân 2025"  # the bare videos.json entry
    assert kept["published_utc"] == "2025-03-31T23:00:05Z"


def _csv(tmp_path, rows: list[str], name="posts.csv") -> Path:
    p = tmp_path / name
    p.write_bytes(b"\xef\xbb\xbf" + ("\r\n".join([BS_HEADER, *rows]) + "\r\n").encode("utf-8"))
    return p


def test_dyi_then_csv_same_posts_count_once(db, config, tmp_path):
    import_facebook(db, config, dyi_zip(tmp_path))
    csv_path = _csv(tmp_path, [
        # same local minute and text as DYI posts (seconds dropped, case and spacing differ)
        '"1001","1","Công đoàn Hà Tĩnh","LĐLĐ huyện Can Lộc tổ chức hội nghị người lao động\nNội dung",'
        '"","03/31/2025 23:30","https://www.facebook.com/cdht/posts/1001","Photos"',
        '"1002","1","Công đoàn Hà Tĩnh","[VIDEO]  Tháng công nhân 2025","","04/01/2025 06:00",'
        '"https://www.facebook.com/cdht/videos/1002","Reels"',
        # a post the DYI export does not have
        '"1003","1","Công đoàn Hà Tĩnh","Bài mới","","05/30/2025 21:00",'
        '"https://www.facebook.com/cdht/posts/1003","Text"',
    ])  # fmt: skip
    res = import_facebook(db, config, csv_path)
    assert (res.format, res.posts, res.new, res.matched_existing) == ("business-suite-csv", 3, 1, 2)
    assert n_items(db) == 8
    row = db.get_item("facebook", f"dyi:{ts('2025-03-31 23:30:10')}")
    assert row["url"] == "https://www.facebook.com/cdht/posts/1001"  # the newer export updated it
    assert db.get_item("facebook", "fb:1001") is None
    # importing the CSV again changes nothing
    again = import_facebook(db, config, csv_path)
    assert (again.new, again.matched_existing) == (0, 0) and n_items(db) == 8


def test_csv_then_dyi_same_posts_count_once(db, config, tmp_path):
    csv_path = _csv(tmp_path, [
        '"1002","1","Công đoàn Hà Tĩnh","[Video] Tháng Công nhân 2025","","04/01/2025 06:00",'
        '"https://www.facebook.com/cdht/videos/1002","Videos"',
    ])  # fmt: skip
    import_facebook(db, config, csv_path)
    res = import_facebook(db, config, dyi_zip(tmp_path))
    assert (res.new, res.matched_existing) == (6, 1)
    assert n_items(db) == 7
    assert db.get_item("facebook", "fb:1002")["media_type"] == "video"
    assert db.conn.execute("SELECT COUNT(*) FROM items WHERE with_video = 1").fetchone()[0] == 2


def test_one_transaction_nothing_half_stored(db, config, tmp_path, monkeypatch):
    calls = {"n": 0}
    real = Store.upsert_item

    def failing(self, row, contributors=()):
        calls["n"] += 1
        if calls["n"] == 4:
            raise RuntimeError("disk full")
        return real(self, row, contributors)

    monkeypatch.setattr(Store, "upsert_item", failing)
    with pytest.raises(RuntimeError):
        import_facebook(db, config, dyi_zip(tmp_path))
    assert calls["n"] == 4
    assert n_items(db) == 0


def test_canonical_link():
    assert (
        canonical_link(
            "https://l.facebook.com/l.php?u=https%3A%2F%2Fcongdoanhatinh.org.vn%2Fa-1.html%3Futm_medium%3Dx%26id%3D2&h=1"
        )
        == "https://congdoanhatinh.org.vn/a-1.html?id=2"
    )
    assert canonical_link("https://Example.ORG/p?fbclid=1#frag") == "https://example.org/p"


def test_demo_export(db, config, tmp_path):
    z = build_demo_export(tmp_path)
    assert z.suffix == ".zip"
    with zipfile.ZipFile(z) as zf:
        names = zf.namelist()
        raw = zf.read(LAYOUTS["2025"]).decode()
    assert VIDEOS_JSON in names and any("/album/" in n for n in names)
    assert "\\u00e1\\u00bb" in raw and "Lộc" not in raw  # mojibake, escaped
    res = import_facebook(db, config, z)
    assert set(res.months) == {"2025-03", "2025-04", "2025-05"}
    assert all(35 <= m["posts"] <= 45 for m in res.months.values())
    assert res.skipped_duplicates == 1 and res.videos >= 10 and res.linked >= 5
    q = db.conn.execute(
        "SELECT SUM(is_bulletin), SUM(is_contest), SUM(key LIKE 'video:%'), "
        "SUM(unit_id = 'ldld-can-loc') FROM items"
    ).fetchone()
    assert q[0] >= 1 and q[1] >= 1 and q[2] == 1 and q[3] >= 1
    assert db.conn.execute("SELECT COUNT(*) FROM items").fetchone()[0] == res.posts


# ------------------------------------------------------------------ the command
def run_cli(capsys, *argv) -> tuple[int, str, str]:
    code = cli.main(["import-facebook", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_success_prints_summary(tmp_path, capsys):
    code, out, _err = run_cli(capsys, dyi_zip(tmp_path), "--db", tmp_path / "c.sqlite")
    assert code == 0
    assert "Download Your Information (JSON, zip)" in out
    assert "2025-04: 3 bài đăng, 1 video" in out
    assert "mới (new): 7" in out
    with Store(tmp_path / "c.sqlite") as s:
        assert n_items(s) == 7


def _bad_inputs(tmp_path: Path) -> dict[str, Path]:
    posts, _ = page_posts()
    trunc = tmp_path / "trunc"
    f = trunc / LAYOUTS["old"]
    f.parent.mkdir(parents=True)
    text = json.dumps(posts, indent=1)
    f.write_text(text[: len(text) * 2 // 3], encoding="utf-8")
    notcsv = tmp_path / "contacts.csv"
    notcsv.write_text("name,phone\nA,0900\n", encoding="utf-8")
    noposts = write_export(tmp_path / "noposts.zip", {"your_facebook_activity/messages/x.json": []})
    evil = write_export(tmp_path / "evil.zip", {LAYOUTS["2025"]: posts},
                        extra={"../evil/your_posts_1.json": b"[]"})  # fmt: skip
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(LAYOUTS["2025"], b"[" + b" " * (16 * 1024 * 1024) + b"]")
    half = write_export(tmp_path / "half.zip", {LAYOUTS["2025"]: posts})
    half.write_bytes(half.read_bytes()[:-30])
    bad_csv = tmp_path / "bad.csv"
    bad_csv.write_text(BS_HEADER + '\n"1","1","P","t","","31/31/2025 99:00","","Photos"\n', "utf-8")
    return {
        "your_posts_1.json": trunc,
        "not a Facebook export": notcsv,
        "no Facebook posts file": noposts,
        "unsafe path": evil,
        "zip bomb": bomb,
        "truncated zip": half,
        "line 2": bad_csv,
    }


def test_cli_bad_inputs_exit_1_and_store_nothing(tmp_path, capsys):
    db = tmp_path / "bad.sqlite"
    for expected, path in _bad_inputs(tmp_path).items():
        code, out, err = run_cli(capsys, path, "--db", db)
        assert code == 1, (path, err)
        assert out == ""
        assert str(path) in err and expected in err, err
        assert "nothing was stored" in err
    with Store(db) as s:
        assert n_items(s) == 0


def test_importer_raises_for_bad_inputs(db, config, tmp_path):
    for path in _bad_inputs(tmp_path).values():
        with pytest.raises(FacebookImportError):
            import_facebook(db, config, path)
    assert n_items(db) == 0


def test_cli_usage_errors(tmp_path, capsys):
    code, _, err = run_cli(capsys, tmp_path / "missing.zip", "--db", tmp_path / "u.sqlite")
    assert code == 2 and "missing.zip" in err
    with pytest.raises(SystemExit) as exc:
        cli.main(["import-facebook"])
    assert exc.value.code == 2


def test_cli_warnings_go_to_stderr(tmp_path, capsys):
    csv_path = _csv(tmp_path, [
        '"1.22158E+17","1","P","Hội nghị","","04/05/2025 10:00","","Photos"',
        '"5","1","P","Khác","","04/06/2025 10:00","","Hologram"',
    ])  # fmt: skip
    code, out, err = run_cli(capsys, csv_path, "--db", tmp_path / "w.sqlite")
    assert code == 0
    assert "line 2" in err and "1.22158E+17" in err and "'Hologram'" in err
    assert "1.22158E+17" not in out and "Cảnh báo (warnings): 2" in out
    assert "2025-04: 2 bài đăng, 0 video" in out


def test_progress_reports_the_end(db, config, tmp_path):
    seen: list[tuple[int, int]] = []
    res = import_facebook(db, config, dyi_zip(tmp_path), progress=lambda d, t: seen.append((d, t)))
    assert seen and seen[-1] == (7, 7)
    assert res.posts == 7
