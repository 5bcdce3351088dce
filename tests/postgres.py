"""PostgreSQL for the tests: one server per session in a temporary folder, a fresh database each.

Debian's `postgresql` package (`make system-deps` installs it) gives initdb and postgres; the
server, a child of the test process that ends with it, listens on a Unix socket in its folder
and on a free port of 127.0.0.1, with nothing synced to disk (fsync, synchronous_commit and
full_page_writes off: a crash loses only a test's data). initdb and the server refuse to run as
root, so under root they run as `postgres` (the package's user) or `nobody`. When no server can
be started the tests that need one fail, saying why; FIELDAPP_POSTGRES=optional makes them skip
instead (CI never sets it).
"""

import ctypes
import glob
import itertools
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

SUPERUSER = "fieldapp"
PREFIX = "fieldapp-pg-"
SETTINGS = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off",
            "listen_addresses": "127.0.0.1",
            # The contract tests' writer processes each hold a connection; the databases are small.
            "max_connections": "60", "shared_buffers": "32MB", "log_min_messages": "warning"}
HOW_TO_INSTALL = ("install Debian's PostgreSQL (`make system-deps` as root, or"
                  " `apt-get install postgresql`), or set FIELDAPP_POSTGRES=optional to skip"
                  " the tests that need it")


class Unavailable(Exception):
    """PostgreSQL could not be started here; the message says why."""


def binaries():
    """The folder of initdb and postgres: initdb's on PATH, else Debian's newest
    /usr/lib/postgresql/N/bin."""
    found = shutil.which("initdb")
    if found and Path(os.path.realpath(found)).with_name("postgres").exists():
        return Path(os.path.realpath(found)).parent
    # Debian keeps them off PATH (its wrappers are pg_ctlcluster and friends).
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version)
    if not candidates:
        raise Unavailable("no initdb on PATH nor in /usr/lib/postgresql/*/bin")
    return Path(candidates[-1]).parent


def _version(initdb):
    """(15,) of /usr/lib/postgresql/15/bin/initdb, (9, 6) of …/9.6/…: newest last."""
    return tuple(int(part) for part in Path(initdb).parent.parent.name.split(".")
                 if part.isdigit())


# Linux's prctl, found before any fork: the child only calls it (no import after a fork).
_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None
PR_SET_PDEATHSIG = 1


