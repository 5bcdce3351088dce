"""The one way into the database: one `Database` per request, closed on teardown.

`connect` opens it (a plain SQLite file, a SQLCipher one given its key, or, for a central
server, a postgresql:// URL) with the few operations the app uses: `one`, `all` and `value` to
read, `execute` (and `execute_many`) to write, `atomic()` for a transaction, `lock(name)` for a
named lock, and the driver's errors raised as this module's own (`IntegrityError`, `Busy`).
The app's SQL is written once, with `?` or `:name` placeholders, in SQL both engines accept
(the rest through `dialect`); `PostgreSQLDatabase` hands it to psycopg in its own placeholders.
Its `sync` is the sync engine's store over it (`sync.sqlite.SQLiteStore` or
`sync.postgresql.PostgreSQLStore`, the interface of `sync/store.py`), through which
`fieldapp.store` and the engine make every synced write.
"""

import os
import re
import select
import sqlite3
import threading
from contextlib import contextmanager
from functools import cached_property, lru_cache
from urllib.parse import urlsplit, urlunsplit

import sqlite_utils
from flask import current_app, g, has_request_context

from sync.sqlite import SQLiteStore
from sync.sqlite.store import pages_folder_of

from .config import ConfigError
from sync.sqlite import migrations as sync_migrations

BUSY_TIMEOUT_SECONDS = 10
WAL_CHECKPOINT_PAGES = 10_000


class DatabaseError(Exception):
    """The database refused a statement; the driver's own error is its __cause__."""


class IntegrityError(DatabaseError):
    """A write broke a key, a reference or a check."""


class Busy(DatabaseError):
    """Another writer held the database longer than the busy timeout."""


class WrongKey(DatabaseError):
    """The key given does not open the file (or it is not an encrypted database)."""


class Locked(DatabaseError):
    """The laptop's database is encrypted and no login has opened it since the app started."""


class Unreachable(DatabaseError, ConfigError):
    """The PostgreSQL server of DATABASE_URL cannot be reached or refuses the connection; a
    ConfigError too (fieldapp.config), so the start says so in place of a traceback."""


class Database(sqlite_utils.Database):
    """sqlite_utils.Database whose outermost transactions take the write lock when they begin.

    A deferred transaction that reads and then writes fails at once with "database is locked"
    when another connection wrote in between (SQLite cannot wait for it: its snapshot is stale).
    BEGIN IMMEDIATE waits its turn instead, up to the busy timeout, so concurrent writers (a
    sync beside a form being saved, several laptops syncing at once) queue rather than fail.
    """

    @contextmanager
    def atomic(self):
        if self.conn.in_transaction:
            with super().atomic():
                yield self
            return
        with self.own_errors():
            self.conn.execute("BEGIN IMMEDIATE")
        try:
            with self.own_errors():
                yield self
                self.conn.execute("COMMIT")
        except BaseException:
            self.rollback()
            raise

    @contextmanager
    def lock(self, name):
        """Hold the lock of that name until the block ends, across every process: a write
        transaction. SQLite has one write lock, which serves every name."""
        with self.atomic():
            yield self

    @contextmanager
    def own_errors(self):
        """Raise the driver's integrity and busy errors as this module's, whichever driver."""
        try:
            yield
        except self.conn.IntegrityError as e:
            raise IntegrityError(str(e)) from e
        except self.conn.OperationalError as e:
            if "locked" in str(e) or "busy" in str(e):
                raise Busy(str(e)) from e
            raise

    def execute_many(self, sql, rows):
        """The statement once for each row of parameters."""
        return self.conn.executemany(sql, rows)

    def one(self, sql, params=None):
        """The first row the query gives, as a dict, or None."""
        return next(self.query(sql, params or []), None)

    def all(self, sql, params=None):
        """Every row the query gives, as dicts."""
        return list(self.query(sql, params or []))

    def value(self, sql, params=None):
        """The first column of the first row the query gives, or None."""
        row = self.execute(sql, params or []).fetchone()
        return row[0] if row else None

    def changes(self):
        """How many rows this connection has inserted, updated or deleted since it opened."""
        # SQLite counts them itself, whoever wrote; a server database would say instead whether
        # the transaction has written (PostgreSQL: pg_current_xact_id_if_assigned()).
        return self.conn.total_changes

    @cached_property
    def dialect(self):
        """The SQL only this database's engine accepts, one module per engine (fieldapp.dialects)."""
        from . import dialects
        return dialects.of(self.conn)

    @cached_property
    def sync(self):
        """This database as the sync engine's store (sync.store.Store), one per connection."""
        return SQLiteStore(self)


