"""PostgreSQL's dialect: the same functions as fieldapp/dialects/sqlite.py, in PostgreSQL's SQL.

Every function returns a fragment of SQL to put into a query; the arguments are SQL too (a
column, a parameter such as `:officer`), never a user's text, except `search_terms`, which
makes a user's words into a full-text query to pass as a parameter. JSON columns hold text (as
on SQLite): each function casts them to jsonb where it reads them, and what it builds as JSON
comes back as text (fieldapp.db loads json as text).

What SQLite's triggers keep, PostgreSQL keeps this way (fieldapp/pg_migrations, revision 0002):

- People's names: no separate table. A GIN index on `NAME_INDEX` (the tsvector of
  `people.name_key` in the 'simple' configuration: words as they are, no stemming) is kept by
  PostgreSQL itself; `people_named` searches it with prefix queries made by `search_terms`.
- `reach` and its counts: PL/pgSQL triggers (`REACH_TRIGGERS`, below) write the reach rows of a
  visit or a session from the same rules as SQLite's step 0009/0016 triggers, and a trigger per
  statement on `reach` (with its transition tables) brings the visits' `reach_counts` up to
  date and notes the people and households it touched; at the commit one recount derives their
  `reach_months`, `reach_counts` and `reach_shared` again (`RECOUNT_AT_COMMIT`, revision 0005:
  the writing transaction itself reads the months counted as they were before it); a merge's
  are counted after its commit, out of the merge lock (`COUNTED_AFTER_MERGE`, revision 0009:
  reach_pending, `reach_settle()`, which the reports run before they read). A change of
  `office_communes` rebuilds them with `fieldapp.reach.counts`' statements. PostgreSQL's row
  triggers fire once their statement has finished, not row by row as SQLite's do, so the counts
  are derived again for what was touched rather than counted up row by row.
"""

import re

# The store's names for what the schema's functions do (SETTLE_COUNTS: run by readers of the
# counts first, fieldapp/reach/paths.py).
from sync.postgresql.store import COUNTS_AFTER, MERGE_LOCK, SETTLE_COUNTS

from ..reach.keys import (COUNTED_KINDS, DIMS, ENTITY_OF, GROUP_KEYS, KIND_OF, LIVE_OFFICE_OF,
                          MONTH_BIT_OF, YEAR_OF, of)

NAME = "postgresql"

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

# The expression the people's name index is built on, and that searches must name the same way
# for PostgreSQL to use it.
NAME_INDEX = "to_tsvector('simple', name_key)"


def json_values(column, alias):
    """A row source named `alias` with one row per element of the JSON array in `column`, the
    element in `alias.value` (as text)."""
    return f"jsonb_array_elements_text(({column})::jsonb) as {alias}(value)"


def json_entries(column, alias):
    """A row source named `alias` with one row per member of the JSON object in `column`: its
    name in `alias.key`, its value in `alias.value` (as text: cast it to add it up)."""
    return f"jsonb_each_text(({column})::jsonb) as {alias}(key, value)"


def json_field(column, key):
    """The value of the member `key` (a plain name) of the JSON object in `column`, as text."""
    if not _PLAIN_KEY.fullmatch(key):
        raise ValueError(f"not a plain JSON member name: {key!r}")
    return f"(({column})::jsonb ->> '{key}')"


def json_list(*expressions):
    """A JSON array of the expressions' values."""
    return f"json_build_array({', '.join(expressions)})"


def group_list(expression):
    """The aggregate of a group's values as a JSON array ('[]' for none), in the order the rows
    come, as text."""
    return f"coalesce(json_agg({expression}), '[]'::json)::text"


def same(a, b):
    """True when a equals b, or both are null."""
    return f"{a} is not distinct from {b}"


def differs(a, b):
    """True when a and b differ, one of them being null counting as a difference."""
    return f"{a} is distinct from {b}"


def larger(a, b):
    """The larger of two values (a scalar, not the aggregate max)."""
    return f"greatest({a}, {b})"


def flag(condition):
    """A condition as the number 1 or 0, to add up or take the largest of."""
    return f"({condition})::integer"


def bits_meet(a, b):
    """SQL condition: the integers a and b share a set bit (months kept as bits)."""
    return f"({a} & {b}) <> 0"


def text_before(column, separator):
    """The part of the text in `column` before the first `separator` (an SQL string)."""
    return f"split_part({column}, {separator}, 1)"


