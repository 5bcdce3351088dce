"""What the sync engine needs from the database it syncs: the few operations a store gives.

The engine (capture, merge, inbox, refused, enrolment, client, server) reaches its data only
through these. `sync.sqlite.SQLiteStore` implements them for laptops and a small central
server; `sync.postgresql.PostgreSQLStore` for a central server on PostgreSQL, whose tables
(the engine's `SCHEMA_TABLES` with the app's) fieldapp/schema.py describes.

Rows are dicts of column name to value. `equal` filters are column=value pairs, all of which
must hold: None matches a missing value (SQL's "is null") and a list matches any of its values.

The contract every store keeps, whatever its database and however many processes share it
(tests/test_sync_store_contract.py holds a store to it with several writer processes):

1. One merge at a time: `merging()` is a write transaction holding the store's merge lock from
   its first statement to its commit, across every process and connection of the database
   (SQLite: BEGIN IMMEDIATE, its one write lock; PostgreSQL: pg_advisory_xact_lock). A merge
   reads what it decides on under that lock, so a request sent twice merges once.
2. The log's order is the order in which pulls may see changes: an entry never becomes visible
   at a seq at or below one a reader has already seen, so a pull cursor, once handed to a
   laptop, never passes over a change that commits later. Every transaction that appends to
   the log must therefore commit its entries in seq order (SQLite: every write transaction
   holds the one write lock; a database that hands out sequence numbers before commit must take
   the merge lock in every transaction that appends).
3. A write that breaks the store's rules raises `Broken` out of `attempt()`, never the
   driver's own error class: the engine knows no driver.
4. `defer_references()` puts off the check of every reference (a foreign key) written in the
   current transaction to its commit, where a reference still missing breaks the whole
   transaction; until then rows may be written children first (a laptop re-homing records).
"""

from abc import ABC, abstractmethod

# The engine's own tables, which each store's schema makes beside the synced ones:
# - sync_state (key, value): the device's role, id, clock, cursors;
# - sync_log (seq, table_name, row_id, fields, origin, scope_commune, scope_office,
#   origin_has_it): every captured write, in order;
# - sync_extra (table_name, row_id, field, value, hlc): fields a newer app sent, kept as sent;
# - sync_inbox (table_name, row_id, fields, reason, received_at, position), laptops: received
#   changes waiting for their parent;
# - sync_refused (table_name, row_id, seq, code, reason, at), laptops: refused records;
# - devices, enrolment_codes, device_refusals, device_pushes, central server: who may sync,
#   what each device was refused, and what its recent changes were (sync.lineage).
SCHEMA_TABLES = ("sync_state", "sync_log", "sync_extra", "sync_inbox", "sync_refused",
                 "devices", "enrolment_codes", "device_refusals", "device_pushes")


class Broken(Exception):
    """A write that would break the store's rules (a parent missing, a key taken twice)."""


