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
import sqlite3
import uuid

from . import capture
from .synced_tables import CLOCK_COLUMN

_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
# Who touched a row last, and when: merged by the later stamp, never a conflict to review.
BOOKKEEPING = {"created_at", "created_by", "updated_at", "updated_by"}


def columns(db, table):
    """The table's columns, looked up once per connection."""
    cache = getattr(db, "_fieldapp_columns", None)
    if cache is None:
        cache = db._fieldapp_columns = {}
    if table not in cache:
        cache[table] = {row[1] for row in db.execute(f"pragma table_info([{table}])")}
    return cache[table]


def _row(db, table, row_id):
    cursor = db.conn.execute(f"select * from [{table}] where id = ?", [row_id])
    names = [d[0] for d in cursor.description]
    found = cursor.fetchone()
    return dict(zip(names, found)) if found else None


def _write(db, table, row_id, current, values, clock):
    """Insert or update the row with these values and its new field clock."""
    values = {**values, CLOCK_COLUMN: json.dumps(clock)}
    if current is None:
        names = ["id", *values]
        db.conn.execute(f"insert into [{table}] ({', '.join(f'[{n}]' for n in names)})"
                   f" values ({', '.join('?' * len(names))})", [row_id, *values.values()])
    elif values:
        db.conn.execute(f"update [{table}] set {', '.join(f'[{n}] = ?' for n in values)}"
                   " where id = ?", [*values.values(), row_id])


def set_clock(db, table, row_id, clock):
    """Replace a row's field stamps (a laptop correcting its own at enrolment)."""
    db.conn.execute(f"update [{table}] set [{CLOCK_COLUMN}] = ? where id = ?",
                    [json.dumps(clock), row_id])


def _keep_extra(db, table, row_id, name, value, stamp):
    """A field this version has no column for: kept as sent, the later stamp winning."""
    db.execute("""
        insert into sync_extra (table_name, row_id, field, value, hlc) values (?, ?, ?, ?, ?)
        on conflict(table_name, row_id, field) do update
           set value = excluded.value, hlc = excluded.hlc where excluded.hlc > sync_extra.hlc""",
               [table, row_id, name, json.dumps(value), stamp])


def merge_pushed(db, table, row_id, fields, origin, exact=True, scope=None, current=...,
                 again=False):
    """Merge one pushed change on the central server; return the fields that took effect.

    `exact` says the stamps are the device's own (not corrected for a wrong clock), so the
    device need not be sent the change back. `again` marks a record the device sends again as
    it holds it (a refused one, or its work from before enrolment): not an edit made against
    anything, so never a conflict.
    """
    known = columns(db, table) - {"id", CLOCK_COLUMN}
    if current is ...:
        current = _row(db, table, row_id)
    if current is None and fields.keys() <= known:
        # A new row: every field takes effect, nothing to compare (most of a first push).
        _write(db, table, row_id, None, {name: t[0] for name, t in fields.items()},
               {name: t[1] for name, t in fields.items()})
        capture.log(db, table, row_id, fields, origin,
                    {name: t[0] for name, t in fields.items()}, origin_has_it=exact,
                    known_scope=scope)
        return fields
    clock = capture.row_clock(current)
    applied, values, kept = {}, {}, {}
    for name, (value, stamp, base) in fields.items():
        if name not in known:
            _keep_extra(db, table, row_id, name, value, stamp)
            applied[name] = [value, stamp, base]
            continue
        stored = clock.get(name, "")
        if stamp == stored:
            continue
        concurrent = (not again and current is not None and base < stored
                      and current.get(name) != value
                      and _device(stored) != _device(stamp) and name not in BOOKKEEPING)
        if stamp > stored:
            if concurrent:
                _conflict(db, table, row_id, current, name, kept=(value, stamp),
                          lost=(current.get(name), stored))
            values[name], clock[name] = value, stamp
            applied[name] = [value, stamp, base]
        else:
            if concurrent:
                _conflict(db, table, row_id, current, name, kept=(current.get(name), stored),
                          lost=(value, stamp))
            kept[name] = [current.get(name), stored, ""]
    if values:
        _write(db, table, row_id, current, values, clock)
    row = {**(current or {}), **values}
    if applied:
        capture.log(db, table, row_id, applied, origin, row, origin_has_it=exact,
                    known_scope=scope)
    if kept:
        # The device still shows its own, older value: send it the one that won.
        capture.log(db, table, row_id, kept, capture.device_id(db), row, known_scope=scope)
    return applied


def _device(stamp):
    return stamp.rsplit(".", 1)[-1] if stamp else ""


