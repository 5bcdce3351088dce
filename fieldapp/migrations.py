"""The schema, as named and ordered sqlite_utils migrations. Never edit a step once released."""

import uuid

from sqlite_utils import Migrations

migrations = Migrations("fieldapp")

# The columns every synced table carries (see sync.tables); frozen here as of step 1.
_SYNCED = """
    id TEXT PRIMARY KEY NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    created_by TEXT,
    updated_by TEXT,
    deleted_at TEXT"""


@migrations(name="0001_places_and_accounts")
def places_and_accounts(db):
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


@migrations(name="0002_village_kind")
def village_kind(db):
    # thôn, bản or tổ dân phố: officers name the kind so lists read as they do on the ground.
    db.execute("ALTER TABLE villages ADD COLUMN kind TEXT NOT NULL DEFAULT 'thon'")


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


@migrations(name="0003_households_people_visits")
def households_people_visits(db):
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


@migrations(name="0004_group_sessions_scripts_policy")
def group_sessions_scripts_policy(db):
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


# Policy figures as of the sample scripts: each with its legal source; offices add newer rows.
_POLICY_FIGURES_V1 = [
    ("base_salary", 2_340_000, "VND/month", "2024-07-01", "Nghị định 73/2024/NĐ-CP"),
    ("rural_poverty_line", 1_500_000, "VND/month", "2022-01-01", "Nghị định 07/2021/NĐ-CP"),
    ("voluntary_bhxh_rate", 0.22, "share of income", "2018-01-01", "Luật BHXH 2014, Điều 87"),
    ("voluntary_bhxh_support_poor", 0.30, "share of contribution", "2018-01-01",
     "Nghị định 134/2015/NĐ-CP, Điều 14"),
    ("voluntary_bhxh_support_near_poor", 0.25, "share of contribution", "2018-01-01",
     "Nghị định 134/2015/NĐ-CP, Điều 14"),
    ("voluntary_bhxh_support_other", 0.10, "share of contribution", "2018-01-01",
     "Nghị định 134/2015/NĐ-CP, Điều 14"),
    ("household_bhyt_rate", 0.045, "share of base salary", "2018-12-01",
     "Nghị định 146/2018/NĐ-CP, Điều 7"),
    ("household_bhyt_second", 0.70, "share of the first member's", "2018-12-01",
     "Nghị định 146/2018/NĐ-CP, Điều 7"),
    ("household_bhyt_third", 0.60, "share of the first member's", "2018-12-01",
     "Nghị định 146/2018/NĐ-CP, Điều 7"),
    ("household_bhyt_fourth", 0.50, "share of the first member's", "2018-12-01",
     "Nghị định 146/2018/NĐ-CP, Điều 7"),
    ("household_bhyt_fifth", 0.40, "share of the first member's", "2018-12-01",
     "Nghị định 146/2018/NĐ-CP, Điều 7"),
]


@migrations(name="0005_sample_scripts_and_policy_figures")
def sample_scripts_and_policy_figures(db):
    import json
    from pathlib import Path

    stamp = "2026-11-23T00:00:00.000+00:00"
    synced = {"created_at": stamp, "updated_at": stamp}
    db["policy_figures"].insert_all(
        {"id": _seeded_id("policy", f"{key}:{since}"), **synced, "key": key, "value": value,
         "unit": unit, "effective_from": since, "source": source}
        for key, value, unit, since, source in _POLICY_FIGURES_V1)
    samples = json.loads((Path(__file__).parent / "seed" / "0005_sample_scripts.json")
                         .read_text(encoding="utf-8"))
    for sample in samples:
        script_id = _seeded_id("script", sample["key"])
        db["scripts"].insert({"id": script_id, **synced, "target_group": sample["target_group"],
                              "topic": sample["topic"], "sample": 1})
        db["script_texts"].insert({
            "id": _seeded_id("script_text", f"{sample['key']}:vi:1"), **synced,
            "script_id": script_id, "language": "vi", "revision": 1, "title": sample["title"],
            "key_messages": sample["key_messages"],
            "questions": json.dumps(sample["questions"], ensure_ascii=False), "reviewed": 0})


@migrations(name="0006_translation_reviews")
def translation_reviews(db):
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


@migrations(name="0007_worklist_indexes")
def worklist_indexes(db):
    # Worklists walk villages by name and people by birth year to find a page without sorting.
    db.executescript("""
    CREATE INDEX idx_villages_name ON villages(name_key);
    CREATE INDEX idx_people_birth_year ON people(birth_year, name_key);
    """)


