"""The sync store: the engine's schema is its own, and each store (SQLite's, PostgreSQL's) keeps
the contract the engine relies on (sync/store.py): the `store` fixture is each in turn."""

import json
import shutil
import sqlite3

import pytest
import sqlite_utils

from fieldapp.db import connect, upgrade
from fieldapp.migrations import migrations as app_migrations
from sync import capture
from sync.postgresql import PostgreSQLStore
from sync.sqlite import SQLiteStore
from sync.sqlite import migrations as sync_migrations
from sync.store import SCHEMA_TABLES, Broken, Store


def shape(db, table):
    """A table's columns, keys, indexes and references, as SQLite reports them."""
    return {
        "columns": db.execute(f"pragma table_info([{table}])").fetchall(),
        "indexes": sorted((r[1], r[2], r[3], db.execute(f"pragma index_info([{r[1]}])"
                                                        ).fetchall())
                          for r in db.execute(f"pragma index_list([{table}])")),
        "references": db.execute(f"pragma foreign_key_list([{table}])").fetchall(),
    }


def test_the_engine_schema_is_the_one_the_released_steps_made(tmp_path):
    """Made alone, the engine's tables are those fieldapp's steps 0008 and 0011 made before the
    engine shipped its schema: its first step takes them over unchanged."""
    upgraded = connect(tmp_path / "app.sqlite3")
    upgrade(upgraded)
    alone = sqlite_utils.Database(tmp_path / "engine.sqlite3")
    sync_migrations.apply(alone)

    made = set(alone.table_names())
    assert set(SCHEMA_TABLES) <= made
    for table in SCHEMA_TABLES:
        assert shape(alone, table) == shape(upgraded, table), table
    assert [m.name for m in sync_migrations.applied(upgraded)] == [
        "sync_0001_engine_tables", "sync_0002_lineage", "sync_0003_trail",
        "sync_0004_log_by_scope"]


def test_the_engine_step_takes_over_tables_with_rows_in_them(tmp_path):
    """A laptop upgraded from before the engine's schema keeps its log and state."""
    db = connect(tmp_path / "old.sqlite3")
    app_migrations.apply(db)
    db.execute("insert into sync_state (key, value) values ('pushed_seq', '7')")
    db.execute("insert into sync_log (table_name, row_id, fields, origin) values"
               " ('villages', 'v1', '{}', 'laptop')")

    assert "sync_0001_engine_tables" in upgrade(db)

    assert db.sync.state("pushed_seq") == "7"
    assert db.sync.last_seq() == 1


@pytest.fixture(scope="session")
def upgraded_file(tmp_path_factory):
    """An SQLite database as `upgrade` makes it: empty but for the official places."""
    path = tmp_path_factory.mktemp("upgraded") / "store.sqlite3"
    db = connect(path)
    upgrade(db)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


@pytest.fixture(params=["sqlite", "postgresql"])
def open_store(request, tmp_path, upgraded_file):
    """A maker of stores on one database with the app's synced tables and the engine's, empty
    but for the official places; each call opens another connection to it."""
    opened = []
    if request.param == "sqlite":
        path = tmp_path / "store.sqlite3"
        shutil.copyfile(upgraded_file, path)

        def open_one():
            opened.append(connect(path))
            return opened[-1].sync
    else:
        url, name = request.getfixturevalue("postgres_templates").copy("places", upgraded_file)

        def open_one():
            opened.append(PostgreSQLStore.connect(url))
            return opened[-1]
    yield open_one
    for database in opened:
        database.close()
    if request.param == "postgresql":
        request.getfixturevalue("postgres_server").drop_database(name)


@pytest.fixture
def store(open_store):
    return open_store()


def test_a_store_is_a_store(store):
    assert isinstance(store, Store)
    assert store.clock is None and store.central is None


