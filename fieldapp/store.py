"""The one writer of synced tables, so that change capture can live in one place.

Of three stores, this is the app's: its functions check, stamp, log and record each write a user
makes, and make it through `db.sync`, the sync engine's store (`sync/store.py`'s interface) over
the app's database.
"""

import json
import uuid

from sync import capture, clock as engine_clock, erasure, trail
from sync.synced_tables import CLOCK_COLUMN, SYNC_COLUMNS, SYNCED_TABLES

from . import rules


# Kept out of the history: a changed password shows as changed, never its hash.
_REDACTED = {"password_hash"}


class NotFound(LookupError):
    """No live row with that id."""


class Invalid(ValueError):
    """Values the forms would refuse (fieldapp.rules): nothing is written."""


def new_id():
    return str(uuid.uuid4())


def now():
    """UTC time as ISO 8601 text with milliseconds; sortable as text."""
    return engine_clock.stamp()


def _check(table, values=()):
    if table not in SYNCED_TABLES:
        raise ValueError(f"{table} is not a synced table")
    reserved = set(values) & ((set(SYNC_COLUMNS) | {CLOCK_COLUMN}) - {"id"})
    if reserved:
        raise ValueError(f"{sorted(reserved)} are managed by the store")
    # The same checks the central server applies to what laptops push: a bug in a form cannot
    # write what a sync would refuse.
    problems = rules.problems(table, values) if values else []
    if problems:
        raise Invalid(f"{table}: " + "; ".join(f"{name} {why}" for name, why in problems))


def _entry(table, row_id, at, user_id, action, changes):
    """The history entry of a write: recorded here, and handed on with its change (sync.trail)
    so that every device records the same."""
    shown = {k: ("…" if k in _REDACTED else v) for k, v in changes.items()}
    return {"table_name": table, "row_id": row_id, "at": at, "user_id": user_id,
            "action": action, "changes": json.dumps(shown, ensure_ascii=False)}


def get(db, table, id, include_deleted=False):
    """One row as a dict; NotFound if missing (or deleted, unless asked for)."""
    _check(table)
    rows = db.sync.find(table, id=id)
    if not rows or (rows[0]["deleted_at"] and not include_deleted):
        raise NotFound(f"{table} {id}")
    return rows[0]


def insert(db, table, values, *, user_id):
    """Insert a new row; the id is generated here unless the caller brings one."""
    _check(table, values)
    stamp = now()
    row = {"id": new_id(), **values}
    row.update(created_at=stamp, updated_at=stamp, created_by=user_id,
               updated_by=user_id, deleted_at=None)
    entry = _entry(table, row["id"], stamp, user_id, "insert",
                   {k: v for k, v in values.items() if v not in (None, "")})
    engine = db.sync
    with engine.atomic():
        clock = capture.stamp(engine)
        fields = {k: v for k, v in row.items() if k != "id"}
        row[CLOCK_COLUMN] = json.dumps({k: clock for k in fields})
        engine.insert(table, [row])
        capture.log(engine, table, row["id"], {k: [v, clock, ""] for k, v in fields.items()},
                    capture.device_id(engine), row, trail=entry)
        trail.note(engine, [entry])
    return row


def update(db, table, id, changes, *, user_id):
    """Write only the fields that differ; return them (empty when nothing changed).

    Fields judged together (rules.TOGETHER: a translation review's text and its msgid) travel
    together: a change of one is checked, and logged for sync, with the others as they stand,
    so that the central server can judge the pushed change as the store did."""
    together = rules.TOGETHER.get(table, ((), None))[0]
    joined = bool(set(together) & changes.keys())
    if not joined:
        _check(table, changes)
    if "id" in changes:
        raise ValueError("id cannot change")
    current = get(db, table, id)
    if joined:
        _check(table, {**{k: current[k] for k in together}, **changes})
    changed = {k: v for k, v in changes.items() if current.get(k) != v}
    along = {k: current[k] for k in together if k not in changed} \
        if set(together) & changed.keys() else {}
    if changed:
        stamp = now()
        _write(db, table, current, {**along, **changed, "updated_at": stamp,
                                    "updated_by": user_id},
               _entry(table, id, stamp, user_id, "update",
                      {k: [current.get(k), v] for k, v in changed.items()}))
    return changed


def _write(db, table, current, fields, entry):
    """Update fields of a row, stamping each, logging the change for sync and recording its
    history entry, in one transaction."""
    engine = db.sync
    with engine.atomic():
        clock = capture.stamp(engine)
        before = capture.row_clock(current)
        engine.update(table, {
            **fields, CLOCK_COLUMN: json.dumps({**before, **{k: clock for k in fields}})},
            id=current["id"])
        capture.log(engine, table, current["id"],
                    {k: [v, clock, before.get(k, "")] for k, v in fields.items()},
                    capture.device_id(engine), {**current, **fields}, trail=entry)
        trail.note(engine, [entry])


