"""The desk's tables (one migration registered in ``pipeline/store.py``).

- ``users`` and ``api_tokens``: accounts with a role; only a hash of a password (argon2) or of
  an API token (SHA-256) is stored.
- ``audit``: every change made through the desk or ``cdht item``: who, when, what, the value
  before and after, and the note; ``undone_by`` links a change to the one that undid it.
- ``reviews``: an item an editor has looked at and confirmed (it leaves the worklist).
- ``contributors``: the contributor registry (``contributors.toml`` is imported into it).
- ``plan_marks``: hand-tracked plan items (``manual.toml``) and columns (B.I.3) marked done.
"""

DESK_SCHEMA = """
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (name <> ''),
    role TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
    password_hash TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    last_used TEXT
);

CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    who TEXT NOT NULL,
    action TEXT NOT NULL,
    target_type TEXT NOT NULL,
    target TEXT NOT NULL,
    field TEXT NOT NULL DEFAULT '',
    before TEXT,
    after TEXT,
    note TEXT NOT NULL DEFAULT '',
    undone_by INTEGER
);
CREATE INDEX audit_target ON audit (target_type, target);

CREATE TABLE reviews (
    source TEXT NOT NULL,
    key TEXT NOT NULL,
    at TEXT NOT NULL,
    who TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (source, key)
);

CREATE TABLE contributors (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]',
    unit TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL DEFAULT 'ctv',
    valid_from TEXT,
    valid_to TEXT,
    targets TEXT NOT NULL DEFAULT '{}',
    updated_at TEXT NOT NULL
);

CREATE TABLE plan_marks (
    id TEXT PRIMARY KEY,
    done_on TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    who TEXT NOT NULL,
    at TEXT NOT NULL
);

CREATE INDEX item_contributors_contributor ON item_contributors (contributor_id);
-- the month's rows of every source (items_between has no source; the desk's pages, newest first)
CREATE INDEX items_day ON items (local_date);
CREATE INDEX items_published ON items (published_utc);
CREATE INDEX items_updated ON items (updated_at);  -- the desk's "has anything changed" stamp
"""