def connect(where, key=None):
    """Open the database file with the pragmas fieldapp relies on: plain SQLite without a key,
    SQLCipher with one (32 bytes, or their 64 hex digits); a postgresql:// URL over psycopg."""
    if is_postgresql(where):
        return PostgreSQLDatabase.connect(str(where))
    if key is None:
        conn = sqlite3.connect(str(where), timeout=BUSY_TIMEOUT_SECONDS,
                               check_same_thread=False)
    else:
        conn = _cipher_connect(str(where), key)
    db = Database(conn)
    db.execute("PRAGMA foreign_keys = ON")
    # Erased personal numbers must not stay behind in freed pages of the file.
    db.execute("PRAGMA secure_delete = ON")
    db.execute("PRAGMA synchronous = NORMAL")
    # Checkpoint the write-ahead log every 40 MB, not 4 MB: a sync writes batches of a
    # thousand records, and each checkpoint syncs the disk twice and rewrites the index pages
    # every batch touched (a 10,000-record push spent half its disk time there).
    db.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES}")
    return db


def is_postgresql(where):
    """The database named is a PostgreSQL server's (a postgresql:// or postgres:// URL)."""
    return str(where).startswith(("postgresql://", "postgres://"))


def shown_url(url):
    """A database URL fit for a message or a log: its password replaced by ***."""
    parts = urlsplit(str(url))
    if parts.password is None:
        return str(url)
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{parts.username or ''}:***@{host}"))


# psycopg's placeholders from the app's: `?` and `:name` outside quotes and comments; a literal
# `%` doubled wherever it is, as psycopg reads every `%` of a query as its own.
_SQL_TOKENS = re.compile(r"""'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|::|\?|:[A-Za-z_]\w*|%""")


@lru_cache(maxsize=2048)
def psycopg_sql(sql):
    """(the query in psycopg's placeholders, the names of its :name placeholders in the order
    they first come, whether it has any placeholder)."""
    found, names = [], []

    def swap(match):
        token = match.group(0)
        if token == "?":
            found.append(token)
            return "%s"
        if token == "%":
            return "%%"
        if token.startswith(":") and token != "::":
            found.append(token)
            if token[1:] not in names:
                names.append(token[1:])
            return f"%({token[1:]})s"
        return token.replace("%", "%%")
    return _SQL_TOKENS.sub(swap, sql), tuple(names), bool(found)


def _params(params, names=()):
    """The parameters as the schema holds them (SQLite's 1 and 0 for truth values); a list
    given to :name placeholders binds them by position, as SQLite does."""
    if names and not isinstance(params, dict):
        params = dict(zip(names, params))
    if isinstance(params, dict):
        return {k: int(v) if isinstance(v, bool) else v for k, v in params.items()}
    return [int(v) if isinstance(v, bool) else v for v in params]


