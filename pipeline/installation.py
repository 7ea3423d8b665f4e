"""One settings place for an installation, so that nobody types ``--db`` or ``--config``.

Every command and the desk find the database and the configuration folder, first that applies:
the command-line flags; the environment variables ``CDHT_DB`` and ``CDHT_CONFIG``; the
installation file, ``$CDHT_SETTINGS`` or else ``/etc/cdht/cdht.toml``::

    [paths]
    db = "/var/lib/cdht/cdht.sqlite"
    config = "/etc/cdht"

then the defaults (a database in the user's data folder, the bundled configuration). The
report and inbox folders are in the configuration folder's ``nightly.toml``. The same file
takes the desk's security settings (``[desk]``, see ``pipeline.desk.settings``) and the mode of
the files cdht creates (``[files] umask = "007"``: the database, locks and reports are 0660).
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.settings import ConfigError

DEFAULT_FILE = Path("/etc/cdht/cdht.toml")


@dataclass(frozen=True)
class Installation:
    db: Path | None = None
    config: Path | None = None
    source: str = ""  # where the paths came from, for messages
    desk: dict = field(default_factory=dict)  # the [desk] table (pipeline.desk.settings)
    umask: int = 0o007  # [files] umask: the database, archive, reports and locks are 0660


def _read(path: Path) -> tuple[dict, dict, dict]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from None
    paths, desk, files = data.get("paths", {}), data.get("desk", {}), data.get("files", {})
    if not all(isinstance(t, dict) for t in (paths, desk, files)):
        raise ConfigError(f"{path}: [paths], [desk] and [files] are tables")
    unknown = sorted(set(data) - {"paths", "desk", "files"}) + sorted(set(paths) - {"db", "config"})
    unknown += sorted(set(files) - {"umask"})
    if unknown:
        raise ConfigError(f"{path}: unknown key(s) {', '.join(unknown)}; it takes [paths] db and "
                          "config, [files] umask and the [desk] settings")  # fmt: skip
    if "umask" in files and not (isinstance(files["umask"], str) and re.fullmatch(r"0?[0-7]{3}", files["umask"])):
        raise ConfigError(f'{path}: files.umask is three octal digits in quotes, e.g. "007"')
    for key in ("db", "config"):
        if key in paths and not isinstance(paths[key], str):
            raise ConfigError(f"{path}: paths.{key} must be a path in quotes")
    return paths, desk, files


def find_installation(environ: dict[str, str] | None = None) -> Installation:
    """The installation's paths from the environment and the installation file."""
    env = os.environ if environ is None else environ
    explicit = env.get("CDHT_SETTINGS")
    file = Path(explicit) if explicit else DEFAULT_FILE
    paths: dict = {}
    desk: dict = {}
    files: dict = {}
    if explicit or file.is_file():
        if not file.is_file():
            raise ConfigError(f"{file}: CDHT_SETTINGS names a file that does not exist")
        paths, desk, files = _read(file)
    db = env.get("CDHT_DB") or paths.get("db")
    config = env.get("CDHT_CONFIG") or paths.get("config")
    return Installation(
        db=Path(db) if db else None,
        config=Path(config) if config else None,
        source=str(file) if paths else ("environment" if (db or config) else ""),
        desk=desk,
        umask=int(files.get("umask", "007"), 8),
    )
