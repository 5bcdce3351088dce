"""A central server on PostgreSQL keeps a connection per request thread (fieldapp.db
_kept_postgresql): two requests share one backend; one ended by the server is replaced; nothing
of a request's transaction reaches the next; a thread keeps one connection at most."""

import time

import psycopg
import pytest
from flask import jsonify

from fieldapp import create_app
from fieldapp.db import get_db

MARK = "test_postgresql_connections"


def _app(tmp_path, url, name):
    """A central app on that database, with routes that tell of its request's connection."""
    app = create_app({"TESTING": True, "CENTRAL": True, "DATABASE_URL": url},
                     instance_path=str(tmp_path / name))

    @app.get("/_connection")
    def connection():
        db = get_db()
        # Asked first: whatever the last request left would show here.
        status = db.conn.info.transaction_status.name
        return jsonify(
            pid=db.value("select pg_backend_pid()"), status=status,
            jit=db.value("select current_setting('jit')"),
            marked=db.value("select count(*) from sync_state where key = ?", [MARK]),
            setting=db.value("select current_setting('fieldapp.test', true)"),
            advisory=db.value("select count(*) from pg_locks where locktype = 'advisory'"
                              " and pid = pg_backend_pid()"))

    @app.get("/_left_open")
    def left_open():
        """Begins a transaction that writes, takes a lock and a setting, and never ends it;
        with ?fail=1 a statement of it fails."""
        from flask import request
        db = get_db()
        db.execute("begin")
        db.execute("insert into sync_state (key, value) values (?, 'x')", [MARK])
        db.execute("select pg_advisory_xact_lock(?)", [280003])
        db.execute("select set_config('fieldapp.test', 'leaked', true)")
        if request.args.get("fail"):
            db.execute("select 1 / 0")
        return jsonify(pid=db.value("select pg_backend_pid()"))
    return app


@pytest.fixture
def databases(postgres_server, postgres_templates):
    """A maker of databases holding the schema (each a copy of the template), dropped after:
    (URL, name)."""
    made = []

    def make():
        url, name = postgres_templates.copy("schema")
        made.append(name)
        return url, name
    yield make
    for name in made:
        postgres_server.drop_database(name)


def _backends(server, name):
    """The pids of the connections to that database, but the asking one's."""
    with server.connect() as conn:
        return sorted(r[0] for r in conn.execute(
            "select pid from pg_stat_activity where datname = %s and pid <> pg_backend_pid()",
            [name]))


def test_two_requests_on_one_thread_share_one_backend_and_one_database_at_a_time(
        tmp_path, databases, postgres_server):
    url, name = databases()
    client = _app(tmp_path, url, "a").test_client()
    first = client.get("/_connection").json
    second = client.get("/_connection").json
    assert first["pid"] == second["pid"]
    assert _backends(postgres_server, name) == [first["pid"]]
    assert second["jit"] == "off" and second["status"] == "IDLE"

    # Another database served on the same thread (as tests do, one after another): the first's
    # connection is closed, not kept beside it.
    other_url, other = databases()
    third = _app(tmp_path, other_url, "b").test_client().get("/_connection").json
    assert _backends(postgres_server, other) == [third["pid"]]
    assert _backends(postgres_server, name) == []
    # Nor is the template held that the suite copies for the next test (CREATE DATABASE ...
    # TEMPLATE fails while anything is connected to it).
    postgres_server.drop_database(postgres_server.create_database(template="schema"))


def test_a_request_after_its_backend_was_terminated_is_served_on_a_new_one(
        tmp_path, databases, postgres_server):
    url, name = databases()
    client = _app(tmp_path, url, "a").test_client()
    ended = client.get("/_connection").json["pid"]
    with postgres_server.connect() as conn:
        assert conn.execute("select pg_terminate_backend(%s)", [ended]).fetchone()[0]
    deadline = time.monotonic() + 10
    while ended in _backends(postgres_server, name) and time.monotonic() < deadline:
        time.sleep(0.02)

    replaced = client.get("/_connection")
    assert replaced.status_code == 200
    assert replaced.json["pid"] != ended
    # And kept in its turn.
    assert client.get("/_connection").json["pid"] == replaced.json["pid"]
    assert _backends(postgres_server, name) == [replaced.json["pid"]]


@pytest.mark.parametrize("fail", [True, False], ids=["failed", "left-open"])
def test_a_request_that_left_its_transaction_leaves_the_next_one_clean(
        tmp_path, databases, postgres_server, fail):
    url, name = databases()
    client = _app(tmp_path, url, "a").test_client()
    if fail:
        with pytest.raises(psycopg.errors.DivisionByZero):
            client.get("/_left_open?fail=1")
    else:
        assert client.get("/_left_open").status_code == 200
    [pid] = _backends(postgres_server, name)

    after = client.get("/_connection").json
    # The same backend, its transaction rolled back: no row, no lock, no setting of it.
    assert after == {"pid": pid, "status": "IDLE", "jit": "off", "marked": 0, "setting": "",
                     "advisory": 0}
    with postgres_server.connect(name) as conn:
        assert conn.execute("select count(*) from sync_state where key = %s",
                            [MARK]).fetchone()[0] == 0


def test_the_reach_triggers_writing_a_visit_or_session_again_plan_for_each_row(databases,
                                                                               postgres_server):
    """Revision 0008: on a connection kept from request to request, PL/pgSQL's generic plans of
    these functions, made on small tables, would scan visits whole ever after; revision 0010's
    rebuild of a statement's new visits is planned alike."""
    _url, name = databases()
    with postgres_server.connect(name) as conn:
        configured = dict(conn.execute(
            "select proname, proconfig from pg_proc where proname like 'reach%'").fetchall())
    rebuilding = {"reach_visits_aiu", "reach_visit_outcomes_au", "reach_group_sessions_aiu",
                  "reach_session_attendees_au", "reach_people_restored_au", "reach_visits_ai"}
    assert {function for function, config in configured.items()
            if config == ["plan_cache_mode=force_custom_plan"]} == rebuilding
