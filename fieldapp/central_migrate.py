"""Moving a central server from its SQLite file to PostgreSQL: `flask central-migrate --to URL`.

The SQLite file is only read. The target is brought to the newest schema and must hold no more
than a new database's seeded rows (or `--replace` is given). Then, in one PostgreSQL
transaction, it is emptied, every table of fieldapp/schema.py is copied parents first, the
identity columns' sequences are moved past what SQLite handed out, and every table's row count
and checksum are compared on both sides; any difference rolls it all back. The log's seq numbers
are the laptops' pull cursors, so they are copied as they are and new entries continue after the
highest SQLite ever gave: laptops sync on without enrolling again.

A running central server would go on writing to the SQLite file after the copy: the command
refuses while gunicorn's pid file (`<instance>/central.pid`, written by run.py) names a live
process, and holds the merge lock's file (`<database>-merge.lock`) for the whole copy, so a merge
still in progress, or one that starts, is refused rather than lost.
"""

import hashlib
import os
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

try:
    import fcntl
except ImportError:  # Windows: no central server runs there
    fcntl = None

from .schema import metadata

BATCH = 5000
PID_FILE = "central.pid"
# Tables of SQLite's the description leaves out on purpose (fieldapp.schema.SQLITE_ONLY).
SQLITE_ONLY = re.compile(r"^(people_fts(_\w+)?|_sqlite_migrations|sqlite_\w+)$")


class Refused(Exception):
    """The move cannot be made, or was undone; the message says why."""


@dataclass
class Compared:
    """One table's rows and checksum on both sides."""
    table: str
    sqlite_rows: int
    postgresql_rows: int
    sqlite_sum: str
    postgresql_sum: str

    @property
    def same(self):
        return (self.sqlite_rows, self.sqlite_sum) == (self.postgresql_rows, self.postgresql_sum)


# The source: a stopped central server's SQLite file

def running_server(instance_path):
    """The pid of the central server gunicorn runs on this instance, or None."""
    try:
        with open(os.path.join(instance_path, PID_FILE)) as f:
            pid = int(f.read().strip() or 0)
    except (OSError, ValueError):
        return None
    if pid <= 0:
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None  # left by a server killed without its shutdown
    except PermissionError:
        return pid  # alive, another user's
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            command = f.read()
    except OSError:
        return pid  # no /proc to ask: taken as the server
    # A file left by a killed server whose number another program has since.
    if not any(word in command for word in (b"run.py", b"gunicorn", b"fieldapp")):
        return None
    return pid


@contextmanager
def merges_held(database_path):
    """Hold the SQLite central server's merge lock (its file's flock) until the block ends;
    Refused at once if a merge holds it."""
    if fcntl is None:
        yield
        return
    with open(str(database_path) + "-merge.lock", "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Refused("a laptop's sync is being merged into this database right now: the"
                          " central server is running; stop it first") from None
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def check_source(db):
    """Refused unless `db` is a central server's database of this app's newest schema."""
    from .db import migration_sets
    names = set(db.table_names())
    if "sync_state" not in names or "_sqlite_migrations" not in names:
        raise Refused("not a fieldapp central server's database (it has no sync_state or no"
                      " migrations): give the central server's instance")
    role = db.execute("select value from sync_state where key = 'role'").fetchone()
    if not role or role[0] != "central":
        raise Refused("this is a laptop's database, not a central server's (its sync_state"
                      " has no role 'central'): run the command on the central server's"
                      " instance (FIELDAPP_INSTANCE or --app's instance folder)")
    applied = {f"{s}/{n}" for s, n in db.execute(
        "select migration_set, name from _sqlite_migrations")}
    known = [f"{steps.name}/{m.name}" for steps in migration_sets() for m in steps._migrations]
    newer = sorted(applied - set(known))
    if newer:
        raise Refused("the database was made by a newer fieldapp (migrations "
                      + ", ".join(newer) + "): run this command with that version")
    pending = [name for name in known if name not in applied]
    if pending:
        raise Refused("the database is behind this fieldapp (pending: " + ", ".join(pending)
                      + "): run `flask db-upgrade` on it first, then migrate")
    unknown = sorted(n for n in names if n not in metadata.tables and not SQLITE_ONLY.match(n))
    if unknown:
        raise Refused("the database holds tables this fieldapp does not describe ("
                      + ", ".join(unknown) + "): was it made by a newer version?")
    for table in metadata.sorted_tables:
        held = {c.name for c in db[table.name].columns} if table.name in names else set()
        described = {c.name for c in table.columns}
        if held != described:
            raise Refused(f"table {table.name} has columns {sorted(held ^ described)} that"
                          f" differ from this fieldapp's description")


