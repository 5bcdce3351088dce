"""The central server on PostgreSQL (issue 28): a real `run.py --central` process on a database
of the suite's PostgreSQL server, two real laptops syncing with it, its pages; and the same data
on an SQLite central server and on PostgreSQL giving the same reports and counts."""

import re
from datetime import date, datetime, timedelta

import pytest
from helpers import PASSWORD, FormClient
from postgres import REACH_TABLES, assert_counts_kept, copy_into, counts_built_again, rows_of
from syncing import Central, Laptop, Web
from test_sync import converge

from fieldapp import clock, create_app, demo, store
from fieldapp.text import fold
from fieldapp.db import connect, shown_url
from fieldapp.group_sessions import queries as group_sessions
from fieldapp.households import queries as households
from fieldapp.visits import queries as visits

# ---- The same data on SQLite and on PostgreSQL --------------------------------------------

@pytest.fixture
def both_centrals(tmp_path, central_app, postgres_server, postgres_templates):
    """(SQLite app, its db, PostgreSQL app, its db): a central server's demo office with the demo
    registry, written on SQLite and copied into PostgreSQL with tests/postgres.copy_into."""
    sqlite_app, sqlite_db = central_app
    demo.seed_demo_registry(sqlite_db, _user(sqlite_db, "canbo"))
    sqlite_db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    # The schema Alembic makes (upgraded once, in the template), empty.
    url, name = postgres_templates.copy("schema")
    copy_into(sqlite_app.config["DATABASE"], url)
    pg_app = create_app({"TESTING": True, "CENTRAL": True, "DATABASE_URL": url},
                        instance_path=str(tmp_path / "pg-central"))
    pg_db = connect(url)
    yield sqlite_app, sqlite_db, pg_app, pg_db
    pg_db.close()
    postgres_server.drop_database(name)


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
    households.update_person(db, person, {"full_name": "Thào Mí Dua"}, user_id=officer)
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


# ---- A real central server process on PostgreSQL, two real laptops -------------------------

@pytest.fixture(scope="module")
def pg_central(tmp_path_factory, postgres_server):
    """`run.py --central` (demo office, gunicorn's workers) on a new PostgreSQL database."""
    name = postgres_server.create_database()
    server = Central(tmp_path_factory.mktemp("pg-central") / "instance",
                     database_url=postgres_server.url(name))
    yield server
    server.stop()
    postgres_server.drop_database(name)


@pytest.fixture(scope="module")
def office_life(tmp_path_factory, pg_central):
    """Two laptops of the demo office working and syncing through the PostgreSQL central server:
    the demo registry on one, a household, a visit and a session with the other's people on the
    other, then a rename, a removal and a restore; {name: id} of what the tests look for."""
    folder = tmp_path_factory.mktemp("pg-laptops")
    a, b = Laptop(folder / "a", pg_central), Laptop(folder / "b", pg_central)
    try:
        a.sync(), b.sync()
        demo.seed_demo_registry(a.db, a.user())
        officer = b.user()
        village = b.db.value("select id from villages where name = 'Tu San'")
        household = households.register_household(
            b.db, village, {"language": "hmn"}, {"full_name": "Sùng A Chư", "gender": "male",
                                                 "birth_year": 1979, "bhxh_status": "none",
                                                 "vssid": "unknown"}, user_id=officer)
        head = b.db.value("select head_person_id from households where id = ?", [household])
        visits.record_visit(b.db, household, officer_id=officer,
                            visited_at=datetime(2026, 11, 28, 14), present=[head],
                            outcomes={head: (["household_bhyt"], None)})
        converge(pg_central, a, b)
        pao = b.db.value("select id from people where full_name = 'Giàng A Páo'")
        commune = b.db.value("select commune_code from villages where id = ?", [village])
        session = group_sessions.record_session(
            b.db, commune_code=commune, village_id=village, held_at=datetime(2026, 11, 30, 8),
            format="small_group", target_group="voluntary", facilitators=[officer], total=4,
            female=2, male=2, by_ethnicity={"mong": 4}, roster=[pao, head], user_id=officer)
        group_sessions.set_outcomes(b.db, session, {pao: ["voluntary_bhxh"]}, user_id=officer)
        households.update_person(a.db, pao, {"full_name": "Thào Mí Dua"}, user_id=a.user())
        removed = a.db.value("select id from visits where nobody_home = 1")
        visits.remove_visit(a.db, removed, "recorded twice", user_id=a.user())
        rows = converge(pg_central, a, b)
        yield {"a": a, "b": b, "rows": rows, "renamed": pao, "household": household,
               "session": session, "village": village, "commune": commune,
               "visit": b.db.value("select id from visits where household_id = ?",
                                   [household])}
    finally:
        a.close(), b.close()


