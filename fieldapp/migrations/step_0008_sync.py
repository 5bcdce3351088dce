"""Step 0008, released: sync: field clocks, the change log, devices and enrolment codes.

Frozen: never edit this file (a test compares its SHA-256); change the schema in a new step.
"""

NAME = "0008_sync"


# The columns every synced table carries (see sync.tables); frozen here as of step 1.
_SYNCED = """
    id TEXT PRIMARY KEY NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    created_by TEXT,
    updated_by TEXT,
    deleted_at TEXT"""


_SYNCED_TABLES_V8 = ("offices", "office_communes", "villages", "users", "list_items",
                     "households", "people", "visits", "visit_outcomes", "group_sessions",
                     "session_attendees", "scripts", "script_texts", "policy_figures",
                     "translation_reviews")


def _log_existing_rows(db):
    """Rows written before change capture existed go into the log, to be pushed like new ones."""
    import json
    import time

    seeded = "2026-11-23T00:00:00.000+00:00"  # rows every install seeds itself (0003-0005)
    now_ms, n = int(time.time() * 1000), 0
    for table in _SYNCED_TABLES_V8:
        cursor = db.execute(f"select * from [{table}] where created_at != ?", [seeded])
        names = [d[0] for d in cursor.description]
        for found in cursor.fetchall():
            row = dict(zip(names, found))
            stamp = f"{now_ms + n // 100000:013d}.{n % 100000:05d}.migrated"
            n += 1
            fields = {k: v for k, v in row.items() if k not in ("id", "sync_clock")}
            db.execute(f"update [{table}] set sync_clock = ? where id = ?",
                       [json.dumps({k: stamp for k in fields}), row["id"]])
            db.execute("insert into sync_log (table_name, row_id, fields, origin)"
                       " values (?, ?, ?, 'migrated')",
                       [table, row["id"],
                        json.dumps({k: [v, stamp, ""] for k, v in fields.items()},
                                   ensure_ascii=False, separators=(",", ":"))])


def migrate(db):
    for table in _SYNCED_TABLES_V8:
        # The hybrid-logical-clock stamp of each field's last write: {field: hlc}.
        db.execute(f"ALTER TABLE [{table}] ADD COLUMN sync_clock TEXT NOT NULL DEFAULT '{{}}'")
    db.executescript(f"""
    -- Every captured write, in order. On a laptop: what is still to push (seq > pushed).
    -- On the central server: everything merged, the source of every laptop's pull.
    CREATE TABLE sync_log (
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
    CREATE INDEX idx_sync_log_row ON sync_log(table_name, row_id);
    CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    -- Fields a newer app sent that this version has no column for: kept and sent on.
    CREATE TABLE sync_extra (
        table_name TEXT NOT NULL, row_id TEXT NOT NULL, field TEXT NOT NULL,
        value TEXT, hlc TEXT NOT NULL,
        PRIMARY KEY (table_name, row_id, field)
    );
    -- Records the central server refused, with its reason, to show on the sync page.
    CREATE TABLE sync_rejections (
        seq INTEGER PRIMARY KEY, table_name TEXT NOT NULL, row_id TEXT NOT NULL,
        reason TEXT NOT NULL, at TEXT NOT NULL
    );
    -- The same field changed on two devices that had not seen each other's edit.
    CREATE TABLE sync_conflicts ({_SYNCED},
        table_name TEXT NOT NULL,
        row_id TEXT NOT NULL,
        field TEXT NOT NULL,
        kept_value TEXT,
        kept_hlc TEXT NOT NULL,
        lost_value TEXT,
        lost_hlc TEXT NOT NULL,
        scope_commune INTEGER,
        scope_office TEXT,
        resolved_at TEXT,
        resolution TEXT,
        sync_clock TEXT NOT NULL DEFAULT '{{}}'
    );
    CREATE INDEX idx_sync_conflicts_open ON sync_conflicts(resolved_at, table_name);
    -- Central server only: enrolled laptops and one-time enrolment codes.
    CREATE TABLE devices (
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
    CREATE TABLE enrolment_codes (
        code_hash TEXT PRIMARY KEY,
        office_id TEXT NOT NULL REFERENCES offices(id),
        created_at TEXT NOT NULL,
        created_by TEXT,
        expires_at TEXT NOT NULL,
        used_at TEXT,
        device_id TEXT
    );
    """)
    _log_existing_rows(db)
