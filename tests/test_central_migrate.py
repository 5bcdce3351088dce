"""flask central-migrate: a real SQLite central server's data moved into the suite's PostgreSQL,
and its laptops syncing on with the server started again on it, without enrolling again."""

import fcntl
import functools
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import psycopg
import pytest

from fieldapp import central_migrate, create_app, store
from fieldapp.db import connect
from fieldapp.households import queries as households
from fieldapp.visits import queries as visits
from syncing import Central, Laptop, flask, office_rows


def register(laptop, name, village_name="Mí Háng"):
    village = laptop.db.execute("select id from villages where name = ?",
                                [village_name]).fetchone()[0]
    head = {"full_name": name, "gender": "male", "birth_year": 1980,
            "bhxh_status": "none", "vssid": "unknown"}
    household_id = households.register_household(laptop.db, village, {"language": "hnj"}, head,
                                                  user_id=laptop.user())
    return household_id, laptop.db["households"].get(household_id)["head_person_id"]


def _migrate(instance, url, *options):
    return flask(instance, "central-migrate", "--to", url, *options, timeout=300)


def test_laptops_sync_on_against_postgresql_without_enrolling_again(tmp_path, postgres_server,
                                                                     postgres_database):
    central = Central(tmp_path / "central")
    a, b = Laptop(tmp_path / "a", central), Laptop(tmp_path / "b", central)
    a.sync(), b.sync()
    household_a, person_a = register(a, "Giàng A Páo")
    visits.record_visit(a.db, household_a, officer_id=a.user(),
                        visited_at=datetime(2026, 11, 20, 9), topics=["vssid"],
                        outcomes={person_a: (["vssid_installed"], None)})
    household_b, _ = register(b, "Sùng A Chư", village_name="Tu San")
    a.sync(), b.sync(), a.sync()
    # What b has not pulled yet when the server stops: a's edit and a new member.
    store.update(a.db, "households", household_b, {"address_note": "Cạnh trường"},
                 user_id=a.user())
    households.add_person(a.db, household_a, {
        "full_name": "Mùa Thị Chò", "gender": "female", "birth_year": 1985, "relation": "spouse",
        "bhxh_status": "none", "vssid": "unknown"}, user_id=a.user())
    a.sync()
    missed = central.db.execute("select count(*) from sync_log where seq > ?",
                                [int(b.db.sync.state("pull_cursor"))]).fetchone()[0]
    assert missed > 0

    # Running: gunicorn's pid file names it, and the command refuses.
    assert (central.instance / "central.pid").exists()
    refused = _migrate(central.instance, postgres_database)
    assert refused.returncode != 0
    assert "the central server is running" in refused.stdout, refused.stdout
    office = central.office_id()
    log_before = central.db.execute("select seq, table_name, row_id, fields from sync_log"
                                    " order by seq").fetchall()
    central.stop()

    moved = _migrate(central.instance, postgres_database)
    assert moved.returncode == 0, moved.stdout
    assert "counts and checksums the same" in moved.stdout
    assert "sync_log" in moved.stdout and "DIFFERS" not in moved.stdout

    pg = psycopg.connect(postgres_database, autocommit=True)
    # The log's seqs are the laptops' cursors: kept exactly.
    assert [tuple(r) for r in pg.execute("select seq, table_name, row_id, fields from sync_log"
                                         " order by seq")] == [tuple(r) for r in log_before]
    last_sqlite_seq = log_before[-1][0]
    # The central server started again, on PostgreSQL (DATABASE_URL).
    central_pg = Central(central.instance, port=central.port, database_url=postgres_database)
    try:
        # b pulls exactly what it missed: nothing skipped, nothing twice.
        pulled = b.sync()
        assert pulled.received == missed and pulled.sent == 0
        assert int(b.db.sync.state("pull_cursor")) == last_sqlite_seq
        assert b.db["households"].get(household_b)["address_note"] == "Cạnh trường"
        again = b.sync()
        assert (again.received, again.sent) == (0, 0)
        # Pushes merge, and their log entries come after every seq SQLite handed out.
        store.update(b.db, "people", person_a, {"full_name": "Giàng A Páo (bố)"},
                     user_id=b.user())
        pushed = b.sync()
        assert pushed.sent == 1 and pushed.refused == []
        assert pg.execute("select min(seq) from sync_log where seq > %s",
                          [last_sqlite_seq]).fetchone()[0] == last_sqlite_seq + 1
        register(a, "Vừ A Lử")
        for laptop in (a, b, a):
            laptop.sync()
        assert a.db["people"].get(person_a)["full_name"] == "Giàng A Páo (bố)"
        held = office_rows(central_pg.db, office)
        assert held["people"] and office_rows(a.db, office) == held
        assert office_rows(b.db, office) == held
        assert central_pg.errors() == []
    finally:
        central_pg.stop()
        pg.close()
    # Going back (docs/deployment.md): the SQLite file as it was at the move serves again, and
    # what the laptops sent PostgreSQL since reaches it from them.
    back = Central(central.instance, port=central.port)
    try:
        for laptop in (a, b, a, b):
            laptop.sync()
        assert back.db.execute("select full_name from people where id = ?",
                               [person_a]).fetchone()[0] == "Giàng A Páo (bố)"
        assert office_rows(back.db, office) == office_rows(a.db, office) \
            == office_rows(b.db, office)
    finally:
        back.stop()
        a.close(), b.close()


