"""A commune that changes office changes hands whole, on the laptops of both offices.

The central server's log keeps each change's commune as it was when written, so a laptop of the
office that gains a commune pulls its own log again from the start once it learns of the gain,
and receives every record of the commune; a laptop of the office that loses one drops the
commune's records (their personal numbers, history and log entries with them) as soon as none
of them holds work not yet accepted by the central server. Each event is noted for the Sync
page, in words.
"""

import json

from . import clock
from .store import Broken
from .synced_tables import COMMUNE_PATH, NAMED_PEOPLE

# Children before their parents, so that a record goes after everything that names it.
_DROPPED_TABLES = ("visit_outcomes", "session_attendees", "visits", "people", "households",
                   "group_sessions", "villages")
NOTICES = "notices"
_KEPT_NOTICES = 20


def office_commune_codes(store):
    """The communes of this laptop's office, as it holds them now."""
    office = store.state("enrolled_office")
    return {r["commune_code"] for r in store.find("office_communes", office_id=office,
                                                  deleted_at=None, only=["commune_code"])}


def changed(store, before):
    """Note the communes the office gained and lost since `before`; return those it gained."""
    now = office_commune_codes(store)
    gained, lost = now - before, before - now
    for commune in sorted(gained):
        note(store, "commune_gained", commune=commune)
    if lost:
        leaving = set(json.loads(store.state("communes_leaving", "[]"))) | lost
        store.set_state("communes_leaving", json.dumps(sorted(leaving)))
    return gained


def drop_left(store):
    """Drop the records of communes the office no longer holds, but those with work not yet
    accepted by the central server (they go at a later sync); in the caller's transaction.
    Returns how many records were dropped."""
    leaving = set(json.loads(store.state("communes_leaving", "[]")))
    leaving -= office_commune_codes(store)
    if not leaving:
        store.set_state("communes_leaving", "[]")
        return 0
    pushed = int(store.state("pushed_seq", 0))
    unsent = {(table, row_id) for _seq, table, row_id, _f, _o in store.log_after(pushed, None)}
    unsent |= {(r["table_name"], r["row_id"]) for r in store.find("sync_refused")}
    dropped, kept = {}, set()
    for table in reversed(_DROPPED_TABLES):
        # Parents first here, to learn which are kept because a child is: a record that is
        # kept keeps its parents.
        ids = [r["id"] for r in store.find(table, only=["id"])]
        for row_id, commune in store.communes_of(table, ids).items() if ids else ():
            if commune in leaving:
                dropped.setdefault(commune, {}).setdefault(table, []).append(row_id)
    for commune, tables in dropped.items():
        # Attendees and outcomes naming a person who goes go too, whatever commune they hang
        # from (they cannot stay without their person, nor keep them).
        people = tables.get("people", [])
        for table, column in NAMED_PEOPLE.items():
            naming = [r["id"] for r in store.find(table, only=["id"], **{column: people})] \
                if people else []
            tables[table] = sorted(set(tables.get(table, [])) | set(naming))
        for table in _DROPPED_TABLES:
            for row_id in tables.get(table, []):
                if (table, row_id) in unsent:
                    kept.update(_with_parents(store, table, row_id))
    count, still = 0, set()
    for commune, tables in sorted(dropped.items()):
        gone = 0
        for table in _DROPPED_TABLES:
            ids = [i for i in tables.get(table, []) if (table, i) not in kept]
            forgotten = _forget(store, table, ids, pushed)
            gone += len(forgotten)
            if len(forgotten) < len(tables.get(table, [])):
                still.add(commune)
        if gone:
            note(store, "commune_lost", commune=commune, records=gone)
        count += gone
    store.set_state("communes_leaving", json.dumps(sorted(still)))
    return count


def _with_parents(store, table, row_id):
    """The record and the records it hangs from, up to its village or session."""
    found = [(table, row_id)]
    while COMMUNE_PATH.get(table):
        parent, column = COMMUNE_PATH[table]
        rows = store.find(table, id=row_id, only=[column])
        if not rows or not rows[0][column]:
            break
        table, row_id = parent, rows[0][column]
        found.append((table, row_id))
    return found


def _forget(store, table, ids, pushed):
    """Delete records from this laptop with everything it kept of them; return the ids
    deleted. One still named by a record of a commune the office keeps (an attendee of one of
    its sessions) stays."""
    if not ids:
        return []
    try:
        with store.attempt():
            store.delete(table, id=ids)
        forgotten = ids
    except Broken:
        forgotten = []
        for row_id in ids:
            try:
                with store.attempt():
                    store.delete(table, id=row_id)
                forgotten.append(row_id)
            except Broken:
                pass
    for kept_by in ("history", "sync_extra", "sync_inbox", "sync_conflicts"):
        store.delete(kept_by, table_name=table, row_id=forgotten)
    store.forget_logged(table, forgotten, pushed)
    return forgotten


def note(store, kind, **facts):
    """Keep an event of the sync for the Sync page: its kind and facts, the newest first."""
    notices = json.loads(store.state(NOTICES, "[]"))
    notices.insert(0, {"kind": kind, "at": clock.stamp(), **facts})
    store.set_state(NOTICES, json.dumps(notices[:_KEPT_NOTICES], ensure_ascii=False))


def notices(store):
    return json.loads(store.state(NOTICES, "[]"))
