"""Step 0010, released: counts of people and households reached, kept ready for the reports.

Frozen: never edit this file (a test compares its SHA-256); change the schema in a new step.
"""

NAME = "0010_reach_counts"


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


def _rebuild_reach_counts(db):
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


def migrate(db):
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
    _rebuild_reach_counts(db)
