"""Step 0002, released: the kind of each village (thôn, bản, tổ dân phố).

Frozen: never edit this file (a test compares its SHA-256); change the schema in a new step.
"""

NAME = "0002_village_kind"


def migrate(db):
    # thôn, bản or tổ dân phố: officers name the kind so lists read as they do on the ground.
    db.execute("ALTER TABLE villages ADD COLUMN kind TEXT NOT NULL DEFAULT 'thon'")
