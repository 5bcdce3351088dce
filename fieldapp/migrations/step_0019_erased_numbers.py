"""Step 0019, released: when a record's personal numbers were erased (issue 26).

Frozen: never edit this file (a test compares its SHA-256); change the schema in a new step.
"""

NAME = "0019_erased_numbers"


def migrate(db):
    # A synced field like any other: the erasure travels as a change, and every device that
    # takes it scrubs the old numbers from its own history and log (sync/erasure.py).
    for table in ("people", "households"):
        db.execute(f"ALTER TABLE [{table}] ADD COLUMN numbers_erased_at TEXT")