_SYNCED_TABLES_V8 = ("offices", "office_communes", "villages", "users", "list_items",
                     "households", "people", "visits", "visit_outcomes", "group_sessions",
                     "session_attendees", "scripts", "script_texts", "policy_figures",
                     "translation_reviews")


@migrations(name="0008_sync")
def sync(db):
    for table in _SYNCED_TABLES_V8:
        # The hybrid-logical-clock stamp of each field's last write: {field: hlc}.
        db.execute(f"ALTER TABLE [{table}] ADD COLUMN sync_clock TEXT NOT NULL DEFAULT '{{}}'")
    db.executescript(f"""
    -- Every captured write, in order. On a laptop: what is still to push (seq > pushed).
    -- On the central server: everything merged, the source of every laptop's pull.
    CREATE TABLE sync_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        table_name TEXT NOT NULL,
        row_id TEXT NOT NULL,
        fields TEXT NOT NULL,
        origin TEXT NOT NULL,
        scope_commune INTEGER,
        scope_office TEXT,
        -- 1 when the origin device already holds exactly this: not sent back to it.
        origin_has_it INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX idx_sync_log_row ON sync_log(table_name, row_id);
    CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    -- Fields a newer app sent that this version has no column for: kept and sent on.
    CREATE TABLE sync_extra (
        table_name TEXT NOT NULL, row_id TEXT NOT NULL, field TEXT NOT NULL,
        value TEXT, hlc TEXT NOT NULL,
        PRIMARY KEY (table_name, row_id, field)
    );
    -- Records the central server refused, with its reason, to show on the sync page.
    CREATE TABLE sync_rejections (
        seq INTEGER PRIMARY KEY, table_name TEXT NOT NULL, row_id TEXT NOT NULL,
        reason TEXT NOT NULL, at TEXT NOT NULL
    );
    -- The same field changed on two devices that had not seen each other's edit.
    CREATE TABLE sync_conflicts ({_SYNCED},
        table_name TEXT NOT NULL,
        row_id TEXT NOT NULL,
        field TEXT NOT NULL,
        kept_value TEXT,
        kept_hlc TEXT NOT NULL,
        lost_value TEXT,
        lost_hlc TEXT NOT NULL,
        scope_commune INTEGER,
        scope_office TEXT,
        resolved_at TEXT,
        resolution TEXT,
        sync_clock TEXT NOT NULL DEFAULT '{{}}'
    );
    CREATE INDEX idx_sync_conflicts_open ON sync_conflicts(resolved_at, table_name);
    -- Central server only: enrolled laptops and one-time enrolment codes.
    CREATE TABLE devices (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        office_id TEXT NOT NULL REFERENCES offices(id),
        secret_hash TEXT NOT NULL,
        enrolled_at TEXT NOT NULL,
        enrolled_by TEXT,
        revoked_at TEXT,
        last_seen_at TEXT,
        last_seq INTEGER NOT NULL DEFAULT 0,
        app_version TEXT
    );
    CREATE TABLE enrolment_codes (
        code_hash TEXT PRIMARY KEY,
        office_id TEXT NOT NULL REFERENCES offices(id),
        created_at TEXT NOT NULL,
        created_by TEXT,
        expires_at TEXT NOT NULL,
        used_at TEXT,
        device_id TEXT
    );
    """)
    _log_existing_rows(db)


def _log_existing_rows(db):
    """Rows written before change capture existed go into the log, to be pushed like new ones."""
    import json
    import time

    seeded = "2026-11-23T00:00:00.000+00:00"  # rows every install seeds itself (0003-0005)
    now_ms, n = int(time.time() * 1000), 0
    for table in _SYNCED_TABLES_V8:
        cursor = db.execute(f"select * from [{table}] where created_at != ?", [seeded])
        names = [d[0] for d in cursor.description]
        for found in cursor.fetchall():
            row = dict(zip(names, found))
            stamp = f"{now_ms + n // 100000:013d}.{n % 100000:05d}.migrated"
            n += 1
            fields = {k: v for k, v in row.items() if k not in ("id", "sync_clock")}
            db.execute(f"update [{table}] set sync_clock = ? where id = ?",
                       [json.dumps({k: stamp for k in fields}), row["id"]])
            db.execute("insert into sync_log (table_name, row_id, fields, origin)"
                       " values (?, ?, ?, 'migrated')",
                       [table, row["id"],
                        json.dumps({k: [v, stamp, ""] for k, v in fields.items()},
                                   ensure_ascii=False, separators=(",", ":"))])


