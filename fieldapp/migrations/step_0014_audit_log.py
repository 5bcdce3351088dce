"""Step 0014, released: the central server's audit log.

Frozen: never edit this file (a test compares its SHA-256); change the schema in a new step.
"""

NAME = "0014_audit_log"


def migrate(db):
    # Central server: who (user or device) did what, when and from which address. Local, never
    # synced; rows are only ever added. Newest first is id order, so each filter's index ends
    # in id.
    db.executescript("""
    CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        user_id TEXT,
        device_id TEXT,
        address TEXT,
        action TEXT NOT NULL,
        table_name TEXT,
        row_id TEXT,
        detail TEXT
    );
    CREATE INDEX idx_audit_log_at ON audit_log(at);
    CREATE INDEX idx_audit_log_action ON audit_log(action, id);
    CREATE INDEX idx_audit_log_user ON audit_log(user_id, id) WHERE user_id IS NOT NULL;
    CREATE INDEX idx_audit_log_device ON audit_log(device_id, id) WHERE device_id IS NOT NULL;
    CREATE INDEX idx_audit_log_row ON audit_log(table_name, row_id, id);
    """)
