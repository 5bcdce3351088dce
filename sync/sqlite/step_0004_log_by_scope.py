"""Sync step 0004, released: the central log read by scope, whatever its length.

Frozen: never edit this file (a test compares its SHA-256); change the schema in a new step.
"""

NAME = "sync_0004_log_by_scope"


def migrate(db):
    db.executescript("""
    -- A pull reads, for each scope a device may see, one range of seqs after its cursor: the
    -- entries of each of its communes, of its office, and those shared by all. Partial, so
    -- that entries of no such scope take no room in them.
    CREATE INDEX IF NOT EXISTS idx_sync_log_commune ON sync_log(scope_commune, seq)
        WHERE scope_commune IS NOT NULL;
    CREATE INDEX IF NOT EXISTS idx_sync_log_office ON sync_log(scope_office, seq)
        WHERE scope_office IS NOT NULL;
    CREATE INDEX IF NOT EXISTS idx_sync_log_shared ON sync_log(seq)
        WHERE scope_commune IS NULL AND scope_office IS NULL;
    """)
