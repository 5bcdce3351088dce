"""One schema, described once (fieldapp/schema.py): SQLite's frozen steps make what it says, and
PostgreSQL's schema made from it says the same, in tables, columns, keys, references and indexes."""

import multiprocessing
import re

import pytest
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from fieldapp import schema
from fieldapp.db import connect, upgrade
from fieldapp.pg_migrations import (current_revision, engine_url, head_revision,
                                    upgrade_postgresql)
from sync.store import SCHEMA_TABLES

SQLITE_ONLY_TABLES = re.compile(r"^(people_fts(_\w+)?|_sqlite_migrations|sqlite_sequence)$")


def sqlite_affinity(declared):
    """SQLite's type affinity of a declared type (its rules, section 3.1 of "Datatypes")."""
    declared = declared.upper()
    if "INT" in declared:
        return "INTEGER"
    if any(word in declared for word in ("CHAR", "CLOB", "TEXT")):
        return "TEXT"
    if not declared or "BLOB" in declared:
        return "BLOB"
    if any(word in declared for word in ("REAL", "FLOA", "DOUB")):
        return "REAL"
    return "NUMERIC"


def _affinity_described(column):
    if "sqlite_affinity" in column.info:
        return column.info["sqlite_affinity"]
    return sqlite_affinity(column.type.compile(dialect=sa.dialects.sqlite.dialect()))


def _plain(sql):
    """SQL text without what each database adds when it reports it back: casts, brackets,
    quotes around names, spacing, case, and `!=` written `<>`."""
    sql = re.sub(r"::[a-z ]+?(?=[\s,)\]]|$)", "", str(sql).lower())
    sql = sql.replace("!=", "<>").replace('"', "").replace("(", " ").replace(")", " ")
    return " ".join(sql.split())


def _default(value):
    if value is None or isinstance(value, sa.Identity):  # identities are compared apart
        return None
    return _plain(value.arg.text if isinstance(value.arg, sa.TextClause) else f"'{value.arg}'"
                  ) if hasattr(value, "arg") else _plain(value)


def described(table, dialect):
    """The table as the description says it is made on `dialect` ("sqlite" or "postgresql")."""
    return {
        "columns": {c.name: (
            _affinity_described(c) if dialect == "sqlite"
            else c.type.compile(dialect=postgresql.dialect()),
            # SQLite lets a key that is not an integer be null unless it says NOT NULL: whether
            # a key may be null is PostgreSQL's to say (never).
            None if dialect == "sqlite" and c.primary_key else c.nullable,
            _default(c.server_default)) for c in table.columns},
        "primary key": [c.name for c in table.primary_key.columns],
        "references": sorted(
            (tuple(fk.parent.name for fk in constraint.elements), constraint.referred_table.name,
             tuple(fk.column.name for fk in constraint.elements),
             bool(constraint.deferrable) if dialect == "postgresql" else None)
            for constraint in table.foreign_key_constraints),
        "indexes": sorted(
            (index.name, tuple(c.name for c in index.columns), bool(index.unique),
             _plain(index.dialect_options[dialect]["where"])
             if index.dialect_options[dialect]["where"] is not None else None)
            for index in table.indexes),
        "unique": [],
        "checks": sorted(
            _plain(c.sqltext) if dialect == "sqlite" else c.name
            for c in table.constraints if isinstance(c, sa.CheckConstraint)),
        "identity": sorted(c.name for c in table.columns if c.identity is not None)
        if dialect == "postgresql" else None,
    }


def reflected(inspector, dialect):
    """Every table as the database reports it, in the same shape as `described`, by name."""
    # One query per kind for all tables, not one per table: PostgreSQL's catalog is slow to ask.
    got = {kind: {name: value for (_, name), value in getattr(
        inspector, f"get_multi_{kind}")().items()} for kind in (
            "columns", "pk_constraint", "foreign_keys", "indexes", "unique_constraints",
            "check_constraints")}
    shapes = {}
    for name, columns in got["columns"].items():
        primary_key = got["pk_constraint"][name]["constrained_columns"]
        shapes[name] = {
            "columns": {c["name"]: (
                sqlite_affinity("" if isinstance(c["type"], sa.types.NullType)
                                else str(c["type"]))
                if dialect == "sqlite" else c["type"].compile(dialect=postgresql.dialect()),
                None if dialect == "sqlite" and c["name"] in primary_key else c["nullable"],
                _default(c["default"])) for c in columns},
            "primary key": primary_key,
            "references": sorted(
                (tuple(fk["constrained_columns"]), fk["referred_table"],
                 tuple(fk["referred_columns"]),
                 bool(fk["options"].get("deferrable")) if dialect == "postgresql" else None)
                for fk in got["foreign_keys"][name]),
            "indexes": sorted(
                (index["name"], tuple(index["column_names"]), bool(index["unique"]),
                 _plain(index["dialect_options"][f"{dialect}_where"])
                 if index["dialect_options"].get(f"{dialect}_where") is not None else None)
                for index in got["indexes"][name]
                if dialect != "postgresql" or index["name"] not in schema.POSTGRESQL_ONLY),
            "unique": got["unique_constraints"][name],
            "checks": sorted(_plain(c["sqltext"]) if dialect == "sqlite" else c["name"]
                             for c in got["check_constraints"][name]),
            "identity": sorted(c["name"] for c in columns if c.get("identity"))
            if dialect == "postgresql" else None,
        }
    return shapes


