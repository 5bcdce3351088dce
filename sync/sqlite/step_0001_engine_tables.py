"""Sync step 0001, released: the engine's own tables.

Frozen: never edit this file (a test compares its SHA-256); change the schema in a new step.
"""

NAME = "sync_0001_engine_tables"


def migrate(db):
    # fieldapp's released steps 0008 and 0011 made these tables before the engine shipped its
    # schema: IF NOT EXISTS takes them over as they are (tests/test_sync_store.py compares).
    db.executescript("""
    -- Every captured write, in order. On a laptop: what is still to push (seq > pushed).
    -- On the central server: everything merged, the source of every laptop's pull.
    CREATE TABLE IF NOT EXISTS sync_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        table_name TEXT NOT NULL,
        row_id TEXT NOT NULL,
        fields TEXT NOT NULL,
        origin TEXT NOT NULL,
        scope_commune INTEGER,
        scope_office TEXT,
        -- 1 when the origin device already holds exactly this: not sent back to it.
        origin_has_it INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX IF NOT EXISTS idx_sync_log_row ON sync_log(table_name, row_id);
    CREATE TABLE IF NOT EXISTS sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    -- Fields a newer app sent that this version has no column for: kept and sent on.
    CREATE TABLE IF NOT EXISTS sync_extra (
        table_name TEXT NOT NULL, row_id TEXT NOT NULL, field TEXT NOT NULL,
        value TEXT, hlc TEXT NOT NULL,
        PRIMARY KEY (table_name, row_id, field)
    );
    -- Laptop: records the central server refused, one row per record, sent again at every sync
    -- until it takes them or a user discards them; `seq` is the log entry that last carried it.
    CREATE TABLE IF NOT EXISTS sync_refused (
        table_name TEXT NOT NULL,
        row_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        code TEXT NOT NULL,
        reason TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (table_name, row_id)
    );
    -- Laptop: received changes that cannot be saved yet (their parent has not arrived), kept
    -- whole and applied as soon as they can be.
    CREATE TABLE IF NOT EXISTS sync_inbox (
        table_name TEXT NOT NULL,
        row_id TEXT NOT NULL,
        fields TEXT NOT NULL,
        reason TEXT NOT NULL,
        received_at TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (table_name, row_id)
    );
    -- Central server only: enrolled laptops and one-time enrolment codes.
    CREATE TABLE IF NOT EXISTS devices (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        office_id TEXT NOT NULL REFERENCES offices(id),
        secret_hash TEXT NOT NULL,
        enrolled_at TEXT NOT NULL,
        enrolled_by TEXT,
        revoked_at TEXT,
        last_seen_at TEXT,
        last_seq INTEGER NOT NULL DEFAULT 0,
        app_version TEXT
    );
    CREATE TABLE IF NOT EXISTS enrolment_codes (
        code_hash TEXT PRIMARY KEY,
        office_id TEXT NOT NULL REFERENCES offices(id),
        created_at TEXT NOT NULL,
        created_by TEXT,
        expires_at TEXT NOT NULL,
        used_at TEXT,
        device_id TEXT
    );
    -- Central server: what was refused to each device, so that a retried request (its first
    -- answer lost) is answered with the same refusals.
    CREATE TABLE IF NOT EXISTS device_refusals (
        device_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        table_name TEXT NOT NULL,
        row_id TEXT NOT NULL,
        code TEXT NOT NULL,
        reason TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (device_id, seq)
    );
    """)
