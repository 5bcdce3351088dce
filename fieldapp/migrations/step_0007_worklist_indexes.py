"""Step 0007, released: indexes the worklists walk.

Frozen: never edit this file (a test compares its SHA-256); change the schema in a new step.
"""

NAME = "0007_worklist_indexes"


def migrate(db):
    # Worklists walk villages by name and people by birth year to find a page without sorting.
    db.executescript("""
    CREATE INDEX idx_villages_name ON villages(name_key);
    CREATE INDEX idx_people_birth_year ON people(birth_year, name_key);
    """)
