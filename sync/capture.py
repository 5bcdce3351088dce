"""Change capture: every write to a synced table gets clock stamps and a sync_log entry."""

import gc
import json
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


def device_id(store):
    """This database's device: 'central', an enrolled laptop's id, or a provisional local id."""
    device = store.state("device_id")
    if device is None:
        import uuid
        device = "local-" + uuid.uuid4().hex[:12]
        store.set_state("device_id", device)
    return device


def enrolled(store):
    """Whether this is a laptop enrolled with a central server, whose offices, their communes,
    users and lists are then the central server's."""
    return store.state("enrolled_office") is not None


def is_central(store):
    """Whether this is the central server's database; asked once per store."""
    if store.central is None:
        store.central = store.state("role") == "central"
    return store.central


def clock(store):
    """The device clock, kept by the store for the length of a request."""
    if store.clock is None:
        store.clock = hlc.Clock(device_id(store), store.state("hlc_last", hlc.ZERO),
                                int(store.state("clock_offset_ms", 0)))
    return store.clock


def stamp(store):
    """A new clock stamp for a local write, remembered across restarts."""
    value = clock(store).tick()
    store.set_state("hlc_last", value)
    return value


def observe(store, stamps):
    c = clock(store)
    for s in stamps:
        c.observe(s)
    store.set_state("hlc_last", c.last)


def row_clock(row):
    return json.loads(row.get(CLOCK_COLUMN) or "{}") if row else {}


def scope(store, table, values, communes_of=None):
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
    found = store.find(parent, id=key[1])
    # A parent this database does not have: visible to nobody.
    commune = -1 if not found else scope(store, parent, found[0], communes_of)[0]
    if communes_of is not None and found:
        communes_of[key] = commune
    return commune, None


def parent_communes(store, changes):
    """{(parent table, id): commune} for the parents the changes name, as scope() finds them,
    asked of the store once per table: a batch's rows mostly hang from rows already held."""
    wanted = {}
    for change in changes:
        path = COMMUNE_PATH.get(change["table"])
        value = change["fields"].get(path[1]) if path else None
        if value and isinstance(value[0], str):
            wanted.setdefault(path[0], set()).add(value[0])
    return {(parent, row_id): commune for parent, ids in wanted.items()
            for row_id, commune in store.communes_of(parent, ids).items()}


def log(store, table, row_id, fields, origin, values=None, origin_has_it=False,
        known_scope=None, trail=None):
    """Append a change: fields is {name: [value, stamp, base stamp]}; `trail` the history
    entry it left (sync.trail), handed on with it."""
    if known_scope is not None:
        commune, office = known_scope
    elif is_central(store) and values:
        commune, office = scope(store, table, values)
    else:
        commune, office = None, None
    if commune is not None and moves(table, fields) and is_central(store):
        rescope(store, table, [row_id], commune)
    store.append_log([log_entry(table, row_id, fields, origin, (commune, office),
                                origin_has_it, trail)])
    if table == "users" and is_central(store):
        from . import pages, policy
        if policy.OFFLINE_LOGIN_FIELDS & fields.keys():
            # Pages encoded before carry the hash this may withdraw (sync.pull, as_held): a
            # laptop enrolled later, or stolen credentials, must not pull it from them.
            pages.invalidate(store)


def moves(table, fields):
    """Whether a change sets the column that places a row in its commune (and the rows hanging
    from it)."""
    path = COMMUNE_PATH.get(table, False)
    return path is not False and ("commune_code" if path is None else path[1]) in fields


def rescope(store, table, ids, commune):
    """Give the central log's entries of rows that moved to another commune, and of every row
    hanging from them, the commune they lie in now: a log entry is seen by the devices of the
    office that holds the row now, never by those that held it before (it carries the row's
    values as they are now), and an office that gains the row sees its whole history."""
    if any(r["scope_commune"] != commune for r in store.find(
            "sync_log", table_name=table, row_id=ids, only=["scope_commune"])):
        from . import pages  # pages, encoded for the offices as the log was, are so no more
        pages.invalidate(store)
    store.update("sync_log", {"scope_commune": commune}, table_name=table, row_id=ids)
    for child, path in COMMUNE_PATH.items():
        if path is not None and path[0] == table:
            below = [r["id"] for r in store.find(child, only=["id"], **{path[1]: ids})]
            if below:
                rescope(store, child, below, commune)


def log_entry(table, row_id, fields, origin, scope, origin_has_it, trail=None):
    """One change as Store.append_log takes it; its trail without the table and id it
    repeats, nor a new record's values, which the change itself carries."""
    if trail is not None:
        trail = {k: v for k, v in trail.items() if k not in ("table_name", "row_id")}
        if trail["action"] == "insert":
            trail["changes"] = "{}"
    return [table, row_id, compact_json(fields), origin,
            scope[0], scope[1], 1 if origin_has_it else 0,
            None if trail is None else compact_json(trail)]


def unsynced_count(store):
    """Local changes not yet accepted by the central server, refused records and received
    changes not saved yet (laptops only)."""
    if is_central(store):
        return 0
    with store.snapshot():  # one number, even while a sync commits a batch
        pushed = int(store.state("pushed_seq", 0))
        return (store.log_count(pushed)
                + sum(1 for r in store.find("sync_refused", only=["seq"]) if r["seq"] <= pushed)
                + store.count("sync_inbox"))
