"""Merging changes from other devices, field by field, with the writes they lead to.

With fieldapp.store this is the other half of the data layer: the store writes what users do,
this module writes what arrives from elsewhere. Both keep each field's clock stamp.

- The central server merges pushed changes: per field, the later stamp wins. When the same
  field was changed on two devices that had not seen each other's edit (the incoming edit's base
  stamp is older than the stored one) and the values differ, the losing value is kept as a
  conflict for a supervisor to review.
- A laptop adopts what the central server sends, except fields it changed itself and has not
  pushed yet: those reach the server next and are merged there.
"""

import json
import uuid

from . import capture, clock, erasure, hlc, trail
from .store import Broken
from .synced_tables import CLOCK_COLUMN

# Who touched a row last, and when: merged by the later stamp, never a conflict to review.
BOOKKEEPING = {"created_at", "created_by", "updated_at", "updated_by"}


def known_fields(store, table):
    """The fields of the table this database has columns for (a newer app's others are kept
    aside)."""
    return store.columns(table) - {"id", CLOCK_COLUMN}


def row(store, table, row_id):
    """The row as the store holds it, or None."""
    found = store.find(table, id=row_id)
    return found[0] if found else None


def _write(store, table, row_id, current, values, clock):
    """Insert or update the row with these values and its new field clock."""
    values = {**values, CLOCK_COLUMN: json.dumps(clock)}
    if current is None:
        store.insert(table, [{"id": row_id, **values}])
    else:
        store.update(table, values, id=row_id)


def set_clock(store, table, row_id, clock):
    """Replace a row's field stamps (a laptop correcting its own at enrolment)."""
    store.update(table, {CLOCK_COLUMN: json.dumps(clock)}, id=row_id)


def _keep_extra(store, table, row_id, name, value, stamp):
    """A field this version has no column for: kept as sent, the later stamp winning."""
    store.keep_extra(table, row_id, name, json.dumps(value), stamp)


def merge_pushed(store, table, row_id, fields, origin, exact=True, scope=None, current=...,
                 again=False):
    """Merge one pushed change on the central server; return (the fields that took effect,
    the history entry it left or None).

    `exact` says the stamps are the device's own (not corrected for a wrong clock), so the
    device need not be sent the change back. `again` marks a record the device sends again as
    it holds it (a refused one, or its work from before enrolment): not an edit made against
    anything, so never a conflict.
    """
    known = known_fields(store, table)
    if current is ...:
        current = row(store, table, row_id)
    if current is None and fields.keys() <= known:
        # A new row: every field takes effect, nothing to compare (most of a first push).
        values = {name: t[0] for name, t in fields.items()}
        _write(store, table, row_id, None, values, {name: t[1] for name, t in fields.items()})
        entry = trail.entry(table, row_id, None, values)
        trail.note(store, [entry])
        if scope is not None:
            # A row new here has no entries to give its commune: logged as insert_new_rows
            # logs a batch's (capture.log would look for them, and for rows below it).
            store.append_log([capture.log_entry(table, row_id, fields, origin, scope, exact,
                                                entry)])
        else:
            capture.log(store, table, row_id, fields, origin, values, origin_has_it=exact,
                        trail=entry)
        if erasure.marks_erasure(table, values):
            erasure.erase(store, table, row_id)
        return fields, entry
    clock = capture.row_clock(current)
    applied, values, kept = {}, {}, {}
    erased_at = clock.get(erasure.MARKER, "") if table in erasure.ERASED else ""
    for name, (value, stamp, base) in fields.items():
        if name not in known:
            _keep_extra(store, table, row_id, name, value, stamp)
            applied[name] = [value, stamp, base]
            continue
        stored = clock.get(name, "")
        if stamp == stored:
            continue
        if stamp < erased_at and name in erasure.ERASED[table]:
            # A number typed before the record's numbers were erased stays erased: neither
            # taken nor kept as a conflict; the device is sent the empty value.
            kept[name] = [current.get(name), stored, ""]
            continue
        concurrent = (not again and current is not None and base < stored
                      and current.get(name) != value
                      and hlc.device(stored) != hlc.device(stamp)
                      and name not in BOOKKEEPING)
        if stamp > stored:
            if concurrent:
                _conflict(store, table, row_id, current, name, kept=(value, stamp),
                          lost=(current.get(name), stored))
            values[name], clock[name] = value, stamp
            applied[name] = [value, stamp, base]
        else:
            if concurrent:
                _conflict(store, table, row_id, current, name, kept=(current.get(name), stored),
                          lost=(value, stamp))
            kept[name] = [current.get(name), stored, ""]
    entry = None
    if values:
        _write(store, table, row_id, current, values, clock)
        entry = trail.entry(table, row_id, current, values)
        trail.note(store, [entry])
    merged = {**(current or {}), **values}
    if applied:
        capture.log(store, table, row_id, applied, origin, merged, origin_has_it=exact,
                    known_scope=scope, trail=entry)
    if kept:
        # The device still shows its own, older value: send it the one that won.
        capture.log(store, table, row_id, kept, capture.device_id(store), merged,
                    known_scope=scope)
    if erasure.marks_erasure(table, values):
        erasure.erase(store, table, row_id)
    return applied, entry


