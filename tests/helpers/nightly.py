"""Shared by the nightly and status tests: a --config folder, counts of a store."""

from __future__ import annotations

from pathlib import Path

from pipeline.store import Store


def write_config(folder: Path, tmp: Path, *, nightly: str = "", site: str = "") -> Path:
    """A --config folder: fast politeness, and every nightly path under ``tmp``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "site.toml").write_text(
        "[politeness]\ndelay = 0\nretries = 0\nbackoff = 0\ntimeout = 5\nrespect_robots = false\n"
        + site,
        encoding="utf-8",
    )
    (folder / "nightly.toml").write_text(
        f'[inbox]\npath = "{tmp}/inbox"\nprocessed = "{tmp}/processed"\nrejected = "{tmp}/rejected"\n'
        f"settle_seconds = 0\n"
        f'[reports]\nout_dir = "{tmp}/reports"\nformats = ["json"]\n'
        f'[log]\nfile = "{tmp}/log/cdht.log"\n' + nightly,
        encoding="utf-8",
    )
    (tmp / "inbox").mkdir(exist_ok=True)
    return folder


def website_counts(store: Store) -> dict:
    """{(month, kind): n} and the number of rows per key (no double counting)."""
    rows = store.conn.execute(
        "SELECT substr(local_date, 1, 7) AS m, eff_kind, COUNT(*), SUM(with_video) FROM v_items "
        "WHERE source = 'website' AND status = 'ok' GROUP BY 1, 2 ORDER BY 1, 2"
    ).fetchall()
    dupes = store.conn.execute(
        "SELECT COUNT(*) FROM (SELECT key FROM items GROUP BY source, key HAVING COUNT(*) > 1)"
    ).fetchone()[0]
    assert dupes == 0
    return {(r[0], r[1]): (r[2], r[3]) for r in rows}


def clean_counts(site, url, config, tmp_path) -> dict:
    with Store(tmp_path / "clean.sqlite") as clean:
        from pipeline.collect import collect_website

        r = collect_website(config, clean, site_url=url, delay=0)
        assert not r.failed and not r.pending
        return website_counts(clean)
