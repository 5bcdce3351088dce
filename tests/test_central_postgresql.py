"""The central server on PostgreSQL (issue 28): a real `run.py --central` process on a database
of the suite's PostgreSQL server, two real laptops syncing with it, its pages; and the same data
on an SQLite central server and on PostgreSQL giving the same reports and counts."""

import re
from datetime import date, datetime, timedelta

import pytest
from helpers import PASSWORD, FormClient
from postgres import copy_into
from syncing import Central, Laptop, Web, office_rows

from fieldapp import clock, create_app, demo, store
from fieldapp.db import connect
from fieldapp.dialects import postgresql as pg_dialect
from fieldapp.group_sessions import queries as group_sessions
from fieldapp.households import queries as households
from fieldapp.pg_migrations import upgrade_postgresql
from fieldapp.visits import queries as visits

REACH_TABLES = ("reach_months", "reach_counts", "reach_shared")


def rows_of(db, table):
    """Every row of the table, as sorted tuples of text (SQLite keeps a commune's key as the
    number, PostgreSQL as its text)."""
    return sorted(tuple("" if v is None else str(v) for v in r.values())
                  for r in db.all(f"select * from {table}"))


def counts_built_again(db):
    """The reach tables as the rebuild from `reach` makes them, in a transaction undone."""
    before = {table: rows_of(db, table) for table in REACH_TABLES}

    class Undone(Exception):
        pass
    built = {}
    try:
        with db.atomic():
            db.execute(pg_dialect.rebuild_counts())
            built.update({table: rows_of(db, table) for table in REACH_TABLES})
            raise Undone
    except Undone:
        pass
    assert {table: rows_of(db, table) for table in REACH_TABLES} == before
    return built


def assert_counts_kept(db):
    """The counts PostgreSQL's triggers keep equal those rebuilt from reach, and some exist."""
    kept = {table: rows_of(db, table) for table in REACH_TABLES}
    assert kept == counts_built_again(db)
    assert kept["reach_counts"] and all(int(row[-1]) > 0 for row in kept["reach_counts"])


# ---- The same data on SQLite and on PostgreSQL --------------------------------------------

@pytest.fixture
def both_centrals(tmp_path, central_app, postgres_database):
    """(SQLite app, its db, PostgreSQL app, its db): a central server's demo office with the demo
    registry, written on SQLite and copied into PostgreSQL with tests/postgres.copy_into."""
    sqlite_app, sqlite_db = central_app
    demo.seed_demo_registry(sqlite_db, _user(sqlite_db, "canbo"))
    sqlite_db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    upgrade_postgresql(postgres_database)
    copy_into(sqlite_app.config["DATABASE"], postgres_database)
    pg_app = create_app({"TESTING": True, "CENTRAL": True, "DATABASE_URL": postgres_database},
                        instance_path=str(tmp_path / "pg-central"))
    pg_db = connect(postgres_database)
    yield sqlite_app, sqlite_db, pg_app, pg_db
    pg_db.close()


def _user(db, username):
    return db.value("select id from users where username = ?", [username])


def _client(app, username):
    client = FormClient(app.test_client())
    assert client.login(username, PASSWORD).status_code == 302
    return client


PERIODS = [(date(2024, 1, 1), date(2028, 12, 31))]


def _reports(app, username):
    """What the report pages and every export give, for the whole span and this month."""
    client = _client(app, username)
    today = clock.today()
    found = {}
    for start, end in PERIODS + [(today.replace(day=1), today)]:
        period = f"start={start}&end={end}"
        for dataset in ("report", "visits", "sessions", "people"):
            answer = client.get(f"/reports/export?{period}&dataset={dataset}&format=csv")
            assert answer.status_code == 200, (dataset, answer.data[-500:])
            found[(str(start), dataset)] = answer.data.decode()
        page = client.get(f"/reports/?{period}")
        assert page.status_code == 200
        found[(str(start), "page")] = _figures(page.data.decode())
    dashboard = client.get("/dashboard")
    assert dashboard.status_code == 200
    found["dashboard"] = _figures(dashboard.data.decode())
    return found


