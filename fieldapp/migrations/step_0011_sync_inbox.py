"""Step 0011, released: the sync inbox and refusals, replacing sync_rejections.

Frozen: never edit this file (a test compares its SHA-256); change the schema in a new step.
"""

NAME = "0011_sync_inbox"


def migrate(db):
    db.executescript("""
    -- Laptop: records the central server refused, one row per record, sent again at every sync
    -- until it takes them or a user discards them; `seq` is the log entry that last carried it.
    CREATE TABLE sync_refused (
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
    CREATE TABLE sync_inbox (
        table_name TEXT NOT NULL,
        row_id TEXT NOT NULL,
        fields TEXT NOT NULL,
        reason TEXT NOT NULL,
        received_at TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (table_name, row_id)
    );
    -- Central server: what was refused to each device, so that a retried request (its first
    -- answer lost) is answered with the same refusals.
    CREATE TABLE device_refusals (
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
    # Refusals listed before: the latest of each record, to be sent again at the next sync.
    db.execute("""
        INSERT INTO sync_refused (table_name, row_id, seq, code, reason, at)
        SELECT table_name, row_id, max(seq), 'refused', reason, at FROM sync_rejections
         WHERE seq > 0 GROUP BY table_name, row_id""")
    # Received changes that could not be saved were dropped: pull everything again, into the
    # inbox this time (the central server's values are merged, so nothing is taken twice).
    if db.execute("SELECT EXISTS (SELECT 1 FROM sync_rejections WHERE seq < 0)").fetchone()[0]:
        db.execute("UPDATE sync_state SET value = '0' WHERE key = 'pull_cursor'")
    db.execute("DROP TABLE sync_rejections")
