"""The sync store over one PostgreSQL database, through psycopg 3 (the central server's, for a
national deployment: issue 28).

The schema is fieldapp/schema.py's, made by Alembic (fieldapp/pg_migrations). How the store keeps
the contract of sync/store.py where SQLite's single writer kept it by itself:

1. `merging()` holds pg_advisory_xact_lock(MERGE_LOCK) from its first statement to its commit,
   for every connection of every process and machine on the database. The reach months the
   merge touched are counted after the commit, the lock released (`settle_counts()`).
2. A sync_log seq comes from a sequence before commit, so two transactions could commit their
   entries out of order and a reader's cursor pass over the one that commits late. Every
   transaction that appends to sync_log therefore takes the merge lock before its first seq and
   keeps it to its commit: seqs are drawn and committed one transaction after another.
3. `attempt()` is a savepoint; psycopg's IntegrityError (a reference, key, check or not-null
   broken) and DataError (a value its column's type cannot hold) become Broken, and nothing of
   psycopg's reaches the engine through it.
4. References are DEFERRABLE INITIALLY IMMEDIATE: `defer_references()` is SET CONSTRAINTS ALL
   DEFERRED, checked at commit.

The connection is in autocommit: a write outside a transaction commits at once, as SQLite's
store does; `atomic()` begins one (inside another: a savepoint).

The merges are serialized, so a merge's round trips are the evening's: inside `merging()` the
lock is asked once, a write opens no savepoint of its own, and writes are sent together with the
next statement that needs an answer, in a pipeline (a merged change costs one round trip, its
row read). A write's error is raised at the end of its attempt() at the latest, within it.

After an erasure, `checkpoint()` VACUUMs the tables the store rewrote and those of the erased
records, then asks for a CHECKPOINT: the old row versions holding the numbers leave the tables'
and indexes' pages, and those pages the files. The write-ahead log keeps them until its segments
are overwritten, and archives or base backups as long as they are kept (docs/deployment.md).
"""

import logging
import weakref
from contextlib import contextmanager, nullcontext
from functools import lru_cache

import psycopg
from psycopg import pq, sql
from psycopg.rows import dict_row

from ..store import Broken, Store
from ..synced_tables import COMMUNE_PATH

# The merge lock's key: any bigint no other advisory lock of fieldapp's uses (the schema's
# upgrade lock is 280001).
MERGE_LOCK = 28_0002
# The setting by which a transaction says it is a merge, whose reach months are counted after
# its commit, and the statement counting them: the schema's (fieldapp/dialects/postgresql.py).
COUNTS_AFTER = "fieldapp.counts_after"
SETTLE_COUNTS = "select reach_settle()"
# Rows a statement inserts at most, within the protocol's 65,535 parameters a statement.
ROWS_PER_INSERT = 1000
MOST_PARAMETERS = 65_535
LOG_COLUMNS = ("table_name", "row_id", "fields", "origin", "scope_commune", "scope_office",
               "origin_has_it", "trail")
_IDLE = pq.TransactionStatus.IDLE
_log = logging.getLogger(__name__)


