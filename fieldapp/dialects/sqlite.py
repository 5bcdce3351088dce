"""SQLite's dialect: the SQL fragments only SQLite (and SQLCipher) accepts, one function each.

Every function returns a fragment of SQL to put into a query; the arguments are SQL too (a
column such as `s.facilitators`, a parameter such as `:officer`), never a user's text, except
`search_terms`, which makes a user's words into a full-text query to pass as a parameter.
A second engine's module answers the same functions with its own SQL (PostgreSQL's is given
in each docstring as "PostgreSQL:").

What SQLite's triggers keep, which a second engine must keep too
-----------------------------------------------------------------
The released migration steps are frozen, so the triggers stay as written; running code only
reads the tables they keep:

- `people_fts` (migration 0003): the full-text index of `people.name_key` (the name folded by
  `fieldapp.text.fold`), an FTS5 table over `people`'s rowid, kept by `people_fts_ai/_ad/_au` on
  insert, delete and update of `name_key`. Read only through `people_named` (with `matches`,
  `search_terms` and `row_key`; fieldapp/search/queries.py). A second engine indexes
  `people.name_key` its own way (PostgreSQL: a generated `tsvector` column or a trigram index
  on `people`, no separate table) and answers `people_named` over it; nothing else reads it.
- `reach` (migrations 0009, 0010): one row per visit, person met at a visit, outcome, person on a
  session's roster and session, with its day, commune, village, officer, household and person;
  rebuilt for a visit or a session whenever it or its outcomes or roster are written, and moved
  with a household that changes village. `reach_months`, `reach_counts` and `reach_shared`
  (0010) are kept from `reach` and from `office_communes`. The rules these triggers follow are
  written once in Python-built SQL in `fieldapp/reach/`: `keys.py` (the kinds counted, the
  groups and their keys, `KIND_OF`, `ENTITY_OF`, `YEAR_OF`, `MONTH_BIT_OF`, `key_of`) and
  `counts.rebuild_reach_counts` (the statements that rebuild the counts, as the
  `office_communes` triggers do); `tests/test_reach.py` checks them against the triggers.
  A second engine keeps these tables either by its own triggers written from those rules, or by
  the store on write (`fieldapp.store`/`db.sync`, after each write to visits, visit_outcomes,
  group_sessions, session_attendees, households and office_communes, in the same transaction),
  and passes the same `tests/test_reach.py`.
"""

import re

NAME = "sqlite"
# What readers of the counts run first: nothing, SQLite's triggers count in the writing
# transaction (PostgreSQL's merges leave theirs pending).
SETTLE_COUNTS = None

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def json_values(column, alias):
    """A row source named `alias` with one row per element of the JSON array in `column`, the
    element in `alias.value`. PostgreSQL: jsonb_array_elements_text(column::jsonb) alias(value)."""
    return f"json_each({column}) as {alias}"


def json_entries(column, alias):
    """A row source named `alias` with one row per member of the JSON object in `column`: its
    name in `alias.key`, its value in `alias.value`. PostgreSQL: jsonb_each_text(...) alias(key,
    value), whose values are text to cast."""
    return f"json_each({column}) as {alias}"


def json_field(column, key):
    """The value of the member `key` (a plain name) of the JSON object in `column`, as SQL text
    or number. PostgreSQL: (column::jsonb ->> 'key')."""
    if not _PLAIN_KEY.fullmatch(key):
        raise ValueError(f"not a plain JSON member name: {key!r}")
    return f"json_extract({column}, '$.{key}')"


def json_list(*expressions):
    """A JSON array of the expressions' values. PostgreSQL: json_build_array(...)."""
    return f"json_array({', '.join(expressions)})"


def group_list(expression):
    """The aggregate of a group's values as a JSON array ('[]' for none), in the order the rows
    come. PostgreSQL: coalesce(json_agg(expression), '[]')."""
    return f"json_group_array({expression})"


def same(a, b):
    """True when a equals b, or both are null. PostgreSQL: a IS NOT DISTINCT FROM b."""
    return f"{a} is {b}"


def differs(a, b):
    """True when a and b differ, one of them being null counting as a difference. PostgreSQL:
    a IS DISTINCT FROM b."""
    return f"{a} is not {b}"


def larger(a, b):
    """The larger of two values (a scalar, not the aggregate max). PostgreSQL: greatest(a, b)."""
    return f"max({a}, {b})"


def flag(condition):
    """A condition as the number 1 or 0, to add up or take the largest of (SQLite's truth values
    are those numbers already). PostgreSQL: (condition)::integer."""
    return condition


def bits_meet(a, b):
    """SQL condition: the integers a and b share a set bit (months kept as bits). PostgreSQL:
    (a & b) <> 0."""
    return f"{a} & {b}"


def text_before(column, separator):
    """The part of the text in `column` before the first `separator` (an SQL string), which the
    text must hold. PostgreSQL: split_part(column, separator, 1)."""
    return f"substr({column}, 1, instr({column}, {separator}) - 1)"


def text_after(column, separator):
    """The part of the text in `column` after the first `separator` (an SQL string), which the
    text must hold. PostgreSQL: substr(column, strpos(column, separator) + 1)."""
    return f"substr({column}, instr({column}, {separator}) + 1)"


def ordered_join():
    """A join that keeps the tables in the order written (SQLite's planner follows a CROSS JOIN's
    order: a worklist walks the table along whose index it is sorted). PostgreSQL: join (its
    planner orders the tables itself)."""
    return "cross join"


def indexed_by(index):
    """After a table in FROM: read it along that index. PostgreSQL: nothing (no hints)."""
    return f"indexed by {index}"


def matches(index, parameter):
    """SQL condition: the row of the full-text `index` matches the query in `parameter` (made by
    `search_terms`). PostgreSQL: the indexed tsvector @@ to_tsquery('simple', parameter)."""
    return f"{index} match {parameter}"


def row_key(alias):
    """The key by which a full-text index names the row of its table: SQLite's rowid."""
    return f"{alias}.rowid"


def people_named(parameter, limit):
    """A query of the keys (column `found`, matched by `row_key` of people) of at most `limit`
    people whose folded name matches the query in `parameter`. PostgreSQL: select id as found
    from people where <its name index> @@ to_tsquery('simple', parameter) limit ..."""
    return (f"select {row_key('people_fts')} as found from people_fts"
            f" where {matches('people_fts', parameter)} limit {limit}")


def search_terms(folded):
    """The full-text query (FTS5) finding every word of the folded text as a word's start:
    'nguyen van' -> '"nguyen"* "van"*'; '' when no word is left. Each word is quoted, so the
    query's operators (AND, OR, NOT, NEAR, *, ^, -, column filters) are only words."""
    # A double quote would end the quoted word: it parts words instead.
    words = folded.replace('"', " ").replace("\x00", " ").split()
    return " ".join(f'"{w}"*' for w in words)
