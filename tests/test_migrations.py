"""Schema migrations, connection pragmas and the official place list."""

import pytest

from fieldapp import accounts, offices, store
from fieldapp.db import connect, migration_sets, upgrade
from fieldapp.migrations import migrations
from fieldapp.places.official import load_official_places
from helpers import derive_reach_again, rows_of
from sync.sqlite import migrations as sync_migrations

APP_STEPS = [m.name for m in migrations._migrations]
STEPS = [m.name for steps in migration_sets() for m in steps._migrations]


def schema(db):
    return sorted((r["type"], r["name"], r["sql"]) for r in db.query(
        "select type, name, sql from sqlite_master where name not like 'sqlite_%'"))


@pytest.fixture
def fresh(tmp_path):
    database = connect(tmp_path / "fresh.sqlite3")
    yield database
    database.close()


@pytest.fixture(scope="module")
def fresh_schema(tmp_path_factory):
    """The schema of a new database upgraded, made once: what every step's upgrade must end at."""
    database = connect(tmp_path_factory.mktemp("fresh") / "fresh.sqlite3")
    upgrade(database)
    made = schema(database)
    database.close()
    return made


@pytest.fixture
def old(tmp_path):
    database = connect(tmp_path / "old.sqlite3")
    yield database
    database.close()


def test_the_foundation_steps_come_first_in_order():
    """Released steps keep their names and order; new ones are appended."""
    assert STEPS[:2] == ["0001_places_and_accounts", "0002_village_kind"]
    assert len(set(STEPS)) == len(STEPS)


def written_by_the_first_release(db, table, values, user_id=None):
    """A row as release 0.1's store wrote it."""
    # Today's store also writes history, a table step 0003 creates: not there yet.
    stamp = store.now()
    row = {"id": store.new_id(), **values, "created_at": stamp, "updated_at": stamp,
           "created_by": user_id, "updated_by": user_id, "deleted_at": None}
    db[table].insert(row)
    return row


def test_data_written_before_village_kind_survives_the_upgrade(old):
    """A database stopped at step 1, with data in every table, upgrades without losing any."""
    migrations.apply(old, stop_before="0002_village_kind")
    assert "kind" not in old["villages"].columns_dict
    load_official_places(old)
    mu_cang_chai = old.execute(
        "select code from communes where province_code = 15 and name = 'Xã Mù Cang Chải'"
    ).fetchone()[0]
    office = written_by_the_first_release(old, "offices", {
        "name": "BHXH cơ sở cũ", "province_code": 15, "phone": "", "address": ""})
    link = written_by_the_first_release(old, "office_communes", {
        "office_id": office["id"], "commune_code": mu_cang_chai})
    user = written_by_the_first_release(old, "users", {
        "username": "canbocu", "full_name": "Cán bộ cũ", "role": "officer",
        "password_hash": accounts.hash_password("old-password-1"),
        "office_id": office["id"], "locale": None, "active": 1})
    village = written_by_the_first_release(old, "villages", {
        "commune_code": mu_cang_chai, "name": "Thôn Cũ", "name_key": "thon cu"},
        user_id=user["id"])
    removed = {**written_by_the_first_release(old, "villages", {
        "commune_code": mu_cang_chai, "name": "Bản Bỏ", "name_key": "ban bo"}),
        "deleted_at": store.now()}
    old["villages"].update(removed["id"], {"deleted_at": removed["deleted_at"]})

    applied = upgrade(old)

    assert applied == STEPS[1:]
    assert [m.name for m in migrations.applied(old)] == APP_STEPS
    for table, row in (("offices", office), ("office_communes", link), ("users", user),
                       ("villages", village), ("villages", removed)):
        kept = store.get(old, table, row["id"], include_deleted=True)
        # Later steps may add columns; every value written then is still there.
        assert {k: kept[k] for k in row} == row, table
    assert store.get(old, "villages", village["id"])["kind"] == "thon"
    assert store.get(old, "villages", removed["id"], include_deleted=True)["kind"] == "thon"
    # Today's code reads and writes the upgraded data.
    assert offices.commune_codes(old, office["id"]) == [mu_cang_chai]
    assert accounts.user_by_username(old, "CanBoCu")["id"] == user["id"]
    assert store.update(old, "villages", village["id"], {"kind": "ban"},
                        user_id=user["id"]) == {"kind": "ban"}


@pytest.mark.parametrize("step", STEPS)
def test_upgrading_from_before_each_step_gives_the_fresh_schema(step, old, fresh_schema):
    """Stopped before any step, an upgrade ends with exactly the schema of a new database."""
    for steps in migration_sets():
        # Each set in order, up to the step: the engine's after all of fieldapp's.
        steps.apply(old, stop_before=step)
        if step in {m.name for m in steps._migrations}:
            break
    assert step not in {m.name for steps in migration_sets() for m in steps.applied(old)}

    applied = upgrade(old)

    assert applied == STEPS[STEPS.index(step):]
    assert schema(old) == fresh_schema
    assert old.execute("pragma foreign_key_check").fetchall() == []


