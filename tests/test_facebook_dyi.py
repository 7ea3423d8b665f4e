"""Reading DYI exports: layouts, mojibake, duplicates, videos.json, the real samples, zip safety."""

from __future__ import annotations

import json
import shutil
import zipfile
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from collectors.facebook.dyi import read_dyi
from collectors.facebook.errors import FacebookImportError
from collectors.facebook.export_source import Limits
from pipeline.demo.facebook_export import (
    LAYOUTS,
    VIDEOS_JSON,
    photo,
    post,
    ts,
    video,
    videos_file,
    write_export,
)

FIXTURES = Path(__file__).parent / "fixtures" / "facebook"
MEDIA = "this_profile's_activity_across_facebook/posts/media"


def small_page() -> tuple[list[dict], list[dict]]:
    """Five distinct posts (one video also in videos.json) and one orphan video."""
    v_uri = f"{MEDIA}/videos/111.mp4"
    posts = [
        post(ts("2025-03-31 23:30"), "LĐLĐ huyện Can Lộc tổ chức hội nghị\nNội dung chi tiết",
             media=[photo(f"{MEDIA}/a/1.jpg", 1)]),
        post(ts("2025-04-01 06:00"), "[Video] Tháng Công nhân 2025", media=[video(v_uri, 2)]),
        post(ts("2025-04-10 09:00"), "Chia sẻ bài viết",
             link="https://l.facebook.com/l.php?u=https%3A%2F%2Fcongdoanhatinh.org.vn%2Ftin-abc-1542774243.html%3Futm_source%3Dfb&h=AT0"),
        post(ts("2025-04-11 10:00"), None, title="Công đoàn Hà Tĩnh đã chia sẻ một bài viết."),
        post(ts("2025-05-02 08:00"), "Chúc mừng ngày Quốc tế Lao động"),
    ]  # fmt: skip
    videos = [
        video(v_uri, ts("2025-04-01 05:58"), "[Video] Tháng Công nhân 2025"),
        video(f"{MEDIA}/videos/222.mp4", ts("2025-05-20 20:00"), "Clip: LĐLĐ huyện Hương Sơn"),
    ]
    return posts, videos


def _local_month(it) -> str:
    from collectors.facebook.common import local_month

    return local_month(it.published)


@pytest.mark.parametrize("layout", ["old", "2023", "2025"])
@pytest.mark.parametrize("as_zip", [True, False])
@pytest.mark.parametrize("escaped", [True, False])
def test_layouts_zip_and_folder(tmp_path, layout, as_zip, escaped):
    posts, videos = small_page()
    videos_path = LAYOUTS[layout].rsplit("/", 1)[0] + "/videos.json"
    dest = tmp_path / ("export.zip" if as_zip else "export")
    write_export(dest, {LAYOUTS[layout]: posts, videos_path: videos_file(videos)},
                 as_zip=as_zip, escaped=escaped)  # fmt: skip
    res = read_dyi(dest)
    assert res.format == ("dyi-zip" if as_zip else "dyi-folder")
    items = res.items
    assert len(items) == 6  # 5 posts + 1 orphan video; the video in both counts once
    by_type = Counter(it.media_type for it in items)
    assert by_type == {"video": 2, "photo": 1, "link": 1, "share": 1, "text": 1}
    # 2025-03-31 23:30 local is March even though it is 16:30 UTC; 06:00 on 1 April is April.
    assert Counter(_local_month(it) for it in items) == {"2025-03": 1, "2025-04": 3, "2025-05": 2}
    first = items[0]
    assert first.text == "LĐLĐ huyện Can Lộc tổ chức hội nghị\nNội dung chi tiết"
    assert first.title == "LĐLĐ huyện Can Lộc tổ chức hội nghị"
    assert first.key == f"dyi:{ts('2025-03-31 23:30')}"
    assert first.published == datetime(2025, 3, 31, 16, 30, tzinfo=UTC)
    orphan = next(it for it in items if it.key.startswith("video:"))
    assert orphan.key == "video:222.mp4"
    assert orphan.published == datetime.fromtimestamp(ts("2025-05-20 20:00"), UTC)
    assert orphan.text == "Clip: LĐLĐ huyện Hương Sơn"
    share = next(it for it in items if it.media_type == "share")
    assert share.title == "" and share.text == ""  # never the export's interface-language title


def test_already_repaired_export_reads_the_same(tmp_path):
    posts, videos = small_page()
    a = write_export(tmp_path / "a.zip", {LAYOUTS["2025"]: posts, VIDEOS_JSON: videos_file(videos)})
    b = write_export(tmp_path / "b.zip", {LAYOUTS["2025"]: posts, VIDEOS_JSON: videos_file(videos)},
                     mojibake=False, escaped=False)  # fmt: skip
    ra, rb = read_dyi(a), read_dyi(b)
    assert [(i.key, i.text, i.media_type) for i in ra.items] == [
        (i.key, i.text, i.media_type) for i in rb.items
    ]
    assert any("Lộc" in i.text for i in rb.items)


