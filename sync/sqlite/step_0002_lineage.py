"""Sync step 0002, released: what each side needs to notice a log that went back in time.

Frozen: never edit this file (a test compares its SHA-256); change the schema in a new step.
"""

NAME = "sync_0002_lineage"


def migrate(db):
    db.executescript("""
    -- Central server: the highest pull position handed to the device (null: not yet known);
    -- a laptop that says it has pulled further holds a log this server has lost.
    ALTER TABLE devices ADD COLUMN pull_bound INTEGER;
    -- Central server: a device made from another whose identity two machines shared (a copied
    -- laptop) or that went back in time (a laptop restored from an older copy).
    ALTER TABLE devices ADD COLUMN split_from TEXT;
    ALTER TABLE devices ADD COLUMN split_at TEXT;
    -- Central server: what each of a device's recently merged changes was, by its log position,
    -- so that a change sent again is known by what it is, not by its number alone.
    CREATE TABLE IF NOT EXISTS device_pushes (
        device_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        digest TEXT NOT NULL,
        PRIMARY KEY (device_id, seq)
    ) WITHOUT ROWID;
    """)