def differences(inspector, dialect, leave_out=lambda name: False):
    """What the database's schema has that the description says otherwise, table by table."""
    found, shapes = {}, reflected(inspector, dialect)
    tables = {name for name in shapes if not leave_out(name)}
    if tables != set(schema.metadata.tables):
        found["tables"] = {"not described": sorted(tables - set(schema.metadata.tables)),
                           "missing": sorted(set(schema.metadata.tables) - tables)}
    for name in sorted(tables & set(schema.metadata.tables)):
        made, said = shapes[name], described(schema.metadata.tables[name], dialect)
        for part in made:
            if made[part] != said[part]:
                found[f"{name} {part}"] = {"made": made[part], "described": said[part]}
    return found


@pytest.fixture(scope="module")
def migrated_sqlite(tmp_path_factory):
    """An SQLite database built through every released step, as a laptop's is."""
    path = tmp_path_factory.mktemp("schema") / "migrated.sqlite3"
    db = connect(path)
    upgrade(db)
    db.close()
    engine = sa.create_engine(f"sqlite:///{path}")
    yield engine
    engine.dispose()


def test_the_sqlite_steps_make_the_described_schema(migrated_sqlite):
    assert differences(sa.inspect(migrated_sqlite), "sqlite",
                       leave_out=SQLITE_ONLY_TABLES.match) == {}


def test_what_only_sqlite_has_is_written_down(migrated_sqlite):
    """A new trigger or FTS table means a PostgreSQL store must do its work some other way:
    whoever adds one says how in schema.SQLITE_ONLY."""
    with migrated_sqlite.connect() as conn:
        triggers = conn.execute(sa.text(
            "select name from sqlite_master where type = 'trigger'")).scalars().all()
        tables = conn.execute(sa.text(
            "select name from sqlite_master where type = 'table'")).scalars().all()
    assert triggers and all(re.match(r"(people_fts|reach)_", name) for name in triggers)
    assert {"people_fts", "triggers", "_sqlite_migrations", "sqlite_sequence"} == set(
        schema.SQLITE_ONLY)
    assert {t for t in tables if SQLITE_ONLY_TABLES.match(t)} >= {
        "people_fts", "_sqlite_migrations", "sqlite_sequence"}


def test_the_engine_tables_are_described():
    assert set(SCHEMA_TABLES) <= set(schema.metadata.tables)


def test_a_difference_is_found(migrated_sqlite):
    """The comparison is not blind: a column, an index or a reference described otherwise
    than the steps made it is each reported."""
    other = sa.MetaData()
    for table in schema.metadata.tables.values():
        table.to_metadata(other)
    other.tables["people"].append_column(sa.Column("nickname", schema.TEXT))
    other.tables["visits"].indexes.remove(
        next(i for i in other.tables["visits"].indexes if i.name == "idx_visits_officer"))
    real = schema.metadata
    try:
        schema.metadata = other
        found = differences(sa.inspect(migrated_sqlite), "sqlite",
                            leave_out=SQLITE_ONLY_TABLES.match)
    finally:
        schema.metadata = real
    assert set(found) == {"people columns", "visits indexes"}


def postgres_engine(url):
    return sa.create_engine(engine_url(url), poolclass=sa.pool.NullPool)


def test_postgresql_upgraded_by_alembic_is_the_description(postgres_database):
    assert current_revision(postgres_database) is None
    upgrade_postgresql(postgres_database)
    engine = postgres_engine(postgres_database)
    assert differences(sa.inspect(engine), "postgresql",
                       leave_out={"alembic_version", *schema.POSTGRESQL_ONLY}.__contains__) == {}
    made = {index["name"] for indexes in sa.inspect(engine).get_multi_indexes().values()
            for index in indexes} | set(sa.inspect(engine).get_table_names())
    assert set(schema.POSTGRESQL_ONLY) <= made
    with engine.connect() as conn:
        before = conn.execute(sa.text(
            "select count(*), max(xmin::text::bigint) from pg_class")).one()
    engine.dispose()
    assert current_revision(postgres_database) == head_revision()

    # Again: nothing to do, nothing changed.
    upgrade_postgresql(postgres_database)
    engine = postgres_engine(postgres_database)
    with engine.connect() as conn:
        assert conn.execute(sa.text(
            "select count(*), max(xmin::text::bigint) from pg_class")).one() == before
    engine.dispose()
    assert current_revision(postgres_database) == head_revision()


def _upgrade_at(url, start):
    start.wait(30)
    upgrade_postgresql(url)


def test_processes_upgrading_at_once_take_turns(postgres_database):
    """Server processes started together each upgrade: one makes the schema, the others find
    it made (without the lock, the others would fail making tables that exist)."""
    processes = multiprocessing.get_context("fork")
    start = processes.Event()
    upgrading = [processes.Process(target=_upgrade_at, args=(postgres_database, start))
                 for _ in range(3)]
    for process in upgrading:
        process.start()
    start.set()
    for process in upgrading:
        process.join(60)
    assert [p.exitcode for p in upgrading] == [0, 0, 0]
    assert current_revision(postgres_database) == head_revision()