# One person or household reached, rebuilt from a visit (`{v}`: an expression naming its id):
# the visit itself ('visit', or 'closed' when nobody was home), each person present, and each
# outcome, at the household's village and commune on the visit's day.
_REACH_OF_VISIT = """
    DELETE FROM reach WHERE source_id IN ({v});
    INSERT INTO reach (source_id, day, commune_code, village_id, officer_id, household_id,
                       person_id, kind)
    SELECT vi.id, substr(vi.visited_at, 1, 10), vl.commune_code, vl.id, vi.officer_id,
           vi.household_id, x.person_id, x.kind
      FROM visits vi
      JOIN households h ON h.id = vi.household_id
      JOIN villages vl ON vl.id = h.village_id
      JOIN (SELECT NULL AS person_id, CASE WHEN vi2.nobody_home THEN 'closed' ELSE 'visit' END
                   AS kind, vi2.id AS visit_id
              FROM visits vi2 WHERE vi2.id IN ({v})
            UNION ALL
            SELECT p.value, 'present', vi2.id FROM visits vi2, json_each(vi2.present) p
             WHERE vi2.id IN ({v})
            UNION ALL
            SELECT o.person_id, o.outcome, o.visit_id FROM visit_outcomes o
             WHERE o.visit_id IN ({v}) AND o.deleted_at IS NULL) x ON x.visit_id = vi.id
     WHERE vi.id IN ({v}) AND vi.deleted_at IS NULL;"""

# The people on a session's roster ('attendee') and their outcomes, once per facilitator so
# that each officer's figures count them (a session without staff facilitators: officer NULL).
_REACH_OF_SESSION = """
    DELETE FROM reach WHERE source_id IN ({s});
    INSERT INTO reach (source_id, day, commune_code, village_id, officer_id, household_id,
                       person_id, kind)
    SELECT s.id, substr(s.held_at, 1, 10), s.commune_code, s.village_id, f.value, NULL,
           x.person_id, x.kind
      FROM group_sessions s
      JOIN (SELECT a.session_id, a.person_id, 'attendee' AS kind FROM session_attendees a
             WHERE a.session_id IN ({s}) AND a.deleted_at IS NULL
            UNION ALL
            SELECT a.session_id, a.person_id, o.value FROM session_attendees a,
                   json_each(a.outcomes) o
             WHERE a.session_id IN ({s}) AND a.deleted_at IS NULL) x ON x.session_id = s.id
      LEFT JOIN json_each(s.facilitators) f
     WHERE s.id IN ({s}) AND s.deleted_at IS NULL;"""