def test_duplicates_same_timestamp(tmp_path):
    t = ts("2025-04-02 10:00")
    u = ts("2025-04-03 11:00")
    posts = [
        post(t, None, title="x"),  # copy without text
        post(t, "LĐLĐ huyện Đức Thọ thăm công nhân", media=[photo(f"{MEDIA}/d/1.jpg", t)]),
        post(t, "LĐLĐ huyện Đức Thọ thăm công nhân"),  # same text again, fewer attachments
        post(u, "Bài thứ nhất"),
        post(u, "Bài thứ hai"),  # same second, different text: two posts
    ]
    res = read_dyi(write_export(tmp_path / "e.zip", {LAYOUTS["2023"]: posts}))
    assert len(res.items) == 3
    assert res.duplicates == 2
    kept = next(i for i in res.items if i.key == f"dyi:{t}")
    assert kept.media_type == "photo"  # the fuller copy
    two = sorted(i.key for i in res.items if i.key.startswith(f"dyi:{u}:"))
    assert len(two) == 2 and two[0] != two[1]


def test_video_post_with_several_videos_is_one_post(tmp_path):
    t = ts("2025-05-01 09:00")
    posts = [
        post(
            t,
            "Hai clip",
            media=[video(f"{MEDIA}/videos/1.mp4", t), video(f"{MEDIA}/videos/2.mp4", t)],
        )
    ]
    vids = [video(f"{MEDIA}/videos/1.mp4", t), video(f"{MEDIA}/videos/2.mp4", t)]
    res = read_dyi(
        write_export(tmp_path / "v.zip", {LAYOUTS["2025"]: posts, VIDEOS_JSON: videos_file(vids)})
    )
    assert [(i.media_type, i.key) for i in res.items] == [("video", f"dyi:{t}")]


def test_album_files_are_not_posts(tmp_path):
    posts, _ = small_page()
    album = [post(ts("2025-04-20 10:00"), "an album entry")]
    res = read_dyi(write_export(tmp_path / "x", {
        LAYOUTS["2025"]: posts,
        "this_profile's_activity_across_facebook/posts/album/0.json": album,
        "this_profile's_activity_across_facebook/posts/album/your_posts_9.json": album,
    }, as_zip=False))  # fmt: skip
    assert len(res.items) == 5


def test_several_post_files_and_unknown_keys(tmp_path):
    a = [post(ts("2025-03-05 08:00"), "Một")]
    b = [{**post(ts("2025-03-06 08:00"), "Hai"), "new_field": {"x": [1]}, "tags": ["a"]}]
    res = read_dyi(write_export(tmp_path / "m.zip", {
        "this_profile's_activity_across_facebook/posts/profile_posts_1.json": a,
        "this_profile's_activity_across_facebook/posts/profile_posts_2.json": b,
    }))  # fmt: skip
    assert [i.text for i in res.items] == ["Một", "Hai"]
    assert len(res.files) == 2


def _sample_export(tmp_path, *names: tuple[str, str]) -> Path:
    root = tmp_path / "sample"
    for src, rel in names:
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(FIXTURES / src, p)
    return root


def test_real_sample_soleil_literal_mojibake(tmp_path):
    root = _sample_export(tmp_path, ("soleil_profile_posts_1.json", LAYOUTS["2025"]))
    res = read_dyi(root)
    assert len(res.items) == 3
    photo_post = next(i for i in res.items if i.media_type == "photo")
    assert photo_post.text.startswith("Quelques souvenirs des ces journées à Lamastre")
    assert "Ã" not in photo_post.text
    # Reshares with an empty external link: posts, no link, no text, no title.
    shares = [i for i in res.items if i.media_type == "share"]
    assert len(shares) == 2 and all(i.link_url == "" and i.title == "" for i in shares)


def test_real_sample_arhiva_scrubbed_links(tmp_path):
    root = _sample_export(tmp_path, ("arhiva_profile_posts_1.json", LAYOUTS["2025"]))
    res = read_dyi(root)
    assert len(res.items) == 5
    links = [i for i in res.items if i.media_type == "link"]
    assert len(links) == 4 and all(i.link_url == "" for i in links)
    ph = next(i for i in res.items if i.media_type == "photo")
    assert ph.title == "The Orbitronic Hive Subversion Protocol"
    assert "Hive’s latency" in ph.text  # \u00e2\u0080\u0099 repaired to ’
    assert [i.published for i in res.items] == sorted(i.published for i in res.items)


def test_real_sample_videos_json_all_orphans(tmp_path):
    root = _sample_export(tmp_path, ("nobel_videos.json", VIDEOS_JSON))
    res = read_dyi(root)
    assert len(res.items) == 6
    assert all(i.media_type == "video" and i.key.startswith("video:") for i in res.items)
    burmese = next(i for i in res.items if i.key == "video:1500674631192999.mp4")
    assert "ITPEC Program" in burmese.text and "\u00e1" not in burmese.text
    assert "နိုင်ငံ" in burmese.text


