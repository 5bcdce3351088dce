"""Fixtures: an app on a temporary database, clients, CSRF-aware form posts and logins."""

import pytest

from fieldapp import create_app, demo
from fieldapp.db import connect, upgrade

from helpers import PASSWORD, FormClient  # noqa: F401 (tests import them from here too)

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


@pytest.fixture(scope="session")
def seeded_database(tmp_path_factory):
    """make_app's migrated, demo-seeded database, built once per session for copy_app."""
    app = make_app(tmp_path_factory.mktemp("seeded") / "instance")
    database = connect(app.config["DATABASE"])
    # Everything into the main file: only that file is copied.
    database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    return app.config["DATABASE"]


@pytest.fixture
def central_app(tmp_path, seeded_database):
    """(app, database) of a central server in this process, on a copy of the demo database:
    the demo office's users, and every office's data. Sync tests use a real server process."""
    app = copy_app(tmp_path / "central", seeded_database, CENTRAL=True)
    database = connect(app.config["DATABASE"])
    upgrade(database, central=True)
    yield app, database
    database.close()


def copy_app(instance_path, seeded_database, **config):
    """What make_app gives, on a copy of the seeded database instead of seeding again."""
    import shutil

    instance_path.mkdir(parents=True, exist_ok=True)
    database = instance_path / "fieldapp.sqlite3"
    shutil.copyfile(seeded_database, database)
    return create_app({"TESTING": True, "I18N_RECORD_MISSING": True,
                       "DATABASE": str(database), **config}, instance_path=str(instance_path))


@pytest.fixture(scope="module")
def central(tmp_path_factory):
    """A real central server process (`run.py --central`, demo office) for a test module."""
    from syncing import Central
    server = Central(tmp_path_factory.mktemp("central") / "instance")
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