@migrations(name="0009_targets")
def targets(db):
    db.executescript(f"""
    -- Yearly (month NULL) or monthly targets (chỉ tiêu) of an office (commune NULL) or of one
    -- of its communes; a NULL figure is no target. Ids are derived from office, commune, year
    -- and month, so two laptops setting the same target edit one row.
    CREATE TABLE targets ({_SYNCED},
        office_id TEXT NOT NULL REFERENCES offices(id),
        commune_code INTEGER REFERENCES communes(code),
        year INTEGER NOT NULL,
        month INTEGER CHECK (month BETWEEN 1 AND 12),
        households INTEGER CHECK (households >= 0),
        people INTEGER CHECK (people >= 0),
        sessions INTEGER CHECK (sessions >= 0),
        voluntary_bhxh INTEGER CHECK (voluntary_bhxh >= 0),
        household_bhyt INTEGER CHECK (household_bhyt >= 0),
        vssid_installed INTEGER CHECK (vssid_installed >= 0),
        sync_clock TEXT NOT NULL DEFAULT '{{}}'
    );
    CREATE INDEX idx_targets_office ON targets(office_id, year, month);

    -- Who was reached, where, when and by whom: derived from visits, their outcomes, group
    -- sessions and their rosters by the triggers below (like people_fts), so that reports count
    -- over one narrow table instead of joining every visit to its household and village.
    -- Local to each database, never synced: every device derives its own.
    CREATE TABLE reach (
        source_id TEXT NOT NULL,
        day TEXT NOT NULL,
        commune_code INTEGER NOT NULL,
        village_id TEXT,
        officer_id TEXT,
        household_id TEXT,
        person_id TEXT,
        kind TEXT NOT NULL
    );
    CREATE INDEX idx_reach_source ON reach(source_id);
    -- Reports read one kind of row over a range of days: this index holds all they need.
    CREATE INDEX idx_reach_kind ON reach(kind, day, commune_code, officer_id, household_id,
                                         person_id, village_id);

    CREATE TRIGGER reach_visits_ai AFTER INSERT ON visits BEGIN
        {_REACH_OF_VISIT.format(v="new.id")}
    END;
    CREATE TRIGGER reach_visits_au AFTER UPDATE ON visits BEGIN
        {_REACH_OF_VISIT.format(v="old.id, new.id")}
    END;
    CREATE TRIGGER reach_visit_outcomes_ai AFTER INSERT ON visit_outcomes BEGIN
        {_REACH_OF_VISIT.format(v="new.visit_id")}
    END;
    CREATE TRIGGER reach_visit_outcomes_au AFTER UPDATE ON visit_outcomes BEGIN
        {_REACH_OF_VISIT.format(v="old.visit_id, new.visit_id")}
    END;
    -- A household moved to another village takes its visits' figures along.
    CREATE TRIGGER reach_households_au AFTER UPDATE OF village_id ON households
    WHEN old.village_id IS NOT new.village_id BEGIN
        UPDATE reach SET village_id = new.village_id,
               commune_code = (SELECT commune_code FROM villages WHERE id = new.village_id)
         WHERE source_id IN (SELECT id FROM visits WHERE household_id = new.id);
    END;
    CREATE TRIGGER reach_group_sessions_ai AFTER INSERT ON group_sessions BEGIN
        {_REACH_OF_SESSION.format(s="new.id")}
    END;
    CREATE TRIGGER reach_group_sessions_au AFTER UPDATE ON group_sessions BEGIN
        {_REACH_OF_SESSION.format(s="old.id, new.id")}
    END;
    CREATE TRIGGER reach_session_attendees_ai AFTER INSERT ON session_attendees BEGIN
        {_REACH_OF_SESSION.format(s="new.session_id")}
    END;
    CREATE TRIGGER reach_session_attendees_au AFTER UPDATE ON session_attendees BEGIN
        {_REACH_OF_SESSION.format(s="old.session_id, new.session_id")}
    END;
    """)
    # What was recorded before this step.
    db.executescript(_REACH_OF_VISIT.format(v="SELECT id FROM visits").replace(
        "DELETE FROM reach WHERE source_id IN (SELECT id FROM visits);", ""))
    db.executescript(_REACH_OF_SESSION.format(s="SELECT id FROM group_sessions").replace(
        "DELETE FROM reach WHERE source_id IN (SELECT id FROM group_sessions);", ""))


# ---- 0010: counts of people and households reached, kept ready for the reports --------------
# Counting each person once over a year of reach rows sorts hundreds of thousands of them. So
# every person, household and outcome reached keeps one row per year and group (its office, its
# commune, its officer, and that officer's work in that commune) with the months it was reached
# as bits (reach_months), and
# reach_counts holds how many of them share each set of months: the people reached in any
# months of a year are then a sum over a few hundred rows. Visits are counted there by month.
# reach_shared says whether anyone was counted in two offices, when sums across offices would
# count them twice.

# What a reach row counts as, and whose id it carries.
_COUNTED_KINDS = ("visit", "present", "attendee", "voluntary_bhxh", "household_bhyt",
                  "vssid_installed")
_PERSON_KINDS = "('present', 'attendee', 'voluntary_bhxh', 'household_bhyt', 'vssid_installed')"
_KIND_OF = ("CASE {r}.kind WHEN 'visit' THEN 'household' WHEN 'present' THEN 'person'"
            " WHEN 'attendee' THEN 'person' ELSE {r}.kind END")
_ENTITY_OF = "CASE {r}.kind WHEN 'visit' THEN {r}.household_id ELSE {r}.person_id END"
_YEAR_OF = "CAST(substr({r}.day, 1, 4) AS INTEGER)"
_MONTH_BIT_OF = "(1 << (CAST(substr({r}.day, 6, 2) AS INTEGER) - 1))"
# The groups a row counts in, within its commune's office, and the row's key in each ('' for
# the office itself and for work without a staff officer, as keys cannot be NULL).
_GROUP_KEYS = {"office": "''", "commune": "{r}.commune_code",
               "officer": "coalesce({r}.officer_id, '')",
               "officer_commune": "coalesce({r}.officer_id, '') || '/' || {r}.commune_code"}
