"""Change capture: every write to a synced table gets clock stamps and a sync_log entry."""

import gc
import json
import time
from contextlib import contextmanager

from . import hlc
from .synced_tables import CLOCK_COLUMN, COMMUNE_PATH, OFFICE_SCOPED

CENTRAL_DEVICE = "central"
# The origin of a laptop's log entry that sends a record again whole (see sync.refused).
AGAIN = "again"
# One encoder for every log entry: json.dumps with options builds a new one per call.
compact_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


@contextmanager
def collector_paused():
    """Pause Python's cycle collector while a sync batch is built and written: the thousands of
    dicts of a batch are freed by reference counting, and each collection would walk every
    long-lived object of the app for nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def now_text():
    """UTC now as ISO 8601 text to the second, for the sync's own bookkeeping."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def state(db, key, default=None):
    row = db.execute("select value from sync_state where key = ?", [key]).fetchone()
    return row[0] if row else default


def set_state(db, key, value):
    db.execute("insert into sync_state (key, value) values (?, ?)"
               " on conflict(key) do update set value = excluded.value", [key, str(value)])


def device_id(db):
    """This database's device: 'central', an enrolled laptop's id, or a provisional local id."""
    device = state(db, "device_id")
    if device is None:
        import uuid
        device = "local-" + uuid.uuid4().hex[:12]
        set_state(db, "device_id", device)
    return device


def enrolled(db):
    """Whether this is a laptop enrolled with a central server, whose offices, their communes,
    users and lists are then the central server's."""
    return state(db, "enrolled_office") is not None


def is_central(db):
    """Whether this is the central server's database; asked once per connection."""
    cached = getattr(db, "_fieldapp_central", None)
    if cached is None:
        cached = db._fieldapp_central = state(db, "role") == "central"
    return cached


def clock(db):
    """The device clock, kept on the connection for the length of a request."""
    cached = getattr(db, "_fieldapp_clock", None)
    if cached is None:
        cached = hlc.Clock(device_id(db), state(db, "hlc_last", hlc.ZERO),
                           int(state(db, "clock_offset_ms", 0)))
        db._fieldapp_clock = cached
    return cached


def stamp(db):
    """A new clock stamp for a local write, remembered across restarts."""
    c = clock(db)
    value = c.tick()
    set_state(db, "hlc_last", value)
    return value


def observe(db, stamps):
    c = clock(db)
    for s in stamps:
        c.observe(s)
    set_state(db, "hlc_last", c.last)


def row_clock(row):
    return json.loads(row.get(CLOCK_COLUMN) or "{}") if row else {}


def scope(db, table, values, communes_of=None):
    """(commune code, office id) that decide which devices may see the row; (None, None): all.

    `communes_of` remembers parents' communes across the rows of one batch.
    """
    if table in OFFICE_SCOPED:
        return None, values.get(OFFICE_SCOPED[table])
    if table == "sync_conflicts":
        # Set by the central server from the row in conflict, when it found the conflict.
        return values.get("scope_commune"), values.get("scope_office")
    if table not in COMMUNE_PATH:
        return None, None
    if COMMUNE_PATH[table] is None:
        return values.get("commune_code"), None
    parent, column = COMMUNE_PATH[table]
    key = (parent, values.get(column))
    if communes_of is not None and key in communes_of:
        return communes_of[key], None
    cursor = db.conn.execute(f"select * from [{parent}] where id = ?", [key[1]])
    names = [d[0] for d in cursor.description]
    found = cursor.fetchone()
    # A parent this database does not have: visible to nobody.
    commune = -1 if found is None else scope(db, parent, dict(zip(names, found)),
                                             communes_of)[0]
    if communes_of is not None and found is not None:
        communes_of[key] = commune
    return commune, None


def parent_communes(db, changes):
    """{(parent table, id): commune} for the parents the changes name, as scope() finds them,
    with one query per table and 500 ids: a batch's rows mostly hang from rows already held."""
    wanted = {}
    for change in changes:
        path = COMMUNE_PATH.get(change["table"])
        value = change["fields"].get(path[1]) if path else None
        if value and isinstance(value[0], str):
            wanted.setdefault(path[0], set()).add(value[0])
    found = {}
    for parent, ids in wanted.items():
        ids, query = sorted(ids), _commune_of_rows(parent)
        for start in range(0, len(ids), 500):
            part = ids[start:start + 500]
            found.update(((parent, row_id), commune) for row_id, commune in db.conn.execute(
                query.format(marks=",".join("?" * len(part))), part))
    return found


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


def log(db, table, row_id, fields, origin, values=None, origin_has_it=False,
        known_scope=None):
    """Append a change: fields is {name: [value, stamp, base stamp]}."""
    if known_scope is not None:
        commune, office = known_scope
    elif is_central(db) and values:
        commune, office = scope(db, table, values)
    else:
        commune, office = None, None
    db.conn.execute(LOG_INSERT, log_entry(table, row_id, fields, origin, (commune, office),
                                          origin_has_it))


LOG_INSERT = ("insert into sync_log (table_name, row_id, fields, origin, scope_commune,"
              " scope_office, origin_has_it) values (?, ?, ?, ?, ?, ?, ?)")


def log_entry(table, row_id, fields, origin, scope, origin_has_it):
    """The parameters of LOG_INSERT for one change."""
    return [table, row_id, compact_json(fields), origin,
            scope[0], scope[1], 1 if origin_has_it else 0]


def unsynced_count(db):
    """Local changes not yet accepted by the central server, refused records and received
    changes not saved yet (laptops only)."""
    if is_central(db):
        return 0
    pushed = int(state(db, "pushed_seq", 0))
    return db.execute("""
        select (select count(*) from sync_log where seq > :pushed)
             + (select count(*) from sync_refused where seq <= :pushed)
             + (select count(*) from sync_inbox)""", {"pushed": pushed}).fetchone()[0]