# ------------------------------------------------------------------ damaged and hostile inputs
def test_truncated_json_names_file_and_line(tmp_path):
    posts, _ = small_page()
    good = json.dumps(posts, indent=2)
    root = tmp_path / "t"
    p = root / LAYOUTS["old"]
    p.parent.mkdir(parents=True)
    p.write_text(good[: len(good) // 2], encoding="utf-8")
    with pytest.raises(FacebookImportError) as exc:
        read_dyi(root)
    msg = str(exc.value)
    assert "your_posts_1.json" in msg and "line" in msg and "truncated" in msg


def test_truncated_zip(tmp_path):
    posts, _ = small_page()
    z = write_export(tmp_path / "z.zip", {LAYOUTS["2025"]: posts})
    data = z.read_bytes()
    z.write_bytes(data[: len(data) - 40])
    with pytest.raises(FacebookImportError, match=r"z\.zip: damaged or truncated zip"):
        read_dyi(z)


def test_path_traversal_refused(tmp_path):
    posts, _ = small_page()
    z = write_export(tmp_path / "evil.zip", {LAYOUTS["2025"]: posts},
                     extra={"../../outside.json": b"[]"})  # fmt: skip
    with pytest.raises(FacebookImportError, match=r"unsafe path.*\.\./\.\./outside\.json"):
        read_dyi(z)
    assert not (tmp_path.parent / "outside.json").exists()


def test_absolute_member_refused(tmp_path):
    z = tmp_path / "abs.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr(LAYOUTS["2025"], b"[]")
        info = zipfile.ZipInfo("posts/x.json")
        zf.writestr(info, b"[]")
        zf.filelist[-1].filename = "/etc/your_posts_1.json"
    with pytest.raises(FacebookImportError, match="unsafe path"):
        read_dyi(z)


def test_zip_bomb_refused(tmp_path):
    z = tmp_path / "bomb.zip"
    with zipfile.ZipFile(z, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(LAYOUTS["2025"], b"[" + b" " * (20 * 1024 * 1024) + b"]")
    assert z.stat().st_size < 200_000
    with pytest.raises(FacebookImportError, match="zip bomb"):
        read_dyi(z)


def test_total_size_cap(tmp_path):
    posts, _ = small_page()
    z = write_export(tmp_path / "big.zip", {LAYOUTS["2025"]: posts})
    with pytest.raises(FacebookImportError, match="would expand"):
        read_dyi(z, Limits(max_archive_bytes=100))
    with pytest.raises(FacebookImportError, match="over the 0 MiB limit for one file"):
        read_dyi(z, Limits(max_file_bytes=100))


def test_zip_without_posts(tmp_path):
    z = write_export(tmp_path / "empty.zip", {"your_facebook_activity/messages/inbox.json": []})
    with pytest.raises(FacebookImportError, match="no posts file"):
        read_dyi(z)


def test_timestamps_outside_2004_2100_are_refused_per_post(tmp_path):
    from collectors.facebook.dyi import read_dyi
    from pipeline.demo.facebook_export import (
        LAYOUTS,
        VIDEOS_JSON,
        post,
        video,
        videos_file,
        write_export,
    )

    posts = [post(1743465605, "Tin thật"), post(10**30, "Quá xa"), post(-99999999999, "Quá sớm"),
             post(99999999999, "Năm 5138")]  # fmt: skip
    vids = videos_file([video("media/videos/1.mp4", 99999999999, "Video năm 5138")])
    folder = write_export(
        tmp_path / "exp", {LAYOUTS["2025"]: posts, VIDEOS_JSON: vids}, as_zip=False
    )
    res = read_dyi(folder)
    assert [it.text for it in res.items] == ["Tin thật"]
    assert sum("outside 2004–2100" in w for w in res.warnings) == 4


def test_json_nested_100000_deep_is_a_clear_error(tmp_path, config, capsys):
    from pipeline import cli
    from pipeline.demo.facebook_export import LAYOUTS

    p = tmp_path / "exp" / LAYOUTS["2025"]
    p.parent.mkdir(parents=True)
    p.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(FacebookImportError, match="nested too deeply"):
        read_dyi(tmp_path / "exp")
    assert (
        cli.main(["import-facebook", str(tmp_path / "exp"), "--db", str(tmp_path / "d.sqlite")])
        == 1
    )
    assert "nested too deeply" in capsys.readouterr().err
    # nested just under the parser's limit, the repair of the text must not fail either
    p.write_text(
        '[{"timestamp": 1743465605, "data": ' + "[" * 990 + "]" * 990 + "}]", encoding="utf-8"
    )
    try:
        res = read_dyi(tmp_path / "exp")
    except FacebookImportError as exc:
        assert "nested too deeply" in str(exc)
    else:
        assert len(res.items) == 1