def text_after(column, separator):
    """The part of the text in `column` after the first `separator` (an SQL string)."""
    return f"substr({column}, strpos({column}, {separator}) + 1)"


def ordered_join():
    """A join of the next table: PostgreSQL's planner orders the tables itself."""
    return "join"


def indexed_by(index):
    """Nothing: PostgreSQL takes no index hints; its planner picks the index."""
    return ""


def matches(index, parameter):
    """SQL condition: the tsvector `index` matches the query in `parameter` (made by
    `search_terms`)."""
    return f"{index} @@ to_tsquery('simple', {parameter})"


def row_key(alias):
    """The key by which the name search names the row of people: its id."""
    return f"{alias}.id"


def people_named(parameter, limit):
    """A query of the keys (column `found`, matched by `row_key` of people) of at most `limit`
    people whose folded name matches the query in `parameter`."""
    return (f"select id as found from people where {matches(NAME_INDEX, parameter)}"
            f" limit {limit}")


def search_terms(folded):
    """The tsquery finding every word of the folded text as a word's start: 'nguyen van' ->
    "'nguyen':* & 'van':*"; '' when no word is left. Only letters and digits are kept (what
    the 'simple' parser makes words of), so no operator of tsquery's survives."""
    words = re.findall(r"[^\W_]+", folded)
    return " & ".join(f"'{w}':*" for w in words)


# ---- The triggers that keep the search index's peers: reach and its counts ----------------

def key_of(r, dim="d.dim"):
    """fieldapp.reach.keys.key_of, each key as text: PostgreSQL's CASE takes one type, where
    SQLite stores a commune's code into the text column as its digits."""
    return f"CASE {dim} " + " ".join(f"WHEN '{name}' THEN CAST({of(key, r)} AS TEXT)"
                                     for name, key in GROUP_KEYS.items()) + " END"


def _rebuild_visits(ids):
    """Statements writing again the reach rows of the visits whose ids the SQL `ids` gives."""
    return f"""
    DELETE FROM reach WHERE source_id IN ({ids});
    INSERT INTO reach (source_id, day, commune_code, village_id, officer_id, household_id,
                       person_id, kind)
    SELECT vi.id, substr(vi.visited_at, 1, 10), vl.commune_code, vl.id, vi.officer_id,
           vi.household_id, x.person_id, x.kind
      FROM visits vi
      JOIN households h ON h.id = vi.household_id
      JOIN villages vl ON vl.id = h.village_id
      JOIN (SELECT NULL AS person_id, CASE WHEN vi2.nobody_home <> 0 THEN 'closed'
                                           ELSE 'visit' END AS kind, vi2.id AS visit_id
              FROM visits vi2 WHERE vi2.id IN ({ids})
            UNION ALL
            SELECT p.value, 'present', vi2.id
              FROM visits vi2, {json_values('vi2.present', 'p')}
             WHERE vi2.id IN ({ids})
            UNION ALL
            SELECT o.person_id, o.outcome, o.visit_id FROM visit_outcomes o
             WHERE o.visit_id IN ({ids}) AND o.deleted_at IS NULL) x ON x.visit_id = vi.id
     WHERE vi.id IN ({ids}) AND vi.deleted_at IS NULL;"""


def _rebuild_sessions(ids):
    """Statements writing again the reach rows of the sessions whose ids the SQL `ids` gives."""
    return f"""
    DELETE FROM reach WHERE source_id IN ({ids});
    INSERT INTO reach (source_id, day, commune_code, village_id, officer_id, household_id,
                       person_id, kind)
    SELECT s.id, substr(s.held_at, 1, 10), s.commune_code, s.village_id, f.value, NULL,
           x.person_id, x.kind
      FROM group_sessions s
      JOIN (SELECT a.session_id, a.person_id, 'attendee' AS kind FROM session_attendees a
             WHERE a.session_id IN ({ids}) AND a.deleted_at IS NULL
            UNION ALL
            SELECT a.session_id, a.person_id, o.value
              FROM session_attendees a, {json_values('a.outcomes', 'o')}
             WHERE a.session_id IN ({ids}) AND a.deleted_at IS NULL) x ON x.session_id = s.id
      LEFT JOIN {json_values('s.facilitators', 'f')} ON true
     WHERE s.id IN ({ids}) AND s.deleted_at IS NULL;"""


_VISITS_OF_PERSON = ("SELECT o.visit_id FROM visit_outcomes o WHERE o.person_id = new.id"
                     f" UNION SELECT vp.id FROM visits vp, {json_values('vp.present', 'm')}"
                     " WHERE m.value = new.id")
