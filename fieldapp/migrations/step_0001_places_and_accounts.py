"""Step 0001, released: provinces, communes, offices, villages and user accounts.

Frozen: never edit this file (a test compares its SHA-256); change the schema in a new step.
"""

NAME = "0001_places_and_accounts"


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
    CREATE TABLE provinces (
        code INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        division_type TEXT NOT NULL,
        codename TEXT NOT NULL
    );
    CREATE TABLE communes (
        code INTEGER PRIMARY KEY,
        province_code INTEGER NOT NULL REFERENCES provinces(code),
        name TEXT NOT NULL,
        division_type TEXT NOT NULL,
        codename TEXT NOT NULL,
        name_key TEXT NOT NULL
    );
    CREATE INDEX idx_communes_province ON communes(province_code);

    CREATE TABLE offices ({_SYNCED},
        name TEXT NOT NULL,
        province_code INTEGER NOT NULL REFERENCES provinces(code),
        phone TEXT NOT NULL DEFAULT '',
        address TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE office_communes ({_SYNCED},
        office_id TEXT NOT NULL REFERENCES offices(id),
        commune_code INTEGER NOT NULL REFERENCES communes(code)
    );
    CREATE INDEX idx_office_communes_office ON office_communes(office_id);
    CREATE INDEX idx_office_communes_commune ON office_communes(commune_code);

    CREATE TABLE villages ({_SYNCED},
        commune_code INTEGER NOT NULL REFERENCES communes(code),
        name TEXT NOT NULL,
        name_key TEXT NOT NULL
    );
    CREATE INDEX idx_villages_commune_key ON villages(commune_code, name_key);

    CREATE TABLE users ({_SYNCED},
        username TEXT NOT NULL,
        full_name TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('officer', 'supervisor', 'admin')),
        office_id TEXT NOT NULL REFERENCES offices(id),
        locale TEXT,
        active INTEGER NOT NULL DEFAULT 1
    );
    CREATE UNIQUE INDEX idx_users_username ON users(username);
    CREATE INDEX idx_users_office ON users(office_id);

    -- Local only: failed logins on this laptop, to slow down guessing.
    CREATE TABLE login_failures (
        username TEXT PRIMARY KEY,
        failures INTEGER NOT NULL,
        last_failure_at TEXT NOT NULL
    );
    """)