_DIMS = "(" + " UNION ALL ".join(f"SELECT '{dim}' AS dim" for dim in _GROUP_KEYS) + ") d"
_LIVE_OFFICE_OF = ("office_communes oc ON oc.commune_code = {r}.commune_code"
                   " AND oc.deleted_at IS NULL")


def _of(template, r):
    return template.format(r=r)


def _key_of(r, dim="d.dim"):
    """The key of the reach row `r` in the group the column `dim` names."""
    return f"CASE {dim} " + " ".join(f"WHEN '{name}' THEN {_of(key, r)}"
                                     for name, key in _GROUP_KEYS.items()) + " END"


# Everything derived again from reach: after the step, and when a commune changes office.
_REACH_COUNTS_REBUILT = (
    "DELETE FROM reach_months",
    "DELETE FROM reach_counts",
    "DELETE FROM reach_shared",
    f"""INSERT INTO reach_months (entity, kind, year, dim, office_id, key, months)
    SELECT {_of(_ENTITY_OF, 'r')}, {_of(_KIND_OF, 'r')}, {_of(_YEAR_OF, 'r')}, d.dim,
           oc.office_id, {_key_of('r')}, sum(DISTINCT {_of(_MONTH_BIT_OF, 'r')})
      FROM reach r JOIN {_of(_LIVE_OFFICE_OF, 'r')}, {_DIMS}
     WHERE r.kind IN {_COUNTED_KINDS} AND {_of(_ENTITY_OF, 'r')} IS NOT NULL
     GROUP BY 1, 2, 3, 4, 5, 6""",
    f"""INSERT INTO reach_counts (dim, office_id, key, year, kind, months, n)
    SELECT d.dim, oc.office_id, {_key_of('r')}, {_of(_YEAR_OF, 'r')}, 'visits',
           {_of(_MONTH_BIT_OF, 'r')}, count(*)
      FROM reach r JOIN {_of(_LIVE_OFFICE_OF, 'r')}, {_DIMS}
     WHERE r.kind IN ('visit', 'closed')
     GROUP BY 1, 2, 3, 4, 6""")
_REBUILD_REACH_COUNTS = "".join(f"\n        {statement};" for statement in _REACH_COUNTS_REBUILT)
# The triggers on reach that keep reach_months and reach_counts (a bulk load may drop them,
# then rebuild).
REACH_COUNTING_TRIGGERS = ("reach_months_ai", "reach_months_visit_ad", "reach_months_person_ad",
                           "reach_months_au", "reach_visit_counts_ai", "reach_visit_counts_ad",
                           "reach_visit_counts_au")


def rebuild_reach_counts(db):
    """Derive reach_months and reach_counts again from reach, in the current transaction."""
    for statement in _REACH_COUNTS_REBUILT:
        db.execute(statement)


# The months of the person or household of the reach row new, in each group it counts in.
_MONTHS_ADDED = f"""
        INSERT INTO reach_months (entity, kind, year, dim, office_id, key, months)
        SELECT {_of(_ENTITY_OF, 'new')}, {_of(_KIND_OF, 'new')}, {_of(_YEAR_OF, 'new')}, d.dim,
               oc.office_id, {_key_of('new')}, {_of(_MONTH_BIT_OF, 'new')}
          FROM office_communes oc, {_DIMS}
         WHERE oc.commune_code = new.commune_code AND oc.deleted_at IS NULL
           AND new.kind IN {_COUNTED_KINDS} AND {_of(_ENTITY_OF, 'new')} IS NOT NULL
        ON CONFLICT (entity, kind, year, dim, office_id, key)
        DO UPDATE SET months = months | excluded.months WHERE months & excluded.months = 0;"""


def _count_change(row, change):
    """Add `change` to the count of reach_months row `row` (new or old) in reach_counts."""
    if change > 0:
        return f"""
        INSERT INTO reach_counts (dim, office_id, key, year, kind, months, n)
        VALUES ({row}.dim, {row}.office_id, {row}.key, {row}.year, {row}.kind, {row}.months, 1)
        ON CONFLICT (dim, office_id, key, year, kind, months) DO UPDATE SET n = n + 1;"""
    where = " AND ".join(f"{c} = {row}.{c}"
                         for c in ("dim", "office_id", "key", "year", "kind", "months"))
    return f"""
        UPDATE reach_counts SET n = n - 1 WHERE {where};
        DELETE FROM reach_counts WHERE {where} AND n = 0;"""