_SESSIONS_OF_PERSON = "SELECT a.session_id FROM session_attendees a WHERE a.person_id = new.id"

# The reach rows of what a statement touched: (entity, kind, year) of the rows counted in
# reach_months, as `{rows}` names the transition table.
_TOUCHED = (f"SELECT DISTINCT {of(ENTITY_OF, 'r')} AS entity, {of(KIND_OF, 'r')} AS kind,"
            f" {of(YEAR_OF, 'r')} AS year FROM {{rows}} r"
            f" WHERE r.kind IN {COUNTED_KINDS} AND {of(ENTITY_OF, 'r')} IS NOT NULL")

# reach_counts of kind 'visits' counts reach rows themselves: +1 or -1 for each visit row
# a statement added or removed, in each group of its commune's office.
_VISIT_DELTAS = f"""
    SELECT d.dim, oc.office_id, {key_of('r')} AS key, {of(YEAR_OF, 'r')} AS year,
           {of(MONTH_BIT_OF, 'r')} AS months, sum(r.delta) AS delta
      FROM (SELECT n.*, 1 AS delta FROM {{added}} n WHERE n.kind IN ('visit', 'closed')
            UNION ALL
            SELECT o.*, -1 FROM {{removed}} o WHERE o.kind IN ('visit', 'closed')) r
      JOIN office_communes oc ON oc.commune_code = r.commune_code AND oc.deleted_at IS NULL,
           {DIMS}
     GROUP BY 1, 2, 3, 4, 5"""

_TOUCHED_SET = ("jsonb_to_recordset(touched) AS t(entity text, kind text, year bigint)")
_GROUP_SET = ("jsonb_to_recordset(was) AS w(dim text, office_id text, key text, year bigint,"
              " kind text, months bigint, n bigint)")
# The reach rows counted for the touched (entity, kind, year): a household's visits by
# idx_reach_household, a person's rows by idx_reach_person.
_TOUCHED_REACH = f"""
    SELECT r.* FROM {_TOUCHED_SET} JOIN reach r ON r.household_id = t.entity
     WHERE t.kind = 'household' AND r.kind = 'visit' AND {of(YEAR_OF, 'r')} = t.year
    UNION ALL
    SELECT r.* FROM {_TOUCHED_SET} JOIN reach r ON r.person_id = t.entity
     WHERE r.kind IN {COUNTED_KINDS} AND r.kind <> 'visit' AND {of(KIND_OF, 'r')} = t.kind
       AND {of(YEAR_OF, 'r')} = t.year"""
_SAME_GROUP = ("(c.dim, c.office_id, c.key, c.year, c.kind, c.months)"
               " = (w.dim, w.office_id, w.key, w.year, w.kind, w.months)")

