"""The schema as named migrations, in the order they are applied (``pipeline/store/schema.py``
applies them). A migration is never edited once released: a change of schema is a new entry at
the end, SQL or a Python function of the connection (a migration of the data itself).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from pipeline.store.desk_schema import DESK_SCHEMA

MIGRATIONS: list[tuple[str, str | Callable[[sqlite3.Connection], None]]] = [
    (
        "initial schema",
        """
        CREATE TABLE items (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL CHECK (source IN ('website', 'facebook')),
            key TEXT NOT NULL CHECK (key <> ''),
            url TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL DEFAULT '',
            published_utc TEXT,            -- ISO 8601 UTC, 'YYYY-MM-DDTHH:MM:SSZ'
            local_date TEXT,               -- YYYY-MM-DD in Asia/Ho_Chi_Minh
            date_source TEXT NOT NULL DEFAULT '',
            category TEXT NOT NULL DEFAULT '',
            category_source TEXT NOT NULL DEFAULT '',
            lead TEXT NOT NULL DEFAULT '',
            words INTEGER NOT NULL DEFAULT 0,
            byline TEXT NOT NULL DEFAULT '',
            has_player INTEGER NOT NULL DEFAULT 0,
            media_type TEXT NOT NULL DEFAULT '',
            link_url TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL DEFAULT 'news' CHECK (kind IN ('news', 'article', 'video')),
            kind_reason TEXT NOT NULL DEFAULT '',
            with_video INTEGER NOT NULL DEFAULT 0,
            unit_id TEXT,
            unit_reason TEXT NOT NULL DEFAULT '',
            is_repost INTEGER NOT NULL DEFAULT 0,
            is_bulletin INTEGER NOT NULL DEFAULT 0,
            is_contest INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'pending')),
            error TEXT NOT NULL DEFAULT '',
            linked_key TEXT NOT NULL DEFAULT '',   -- facebook post -> website item key
            raw TEXT NOT NULL DEFAULT '{}',
            first_seen TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (source, key)
        );
        CREATE INDEX items_local_date ON items (source, local_date);

        CREATE TABLE item_contributors (
            item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
            contributor_id TEXT NOT NULL,
            PRIMARY KEY (item_id, contributor_id)
        );

        CREATE TABLE overrides (
            source TEXT NOT NULL,
            key TEXT NOT NULL,
            field TEXT NOT NULL CHECK (field IN ('kind', 'unit', 'contributors', 'published')),
            value TEXT NOT NULL,           -- kind name, unit id ('' = none), JSON list, ISO date
            note TEXT NOT NULL DEFAULT '',
            set_at TEXT NOT NULL,
            PRIMARY KEY (source, key, field)
        );

        CREATE TABLE fetch_state (
            url TEXT PRIMARY KEY,
            etag TEXT,
            last_modified TEXT,
            body_hash TEXT,
            http_status INTEGER,
            failures REAL NOT NULL DEFAULT 0,
            next_attempt TEXT,
            last_fetched TEXT,
            error TEXT NOT NULL DEFAULT ''
        );

        CREATE TABLE listing_state (
            slug TEXT PRIMARY KEY,
            backfill_complete INTEGER NOT NULL DEFAULT 0,
            resume_page INTEGER NOT NULL DEFAULT 1,
            updated_at TEXT NOT NULL
        );

        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            command TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            outcome TEXT NOT NULL DEFAULT 'running'
                CHECK (outcome IN ('running', 'ok', 'partial', 'failed', 'interrupted')),
            items_new INTEGER NOT NULL DEFAULT 0,
            items_updated INTEGER NOT NULL DEFAULT 0,
            requests INTEGER NOT NULL DEFAULT 0,
            errors INTEGER NOT NULL DEFAULT 0,
            message TEXT NOT NULL DEFAULT '',
            pid INTEGER
        );

        CREATE TABLE run_errors (
            run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            at TEXT NOT NULL,
            url TEXT NOT NULL DEFAULT '',
            message TEXT NOT NULL
        );

        CREATE VIEW v_items AS
        SELECT i.*,
               COALESCE(ok.value, i.kind) AS eff_kind,
               CASE WHEN ou.source IS NOT NULL THEN NULLIF(ou.value, '') ELSE i.unit_id END
                   AS eff_unit,
               CASE WHEN ou.source IS NOT NULL THEN 'override' ELSE i.unit_reason END
                   AS eff_unit_reason,
               (ok.source IS NOT NULL OR ou.source IS NOT NULL OR oc.source IS NOT NULL)
                   AS overridden,
               oc.value AS contributors_override
        FROM items i
        LEFT JOIN overrides ok ON ok.source = i.source AND ok.key = i.key AND ok.field = 'kind'
        LEFT JOIN overrides ou ON ou.source = i.source AND ou.key = i.key AND ou.field = 'unit'
        LEFT JOIN overrides oc ON oc.source = i.source AND oc.key = i.key
                                AND oc.field = 'contributors';
        """,
    ),
    (
        "key-value state (discovered feeds and categories)",
        """
        CREATE TABLE kv (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        """,
    ),
]


# An editor who makes an item a video makes it an item with a video too (B.IV.3 counts it):
# the view gains ``eff_with_video``, what quotas and reports read.
VIEW_WITH_VIDEO = """
DROP VIEW v_items;
CREATE VIEW v_items AS
SELECT i.*,
       COALESCE(ok.value, i.kind) AS eff_kind,
       CASE WHEN ou.source IS NOT NULL THEN NULLIF(ou.value, '') ELSE i.unit_id END
           AS eff_unit,
       CASE WHEN ou.source IS NOT NULL THEN 'override' ELSE i.unit_reason END
           AS eff_unit_reason,
       (ok.source IS NOT NULL OR ou.source IS NOT NULL OR oc.source IS NOT NULL)
           AS overridden,
       oc.value AS contributors_override,
       CASE WHEN COALESCE(ok.value, i.kind) = 'video' THEN 1 ELSE i.with_video END
           AS eff_with_video
FROM items i
LEFT JOIN overrides ok ON ok.source = i.source AND ok.key = i.key AND ok.field = 'kind'
LEFT JOIN overrides ou ON ou.source = i.source AND ou.key = i.key AND ou.field = 'unit'
LEFT JOIN overrides oc ON oc.source = i.source AND oc.key = i.key
                        AND oc.field = 'contributors';
"""

MIGRATIONS += [
    # the desk's accounts, audit trail, contributor registry and plan marks
    ("desk: users, api tokens, audit, reviews, contributors, plan marks", DESK_SCHEMA),
    ("a video override makes with_video true", VIEW_WITH_VIDEO),
    (
        "how each field was found, and why an item is uncertain",
        """
        -- JSON object: field -> the rule that gave it (title, date, category, lead, body, byline)
        ALTER TABLE items ADD COLUMN provenance TEXT NOT NULL DEFAULT '{}';
        -- JSON list of Vietnamese reasons for the data-quality list ([] = nothing to check)
        ALTER TABLE items ADD COLUMN flags TEXT NOT NULL DEFAULT '[]';
        """,
    ),
    (
        "index: the newest change of each source",
        # ``newest_change(source)`` (when Facebook data last came in, on every desk page and
        # report) becomes one index lookup instead of a scan of the source's items
        "CREATE INDEX items_source_updated ON items (source, updated_at);",
    ),
    (
        "a counter of changes to what reports count",
        """
        -- one row: raised by every write to what a report counts (items, contributors of
        -- items, editors' decisions, runs, the contributor registry, plan marks), by any
        -- process; the desk keys what it keeps between requests on it
        CREATE TABLE change_counter (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            n INTEGER NOT NULL
        );
        INSERT INTO change_counter (id, n) VALUES (1, 0);
        CREATE TRIGGER items_insert_counted AFTER INSERT ON items
            BEGIN UPDATE change_counter SET n = n + 1; END;
        CREATE TRIGGER items_update_counted AFTER UPDATE ON items
            BEGIN UPDATE change_counter SET n = n + 1; END;
        CREATE TRIGGER items_delete_counted AFTER DELETE ON items
            BEGIN UPDATE change_counter SET n = n + 1; END;
        CREATE TRIGGER item_contributors_insert_counted AFTER INSERT ON item_contributors
            BEGIN UPDATE change_counter SET n = n + 1; END;
        CREATE TRIGGER item_contributors_update_counted AFTER UPDATE ON item_contributors
            BEGIN UPDATE change_counter SET n = n + 1; END;
        CREATE TRIGGER item_contributors_delete_counted AFTER DELETE ON item_contributors
            BEGIN UPDATE change_counter SET n = n + 1; END;
        CREATE TRIGGER overrides_insert_counted AFTER INSERT ON overrides
            BEGIN UPDATE change_counter SET n = n + 1; END;
        CREATE TRIGGER overrides_update_counted AFTER UPDATE ON overrides
            BEGIN UPDATE change_counter SET n = n + 1; END;
        CREATE TRIGGER overrides_delete_counted AFTER DELETE ON overrides
            BEGIN UPDATE change_counter SET n = n + 1; END;
        CREATE TRIGGER runs_insert_counted AFTER INSERT ON runs
            BEGIN UPDATE change_counter SET n = n + 1; END;
        CREATE TRIGGER runs_update_counted AFTER UPDATE ON runs
            BEGIN UPDATE change_counter SET n = n + 1; END;
        CREATE TRIGGER runs_delete_counted AFTER DELETE ON runs
            BEGIN UPDATE change_counter SET n = n + 1; END;
        CREATE TRIGGER contributors_insert_counted AFTER INSERT ON contributors
            BEGIN UPDATE change_counter SET n = n + 1; END;
        CREATE TRIGGER contributors_update_counted AFTER UPDATE ON contributors
            BEGIN UPDATE change_counter SET n = n + 1; END;
        CREATE TRIGGER contributors_delete_counted AFTER DELETE ON contributors
            BEGIN UPDATE change_counter SET n = n + 1; END;
        CREATE TRIGGER plan_marks_insert_counted AFTER INSERT ON plan_marks
            BEGIN UPDATE change_counter SET n = n + 1; END;
        CREATE TRIGGER plan_marks_update_counted AFTER UPDATE ON plan_marks
            BEGIN UPDATE change_counter SET n = n + 1; END;
        CREATE TRIGGER plan_marks_delete_counted AFTER DELETE ON plan_marks
            BEGIN UPDATE change_counter SET n = n + 1; END;
        """,
    ),
    (
        "aliases: the other addresses of an item",
        """
        -- an address an item's page was reached by that is not its own canonical URL
        -- (a navigation parameter, a category path, a moved article's old slug)
        CREATE TABLE aliases (
            source TEXT NOT NULL,
            alias TEXT NOT NULL CHECK (alias <> ''),
            key TEXT NOT NULL CHECK (key <> ''),
            first_seen TEXT NOT NULL,
            PRIMARY KEY (source, alias)
        );
        CREATE INDEX aliases_key ON aliases (source, key);
        """,
    ),
]
MIGRATIONS += [
    (
        "desk: sessions in the store, token expiry, no signing key in the database",
        """
        -- a signed-in browser: only a hash of its session id is kept; logout, a new password,
        -- disabling and "sign out everywhere" delete the rows, which ends the sessions at once
        CREATE TABLE desk_sessions (
            id_hash TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            created REAL NOT NULL,      -- seconds since the epoch
            last_seen REAL NOT NULL,
            address TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX desk_sessions_user ON desk_sessions (user_id);
        ALTER TABLE api_tokens ADD COLUMN expires_at TEXT;  -- ISO 8601 UTC; NULL: no expiry
        -- the token's first characters, to tell tokens apart in `cdht user tokens`
        ALTER TABLE api_tokens ADD COLUMN prefix TEXT NOT NULL DEFAULT '';
        -- the cookie-signing key lives in a file of its own (0600) from now on
        DELETE FROM kv WHERE key = 'desk.secret_key';
        """,
    ),
    (
        "royalty marks: an item's points and items that earn no royalty",
        """
        -- an editor's royalty decisions, keyed like overrides by the item's identity so that
        -- they survive every collection: field 'points' (a JSON number) or 'no_royalty' (true)
        CREATE TABLE royalty_marks (
            source TEXT NOT NULL,
            key TEXT NOT NULL,
            field TEXT NOT NULL CHECK (field IN ('points', 'no_royalty')),
            value TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            set_at TEXT NOT NULL,
            PRIMARY KEY (source, key, field)
        );
        CREATE TRIGGER royalty_marks_insert_counted AFTER INSERT ON royalty_marks
            BEGIN UPDATE change_counter SET n = n + 1; END;
        CREATE TRIGGER royalty_marks_update_counted AFTER UPDATE ON royalty_marks
            BEGIN UPDATE change_counter SET n = n + 1; END;
        CREATE TRIGGER royalty_marks_delete_counted AFTER DELETE ON royalty_marks
            BEGIN UPDATE change_counter SET n = n + 1; END;
        """,
    ),
]


MIGRATIONS += [
    (
        "the lowest release that may write this store",
        """
        -- one row: the store format this database needs (pipeline/store/upgrade.py); a release
        -- whose own format is lower refuses to open it, so that it neither reads figures it
        -- would count differently nor writes without what a newer release keeps
        CREATE TABLE store_floor (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            format INTEGER NOT NULL,
            release TEXT NOT NULL,     -- the cdht release that raised it, for people
            set_at TEXT NOT NULL
        );
        """,
    ),
]


def _merge_aliases(conn: sqlite3.Connection) -> None:
    from pipeline.store.aliases import merge_stored_aliases

    merge_stored_aliases(conn)


MIGRATIONS += [
    # items an earlier release stored under an alias of another item (a navigation parameter,
    # a print or category path): merged into it, overrides and contributors kept, audited
    ("aliases: items stored under another address of an article merged", _merge_aliases),
]
