"""Step 0003, released: households, people, visits, outcomes, history and name search.

Frozen: never edit this file (a test compares its SHA-256); change the schema in a new step.
"""

import uuid

NAME = "0003_households_people_visits"


# The columns every synced table carries (see sync.tables); frozen here as of step 1.
_SYNCED = """
    id TEXT PRIMARY KEY NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    created_by TEXT,
    updated_by TEXT,
    deleted_at TEXT"""


def _seeded_id(kind, key):
    """The same id on every laptop for a row seeded by a migration."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"fieldapp:{kind}:{key}"))


def _insert_list_items(db, items):
    """Seed configurable list items, numbered in steps of ten within each list."""
    stamp = "2026-11-23T00:00:00.000+00:00"
    positions = {}
    rows = []
    for list_name, code, label in items:
        positions[list_name] = positions.get(list_name, 0) + 10
        rows.append({"id": _seeded_id("list", f"{list_name}:{code}"), "created_at": stamp,
                     "updated_at": stamp, "list": list_name, "code": code, "label": label,
                     "position": positions[list_name], "active": 1})
    db["list_items"].insert_all(rows)


def N_(label):
    """Mark a seeded label for extraction; it is translated when shown."""
    return label


# Seeded configurable lists: (list, code, English label). Ids are derived from list and code so
# that every laptop seeds the same rows and sync sees one item, not one per laptop.
_LISTS_V1 = [
    ("ethnicity", "kinh", N_("Kinh")), ("ethnicity", "mong", N_("Mông (Hmong)")),
    ("ethnicity", "thai", N_("Thái")), ("ethnicity", "dao", N_("Dao")),
    ("ethnicity", "tay", N_("Tày")), ("ethnicity", "nung", N_("Nùng")),
    ("ethnicity", "kho_mu", N_("Khơ Mú")), ("ethnicity", "giay", N_("Giáy")),
    ("ethnicity", "other", N_("Other ethnic group")),
    ("language", "vi", N_("Vietnamese")), ("language", "hnj", N_("Mông")),
    ("language", "blt", N_("Thái")), ("language", "ium", N_("Dao")),
    ("language", "en", N_("English")), ("language", "other", N_("Other language")),
    ("relation", "head", N_("Head of household")), ("relation", "spouse", N_("Spouse")),
    ("relation", "child", N_("Child")), ("relation", "parent", N_("Parent")),
    ("relation", "grandchild", N_("Grandchild")), ("relation", "sibling", N_("Brother or sister")),
    ("relation", "child_in_law", N_("Son- or daughter-in-law")),
    ("relation", "other", N_("Other relation")),
    ("bhyt_card_type", "household", N_("Household BHYT")),
    ("bhyt_card_type", "state_poor", N_("State-paid: poor or near-poor household")),
    ("bhyt_card_type", "state_ethnic", N_("State-paid: ethnic minority in a difficult area")),
    ("bhyt_card_type", "child_under_6", N_("Child under 6")),
    ("bhyt_card_type", "pupil", N_("Pupil or student")),
    ("bhyt_card_type", "employer", N_("Through an employer")),
    ("bhyt_card_type", "other", N_("Other card")),
    ("topic", "voluntary_bhxh", N_("Voluntary social insurance (BHXH)")),
    ("topic", "household_bhyt", N_("Household health insurance (BHYT)")),
    ("topic", "pupil_bhyt", N_("Health insurance for pupils and students")),
    ("topic", "vssid", N_("The VssID app")),
    ("topic", "pensions", N_("Pensions and benefits")),
    ("topic", "unemployment", N_("Unemployment insurance")),
    ("topic", "other", N_("Other topic")),
    ("material", "leaflet", N_("Leaflet")), ("material", "booklet", N_("Booklet")),
    ("material", "vssid_guide", N_("VssID guide")),
    ("material", "form", N_("Registration form")),
    ("decline_reason", "cannot_afford", N_("Cannot afford it")),
    ("decline_reason", "no_trust", N_("Does not trust it")),
    ("decline_reason", "not_understood", N_("Does not understand it")),
    ("decline_reason", "away_working", N_("Away working")),
    ("decline_reason", "already_covered", N_("Already covered")),
    ("decline_reason", "other", N_("Other reason")),
]


def migrate(db):
    db.executescript(f"""
    CREATE TABLE list_items ({_SYNCED},
        list TEXT NOT NULL,
        code TEXT NOT NULL,
        label TEXT NOT NULL,
        position INTEGER NOT NULL DEFAULT 0,
        active INTEGER NOT NULL DEFAULT 1
    );
    CREATE UNIQUE INDEX idx_list_items_code ON list_items(list, code);

    CREATE TABLE households ({_SYNCED},
        village_id TEXT NOT NULL REFERENCES villages(id),
        head_person_id TEXT,
        address_note TEXT NOT NULL DEFAULT '',
        ethnicity TEXT,
        language TEXT NOT NULL DEFAULT 'vi',
        phone TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX idx_households_village ON households(village_id);
    CREATE INDEX idx_households_phone ON households(phone) WHERE phone != '';

    CREATE TABLE people ({_SYNCED},
        household_id TEXT NOT NULL REFERENCES households(id),
        full_name TEXT NOT NULL,
        name_key TEXT NOT NULL,
        gender TEXT NOT NULL CHECK (gender IN ('female', 'male', 'other')),
        birth_year INTEGER NOT NULL,
        birth_date TEXT,
        relation TEXT NOT NULL,
        ethnicity TEXT,
        cccd TEXT,
        bhxh_number TEXT,
        bhyt_card_type TEXT,
        bhyt_expiry TEXT,
        bhxh_status TEXT NOT NULL DEFAULT 'none'
            CHECK (bhxh_status IN ('none', 'mandatory', 'voluntary', 'pension')),
        vssid TEXT NOT NULL DEFAULT 'unknown'
            CHECK (vssid IN ('installed', 'not_installed', 'unknown'))
    );
    CREATE INDEX idx_people_household ON people(household_id);
    CREATE INDEX idx_people_name_key ON people(name_key);
    CREATE INDEX idx_people_cccd ON people(cccd) WHERE cccd IS NOT NULL;
    CREATE INDEX idx_people_bhxh_number ON people(bhxh_number) WHERE bhxh_number IS NOT NULL;
    CREATE INDEX idx_people_bhyt_expiry ON people(bhyt_expiry) WHERE bhyt_expiry IS NOT NULL;

    CREATE TABLE visits ({_SYNCED},
        household_id TEXT NOT NULL REFERENCES households(id),
        visited_at TEXT NOT NULL,
        officer_id TEXT NOT NULL REFERENCES users(id),
        companions TEXT NOT NULL DEFAULT '',
        language TEXT NOT NULL DEFAULT 'vi',
        nobody_home INTEGER NOT NULL DEFAULT 0,
        present TEXT NOT NULL DEFAULT '[]',
        topics TEXT NOT NULL DEFAULT '[]',
        materials TEXT NOT NULL DEFAULT '[]',
        follow_up_on TEXT,
        notes TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX idx_visits_household ON visits(household_id, visited_at);
    CREATE INDEX idx_visits_officer ON visits(officer_id, visited_at);
    CREATE INDEX idx_visits_follow_up ON visits(follow_up_on) WHERE follow_up_on IS NOT NULL;

    CREATE TABLE visit_outcomes ({_SYNCED},
        visit_id TEXT NOT NULL REFERENCES visits(id),
        person_id TEXT NOT NULL REFERENCES people(id),
        outcome TEXT NOT NULL CHECK (outcome IN ('voluntary_bhxh', 'household_bhyt',
            'vssid_installed', 'interested', 'declined')),
        decline_reason TEXT
    );
    CREATE INDEX idx_visit_outcomes_visit ON visit_outcomes(visit_id);
    CREATE INDEX idx_visit_outcomes_person ON visit_outcomes(person_id);

    -- Local record of every change to a synced row: who, when, which field, old and new.
    CREATE TABLE history (
        id INTEGER PRIMARY KEY,
        table_name TEXT NOT NULL,
        row_id TEXT NOT NULL,
        at TEXT NOT NULL,
        user_id TEXT,
        action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
        changes TEXT NOT NULL
    );
    CREATE INDEX idx_history_row ON history(table_name, row_id, id);

    -- Diacritic-free names for search; kept in step with people by triggers.
    CREATE VIRTUAL TABLE people_fts USING fts5(
        name_key, content='people', content_rowid='rowid', tokenize='unicode61');
    CREATE TRIGGER people_fts_ai AFTER INSERT ON people BEGIN
        INSERT INTO people_fts(rowid, name_key) VALUES (new.rowid, new.name_key);
    END;
    CREATE TRIGGER people_fts_ad AFTER DELETE ON people BEGIN
        INSERT INTO people_fts(people_fts, rowid, name_key)
            VALUES ('delete', old.rowid, old.name_key);
    END;
    CREATE TRIGGER people_fts_au AFTER UPDATE OF name_key ON people BEGIN
        INSERT INTO people_fts(people_fts, rowid, name_key)
            VALUES ('delete', old.rowid, old.name_key);
        INSERT INTO people_fts(rowid, name_key) VALUES (new.rowid, new.name_key);
    END;
    """)
    _insert_list_items(db, _LISTS_V1)
