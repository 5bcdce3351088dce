"""Erasing a record's personal numbers everywhere they were kept (issue 26; decree 13/2023/NĐ-CP).

An erasure is an ordinary change that empties the numbers and sets the record's MARKER field,
so it syncs and merges like any edit. Each device that writes it or takes it (fieldapp.store on
the laptop where a user erases, sync.merge on the central server and on every other laptop)
then calls `erase`, which scrubs the old values of those fields of that record from what the
device kept beside the row: its history, its change log (values and trails), its inbox of
waiting changes and the conflicts found on it (and their log entries). `settle` afterwards moves
the write-ahead log into the database file and empties it, so the old pages go with it (the
connection deletes securely: fieldapp.db); on PostgreSQL it VACUUMs the tables rewritten and asks
for a CHECKPOINT (sync/postgresql/store.py says what stays).
"""

import json

from . import capture, pages
from .capture import compact_json

# The field an erasure sets (to its time), and the fields it empties, with their empty value.
MARKER = "numbers_erased_at"
ERASED = {"people": {"cccd": None, "bhxh_number": None},
          "households": {"phone": ""}}
# The app's own places that keep values beside the engine's (its audit trail): each is called
# as erase is, with (store, table, row id, {field: empty value}).
ALSO = []
# The app's own copies of the whole database (its backups): once an erasure has committed,
# `settle` calls each with the [(table, row id)] erased, to erase them there too.
SETTLED = []


def marks_erasure(table, fields):
    """Whether a change ({name: [value, stamp, base]} or {name: value}) is an erasure."""
    if table not in ERASED or MARKER not in fields:
        return False
    value = fields[MARKER]
    return bool(value[0] if isinstance(value, list) else value)


def erasing_fields(table):
    """{field: its empty value} of what an erasure of the table's record empties."""
    return dict(ERASED[table])


def leaves_numbers(table, values):
    """The erased fields an erasure's values would leave holding something (sync.policy)."""
    return sorted(name for name, empty in ERASED.get(table, {}).items()
                  if values.get(name, empty) not in (None, ""))


def erase(store, table, row_id, keep_after=None):
    """Scrub the old values of the record's erased fields from the device's history, log, inbox
    and conflicts, in the caller's transaction. `keep_after`: log entries after this seq are
    left alone (a laptop's own edits not yet accepted by the central server, still to be
    merged there). Marks the store so that `settle` empties the write-ahead log."""
    fields = ERASED[table]
    if capture.is_central(store):
        # Pages encoded before hold the old numbers: every server process encodes them again.
        # First, so that on PostgreSQL the merge lock its write takes comes before any row's.
        pages.invalidate(store)
    for entry in store.find("history", table_name=table, row_id=row_id, only=["id", "changes"]):
        changes = _scrubbed_changes(entry["changes"], fields)
        if changes is not None:
            store.update("history", {"changes": changes}, id=entry["id"])
    for entry in store.find("sync_log", table_name=table, row_id=row_id,
                            only=["seq", "fields", "trail"]):
        if keep_after is not None and entry["seq"] > keep_after:
            continue
        scrubbed = {}
        values = _scrubbed_fields(entry["fields"], fields)
        if values is not None:
            scrubbed["fields"] = values
        trail = _scrubbed_trail(entry["trail"], fields)
        if trail is not None:
            scrubbed["trail"] = trail
        if scrubbed:
            store.update("sync_log", scrubbed, seq=entry["seq"])
    for waiting in store.find("sync_inbox", table_name=table, row_id=row_id,
                              only=["table_name", "row_id", "fields"]):
        values = _scrubbed_fields(waiting["fields"], fields)
        if values is not None:
            store.update("sync_inbox", {"fields": values}, table_name=table, row_id=row_id)
    _scrub_conflicts(store, table, row_id, fields)
    for scrub in ALSO:
        scrub(store, table, row_id, fields)
    store.erased = [*(getattr(store, "erased", None) or []), (table, row_id)]


def as_left(entry, erased):
    """A history entry (sync.trail) as the history holds it once the records `erased` in its
    transaction were: their numbers' values gone from it too."""
    if entry is None or (entry["table_name"], entry["row_id"]) not in erased:
        return entry
    changes = _scrubbed_changes(entry["changes"], ERASED[entry["table_name"]])
    return entry if changes is None else {**entry, "changes": changes}


def _scrub_conflicts(store, table, row_id, fields):
    """A conflict on an erased field keeps neither value, here nor in its log entries."""
    emptied = {"kept_value": "null", "lost_value": "null"}
    for conflict in store.find("sync_conflicts", table_name=table, row_id=row_id,
                               field=list(fields), only=["id"]):
        store.update("sync_conflicts", emptied, id=conflict["id"])
        for entry in store.find("sync_log", table_name="sync_conflicts", row_id=conflict["id"],
                                only=["seq", "fields"]):
            values = _scrubbed_fields(entry["fields"], emptied)
            if values is not None:
                store.update("sync_log", {"fields": values}, seq=entry["seq"])


def _scrubbed_fields(text, fields):
    """A change's fields ({name: [value, stamp, base]}, JSON text) with the erased values
    emptied, or None when it holds none of them."""
    try:
        change = json.loads(text or "{}")
    except ValueError:
        return None
    touched = False
    for name, empty in fields.items():
        triple = change.get(name)
        if isinstance(triple, list) and triple and triple[0] != empty:
            triple[0] = empty
            touched = True
    return compact_json(change) if touched else None


def _scrubbed_changes(text, fields):
    """A history entry's changes (JSON text: {field: value} or {field: [before, after]}) with
    every value of the erased fields gone (None), or None when it names none of them. The
    field stays named: the entry still says it changed, never what to."""
    try:
        changes = json.loads(text or "{}")
    except ValueError:
        return None
    if not isinstance(changes, dict):
        return None
    touched = False
    for name in fields:
        if name not in changes:
            continue
        value = changes[name]
        empty = [None] * len(value) if isinstance(value, list) else None
        if value != empty:
            changes[name] = empty
            touched = True
    return json.dumps(changes, ensure_ascii=False) if touched else None


def _scrubbed_trail(text, fields):
    """A log entry's trail (JSON text whose "changes" is a history entry's JSON text) with the
    erased values gone, or None when it holds none of them."""
    if not text:
        return None
    try:
        trail = json.loads(text)
    except ValueError:
        return None
    if not isinstance(trail, dict):
        return None
    changes = _scrubbed_changes(trail.get("changes"), fields)
    if changes is None:
        return None
    return compact_json({**trail, "changes": changes})


def erase_copy(store, erased):
    """Erase the records [(table, row id)] in a copy of a database (a backup): their numbers
    and every earlier value of them, as `erase` does, without logging a change."""
    for table, row_id in erased:
        if store.find(table, id=row_id, only=["id"]):
            store.update(table, erasing_fields(table), id=row_id)
            erase(store, table, row_id)


def settle(store):
    """After the transaction that erased has committed: the store's checkpoint (SQLite's empties
    its write-ahead log into the file, PostgreSQL's VACUUMs), so the erased values' old row
    versions are gone, and erase them in the app's copies (a no-op when nothing was erased
    through this store)."""
    erased = getattr(store, "erased", None)
    if erased:
        store.erased = None
        store.checkpoint()
        pages.forget_invalidated(store)
        for copies in SETTLED:
            copies(erased)