def sqlite_counters(db):
    """SQLite's AUTOINCREMENT counters by table: the highest seq it ever handed out, which
    may be above the highest row left (the log's entries are forgotten once superseded)."""
    if "sqlite_sequence" not in db.table_names():
        return {}
    return dict(db.execute("select name, seq from sqlite_sequence").fetchall())


# The target

def connect_target(url):
    """A psycopg connection to the target (autocommit), or Refused saying what went wrong."""
    import psycopg
    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=15)
    except psycopg.OperationalError as e:
        said = str(e).strip()
        where = hidden_password(url)
        if "password authentication failed" in said or "no password supplied" in said:
            raise Refused(f"PostgreSQL at {where} refused the login: wrong user or password"
                          f" ({said.splitlines()[-1]})") from None
        if "does not exist" in said:
            raise Refused(f"PostgreSQL at {where}: {said.splitlines()[-1]}; create the"
                          f" database first (createdb)") from None
        raise Refused(f"PostgreSQL at {where} cannot be reached: {said.splitlines()[-1]}"
                      ) from None
    except psycopg.ProgrammingError as e:
        raise Refused(f"not a PostgreSQL address ({e}): give postgresql://user:password@host/"
                      f"database") from None


def hidden_password(url):
    """The URL with its password, if any, as ***."""
    return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


def tables_with_rows(conn, leaving_out=()):
    return [t.name for t in metadata.sorted_tables if t.name not in leaving_out
            and conn.execute(f'select exists (select 1 from "{t.name}")').fetchone()[0]]


@lru_cache(maxsize=1)
def seeded_tables():
    """The tables a new database holds rows in before anyone uses it (lists, scripts, policy
    figures): the schema's steps seed them, on PostgreSQL as on SQLite."""
    from .db import connect, migration_sets
    fresh = connect(":memory:")
    try:
        for steps in migration_sets():
            steps.apply(fresh)
        return frozenset(
            t.name for t in metadata.sorted_tables if t.name in fresh.table_names()
            and fresh.execute(f'select exists (select 1 from "{t.name}")').fetchone()[0])
    finally:
        fresh.close()


# Copying and comparing

def _columns(table):
    return [c.name for c in table.columns]


def _normalizers(table):
    """(position, function) of the columns whose values the two databases hand over as
    different Python types: a REAL SQLite kept as an integer, a key SQLite keeps untyped (an
    integer there, its text on PostgreSQL). Every other value is str, int or None on both."""
    import sqlalchemy as sa
    found = []
    for position, column in enumerate(table.columns):
        if isinstance(column.type, sa.Float):
            found.append((position, float))
        elif column.info.get("sqlite_affinity") == "BLOB":
            found.append((position, str))
    return tuple(found)


class Checksum:
    """An order-free checksum of rows: the sum of each row's SHA-256 modulo 2**256, so the
    two databases may hand their rows over in any order (their text collations differ). A row
    is hashed as the repr of its values, normalized (NULL, integers, floats, text; JSON as the
    text it was written as)."""

    def __init__(self, table):
        self.normalizers, self.rows, self.total = _normalizers(table), 0, 0

    def add(self, rows):
        sha256, normalizers, total = hashlib.sha256, self.normalizers, 0
        for row in rows:
            if normalizers:
                row = list(row)
                for position, normal in normalizers:
                    if row[position] is not None:
                        row[position] = normal(row[position])
            total += int.from_bytes(sha256(repr(tuple(row)).encode()).digest(), "big")
        self.total += total
        self.rows += len(rows)

    @property
    def digest(self):
        return f"{self.total % (1 << 256):064x}"[:16]


def _sqlite_select(table):
    names = ", ".join(f'"{n}"' for n in _columns(table))
    return f'select {names} from "{table.name}"'


def copy_table(source, conn, table, batch=BATCH):
    """Every row of one table into PostgreSQL in batches through COPY; the source's checksum."""
    quoted = ", ".join(f'"{n}"' for n in _columns(table))
    checksum = Checksum(table)
    rows = source.execute(_sqlite_select(table))
    with conn.cursor().copy(f'copy "{table.name}" ({quoted}) from stdin') as copy:
        while True:
            chunk = rows.fetchmany(batch)
            if not chunk:
                break
            for row in chunk:
                copy.write_row(row)
            checksum.add(chunk)
    return checksum