class PostgreSQLStore(Store):
    """The store of one psycopg connection (autocommit on), for one request or process."""

    def __init__(self, conn):
        super().__init__()
        if not conn.autocommit:
            raise ValueError("the store's connection must be in autocommit: a write outside a"
                             " transaction commits at once")
        self.conn = conn
        # The tables' columns and keys, as the catalog gives them: asked once per connection,
        # which a central server keeps from one request to the next (fieldapp.db).
        self._columns = _catalog.setdefault(conn, {})
        # Tables rewritten since the last checkpoint(): their old row versions are VACUUMed then.
        self._rewritten = set()
        # Inside merging(): the lock is held to the commit, taken before any savepoint.
        self._merging = False
        # Inside merging(): writes not sent yet, (query, parameters, for executemany).
        self._queued = []

    @classmethod
    def connect(cls, url):
        """A store on a new connection to the database at `url` (a libpq URL)."""
        return cls(psycopg.connect(url, autocommit=True))

    def close(self):
        self.conn.close()

    @property
    def in_transaction(self):
        return self.conn.info.transaction_status != _IDLE

    # Round trips. The merges are serialized: each round trip of one, a wait for the server and
    # another for this process's turn at a busy machine's cores, holds up every laptop behind
    # it. Inside merging() a write, whose answer nothing waits for, is sent with the next
    # statement that needs one, all in a pipeline (psycopg's): a read, the end of a part of the
    # transaction (attempt(), atomic()) or of the merge. An error of a write is raised there,
    # still within its part, which is undone whole as before.

    def _write(self, query, params, many=False):
        if self._merging:
            self._queued.append((query, params, many))
        elif many:
            self.conn.cursor().executemany(query, params)
        else:
            self.conn.execute(query, params)

    def _read(self, query, params=(), row_factory=None):
        """The cursor of a read, sent after the writes queued."""
        cursor = self.conn.cursor(row_factory=row_factory)
        if not self._queued:
            return cursor.execute(query, params)
        with self._sending():
            cursor.execute(query, params)
        return cursor

    def _send(self):
        """Send the writes queued, and wait for their answers."""
        if self._queued:
            with self._sending():
                pass

    @contextmanager
    def _sending(self):
        queued, self._queued = self._queued, []
        with self.conn.pipeline():
            for query, params, many in queued:
                if many:
                    self.conn.cursor().executemany(query, params)
                else:
                    self.conn.execute(query, params)
            yield

    # Transactions

    @contextmanager
    def atomic(self):
        self._send()  # what came before is not this part's to undo
        with self.conn.transaction():
            try:
                yield self
                self._send()
            except BaseException:
                # Undone with the part: never sent after its savepoint is rolled back.
                self._queued = []
                raise

    def _alone_atomic(self):
        """A transaction for what must be written together, when none is open: inside one, a
        savepoint would cost two round trips and nothing more, since an error ends in a
        savepoint undone whole (attempt()) or the transaction rolled back, whatever wrote."""
        return nullcontext() if self.in_transaction else self.atomic()

    @contextmanager
    def merging(self):
        if self.in_transaction:
            # A transaction begun before may have read without the lock: its reads are stale.
            raise RuntimeError("a merge begins its own transaction, and the lock with it")
        # READ COMMITTED (PostgreSQL's default): each read after the lock sees every merge
        # committed before it; a snapshot taken at the lock's own statement would not.
        with self.conn.transaction():
            # The reach months it touched are left pending at its commit, for settle_counts()
            # to count once the lock is released (fieldapp/dialects/postgresql.py, revision
            # 0009): the next merge goes on meanwhile.
            self.conn.execute("select pg_advisory_xact_lock(%s), set_config(%s, 'on', true)",
                              [MERGE_LOCK, COUNTS_AFTER])
            self._merging = True
            try:
                yield self
                self._send()
            finally:
                self._merging, self._queued = False, []
        self.settle_counts()

    def settle_counts(self):
        """Count the reach months that merges left pending, in a transaction of its own; a
        failure leaves them to the next settle, or to a report before it reads the counts."""
        try:
            self.conn.execute(SETTLE_COUNTS)
        except psycopg.Error as e:
            # The merge is committed: its answer stands.
            _log.warning("reach counts left pending: %s", e)

    def _take_merge_lock(self):
        if self._merging:
            # Held since the merge's first statement, outside any savepoint (one rolled back
            # would release a lock taken within it): asking again is a round trip per entry.
            return
        # Taken again in the same transaction it is held already: PostgreSQL counts it twice
        # and releases both at the transaction's end.
        self.conn.execute("select pg_advisory_xact_lock(%s)", [MERGE_LOCK])

    @contextmanager
    def snapshot(self):
        if self.in_transaction:
            yield self
            return
        with self.conn.transaction():
            # Every read sees the database as of the first, as SQLite's read transaction does.
            self.conn.execute("set transaction isolation level repeatable read")
            yield self

    @contextmanager
    def attempt(self):
        if not self.in_transaction:
            with self.atomic(), self.attempt():
                yield self
            return
        try:
            with self.atomic():  # a savepoint, undone alone on any error
                yield self
        except (psycopg.IntegrityError, psycopg.DataError) as e:
            # DataError: a value the column's type cannot hold ('abc' as a number), which
            # SQLite would have kept as it came.
            raise Broken(str(e)) from e

    def checkpoint(self):
        if self.in_transaction:
            return  # VACUUM runs outside a transaction: settle comes after the commit
        from ..erasure import ERASED
        tables, self._rewritten = sorted(self._rewritten | set(ERASED)), set()
        # VACUUM, not an UPDATE's own page pruning, which comes only when a page fills: the
        # erased values' dead row versions are removed now (what another transaction's snapshot
        # still sees stays to the next VACUUM, autovacuum's). INDEX_CLEANUP ON: with few dead
        # rows VACUUM may leave their index entries, numbers and all (PostgreSQL's VACUUM page).
        self.conn.execute(sql.SQL("vacuum (index_cleanup on) {}").format(
            sql.SQL(", ").join(map(sql.Identifier, tables))))
        try:
            # The pages as vacuumed into the data files now, not at the next timed checkpoint.
            self.conn.execute("checkpoint")
        except psycopg.errors.InsufficientPrivilege:
            pass  # a role without pg_checkpoint: PostgreSQL's own checkpoint writes them

    def defer_references(self):
        # Outside a transaction there is nothing to defer (PostgreSQL would only warn).
        if self.in_transaction:
            self._write("set constraints all deferred", ())

    # The device's state

    def state(self, key, default=None):
        row = self._read("select value from sync_state where key = %s", [key]).fetchone()
        return row[0] if row else default

    def set_state(self, key, value):
        if self.in_transaction:
            # The merge lock before the row's: a merge holds it when it writes these rows (the
            # clock, the pages' generation), so a transaction that wrote one first deadlocks it.
            self._take_merge_lock()
        self._write("insert into sync_state (key, value) values (%s, %s)"
                    " on conflict (key) do update set value = excluded.value", [key, str(value)])

    # Rows of any table

    def columns(self, table):
        if table not in self._columns:
            # An unknown table has no columns, as SQLite says, rather than an error that would
            # end the transaction.
            self._columns[table] = {row[0] for row in self.conn.execute(
                "select attname from pg_attribute where attrelid = to_regclass(%s)"
                " and attnum > 0 and not attisdropped", [_name(table)])}
        return self._columns[table]

    def _key(self, table):
        """The table's primary key columns."""
        key = ("key", table)
        if key not in self._columns:
            self._columns[key] = tuple(row[0] for row in self.conn.execute(
                "select a.attname from pg_index i join pg_attribute a"
                " on a.attrelid = i.indrelid and a.attnum = any(i.indkey)"
                " where i.indrelid = to_regclass(%s) and i.indisprimary"
                " order by array_position(i.indkey, a.attnum)", [_name(table)]))
        return self._columns[key]

    def find(self, table, order_by=(), limit=None, only=None, **equal):
        where, params = _where(equal)
        return self._read(_select(table, tuple(only or ()), where, tuple(order_by), limit),
                          params, dict_row).fetchall()

    def count(self, table, **equal):
        where, params = _where(equal)
        return self._read(_count(table, where), params).fetchone()[0]

    def insert(self, table, rows, replace=False, names=None):
        if not rows:
            return
        if names is None:
            names, rows = tuple(rows[0]), [list(row.values()) for row in rows]
        names = tuple(names)
        if table == "sync_log":
            # Seqs drawn only under the merge lock (the contract's point 2).
            with self._alone_atomic():
                self._take_merge_lock()
                self._insert(table, names, rows, replace)
            return
        self._insert(table, names, rows, replace)

    def _insert(self, table, names, rows, replace):
        key = self._key(table) if replace else None
        rows = [[_value(v) for v in row] for row in rows]
        if key and len(rows) > 1:
            # A key given twice keeps the later row, as one row written after another would
            # (one statement may not write a row twice).
            at = [names.index(name) for name in key]
            rows = list({tuple(row[i] for i in at): row for row in rows}.values())
        if len(rows) == 1:
            self._write(_insert(table, names, key), rows[0])
            return
        # Many rows to a statement: a trigger per statement runs once for them all (the reach
        # rows of a push's new visits, revision 0010), and the server parses one statement.
        per = max(1, min(ROWS_PER_INSERT, MOST_PARAMETERS // len(names)))
        with self._alone_atomic():
            for start in range(0, len(rows), per):
                part = rows[start:start + per]
                self._write(_insert(table, names, key, len(part)),
                            [value for row in part for value in row])

    def update(self, table, values, **equal):
        if not values:
            return
        self._rewritten.add(table)
        where, params = _where(equal)
        self._write(_update(table, tuple(values), where),
                    [_value(v) for v in [*values.values(), *params]])

    def delete(self, table, **equal):
        self._rewritten.add(table)
        where, params = _where(equal)
        self._write(_delete(table, where), params)

    def communes_of(self, table, ids):
        ids = sorted(set(ids))
        if not ids:
            return {}
        return dict(self._read(_commune_of_rows(table), [ids]).fetchall())

    # The change log

    def append_log(self, entries):
        self.insert("sync_log", entries, names=LOG_COLUMNS)

    def log_after(self, seq, limit):
        return self._read(
            "select seq, table_name, row_id, fields, origin from sync_log"
            " where seq > %s order by seq limit %s", [seq, limit]).fetchall()

    def log_visible(self, after, upto, communes, office, device, limit):
        # One range of a partial index per scope the device sees, merged by seq: one scan
        # whatever the scope would read every other office's entries after a cursor far behind.
        communes = sorted(communes)
        branch = ("(select seq, table_name, row_id, fields, trail from sync_log where {scope}"
                  " and seq > %s and seq <= %s and not (origin = %s and origin_has_it = 1)"
                  " order by seq limit %s)")
        rng = [after, upto, device, limit]
        branches = [branch.format(scope="scope_commune is null and scope_office is null")]
        params = [*rng]
        for commune in communes:
            branches.append(branch.format(scope="scope_commune = %s"))
            params += [commune, *rng]
        # An entry of one of the communes that also names the office is read by its commune's.
        branches.append(branch.format(
            scope="scope_office = %s and (scope_commune is null"
                  " or not scope_commune = any(%s))"))
        params += [office, communes, *rng]
        return self._read(" union all ".join(branches) + " order by seq limit %s",
                          [*params, limit]).fetchall()

    def log_count(self, after):
        return self._read("select count(*) from sync_log where seq > %s",
                          [after]).fetchone()[0]

    def last_seq(self):
        return self._read("select coalesce(max(seq), 0) from sync_log").fetchone()[0]

    def logged_fields(self, table, row_id, after):
        return [fields for (fields,) in self._read(
            "select fields from sync_log where table_name = %s and row_id = %s and seq > %s"
            " order by seq", [table, row_id, after])]

    def logged_rows(self):
        return self._read("select table_name, row_id from sync_log"
                                 " group by table_name, row_id order by min(seq)").fetchall()

    def log_by_row(self, after, limit):
        where, params = ("where (table_name, row_id) > (%s, %s)", list(after)) if after \
            else ("", [])
        return self._read(
            "select seq, table_name, row_id, fields, scope_commune, scope_office, trail"
            f" from sync_log {where} order by table_name, row_id, seq limit %s",
            [*params, limit]).fetchall()

    def forget_logged(self, table, row_ids, upto):
        self._write("delete from sync_log where table_name = %s and seq <= %s"
                    " and row_id = any(%s)", [table, upto, sorted(set(row_ids))])

    # What the central server remembers of each device

    def remember_pushes(self, device_id, digests, forget_upto):
        with self._alone_atomic():
            self.insert("device_pushes", [[device_id, seq, d] for seq, d in digests],
                        replace=True, names=("device_id", "seq", "digest"))
            self._write("delete from device_pushes where device_id = %s and seq <= %s",
                        [device_id, forget_upto])

    # Merging bookkeeping

    def keep_extra(self, table, row_id, field, value, stamp):
        self._write("""
            insert into sync_extra (table_name, row_id, field, value, hlc)
            values (%s, %s, %s, %s, %s)
            on conflict (table_name, row_id, field) do update
               set value = excluded.value, hlc = excluded.hlc
             where excluded.hlc > sync_extra.hlc""", [table, row_id, field, value, stamp])

    def note_refused(self, table, row_id, seq, code, reason, at):
        self._write("""
            insert into sync_refused (table_name, row_id, seq, code, reason, at)
            values (%s, %s, %s, %s, %s, %s)
            on conflict (table_name, row_id) do update
               set seq = greatest(sync_refused.seq, excluded.seq), code = excluded.code,
                   reason = excluded.reason, at = excluded.at""",
                    [table, row_id, seq, code, reason, at])

    def park(self, table, row_id, fields, reason, received_at):
        self._write("""
            insert into sync_inbox (table_name, row_id, fields, reason, received_at, position)
            values (%s, %s, %s, %s, %s,
                    (select coalesce(max(position), 0) + 1 from sync_inbox))
            on conflict (table_name, row_id) do update
               set fields = excluded.fields, reason = excluded.reason""",
                    [table, row_id, fields, reason, received_at])


_LISTS = (list, tuple, set, frozenset)
# Each connection's columns and keys (PostgreSQLStore._columns), forgotten with the connection.
_catalog = weakref.WeakKeyDictionary()


def _value(value):
    """A value as the schema holds it: SQLite's integers for truth values."""
    return int(value) if isinstance(value, bool) else value


def _name(table):
    """A table's name as regclass reads it, quoted."""
    return '"' + table.replace('"', '""') + '"'


def _where(equal):
    """(the filters' shape for _where_sql, parameters) for column=value filters; a list is one
    array, so no statement binds more than a few values."""
    shape, params = [], []
    for name, value in equal.items():
        if value is None:
            shape.append((name, "null"))
        elif isinstance(value, _LISTS):
            shape.append((name, "any"))
            params.append([_value(v) for v in dict.fromkeys(value)])
        else:
            shape.append((name, "="))
            params.append(_value(value))
    return tuple(shape), params


@lru_cache(maxsize=512)
def _where_sql(shape):
    terms = [sql.SQL({"null": "{} is null", "any": "{} = any(%s)", "=": "{} = %s"}[kind]
                     ).format(sql.Identifier(name)) for name, kind in shape]
    if not terms:
        return sql.SQL("")
    return sql.SQL(" where ") + sql.SQL(" and ").join(terms)


# Each statement's SQL is made once, as the bytes sent: psycopg would compose it again at every
# execution (a third of a merge's CPU in the client).

@lru_cache(maxsize=256)
def _count(table, where):
    return (sql.SQL("select count(*) from {}").format(sql.Identifier(table))
            + _where_sql(where)).as_bytes()


@lru_cache(maxsize=256)
def _delete(table, where):
    return (sql.SQL("delete from {}").format(sql.Identifier(table))
            + _where_sql(where)).as_bytes()


@lru_cache(maxsize=256)
def _insert(table, names, key, count=1):
    """INSERT of `count` rows of `names`; with the table's `key`, a row with the same key is
    overwritten."""
    row = sql.SQL("({})").format(sql.SQL(", ").join(sql.Placeholder() * len(names)))
    query = sql.SQL("insert into {} ({}) values {}").format(
        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, names)),
        sql.SQL(", ").join([row] * count))
    if key is None:
        return query.as_bytes()
    rest = [n for n in names if n not in key]
    return (query + sql.SQL(" on conflict ({}) do ").format(
        sql.SQL(", ").join(map(sql.Identifier, key))) + (
        sql.SQL("update set ") + sql.SQL(", ").join(
            sql.SQL("{0} = excluded.{0}").format(sql.Identifier(n)) for n in rest)
        if rest else sql.SQL("nothing"))).as_bytes()


