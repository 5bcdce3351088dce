"""Step 0013, released: session generations, to end a user's sessions.

Frozen: never edit this file (a test compares its SHA-256); change the schema in a new step.
"""

NAME = "0013_session_generations"


def migrate(db):
    db.executescript("""
    -- Local only: a user's sessions carry the generation they began in; logging out or a new
    -- password moves it on, which ends every session of that user on this server.
    CREATE TABLE session_generations (
        user_id TEXT PRIMARY KEY,
        generation INTEGER NOT NULL
    );
    """)
