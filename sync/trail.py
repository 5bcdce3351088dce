"""A merged change leaves the trail the app's own writes leave (fieldapp.store): who, when,
which field from what to what, a removal with its reason. So a record's history reads the same
on the laptop that made the change, on the central server and on every laptop that pulls it."""

import json

from .synced_tables import CLOCK_COLUMN

# Rows whose history nobody reads: conflicts are their own record of what happened.
UNTRACKED = {"sync_conflicts"}
# Who and when are the entry's own columns; a removal and its reason are its action.
_NOT_CHANGES = {"created_at", "created_by", "updated_at", "updated_by", "deleted_at",
                "removed_reason", CLOCK_COLUMN}
# Shown as changed, never as values (fieldapp.store keeps the same out).
_HIDDEN = {"password_hash"}
# json.dumps(…, ensure_ascii=False) as fieldapp.store writes it, its encoder made once.
_as_text = json.JSONEncoder(ensure_ascii=False).encode


def entry(table, row_id, current, values):
    """The history row for `values` written over `current` (None: a new row), or None when
    nothing a person would read changed."""
    if table in UNTRACKED:
        return None
    removal = values.get("deleted_at")
    if current is None:
        # A record's first values are the record itself: the entry says only that it was made.
        action, changes = "insert", {}
    elif removal and not current.get("deleted_at"):
        action = "delete"
        changes = {"reason": values["removed_reason"]} if values.get("removed_reason") else {}
    else:
        action = "update"
        changes = {k: [current.get(k), v] for k, v in values.items()
                   if k not in _NOT_CHANGES and current.get(k) != v}
        if "deleted_at" in values and current.get("deleted_at") and not removal:
            changes["deleted_at"] = [current["deleted_at"], None]  # brought back
        if not changes:
            return None
    shown = {k: ("…" if k in _HIDDEN else v) for k, v in changes.items()}
    # A field sent back alone (the central server's value that won) names nobody.
    return {"table_name": table, "row_id": row_id,
            "at": values.get("updated_at") or (current or {}).get("updated_at") or "",
            "user_id": values.get("updated_by") if "updated_by" in values else None,
            "action": action, "changes": _as_text(shown)}


def note(store, entries):
    """Append the entries that are not None to the history, in order."""
    rows = [e for e in entries if e is not None]
    if rows:
        store.insert("history", rows)


def arrived(change):
    """The history entry a pulled change for a new row brought, as the history holds it."""
    entry = change.get("trail")
    if not isinstance(entry, dict) or entry.get("action") not in ("insert", "update", "delete"):
        return None
    return {"table_name": change["table"], "row_id": change["id"],
            "at": str(entry.get("at") or ""), "user_id": entry.get("user_id"),
            "action": entry["action"], "changes": str(entry.get("changes") or "{}")}


def received(store, table, row_id, entry):
    """Record the entry a pulled change brought (the central server's record of it), once:
    a change pulled again (a laptop re-pulling its office) is not recorded twice."""
    entry = arrived({"table": table, "id": row_id, "trail": entry})
    if entry is None:
        return
    same = {"action": "insert"} if entry["action"] == "insert" else {
        "at": entry["at"], "action": entry["action"], "changes": entry["changes"]}
    if not store.find("history", table_name=table, row_id=row_id, limit=1, **same):
        store.insert("history", [entry])
