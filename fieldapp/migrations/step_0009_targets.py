"""Step 0009, released: targets, and reach derived by triggers from visits and sessions.

Frozen: never edit this file (a test compares its SHA-256); change the schema in a new step.
"""

NAME = "0009_targets"


# The columns every synced table carries (see sync.tables); frozen here as of step 1.
_SYNCED = """
    id TEXT PRIMARY KEY NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    created_by TEXT,
    updated_by TEXT,
    deleted_at TEXT"""


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


def migrate(db):
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