def test_two_laptops_syncing_through_postgresql_hold_what_it_holds(pg_central, office_life):
    rows = office_life["rows"]
    assert len(rows["households"]) >= 5 and len(rows["visits"]) >= 4
    assert len(rows["session_attendees"]) >= 2
    renamed = next(p for p in rows["people"] if p["id"] == office_life["renamed"])
    assert renamed["full_name"] == "Thào Mí Dua"
    assert renamed["bhxh_status"] != "none"  # the session's outcome reached the person
    db = pg_central.db
    # Every synced write went through the log, and PostgreSQL's triggers kept the counts.
    assert db.value("select count(*) from sync_log") > 0
    assert_counts_kept(db)
    # The office's counts are those the laptops' SQLite triggers keep from the same rows.
    office = pg_central.office_id()
    for laptop in (office_life["a"], office_life["b"]):
        for table in ("reach_counts", "reach_months"):
            assert [r for r in rows_of(db, table) if office in r] == \
                [r for r in rows_of(laptop.db, table) if office in r], table
    assert pg_central.errors() == []


def test_a_name_changed_on_a_laptop_is_found_by_the_central_search(pg_central, office_life):
    web = Web(pg_central.url)
    web.log_in("giamsat", pg_central.logins["giamsat"])
    found = web.get("/search?q=thao+mi+du")[2]
    assert "Thào Mí Dua" in found
    assert "Thào Mí Dua" not in web.get("/search?q=giang+a+pao")[2]
    assert pg_central.errors() == []




def _central_pages(db, life):
    """Every page of the central server, those of records filled from the office's life."""
    office = db.value("select id from offices order by created_at limit 1")
    user = db.value("select id from users where username = 'canbo'")
    figure = db.value("select id from policy_figures order by id limit 1")
    script = db.value("select id from scripts order by id limit 1")
    period = "start=2026-01-01&end=2026-12-31"
    from fieldapp.worklists.queries import WORKLISTS
    everyone = [
        "/", "/dashboard", "/help", "/search?q=thao", "/search?q=0987654321",
        "/policy-figures/", "/scripts/", f"/scripts/{script}", f"/scripts/{script}/history",
        "/sessions/", "/sessions/?month=2026-11", f"/sessions/{life['session']}",
        f"/sessions/{life['session']}/attendance", f"/sessions/{life['session']}/summary.pdf",
        f"/households/{life['household']}", f"/visits/{life['visit']}",
        f"/visits/{life['visit']}/summary.pdf", f"/villages/{life['village']}",
        f"/communes/{life['commune']}", "/villages/duplicates", "/conflicts",
        "/reports/", f"/reports/?{period}", f"/reports/?{period}&commune={life['commune']}",
        f"/reports/?{period}&officer={user}", f"/reports/report.pdf?{period}",
        "/reports/targets", f"/print/visits?{period}",
        *[f"/reports/export?{period}&dataset={d}&format={f}"
          for d in ("report", "visits", "sessions", "people") for f in ("csv", "xlsx")],
        *[f"/worklists/{kind}" for kind in WORKLISTS]]
    administrators = [
        "/admin/offices", "/admin/offices/new", f"/admin/offices/{office}", "/admin/users",
        "/admin/users/new", f"/admin/users/{user}", "/admin/lists/topic",
        "/policy-figures/new", f"/policy-figures/{figure}/edit", "/central/devices",
        "/central/audit/", "/central/audit/?action=merged", "/central/audit/export.csv",
        "/translations/"]
    return everyone, administrators


def _status(web, path):
    """The status of a GET of the path, whatever it answers (a page, a PDF, a spreadsheet)."""
    import urllib.error
    try:
        with web.opener.open(web.url + path, timeout=60) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as e:
        return e.code


@pytest.mark.parametrize("username", ["trungtam", "giamsat"])
def test_every_central_page_answers_on_postgresql(pg_central, office_life, username):
    everyone, administrators = _central_pages(pg_central.db, office_life)
    web = Web(pg_central.url)
    web.log_in(username, pg_central.logins[username])
    pages = everyone + (administrators if username == "trungtam" else [])
    answers = {path: _status(web, path) for path in pages}
    assert {path: status for path, status in answers.items() if status != 200} == {}
    assert pg_central.errors() == []


# ---- A database the central server cannot start with ---------------------------------------

