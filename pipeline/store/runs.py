"""The run log: every collection, import and night, with its outcome, counts and errors."""

from __future__ import annotations

import sqlite3

from collectors.dates import utcnow


class RunsMixin:
    conn: sqlite3.Connection

    def start_run(self, command: str, pid: int | None = None) -> int:
        cur = self.conn.execute(
            "INSERT INTO runs (command, started_at, pid) VALUES (?, ?, ?)",
            (command, utcnow(), pid),
        )
        return cur.lastrowid

    def finish_run(self, run_id: int, outcome: str, **counts) -> None:
        sets = ", ".join(f"{k} = ?" for k in counts)
        self.conn.execute(
            f"UPDATE runs SET finished_at = ?, outcome = ?{', ' + sets if sets else ''} "
            "WHERE id = ?",
            [utcnow(), outcome, *counts.values(), run_id],
        )

    def run_error(self, run_id: int, message: str, url: str = "") -> None:
        self.conn.execute(
            "INSERT INTO run_errors (run_id, at, url, message) VALUES (?, ?, ?, ?)",
            (run_id, utcnow(), url, message),
        )
        self.conn.execute("UPDATE runs SET errors = errors + 1 WHERE id = ?", (run_id,))

    def runs(self, limit: int = 20) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT * FROM runs ORDER BY id DESC LIMIT ?", (limit,)
        ).fetchall()

    def run_errors(self, run_id: int, limit: int = 50) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT at, url, message FROM run_errors WHERE run_id = ? ORDER BY rowid LIMIT ?",
            (run_id, limit),
        ).fetchall()

    def last_run(self) -> sqlite3.Row | None:
        """The newest run of a command (a night's steps, named ``night:step``, left out)."""
        return self.conn.execute(
            "SELECT * FROM runs WHERE command NOT LIKE '%:%' ORDER BY id DESC LIMIT 1"
        ).fetchone()

    def last_success(self, command: str) -> str | None:
        """When the newest run of ``command`` (alone or as a night's step) that did its work
        ended (``ok`` or ``partial``), as stored (UTC); None if none did."""
        row = self.conn.execute(
            "SELECT finished_at FROM runs WHERE (command = ? OR command LIKE ?) "
            "AND outcome IN ('ok', 'partial') ORDER BY id DESC LIMIT 1",
            (command, f"%:{command}"),
        ).fetchone()
        return row[0] if row else None

    def last_success_of(self, pattern: str) -> str | None:
        """The latest end (UTC) of a run whose command matches the SQL LIKE ``pattern`` and that
        did its work (``ok`` or ``partial``); None if none did."""
        row = self.conn.execute(
            "SELECT MAX(finished_at) FROM runs WHERE command LIKE ? "
            "AND outcome IN ('ok', 'partial') AND finished_at IS NOT NULL",
            (pattern,),
        ).fetchone()
        return row[0] if row else None

    def runs_of(self, pattern: str, limit: int = 8) -> list[sqlite3.Row]:
        """The newest runs whose command matches the SQL LIKE ``pattern``."""
        return self.conn.execute(
            "SELECT * FROM runs WHERE command LIKE ? ORDER BY id DESC LIMIT ?", (pattern, limit)
        ).fetchall()

    def running_runs(self) -> list[sqlite3.Row]:
        return self.conn.execute("SELECT id, pid FROM runs WHERE outcome = 'running'").fetchall()

    def close_abandoned_run(self, run_id: int, message: str) -> None:
        """A run its process left ``running`` becomes ``interrupted``, with ``message`` added,
        and with what it did store before it stopped: the items first seen (new) or changed
        (updated) from its start until the next run began (runs that write items hold the run
        lock, so those are its own). Counts it recorded itself are kept when larger."""
        new, updated, last = self.stored_during(run_id)
        message = f"{message}; {new} new, {updated} updated stored before it stopped"
        self.conn.execute(
            "UPDATE runs SET outcome = 'interrupted', finished_at = COALESCE(finished_at, ?, ?), "
            "items_new = MAX(items_new, ?), items_updated = MAX(items_updated, ?), "
            "message = CASE WHEN message = '' THEN ? ELSE message || '; ' || ? END "
            "WHERE id = ? AND outcome = 'running'",
            (last, utcnow(), new, updated, message, message, run_id),
        )

    def stored_during(self, run_id: int) -> tuple[int, int, str | None]:
        """(new, updated, the last write) of items between a run's start and the start of the
        next run that is not one of its own steps (``command:step``), or now."""
        row = self.conn.execute("SELECT command, started_at FROM runs WHERE id = ?", (run_id,)).fetchone()
        if row is None:
            return 0, 0, None
        end = self.conn.execute(
            "SELECT MIN(started_at) FROM runs WHERE id > ? AND command NOT LIKE ? || ':%'",
            (run_id, row["command"]),
        ).fetchone()[0] or "9999"
        start = row["started_at"]
        new = self.conn.execute(
            "SELECT COUNT(*) FROM items WHERE first_seen >= ? AND first_seen < ?", (start, end)
        ).fetchone()[0]
        updated = self.conn.execute(
            "SELECT COUNT(*) FROM items WHERE first_seen < ? AND updated_at >= ? AND updated_at < ?",
            (start, start, end),
        ).fetchone()[0]
        last = self.conn.execute(
            "SELECT MAX(updated_at) FROM items WHERE updated_at >= ? AND updated_at < ?", (start, end)
        ).fetchone()[0]
        return new, updated, last