class PostgreSQLDatabase:
    """The same few operations as Database, over one psycopg connection (in autocommit: a write
    outside atomic() commits at once, as SQLite's does), for a central server on PostgreSQL."""

    def __init__(self, conn, url=None):
        self.conn, self.url = conn, url

    @classmethod
    def connect(cls, url):
        import psycopg
        try:
            conn = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_SECONDS)
        except psycopg.OperationalError as e:
            reason = " ".join(str(e).split())
            raise Unreachable(f"DATABASE_URL {shown_url(url)}: PostgreSQL refused or could not"
                              f" be reached ({reason})") from e
        _read_like_sqlite(conn)
        # The app's queries are short: PostgreSQL's JIT compiled an export's query (its JSON
        # functions' row estimates lift it over jit_above_cost) for 1 to 5 s, more than it ran.
        conn.execute("set jit = off")
        return cls(conn, url)

    def close(self):
        self.conn.close()

    @property
    def in_transaction(self):
        from psycopg import pq
        return self.conn.info.transaction_status != pq.TransactionStatus.IDLE

    def _run(self, sql, params, row_factory=None):
        from psycopg import ClientCursor
        query, names, placeholders = psycopg_sql(sql)
        # Values bound on the client, as SQL literals: PostgreSQL then types each by where it
        # stands (`? is null or x = ?`, a date's text against a text column), as SQLite does;
        # bound on the server, a parameter alone in `? is null` has no type and is refused.
        cursor = ClientCursor(self.conn, row_factory=row_factory)
        arguments = _params(params, names) if placeholders and params is not None else None
        with self.own_errors():
            if self.in_transaction and _WRITES.match(sql):
                # A write that fails inside a transaction undoes only itself, as on SQLite
                # (PostgreSQL would refuse every later statement of the transaction).
                with self.conn.transaction():
                    return cursor.execute(query, arguments)
            return cursor.execute(query, arguments)

    def execute(self, sql, params=None):
        """The statement run; its cursor, whose rows are tuples."""
        return self._run(sql, params)

    def execute_many(self, sql, rows):
        """The statement once for each row of parameters, in one transaction."""
        query, names, _ = psycopg_sql(sql)
        from psycopg import ClientCursor
        with self.atomic():
            ClientCursor(self.conn).executemany(query, [_params(row, names) for row in rows])

    def query(self, sql, params=None):
        """The rows the query gives, as dicts."""
        from psycopg.rows import dict_row
        return iter(self._run(sql, params, row_factory=dict_row).fetchall())

    def one(self, sql, params=None):
        """The first row the query gives, as a dict, or None."""
        return next(self.query(sql, params), None)

    def all(self, sql, params=None):
        """Every row the query gives, as dicts."""
        return list(self.query(sql, params))

    def value(self, sql, params=None):
        """The first column of the first row the query gives, or None."""
        row = self.execute(sql, params).fetchone()
        return row[0] if row else None

    @contextmanager
    def atomic(self):
        """A transaction (inside one: a savepoint), undone whole by any error; an outermost one
        queues behind the sync's merges first, as SQLite's BEGIN IMMEDIATE does."""
        from psycopg.pq import TransactionStatus

        from sync.postgresql.store import MERGE_LOCK
        outermost = self.conn.info.transaction_status == TransactionStatus.IDLE
        with self.own_errors(), self.conn.transaction():
            if outermost:
                # A row written before the merge lock (a device revoked, an account changed)
                # deadlocks a merge that holds the lock and writes the same row: the lock first.
                self.conn.execute("select pg_advisory_xact_lock(%s)", [MERGE_LOCK])
            yield self

    @contextmanager
    def lock(self, name):
        """Hold the lock of that name until the block ends, for every connection of every
        process and machine: an advisory lock of the transaction."""
        with self.atomic():
            self.execute("select pg_advisory_xact_lock(hashtextextended(?, 0))", [name])
            yield self

    @contextmanager
    def own_errors(self):
        """Raise psycopg's integrity and lock errors as this module's."""
        import psycopg
        from psycopg import errors
        try:
            yield
        except psycopg.IntegrityError as e:
            raise IntegrityError(str(e)) from e
        except (errors.LockNotAvailable, errors.DeadlockDetected,
                errors.SerializationFailure) as e:
            raise Busy(str(e)) from e

    def changes(self):
        """1 once the current transaction has written, else 0 (PostgreSQL counts no changes
        per connection; a transaction that wrote has an id)."""
        return int(self.value("select pg_current_xact_id_if_assigned() is not null"))

    @cached_property
    def dialect(self):
        """PostgreSQL's SQL (fieldapp.dialects.postgresql)."""
        from . import dialects
        return dialects.of(self.conn)

    # Where the server's processes share the pull pages they encode; None: each its own.
    pages_folder = None

    @cached_property
    def sync(self):
        """This database as the sync engine's store, on the same connection."""
        from sync.postgresql import PostgreSQLStore
        store = PostgreSQLStore(self.conn)
        store.pages_folder = self.pages_folder
        return store