def test_upgrade_is_idempotent(fresh):
    """A second upgrade applies nothing, keeps the schema and the place list unchanged."""
    assert upgrade(fresh) == STEPS
    before = schema(fresh)
    counts = fresh["provinces"].count, fresh["communes"].count

    assert upgrade(fresh) == []

    assert schema(fresh) == before
    assert (fresh["provinces"].count, fresh["communes"].count) == counts
    assert len(migrations.applied(fresh)) + len(sync_migrations.applied(fresh)) == len(STEPS)


def test_connect_sets_the_pragmas_fieldapp_relies_on(tmp_path):
    """WAL (set once by the upgrade, kept by the file), foreign keys, a busy timeout and a
    checkpoint every 10,000 pages, on every new connection to the file."""
    path = tmp_path / "pragmas.sqlite3"
    database = connect(path)
    upgrade(database)
    database.close()
    for _ in range(2):
        database = connect(path)
        try:
            assert database.execute("pragma journal_mode").fetchone()[0] == "wal"
            assert database.execute("pragma foreign_keys").fetchone()[0] == 1
            assert database.execute("pragma busy_timeout").fetchone()[0] > 0
            assert database.execute("pragma wal_autocheckpoint").fetchone()[0] == 10_000
        finally:
            database.close()


def test_foreign_keys_are_enforced(fresh):
    """A village in a commune that does not exist is refused by SQLite itself."""
    upgrade(fresh)
    with pytest.raises(Exception, match="FOREIGN KEY"):
        store.insert(fresh, "villages", {"commune_code": 999_999, "name": "X",
                                         "name_key": "x", "kind": "thon"}, user_id=None)


def test_official_place_list(fresh):
    """34 provinces and 3,321 communes (since 1 July 2025), with Lào Cai's as expected."""
    upgrade(fresh)
    assert fresh["provinces"].count == 34
    assert fresh["communes"].count == 3321
    assert fresh.execute("select name from provinces where code = 15").fetchone()[0] == "Lào Cai"
    lao_cai = {r["name"] for r in fresh.query(
        "select name from communes where province_code = 15")}
    assert {"Xã Mù Cang Chải", "Xã Trạm Tấu"} <= lao_cai
    orphans = fresh.execute(
        "select count(*) from communes where province_code not in (select code from provinces)"
    ).fetchone()[0]
    assert orphans == 0


def demo_as_of(old, tmp_path):
    """The demo as a release with the old schema held it: seeded by today's code into a new
    database, then its records copied row by row, the columns the old schema has."""
    from fieldapp import demo
    from sync.synced_tables import SYNCED_TABLES
    new = connect(tmp_path / "demo-today.sqlite3")
    upgrade(new)
    demo.seed_demo(new, password="old-password-1")
    demo.seed_demo_registry(new, new.execute(
        "select id from users where username = 'canbo'").fetchone()[0])
    old.execute("PRAGMA foreign_keys = OFF")
    with old.atomic():
        for table in old.table_names():
            if table not in SYNCED_TABLES:
                continue  # derived tables (search, reach) are the old schema's triggers' to fill
            columns = [c.name for c in old[table].columns]
            rows = [{c: r[c] for c in columns} for r in new[table].rows]
            if rows:
                old[table].insert_all(rows, ignore=True)
    old.execute("PRAGMA foreign_keys = ON")
    new.close()


def test_reach_is_filled_from_visits_and_sessions_recorded_before_it(old, fresh, tmp_path):
    """Step 0009 derives reach from what was recorded before it, exactly as its triggers do."""
    from fieldapp import clock, demo
    from fieldapp.reports import counting, scope

    migrations.apply(old, stop_before="0009_targets")
    load_official_places(old)
    demo_as_of(old, tmp_path)
    assert "reach" not in old.table_names()

    upgrade(old)

    backfilled = rows_of(old, "reach")
    assert {r[-1] for r in backfilled} >= {"visit", "closed", "present", "attendee",
                                           "vssid_installed"}
    # The triggers give the same rows when each visit and session is written again.
    derive_reach_again(old)
    assert rows_of(old, "reach") == backfilled
    office = old.execute("select id from offices").fetchone()[0]
    today = clock.today()
    figures = counting.total(counting.figures(old, scope.Area(office),
                                              today.replace(year=today.year - 1), today))
    # Demo: three visits (one with nobody home), one session of 12 with 3 on the roster.
    assert (figures["visits"], figures["households"], figures["sessions"]) == (3, 2, 1)


def test_reach_counts_are_built_from_what_was_recorded_before_them(old, tmp_path):
    """Step 0010 counts what reach held before it, as its triggers count each new row."""
    from fieldapp import demo

    migrations.apply(old, stop_before="0010_reach_counts")
    load_official_places(old)
    demo_as_of(old, tmp_path)

    upgrade(old)

    def counts():
        return [rows_of(old, table) for table in ("reach_months", "reach_counts")]
    backfilled = counts()
    assert {r[4] for r in backfilled[1]} >= {"visits", "household", "person"}
    old.execute("delete from reach")
    assert counts() == [[], []]
    derive_reach_again(old)
    assert counts() == backfilled
