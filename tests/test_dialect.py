"""The SQLite dialect (fieldapp/dialects/): its fragments run on SQLite with the results they
promise, and no app module outside it writes SQLite's own SQL."""

import ast
import json
import re
from pathlib import Path

import pytest
from registry import person

from fieldapp import dialects
from fieldapp.db import connect
from fieldapp.dialects import sqlite
from fieldapp.text import fold

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def plain(tmp_path):
    """A database file of one small table of JSON values and nullable pairs."""
    db = connect(tmp_path / "plain.sqlite3")
    db.execute("create table t (id integer primary key, items text, detail text, a, b,"
               " k text)")
    rows = [(1, '["x", "y"]', '{"username": "lan", "n": 3}', 1, 1, "u1/12"),
            (2, "[]", '{"n": 4}', 1, None, "/7"),
            (3, '["z"]', "{}", None, None, "officer-2/100"),
            (4, None, None, None, 2, "a/b/3")]
    db.conn.executemany("insert into t values (?, ?, ?, ?, ?, ?)", rows)
    yield db
    db.close()


def test_a_database_speaks_its_drivers_dialect(plain):
    assert plain.dialect is sqlite
    assert dialects.of(plain.conn) is sqlite

    class Elsewhere:
        pass
    with pytest.raises(dialects.UnknownDriver):
        dialects.of(Elsewhere())


def test_an_encrypted_database_speaks_sqlite(tmp_path):
    sqlcipher = pytest.importorskip("sqlcipher3.dbapi2")
    assert dialects.of(sqlcipher.connect(str(tmp_path / "sealed.sqlite3"))) is sqlite


def test_json_values_gives_each_element_of_the_arrays(plain):
    d = plain.dialect
    rows = plain.all(f"select t.id, v.value from t, {d.json_values('t.items', 'v')}"
                     " order by t.id, v.value")
    assert [(r["id"], r["value"]) for r in rows] == [(1, "x"), (1, "y"), (3, "z")]
    # As a correlated source beside a condition, the way sessions find a facilitator.
    assert [r["id"] for r in plain.all(
        f"select id from t where exists (select 1 from {d.json_values('t.items', 'v')}"
        " where v.value = ?) order by id", ["y"])] == [1]
    # Left-joined, a row without elements stays, once.
    assert [(r["id"], r["value"]) for r in plain.all(
        f"select t.id, v.value from t left join {d.json_values('t.items', 'v')} on 1 = 1"
        " where t.id in (2, 4) order by t.id")] == [(2, None), (4, None)]


def test_json_entries_gives_names_and_values(plain):
    d = plain.dialect
    rows = plain.all(f"select e.key, e.value from t, {d.json_entries('t.detail', 'e')}"
                     " where t.id = 1 order by e.key")
    assert [(r["key"], r["value"]) for r in rows] == [("n", 3), ("username", "lan")]


def test_json_field_reads_one_member(plain):
    d = plain.dialect
    assert [r["u"] for r in plain.all(
        f"select {d.json_field('detail', 'username')} as u from t order by id")] == \
        ["lan", None, None, None]
    assert plain.value(f"select {d.json_field('detail', 'n')} from t where id = 2") == 4
    for hostile in ("username') or 1 --", "a.b", "$", "", "user name", "x'"):
        with pytest.raises(ValueError):
            d.json_field("detail", hostile)


def test_group_list_and_json_list_make_json_arrays(plain):
    d = plain.dialect
    text = plain.value(f"select {d.group_list(d.json_list('id', 'a'))}"
                       " from (select * from t order by id)")
    assert json.loads(text) == [[1, 1], [2, 1], [3, None], [4, None]]
    assert json.loads(plain.value(
        f"select {d.group_list('v.value')} from {d.json_values('t.items', 'v')}, t"
        " where t.id = 2")) == []


