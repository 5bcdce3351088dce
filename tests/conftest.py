"""Fixtures: an app on a temporary database, clients and logins, and makers of rows (factories)."""

import itertools
import shutil

import pytest

from fieldapp import accounts, create_app, demo, offices
from fieldapp.db import connect, upgrade
from fieldapp.households import queries as households
from fieldapp.places import queries as places

import registry
from helpers import PASSWORD, FormClient  # noqa: F401 (tests import them from here too)
from postgres import (postgres_central_database, postgres_database,  # noqa: F401
                      postgres_server, postgres_templates)

LOCALES = ("vi", "en")


def make_app(instance_path, **config):
    """An app on a migrated, demo-seeded database in a temporary instance folder."""
    app = create_app({"TESTING": True, "I18N_RECORD_MISSING": True,
                      "DATABASE": str(instance_path / "fieldapp.sqlite3"), **config},
                     instance_path=str(instance_path))
    db = connect(app.config["DATABASE"])
    upgrade(db)
    demo.seed_demo(db, password=PASSWORD)
    db.close()
    return app


@pytest.fixture
def app(tmp_path, seeded_database):
    return copy_app(tmp_path / "instance", seeded_database)


@pytest.fixture
def db(app):
    database = connect(app.config["DATABASE"])
    yield database
    database.close()


@pytest.fixture
def client(app):
    return FormClient(app.test_client())


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def officer(client):
    client.login("canbo")
    return client


@pytest.fixture
def supervisor(client):
    client.login("giamsat")
    return client


@pytest.fixture
def admin(client):
    client.login("quantri")
    return client


@pytest.fixture(autouse=True, scope="session")
def cheap_password_hashing():
    """Real scrypt, small work factor: same hash format and checks, a fraction of the time."""
    from werkzeug.security import generate_password_hash

    from fieldapp import accounts

    def hash_password(password):
        return generate_password_hash(password, method="scrypt:1024:8:1")

    patch = pytest.MonkeyPatch()
    patch.setattr(accounts, "hash_password", hash_password)
    # Unknown usernames are checked against this hash: keep it as cheap as a real user's.
    patch.setattr(accounts, "_DUMMY_HASH", hash_password("not a password"))
    yield
    patch.undo()


@pytest.fixture(autouse=True, scope="session")
def two_central_workers():
    """Central servers started by tests run two worker processes of four threads, not nine of
    one: merges still cross processes, a request waiting on the merge lock leaves others to be
    answered, and the suite's many servers start and stop faster. tests/test_run.py checks
    the default counts."""
    patch = pytest.MonkeyPatch()
    patch.setenv("WORKERS", "2")
    patch.setenv("THREADS", "4")
    yield
    patch.undo()


@pytest.fixture(autouse=True, scope="session")
def plain_installs():
    """The installs tests start as processes (run.py, flask) stay plain SQLite, which their
    helpers read directly; tests/test_encryption.py and the README's path (test_run.py) start
    encrypted ones by unsetting it."""
    patch = pytest.MonkeyPatch()
    patch.setenv("FIELDAPP_ENCRYPTED", "no")
    yield
    patch.undo()


@pytest.fixture(scope="session")
def seeded_database(tmp_path_factory):
    """make_app's migrated, demo-seeded database, built once per session for copy_app."""
    app = make_app(tmp_path_factory.mktemp("seeded") / "instance")
    database = connect(app.config["DATABASE"])
    # Everything into the main file: only that file is copied.
    database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    return app.config["DATABASE"]


@pytest.fixture(scope="session")
def central_demo_file(tmp_path_factory, seeded_database):
    """The demo's database made a central server's (its role, its log), once: its path, for
    tests to copy."""
    path = tmp_path_factory.mktemp("central-demo") / "fieldapp.sqlite3"
    shutil.copyfile(seeded_database, path)
    db = connect(path)
    upgrade(db, central=True)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