def _visit_count_change(change):
    """Add `change` to the visits counted for the reach row new (+1) or old (-1)."""
    r = "new" if change > 0 else "old"
    if change > 0:
        return f"""
        INSERT INTO reach_counts (dim, office_id, key, year, kind, months, n)
        SELECT d.dim, oc.office_id, {_key_of(r)}, {_of(_YEAR_OF, r)}, 'visits',
               {_of(_MONTH_BIT_OF, r)}, 1
          FROM office_communes oc, {_DIMS}
         WHERE oc.commune_code = new.commune_code AND oc.deleted_at IS NULL
        ON CONFLICT (dim, office_id, key, year, kind, months) DO UPDATE SET n = n + 1;"""
    statements = []
    for dim, key in _GROUP_KEYS.items():
        where = f"""dim = '{dim}' AND key = {_of(key, r)} AND year = {_of(_YEAR_OF, r)}
                 AND kind = 'visits' AND months = {_of(_MONTH_BIT_OF, r)}
                 AND office_id IN (SELECT office_id FROM office_communes
                                    WHERE commune_code = old.commune_code
                                      AND deleted_at IS NULL)"""
        statements.append(f"""
        UPDATE reach_counts SET n = n - 1 WHERE {where};
        DELETE FROM reach_counts WHERE {where} AND n = 0;""")
    return "".join(statements)


def _months_recounted(column, kinds):
    """Statements setting again, from the reach rows left, the months of the person or
    household (`column` of the reach row old) whose row was deleted."""
    return f"""
        UPDATE reach_months SET months = (
            SELECT coalesce(sum(DISTINCT {_of(_MONTH_BIT_OF, 'r')}), 0) FROM reach r
             -- (+r.kind: by the person's or household's index, not the reports' one by kind)
             WHERE r.{column} = old.{column} AND +r.kind IN {kinds}
               AND {_of(_KIND_OF, 'r')} = reach_months.kind
               AND r.day BETWEEN reach_months.year || '-01-01' AND reach_months.year || '-12-31'
               AND r.commune_code IN (SELECT commune_code FROM office_communes
                                       WHERE office_id = reach_months.office_id
                                         AND deleted_at IS NULL)
               AND {_key_of('r', 'reach_months.dim')} = reach_months.key)
         WHERE entity = old.{column} AND kind = {_of(_KIND_OF, 'old')}
           AND year = {_of(_YEAR_OF, 'old')};
        DELETE FROM reach_months
         WHERE entity = old.{column} AND kind = {_of(_KIND_OF, 'old')}
           AND year = {_of(_YEAR_OF, 'old')} AND months = 0;"""


# A new outcome or roster row adds its own reach rows: rebuilding the visit's or session's rows,
# as step 0009 did, made a sync of a thousand visits delete and count again every row of each.
_REACH_ADDED_BY_ROWS = """
    DROP TRIGGER reach_visit_outcomes_ai;
    CREATE TRIGGER reach_visit_outcomes_ai AFTER INSERT ON visit_outcomes
    WHEN new.deleted_at IS NULL BEGIN
        INSERT INTO reach (source_id, day, commune_code, village_id, officer_id, household_id,
                           person_id, kind)
        SELECT vi.id, substr(vi.visited_at, 1, 10), vl.commune_code, vl.id, vi.officer_id,
               vi.household_id, new.person_id, new.outcome
          FROM visits vi
          JOIN households h ON h.id = vi.household_id
          JOIN villages vl ON vl.id = h.village_id
         WHERE vi.id = new.visit_id AND vi.deleted_at IS NULL;
    END;
    DROP TRIGGER reach_session_attendees_ai;
    CREATE TRIGGER reach_session_attendees_ai AFTER INSERT ON session_attendees
    WHEN new.deleted_at IS NULL BEGIN
        INSERT INTO reach (source_id, day, commune_code, village_id, officer_id, household_id,
                           person_id, kind)
        SELECT s.id, substr(s.held_at, 1, 10), s.commune_code, s.village_id, f.value, NULL,
               new.person_id, x.kind
          FROM group_sessions s
          JOIN (SELECT 'attendee' AS kind UNION ALL
                SELECT o.value FROM json_each(new.outcomes) o) x
          LEFT JOIN json_each(s.facilitators) f
         WHERE s.id = new.session_id AND s.deleted_at IS NULL;
    END;"""


