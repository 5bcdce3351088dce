"""The sync store over one SQLite database, opened by sqlite_utils."""

import os
import sqlite3
import threading
import time
from contextlib import contextmanager
from functools import lru_cache

try:
    import fcntl
except ImportError:  # Windows: a laptop's one process needs only the threads' lock
    fcntl = None

from ..store import Broken, Store
from ..synced_tables import COMMUNE_PATH

# SQLite binds at most 999 values per statement in old builds: lists go in slices of this.
SLICE = 500
# The merge lock's turn within one process, one per database file: a process's merges queue
# here, however many laptops sync at once, rather than at SQLite's busy timeout (which answers
# "database is locked" past it). BEGIN IMMEDIATE then orders them with other processes.
_TURNS, _MAKING_TURNS = {}, threading.Lock()


class _Turn:
    """The threads of one process queue on a lock, then the processes (gunicorn's workers) on
    the file's flock(): a merge waits for the one before however long it takes, where SQLite's
    busy handler would poll and answer "database is locked" past its timeout. BEGIN IMMEDIATE
    still decides who writes."""

    def __init__(self, lock_path):
        self.lock = threading.Lock()
        self.file = open(lock_path, "a") if lock_path else None

    def __enter__(self):
        self.lock.acquire()
        if self.file:
            try:
                fcntl.flock(self.file, fcntl.LOCK_EX)
            except BaseException:
                self.lock.release()
                raise

    def __exit__(self, *exc):
        if self.file:
            fcntl.flock(self.file, fcntl.LOCK_UN)
        self.lock.release()


class _Checkpoints:
    """Copies a database's write-ahead log into its file on a thread of its own, once a merge
    has left the log past SQLite's own checkpoint size: the merge commits without doing it
    (a tenth of a second every few thousand records, with the merge lock held), and the copy
    runs on the other core while the next request is served. SQLite lets a checkpoint run
    beside readers and a writer."""

    def __init__(self, path):
        self.path, self.running = path, threading.Lock()
        self.limit = 0

    @contextmanager
    def left_aside(self, conn):
        """The connection's commits in the block leave the log as it is."""
        pages = conn.execute("pragma wal_autocheckpoint").fetchone()[0]
        if pages <= 0:
            yield
            return
        self.limit = pages * conn.execute("pragma page_size").fetchone()[0]
        # The log file cut back to that size when it starts again from its beginning: its
        # size then tells whether it holds more than a checkpoint's worth.
        conn.execute(f"pragma journal_size_limit = {self.limit}")
        conn.execute("pragma wal_autocheckpoint = 0")
        try:
            yield
        finally:
            conn.execute(f"pragma wal_autocheckpoint = {pages}")

    @contextmanager
    def alone(self):
        """No checkpoint of this process's runs beside the block."""
        with self.running:
            yield

    def after_commit(self):
        """Start a checkpoint if the log is past its size and none is running."""
        try:
            size = os.path.getsize(self.path + "-wal")
        except OSError:
            return
        if self.limit and size > self.limit and self.running.acquire(blocking=False):
            threading.Thread(target=self._checkpoint, name="checkpoint", daemon=True).start()

    def _checkpoint(self):
        try:
            conn = sqlite3.connect(self.path, timeout=_CHECKPOINT_TIMEOUT)
            try:
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            finally:
                conn.close()
        except sqlite3.Error:
            pass  # busy or gone: the next merge past the size tries again
        finally:
            self.running.release()


class _SameThread:
    """No checkpointer: commits checkpoint as SQLite does by itself."""

    @contextmanager
    def left_aside(self, conn):
        yield

    @contextmanager
    def alone(self):
        yield

    def after_commit(self):
        pass


_SAME_THREAD = _SameThread()
_CHECKPOINTERS = {}
_CHECKPOINT_TIMEOUT = 10


def pages_folder_of(database):
    """The folder beside a database file where its server's processes share pull pages."""
    return database + "-pages"


