"""Step 0012, released: form submissions, so a form is not saved twice.

Frozen: never edit this file (a test compares its SHA-256); change the schema in a new step.
"""

NAME = "0012_form_submissions"


def migrate(db):
    # Local, never synced: a form's key is only ever sent again to the laptop that showed it.
    db.executescript("""
    CREATE TABLE form_submissions (
        key TEXT PRIMARY KEY NOT NULL,
        location TEXT NOT NULL,
        user_id TEXT,
        submitted_at TEXT NOT NULL
    );
    CREATE INDEX idx_form_submissions_at ON form_submissions(submitted_at);
    """)