class Store(ABC):
    """A database the engine syncs: the synced tables of `sync.synced_tables` and its own."""

    def __init__(self):
        # The engine's memory for this store's life (one connection, one request): the device
        # clock and whether this is the central server, so they are read once.
        self.clock = None
        self.central = None

    # Transactions

    @abstractmethod
    def atomic(self):
        """A write transaction (inside another: a part of it), undone whole on any error."""

    @abstractmethod
    def merging(self):
        """An outermost write transaction holding the merge lock (the contract's point 1)."""

    @abstractmethod
    def snapshot(self):
        """A read transaction: every read inside sees the store as of its first."""

    @abstractmethod
    def attempt(self):
        """A part of the caller's transaction undone alone, raising Broken, if a write in it
        breaks the store's rules; any other error passes through (outside a transaction: a
        transaction of its own)."""

    # Where the processes serving this store share the pull pages they encode (sync.pages);
    # None: each process encodes its own.
    pages_folder = None

    def checkpoint(self):
        """Move what the store has committed into its database files, leaving no copy of
        overwritten data in a journal (after an erasure: sync.erasure); nothing to do for a
        store that keeps none."""

    @abstractmethod
    def defer_references(self):
        """Check the transaction's references at its commit, not at each write (point 4)."""

    # The device's state

    @abstractmethod
    def state(self, key, default=None):
        """A value of sync_state, as text."""

    @abstractmethod
    def set_state(self, key, value):
        """Keep a value of sync_state (as text)."""

    # Rows of any table

    @abstractmethod
    def columns(self, table):
        """The table's column names."""

    @abstractmethod
    def find(self, table, order_by=(), limit=None, only=None, **equal):
        """The rows matching `equal`, in `order_by` column order (a leading "-": descending),
        with every column or `only` those named."""

    @abstractmethod
    def count(self, table, **equal):
        """How many rows match `equal`."""

    @abstractmethod
    def insert(self, table, rows, replace=False, names=None):
        """Insert a list of rows, each with the same columns in the same order, as dicts or,
        given their `names`, as lists of values; `replace` overwrites a row with the same key."""

    @abstractmethod
    def update(self, table, values, **equal):
        """Set `values` in the rows matching `equal`."""

    @abstractmethod
    def delete(self, table, **equal):
        """Delete the rows matching `equal` (every row, with no `equal`)."""

    @abstractmethod
    def communes_of(self, table, ids):
        """{row id: commune code} of rows of a table in COMMUNE_PATH, by way of their parents;
        a row whose parent is missing is left out."""

    # The change log

    @abstractmethod
    def append_log(self, entries):
        """Append entries, (table_name, row_id, fields, origin, scope_commune, scope_office,
        origin_has_it, trail) each, in order; each gets the next seq, and becomes visible no
        earlier than every entry before it (point 2)."""

    @abstractmethod
    def log_after(self, seq, limit):
        """Up to `limit` entries (None: all) after `seq`, in order: (seq, table_name, row_id,
        fields, origin)."""

    @abstractmethod
    def log_visible(self, after, upto, communes, office, device, limit):
        """Up to `limit` entries after `after` and up to `upto` that a device may pull: shared
        by all, of one of the communes or of the office, and not its own that it already
        holds; (seq, table_name, row_id, fields, trail) each, in order."""

    @abstractmethod
    def log_count(self, after):
        """How many entries come after `after`."""

    @abstractmethod
    def last_seq(self):
        """The seq of the last entry (0 for none)."""

    @abstractmethod
    def logged_fields(self, table, row_id, after):
        """The fields (JSON text) of the row's entries after `after`."""

    @abstractmethod
    def logged_rows(self):
        """(table_name, row_id) of every row with an entry, in the order of its first."""

    @abstractmethod
    def log_by_row(self, after, limit):
        """Up to `limit` entries of the rows after `after` ((table_name, row_id); None: from
        the first), ordered by row then seq: (seq, table_name, row_id, fields, scope_commune,
        scope_office, trail) each."""

    @abstractmethod
    def forget_logged(self, table, row_ids, upto):
        """Delete the entries of these rows of a table up to `upto` (a laptop handing over
        records it no longer keeps)."""

    # What the central server remembers of each device

    @abstractmethod
    def remember_pushes(self, device_id, digests, forget_upto):
        """Keep (seq, digest) of a device's pushed changes, replacing any at the same seq, and
        forget the device's at or below `forget_upto`."""

    # Merging bookkeeping: each keeps the newer when a key is written twice

    @abstractmethod
    def keep_extra(self, table, row_id, field, value, stamp):
        """Keep an unknown field's value (JSON text) unless a later stamp is kept already."""

    @abstractmethod
    def note_refused(self, table, row_id, seq, code, reason, at):
        """Keep a refusal of the record, with the highest seq that carried it."""

    @abstractmethod
    def park(self, table, row_id, fields, reason, received_at):
        """Keep a received change (fields as JSON text) in the inbox: a new one last in line,
        one already waiting in its place."""