class SQLiteStore(Store):
    """The store of a sqlite_utils.Database: its atomic() makes the write transactions (a
    subclass may begin them IMMEDIATE), and a write outside one commits at once, as its
    execute() does."""

    def __init__(self, db):
        super().__init__()
        self.db, self.conn = db, db.conn
        self._columns = {}

    def _execute(self, sql, params=()):
        return self.db.execute(sql, params)

    def _execute_many(self, sql, rows):
        if self.conn.in_transaction:
            self.conn.executemany(sql, rows)
        else:
            with self.db.atomic():
                self.conn.executemany(sql, rows)

    # Transactions

    def atomic(self):
        return self.db.atomic()

    @contextmanager
    def merging(self):
        if self.conn.in_transaction:
            # A transaction begun before may have read without the lock: its reads are stale.
            raise RuntimeError("a merge begins its own transaction, and the lock with it")
        checkpoints = self._checkpointer()
        with checkpoints.left_aside(self.conn), self._turn():
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self
                self.conn.execute("COMMIT")
            except BaseException:
                # A commit that failed (a deferred reference still missing) is undone too.
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
        checkpoints.after_commit()

    def _checkpointer(self):
        """This process's checkpointer of the database's write-ahead log (_Checkpoints)."""
        path = self._file()
        if not path or self._encrypted():
            # In memory there is no log; an encrypted file needs its key to be opened again.
            return _SAME_THREAD
        key = (os.getpid(), path)
        with _MAKING_TURNS:
            if key not in _CHECKPOINTERS:
                _CHECKPOINTERS[key] = _Checkpoints(path)
            return _CHECKPOINTERS[key]

    @property
    def pages_folder(self):
        if self._encrypted():
            return None  # an encrypted database's pages would lie beside it in clear
        path = self._file()
        return pages_folder_of(path) if path else None

    def _file(self):
        """The database's file, or "" for one in memory."""
        return self.conn.execute("pragma database_list").fetchone()[2]

    def _encrypted(self):
        return "sqlcipher" in type(self.conn).__module__

    def _turn(self):
        """This process's lock on the database file's merges, then the file's own turn."""
        path = self._file()
        # A database in memory is its connection's alone. Per process: a forked worker opens
        # its own lock file, since flock() is shared by a file's copies across a fork.
        key = (os.getpid(), path or id(self.conn))
        with _MAKING_TURNS:
            if key not in _TURNS:
                _TURNS[key] = _Turn(path + "-merge.lock" if path and fcntl else None)
            return _TURNS[key]

    @contextmanager
    def snapshot(self):
        if self.conn.in_transaction:
            yield self
            return
        self.conn.execute("BEGIN")
        try:
            yield self
        finally:
            self.conn.commit()

    @contextmanager
    def attempt(self):
        if not self.conn.in_transaction:
            # A savepoint alone would begin a deferred transaction: begin ours first.
            with self.atomic(), self.attempt():
                yield self
            return
        self.conn.execute("SAVEPOINT attempt")
        try:
            yield self
        except self.conn.IntegrityError as e:  # the driver's own, sqlite3's or sqlcipher3's
            self.conn.execute("ROLLBACK TO attempt")
            self.conn.execute("RELEASE attempt")
            raise Broken(str(e)) from e
        except BaseException:
            # An error that ends the whole transaction leaves no savepoint to undo.
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK TO attempt")
                self.conn.execute("RELEASE attempt")
            raise
        self.conn.execute("RELEASE attempt")

    def defer_references(self):
        self.conn.execute("PRAGMA defer_foreign_keys = ON")

    def checkpoint(self):
        # TRUNCATE waits (up to the busy timeout) for readers, copies every page into the file
        # and empties the write-ahead log, where the pages as they were would otherwise stay.
        # A checkpoint already running (this process's beside the requests, or another
        # process's) makes it answer busy at once: it waits for that one and tries again.
        deadline = time.monotonic() + _CHECKPOINT_TIMEOUT
        with self._checkpointer().alone():
            while True:
                result = self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
                if not result[0] or time.monotonic() > deadline:
                    return result
                time.sleep(0.02)

    # The device's state

    def state(self, key, default=None):
        row = self._execute("select value from sync_state where key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_state(self, key, value):
        self._execute("insert into sync_state (key, value) values (?, ?)"
                          " on conflict(key) do update set value = excluded.value",
                          [key, str(value)])

    # Rows of any table

    def columns(self, table):
        if table not in self._columns:
            self._columns[table] = {
                row[1] for row in self._execute(f"pragma table_info([{table}])")}
        return self._columns[table]

    def find(self, table, order_by=(), limit=None, only=None, **equal):
        parts = _sliced(equal)
        if len(parts) > 1 and (order_by or limit is not None):
            raise ValueError(f"more than {SLICE} values are found unordered")
        found = []
        for part in parts:
            where, params = _where(part)
            # Reads open no transaction: straight to the connection, as they are most calls.
            cursor = self.conn.execute(
                _select(table, tuple(only or ()), where, tuple(order_by), limit), params)
            names = [d[0] for d in cursor.description]
            found += [dict(zip(names, row)) for row in cursor]
        return found

    def count(self, table, **equal):
        total = 0
        for part in _sliced(equal):
            where, params = _where(part)
            total += self.conn.execute(f"select count(*) from [{table}]{where}",
                                       params).fetchone()[0]
        return total

    def insert(self, table, rows, replace=False, names=None):
        if not rows:
            return
        if names is None:
            names, rows = tuple(rows[0]), [list(row.values()) for row in rows]
        sql = _insert(table, tuple(names), replace)
        if len(rows) == 1:
            # One row (most merged changes): a plain statement, cheaper than a batch of one.
            self._execute(sql, rows[0])
        else:
            self._execute_many(sql, rows)

    def update(self, table, values, **equal):
        for part in _sliced(equal) if values else ():
            where, params = _where(part)
            self._execute(_update(table, tuple(values), where), [*values.values(), *params])

    def delete(self, table, **equal):
        for part in _sliced(equal):
            where, params = _where(part)
            self._execute(f"delete from [{table}]{where}", params)

    def communes_of(self, table, ids):
        ids, query, found = sorted(set(ids)), _commune_of_rows(table), {}
        for start in range(0, len(ids), SLICE):
            part = ids[start:start + SLICE]
            found.update(self._execute(query.format(marks=",".join("?" * len(part))),
                                           part))
        return found

    # The change log

    def append_log(self, entries):
        self._execute_many(
            "insert into sync_log (table_name, row_id, fields, origin, scope_commune,"
            " scope_office, origin_has_it, trail) values (?, ?, ?, ?, ?, ?, ?, ?)", entries)

    def log_after(self, seq, limit):
        return self._execute(
            "select seq, table_name, row_id, fields, origin from sync_log"
            " where seq > ? order by seq limit ?",
            [seq, -1 if limit is None else limit]).fetchall()

    def log_visible(self, after, upto, communes, office, device, limit):
        sql, params = _visible(sorted(communes), office, after, upto, device, limit)
        return self._execute(sql, params).fetchall()

    def log_count(self, after):
        return self._execute("select count(*) from sync_log where seq > ?",
                                 [after]).fetchone()[0]

    def last_seq(self):
        return self._execute("select coalesce(max(seq), 0) from sync_log").fetchone()[0]

    def logged_fields(self, table, row_id, after):
        return [fields for (fields,) in self._execute(
            "select fields from sync_log where table_name = ? and row_id = ? and seq > ?",
            [table, row_id, after])]

    def logged_rows(self):
        return self._execute("select table_name, row_id from sync_log"
                                 " group by table_name, row_id order by min(seq)").fetchall()

    def log_by_row(self, after, limit):
        # By idx_sync_log_row, whose entries end with the seq (the rowid): no sort.
        where, params = ("where (table_name, row_id) > (?, ?)", list(after)) if after else ("", [])
        return self._execute(
            "select seq, table_name, row_id, fields, scope_commune, scope_office, trail"
            f" from sync_log indexed by idx_sync_log_row {where}"
            " order by table_name, row_id, seq limit ?", [*params, limit]).fetchall()

    def forget_logged(self, table, row_ids, upto):
        row_ids = sorted(set(row_ids))
        for start in range(0, len(row_ids), SLICE):
            part = row_ids[start:start + SLICE]
            self._execute(f"delete from sync_log where table_name = ? and seq <= ?"
                          f" and row_id in ({','.join('?' * len(part))})", [table, upto, *part])

    # What the central server remembers of each device

    def remember_pushes(self, device_id, digests, forget_upto):
        self.insert("device_pushes", [[device_id, seq, d] for seq, d in digests], replace=True,
                    names=("device_id", "seq", "digest"))
        self._execute("delete from device_pushes where device_id = ? and seq <= ?",
                      [device_id, forget_upto])

    # Merging bookkeeping

    def keep_extra(self, table, row_id, field, value, stamp):
        self._execute("""
            insert into sync_extra (table_name, row_id, field, value, hlc)
            values (?, ?, ?, ?, ?)
            on conflict(table_name, row_id, field) do update
               set value = excluded.value, hlc = excluded.hlc
             where excluded.hlc > sync_extra.hlc""", [table, row_id, field, value, stamp])

    def note_refused(self, table, row_id, seq, code, reason, at):
        self._execute("""
            insert into sync_refused (table_name, row_id, seq, code, reason, at)
            values (?, ?, ?, ?, ?, ?)
            on conflict (table_name, row_id) do update
               set seq = max(seq, excluded.seq), code = excluded.code,
                   reason = excluded.reason, at = excluded.at""",
                          [table, row_id, seq, code, reason, at])

    def park(self, table, row_id, fields, reason, received_at):
        self._execute("""
            insert into sync_inbox (table_name, row_id, fields, reason, received_at, position)
            values (?, ?, ?, ?, ?, (select coalesce(max(position), 0) + 1 from sync_inbox))
            on conflict (table_name, row_id) do update
               set fields = excluded.fields, reason = excluded.reason""",
                          [table, row_id, fields, reason, received_at])


_LISTS = (list, tuple, set)


def _sliced(equal):
    """The filters as one or more, each list of values at most SLICE long (every pair of
    slices when two lists are long), so no statement binds too many."""
    for name, value in equal.items():
        if isinstance(value, _LISTS) and len(value) > SLICE:
            values = sorted(set(value))
            return [part for start in range(0, len(values), SLICE)
                    for part in _sliced({**equal, name: values[start:start + SLICE]})]
    return [equal]


def _where(equal):
    """(" where ..." or "", parameters) for column=value filters."""
    if len(equal) == 1 and not isinstance(value := next(iter(equal.values())), _LISTS) \
            and value is not None:
        return _equal_to(next(iter(equal))), [value]  # most filters: one key
    terms, params = [], []
    for name, value in equal.items():
        if value is None:
            terms.append(f"[{name}] is null")
        elif isinstance(value, _LISTS):
            value = list(value)
            terms.append(f"[{name}] in ({','.join('?' * len(value))})" if value else "0")
            params += value
        else:
            terms.append(f"[{name}] = ?")
            params.append(value)
    return (" where " + " and ".join(terms) if terms else ""), params


@lru_cache(maxsize=256)
def _equal_to(name):
    return f" where [{name}] = ?"


@lru_cache(maxsize=256)
def _insert(table, names, replace):
    return (f"insert{' or replace' if replace else ''} into [{table}]"
            f" ({', '.join(f'[{n}]' for n in names)}) values ({', '.join('?' * len(names))})")


@lru_cache(maxsize=256)
def _update(table, names, where):
    return f"update [{table}] set {', '.join(f'[{n}] = ?' for n in names)}{where}"


@lru_cache(maxsize=1024)
def _select(table, only, where, order_by, limit):
    order = ", ".join(f"[{name[1:]}] desc" if name.startswith("-") else f"[{name}]"
                      for name in order_by)
    columns = ", ".join(f"[{name}]" for name in only) or "*"
    return (f"select {columns} from [{table}]{where}" + (f" order by {order}" if order else "")
            + (f" limit {int(limit)}" if limit is not None else ""))


# A compound statement holds at most 500 selects in SQLite's default build.
_MAX_SCOPES = 400
# Plain selects, not subqueries: SQLite merges them in seq order straight from each index and
# stops at the compound's limit (a subquery's output would be sorted again, whole).
_BRANCH = ("select seq, table_name, row_id, fields, trail from sync_log indexed by {index}"
           " where {scope} and seq > ? and seq <= ? and not (origin = ? and origin_has_it = 1)")


def _visible(communes, office, after, upto, device, limit):
    """(SQL, parameters) of what a device may pull: a partial index's range per scope it sees."""
    # One scan whatever the scope would read every other office's entries after a cursor far
    # behind; INDEXED BY keeps the planner from choosing that (or the seq range alone, or one
    # scope's index for the OR) from its estimates.
    if len(communes) > _MAX_SCOPES:
        marks = ",".join("?" * len(communes))
        return (f"""
            select seq, table_name, row_id, fields, trail from sync_log
             where seq > ? and seq <= ?
               and ((scope_commune is null and scope_office is null)
                    or scope_commune in ({marks}) or scope_office = ?)
               and not (origin = ? and origin_has_it = 1)
             order by seq limit ?""", [after, upto, *communes, office, device, limit])
    rng = [after, upto, device]
    branches = [_BRANCH.format(index="idx_sync_log_shared",
                               scope="scope_commune is null and scope_office is null")]
    params = [*rng]
    for commune in communes:
        branches.append(_BRANCH.format(index="idx_sync_log_commune", scope="scope_commune = ?"))
        params += [commune, *rng]
    # An entry of one of the communes that also names the office is read by its commune's.
    marks = ",".join("?" * len(communes))
    branches.append(_BRANCH.format(
        index="idx_sync_log_office",
        scope=f"scope_office = ? and (scope_commune is null or scope_commune not in ({marks}))"))
    params += [office, *communes, *rng]
    return (" union all ".join(branches) + " order by seq limit ?", [*params, limit])


def _commune_of_rows(table):
    """SQL giving (id, commune) of rows of the table, joined up to the table holding it."""
    joins, alias, holder = [], "t0", table
    while COMMUNE_PATH[holder] is not None:
        holder, column = COMMUNE_PATH[holder]
        joined = f"t{len(joins) + 1}"
        joins.append(f"join [{holder}] {joined} on {joined}.id = {alias}.[{column}]")
        alias = joined
    return (f"select t0.id, {alias}.commune_code from [{table}] t0 {' '.join(joins)}"
            " where t0.id in ({marks})")