@pytest.fixture
def instance(tmp_path, central_demo_file):
    """A stopped central server's instance folder: a copy of central_demo_file."""
    folder = tmp_path / "central"
    folder.mkdir()
    shutil.copyfile(central_demo_file, folder / "fieldapp.sqlite3")
    return folder


def _database(instance):
    return instance / "fieldapp.sqlite3"


def migrate(instance, url, **options):
    return central_migrate.migrate(str(_database(instance)), url, str(instance), **options)


def _seeded_only(url):
    """Whether the database holds no more than its schema's seed (or no schema at all)."""
    with psycopg.connect(url, autocommit=True) as pg:
        if pg.execute("select to_regclass('sync_log')").fetchone()[0] is None:
            return True
        return central_migrate.tables_with_rows(pg, central_migrate.seeded_tables()) == []


def test_a_target_holding_data_is_refused_unless_replace(instance, postgres_database):
    assert all(c.same for c in migrate(instance, postgres_database))
    with pytest.raises(central_migrate.Refused, match=r"already holds data \(in .*sync_log.*\):"
                       r" give an empty database, or --replace"):
        migrate(instance, postgres_database)
    # Replaced: the rows and the log's sequence as the SQLite file says, not doubled.
    db = connect(_database(instance))
    db.execute("delete from sync_log where seq = (select max(seq) from sync_log)")
    counter = db.execute("select seq from sqlite_sequence where name = 'sync_log'").fetchone()[0]
    rows = {t: db.execute(f"select count(*) from {t}").fetchone()[0]
            for t in ("list_items", "offices", "sync_log")}
    db.close()
    said = []
    migrate(instance, postgres_database, replace=True, echo=said.append)
    assert any(line.startswith("--replace: deleting every row") for line in said)
    with psycopg.connect(postgres_database, autocommit=True) as pg:
        assert {t: pg.execute(f"select count(*) from {t}").fetchone()[0] for t in rows} == rows
        # A forgotten last entry's seq may be a laptop's cursor: never handed out again.
        assert pg.execute("select max(seq) from sync_log").fetchone()[0] == counter - 1
        pg.execute("insert into sync_log (table_name, row_id, fields, origin)"
                   " values ('villages', 'x', '{}', 'central')")
        assert pg.execute("select max(seq) from sync_log").fetchone()[0] == counter + 1


def test_a_damaged_copy_is_rolled_back_and_the_command_fails_naming_the_table(
        instance, postgres_database, monkeypatch):
    def damage(conn, table):
        if table == "villages":
            conn.execute("update villages set name = name || '!'"
                         " where id = (select min(id) from villages)")

    monkeypatch.setattr(central_migrate, "migrate",
                        functools.partial(central_migrate.migrate, on_copied=damage))
    app = create_app({"TESTING": True, "CENTRAL": True}, instance_path=str(instance))
    result = app.test_cli_runner().invoke(args=["central-migrate", "--to", postgres_database])
    assert result.exit_code != 0
    assert "differs from the SQLite database in villages:" in result.output
    assert [line.split()[0] for line in result.output.splitlines()
            if "DIFFERS" in line] == ["villages"]
    # Undone whole: the emptying, the rows and the sequences.
    assert _seeded_only(postgres_database)
    with psycopg.connect(postgres_database, autocommit=True) as pg:
        assert pg.execute("select count(*) from list_items").fetchone()[0] > 0
        assert pg.execute("select nextval(pg_get_serial_sequence('sync_log', 'seq'))"
                          ).fetchone()[0] == 1