def _end_with_parent():
    """In the server's process before it starts: end it (SIGQUIT, PostgreSQL's immediate
    shutdown) when the test process that started it ends."""
    _LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGQUIT)


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _runner():
    """(uid, gid) the server runs as: this process's own, or under root a user it may be."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return None
    import pwd
    for name in ("postgres", "nobody"):
        try:
            entry = pwd.getpwnam(name)
        except KeyError:
            continue
        return entry.pw_uid, entry.pw_gid
    raise Unavailable("running as root, with neither a 'postgres' nor a 'nobody' user to run"
                      " PostgreSQL as (it refuses root)")


def sweep(older_than=60, folders=None):
    """Remove the folders of servers that ended with their test session killed (the server
    ends with it, its folder stays): initdb done, no server running, untouched a while."""
    for folder in folders or Path(tempfile.gettempdir()).glob(f"{PREFIX}*"):
        data, log = folder / "data", folder / "server.log"
        try:
            stale = ((data / "PG_VERSION").exists() and not (data / "postmaster.pid").exists()
                     and time.time() - log.stat().st_mtime > older_than)
        except OSError:
            continue
        if stale:
            shutil.rmtree(folder, ignore_errors=True)


class Server:
    """A PostgreSQL server of the test session, in its own folder."""

    def __init__(self, settings=None):
        self.bin = binaries()
        # A benchmark's bigger database asks for more memory than the tests' SETTINGS give.
        self.settings = {**SETTINGS, **(settings or {})}
        self.runner = _runner()
        sweep()
        # Not under pytest's temporary folder: that is root's alone, and the socket's path must
        # stay short (at most 107 bytes).
        self.folder = Path(tempfile.mkdtemp(prefix=PREFIX))
        self.data = self.folder / "data"
        self.port = _free_port()
        self.names = itertools.count(1)
        self.process = None
        if self.runner:
            os.chown(self.folder, *self.runner)

    def _as_runner(self):
        """How a process of the server is started: as its user, in its folder."""
        return {"cwd": self.folder,
                "env": {**os.environ, "HOME": str(self.folder), "LC_ALL": "C.UTF-8"},
                **({"user": self.runner[0], "group": self.runner[1], "extra_groups": []}
                   if self.runner else {})}

    def start(self):
        result = subprocess.run(
            [str(self.bin / "initdb"), "--no-sync", "-D", str(self.data), "-U", SUPERUSER,
             "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"],
            capture_output=True, text=True, timeout=120, **self._as_runner())
        if result.returncode:
            raise Unavailable(f"initdb failed: {(result.stderr or result.stdout)[-1500:]}")
        options = [part for name, value in {
            **self.settings, "port": self.port, "unix_socket_directories": self.folder}.items()
            for part in ("-c", f"{name}={value}")]
        with open(self.folder / "server.log", "ab") as log:
            # The server is this process's child, not a daemon (as pg_ctl would make it): it
            # ends with the test session however that ends, even killed by a timeout.
            self.process = subprocess.Popen(
                [str(self.bin / "postgres"), "-D", str(self.data), *options],
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                preexec_fn=_end_with_parent if _LIBC else None, **self._as_runner())
        self._wait_ready()
        return self

    def _wait_ready(self, seconds=60):
        import psycopg
        deadline = time.monotonic() + seconds
        while True:
            if self.process.poll() is not None:
                raise Unavailable(f"postgres stopped at once (exit {self.process.returncode})")
            try:
                psycopg.connect(self.url(), connect_timeout=2).close()
                return
            except psycopg.OperationalError as e:
                if time.monotonic() > deadline:
                    raise Unavailable(f"postgres did not answer within {seconds} s: {e}") from e
                time.sleep(0.05)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)  # immediate: the data is thrown away
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)

    def log(self):
        path = self.folder / "server.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def url(self, database="postgres", tcp=False):
        """A libpq URL of one of its databases, over the Unix socket or TCP."""
        host = "127.0.0.1" if tcp else self.folder
        return f"postgresql://{SUPERUSER}@/{database}?host={host}&port={self.port}"

    def connect(self, database="postgres", **kwargs):
        import psycopg
        return psycopg.connect(self.url(database), autocommit=True, **kwargs)

    def create_database(self, template=None, name=None):
        """A new database (a copy of `template`, which nothing may be connected to); its name."""
        name = name or f"test_{os.getpid()}_{next(self.names)}"
        with self.connect() as conn:
            # FILE_COPY: copying a small template's files beats logging each of its pages.
            conn.execute(f'CREATE DATABASE "{name}"'
                         + (f' TEMPLATE "{template}" STRATEGY FILE_COPY' if template else ""))
        return name

    def drop_database(self, name):
        with self.connect() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def start(settings=None):
    """A started server (SETTINGS, with `settings` over them), or Unavailable saying why not."""
    try:
        import psycopg  # noqa: F401
    except ImportError as e:
        raise Unavailable(f"psycopg is not installed ({e})") from e
    server = Server(settings)
    try:
        return server.start()
    except (Unavailable, OSError, subprocess.SubprocessError) as e:
        log = server.log()
        server.stop()
        raise Unavailable(f"{e}{' — its log: ' + log if log else ''}") from e


def started(environ=os.environ):
    """A started server; else the test fails saying why and what to install, or skips saying
    so when FIELDAPP_POSTGRES=optional."""
    try:
        return start()
    except Unavailable as e:
        message = (f"PostgreSQL could not be started for the tests: {e}."
                   f" To run them, {HOW_TO_INSTALL}.")
        if environ.get("FIELDAPP_POSTGRES") == "optional":
            pytest.skip(message)
        pytest.fail(message, pytrace=False)


@pytest.fixture(scope="session")
def postgres_server():
    """The session's PostgreSQL server, started once (a few seconds)."""
    server = started()
    yield server
    server.stop()


@pytest.fixture
def postgres_database(postgres_server):
    """A fresh, empty database of the session's server, dropped after the test: its URL."""
    name = postgres_server.create_database()
    yield postgres_server.url(name)
    postgres_server.drop_database(name)


