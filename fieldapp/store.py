"""The one writer of synced tables, so that change capture can live in one place."""

import uuid
from datetime import datetime, timezone

from sync.tables import SYNC_COLUMNS, SYNCED_TABLES


class NotFound(LookupError):
    """No live row with that id."""


def new_id():
    return str(uuid.uuid4())


def now():
    """UTC time as ISO 8601 text with milliseconds; sortable as text."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def _check(table, values=()):
    if table not in SYNCED_TABLES:
        raise ValueError(f"{table} is not a synced table")
    reserved = set(values) & (set(SYNC_COLUMNS) - {"id"})
    if reserved:
        raise ValueError(f"{sorted(reserved)} are managed by the store")


def get(db, table, id, include_deleted=False):
    """One row as a dict; NotFound if missing (or deleted, unless asked for)."""
    _check(table)
    rows = list(db.query(f"select * from [{table}] where id = ?", [id]))
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
    db[table].insert(row)
    return row


def update(db, table, id, changes, *, user_id):
    """Write only the fields that differ; return them (empty when nothing changed)."""
    _check(table, changes)
    if "id" in changes:
        raise ValueError("id cannot change")
    current = get(db, table, id)
    changed = {k: v for k, v in changes.items() if current.get(k) != v}
    if changed:
        db[table].update(id, {**changed, "updated_at": now(), "updated_by": user_id})
    return changed


def soft_delete(db, table, id, *, user_id):
    """Mark a row deleted; it stays in the table so the deletion can sync."""
    _check(table)
    get(db, table, id)
    stamp = now()
    db[table].update(id, {"deleted_at": stamp, "updated_at": stamp, "updated_by": user_id})