@lru_cache(maxsize=512)
def _update(table, names, where):
    return (sql.SQL("update {} set {}").format(sql.Identifier(table), sql.SQL(", ").join(
        sql.SQL("{} = %s").format(sql.Identifier(n)) for n in names))
        + _where_sql(where)).as_bytes()


@lru_cache(maxsize=1024)
def _select(table, only, where, order_by, limit):
    columns = sql.SQL(", ").join(map(sql.Identifier, only)) if only else sql.SQL("*")
    query = sql.SQL("select {} from {}").format(columns, sql.Identifier(table)) + _where_sql(where)
    if order_by:
        query += sql.SQL(" order by ") + sql.SQL(", ").join(
            sql.SQL("{} desc").format(sql.Identifier(name[1:])) if name.startswith("-")
            else sql.Identifier(name) for name in order_by)
    if limit is not None:
        query += sql.SQL(" limit {}").format(sql.Literal(int(limit)))
    return query.as_bytes()


@lru_cache(maxsize=64)
def _commune_of_rows(table):
    """SQL giving (id, commune) of rows of the table, joined up to the table holding it."""
    joins, alias, holder = [], "t0", table
    while COMMUNE_PATH[holder] is not None:
        holder, column = COMMUNE_PATH[holder]
        joined = f"t{len(joins) + 1}"
        joins.append(sql.SQL("join {} {} on {}.id = {}.{}").format(
            sql.Identifier(holder), sql.Identifier(joined), sql.Identifier(joined),
            sql.Identifier(alias), sql.Identifier(column)))
        alias = joined
    return sql.SQL("select t0.id, {}.commune_code from {} t0 {} where t0.id = any(%s)").format(
        sql.Identifier(alias), sql.Identifier(table), sql.SQL(" ").join(joins)).as_bytes()
