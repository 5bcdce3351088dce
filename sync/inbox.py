"""Received changes a laptop cannot save yet: kept whole, applied as soon as their parent is.

A pulled change can name a parent that has not arrived (a person moved into a household created
after them, whose creation comes later in the central server's log). It waits here, merged with
any later change of the same record, and is tried again after every batch and at every sync.
"""

import json
import sqlite3

from . import capture, merge


def receive(db, changes, pushed_seq):
    """Apply a pulled batch in the caller's transaction; park what cannot be saved yet."""
    parked = {(t, i) for t, i in db.execute("select table_name, row_id from sync_inbox")}
    absent = merge.absent_rows(db, changes)
    # A first pull is mostly new rows: written a run at a time unless one is refused.
    if not parked and merge.new_rows_only(db, changes, absent) and merge.insert_new_rows(
            db, [(c["table"], c["id"], c["fields"]) for c in changes]):
        return
    # Only rows this laptop already has can hold local edits not yet accepted.
    pending = merge.pending_fields(db, pushed_seq, [
        c for c in changes if (c["table"], c["id"]) not in absent])

    def adopt(change):
        key = (change["table"], change["id"])
        if key in parked:
            _park(db, change, None)
            return
        merge.adopt_pulled(db, change["table"], change["id"], change["fields"], pending,
                           None if key in absent else ...)
        absent.discard(key)

    def park(change, error):
        _park(db, change, str(error))
        parked.add((change["table"], change["id"]))

    merge.each_alone_if_needed(
        db, changes, adopt, park,
        before_retry=lambda: absent.update(merge.absent_rows(db, changes)))
    if parked:
        retry(db, pushed_seq)


def _park(db, change, reason):
    """Keep a change, merged field by field (the later stamp winning) with what already waits."""
    found = db.execute("select fields, reason from sync_inbox where table_name = ? and"
                       " row_id = ?", [change["table"], change["id"]]).fetchone()
    if found is None:
        db.execute("insert into sync_inbox (table_name, row_id, fields, reason, received_at,"
                   " position) values (?, ?, ?, ?, ?, (select coalesce(max(position), 0) + 1"
                   " from sync_inbox))",
                   [change["table"], change["id"], json.dumps(change["fields"]), reason or "",
                    capture.now_text()])
        return
    fields = json.loads(found[0])
    for name, triple in change["fields"].items():
        if name not in fields or triple[1] > fields[name][1]:
            fields[name] = triple
    db.execute("update sync_inbox set fields = ?, reason = ? where table_name = ? and"
               " row_id = ?", [json.dumps(fields), reason or found[1], change["table"],
                               change["id"]])


def retry(db, pushed_seq):
    """Apply every waiting change that can be now, in the order they arrived, until a pass
    saves none; return how many still wait."""
    while True:
        waiting = db.execute("select table_name, row_id, fields from sync_inbox"
                             " order by position").fetchall()
        saved = 0
        for table, row_id, fields in waiting:
            fields = json.loads(fields)
            current = merge._row(db, table, row_id)
            clock = capture.row_clock(current)
            # What arrived since may already be newer than what waited.
            newer = {name: t for name, t in fields.items() if t[1] > clock.get(name, "")}
            pending = merge.pending_fields(db, pushed_seq, [{"table": table, "id": row_id}]) \
                if current else set()
            db.execute("savepoint inbox")
            try:
                merge.adopt_pulled(db, table, row_id, newer, pending, current)
            except sqlite3.IntegrityError as e:
                db.execute("rollback to inbox")
                db.execute("update sync_inbox set reason = ? where table_name = ? and"
                           " row_id = ?", [str(e), table, row_id])
            else:
                db.execute("delete from sync_inbox where table_name = ? and row_id = ?",
                           [table, row_id])
                saved += 1
            db.execute("release inbox")
        if not saved or saved == len(waiting):
            return len(waiting) - saved
