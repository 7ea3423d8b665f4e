"""One run at a time: a lock file beside the database (``<db>.lock``).

The lock is an exclusive ``fcntl.flock`` on the file, so the kernel releases it when its holder
dies, even by ``kill -9``. The file also holds who took it (pid, host, command, start time, as
JSON) so that a refused run can say who holds it, and a run that takes over a lock left by a
crashed one can say so. Where ``flock`` is unavailable (not POSIX), the file is created with
``O_CREAT | O_EXCL`` and a lock whose pid no longer runs on this host is stale and taken over.

The file is left in place (emptied) on release: removing a flock'ed file would let two runs
lock two different files of the same name.
"""

from __future__ import annotations

import json
import logging
import os
import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger("cdht.lock")


def lock_path_for(db_path: Path | str) -> Path:
    """The lock file of a database: ``<db>.lock`` beside the real file, so that a symlink or
    another spelling of the same path takes the same lock."""
    return Path(str(Path(db_path).resolve()) + ".lock")


@dataclass
class LockInfo:
    """What a lock file says about its holder."""

    pid: int | None = None
    host: str = ""
    command: str = ""
    started_at: str = ""  # ISO 8601 UTC

    @classmethod
    def parse(cls, text: str) -> LockInfo | None:
        text = text.strip()
        if not text:
            return None
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            # an older or hand-made lock: "pid" or "pid host"
            parts = text.split()
            try:
                return cls(pid=int(parts[0]), host=parts[1] if len(parts) > 1 else "")
            except (ValueError, IndexError):
                return cls()
        if not isinstance(data, dict):
            return cls()
        pid = data.get("pid")
        return cls(
            pid=pid if isinstance(pid, int) else None,
            host=str(data.get("host", "")),
            command=str(data.get("command", "")),
            started_at=str(data.get("started_at", "")),
        )

    def describe(self) -> str:
        who = f"pid {self.pid}" if self.pid else "an unknown process"
        if self.host:
            who += f" on {self.host}"
        if self.command:
            who = f"`cdht {self.command}` ({who})"
        if self.started_at:
            who += f", started {self.started_at}"
        return who


class LockHeld(Exception):
    """Another run holds the lock; ``info`` says which (when the file says)."""

    def __init__(self, path: Path, info: LockInfo | None):
        self.path = path
        self.info = info
        holder = info.describe() if info else "another run"
        super().__init__(f"another run is in progress: {holder} (lock file {path})")


def pid_alive(pid: int) -> bool:
    """True if a process with this pid exists on this host (or we may not signal it)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def is_stale(info: LockInfo | None, host: str | None = None) -> bool:
    """A lock whose holder is known to be gone: its pid is dead on this host.

    A lock taken on another host is never judged stale from here (its pid means nothing here).
    """
    if info is None or info.pid is None:
        return True
    if info.host and info.host != (host or socket.gethostname()):
        return False
    return not pid_alive(info.pid)


class RunLock:
    """``with RunLock(lock_path_for(db), command="run-once") as lock: ...``

    :meth:`acquire` raises :class:`LockHeld` when another live run holds it. After acquiring,
    ``taken_over`` holds what a previous, crashed holder left in the file (else None).
    """

    def __init__(self, path: Path | str, *, command: str = ""):
        self.path = Path(path)
        self.command = command
        self.fd: int | None = None
        self.taken_over: LockInfo | None = None
        self.info: LockInfo | None = None

    # ------------------------------------------------------------ public
    def acquire(self) -> RunLock:
        if self.fd is not None:
            return self
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if fcntl is not None:
            self._acquire_flock()
        else:  # pragma: no cover - not POSIX
            self._acquire_excl()
        if self.taken_over is not None:
            log.warning("took over a stale lock left by %s", self.taken_over.describe())
        return self

    def release(self) -> None:
        if self.fd is None:
            return
        try:
            if fcntl is not None:
                os.ftruncate(self.fd, 0)
                fcntl.flock(self.fd, fcntl.LOCK_UN)
            else:  # pragma: no cover - not POSIX
                self.path.unlink(missing_ok=True)
        except OSError as exc:  # pragma: no cover - the file vanished under us
            log.debug("releasing %s: %s", self.path, exc)
        finally:
            os.close(self.fd)
            self.fd = None

    @property
    def held(self) -> bool:
        return self.fd is not None

    def __enter__(self) -> RunLock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()

    # ------------------------------------------------------------ internals
    def _my_info(self) -> LockInfo:
        return LockInfo(
            pid=os.getpid(),
            host=socket.gethostname(),
            command=self.command,
            started_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        )

    def _write(self, fd: int) -> None:
        self.info = self._my_info()
        data = json.dumps(self.info.__dict__, ensure_ascii=False).encode("utf-8")
        os.ftruncate(fd, 0)
        os.pwrite(fd, data + b"\n", 0)
        os.fsync(fd)

    def _acquire_flock(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            info = LockInfo.parse(_read_fd(fd))
            os.close(fd)
            raise LockHeld(self.path, info) from None
        except OSError:
            os.close(fd)
            raise
        left = LockInfo.parse(_read_fd(fd))
        if left is not None and left.pid != os.getpid():
            self.taken_over = left
        self._write(fd)
        self.fd = fd

    def _acquire_excl(self) -> None:  # pragma: no cover - exercised only where fcntl is missing
        for _attempt in range(3):
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o666)
            except FileExistsError:
                try:
                    info = LockInfo.parse(self.path.read_text(encoding="utf-8"))
                except OSError:
                    continue
                if not is_stale(info):
                    raise LockHeld(self.path, info) from None
                self.taken_over = info
                self.path.unlink(missing_ok=True)
                continue
            self._write(fd)
            self.fd = fd
            return
        raise LockHeld(self.path, read_lock(self.path))


def _read_fd(fd: int) -> str:
    try:
        return os.pread(fd, 4096, 0).decode("utf-8", "replace")
    except OSError:
        return ""


def read_lock(path: Path | str) -> LockInfo | None:
    """What the lock file says, or None if it is missing or empty."""
    try:
        return LockInfo.parse(Path(path).read_text(encoding="utf-8"))
    except OSError:
        return None


def lock_holder(path: Path | str) -> LockInfo | None:
    """The live holder of the lock at ``path``, or None if nobody holds it now."""
    path = Path(path)
    if not path.exists():
        return None
    if fcntl is None:  # pragma: no cover
        info = read_lock(path)
        return None if is_stale(info) else info
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return LockInfo.parse(_read_fd(fd)) or LockInfo()
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


def mark_abandoned_runs(store) -> int:
    """Runs left 'running' by a process that no longer exists become 'interrupted'.

    Call while holding the run lock (another night cannot be running then); a run of a live
    process (a manual ``cdht collect``) is left alone.
    """
    rows = store.running_runs()
    n = 0
    for r in rows:
        if r["pid"] == os.getpid() or (r["pid"] and pid_alive(r["pid"])):
            continue
        store.close_abandoned_run(r["id"], _ABANDONED)
        n += 1
    if n:
        log.warning("%d run(s) left unfinished by a crashed process marked as interrupted", n)
    return n


_ABANDONED = "the process ended without finishing (killed or crashed)"