def soft_delete(db, table, id, *, user_id, reason=None, at=None):
    """Mark a row deleted (with why, where the table keeps it); it stays in the table so the
    deletion can sync. `at`: the removal's time, shared by the rows removed with it."""
    _check(table, {"removed_reason": reason} if reason else {})
    current = get(db, table, id)
    stamp = at or now()
    fields = {"deleted_at": stamp, "updated_at": stamp, "updated_by": user_id}
    if reason is not None and "removed_reason" in current:
        fields["removed_reason"] = reason
    _write(db, table, current, fields,
           _entry(table, id, stamp, user_id, "delete", {"reason": reason} if reason else {}))


def restore(db, table, id, *, user_id):
    """Make a removed row live again, as it was: a removal undone."""
    _check(table)
    current = get(db, table, id, include_deleted=True)
    if not current["deleted_at"]:
        return {}
    stamp = now()
    fields = {"deleted_at": None, "updated_at": stamp, "updated_by": user_id}
    if current.get("removed_reason") is not None:
        fields["removed_reason"] = None
    _write(db, table, current, fields, _entry(table, id, stamp, user_id, "update",
                                              {"deleted_at": [current["deleted_at"], None]}))
    return fields


# What goes with a removed record, and comes back with it: its rows below, by the column that
# names it.
REMOVED_WITH = {"households": (("visits", "household_id"), ("people", "household_id")),
                "visits": (("visit_outcomes", "visit_id"),),
                "group_sessions": (("session_attendees", "session_id"),)}


def remove_with(db, table, id, *, user_id, reason=None):
    """Remove a row and the live rows below it (REMOVED_WITH) at one time, so that
    restore_with brings back exactly those."""
    with db.sync.atomic():
        at = now()
        _below(db, table, id, None,
               lambda child, row_id: soft_delete(db, child, row_id, user_id=user_id, at=at))
        soft_delete(db, table, id, user_id=user_id, reason=reason, at=at)


def restore_with(db, table, id, *, user_id):
    """Bring back a removed row and the rows removed with it; the row as it was removed, or
    None when it is live."""
    with db.sync.atomic():
        row = get(db, table, id, include_deleted=True)
        if not row["deleted_at"]:
            return None
        restore(db, table, id, user_id=user_id)
        _below(db, table, id, row["deleted_at"],
               lambda child, row_id: restore(db, child, row_id, user_id=user_id))
        return row


def _below(db, table, id, deleted_at, act):
    """`act(table, id)` on each row below removed at `deleted_at` (None: live), deepest first."""
    for child, column in REMOVED_WITH.get(table, ()):
        for found in db.sync.find(child, only=["id"], deleted_at=deleted_at, **{column: id}):
            _below(db, child, found["id"], deleted_at, act)
            act(child, found["id"])


def erase_numbers(db, table, id, *, user_id, at=None):
    """Empty a record's personal numbers (a person's CCCD and mã số BHXH, a household's phone),
    removed or not, and scrub every earlier value of them this device kept: the erasure syncs
    as a change, and every device that takes it scrubs its own (sync.erasure). Cannot be undone."""
    current = get(db, table, id, include_deleted=True)
    stamp = at or now()
    emptied = erasure.erasing_fields(table)
    # The entry names what was emptied, never from what: the same words the central server's
    # trail of this change reads once scrubbed (sync.trail, sync.erasure).
    entry = _entry(table, id, stamp, user_id, "update", {
        **{k: [None, v] for k, v in emptied.items() if current.get(k) != v},
        erasure.MARKER: [current.get(erasure.MARKER), stamp]})
    with db.sync.atomic():
        erasure.erase(db.sync, table, id)
        _write(db, table, current, {**emptied, erasure.MARKER: stamp, "updated_at": stamp,
                                    "updated_by": user_id}, entry)


def erase_numbers_with(db, table, id, *, user_id):
    """Erase the numbers of a record and, for a household, of every member it ever had; one
    transaction, one time. Call sync.erasure.settle(db.sync) once it has committed."""
    with db.sync.atomic():
        at = now()
        erase_numbers(db, table, id, user_id=user_id, at=at)
        if table == "households":
            for person in db.sync.find("people", only=["id"], household_id=id):
                erase_numbers(db, "people", person["id"], user_id=user_id, at=at)


def _scrub_audit(store, table, row_id, fields):
    """The central audit trail's entries of the record (merged changes, their values masked
    or, for a phone, not) keep no erased value either."""
    for row in store.find("audit_log", table_name=table, row_id=row_id, only=["id", "detail"]):
        try:
            detail = json.loads(row["detail"] or "null")
        except ValueError:
            continue
        changes = detail.get("changes") if isinstance(detail, dict) else None
        if not isinstance(changes, dict) or not fields.keys() & changes.keys():
            continue
        for name in fields.keys() & changes.keys():
            value = changes[name]
            changes[name] = [None] * len(value) if isinstance(value, list) else None
        store.update("audit_log", {"detail": json.dumps(detail, ensure_ascii=False)},
                     id=row["id"])


erasure.ALSO.append(_scrub_audit)


def history(db, table, row_id):
    """Every recorded change to one row, oldest first, with the user's name."""
    rows = db.query("""
        select h.at, h.action, h.changes, h.user_id, u.full_name as user_name
          from history h left join users u on u.id = h.user_id
         where h.table_name = ? and h.row_id = ? order by h.id""", [table, row_id])
    return [{**r, "changes": json.loads(r["changes"])} for r in rows]