def test_same_and_differs_treat_null_as_a_value(plain):
    d = plain.dialect
    same = {r["id"] for r in plain.all(f"select id from t where {d.same('a', 'b')}")}
    differs = {r["id"] for r in plain.all(f"select id from t where {d.differs('a', 'b')}")}
    assert same == {1, 3}
    assert differs == {2, 4}
    # Against a parameter that may be None, as 'another row than this one (or any)' asks.
    assert {r["id"] for r in plain.all(f"select id from t where {d.same('b', '?')}",
                                       [None])} == {2, 3}
    assert {r["id"] for r in plain.all(f"select id from t where {d.differs('b', '?')}",
                                       [None])} == {1, 4}
    assert {r["id"] for r in plain.all(f"select id from t where {d.same('b', ':b')}",
                                       {"b": 2})} == {4}


def test_flag_counts_and_bits_meet_months(plain):
    d = plain.dialect
    assert plain.value(f"select sum({d.flag('a = 1')}) from t") == 2
    assert plain.value(f"select max({d.flag('id > 3')}) from t") == 1
    march_to_june, may = 0b111100, 0b10000
    assert plain.value(f"select case when {d.bits_meet('?', '?')} then 'met' end",
                       [march_to_june, may]) == "met"
    assert plain.value(f"select case when {d.bits_meet('?', '?')} then 'met' end",
                       [march_to_june, 0b1]) is None


def test_larger_and_a_key_taken_apart(plain):
    d = plain.dialect
    assert plain.value(f"select {d.larger('3 - 5', '0')}") == 0
    assert plain.value(f"select {d.larger('7', '2')}") == 7
    rows = plain.all(f"select {d.text_before('k', chr(39) + '/' + chr(39))} as officer,"
                     f" {d.text_after('k', chr(39) + '/' + chr(39))} as rest from t order by id")
    assert [(r["officer"], r["rest"]) for r in rows] == [
        ("u1", "12"), ("", "7"), ("officer-2", "100"), ("a", "b/3")]


# ---- Full-text search over the real people_fts of the migrations -----------------------

HOSTILE = ['"', "'", "*", "NEAR", "near(an", "NEAR(nguyen van, 2)", "%", "%an%", "a\x00n",
           "\x00", "nguyen OR an", "NOT an", "-an", "^an", "name_key:an", "an AND", "(", ")",
           "{name_key}: an", '"nguyen" *', "an*", "+", "''; drop table people; --"]


def _found(db, query):
    d = db.dialect
    terms = d.search_terms(fold(query))
    if not terms:
        return None
    return sorted(r["full_name"] for r in db.all(
        f"select p.full_name from ({d.people_named(':q', ':most')}) f"
        f" join people p on {d.row_key('p')} = f.found", {"q": terms, "most": 100}))


def test_matches_finds_people_by_the_starts_of_their_words(db, create_household,
                                                           create_person):
    ids = create_household(person("Nguyễn Văn An", 1980, "male"))
    create_person(ids["id"], "Lò Thị Near")
    create_person(ids["id"], "Ma Seo %An")
    assert _found(db, "nguyen van") == ["Nguyễn Văn An"]
    assert _found(db, "NGUY") == ["Nguyễn Văn An"]
    assert _found(db, "near") == ["Lò Thị Near"]
    assert "Ma Seo %An" in _found(db, "seo an")
    # The query's operators are words the names would have to hold.
    assert _found(db, "nguyen OR seo") == []
    assert _found(db, "NOT nguyen") == []
    assert _found(db, "NEAR(nguyen an)") == []


@pytest.mark.parametrize("query", HOSTILE)
def test_a_hostile_query_is_only_words(db, create_household, query):
    create_household(person("Nguyễn Văn An", 1980, "male"))
    before = db.value("select count(*) from people")
    found = _found(db, query)
    # No error, no operator obeyed: at most the people whose words start as typed.
    typed = re.findall(r"\w+", fold(query))
    assert found is None or all(
        any(w.startswith(t) for t in typed for w in re.findall(r"\w+", fold(name)))
        for name in found)
    assert db.value("select count(*) from people") == before


def test_search_terms_quotes_every_word():
    assert sqlite.search_terms("nguyen van") == '"nguyen"* "van"*'
    assert sqlite.search_terms('ab"c NEAR') == '"ab"* "c"* "NEAR"*'
    assert sqlite.search_terms("a\x00b") == '"a"* "b"*'
    assert sqlite.search_terms(' " \x00 ') == ""


