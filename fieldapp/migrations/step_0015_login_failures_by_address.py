"""Step 0015, released: failed logins counted by client address.

Frozen: never edit this file (a test compares its SHA-256); change the schema in a new step.
"""

NAME = "0015_login_failures_by_address"


def migrate(db):
    db.executescript("""
    -- Local only: failed logins from each client address, to slow down one address guessing
    -- many accounts (login_failures counts each username).
    CREATE TABLE login_failures_by_address (
        address TEXT PRIMARY KEY,
        failures INTEGER NOT NULL,
        last_failure_at TEXT NOT NULL
    );
    """)