def test_a_laptops_database_is_refused(tmp_path, seeded_database, postgres_database):
    (tmp_path / "laptop").mkdir()
    shutil.copyfile(seeded_database, tmp_path / "laptop" / "fieldapp.sqlite3")
    with pytest.raises(central_migrate.Refused,
                       match="this is a laptop's database, not a central server's"):
        migrate(tmp_path / "laptop", postgres_database)


def test_a_database_of_a_newer_app_is_refused(instance, postgres_database):
    db = connect(_database(instance))
    db.execute("insert into _sqlite_migrations (migration_set, name, applied_at)"
               " values ('fieldapp', 'step_0099_from_the_future', '2027-01-01')")
    db.close()
    with pytest.raises(central_migrate.Refused, match=re.escape(
            "made by a newer fieldapp (migrations fieldapp/step_0099_from_the_future)")):
        migrate(instance, postgres_database)
    assert _seeded_only(postgres_database)


def test_an_unreachable_target_and_a_wrong_password_are_said(instance, postgres_server):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(central_migrate.Refused, match="cannot be reached"):
        migrate(instance, f"postgresql://fieldapp@127.0.0.1:{port}/nothing")
    # A role that must give its password over TCP, given the wrong one.
    with postgres_server.connect() as conn:
        conn.execute("create role migrator login password 'the-right-one'")
        hba = conn.execute("show hba_file").fetchone()[0]
    lines = open(hba).read()
    try:
        with open(hba, "w") as f:
            f.write("host all migrator 127.0.0.1/32 scram-sha-256\n" + lines)
        with postgres_server.connect() as conn:
            conn.execute("select pg_reload_conf()")
        url = f"postgresql://migrator:the-wrong-one@127.0.0.1:{postgres_server.port}/postgres"
        with pytest.raises(central_migrate.Refused,
                           match="refused the login: wrong user or password") as refused:
            migrate(instance, url)
        assert "the-wrong-one" not in str(refused.value)
    finally:
        with open(hba, "w") as f:
            f.write(lines)
        with postgres_server.connect() as conn:
            conn.execute("select pg_reload_conf()")
            conn.execute("drop role migrator")


def test_a_merge_in_progress_or_a_live_pid_file_refuses(instance, postgres_database):
    with open(str(_database(instance)) + "-merge.lock", "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(central_migrate.Refused,
                           match="being merged into this database right now"):
            migrate(instance, postgres_database)
    # A process started as run.py is (the real server's pid file: the laptops' test above).
    standing_in = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)",
                                    "run.py", "--central"])
    try:
        # Once it runs as the command it stands in for (a loaded machine may still show the
        # forked test process's command line for a moment).
        cmdline = Path(f"/proc/{standing_in.pid}/cmdline")
        for _ in range(100):
            if b"run.py" in cmdline.read_bytes():
                break
            time.sleep(0.05)
        (instance / "central.pid").write_text(f"{standing_in.pid}\n")
        with pytest.raises(central_migrate.Refused, match=re.escape(
                f"the central server is running (gunicorn, pid {standing_in.pid}")):
            migrate(instance, postgres_database)
    finally:
        standing_in.kill()
        standing_in.wait()
    # Left by a server killed without its shutdown: a pid no process has, or another program's.
    (instance / "central.pid").write_text("999999999\n")
    assert central_migrate.running_server(str(instance)) is None
    (instance / "central.pid").write_text(f"{os.getpid()}\n")
    assert central_migrate.running_server(str(instance)) is None
    assert _seeded_only(postgres_database)


def test_an_instance_already_on_postgresql_is_told_to_copy_from_its_sqlite_file(
        instance, postgres_database):
    with pytest.raises(central_migrate.Refused, match="DATABASE_URL names PostgreSQL already"):
        central_migrate.migrate(postgres_database, postgres_database, str(instance))


def test_a_value_postgresql_cannot_hold_stops_the_copy_naming_its_table(instance,
                                                                        postgres_database):
    """SQLite keeps a NUL in text; PostgreSQL's text cannot: refused, nothing kept."""
    db = connect(_database(instance))
    db.execute("update villages set name = 'Mí' || char(0) || 'Háng'"
               " where id = (select min(id) from villages)")
    db.close()
    with pytest.raises(central_migrate.Refused, match="table villages could not be copied"):
        migrate(instance, postgres_database)
    assert _seeded_only(postgres_database)
