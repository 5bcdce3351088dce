"""Enrolment on a laptop: take the office from the central server and re-home local work.

Offices, their communes and users are the central server's. A laptop may hold its own before
it is enrolled (the README's install, a demo): at enrolment its office is merged into the
central server's office and each of its users into the central user of the same username.
Accounts are made on the central server only: the enrolment request names the laptop's
accounts that made records (accounts_in_use), and the central server refuses it, the code kept
unused, until each has an account in the office. The laptop's other accounts end at
enrolment. Villages, households, people, visits and sessions keep their ids, now stamped by
the enrolled device, and are sent whole at the first sync.
"""

import json

from . import capture, clock, hlc, lineage, merge, refused
from .policy import DEVICE_TABLES
from .protocol import CLOCK_TOLERANCE_MS
from .synced_tables import (CENTRAL_ONLY, OFFICE_SCOPED, SYNCED_TABLES, USER_COLUMNS,
                            USER_LISTS, target_id)


def take_office(store, device_id, office_id, directory, offset_ms):
    """Re-home this laptop's records into the central office, in the caller's transaction.

    `directory`: the office, its communes and users as the central server holds them (pulled
    changes); `offset_ms`: the central clock minus this laptop's. Returns {"merged": {local
    user id: central user id}, "taken": [usernames of local users merged into central ones],
    "ended": [usernames of local accounts that made no record, gone], "local": [usernames of
    accounts that made records but the central server lacks (an older central server): kept
    here, never sent, their records refused until the account exists centrally]}.
    """
    central = {(c["table"], c["id"]) for c in directory}
    central_users = {c["fields"]["username"][0]: c["id"] for c in directory
                     if c["table"] == "users"}
    old_device = capture.device_id(store)
    # Rows change id or parent here in any order; their references hold again at commit.
    store.defer_references()
    local_offices = [r["id"] for r in store.find("offices")
                     if ("offices", r["id"]) not in central]
    in_use = _users_in_use(store)
    merged, taken, ended, local = {}, [], [], []
    for user_id, username in ((r["id"], r["username"]) for r in store.find("users")):
        if ("users", user_id) in central:
            taken.append(username)
        elif username in central_users:
            merged[user_id] = central_users[username]
            taken.append(username)
        elif user_id in in_use:
            local.append((user_id, username))
        else:
            ended.append((user_id, username))
    _replace_users(store, merged)
    for table, column in OFFICE_SCOPED.items():
        if local_offices:
            store.update(table, {column: office_id}, **{column: local_offices})
    if local:
        store.update("users", {"office_id": office_id}, id=[u for u, _ in local])
    renamed = _rename_targets(store)
    # The laptop's own communes go (first marked deleted, so the report counts follow).
    own_links = [r["id"] for r in store.find("office_communes")
                 if ("office_communes", r["id"]) not in central]
    if own_links:
        store.update("office_communes", {"deleted_at": clock.stamp()}, id=own_links,
                     deleted_at=None)
    for table, ids in (("office_communes", own_links), ("offices", local_offices),
                       ("users", list(merged) + [u for u, _ in ended])):
        if ids:
            store.delete(table, id=ids)
    for change in directory:
        merge.adopt_pulled(store, change["table"], change["id"], change["fields"], set())
    _log_again(store, central | {("users", u) for u in merged.values()}, renamed,
               {old_device, "migrated"}, offset_ms)
    if capture.enrolled(store):
        # Enrolled again (the central server restored from before this laptop was known):
        # everything it holds goes, not only what it wrote, since the server may lack it all.
        lineage.log_everything(store, office_id)
    capture.observe(store, [max((t[1] for c in directory for t in c["fields"].values()),
                                default="")])
    store.delete("sync_refused")
    store.delete("sync_inbox")
    for key, value in (("device_id", device_id), ("enrolled_office", office_id),
                       ("pushed_seq", 0), ("pull_cursor", 0),
                       ("clock_offset_ms", offset_ms if abs(offset_ms) > CLOCK_TOLERANCE_MS
                        else 0)):
        store.set_state(key, value)
    store.clock = None
    return {"merged": merged, "taken": sorted(taken),
            "ended": sorted(name for _, name in ended),
            "local": sorted(name for _, name in local)}