@pytest.fixture
def central_app(tmp_path, seeded_database, central_store, request):
    """(app, database) of a central server in this process, on a copy of the demo database:
    the demo office's users, and every office's data; on PostgreSQL (a database copied from a
    template holding the demo) when the module runs on both stores. Sync tests use a real
    server process."""
    if central_store == "postgresql":
        from postgres import tested
        # Upgraded and made central once, in the template.
        url, name = request.getfixturevalue("postgres_templates").copy(
            "central-demo", seeded_database, central=True)
        (tmp_path / "central").mkdir()
        app = create_app({"TESTING": True, "I18N_RECORD_MISSING": True, "CENTRAL": True,
                          "DATABASE_URL": url}, instance_path=str(tmp_path / "central"))
        database = tested(connect(url))
    else:
        # Already made central once (central_demo_file): a copy needs no upgrade.
        app = copy_app(tmp_path / "central", request.getfixturevalue("central_demo_file"),
                       CENTRAL=True)
        database = connect(app.config["DATABASE"])
    yield app, database
    database.close()
    if central_store == "postgresql":
        request.getfixturevalue("postgres_server").drop_database(name)


def copy_app(instance_path, seeded_database, **config):
    """What make_app gives, on a copy of the seeded database instead of seeding again."""
    import shutil

    instance_path.mkdir(parents=True, exist_ok=True)
    database = instance_path / "fieldapp.sqlite3"
    shutil.copyfile(seeded_database, database)
    return create_app({"TESTING": True, "I18N_RECORD_MISSING": True,
                       "DATABASE": str(database), **config}, instance_path=str(instance_path))


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "central_stores(*stores): the stores this test's central server runs on, in a"
        " module naming CENTRAL_STORES; a test whose path is the same on every store (refused"
        " before the store is read, say) names \"sqlite\" alone, saying why")


def pytest_generate_tests(metafunc):
    """A module naming CENTRAL_STORES = ("sqlite", "postgresql") runs its tests that use a central
    server (through `central_store`) once on each store, or on those its central_stores marker
    names; every other module on SQLite alone."""
    stores = getattr(metafunc.module, "CENTRAL_STORES", None)
    marker = metafunc.definition.get_closest_marker("central_stores")
    if stores and marker:
        stores = marker.args
    if stores and "central_store" in metafunc.fixturenames:
        metafunc.parametrize("central_store", stores, indirect=True, scope="module")


@pytest.fixture
def refused_before_the_store(monkeypatch):
    """Fails the test should a sync or an enrolment request get past sync.protocol's checks to
    the store: what a test run on SQLite alone (marked central_stores("sqlite")) relies on."""
    from fieldapp import sync_server_api
    from sync import server

    def reached(*args, **kwargs):
        raise AssertionError("the request reached the store: run this test on every store")

    class Guarded:
        """sync.server as the API sees it, its enrolment (past check_enrol) failing the test."""
        enrol = staticmethod(reached)

        def __getattr__(self, name):
            return getattr(server, name)
    # handle_sync's first store call once check_sync passed; the tests' own enrolments (the
    # test's helpers call sync.server directly) stay untouched.
    monkeypatch.setattr(server, "office_commune_codes", reached)
    monkeypatch.setattr(sync_server_api, "server", Guarded())


@pytest.fixture(scope="module")
def central_store(request):
    """The store the module's central server runs on: "sqlite" unless parametrized."""
    return getattr(request, "param", "sqlite")


def start_central(request, instance, store="sqlite"):
    """A real `run.py --central` (demo office) in that instance folder, on SQLite or on a new
    database of the session's PostgreSQL server (which fails, or skips with
    FIELDAPP_POSTGRES=optional, when PostgreSQL cannot be started)."""
    from syncing import Central
    if store == "postgresql":
        server = request.getfixturevalue("postgres_server")
        return Central(instance, database_url=server.url(server.create_database()))
    return Central(instance)


