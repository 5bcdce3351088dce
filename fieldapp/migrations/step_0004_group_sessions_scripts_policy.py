"""Step 0004, released: group sessions, communication scripts and policy figures; their lists.

Frozen: never edit this file (a test compares its SHA-256); change the schema in a new step.
"""

import uuid

NAME = "0004_group_sessions_scripts_policy"


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


_LISTS_V2 = [
    ("session_format", "small_group", N_("Small group")),
    ("session_format", "village_meeting", N_("Village meeting")),
    ("session_format", "dialogue", N_("Dialogue")),
    ("session_format", "consultation", N_("Consultation")),
    ("session_format", "other", N_("Other format")),
    ("target_group", "authorities", N_("Party committees and local authorities")),
    ("target_group", "employers", N_("Employers and employees in mandatory schemes")),
    ("target_group", "voluntary", N_("People eligible for voluntary BHXH and self-paid BHYT")),
    ("target_group", "pupils", N_("Pupils and students")),
    ("target_group", "health_facilities", N_("Health facilities with BHYT contracts")),
    ("target_group", "collaborators", N_("Collection agents and collaborators")),
]


def migrate(db):
    db.executescript(f"""
    CREATE TABLE group_sessions ({_SYNCED},
        held_at TEXT NOT NULL,
        commune_code INTEGER NOT NULL REFERENCES communes(code),
        village_id TEXT REFERENCES villages(id),
        place TEXT NOT NULL DEFAULT '',
        format TEXT NOT NULL,
        target_group TEXT NOT NULL,
        topics TEXT NOT NULL DEFAULT '[]',
        languages TEXT NOT NULL DEFAULT '[]',
        facilitators TEXT NOT NULL DEFAULT '[]',
        outside_facilitators TEXT NOT NULL DEFAULT '',
        attendees_total INTEGER NOT NULL,
        attendees_female INTEGER NOT NULL DEFAULT 0,
        attendees_male INTEGER NOT NULL DEFAULT 0,
        attendees_gender_unknown INTEGER NOT NULL DEFAULT 0,
        attendees_by_ethnicity TEXT NOT NULL DEFAULT '{{}}',
        materials TEXT NOT NULL DEFAULT '[]',
        notes TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX idx_group_sessions_held ON group_sessions(held_at);
    CREATE INDEX idx_group_sessions_commune ON group_sessions(commune_code, held_at);

    CREATE TABLE session_attendees ({_SYNCED},
        session_id TEXT NOT NULL REFERENCES group_sessions(id),
        person_id TEXT NOT NULL REFERENCES people(id),
        outcomes TEXT NOT NULL DEFAULT '[]'
    );
    CREATE INDEX idx_session_attendees_session ON session_attendees(session_id);
    CREATE INDEX idx_session_attendees_person ON session_attendees(person_id);

    -- Communication scripts (kịch bản truyền thông) per target group and topic.
    CREATE TABLE scripts ({_SYNCED},
        target_group TEXT NOT NULL,
        topic TEXT NOT NULL,
        sample INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX idx_scripts_topic ON scripts(topic, target_group);
    -- Every edit of a script's text in one language is a new row: nothing is overwritten.
    CREATE TABLE script_texts ({_SYNCED},
        script_id TEXT NOT NULL REFERENCES scripts(id),
        language TEXT NOT NULL,
        revision INTEGER NOT NULL,
        title TEXT NOT NULL,
        key_messages TEXT NOT NULL,
        questions TEXT NOT NULL DEFAULT '[]',
        reviewed INTEGER NOT NULL DEFAULT 0
    );
    CREATE UNIQUE INDEX idx_script_texts_revision ON script_texts(script_id, language, revision);

    -- Policy figures (rates, base salary, support levels) with the date they apply from.
    CREATE TABLE policy_figures ({_SYNCED},
        key TEXT NOT NULL,
        value REAL NOT NULL,
        unit TEXT NOT NULL,
        effective_from TEXT NOT NULL,
        source TEXT NOT NULL
    );
    CREATE INDEX idx_policy_figures_key ON policy_figures(key, effective_from);
    """)
    _insert_list_items(db, _LISTS_V2)