@pytest.fixture
def postgres_central_database(postgres_templates, postgres_server, seeded_database):
    """A PostgreSQL central database holding the demo, upgraded to the newest revision."""
    from fieldapp.db import connect
    url, name = postgres_templates.copy("central-demo", seeded_database, central=True)
    db = tested(connect(url))
    yield db
    db.close()
    postgres_server.drop_database(name)


def copy_into(sqlite_path, url):
    """Every described table's rows of an SQLite database into an upgraded PostgreSQL one,
    compared: the product's copy (fieldapp.central_migrate.copy, without its checks of whose
    database it is), the tests' way to give PostgreSQL the demo or the official places."""
    from fieldapp.central_migrate import copy
    copy(sqlite_path, url)


def postgres_connect(url):
    import psycopg
    return psycopg.connect(url, autocommit=True)


class Templates:
    """Databases made once per session, each copied for a test by CREATE DATABASE ... TEMPLATE
    (a fraction of a second: 0.1 to 0.7 s here, on two shared cores)."""

    def __init__(self, server):
        self.server, self.made = server, {}

    def get(self, name, sqlite_path, central=False):
        """The template of that name: the schema upgraded by Alembic, and the rows of the
        SQLite database at `sqlite_path` (None: none); with `central`, brought up as a central
        server's start does (fieldapp.db.upgrade), so its copies need no upgrade."""
        if name not in self.made:
            from fieldapp.pg_migrations import upgrade_postgresql
            self.server.create_database(name=name)
            upgrade_postgresql(self.server.url(name))
            if sqlite_path is not None:
                copy_into(sqlite_path, self.server.url(name))
            if central:
                from fieldapp.db import connect, upgrade
                db = connect(self.server.url(name))
                upgrade(db, central=True)
                db.close()
            self.made[name] = name
        return name

    def copy(self, name, sqlite_path=None, central=False):
        """(URL, name) of a new database copied from that template."""
        copied = self.server.create_database(template=self.get(name, sqlite_path, central))
        return self.server.url(copied), copied


@pytest.fixture(scope="session")
def postgres_templates(postgres_server):
    return Templates(postgres_server)


class Rows:
    """A table's rows as the suite's tests read them on SQLite (sqlite-utils' `db[table]`):
    `get(key)` by the primary key, `count`, `exists()`; for tests only."""

    def __init__(self, db, table):
        self.db, self.table = db, table

    def get(self, key):
        from sqlite_utils.db import NotFoundError

        from fieldapp.schema import metadata
        column = metadata.tables[self.table].primary_key.columns[0].name
        row = self.db.one(f'select * from "{self.table}" where "{column}" = ?', [key])
        if row is None:
            raise NotFoundError(f"{self.table} {key!r}")
        return row

    @property
    def count(self):
        return self.db.value(f'select count(*) from "{self.table}"')

    def exists(self):
        return self.db.value("select to_regclass(?) is not null", [f'"{self.table}"'])


def tested(db):
    """The database opened on a PostgreSQL central server, with `db[table]` as tests read it
    on SQLite (Rows)."""
    from fieldapp.db import PostgreSQLDatabase

    class Tested(PostgreSQLDatabase):
        def __getitem__(self, table):
            return Rows(self, table)
    db.__class__ = Tested
    return db


# ---- The counts PostgreSQL's triggers keep ------------------------------------------------

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
            db.execute(db.dialect.rebuild_counts())
            built.update({table: rows_of(db, table) for table in REACH_TABLES})
            raise Undone
    except Undone:
        pass
    assert {table: rows_of(db, table) for table in REACH_TABLES} == before
    return built


def assert_counts_kept(db):
    """The counts PostgreSQL's triggers keep equal those rebuilt from reach: each positive, and
    some wherever visits are recorded."""
    kept = {table: rows_of(db, table) for table in REACH_TABLES}
    assert kept == counts_built_again(db)
    visited = db.value("select exists (select 1 from visits where deleted_at is null)")
    assert bool(kept["reach_counts"]) >= visited
    assert all(int(row[-1]) > 0 for row in kept["reach_counts"])
