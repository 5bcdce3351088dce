"""Received changes a laptop cannot save yet: kept whole, applied as soon as their parent is.

A pulled change can name a parent that has not arrived (a person moved into a household created
after them, whose creation comes later in the central server's log). It waits here, merged with
any later change of the same record, and is tried again after every batch and at every sync.
"""

import json

from . import capture, clock, merge, trail
from .store import Broken


def receive(store, changes, pushed_seq):
    """Apply a pulled batch in the caller's transaction; park what cannot be saved yet."""
    parked = {(r["table_name"], r["row_id"])
              for r in store.find("sync_inbox", only=["table_name", "row_id"])}
    absent = merge.absent_rows(store, changes)
    # A first pull is mostly new rows: written a run at a time unless one is refused.
    if not parked and merge.new_rows_only(store, changes, absent) and merge.insert_new_rows(
            store, [(c["table"], c["id"], c["fields"]) for c in changes],
            entries=[trail.arrived(c) for c in changes]):
        return
    # Only rows this laptop already has can hold local edits not yet accepted.
    pending = merge.pending_fields(store, pushed_seq, [
        c for c in changes if (c["table"], c["id"]) not in absent])

    def adopt(change):
        key = (change["table"], change["id"])
        if key in parked:
            _park(store, change, None)
            trail.received(store, change["table"], change["id"], change.get("trail"))
            return
        merge.adopt_pulled(store, change["table"], change["id"], change["fields"], pending,
                           None if key in absent else ..., change.get("trail"))
        absent.discard(key)

    def park(change, error):
        # Its history is what happened on the central server: recorded now, applied later.
        _park(store, change, str(error))
        trail.received(store, change["table"], change["id"], change.get("trail"))
        parked.add((change["table"], change["id"]))

    merge.each_alone_if_needed(
        store, changes, adopt, park,
        before_retry=lambda: absent.update(merge.absent_rows(store, changes)))
    if parked:
        retry(store, pushed_seq)


def waiting(store):
    """The changes waiting, in the order they arrived."""
    return store.find("sync_inbox", order_by=["position"])


def _park(store, change, reason):
    """Keep a change, merged field by field (the later stamp winning) with what already waits."""
    found = store.find("sync_inbox", table_name=change["table"], row_id=change["id"])
    fields = json.loads(found[0]["fields"]) if found else {}
    for name, triple in change["fields"].items():
        if name not in fields or triple[1] > fields[name][1]:
            fields[name] = triple
    store.park(change["table"], change["id"], json.dumps(fields),
               reason or (found[0]["reason"] if found else ""), clock.stamp())


def retry(store, pushed_seq):
    """Apply every waiting change that can be now, in the order they arrived, until a pass
    saves none; return how many still wait."""
    while True:
        entries = waiting(store)
        saved = 0
        for entry in entries:
            table, row_id, fields = entry["table_name"], entry["row_id"], entry["fields"]
            fields = json.loads(fields)
            current = merge.row(store, table, row_id)
            held = capture.row_clock(current)
            # What arrived since may already be newer than what waited.
            newer = {name: t for name, t in fields.items() if t[1] > held.get(name, "")}
            pending = merge.pending_fields(store, pushed_seq, [{"table": table, "id": row_id}]) \
                if current else set()
            try:
                with store.attempt():
                    merge.adopt_pulled(store, table, row_id, newer, pending, current)
            except Broken as e:
                store.update("sync_inbox", {"reason": str(e)}, table_name=table, row_id=row_id)
            else:
                store.delete("sync_inbox", table_name=table, row_id=row_id)
                saved += 1
        if not saved or saved == len(entries):
            return len(entries) - saved