def move_sequences(conn, counters):
    """Each identity column's sequence past the highest value SQLite handed out."""
    for table in metadata.sorted_tables:
        for column in table.columns:
            if column.identity is None:
                continue
            highest = conn.execute(f'select coalesce(max("{column.name}"), 0)'
                                   f' from "{table.name}"').fetchone()[0]
            highest = max(highest, int(counters.get(table.name) or 0))
            conn.execute("select setval(pg_get_serial_sequence(%s, %s), %s, false)",
                         [f'"{table.name}"', column.name, highest + 1])


def target_checksum(conn, table, batch=BATCH):
    """The checksum of a table's rows as PostgreSQL holds them, in this transaction."""
    checksum = Checksum(table)
    quoted = ", ".join(f'"{n}"' for n in _columns(table))
    with conn.cursor(name=f"check_{table.name}") as cursor:
        cursor.itersize = batch
        cursor.execute(f'select {quoted} from "{table.name}"')
        while True:
            chunk = cursor.fetchmany(batch)
            if not chunk:
                break
            checksum.add(chunk)
    return checksum


def copy_all(source, conn, replace=False, on_copied=None, echo=lambda line: None,
             counters=None):
    """Copy every described table from the SQLite `source` (a sqlite3 connection in a read
    transaction) into `conn` (psycopg, in a transaction), then compare them all; the list of
    Compared, or Refused naming the tables that differ (the caller's transaction then rolls
    back). `on_copied(conn, table)` runs after each table: the tests' way to damage a copy."""
    import psycopg
    tables = ", ".join(f'"{t.name}"' for t in metadata.sorted_tables)
    # An upgraded database holds the rows the schema's steps seed; the SQLite file holds them
    # too, as its users may have edited them since.
    conn.execute(f"truncate {tables} restart identity")
    # Parents come first, but households.head_person_id and a few like it name no table:
    # references are checked once, at the commit.
    conn.execute("set constraints all deferred")
    # The reach triggers would count the copied visits again over the copied counts; the
    # references' own triggers stay on.
    for table in metadata.sorted_tables:
        conn.execute(f'alter table "{table.name}" disable trigger user')
    sums = {}
    for table in metadata.sorted_tables:
        started = time.monotonic()
        try:
            sums[table.name] = copy_table(source, conn, table)
        except (psycopg.DataError, psycopg.IntegrityError) as e:
            raise Refused(f"table {table.name} could not be copied: {str(e).splitlines()[0]}"
                          ) from None
        echo(f"copied {table.name}: {sums[table.name].rows} rows"
             f" in {time.monotonic() - started:.1f} s")
        if on_copied:
            on_copied(conn, table.name)
    try:
        # Checked now: a table's triggers cannot be turned back on with its checks pending.
        conn.execute("set constraints all immediate")
    except psycopg.IntegrityError as e:
        raise Refused(f"the copy breaks a reference: {str(e).splitlines()[0]}") from None
    for table in metadata.sorted_tables:
        conn.execute(f'alter table "{table.name}" enable trigger user')
    move_sequences(conn, counters or {})
    started, compared = time.monotonic(), []
    for table in metadata.sorted_tables:
        there = target_checksum(conn, table)
        here = sums[table.name]
        compared.append(Compared(table.name, here.rows, there.rows, here.digest, there.digest))
    echo(f"compared every table's rows and checksum in {time.monotonic() - started:.1f} s")
    different = [c.table for c in compared if not c.same]
    if different:
        error = Refused("the copy differs from the SQLite database in " + ", ".join(different)
                        + ": nothing was kept in PostgreSQL")
        error.compared = compared
        raise error
    return compared