def shared_pages_folder(app):
    """Where a central server's workers share the pull pages they encode: beside a SQLite
    database file (the store's own), in the instance folder for PostgreSQL (one per machine)."""
    if is_postgresql(app.config["DATABASE"]):
        return os.path.join(app.instance_path, "postgresql-pages")
    return pages_folder_of(str(app.config["DATABASE"]))


CONNECT_TIMEOUT_SECONDS = 10
_WRITES = re.compile(r"\s*(insert|update|delete)\b", re.I)


def _read_like_sqlite(conn):
    """Values come back as SQLite gives them: whole numbers (count, sum of integers: numeric)
    as int, JSON built by a query as its text."""
    number, text = _loaders()
    conn.adapters.register_loader("numeric", number)
    for name in ("json", "jsonb"):
        conn.adapters.register_loader(name, text)


@lru_cache(maxsize=1)
def _loaders():
    """psycopg's loaders of numeric (as int when whole, else float) and JSON (as its text)."""
    from psycopg.adapt import Loader
    from psycopg.types.numeric import NumericLoader

    class Number(NumericLoader):
        def load(self, data):
            value = super().load(data)
            return int(value) if value.is_finite() and value == value.to_integral_value() \
                else float(value)

    class Text(Loader):
        def load(self, data):
            return bytes(data).decode()
    return Number, Text


def key_pragma(key):
    """The PRAGMA key value of a raw 256-bit key: SQLCipher then runs no PBKDF2 (256,000
    rounds, about 0.2 s) on each connection, as it would for a passphrase."""
    hex_key = key.hex() if isinstance(key, bytes) else str(key).strip().lower()
    if not re.fullmatch(r"[0-9a-f]{64}", hex_key):
        raise ValueError("a database key is 32 bytes, or 64 hex digits")
    return f"\"x'{hex_key}'\""


# SQLCipher encrypts and checks (HMAC) each page on its own: pages four times SQLite's default
# size cost a sync's push about 1.2 times the plain database's, not 1.4 (bench/encryption.py).
# Not stored in the file: every connection and ATTACH of an encrypted database sets it.
CIPHER_PAGE_SIZE = 16384
ENCRYPTED_CACHE_KIB = 32 * 1024


def _cipher_connect(path, key):
    from sqlcipher3 import dbapi2 as sqlcipher
    conn = sqlcipher.connect(path, timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False)
    conn.execute(f"PRAGMA key = {key_pragma(key)}")
    conn.execute(f"PRAGMA cipher_page_size = {CIPHER_PAGE_SIZE}")
    try:
        # The key is only tried on the first read: a wrong one fails here, not mid-request.
        conn.execute("select count(*) from sqlite_master").fetchone()
    except sqlcipher.DatabaseError as e:
        conn.close()
        raise WrongKey(f"{path}: the key does not open this database ({e})") from e
    # Each page read is decrypted and checked once per connection: keep more of them (32 MB at
    # most, filled only as pages are read; an office's worklist reads more than 16 MB).
    conn.execute(f"PRAGMA cache_size = -{ENCRYPTED_CACHE_KIB}")
    return conn