KEEP_COUNTS = f"""
CREATE FUNCTION reach_recount(touched jsonb) RETURNS void LANGUAGE plpgsql AS $body$
DECLARE
    was jsonb;
BEGIN
    -- The touched people's and households' months as they were, counted...
    SELECT coalesce(jsonb_agg(g), '[]') INTO was FROM (
        SELECT m.dim, m.office_id, m.key, m.year, m.kind, m.months, count(*) AS n
          FROM reach_months m JOIN {_TOUCHED_SET}
            ON (m.entity, m.kind, m.year) = (t.entity, t.kind, t.year)
         GROUP BY 1, 2, 3, 4, 5, 6) g;
    -- ...and taken off the counts...
    UPDATE reach_counts c SET n = c.n - w.n FROM {_GROUP_SET} WHERE {_SAME_GROUP};
    UPDATE reach_shared s SET n = s.n - was.n FROM (
        SELECT m.year, m.kind, count(*) AS n FROM (
               SELECT m.entity, m.kind, m.year FROM reach_months m JOIN {_TOUCHED_SET}
                   ON (m.entity, m.kind, m.year) = (t.entity, t.kind, t.year)
                WHERE m.dim = 'office' GROUP BY 1, 2, 3 HAVING count(*) >= 2) m
         GROUP BY 1, 2) was
     WHERE (s.year, s.kind) = (was.year, was.kind);
    DELETE FROM reach_months m USING {_TOUCHED_SET}
     WHERE (m.entity, m.kind, m.year) = (t.entity, t.kind, t.year);
    -- ...derived again from reach (its touched rows found by the household's or the person's
    -- index: a join on the entity's expression read every reach row, 2.4 s at 1,000,000
    -- households, for each statement writing reach)...
    INSERT INTO reach_months (entity, kind, year, dim, office_id, key, months)
    SELECT {of(ENTITY_OF, 'r')}, {of(KIND_OF, 'r')}, {of(YEAR_OF, 'r')}, d.dim,
           oc.office_id, {key_of('r')}, sum(DISTINCT {of(MONTH_BIT_OF, 'r')})
      FROM ({_TOUCHED_REACH}) r
      JOIN office_communes oc ON oc.commune_code = r.commune_code AND oc.deleted_at IS NULL,
           {DIMS}
     GROUP BY 1, 2, 3, 4, 5, 6;
    -- ...and counted again; only a group counted before can have come down to none.
    INSERT INTO reach_counts (dim, office_id, key, year, kind, months, n)
    SELECT m.dim, m.office_id, m.key, m.year, m.kind, m.months, count(*)
      FROM reach_months m JOIN {_TOUCHED_SET}
        ON (m.entity, m.kind, m.year) = (t.entity, t.kind, t.year)
     GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (dim, office_id, key, year, kind, months)
    DO UPDATE SET n = reach_counts.n + excluded.n;
    INSERT INTO reach_shared (year, kind, n)
    SELECT m.year, m.kind, count(*) FROM (
           SELECT m.entity, m.kind, m.year FROM reach_months m JOIN {_TOUCHED_SET}
               ON (m.entity, m.kind, m.year) = (t.entity, t.kind, t.year)
            WHERE m.dim = 'office' GROUP BY 1, 2, 3 HAVING count(*) >= 2) m
     GROUP BY 1, 2
    ON CONFLICT (year, kind) DO UPDATE SET n = reach_shared.n + excluded.n;
    DELETE FROM reach_counts c USING {_GROUP_SET} WHERE {_SAME_GROUP} AND c.n = 0;
    -- A year's kinds: a handful of rows.
    DELETE FROM reach_shared WHERE n = 0;
END $body$;
"""


# The (entity, kind, year) whose months a transaction's statements on reach left to count again
# at its commit: JSON objects joined by commas in this setting, local to the transaction
# (undone with a savepoint rolled back, as the reach rows written in it are).
PENDING_SETTING = "fieldapp.reach_touched"


