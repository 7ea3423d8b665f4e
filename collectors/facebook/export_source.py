"""Where a DYI export's files come from: a zip (never extracted; members read in memory one at a
time under size caps, after the whole archive was checked for unsafe names and zip bombs) or an
unpacked folder; which member is a posts file, a videos file, an album."""

from __future__ import annotations

import json
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from collectors.facebook.errors import FacebookImportError

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Caps that protect the importer from huge or hostile inputs."""

    max_file_bytes: int = 256 * MiB  # one JSON member / file
    max_csv_bytes: int = 4096 * MiB  # one CSV file (read as a stream)
    max_read_bytes: int = 1024 * MiB  # all JSON read from one export
    max_ratio: float = 200.0  # uncompressed / compressed, for members above ratio_min_bytes
    ratio_min_bytes: int = 1 * MiB
    max_archive_bytes: int = 64 * 1024 * MiB  # declared uncompressed size of the whole zip
    max_members: int = 500_000


DEFAULT_LIMITS = Limits()


POSTS_FILE = re.compile(r"^(your_posts.*|profile_posts.*)\.json$", re.I)
VIDEOS_FILE = re.compile(r"^videos\.json$", re.I)
HTML_POSTS_FILE = re.compile(r"^(your_posts.*|profile_posts.*)\.html?$", re.I)
HTML_VIDEOS_FILE = re.compile(r"^(videos|your_videos)\.html?$", re.I)
VIDEO_EXTENSIONS = (".mp4", ".mov", ".m4v", ".webm", ".avi", ".mkv")
# Posts are dated 2004 (Facebook's start) to 2100; a timestamp outside is refused, with a warning.


def _is_album(parts: tuple[str, ...]) -> bool:
    return any(p.lower() == "album" for p in parts[:-1])


def classify_member(name: str) -> str:
    """'posts', 'videos', 'html' or '' for a path inside an export."""
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if not parts or _is_album(parts):
        return ""
    base = parts[-1]
    if POSTS_FILE.match(base):
        return "posts"
    if VIDEOS_FILE.match(base):
        return "videos"
    if HTML_POSTS_FILE.match(base):
        return "html"
    if HTML_VIDEOS_FILE.match(base):
        return "videos-html"
    return ""


def _natural(name: str) -> list:
    return [int(t) if t.isdigit() else t.lower() for t in re.split(r"(\d+)", name)]


def _unsafe_name(name: str) -> bool:
    n = name.replace("\\", "/")
    if n.startswith("/") or re.match(r"^[A-Za-z]:", n):
        return True
    return ".." in PurePosixPath(n).parts


class ExportSource:
    """The JSON files of an export, read one at a time as bytes under the size caps."""

    def __init__(self, path: Path, limits: Limits = DEFAULT_LIMITS):
        self.path = Path(path)
        self.limits = limits
        self.read_total = 0

    def members(self) -> list[tuple[str, str]]:  # (name, 'posts' | 'videos' | 'html')
        raise NotImplementedError

    def read(self, name: str) -> bytes:
        raise NotImplementedError

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _count(self, name: str, size: int) -> None:
        if size > self.limits.max_file_bytes:
            raise FacebookImportError(
                f"{self.path}: {name} is {size / MiB:.0f} MiB, over the "
                f"{self.limits.max_file_bytes / MiB:.0f} MiB limit for one file (refused)"
            )
        self.read_total += size
        if self.read_total > self.limits.max_read_bytes:
            raise FacebookImportError(
                f"{self.path}: the export's JSON files exceed "
                f"{self.limits.max_read_bytes / MiB:.0f} MiB in total (refused)"
            )


class FolderSource(ExportSource):
    def members(self) -> list[tuple[str, str]]:
        out = []
        for p in self.path.rglob("*"):
            if not p.is_file():
                continue
            rel = p.relative_to(self.path).as_posix()
            kind = classify_member(rel)
            if kind:
                out.append((rel, kind))
        return sorted(out, key=lambda m: _natural(m[0]))

    def read(self, name: str) -> bytes:
        p = self.path / name
        try:
            self._count(name, p.stat().st_size)
            return p.read_bytes()
        except OSError as exc:
            raise FacebookImportError(f"{p}: cannot read ({exc.strerror or exc})") from None


class ZipSource(ExportSource):
    def __init__(self, path: Path, limits: Limits = DEFAULT_LIMITS):
        super().__init__(path, limits)
        try:
            self.zip = zipfile.ZipFile(self.path)
        except zipfile.BadZipFile as exc:
            raise FacebookImportError(
                f"{self.path}: damaged or truncated zip archive ({exc})"
            ) from None
        except OSError as exc:
            raise FacebookImportError(f"{self.path}: cannot read ({exc.strerror or exc})") from None
        try:
            self._check()
        except BaseException:
            self.zip.close()
            raise
        self.infos = {i.filename: i for i in self.zip.infolist()}

    def _check(self) -> None:
        """Refuse unsafe names, zip bombs and archives too large to be an export."""
        infos = self.zip.infolist()
        lim = self.limits
        if len(infos) > lim.max_members:
            raise FacebookImportError(
                f"{self.path}: {len(infos)} entries in the zip, over the limit of {lim.max_members} (refused)"
            )
        total = 0
        for info in infos:
            if _unsafe_name(info.filename):
                raise FacebookImportError(
                    f"{self.path}: unsafe path in the zip: {info.filename!r} "
                    "(absolute or leading outside the archive; refused)"
                )
            if stat.S_ISLNK(info.external_attr >> 16):
                raise FacebookImportError(
                    f"{self.path}: the zip holds a symbolic link {info.filename!r} (refused)"
                )
            total += info.file_size
            if info.file_size > lim.ratio_min_bytes and info.file_size > lim.max_ratio * max(
                info.compress_size, 1
            ):
                raise FacebookImportError(
                    f"{self.path}: {info.filename} expands {info.file_size / max(info.compress_size, 1):.0f} "
                    f"times (over {lim.max_ratio:.0f}): looks like a zip bomb (refused)"
                )
        if total > lim.max_archive_bytes:
            raise FacebookImportError(
                f"{self.path}: the zip would expand to {total / MiB:.0f} MiB, over the "
                f"{lim.max_archive_bytes / MiB:.0f} MiB limit (refused)"
            )

    def close(self) -> None:
        self.zip.close()

    def members(self) -> list[tuple[str, str]]:
        out = []
        for name, info in self.infos.items():
            if info.is_dir():
                continue
            kind = classify_member(name)
            if kind:
                out.append((name, kind))
        return sorted(out, key=lambda m: _natural(m[0]))

    def read(self, name: str) -> bytes:
        info = self.infos[name]
        self._count(name, info.file_size)
        try:
            with self.zip.open(info) as f:
                data = f.read(info.file_size + 1)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
            raise FacebookImportError(
                f"{self.path}: {name}: damaged or truncated in the zip ({exc})"
            ) from None
        except Exception as exc:  # zlib.error and friends
            raise FacebookImportError(
                f"{self.path}: {name}: cannot be decompressed ({exc})"
            ) from None
        if len(data) != info.file_size:
            raise FacebookImportError(
                f"{self.path}: {name}: size differs from the zip's directory (damaged; refused)"
            )
        return data


def open_source(path: Path, limits: Limits = DEFAULT_LIMITS) -> ExportSource:
    path = Path(path)
    if path.is_dir():
        return FolderSource(path, limits)
    return ZipSource(path, limits)


def load_json(data: bytes, label: str):
    """Parse JSON bytes; a parse error names the file, line and column."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FacebookImportError(f"{label}: not UTF-8 JSON (byte {exc.start})") from None
    if not text.strip():
        raise FacebookImportError(f"{label}: the file is empty")
    try:
        return json.loads(text)
    except RecursionError:
        raise FacebookImportError(
            f"{label}: the JSON is nested too deeply to be a Facebook export (refused)"
        ) from None
    except json.JSONDecodeError as exc:
        hint = " (the file looks truncated)" if exc.pos >= len(text.rstrip()) - 1 else ""
        raise FacebookImportError(
            f"{label}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}{hint}"
        ) from None
