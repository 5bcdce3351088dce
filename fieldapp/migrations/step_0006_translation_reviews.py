"""Step 0006, released: translation reviews, and which users are translators.

Frozen: never edit this file (a test compares its SHA-256); change the schema in a new step.
"""

NAME = "0006_translation_reviews"


# The columns every synced table carries (see sync.tables); frozen here as of step 1.
_SYNCED = """
    id TEXT PRIMARY KEY NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    created_by TEXT,
    updated_by TEXT,
    deleted_at TEXT"""


def migrate(db):
    db.executescript(f"""
    -- Strings corrected or approved in the app by bilingual staff; they override the catalogs.
    CREATE TABLE translation_reviews ({_SYNCED},
        language TEXT NOT NULL,
        msgid TEXT NOT NULL,
        msgstr TEXT NOT NULL,
        reviewed INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX idx_translation_reviews_key ON translation_reviews(language, msgid);
    ALTER TABLE users ADD COLUMN translator INTEGER NOT NULL DEFAULT 0;
    """)