def _statement_function(name, added, removed, at_commit=False):
    """The function of a trigger per statement on reach, reading its transition tables: the
    visits' counts follow at once; the months of the people and households it touched are
    counted again at once, or (`at_commit`) once at the commit for the whole transaction."""
    empty = "(SELECT * FROM reach WHERE false)"
    touched = " UNION ".join(_TOUCHED.format(rows=rows) for rows in (added, removed) if rows)
    deltas = _VISIT_DELTAS.format(added=added or empty, removed=removed or empty)
    nothing = " AND ".join(f"NOT EXISTS (SELECT 1 FROM {rows})" for rows in (added, removed)
                           if rows)
    visits_counted = f"""INSERT INTO reach_counts (dim, office_id, key, year, kind, months, n)
    SELECT dim, office_id, key, year, 'visits', months, delta FROM ({deltas}) d
     WHERE delta <> 0
    ON CONFLICT (dim, office_id, key, year, kind, months)
    DO UPDATE SET n = reach_counts.n + excluded.n;
    DELETE FROM reach_counts c USING ({deltas}) d
     WHERE (c.dim, c.office_id, c.key, c.year, c.kind, c.months)
           = (d.dim, d.office_id, d.key, d.year, 'visits', d.months)
       AND d.delta < 0 AND c.n = 0;"""
    if at_commit:
        # Noted as text, the objects joined by commas, read as JSON once at the commit: not
        # the whole list parsed and written again by each statement.
        recount = f"""PERFORM set_config('{PENDING_SETTING}', concat_ws(',', nullif(
        current_setting('{PENDING_SETTING}', true), ''),
        (SELECT string_agg(row_to_json(t)::text, ',') FROM ({touched}) t)), true);"""
        # An outcome's or an attendee's rows count no visit: nothing to look up for them.
        visits = " OR ".join(f"EXISTS (SELECT 1 FROM {rows} WHERE kind IN ('visit', 'closed'))"
                             for rows in (added, removed) if rows)
        visits_counted = f"""IF {visits} THEN
    {visits_counted}
    END IF;"""
    else:
        recount = f"PERFORM reach_recount(coalesce((SELECT jsonb_agg(t) FROM ({touched}) t),"\
                  " '[]'));"
    return f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
    -- A statement that wrote no reach row (a visit's rows deleted before it had any).
    IF {nothing} THEN
        RETURN NULL;
    END IF;
    {recount}
    {visits_counted}
    RETURN NULL;
END $body$;
"""


def _statement_trigger(name, event, added, removed):
    """A trigger per statement on reach, with its transition tables: the counts follow."""
    referencing = " ".join(part for part in (
        f"NEW TABLE AS {added}" if added else "", f"OLD TABLE AS {removed}" if removed else "")
        if part)
    return _statement_function(name, added, removed) + f"""
CREATE TRIGGER {name} AFTER {event} ON reach REFERENCING {referencing}
    FOR EACH STATEMENT EXECUTE FUNCTION {name}();
"""


def _at_commit(create, counted_after=""):
    """The function the constraint trigger runs at a commit: what the transaction's statements
    noted counted once; `counted_after` may take it elsewhere first (revision 0009)."""
    return f"""
{create} FUNCTION reach_recount_at_commit() RETURNS trigger LANGUAGE plpgsql AS $body$
DECLARE
    touched text := current_setting('{PENDING_SETTING}', true);
BEGIN
    IF touched IS NULL OR touched = '' THEN
        RETURN NULL;
    END IF;
    PERFORM set_config('{PENDING_SETTING}', '', true);
{counted_after}    PERFORM reach_recount((SELECT coalesce(jsonb_agg(DISTINCT t.value), '[]')
                             FROM jsonb_array_elements(('[' || touched || ']')::jsonb) t));
    RETURN NULL;
END $body$;"""


# Revision 0005: a merge's hundred statements on reach (a visit, its outcomes, a roster each
# write reach) counted the months of what each touched again, 1.7 ms each, under the merge
# lock; now each notes what it touched and one recount at the commit derives them all. A
# constraint trigger is the only trigger PostgreSQL runs at the commit: deferred, on each row
# of reach written; the first to run counts everything noted, the others find nothing.
RECOUNT_AT_COMMIT = (
    _statement_function("reach_counts_ai", "added", None, at_commit=True)
    + _statement_function("reach_counts_ad", None, "removed", at_commit=True)
    + _statement_function("reach_counts_au", "added", "removed", at_commit=True)
    + _at_commit("CREATE") + """
CREATE CONSTRAINT TRIGGER reach_recount_at_commit AFTER INSERT OR UPDATE OR DELETE ON reach
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION reach_recount_at_commit();
""")


def _row_trigger(name, timing, event, table, body, when=None, returns="NULL"):
    """A PL/pgSQL function and the trigger on each row that runs it."""
    return f"""
CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
{body}
    RETURN {returns};
END $body$;
CREATE TRIGGER {name} {timing} {event} ON {table} FOR EACH ROW
    {f'WHEN ({when})' if when else ''} EXECUTE FUNCTION {name}();
"""


def rebuild_counts():
    """fieldapp.reach.counts' statements deriving every count again, with keys as text."""
    return f"""
    DELETE FROM reach_months;
    DELETE FROM reach_counts;
    DELETE FROM reach_shared;
    INSERT INTO reach_months (entity, kind, year, dim, office_id, key, months)
    SELECT {of(ENTITY_OF, 'r')}, {of(KIND_OF, 'r')}, {of(YEAR_OF, 'r')}, d.dim,
           oc.office_id, {key_of('r')}, sum(DISTINCT {of(MONTH_BIT_OF, 'r')})
      FROM reach r JOIN {of(LIVE_OFFICE_OF, 'r')}, {DIMS}
     WHERE r.kind IN {COUNTED_KINDS} AND {of(ENTITY_OF, 'r')} IS NOT NULL
     GROUP BY 1, 2, 3, 4, 5, 6;
    -- What SQLite's triggers on reach_months count as they are inserted: counted here.
    INSERT INTO reach_counts (dim, office_id, key, year, kind, months, n)
    SELECT dim, office_id, key, year, kind, months, count(*) FROM reach_months
     GROUP BY 1, 2, 3, 4, 5, 6;
    INSERT INTO reach_counts (dim, office_id, key, year, kind, months, n)
    SELECT d.dim, oc.office_id, {key_of('r')}, {of(YEAR_OF, 'r')}, 'visits',
           {of(MONTH_BIT_OF, 'r')}, count(*)
      FROM reach r JOIN {of(LIVE_OFFICE_OF, 'r')}, {DIMS}
     WHERE r.kind IN ('visit', 'closed')
     GROUP BY 1, 2, 3, 4, 6;
    INSERT INTO reach_shared (year, kind, n)
    SELECT year, kind, count(*) FROM (
           SELECT entity, kind, year FROM reach_months WHERE dim = 'office'
            GROUP BY 1, 2, 3 HAVING count(*) >= 2) m
     GROUP BY 1, 2;"""


def _office_communes_rebuild(communes, first=""):
    """The body of a trigger on office_communes: every count derived again when reach holds a
    row of the `communes` (SQL condition on reach), after the statements `first`."""
    return (f"    IF EXISTS (SELECT 1 FROM reach WHERE {communes}) THEN\n{first}"
            + rebuild_counts() + "\n    END IF;")


# The SQL of revision 0002 that makes them, in order; and what drops them again.
REACH_TRIGGERS = (
    KEEP_COUNTS,
    _row_trigger("reach_visits_aiu", "AFTER", "INSERT OR UPDATE", "visits",
                 _rebuild_visits("CASE TG_OP WHEN 'UPDATE' THEN old.id ELSE new.id END,"
                                 " new.id")),
    # A new outcome or roster row adds its own reach rows (as SQLite's step 0010 does); a
    # changed one writes its visit's or session's again.
    _row_trigger("reach_visit_outcomes_ai", "AFTER", "INSERT", "visit_outcomes", """
    INSERT INTO reach (source_id, day, commune_code, village_id, officer_id, household_id,
                       person_id, kind)
    SELECT vi.id, substr(vi.visited_at, 1, 10), vl.commune_code, vl.id, vi.officer_id,
           vi.household_id, new.person_id, new.outcome
      FROM visits vi
      JOIN households h ON h.id = vi.household_id
      JOIN villages vl ON vl.id = h.village_id
     WHERE vi.id = new.visit_id AND vi.deleted_at IS NULL;""", when="new.deleted_at IS NULL"),
    _row_trigger("reach_visit_outcomes_au", "AFTER", "UPDATE", "visit_outcomes",
                 _rebuild_visits("old.visit_id, new.visit_id")),
    _row_trigger("reach_households_au", "AFTER", "UPDATE OF village_id", "households",
                 """    UPDATE reach SET village_id = new.village_id,
           commune_code = (SELECT commune_code FROM villages WHERE id = new.village_id)
     WHERE source_id IN (SELECT id FROM visits WHERE household_id = new.id);""",
                 when="old.village_id IS DISTINCT FROM new.village_id"),
    _row_trigger("reach_group_sessions_aiu", "AFTER", "INSERT OR UPDATE", "group_sessions",
                 _rebuild_sessions("CASE TG_OP WHEN 'UPDATE' THEN old.id ELSE new.id END,"
                                   " new.id")),
    _row_trigger("reach_session_attendees_ai", "AFTER", "INSERT", "session_attendees", f"""
    INSERT INTO reach (source_id, day, commune_code, village_id, officer_id, household_id,
                       person_id, kind)
    SELECT s.id, substr(s.held_at, 1, 10), s.commune_code, s.village_id, f.value, NULL,
           new.person_id, x.kind
      FROM group_sessions s
      JOIN (SELECT 'attendee' AS kind UNION ALL
            SELECT o.value FROM {json_values('new.outcomes', 'o')}) x ON true
      LEFT JOIN {json_values('s.facilitators', 'f')} ON true
     WHERE s.id = new.session_id AND s.deleted_at IS NULL;""", when="new.deleted_at IS NULL"),
    _row_trigger("reach_session_attendees_au", "AFTER", "UPDATE", "session_attendees",
                 _rebuild_sessions("old.session_id, new.session_id")),
    # A removed person is out of reach; brought back, their visits and sessions count again.
    _row_trigger("reach_removed_people_bi", "BEFORE", "INSERT", "reach",
                 "    IF new.person_id IS NOT NULL AND EXISTS (SELECT 1 FROM people WHERE"
                 " id = new.person_id AND deleted_at IS NOT NULL) THEN RETURN NULL; END IF;",
                 returns="new"),
    _row_trigger("reach_people_removed_au", "AFTER", "UPDATE OF deleted_at", "people",
                 "    DELETE FROM reach WHERE person_id = new.id;",
                 when="old.deleted_at IS NULL AND new.deleted_at IS NOT NULL"),
    _row_trigger("reach_people_restored_au", "AFTER", "UPDATE OF deleted_at", "people",
                 _rebuild_visits(_VISITS_OF_PERSON) + _rebuild_sessions(_SESSIONS_OF_PERSON),
                 when="old.deleted_at IS NOT NULL AND new.deleted_at IS NULL"),
    _statement_trigger("reach_counts_ai", "INSERT", "added", None),
    _statement_trigger("reach_counts_ad", "DELETE", None, "removed"),
    _statement_trigger("reach_counts_au", "UPDATE", "added", "removed"),
    # Communes moving between offices: every count derived again, as SQLite's step 0010 does.
    _row_trigger("reach_counts_office_communes_ai", "AFTER", "INSERT", "office_communes",
                 _office_communes_rebuild("commune_code = new.commune_code")),
    _row_trigger("reach_counts_office_communes_au", "AFTER", "UPDATE", "office_communes",
                 _office_communes_rebuild("commune_code IN (old.commune_code,"
                                          " new.commune_code)"),
                 when="old.office_id IS DISTINCT FROM new.office_id OR old.commune_code IS"
                      " DISTINCT FROM new.commune_code OR old.deleted_at IS DISTINCT FROM"
                      " new.deleted_at"),
)
REACH_FUNCTIONS = ("reach_visits_aiu", "reach_visit_outcomes_ai", "reach_visit_outcomes_au",
                   "reach_households_au", "reach_group_sessions_aiu",
                   "reach_session_attendees_ai", "reach_session_attendees_au",
                   "reach_removed_people_bi", "reach_people_removed_au",
                   "reach_people_restored_au", "reach_counts_ai", "reach_counts_ad",
                   "reach_counts_au", "reach_counts_office_communes_ai",
                   "reach_counts_office_communes_au")


# Revision 0009: a merge no longer holds the merge lock through the recount of its months (a
# quarter of its database time). A transaction that says it is a merge (COUNTS_AFTER, which the
# PostgreSQL store's merging() sets with the lock) leaves what it touched in reach_pending at its
# commit; `reach_settle()`, run after the commit in a transaction of its own, counts everything
# pending at once while the next merge goes on. Any other transaction (a form on the central
# server) still counts at its commit. Every recount takes SETTLE_LOCK: two at once on the same
# person would each take off the months as they were. Readers of the counts settle first
# (SETTLE_COUNTS), so nothing pending is ever read. A transaction taking both locks takes the
# merge lock first: a form's write on the central server holds it (its log entry) when it counts
# at its commit, so the rebuild when communes move takes it before SETTLE_LOCK, not after.
SETTLE_LOCK = 28_0003
_TAKE_SETTLE_LOCK = f"    PERFORM pg_advisory_xact_lock({SETTLE_LOCK});\n"
_TAKE_BOTH_LOCKS = f"    PERFORM pg_advisory_xact_lock({MERGE_LOCK});\n" + _TAKE_SETTLE_LOCK

# A merge's months left pending; any other transaction's counted under the settle lock.
_PENDING_IF_MERGE = f"""    IF current_setting('{COUNTS_AFTER}', true) = 'on' THEN
        INSERT INTO reach_pending (touched) VALUES (('[' || touched || ']')::jsonb);
        RETURN NULL;
    END IF;
{_TAKE_SETTLE_LOCK}"""

COUNTED_AFTER_MERGE = f"""
CREATE TABLE reach_pending (id bigserial PRIMARY KEY, touched jsonb NOT NULL);
{_at_commit("CREATE OR REPLACE", _PENDING_IF_MERGE)}
CREATE FUNCTION reach_settle() RETURNS void LANGUAGE plpgsql AS $body$
DECLARE
    pending jsonb;
BEGIN
    -- Nothing pending: no lock to wait for. A settle under way still shows its rows here (its
    -- deletion uncommitted), so this one waits for it and then finds them gone.
    IF NOT EXISTS (SELECT 1 FROM reach_pending) THEN
        RETURN;
    END IF;
{_TAKE_SETTLE_LOCK}    WITH taken AS (DELETE FROM reach_pending RETURNING touched)
    SELECT jsonb_agg(DISTINCT t.value) INTO pending
      FROM taken, jsonb_array_elements(taken.touched) t;
    IF pending IS NOT NULL THEN
        PERFORM reach_recount(pending);
    END IF;
END $body$;
CREATE OR REPLACE FUNCTION reach_counts_office_communes_ai() RETURNS trigger LANGUAGE plpgsql
AS $body$
BEGIN
{_office_communes_rebuild("commune_code = new.commune_code", _TAKE_BOTH_LOCKS)}
    RETURN NULL;
END $body$;
CREATE OR REPLACE FUNCTION reach_counts_office_communes_au() RETURNS trigger LANGUAGE plpgsql
AS $body$
BEGIN
{_office_communes_rebuild("commune_code IN (old.commune_code, new.commune_code)",
                          _TAKE_BOTH_LOCKS)}
    RETURN NULL;
END $body$;
"""


# Revision 0010: a merge writes a push's new visits, outcomes and roster rows a table at a time
# (sync.merge.insert_new_rows), and their reach rows follow each statement, not each row. Per
# row, each new visit's rows and visit counts cost 1.4 ms under the merge lock, 30 visits a
# merged day. An update still writes its visit's or session's rows again, row by row.
def _insert_statement_trigger(name, table, body):
    """A function and the trigger per INSERT statement on `table` that runs it, the statement's
    rows in the transition table `added`."""
    return f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
{body}
    RETURN NULL;
END $body$;
CREATE TRIGGER {name} AFTER INSERT ON {table} REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION {name}();
"""


REACH_INSERTS_BY_STATEMENT = (
    """
DROP TRIGGER reach_visits_aiu ON visits;
DROP TRIGGER reach_visit_outcomes_ai ON visit_outcomes;
DROP TRIGGER reach_session_attendees_ai ON session_attendees;
CREATE TRIGGER reach_visits_au AFTER UPDATE ON visits FOR EACH ROW
    EXECUTE FUNCTION reach_visits_aiu();
"""
    + _insert_statement_trigger("reach_visits_ai", "visits",
                                _rebuild_visits("SELECT id FROM added"))
    # Planned for each statement's rows, as revision 0008 has the rebuilds planned.
    + "ALTER FUNCTION reach_visits_ai() SET plan_cache_mode = force_custom_plan;\n"
    + _insert_statement_trigger("reach_visit_outcomes_ai", "visit_outcomes", """
    INSERT INTO reach (source_id, day, commune_code, village_id, officer_id, household_id,
                       person_id, kind)
    SELECT vi.id, substr(vi.visited_at, 1, 10), vl.commune_code, vl.id, vi.officer_id,
           vi.household_id, n.person_id, n.outcome
      FROM added n
      JOIN visits vi ON vi.id = n.visit_id
      JOIN households h ON h.id = vi.household_id
      JOIN villages vl ON vl.id = h.village_id
     WHERE n.deleted_at IS NULL AND vi.deleted_at IS NULL;""")
    + _insert_statement_trigger("reach_session_attendees_ai", "session_attendees", f"""
    INSERT INTO reach (source_id, day, commune_code, village_id, officer_id, household_id,
                       person_id, kind)
    SELECT s.id, substr(s.held_at, 1, 10), s.commune_code, s.village_id, f.value, NULL,
           n.person_id, x.kind
      FROM added n
      JOIN group_sessions s ON s.id = n.session_id
      JOIN LATERAL (SELECT 'attendee' AS kind UNION ALL
                    SELECT o.value FROM {json_values('n.outcomes', 'o')}) x ON true
      LEFT JOIN {json_values('s.facilitators', 'f')} ON true
     WHERE n.deleted_at IS NULL AND s.deleted_at IS NULL;"""))


def reach_inserts_by_row():
    """The SQL bringing back revision 0002's triggers per row for new visits, outcomes and
    roster rows (revision 0010's downgrade)."""
    again = ["""
DROP TRIGGER reach_visits_ai ON visits;
DROP FUNCTION reach_visits_ai();
DROP TRIGGER reach_visits_au ON visits;
DROP TRIGGER reach_visit_outcomes_ai ON visit_outcomes;
DROP TRIGGER reach_session_attendees_ai ON session_attendees;
"""]
    for sql in REACH_TRIGGERS:
        function, _, trigger = sql.partition("CREATE TRIGGER ")
        if "TRIGGER reach_visits_aiu " in sql:
            again.append("CREATE TRIGGER " + trigger)
        elif re.search(r"TRIGGER reach_(visit_outcomes|session_attendees)_ai ", sql):
            again.append(function.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1)
                         + "CREATE TRIGGER " + trigger)
    return "".join(again)