def _start(instance, url, *options):
    import subprocess
    import sys

    from syncing import ROOT
    return subprocess.run(
        [sys.executable, str(ROOT / "run.py"), "--instance", str(instance),
         "--port", "0", *options], capture_output=True, text=True, timeout=120,
        env={**__import__("os").environ, "FIELDAPP_DATABASE_URL": url})


def test_a_database_it_cannot_reach_stops_the_start_naming_the_setting(tmp_path,
                                                                       postgres_server):
    missing = postgres_server.url("no_such_database")
    nobody = missing.replace("postgresql://fieldapp@", "postgresql://nobody_here@")
    with postgres_server.connect() as conn:
        conn.execute("create role locked_out nologin password 'x'")
    locked = postgres_server.url().replace("postgresql://fieldapp@",
                                           "postgresql://locked_out:s3cret-pw@")
    for url, reason in [
            ("postgresql://fieldapp:s3cret-pw@127.0.0.1:1/fieldapp", "Connection refused"),
            (missing, 'database "no_such_database" does not exist'),
            (nobody, 'role "nobody_here" does not exist'),
            (locked, 'role "locked_out" is not permitted to log in')]:
        done = _start(tmp_path / "central", url, "--central")
        assert done.returncode == 2, done.stderr
        assert "fieldapp cannot start: DATABASE_URL postgresql://" in done.stderr
        assert reason in done.stderr
        assert "Traceback" not in done.stderr and "s3cret-pw" not in done.stderr
    # Its password is never printed, not even when the start succeeds.
    assert shown_url("postgresql://fieldapp:s3cret-pw@db.example:5432/fieldapp") == \
        "postgresql://fieldapp:***@db.example:5432/fieldapp"
    # A laptop is refused PostgreSQL before it tries to reach it.
    done = _start(tmp_path / "laptop", missing)
    assert done.returncode == 2
    assert "fieldapp cannot start: DATABASE_URL: PostgreSQL is for the central server only" \
        in done.stderr


def test_hostile_searches_are_only_words_on_postgresql(both_centrals):
    from test_dialect import HOSTILE

    from fieldapp.search import queries
    _, _, _, db = both_centrals
    office = db.value("select id from offices order by created_at limit 1")
    before = db.value("select count(*) from people")
    assert [p["full_name"] for p in queries.search(db, office, "giang a p")] == ["Giàng A Páo"]
    for query in HOSTILE:
        found = queries.search(db, office, query)
        typed = re.findall(r"[^\W_]+", fold(query))
        assert all(any(w.startswith(t) for t in typed
                       for w in re.findall(r"\w+", fold(p["full_name"])))
                   for p in found), query
    assert db.value("select count(*) from people") == before


def test_the_commands_on_a_postgresql_central_server(both_centrals):
    _, _, pg_app, _ = both_centrals
    runner = pg_app.test_cli_runner()
    listed = runner.invoke(args=["db-migrations"])
    assert listed.exit_code == 0 and "postgresql  at revision" in listed.output
    assert "pending" not in listed.output
    for command in (["backup"], ["restore", __file__, "--yes"]):
        refused = runner.invoke(args=command)
        assert refused.exit_code == 1
        assert "a PostgreSQL central server's backups are PostgreSQL's (pg_dump" in refused.output


def test_a_central_write_and_a_merge_on_the_same_rows_take_turns(pg_central, office_life):
    """An administrator's write (a device revoked: its row, then an account's clock) beside a
    merge that holds the lock and writes the same device row: one waits, neither deadlocks."""
    import threading

    from fieldapp.db import connect
    url = pg_central.database_url
    admin, merger = connect(url), connect(url)
    device = admin.value("select id from devices order by id limit 1")
    written, failures = threading.Event(), []

    def merge():
        written.wait(10)
        try:
            with merger.sync.merging():
                merger.sync.update("devices", {"app_version": "merged"}, id=device)
        except Exception as e:  # noqa: BLE001 - the failure is the finding
            failures.append(e)

    thread = threading.Thread(target=merge)
    thread.start()
    try:
        with admin.atomic():
            admin.execute("update devices set name = name where id = ?", [device])
            written.set()
            thread.join(1)  # the merge gets its turn now if it can
            admin.sync.set_state("test_turns", "1")
    finally:
        thread.join(20)
        admin.close(), merger.close()
    assert failures == []
    check = connect(url)
    try:
        assert check.value("select app_version from devices where id = ?", [device]) == "merged"
        assert check.sync.state("test_turns") == "1"
    finally:
        check.close()