def test_find_filters_by_value_missing_value_and_list(store):
    rows = [{"key": f"k{i}", "value": str(i)} for i in range(1200)]
    store.insert("sync_state", rows)

    assert store.find("sync_state", key="k5") == [{"key": "k5", "value": "5"}]
    assert store.find("sync_state", key="nobody") == []
    # More values than a statement binds: the store slices them.
    wanted = [f"k{i}" for i in range(0, 1200, 1)]
    assert len(store.find("sync_state", key=wanted)) == 1200
    assert store.find("sync_state", key=[]) == []
    assert [r["key"] for r in store.find("sync_state", order_by=["-key"], limit=2)] == [
        "k999", "k998"]
    store.insert("devices", [], replace=True)  # nothing to insert is nothing
    # Two lists, both longer than a statement binds: every pair of slices is asked.
    assert len(store.find("sync_state", key=wanted, value=[str(i) for i in range(600)])) == 600
    if isinstance(store, SQLiteStore):
        # SQLite's store asks a long list in slices, which it cannot put in one order;
        # PostgreSQL's binds it as one array.
        with pytest.raises(ValueError):
            store.find("sync_state", order_by=["key"], key=wanted)


def test_none_matches_a_missing_value(store):
    _a_device(store, "d1")
    _a_device(store, "d2", revoked_at="2026-01-01T00:00:00Z")

    assert [d["id"] for d in store.find("devices", revoked_at=None)] == ["d1"]
    store.update("devices", {"revoked_at": "2026-02-02T00:00:00Z"}, revoked_at=None)
    assert {d["revoked_at"] for d in store.find("devices")} == {
        "2026-01-01T00:00:00Z", "2026-02-02T00:00:00Z"}


def _a_device(store, device_id, **values):
    office = store.find("offices", limit=1)
    if not office:
        store.insert("offices", [{"id": "o1", "name": "Văn phòng", "province_code": 15,
                                  "created_at": "x", "updated_at": "x"}])
    store.insert("devices", [{"id": device_id, "name": device_id, "office_id": "o1",
                              "secret_hash": "h", "enrolled_at": "x", **values}])


def test_writes_outside_a_transaction_are_committed_at_once(store, open_store):
    """Another connection sees them, and can take the merge lock: nothing was left open."""
    store.set_state("role", "laptop")
    store.insert("sync_state", [{"key": "a", "value": "1"}])
    store.append_log([["villages", "v1", "{}", "laptop", None, None, 0, None]])

    other = open_store()
    assert other.count("sync_state") == 2
    assert other.count("sync_log") == 1
    with other.merging():
        pass


def test_atomic_is_undone_whole_on_an_error(store):
    with pytest.raises(RuntimeError):
        with store.atomic():
            store.set_state("a", 1)
            store.append_log([["villages", "v1", "{}", "laptop", None, None, 0, None]])
            raise RuntimeError("cut")
    assert store.state("a") is None and store.last_seq() == 0


def test_attempt_undoes_only_its_own_part_and_says_broken(store):
    with store.atomic():
        store.set_state("kept", "yes")
        with pytest.raises(Broken):
            with store.attempt():
                store.set_state("undone", "yes")
                store.insert("sync_state", [{"key": "kept", "value": "twice"}])
        # Inside another attempt, the inner one goes alone.
        with store.attempt():
            store.set_state("outer", "yes")
            with pytest.raises(Broken):
                with store.attempt():
                    store.insert("sync_state", [{"key": "outer", "value": "twice"}])
    assert store.state("kept") == "yes" and store.state("outer") == "yes"
    assert store.state("undone") is None


def test_attempt_lets_other_errors_through_and_undoes_them(store):
    with store.atomic():
        with pytest.raises(KeyError):
            with store.attempt():
                store.set_state("undone", "yes")
                raise KeyError("not the store's")
        store.set_state("after", "yes")
    assert store.state("undone") is None and store.state("after") == "yes"


def test_a_snapshot_does_not_see_a_write_made_during_it(store, open_store):
    store.append_log([["villages", "v1", "{}", "laptop", None, None, 0, None]])
    other = open_store()
    with store.snapshot():
        before = store.last_seq()
        # Write-ahead logging (SQLite) or row versions (PostgreSQL) let another write meanwhile.
        other.append_log([["villages", "v2", "{}", "laptop", None, None, 0, None]])
        assert store.last_seq() == before == 1
        assert store.log_count(0) == 1
    assert store.last_seq() == 2


