"""Sync step 0003, released: the trail of each logged change, handed on with it.

Frozen: never edit this file (a test compares its SHA-256); change the schema in a new step.
"""

NAME = "sync_0003_trail"


def migrate(db):
    db.executescript("""
    -- The history entry a change left where it was written or merged (JSON: at, user_id,
    -- action, changes), so that every device that pulls it records the same history; null for
    -- bookkeeping entries (a value sent back, a record logged again).
    ALTER TABLE sync_log ADD COLUMN trail TEXT;
    """)
