"""The central server's answer to a pull: the changes a device may see after its cursor."""

import json

from . import capture, merge, pages, policy
from .protocol import BATCH, PROTOCOL
from .synced_tables import NAMED_PEOPLE


def as_held(table, row, names=None, office=None):
    """A row's fields as the server holds them, {name: [value, stamp, ""]}, for a laptop of
    `office`: an account's password hash only if it logs in there (policy.logs_in_offline)."""
    clock = capture.row_clock(row)
    if table == "users" and names is not None and policy.OFFLINE_LOGIN_FIELDS & set(names):
        # Whatever decides the hash sends it again: a disabled account's hash is withdrawn.
        names = {*names, "password_hash"}
    held = {name: [row.get(name), stamp, ""] for name, stamp in clock.items()
            if (names is None or name in names) and name in row}
    if table == "users" and "password_hash" in held:
        held["password_hash"] = _hash_for_laptop(row, clock, office)
    return held


def _hash_for_laptop(row, clock, office):
    """[hash, stamp, ""] of an account for a laptop of the office: its own hash, or
    WITHHELD_HASH. Stamped with the latest of the fields that decide it, so that the laptop,
    which takes a field only under a stamp it has not seen, takes every switch between the two."""
    stamp = max((clock.get(name) or "" for name in policy.OFFLINE_LOGIN_FIELDS), default="")
    value = row["password_hash"] if policy.logs_in_offline(row, office) else policy.WITHHELD_HASH
    return [value, stamp, ""]


def pull(store, device, communes, cursor, upto, mine=False, version=PROTOCOL):
    """The next batch of changes the device may see, after its cursor and up to `upto`, read
    from one snapshot: the new cursor never passes a change the batch did not consider. Its
    own changes it holds already are left out, unless it asks for them (`mine`). Protocol 4
    answers with pages (sync.pages), which leave that to the laptop."""
    if version >= 4:
        return pages.pull(store, device, communes, cursor, upto, mine)
    with store.snapshot():
        rows = store.log_visible(cursor, upto, communes, device["office_id"],
                                 "" if mine else device["id"], BATCH + 1)
        more = len(rows) > BATCH
        rows = rows[:BATCH]
        new_cursor = rows[-1][0] if more else max(cursor, upto)
        changes = [{"seq": seq, **change} for (change, _), seq in
                   changes_of(store, rows, communes, device["office_id"], with_seq=True)]
    return {"cursor": new_cursor, "more": more, "changes": changes}


def changes_of(store, rows, communes, office_id, with_seq=False):
    """[(change, holder)] of log entries (seq, table, id, fields, trail[, holder]) as the
    office's laptops take them, in the caller's snapshot (with_seq: [((change, holder), seq)])."""
    current = _current_rows(store, rows)
    elsewhere = _naming_elsewhere(store, current, communes)
    officers = _officers_of_other_offices(store, current, office_id)
    has_extra = bool(store.find("sync_extra", limit=1))
    changes = []
    for seq, table, row_id, fields, entry, *holder in rows:
        if (table, row_id) in elsewhere:
            continue
        row = current.get((table, row_id), {})
        if table == "visits" and row.get("officer_id") in officers:
            # Who made a visit of a commune another office handed over: their name, so
            # that the laptop can hold the visit, never a password.
            named = as_held("users", officers.pop(row["officer_id"]), _NAMED_OFFICER, office_id)
            changes.append(((({"table": "users", "id": row["officer_id"], "fields": named}),
                             None), seq))
        extra = merge.extra_fields(store, table, row_id) if has_extra else {}
        # The fields as the server holds them now: a laptop can take them as they are,
        # since a later change can only have moved them forward.
        names = json.loads(fields)
        now = as_held(table, row, names, office_id)
        now.update({name: extra[name] for name in names if name in extra})
        change = {"table": table, "id": row_id, "fields": now}
        if entry:
            # What happened, as it was recorded here: the laptop's history reads the same.
            change["trail"] = json.loads(entry)
        changes.append(((change, holder[0] if holder else None), seq))
    return changes if with_seq else [pair for pair, _ in changes]


def _naming_elsewhere(store, current, communes):
    """(table, id) of rows that name a person of another office (an attendee or an outcome
    whose person moved away): a laptop holds such a row only with its person, which it may not
    have, so it is not sent."""
    named = {}
    for (table, row_id), row in current.items():
        if table in NAMED_PEOPLE and row.get(NAMED_PEOPLE[table]):
            named.setdefault(row[NAMED_PEOPLE[table]], []).append((table, row_id))
    if not named:
        return set()
    where = store.communes_of("people", list(named))
    return {key for person, keys in named.items()
            if person in where and where[person] not in communes for key in keys}


# What a laptop holds of an officer of another office named by a visit it holds.
_NAMED_OFFICER = ("username", "full_name", "role", "office_id", "active", "created_at",
                  "updated_at", "password_hash")


def _officers_of_other_offices(store, current, office_id):
    """{user id: row} of the officers of other offices the batch's visits name."""
    named = {row["officer_id"] for (table, _), row in current.items()
             if table == "visits" and row.get("officer_id")}
    if not named:
        return {}
    return {u["id"]: u for u in store.find("users", id=sorted(named))
            if u["office_id"] != office_id}


def _current_rows(store, entries):
    """The rows a batch of log entries names, fetched table by table."""
    wanted = {}
    for _seq, table, row_id, *_rest in entries:
        wanted.setdefault(table, set()).add(row_id)
    return {(table, row["id"]): row for table, ids in wanted.items()
            for row in store.find(table, id=ids)}