def test_the_log_in_order_and_by_scope(store):
    entries = [
        ["villages", "v1", '{"name":["A","s1",""]}', "d1", 101, None, 0, None],
        ["users", "u1", "{}", "central", None, "o1", 0, None],
        ["villages", "v2", "{}", "d2", 202, None, 0, None],
        ["scripts", "s1", "{}", "central", None, None, 0, '{"action":"insert"}'],
        ["villages", "v1", '{"name":["B","s2","s1"]}', "d1", 101, None, 1, None],
    ]
    store.append_log(entries)

    assert store.last_seq() == 5 and store.log_count(2) == 3
    assert [e[0] for e in store.log_after(1, 2)] == [2, 3]
    assert store.log_after(0, 1)[0] == (1, "villages", "v1", '{"name":["A","s1",""]}', "d1")
    # d1, of office o1 and commune 101: its commune's, its office's and the shared; not what
    # it already holds.
    assert [e[0] for e in store.log_visible(0, 5, {101}, "o1", "d1", 10)] == [1, 2, 4]
    assert [e[0] for e in store.log_visible(0, 5, set(), "o2", "d3", 10)] == [4]
    # Each with the trail it left, handed on with it.
    assert store.log_visible(3, 4, set(), "o2", "d3", 10)[0][4] == '{"action":"insert"}'
    assert [e[0] for e in store.log_visible(2, 5, {101, 202}, "o1", "d3", 2)] == [3, 4]
    # Nothing past the position the pull was bounded by, however much the log holds.
    assert [e[0] for e in store.log_visible(0, 3, {101, 202}, "o1", "d3", 10)] == [1, 2, 3]
    assert [e[0] for e in store.log_after(1, None)] == [2, 3, 4, 5]
    assert store.logged_fields("villages", "v1", 1) == ['{"name":["B","s2","s1"]}']
    assert store.logged_rows() == [("villages", "v1"), ("users", "u1"), ("villages", "v2"),
                                   ("scripts", "s1")]
    # A laptop handing over records forgets their entries it has sent, not those still to send.
    store.forget_logged("villages", ["v1", "v2"], 4)
    assert [(e[0], e[2]) for e in store.log_after(0, None)] == [
        (2, "u1"), (4, "s1"), (5, "v1")]


def test_a_devices_pushes_are_remembered_by_position_within_a_window(store):
    store.remember_pushes("d1", [(1, "aa"), (2, "bb"), (3, "cc")], 0)
    store.remember_pushes("d2", [(1, "zz")], 0)
    # The same position again: the later digest replaces it; older positions are forgotten.
    store.remember_pushes("d1", [(3, "dd"), (4, "ee")], 1)
    held = {(r["device_id"], r["seq"]): r["digest"] for r in store.find("device_pushes")}
    assert held == {("d1", 2): "bb", ("d1", 3): "dd", ("d1", 4): "ee", ("d2", 1): "zz"}


def test_the_newer_is_kept_when_a_key_is_written_twice(store):
    store.keep_extra("villages", "v1", "altitude", json.dumps(900), "0002")
    store.keep_extra("villages", "v1", "altitude", json.dumps(100), "0001")
    assert store.find("sync_extra")[0]["value"] == "900"

    store.note_refused("villages", "v1", 9, "invalid", "first", "t1")
    store.note_refused("villages", "v1", 4, "other_office", "again", "t2")
    refusal = store.find("sync_refused")[0]
    assert (refusal["seq"], refusal["code"], refusal["reason"]) == (9, "other_office", "again")

    store.park("people", "p1", "{}", "no parent", "t1")
    store.park("people", "p2", "{}", "no parent", "t1")
    store.park("people", "p1", '{"a":1}', "still none", "t2")
    waiting = store.find("sync_inbox", order_by=["position"])
    assert [(w["row_id"], w["fields"], w["reason"], w["received_at"]) for w in waiting] == [
        ("p1", '{"a":1}', "still none", "t1"), ("p2", "{}", "no parent", "t1")]


def test_communes_of_rows_follow_their_parents(store):
    store.defer_references()  # outside a transaction: a no-op, as the engine never relies on it
    commune = store.find("communes", limit=1)[0]["code"]
    village = {"id": "v1", "commune_code": commune, "name": "Bản Mù", "name_key": "ban mu",
               "created_at": "x", "updated_at": "x"}
    with store.atomic():
        store.insert("villages", [village])
        store.insert("households", [{"id": "h1", "village_id": "v1", "created_at": "x",
                                     "updated_at": "x"}])
        store.insert("people", [{"id": "p1", "household_id": "h1", "full_name": "Giàng A Páo",
                                 "name_key": "giang a pao", "gender": "male",
                                 "birth_year": 1980, "relation": "head", "created_at": "x",
                                 "updated_at": "x"}])
    assert store.communes_of("people", ["p1", "nobody"]) == {"p1": commune}
    assert store.communes_of("households", ["h1"]) == {"h1": commune}
    assert capture.scope(store, "people", {"household_id": "h1"}) == (commune, None)
    assert capture.scope(store, "people", {"household_id": "gone"}) == (-1, None)