# ---- The boundary: SQLite's own SQL only in fieldapp/dialects/ ---------------------------

# Outside the dialect: the frozen migration steps (their SQL is released), and the engine's
# SQLite store (sync/sqlite/), which is SQLite's by name.
LEFT_ALONE = (re.compile(r"fieldapp/dialects/"), re.compile(r"fieldapp/migrations/step_"),
              re.compile(r"sync/sqlite/"))
SQL = re.compile(r"\b(select\b.*\bfrom|insert\s+into|update\s+\w+\s+set|delete\s+from|"
                 r"\bwhere\b.*[=<>?:])", re.I | re.S)
# JSON functions are SQLite's wherever they are written; a match and [name] where SQL would be.
SQLITE_ONLY = {"json_each(": (re.compile(r"\bjson_each\(", re.I), False),
               "json_extract(": (re.compile(r"\bjson_extract\(", re.I), False),
               " match ": (re.compile(r"\smatch\s", re.I), True),
               # SQLite's planner hints: a CROSS JOIN with ON, INDEXED BY.
               "cross join ... on": (re.compile(r"\bcross\s+join\b[^,]*?\bon\b", re.I | re.S),
                                     False),
               "indexed by": (re.compile(r"\bindexed\s+by\b", re.I), False),
               "[name] quoting": (re.compile(
                   r"(\b(from|join|into|update|table|as|select|by|on|set)\s+|,\s*|\.)"
                   r"\[(\w+|\{\})\]", re.I), False)}


def _hits(text):
    """The SQLite-only constructs a string literal holds."""
    sql = bool(SQL.search(text))
    return {what for what, (p, in_sql) in SQLITE_ONLY.items()
            if p.search(text) and (sql or not in_sql)}


def _strings(tree):
    """Every string literal of a module but docstrings, an f-string's holes as '{}'."""
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef,
                                       ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    inner = {id(v) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr)
             for v in node.values}
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            yield node.lineno, "".join(v.value if isinstance(v, ast.Constant) else "{}"
                                       for v in node.values)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and id(node) not in docstrings and id(node) not in inner:
            yield node.lineno, node.value


def test_no_app_module_outside_the_dialect_writes_sqlites_own_sql():
    found = []
    for path in sorted([*ROOT.glob("fieldapp/**/*.py"), *ROOT.glob("sync/**/*.py")]):
        name = path.relative_to(ROOT).as_posix()
        if any(p.match(name) for p in LEFT_ALONE):
            continue
        for line, text in _strings(ast.parse(path.read_text(encoding="utf-8"))):
            found += [f"{name}:{line}: {what}" for what in sorted(_hits(text))]
    assert found == []


def test_the_boundary_scan_sees_what_it_guards():
    """The scan itself finds each construct where it would be written."""
    module = ast.parse('sql = f"select {c} from t where x = 1"\n'
                       'j = "left join json_each(s.facilitators) f"\n'
                       'n = f"sum(c.n) as [{n}]"\n'
                       'q = "select rowid from people_fts where people_fts match :m"\n'
                       'w = f"{c} and json_extract(d, \'$.u\') = :u"\n'
                       'words = "a name may match these [0] or values[i]"\n'
                       'o = "from people p cross join households h on h.id = p.household_id"\n'
                       'i = "from people p indexed by idx_people_bhyt_expiry"\n'
                       'def f():\n    """Here json_each( is only words."""\n')
    hits = {line: _hits(text) for line, text in _strings(module)}
    assert hits == {1: set(), 2: {"json_each("}, 3: {"[name] quoting"}, 4: {" match "},
                    5: {"json_extract("}, 6: set(), 7: {"cross join ... on"},
                    8: {"indexed by"}}


# ---- PostgreSQL's dialect: the same functions, the same results ---------------------------

