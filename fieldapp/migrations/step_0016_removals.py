"""Step 0016, released: why a record was removed, what a visit changed, removed people counted
nowhere.

Frozen: never edit this file (a test compares its SHA-256); change the schema in a new step.
"""

NAME = "0016_removals"

# Records an officer or supervisor removes, with a reason kept beside the removal.
_REMOVABLE = ("households", "people", "visits", "group_sessions")

# The reach of a visit or session, as step 0009 rebuilds it (copied: a step is frozen).
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
_VISITS_NAMING = """SELECT o.visit_id FROM visit_outcomes o WHERE o.person_id = new.id
     UNION SELECT vp.id FROM visits vp, json_each(vp.present) m WHERE m.value = new.id"""
_SESSIONS_NAMING = "SELECT a.session_id FROM session_attendees a WHERE a.person_id = new.id"


def migrate(db):
    for table in _REMOVABLE:
        db.execute(f"ALTER TABLE [{table}] ADD COLUMN removed_reason TEXT")
    # The statuses a visit's outcomes changed, {person id: {field: [before, after]}}, so that
    # removing or correcting the visit can put them back.
    db.execute("ALTER TABLE visits ADD COLUMN status_changes TEXT NOT NULL DEFAULT '{}'")
    db.executescript(f"""
    -- A person removed (entered twice, say) is reached by nobody: whatever rebuilds a visit's
    -- or session's reach skips them, and their rows go at once; restored, they count again.
    CREATE TRIGGER reach_removed_people_bi BEFORE INSERT ON reach
    WHEN new.person_id IS NOT NULL
     AND EXISTS (SELECT 1 FROM people WHERE id = new.person_id AND deleted_at IS NOT NULL)
    BEGIN
        SELECT RAISE(IGNORE);
    END;
    CREATE TRIGGER reach_people_removed_au AFTER UPDATE OF deleted_at ON people
    WHEN old.deleted_at IS NULL AND new.deleted_at IS NOT NULL BEGIN
        DELETE FROM reach WHERE person_id = new.id;
    END;
    CREATE TRIGGER reach_people_restored_au AFTER UPDATE OF deleted_at ON people
    WHEN old.deleted_at IS NOT NULL AND new.deleted_at IS NULL BEGIN
        {_REACH_OF_VISIT.format(v=_VISITS_NAMING)}
        {_REACH_OF_SESSION.format(s=_SESSIONS_NAMING)}
    END;
    """)
    # People removed before this step stop counting now.
    db.execute("DELETE FROM reach WHERE person_id IN"
               " (SELECT id FROM people WHERE deleted_at IS NOT NULL)")