def test_columns_are_the_tables(store):
    assert {"id", "sync_clock", "village_id"} <= store.columns("households")
    assert store.columns("sync_state") == {"key", "value"}


def test_the_app_database_hands_out_one_store_per_connection(tmp_path):
    db = connect(tmp_path / "one.sqlite3")
    assert db.sync is db.sync and isinstance(db.sync, SQLiteStore)
    assert connect(tmp_path / "one.sqlite3").sync is not db.sync


def test_long_lists_in_every_filter_are_sliced_and_a_value_counted_once(store):
    keys = [f"k{i:04d}" for i in range(1500)]
    store.insert("sync_state", [{"key": k, "value": "1"} for k in keys])

    # A value repeated across a slice's edge is one row, not two.
    assert len(store.find("sync_state", key=["k0001"] * 501)) == 1
    assert store.count("sync_state", key=keys + keys) == 1500
    assert store.find("sync_state", only=["key"], key="k0002") == [{"key": "k0002"}]
    store.update("sync_state", {"value": "2"}, key=keys[:1200])
    assert store.count("sync_state", value="2") == 1200
    store.delete("sync_state", key=keys[100:1400])
    assert store.count("sync_state") == 200


# SQLite's deferred transactions only: PostgreSQL's writers lock rows.
@pytest.mark.parametrize("open_store", ["sqlite"], indirect=True)
def test_attempt_outside_a_transaction_takes_the_write_lock_first(open_store, tmp_path):
    """A savepoint alone would begin a deferred transaction: another connection could write
    after its first read, and its own write would then fail at once ("database is locked")."""
    store = open_store()
    assert isinstance(store, SQLiteStore)
    store.set_state("seen", "0")
    other = sqlite_utils.Database(tmp_path / "store.sqlite3")
    other.conn.execute("pragma busy_timeout = 100")
    with store.attempt():
        assert store.state("seen") == "0"
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("update sync_state set value = '2' where key = 'seen'")
        store.set_state("seen", "1")
    assert not store.conn.in_transaction


def test_attempt_outside_a_transaction_is_a_transaction_of_its_own(store, open_store):
    store.set_state("seen", "1")
    with pytest.raises(Broken):
        with store.attempt():
            store.set_state("kept", "no")
            store.insert("sync_state", [{"key": "seen", "value": "twice"}])
    # Nothing left open: another connection can take the merge lock at once.
    with open_store().merging():
        pass
    assert store.state("seen") == "1" and store.state("kept") is None


def test_rows_go_in_as_dicts_or_as_values_with_their_names(store):
    store.insert("sync_state", [["a", "1"], ["b", "2"]], names=("key", "value"))
    store.insert("sync_state", [["c", "3"]], names=("value", "key"))
    store.insert("sync_state", [{"value": "4", "key": "d"}])
    assert {r["key"]: r["value"] for r in store.find("sync_state")} == {
        "a": "1", "b": "2", "3": "c", "d": "4"}


def test_an_unknown_table_has_no_columns(store):
    assert store.columns("no_such_table") == set()
    with store.atomic():  # and asking leaves the transaction usable
        assert store.columns("another_unknown") == set()
        store.set_state("after", "yes")
    assert store.state("after") == "yes"


# PostgreSQL only: SQLite keeps any value in any column (type affinity).
@pytest.mark.parametrize("open_store", ["postgresql"], indirect=True)
def test_a_value_the_column_cannot_hold_is_broken(store):
    assert not isinstance(store, SQLiteStore)
    _a_device(store, "d1")
    with store.atomic():
        with pytest.raises(Broken):
            with store.attempt():
                store.update("devices", {"last_seq": "not a number"}, id="d1")
        store.update("devices", {"last_seq": 7}, id="d1")
    assert store.find("devices", id="d1")[0]["last_seq"] == 7