def test_postgresql_has_every_function_of_sqlite():
    from fieldapp.dialects import postgresql
    functions = {name for name, value in vars(sqlite).items()
                 if callable(value) and not name.startswith("_") and value.__module__ ==
                 sqlite.__name__}
    assert functions <= set(vars(postgresql))
    assert postgresql.search_terms("nguyen van") == "'nguyen':* & 'van':*"
    assert postgresql.search_terms(" \" ' \x00 & | ! ( ) : * ") == ""
    assert postgresql.search_terms("a'b c:*d") == "'a':* & 'b':* & 'c':* & 'd':*"


def test_postgresql_fragments_give_what_sqlites_do(postgres_database):
    """Each fragment on PostgreSQL, through fieldapp.db's Database, as the SQLite tests above."""
    db = connect(postgres_database)
    d = db.dialect
    db.execute("create table t (id integer primary key, items text, detail text, a integer,"
               " b integer, k text)")
    db.execute_many("insert into t values (?, ?, ?, ?, ?, ?)", [
        (1, '["x", "y"]', '{"username": "lan", "n": 3}', 1, 1, "u1/12"),
        (2, "[]", '{"n": 4}', 1, None, "/7"), (3, '["z"]', "{}", None, None, "officer-2/100"),
        (4, None, None, None, 2, "a/b/3")])
    assert [(r["id"], r["value"]) for r in db.all(
        f"select t.id, v.value from t, {d.json_values('t.items', 'v')} order by t.id, v.value")
            ] == [(1, "x"), (1, "y"), (3, "z")]
    assert [r["id"] for r in db.all(
        f"select id from t where exists (select 1 from {d.json_values('t.items', 'v')}"
        " where v.value = ?) order by id", ["y"])] == [1]
    assert [(r["id"], r["value"]) for r in db.all(
        f"select t.id, v.value from t left join {d.json_values('t.items', 'v')} on 1 = 1"
        " where t.id in (2, 4) order by t.id")] == [(2, None), (4, None)]
    assert [(r["key"], r["value"]) for r in db.all(
        f"select e.key, e.value from t, {d.json_entries('t.detail', 'e')} where t.id = 1"
        " order by e.key")] == [("n", "3"), ("username", "lan")]
    assert [r["u"] for r in db.all(
        f"select {d.json_field('detail', 'username')} as u from t order by id")] == \
        ["lan", None, None, None]
    assert json.loads(db.value(f"select {d.group_list(d.json_list('id', 'a'))}"
                               " from (select * from t order by id) t")) == \
        [[1, 1], [2, 1], [3, None], [4, None]]
    assert json.loads(db.value(f"select {d.group_list('id')} from t where id > 9")) == []
    assert {r["id"] for r in db.all(f"select id from t where {d.same('a', 'b')}")} == {1, 3}
    assert {r["id"] for r in db.all(f"select id from t where {d.differs('a', 'b')}")} == {2, 4}
    assert {r["id"] for r in db.all(f"select id from t where {d.same('b', '?')}",
                                    [None])} == {2, 3}
    assert {r["id"] for r in db.all(f"select id from t where {d.same('b', ':b')}",
                                    {"b": 2})} == {4}
    assert db.value(f"select sum({d.flag('a = 1')}) from t") == 2
    assert db.value(f"select case when {d.bits_meet('?', '?')} then 'met' end",
                    [0b111100, 0b10000]) == "met"
    assert db.value(f"select case when {d.bits_meet('?', '?')} then 'met' end",
                    [0b111100, 0b1]) is None
    assert db.value(f"select {d.larger('3 - 5', '0')}") == 0
    rows = db.all(f"select {d.text_before('k', chr(39) + '/' + chr(39))} as officer,"
                  f" {d.text_after('k', chr(39) + '/' + chr(39))} as rest from t order by id")
    assert [(r["officer"], r["rest"]) for r in rows] == [
        ("u1", "12"), ("", "7"), ("officer-2", "100"), ("a", "b/3")]
    # A literal % and a cast beside the placeholders, as psycopg is handed them.
    assert db.value("select count(*) from t where k like '%/%' and ?::integer > 0", [1]) == 4
    db.close()