@pytest.fixture(scope="module")
def central(tmp_path_factory, central_store, request):
    """A real central server process (`run.py --central`, demo office) for a test module."""
    server = start_central(request, tmp_path_factory.mktemp("central") / "instance",
                           central_store)
    yield server
    server.stop()


@pytest.fixture
def laptops(tmp_path, central):
    """A maker of laptops: each fresh, enrolled with `central` and synced once, so it holds
    the office's places and users; closed after the test."""
    from syncing import Laptop
    made = []

    def make(name, **kwargs):
        laptop = Laptop(tmp_path / name, central, **kwargs)
        made.append(laptop)
        laptop.sync()
        return laptop
    yield make
    for laptop in made:
        laptop.close()


# ---- Factories, as Indico's tests have them: each fixture returns a maker whose keywords override
# its defaults. Rows go through the app's own functions, so they are stamped, logged and given
# history just as the pages would write them; by the demo office's people unless user_id says.

_serial = itertools.count(1)


def _demo_id(db, sql, params=()):
    return db.execute(sql, params).fetchone()[0]


def _admin(db):
    return registry.user_id(db, "quantri")


def _officer(db):
    return registry.user_id(db, "canbo")


@pytest.fixture
def create_office(db):
    """A maker of offices with their communes: create_office(name, province_code, communes)."""
    def create(name=None, province_code=1, communes=(), *, user_id=None, **values):
        return offices.create_office(
            db, name=name or f"BHXH thử {next(_serial)}", province_code=province_code,
            communes=communes, user_id=user_id or _admin(db), **values)
    return create


@pytest.fixture
def create_user(db):
    """A maker of users, an officer of the demo office unless told: create_user(username, ...)."""
    def create(username=None, *, full_name=None, password=PASSWORD, role="officer",
               office_id=None, user_id=None, **values):
        username = username or f"nguoidung{next(_serial)}"
        office_id = office_id or _demo_id(db, "select id from offices where name = ?",
                                          [demo.OFFICE_NAME])
        return accounts.create_user(
            db, username=username, full_name=full_name or f"Người Dùng {username}",
            password=password, role=role, office_id=office_id, user_id=user_id or _admin(db),
            **values)
    return create


@pytest.fixture
def create_village(db):
    """A maker of villages, in the demo's Xã Chế Tạo unless told: create_village(name, ...)."""
    def create(name=None, commune_code=None, kind="ban", *, user_id=None):
        commune_code = commune_code or _demo_id(
            db, "select code from communes where province_code = 15 and name = 'Xã Chế Tạo'")
        return places.create_village(db, commune_code, name or f"Bản Thử {next(_serial)}",
                                     kind, user_id=user_id or _officer(db))
    return create


@pytest.fixture
def create_household(db):
    """A maker of households in Mí Háng: create_household(head, *members) -> {'id', name: id}."""
    def create(head=None, *members, village_id=None, user_id=None, **values):
        head = head or registry.person(f"Chủ Hộ {next(_serial)}", 1970, "male")
        return registry.household(db, village_id or registry.village_id(db, "Mí Háng"),
                                  user_id or _officer(db), head, *members, **values)
    return create


@pytest.fixture
def create_person(db):
    """A maker of household members: create_person(household_id, full_name, ...) -> row."""
    def create(household_id, full_name=None, birth_year=1990, gender="female", *,
               user_id=None, **values):
        values = registry.person(full_name or f"Người Thử {next(_serial)}", birth_year,
                                 gender, **{"relation": "child", **values})
        return households.add_person(db, household_id, values, user_id=user_id or _officer(db))
    return create


@pytest.fixture
def create_visit(db):
    """A maker of visits, by the demo officer unless told: create_visit(household_id, when, ...)."""
    def create(household_id, when="2026-11-20T09:00", *, officer_id=None, **values):
        return registry.visit(db, household_id, officer_id or _officer(db), when, **values)
    return create