def _conflict(store, table, row_id, current, field, kept, lost):
    """Record the losing value of a concurrent edit; the resolution syncs like any edit."""
    stamp = capture.stamp(store)
    commune, office = capture.scope(store, table, current)
    values = {
        "id": str(uuid.uuid4()), "table_name": table, "row_id": row_id, "field": field,
        "kept_value": json.dumps(kept[0], ensure_ascii=False), "kept_hlc": kept[1],
        "lost_value": json.dumps(lost[0], ensure_ascii=False), "lost_hlc": lost[1],
        "scope_commune": commune, "scope_office": office,
    }
    now = clock.stamp()
    values.update(created_at=now, updated_at=now)
    fields = {k: [v, stamp, ""] for k, v in values.items() if k != "id"}
    _write(store, "sync_conflicts", values["id"], None,
           {k: v for k, v in values.items() if k != "id"},
           {k: stamp for k in fields})
    capture.log(store, "sync_conflicts", values["id"], fields, capture.device_id(store), values)


def adopt_pulled(store, table, row_id, fields, pending, current=..., entry=None):
    """Take the central server's values on a laptop, except fields with unpushed local edits;
    record `entry`, the history entry the change left on the central server (sync.trail)."""
    known = known_fields(store, table)
    if current is ...:
        current = row(store, table, row_id)
    clock = capture.row_clock(current)
    values = {}
    for name, (value, stamp, *_base) in fields.items():
        if (table, row_id, name) in pending:
            continue
        if name not in known:
            _keep_extra(store, table, row_id, name, value, stamp)
            continue
        if clock.get(name) != stamp:
            values[name], clock[name] = value, stamp
    if values:
        _write(store, table, row_id, current, values, clock)
    trail.received(store, table, row_id, entry)
    if erasure.marks_erasure(table, values):
        # This laptop's own edits not yet accepted are left to their merge on the server.
        erasure.erase(store, table, row_id, keep_after=int(store.state("pushed_seq", 0)))
    return values


def _ids_by_table(changes):
    wanted = {}
    for change in changes:
        wanted.setdefault(change["table"], set()).add(change["id"])
    return wanted


def held_rows(store, changes):
    """{(table, id): row} of the changes' rows this database has, read a table at a time."""
    return {(table, row["id"]): row for table, ids in _ids_by_table(changes).items()
            for row in store.find(table, id=sorted(ids))}


def absent_rows(store, changes):
    """(table, id) of the changes' rows that this database does not have yet."""
    absent = set()
    for table, ids in _ids_by_table(changes).items():
        present = {r["id"] for r in store.find(table, only=["id"], id=ids)}
        absent.update((table, i) for i in ids if i not in present)
    return absent


def new_rows_only(store, changes, absent):
    """True when every change creates a row this database lacks, once, with known fields."""
    keys = [(c["table"], c["id"]) for c in changes]
    return (len(set(keys)) == len(keys) and all(key in absent for key in keys)
            and all(c["fields"].keys() <= known_fields(store, c["table"]) for c in changes))


def insert_new_rows(store, rows, log=None, entries=()):
    """Write new rows in order, a run of one table's same-shaped rows per statement; False,
    having written nothing, if one breaks the store's rules (the caller then goes one by one).

    rows: (table, id, fields); `log`: log entries (capture.log_entry) to append after them;
    `entries`: the history entries they leave (sync.trail), None where none.
    """
    try:
        with store.attempt():
            _insert_runs(store, rows)
            trail.note(store, entries)
            if log:
                store.append_log(log)
            for table, row_id, fields in rows:
                if erasure.marks_erasure(table, fields):
                    erasure.erase(store, table, row_id)
    except Broken:
        return False
    return True


def _insert_runs(store, rows):
    shape, batch = None, []
    for table, row_id, fields in rows:
        # Same names in the same order: the rows line up in one statement.
        if (table, *fields) != shape:
            if batch:
                store.insert(shape[0], batch, names=("id", *shape[1:], CLOCK_COLUMN))
            shape, batch = (table, *fields), []
        batch.append([row_id, *(t[0] for t in fields.values()),
                      json.dumps({name: t[1] for name, t in fields.items()})])
    if batch:
        store.insert(shape[0], batch, names=("id", *shape[1:], CLOCK_COLUMN))


def each_alone_if_needed(store, items, apply, refuse, before_retry=lambda: None,
                         together=None):
    """Apply the items in one part of the transaction (`together(items)` if given, which may
    write them otherwise); if one breaks the store's rules, undo them and apply them one by
    one, each alone, so that only the broken ones are refused."""
    try:
        with store.attempt():
            if together is not None:
                together(items)
            else:
                for item in items:
                    apply(item)
    except Broken:
        before_retry()
        for item in items:
            try:
                with store.attempt():
                    apply(item)
            except Broken as e:
                refuse(item, e)


def pending_fields(store, after_seq, changes):
    """(table, row, field) of local changes not yet accepted by the central server, among the
    rows of the pulled changes."""
    pending = set()
    for change in changes:
        for fields in store.logged_fields(change["table"], change["id"], after_seq):
            pending.update((change["table"], change["id"], name) for name in json.loads(fields))
    return pending


def extra_fields(store, table, row_id):
    """Unknown fields kept for a row, to send on with it."""
    return {r["field"]: [json.loads(r["value"]), r["hlc"], ""]
            for r in store.find("sync_extra", table_name=table, row_id=row_id)}