@migrations(name="0010_reach_counts")
def reach_counts(db):
    db.executescript(_REACH_ADDED_BY_ROWS)
    db.executescript(f"""
    CREATE TABLE reach_months (
        entity TEXT NOT NULL,
        kind TEXT NOT NULL,
        year INTEGER NOT NULL,
        dim TEXT NOT NULL,
        office_id TEXT NOT NULL,
        key NOT NULL,
        months INTEGER NOT NULL,
        PRIMARY KEY (entity, kind, year, dim, office_id, key)
    ) WITHOUT ROWID;
    CREATE TABLE reach_counts (
        dim TEXT NOT NULL,
        office_id TEXT NOT NULL,
        key NOT NULL,
        year INTEGER NOT NULL,
        kind TEXT NOT NULL,
        months INTEGER NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (dim, office_id, key, year, kind, months)
    ) WITHOUT ROWID;
    -- People and households counted in more than one office in a year (after a commune or a
    -- household moved between offices): while there are none, totals across offices are sums.
    CREATE TABLE reach_shared (
        year INTEGER NOT NULL,
        kind TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (year, kind)
    ) WITHOUT ROWID;
    -- What a deleted reach row leaves is counted again from the person's or household's rows.
    CREATE INDEX idx_reach_person ON reach(person_id, day);
    CREATE INDEX idx_reach_household ON reach(household_id, day);

    CREATE TRIGGER reach_months_ai AFTER INSERT ON reach
    WHEN new.kind IN {_COUNTED_KINDS} BEGIN
        {_MONTHS_ADDED}
    END;
    CREATE TRIGGER reach_months_visit_ad AFTER DELETE ON reach
    WHEN old.kind = 'visit' BEGIN
        {_months_recounted("household_id", "('visit')")}
    END;
    CREATE TRIGGER reach_months_person_ad AFTER DELETE ON reach
    WHEN old.kind IN {_PERSON_KINDS} BEGIN
        {_months_recounted("person_id", _PERSON_KINDS)}
    END;
    -- Rows are updated when a household moves: counted again where they were, then added.
    CREATE TRIGGER reach_months_au AFTER UPDATE ON reach
    WHEN old.kind IN {_COUNTED_KINDS} BEGIN
        {_months_recounted("household_id", "('visit')")}
        {_months_recounted("person_id", _PERSON_KINDS)}
        {_MONTHS_ADDED}
    END;
    CREATE TRIGGER reach_visit_counts_ai AFTER INSERT ON reach
    WHEN new.kind IN ('visit', 'closed') BEGIN
        {_visit_count_change(+1)}
    END;
    CREATE TRIGGER reach_visit_counts_ad AFTER DELETE ON reach
    WHEN old.kind IN ('visit', 'closed') BEGIN
        {_visit_count_change(-1)}
    END;
    CREATE TRIGGER reach_visit_counts_au AFTER UPDATE ON reach
    WHEN old.kind IN ('visit', 'closed') BEGIN
        {_visit_count_change(-1)}
        {_visit_count_change(+1)}
    END;

    CREATE TRIGGER reach_counts_ai AFTER INSERT ON reach_months BEGIN
        {_count_change("new", +1)}
    END;
    CREATE TRIGGER reach_counts_au AFTER UPDATE OF months ON reach_months
    WHEN old.months != new.months BEGIN
        {_count_change("old", -1)}
        {_count_change("new", +1)}
    END;
    CREATE TRIGGER reach_counts_ad AFTER DELETE ON reach_months BEGIN
        {_count_change("old", -1)}
    END;

    CREATE TRIGGER reach_shared_ai AFTER INSERT ON reach_months
    WHEN new.dim = 'office' AND (SELECT count(*) FROM reach_months WHERE entity = new.entity
                                    AND kind = new.kind AND year = new.year
                                    AND dim = 'office') = 2 BEGIN
        INSERT INTO reach_shared (year, kind, n) VALUES (new.year, new.kind, 1)
        ON CONFLICT (year, kind) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER reach_shared_ad AFTER DELETE ON reach_months
    WHEN old.dim = 'office' AND (SELECT count(*) FROM reach_months WHERE entity = old.entity
                                    AND kind = old.kind AND year = old.year
                                    AND dim = 'office') = 1 BEGIN
        UPDATE reach_shared SET n = n - 1 WHERE year = old.year AND kind = old.kind;
        DELETE FROM reach_shared WHERE year = old.year AND kind = old.kind AND n = 0;
    END;

    -- A commune given to another office (or taken from one) moves its figures along.
    CREATE TRIGGER reach_counts_office_communes_ai AFTER INSERT ON office_communes
    WHEN EXISTS (SELECT 1 FROM reach WHERE commune_code = new.commune_code) BEGIN
        {_REBUILD_REACH_COUNTS}
    END;
    CREATE TRIGGER reach_counts_office_communes_au AFTER UPDATE ON office_communes
    WHEN (old.office_id IS NOT new.office_id OR old.commune_code IS NOT new.commune_code
          OR old.deleted_at IS NOT new.deleted_at)
     AND EXISTS (SELECT 1 FROM reach WHERE commune_code IN (old.commune_code,
                                                             new.commune_code)) BEGIN
        {_REBUILD_REACH_COUNTS}
    END;
    """)
    rebuild_reach_counts(db)