def _figures(page):
    """The page's text without what differs by request (tokens, nonces)."""
    page = re.sub(r'(csrf[-_]token"?[^>]*?(value|content)=")[^"]*', r"\1", page)
    return re.sub(r'nonce="[^"]*"', "", page)


def test_reports_and_exports_are_the_same_on_sqlite_and_postgresql(both_centrals):
    sqlite_app, sqlite_db, pg_app, pg_db = both_centrals
    assert pg_db.value("select count(*) from visits") == \
        sqlite_db.value("select count(*) from visits") > 0
    for username in ("giamsat", "quantri"):
        on_sqlite, on_postgresql = _reports(sqlite_app, username), _reports(pg_app, username)
        assert on_postgresql.keys() == on_sqlite.keys()
        for key in on_sqlite:
            assert on_postgresql[key] == on_sqlite[key], (username, key)


def _same_work(db, officer):
    """The same visits, outcomes, a session and corrections, written through the app."""
    household = db.value("select id from households where deleted_at is null"
                         " order by id limit 1")
    person = db.value("select head_person_id from households where id = ?", [household])
    when = datetime(2026, 3, 14, 9, 30)
    first = visits.record_visit(db, household, officer_id=officer, visited_at=when,
                                present=[person], topics=["vssid"],
                                outcomes={person: (["vssid_installed"], None)})
    visits.record_visit(db, household, officer_id=officer, visited_at=when + timedelta(days=40),
                        nobody_home=True)
    village = db.value("select village_id from households where id = ?", [household])
    commune = db.value("select commune_code from villages where id = ?", [village])
    session = group_sessions.record_session(
        db, commune_code=commune, village_id=village, held_at=when + timedelta(days=2),
        format="small_group", target_group="voluntary", facilitators=[officer], total=3,
        female=1, male=2, by_ethnicity={"mong": 3}, roster=[person], user_id=officer)
    group_sessions.set_outcomes(db, session, {person: ["voluntary_bhxh"]}, user_id=officer)
    first_id = first["id"] if isinstance(first, dict) else first
    visits.remove_visit(db, first_id, "recorded twice", user_id=officer)
    visits.restore_visit(db, first_id, user_id=officer)
    store.update(db, "people", person, {"full_name": "Thào Mí Dua"}, user_id=officer)
    # A person met taken out of reach and brought back; the household moving village.
    households.remove_person(db, person, "registered twice", user_id=officer)
    assert db.value("select count(*) from reach where person_id = ?", [person]) == 0
    households.restore_person(db, person, user_id=officer)
    other = db.value("select id from villages where id <> ? and deleted_at is null"
                     " order by id limit 1", [village])
    store.update(db, "households", household, {"village_id": other}, user_id=officer)
    return person


def test_the_same_writes_give_the_same_counts_on_both(both_centrals):
    """Writes through the app fire SQLite's triggers on one and PostgreSQL's on the other: the
    counts the reports read come out the same, and equal a rebuild from reach."""
    _, sqlite_db, _, pg_db = both_centrals
    # The copy brought SQLite's counts; PostgreSQL's rebuild derives the same from reach.
    assert counts_built_again(pg_db) == {t: rows_of(sqlite_db, t) for t in REACH_TABLES}
    for db in (sqlite_db, pg_db):
        _same_work(db, _user(db, "canbo"))
    assert_counts_kept(pg_db)
    for table in ("reach_counts", "reach_shared"):
        assert rows_of(pg_db, table) == rows_of(sqlite_db, table), table
    assert len(rows_of(pg_db, "reach_months")) == len(rows_of(sqlite_db, "reach_months"))
    assert len(rows_of(pg_db, "reach")) == len(rows_of(sqlite_db, "reach"))