def _conflict(db, table, row_id, row, field, kept, lost):
    """Record the losing value of a concurrent edit; the resolution syncs like any edit."""
    stamp = capture.stamp(db)
    commune, office = capture.scope(db, table, row)
    values = {
        "id": str(uuid.uuid4()), "table_name": table, "row_id": row_id, "field": field,
        "kept_value": json.dumps(kept[0], ensure_ascii=False), "kept_hlc": kept[1],
        "lost_value": json.dumps(lost[0], ensure_ascii=False), "lost_hlc": lost[1],
        "scope_commune": commune, "scope_office": office,
    }
    now = db.execute(f"select {_NOW}").fetchone()[0]
    values.update(created_at=now, updated_at=now)
    fields = {k: [v, stamp, ""] for k, v in values.items() if k != "id"}
    _write(db, "sync_conflicts", values["id"], None,
           {k: v for k, v in values.items() if k != "id"},
           {k: stamp for k in fields})
    capture.log(db, "sync_conflicts", values["id"], fields, capture.device_id(db), values)


def adopt_pulled(db, table, row_id, fields, pending, current=...):
    """Take the central server's values on a laptop, except fields with unpushed local edits."""
    known = columns(db, table) - {"id", CLOCK_COLUMN}
    if current is ...:
        current = _row(db, table, row_id)
    clock = capture.row_clock(current)
    values = {}
    for name, (value, stamp, *_base) in fields.items():
        if (table, row_id, name) in pending:
            continue
        if name not in known:
            _keep_extra(db, table, row_id, name, value, stamp)
            continue
        if clock.get(name) != stamp:
            values[name], clock[name] = value, stamp
    if values:
        _write(db, table, row_id, current, values, clock)
    return values


def absent_rows(db, changes):
    """(table, id) of the changes' rows that this database does not have yet."""
    wanted = {}
    for change in changes:
        wanted.setdefault(change["table"], set()).add(change["id"])
    absent = set()
    for table, ids in wanted.items():
        ids = sorted(ids)
        for start in range(0, len(ids), 500):
            part = ids[start:start + 500]
            present = {r[0] for r in db.conn.execute(
                f"select id from [{table}] where id in ({','.join('?' * len(part))})", part)}
            absent.update((table, i) for i in part if i not in present)
    return absent


def new_rows_only(db, changes, absent):
    """True when every change creates a row this database lacks, once, with known fields."""
    keys = [(c["table"], c["id"]) for c in changes]
    return (len(set(keys)) == len(keys) and all(key in absent for key in keys)
            and all(c["fields"].keys() <= columns(db, c["table"]) - {"id", CLOCK_COLUMN}
                    for c in changes))


def insert_new_rows(db, rows, log=None):
    """Write new rows in order, a run of one table's same-shaped rows per statement; False,
    having written nothing, if one breaks a constraint (the caller then goes one by one).

    rows: (table, id, fields); `log`: LOG_INSERT parameters to append after them, if any.
    """
    db.conn.execute("savepoint new_rows")
    try:
        _insert_runs(db, rows, log)
    except sqlite3.IntegrityError:
        db.conn.execute("rollback to new_rows")
        db.conn.execute("release new_rows")
        return False
    db.conn.execute("release new_rows")
    return True


def _insert_runs(db, rows, log):
    shape, sql, batch = None, None, []
    for table, row_id, fields in rows:
        # Same names in the same order: the values line up with the statement's columns.
        if (table, *fields) != shape:
            if batch:
                db.conn.executemany(sql, batch)
            shape, batch = (table, *fields), []
            names = ["id", *fields, CLOCK_COLUMN]
            sql = (f"insert into [{table}] ({', '.join(f'[{n}]' for n in names)})"
                   f" values ({', '.join('?' * len(names))})")
        batch.append([row_id, *(t[0] for t in fields.values()),
                      json.dumps({name: t[1] for name, t in fields.items()})])
    if batch:
        db.conn.executemany(sql, batch)
    if log:
        db.conn.executemany(capture.LOG_INSERT, log)


def each_alone_if_needed(db, items, apply, refuse, before_retry=lambda: None):
    """Apply the items in one savepoint; if one breaks a constraint, roll back and apply them
    one by one, each in its own savepoint, so that only the broken ones are refused."""
    db.conn.execute("savepoint batch")
    try:
        for item in items:
            apply(item)
    except sqlite3.IntegrityError:
        db.conn.execute("rollback to batch")
        before_retry()
        for item in items:
            db.conn.execute("savepoint one")
            try:
                apply(item)
            except sqlite3.IntegrityError as e:
                db.conn.execute("rollback to one")
                refuse(item, e)
            db.conn.execute("release one")
    db.conn.execute("release batch")


def pending_fields(db, after_seq, changes):
    """(table, row, field) of local changes not yet accepted by the central server, among the
    rows of the pulled changes."""
    pending = set()
    for change in changes:
        for (fields,) in db.conn.execute(
                "select fields from sync_log where table_name = ? and row_id = ? and seq > ?",
                [change["table"], change["id"], after_seq]):
            pending.update((change["table"], change["id"], name) for name in json.loads(fields))
    return pending


def extra_fields(db, table, row_id):
    """Unknown fields kept for a row, to send on with it."""
    return {name: [json.loads(value), stamp, ""] for name, value, stamp in db.conn.execute(
        "select field, value, hlc from sync_extra where table_name = ? and row_id = ?",
        [table, row_id])}