def is_encrypted(path):
    """A database file exists and is not plain SQLite (whose first 16 bytes say so)."""
    # Only where no connection of this process has the file open (at start, in a command):
    # closing any descriptor of a file drops every POSIX lock the process holds on it.
    try:
        with open(path, "rb") as f:
            header = f.read(16)
    except FileNotFoundError:
        return False
    return len(header) == 16 and header != b"SQLite format 3\x00"


def key_of(app):
    """The key the app's database is opened with: unwrapped at login on a laptop
    (app.extensions["database_key"]), from the settings on a central server; None if plain."""
    return app.extensions.get("database_key") or app.config.get("DATABASE_KEY")


def get_db():
    """The database for the current request (or app context).

    A locked laptop raises Locked in a request (its pages send the user to log in first); a
    command on the command line asks for a login instead (keys.unlock_from_terminal)."""
    if "db" not in g and has_request_context() and is_postgresql(current_app.config["DATABASE"]):
        g.db, g.db_kept = _kept_postgresql(current_app.config["DATABASE"]), True
        # The workers of this machine share the pull pages they encode (sync.pages).
        g.db.pages_folder = shared_pages_folder(current_app)
    if "db" not in g:
        key = key_of(current_app)
        if key is None and _locked(current_app):
            if has_request_context():
                raise Locked("log in to open this laptop's database")
            from . import keys
            key = keys.unlock_from_terminal(current_app)
        if key is not None and has_request_context():
            g.db, g.db_kept = _kept_connection(current_app.config["DATABASE"], key), True
        else:
            g.db = connect(current_app.config["DATABASE"], key=key)
    return g.db


# SQLCipher decrypts (and checks) every page it reads into the connection's own cache, which
# a new connection per request starts empty: pages read half again to twice as slowly then
# (bench/encryption.py). A request thread keeps its connection (and its cache) instead.
_kept = threading.local()


def _kept_connection(path, key):
    """This thread's connection to an encrypted database, opened at its first request."""
    held = getattr(_kept, "connections", None)
    if held is None:
        held = _kept.connections = {}
    conn = held.get((path, key))
    if conn is None:
        db = connect(path, key=key)
        held[(path, key)] = db.conn
        return db
    # The pragmas are the connection's: set once.
    return Database(conn)


# A new PostgreSQL connection per request costs its set-up, and its new backend plans every
# statement and compiles the PL/pgSQL trigger functions (search index, reach counts) again: a
# merged day of an officer (191 changes) took 80 ms of database time, 149 ms in all, on a fresh
# connection each, and 62 ms, 123 in all, through a kept one (30 days each, interleaved in one
# process). A request thread keeps one, to the last URL it served: one connection at most per
# thread (a test process serves many databases, one after another), workers × threads for a
# gunicorn central server. Not a pool (psycopg_pool): the gthread workers' threads bound the
# connections already, and a pool would add a dependency, its own threads in each worker and
# connections handed between threads, for no fewer connections. (The reach triggers that write
# a visit's rows again plan for each row's values, revision 0008: PL/pgSQL's generic plans,
# made on a kept connection while the tables were small, slowed each merged day more.)


class _KeptPostgreSQL:
    """A thread's kept PostgreSQL connection, closed when the thread ends (its local dropped)."""

    def __init__(self, db):
        self.db = db

    def __del__(self):
        self.db.conn.close()


def _kept_postgresql(url):
    """This thread's connection to the PostgreSQL database at `url`: the one it kept if still
    usable, else a new one (any other it kept closed)."""
    kept = getattr(_kept, "postgresql", None)
    if kept is not None and kept.db.url == url and _usable(kept.db.conn):
        # A new Database on the connection: nothing of the last request's but the session.
        return PostgreSQLDatabase(kept.db.conn, url)
    if kept is not None:
        kept.db.close()
        _kept.postgresql = None
    db = PostgreSQLDatabase.connect(url)
    _kept.postgresql = _KeptPostgreSQL(db)
    return db