def copy(sqlite_path, url, key=None, replace=False, on_copied=None, echo=lambda line: None):
    """Copy an SQLite database's described tables into the upgraded PostgreSQL database at
    `url`, compared, in one transaction; the list of Compared. No check of whose database it
    is: `migrate` makes those (the tests copy laptops' databases too)."""
    from .db import connect
    import psycopg
    source = connect(sqlite_path, key=key)
    try:
        counters = sqlite_counters(source)
        # One read transaction: every table as of one moment.
        source.conn.execute("begin")
        with connect_target(url) as conn:
            try:
                with conn.transaction():
                    return copy_all(source.conn, conn, replace=replace, on_copied=on_copied,
                                    echo=echo, counters=counters)
            except psycopg.IntegrityError as e:  # a reference checked at the commit
                raise Refused("the copy breaks a reference at its commit, nothing was kept in"
                              f" PostgreSQL: {str(e).splitlines()[0]}") from None
    finally:
        if source.conn.in_transaction:
            source.conn.execute("rollback")
        source.close()


def migrate(sqlite_path, url, instance_path, key=None, replace=False, on_copied=None,
            echo=lambda line: None):
    """The command's work: checks, the target upgraded, the copy compared; the list of
    Compared, or Refused saying why nothing was done."""
    from .pg_migrations import upgrade_postgresql
    from .db import connect
    if str(sqlite_path).startswith(("postgresql://", "postgres://")):
        raise Refused("this instance's DATABASE_URL names PostgreSQL already: the command copies"
                      " from the SQLite file, so take DATABASE_URL out of the settings while it"
                      " runs")
    if not os.path.exists(sqlite_path):
        raise Refused(f"no database at {sqlite_path}")
    pid = running_server(instance_path)
    if pid:
        raise Refused(f"the central server is running (gunicorn, pid {pid}, from"
                      f" {os.path.join(instance_path, PID_FILE)}): stop it first, so that no"
                      f" change reaches the SQLite file after the copy")
    with merges_held(sqlite_path):
        source = connect(sqlite_path, key=key)
        try:
            check_source(source)
        finally:
            source.close()
        connect_target(url).close()
        echo(f"bringing {hidden_password(url)} to the newest schema")
        upgrade_postgresql(url)
        with connect_target(url) as conn:
            holding = tables_with_rows(conn, leaving_out=seeded_tables())
        if holding and not replace:
            raise Refused("the PostgreSQL database already holds data (in "
                          + ", ".join(holding[:5]) + (", …" if len(holding) > 5 else "")
                          + "): give an empty database, or --replace to delete everything in"
                          " it and copy again")
        if holding:
            echo("--replace: deleting every row the PostgreSQL database holds, in the same"
                 " transaction as the copy")
        return copy(sqlite_path, url, key=key, replace=replace, on_copied=on_copied, echo=echo)


def table_of_counts(compared):
    """The comparison as lines of text, one per table."""
    width = max(len(c.table) for c in compared)
    lines = [f"{'table':<{width}}  {'SQLite':>9}  {'PostgreSQL':>10}  checksum"]
    for c in compared:
        lines.append(f"{c.table:<{width}}  {c.sqlite_rows:>9}  {c.postgresql_rows:>10}  "
                     + ("same" if c.same else f"DIFFERS ({c.sqlite_sum} / {c.postgresql_sum})"))
    return lines


# The command

def _command():
    import click
    from flask import current_app
    from flask.cli import with_appcontext

    @click.command("central-migrate")
    @click.option("--to", "url", required=True, metavar="postgresql://USER:PASSWORD@HOST/DB",
                  help="The PostgreSQL database to move the central server's data into.")
    @click.option("--replace", is_flag=True,
                  help="Delete everything the PostgreSQL database holds before copying.")
    @with_appcontext
    def central_migrate_command(url, replace):
        """Copy a stopped SQLite central server's data into PostgreSQL, every table's rows
        counted and checksummed on both sides; laptops keep syncing without enrolling again."""
        from .db import key_of
        started = time.monotonic()
        try:
            compared = migrate(current_app.config["DATABASE"], url, current_app.instance_path,
                               key=key_of(current_app), replace=replace, echo=click.echo)
        except Refused as e:
            for line in table_of_counts(e.compared) if hasattr(e, "compared") else ():
                click.echo(line)
            raise click.ClickException(str(e))
        for line in table_of_counts(compared):
            click.echo(line)
        click.echo(f"copied {sum(c.postgresql_rows for c in compared)} rows of"
                   f" {len(compared)} tables into {hidden_password(url)} in"
                   f" {time.monotonic() - started:.1f} s; counts and checksums the same")
        click.echo("next: set DATABASE_URL to it in the instance's config and start the"
                   " central server; keep the SQLite file as it is, to go back")

    return central_migrate_command


central_migrate_command = _command()