@migrations(name="0011_sync_inbox")
def sync_inbox(db):
    db.executescript("""
    -- Laptop: records the central server refused, one row per record, sent again at every sync
    -- until it takes them or a user discards them; `seq` is the log entry that last carried it.
    CREATE TABLE sync_refused (
        table_name TEXT NOT NULL,
        row_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        code TEXT NOT NULL,
        reason TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (table_name, row_id)
    );
    -- Laptop: received changes that cannot be saved yet (their parent has not arrived), kept
    -- whole and applied as soon as they can be.
    CREATE TABLE sync_inbox (
        table_name TEXT NOT NULL,
        row_id TEXT NOT NULL,
        fields TEXT NOT NULL,
        reason TEXT NOT NULL,
        received_at TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (table_name, row_id)
    );
    -- Central server: what was refused to each device, so that a retried request (its first
    -- answer lost) is answered with the same refusals.
    CREATE TABLE device_refusals (
        device_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        table_name TEXT NOT NULL,
        row_id TEXT NOT NULL,
        code TEXT NOT NULL,
        reason TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (device_id, seq)
    );
    """)
    # Refusals listed before: the latest of each record, to be sent again at the next sync.
    db.execute("""
        INSERT INTO sync_refused (table_name, row_id, seq, code, reason, at)
        SELECT table_name, row_id, max(seq), 'refused', reason, at FROM sync_rejections
         WHERE seq > 0 GROUP BY table_name, row_id""")
    # Received changes that could not be saved were dropped: pull everything again, into the
    # inbox this time (the central server's values are merged, so nothing is taken twice).
    if db.execute("SELECT EXISTS (SELECT 1 FROM sync_rejections WHERE seq < 0)").fetchone()[0]:
        db.execute("UPDATE sync_state SET value = '0' WHERE key = 'pull_cursor'")
    db.execute("DROP TABLE sync_rejections")


@migrations(name="0012_form_submissions")
def form_submissions(db):
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


@migrations(name="0013_session_generations")
def session_generations(db):
    db.executescript("""
    -- Local only: a user's sessions carry the generation they began in; logging out or a new
    -- password moves it on, which ends every session of that user on this server.
    CREATE TABLE session_generations (
        user_id TEXT PRIMARY KEY,
        generation INTEGER NOT NULL
    );
    """)


@migrations(name="0014_audit_log")
def audit_log(db):
    # Central server: who (user or device) did what, when and from which address. Local, never
    # synced; rows are only ever added. Newest first is id order, so each filter's index ends
    # in id.
    db.executescript("""
    CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        user_id TEXT,
        device_id TEXT,
        address TEXT,
        action TEXT NOT NULL,
        table_name TEXT,
        row_id TEXT,
        detail TEXT
    );
    CREATE INDEX idx_audit_log_at ON audit_log(at);
    CREATE INDEX idx_audit_log_action ON audit_log(action, id);
    CREATE INDEX idx_audit_log_user ON audit_log(user_id, id) WHERE user_id IS NOT NULL;
    CREATE INDEX idx_audit_log_device ON audit_log(device_id, id) WHERE device_id IS NOT NULL;
    CREATE INDEX idx_audit_log_row ON audit_log(table_name, row_id, id);
    """)


@migrations(name="0015_login_failures_by_address")
def login_failures_by_address(db):
    db.executescript("""
    -- Local only: failed logins from each client address, to slow down one address guessing
    -- many accounts (login_failures counts each username).
    CREATE TABLE login_failures_by_address (
        address TEXT PRIMARY KEY,
        failures INTEGER NOT NULL,
        last_failure_at TEXT NOT NULL
    );
    """)