def _usable(conn):
    """The connection is open, outside any transaction, and its server has not ended it."""
    from psycopg import pq
    if conn.closed or conn.broken or conn.info.transaction_status != pq.TransactionStatus.IDLE:
        return False
    # A backend ended (pg_terminate_backend, a server restarted, its database dropped WITH
    # (FORCE)) says so and closes the socket, which an idle connection never reads otherwise:
    # readable now means ended (or a message nothing asked for: a new connection is as good).
    # Polled, not asked with a query: no round trip per request (poll, not select, which
    # fails on a descriptor above 1023).
    poller = select.poll()
    poller.register(conn.fileno(), select.POLLIN)
    return not poller.poll(0)


def _end_kept_postgresql(db):
    """After a request: a transaction it left open or failed rolled back, and the connection
    kept; one broken, or that cannot be rolled back, closed and forgotten."""
    from psycopg import pq
    kept = getattr(_kept, "postgresql", None)
    if kept is None or kept.db.conn is not db.conn:
        db.close()
        return
    conn = db.conn
    if not conn.closed and conn.info.transaction_status != pq.TransactionStatus.IDLE:
        try:
            conn.rollback()
        except Exception:
            # A block of psycopg's own transaction() still open (a response streamed past the
            # request), or the server gone: the connection is not worth keeping.
            conn.close()
    if conn.closed or conn.broken:
        _kept.postgresql = None


def _locked(app):
    from . import keys
    return keys.locked(app)


def close_db(e=None):
    db = g.pop("db", None)
    if db is None:
        return
    if g.pop("db_kept", False):
        if isinstance(db, PostgreSQLDatabase):
            _end_kept_postgresql(db)
            return
        if db.conn.in_transaction:
            db.conn.rollback()
        return
    db.close()


def migration_sets():
    """fieldapp's steps, then the sync engine's: its first takes over the tables that fieldapp's
    released steps 0008 and 0011 made before the engine shipped its own schema."""
    from .migrations import migrations
    return (migrations, sync_migrations)


def is_new(db):
    """No migration has been applied to the database yet."""
    if isinstance(db, PostgreSQLDatabase):
        from .pg_migrations import current_revision
        return current_revision(db.url) is None
    from .migrations import migrations
    return not migrations.applied(db)


def upgrade(db, central=False):
    """Apply pending migrations and refresh the official place list; return the names applied."""
    from sync.server import make_central

    from . import backups
    from .places.official import load_official_places

    if isinstance(db, PostgreSQLDatabase):
        return _upgrade_postgresql(db, central)
    # WAL lets the sync job read while an officer saves a form; it stays set in the file.
    if db.journal_mode != "wal":
        db.enable_wal()
    pending = [m.name for steps in migration_sets() for m in steps.pending(db)]
    backups.before_upgrade(db, pending)
    for steps in migration_sets():
        steps.apply(db)
    load_official_places(db)
    if central:
        with db.atomic():
            make_central(db.sync)
    return pending


def _upgrade_postgresql(db, central):
    """Alembic's pending revisions (fieldapp/pg_migrations), then what every start of SQLite's
    does: the official places refreshed, the database marked the central server's."""
    from sync.server import make_central

    from .pg_migrations import pending_revisions, upgrade_postgresql
    from .places.official import load_official_places

    if not central:
        raise ConfigError("DATABASE_URL: a laptop keeps its data in SQLite; PostgreSQL is for"
                          " the central server (CENTRAL = True, or run.py --central)")
    pending = pending_revisions(db.url)
    upgrade_postgresql(db.url)
    load_official_places(db)
    with db.atomic():
        make_central(db.sync)
    return [f"postgresql/{revision}" for revision in pending]


def init_app(app):
    app.teardown_appcontext(close_db)
