"""One settings place for an installation, so that nobody types ``--db`` or ``--config``.

Every command and the desk find the database and the configuration folder, first that applies:
the command-line flags; the environment variables ``CDHT_DB`` and ``CDHT_CONFIG``; the
installation file, ``$CDHT_SETTINGS`` or else ``/etc/cdht/cdht.toml``::

    [paths]
    db = "/var/lib/cdht/cdht.sqlite"
    config = "/etc/cdht"

then the defaults (a database in the user's data folder, the bundled configuration). The
report and inbox folders are in the configuration folder's ``nightly.toml``.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from pipeline.settings import ConfigError

DEFAULT_FILE = Path("/etc/cdht/cdht.toml")


@dataclass(frozen=True)
class Installation:
    db: Path | None = None
    config: Path | None = None
    source: str = ""  # where the paths came from, for messages


def _read(path: Path) -> dict:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from None
    paths = data.get("paths", {})
    unknown = sorted(set(data) - {"paths"}) + sorted(set(paths) - {"db", "config"})
    if unknown or not isinstance(paths, dict):
        raise ConfigError(f"{path}: unknown key(s) {', '.join(unknown)}; it takes [paths] db and config")
    for key in ("db", "config"):
        if key in paths and not isinstance(paths[key], str):
            raise ConfigError(f"{path}: paths.{key} must be a path in quotes")
    return paths


def find_installation(environ: dict[str, str] | None = None) -> Installation:
    """The installation's paths from the environment and the installation file."""
    env = os.environ if environ is None else environ
    explicit = env.get("CDHT_SETTINGS")
    file = Path(explicit) if explicit else DEFAULT_FILE
    paths: dict = {}
    if explicit or file.is_file():
        if not file.is_file():
            raise ConfigError(f"{file}: CDHT_SETTINGS names a file that does not exist")
        paths = _read(file)
    db = env.get("CDHT_DB") or paths.get("db")
    config = env.get("CDHT_CONFIG") or paths.get("config")
    return Installation(
        db=Path(db) if db else None,
        config=Path(config) if config else None,
        source=str(file) if paths else ("environment" if (db or config) else ""),
    )