def accounts_in_use(store):
    """The usernames of this laptop's accounts that made or changed a record: those the
    central server must hold before it enrols the laptop."""
    in_use = _users_in_use(store)
    return sorted(r["username"] for r in store.find("users", only=["id", "username"])
                  if r["id"] in in_use)


def _users_in_use(store):
    """The ids of users a synced record, or the history of one, names: offices and accounts
    made here are no field work."""
    named = set()
    for table, columns in USER_COLUMNS.items():
        if table == "users" or table not in DEVICE_TABLES:
            continue  # making accounts, offices and lists here is no field work
        for row in store.find(table, only=list(columns)):
            named.update(v for v in row.values() if v)
    for table, column in USER_LISTS.items():
        for row in store.find(table, only=[column]):
            named.update(json.loads(row[column] or "[]"))
    named.update(r["user_id"] for r in store.find("history", only=["user_id", "table_name"])
                 if r["user_id"] and r["table_name"] in DEVICE_TABLES
                 and r["table_name"] != "users")
    return named


def _replace_users(store, merged):
    """Point every reference to a merged local user at the central user."""
    for old, new in merged.items():
        for table, columns in USER_COLUMNS.items():
            for column in columns:
                store.update(table, {column: new}, **{column: old})
        store.update("history", {"user_id": new}, user_id=old)
    for table, column in USER_LISTS.items():
        for row in store.find(table):
            listed = json.loads(row[column] or "[]")
            if any(i in merged for i in listed):
                store.update(table, {column: json.dumps([merged.get(i, i) for i in listed])},
                             id=row["id"])


def _rename_targets(store):
    """Targets are named by office: those of a merged office take the central office's ids."""
    renamed = {}
    for target in store.find("targets"):
        new = target_id(target["office_id"], target["commune_code"], target["year"],
                        target["month"])
        if new != target["id"]:
            store.update("targets", {"id": new}, id=target["id"])
            store.update("history", {"row_id": new}, table_name="targets", row_id=target["id"])
            renamed[target["id"]] = new
    return renamed


def _log_again(store, central, renamed, own_devices, offset_ms):
    """Replace the log with one whole entry per record made here, stamps made by this laptop's
    wrong clock corrected, in the order the records were first written."""
    logged = store.logged_rows()
    store.delete("sync_log")
    shift = offset_ms if abs(offset_ms) > CLOCK_TOLERANCE_MS else 0
    ceiling = hlc.now_ms() + offset_ms
    for table, row_id in logged:
        row_id = renamed.get(row_id, row_id) if table == "targets" else row_id
        if table in CENTRAL_ONLY or table == "users" or (table, row_id) in central or \
                table not in SYNCED_TABLES:
            continue  # accounts are the central server's: none is sent from here
        if shift:
            _correct_clock(store, table, row_id, own_devices, shift, ceiling)
        refused.log_whole(store, table, row_id)
    if shift:
        last = store.state("hlc_last")
        if last:
            store.set_state("hlc_last", hlc.shifted(last, shift, ceiling))


def _correct_clock(store, table, row_id, own_devices, shift, ceiling):
    """Move the row's stamps made by this laptop's own clock by its measured error."""
    row = merge.row(store, table, row_id)
    if row is None:
        return
    clock = capture.row_clock(row)
    corrected = {name: hlc.shifted(stamp, shift, ceiling)
                 if hlc.valid(stamp) and hlc.device(stamp) in own_devices else stamp
                 for name, stamp in clock.items()}
    if corrected != clock:
        merge.set_clock(store, table, row_id, corrected)