# PostgreSQL only: SQLite's checkpoint empties its write-ahead log, its connection deletes
# securely (tests/test_erasure.py reads its files).
@pytest.mark.parametrize("open_store", ["postgresql"], indirect=True)
def test_after_an_erasure_no_row_version_nor_index_entry_holds_the_number(store):
    """checkpoint() VACUUMs what the erasure rewrote, indexes too: the old row version is gone,
    and its entry in idx_people_cccd, among many rows (where VACUUM may skip the indexes)."""
    commune = store.find("communes", limit=1)[0]["code"]
    made = {"created_at": "x", "updated_at": "x"}
    with store.atomic():
        store.insert("villages", [{"id": "v1", "commune_code": commune, "name": "Bản Mù",
                                   "name_key": "ban mu", **made}])
        store.insert("households", [{"id": "h1", "village_id": "v1", **made}])
        store.insert("people", [{"id": f"p{n}", "household_id": "h1", "full_name": f"Người {n}",
                                 "name_key": f"nguoi {n}", "gender": "male", "birth_year": 1980,
                                 "relation": "child", "cccd": f"0010800{n:05d}", **made}
                                for n in range(4000)])
    # As autovacuum would have: every page all-visible, the planner's statistics taken.
    store.conn.execute("vacuum analyze people")
    number = "001080001234"
    store.update("people", {"cccd": None}, id="p1234")
    store.checkpoint()
    store.conn.execute("create extension if not exists pageinspect")
    pages = store.conn.execute("select pg_relation_size('people') / 8192").fetchone()[0]
    assert store.conn.execute("""
        select count(*) from generate_series(0, %s - 1) as page,
               heap_page_items(get_raw_page('people', page::int))
         where position(convert_to(%s, 'UTF8') in t_data) > 0""",
                              [pages, number]).fetchone()[0] == 0
    assert store.conn.execute("""
        select count(*) from generate_series(1, pg_relation_size('idx_people_cccd') / 8192 - 1)
               as page, bt_page_items(get_raw_page('idx_people_cccd', page::int))
         where position(encode(convert_to(%s, 'UTF8'), 'hex') in replace(data, ' ', '')) > 0
        """, [number]).fetchone()[0] == 0
    # Other numbers are untouched.
    assert store.find("people", id="p1235")[0]["cccd"] == "001080001235"
    # Nor do the planner's statistics hold any number (revision 0007): a hundred or so of them
    # were histogram bounds in pg_statistic.
    assert store.conn.execute("select attname from pg_stats where tablename = 'people'"
                              " and attname in ('cccd', 'bhxh_number')").fetchall() == []


def test_revision_0007_removes_the_statistics_analyze_kept_of_the_numbers(
        postgres_templates, postgres_server, upgraded_file):
    """A database at revision 0006 whose pg_statistic holds people's CCCD as histogram bounds
    (ANALYZE's) holds none once upgraded, nor after ANALYZE again."""
    import sqlalchemy as sa
    from alembic import command

    from fieldapp.pg_migrations import config, engine_url, upgrade_postgresql
    url, name = postgres_templates.copy("places", upgraded_file)
    engine = sa.create_engine(engine_url(url), poolclass=sa.pool.NullPool)
    with engine.connect() as connection:
        command.downgrade(config(connection), "0006")
    engine.dispose()
    store = PostgreSQLStore.connect(url)
    try:
        made = "'x', 'x'"
        store.conn.execute(f"""
            insert into villages (id, commune_code, name, name_key, created_at, updated_at)
            select 'v1', min(code), 'Bản Mù', 'ban mu', {made} from communes""")
        store.conn.execute(f"insert into households (id, village_id, created_at, updated_at)"
                           f" values ('h1', 'v1', {made})")
        store.conn.execute(f"""
            insert into people (id, household_id, full_name, name_key, gender, birth_year,
                                relation, cccd, created_at, updated_at)
            select 'p' || n, 'h1', 'Người', 'nguoi', 'male', 1980, 'child',
                   '0010800' || lpad(n::text, 5, '0'), {made} from generate_series(0, 999) n""")
        store.conn.execute("analyze people")
        held = "select count(*) from pg_stats where tablename = 'people' and attname = 'cccd'"
        assert store.conn.execute(held).fetchone()[0] == 1  # the search is sound
        upgrade_postgresql(url)
        assert store.conn.execute(held).fetchone()[0] == 0
        store.conn.execute("analyze people")
        assert store.conn.execute(held).fetchone()[0] == 0
    finally:
        store.close()
        postgres_server.drop_database(name)
