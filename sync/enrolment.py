"""Enrolment on a laptop: take the office from the central server and re-home local work.

Offices, their communes and users are the central server's. A laptop may hold its own before
it is enrolled (the README's install, a demo): at enrolment its office is merged into the
central server's office, each of its users into the central user of the same username, and its
other users become officers of that office (roles are given on the central server). Villages,
households, people, visits and sessions keep their ids, now stamped by the enrolled device, and
are sent whole at the first sync.
"""

import json

from . import capture, hlc, merge, refused
from .protocol import CLOCK_TOLERANCE_MS
from .synced_tables import (CENTRAL_ONLY, OFFICE_COLUMNS, SYNCED_TABLES, USER_COLUMNS, USER_LISTS,
                     target_id)


def take_office(db, device_id, office_id, directory, offset_ms):
    """Re-home this laptop's records into the central office, in the caller's transaction.

    `directory`: the office, its communes and users as the central server holds them (pulled
    changes); `offset_ms`: the central clock minus this laptop's. Returns {"merged": {local
    user id: central user id}, "taken": [usernames of local users merged into central ones],
    "officers": [usernames of local users kept as officers]}.
    """
    central = {(c["table"], c["id"]) for c in directory}
    central_users = {c["fields"]["username"][0]: c["id"] for c in directory
                     if c["table"] == "users"}
    old_device = capture.device_id(db)
    # Rows change id or parent here in any order; their references hold again at commit.
    db.execute("PRAGMA defer_foreign_keys = ON")
    local_offices = [r[0] for r in db.execute("select id from offices")
                     if ("offices", r[0]) not in central]
    merged, taken, officers = {}, [], []
    for user_id, username in db.execute("select id, username from users").fetchall():
        if ("users", user_id) in central:
            taken.append(username)
        elif username in central_users:
            merged[user_id] = central_users[username]
            taken.append(username)
        else:
            officers.append((user_id, username))
    _replace_users(db, merged)
    for table, column in OFFICE_COLUMNS.items():
        for local in local_offices:
            db.execute(f"update [{table}] set [{column}] = ? where [{column}] = ?",
                       [office_id, local])
    if officers:
        marks = ",".join("?" * len(officers))
        db.execute(f"update users set role = 'officer', office_id = ? where id in ({marks})",
                   [office_id, *(u for u, _ in officers)])
    renamed = _rename_targets(db)
    # The laptop's own communes go (first marked deleted, so the report counts follow).
    own_links = [r[0] for r in db.execute("select id from office_communes")
                 if ("office_communes", r[0]) not in central]
    for link in own_links:
        db.execute("update office_communes set deleted_at = coalesce(deleted_at, ?)"
                   " where id = ?", [capture.now_text(), link])
    for table, ids in (("office_communes", own_links), ("offices", local_offices),
                       ("users", list(merged))):
        for row_id in ids:
            db.execute(f"delete from [{table}] where id = ?", [row_id])
    for change in directory:
        merge.adopt_pulled(db, change["table"], change["id"], change["fields"], set())
    _log_again(db, central | {("users", u) for u in merged.values()}, renamed,
               {old_device, "migrated"}, offset_ms)
    capture.observe(db, [max((t[1] for c in directory for t in c["fields"].values()),
                             default="")])
    db.execute("delete from sync_refused")
    db.execute("delete from sync_inbox")
    for key, value in (("device_id", device_id), ("enrolled_office", office_id),
                       ("pushed_seq", 0), ("pull_cursor", 0),
                       ("clock_offset_ms", offset_ms if abs(offset_ms) > CLOCK_TOLERANCE_MS
                        else 0)):
        capture.set_state(db, key, value)
    db._fieldapp_clock = None
    return {"merged": merged, "taken": sorted(taken),
            "officers": sorted(name for _, name in officers)}


def _replace_users(db, merged):
    """Point every reference to a merged local user at the central user."""
    for old, new in merged.items():
        for table, columns in USER_COLUMNS.items():
            for column in columns:
                db.execute(f"update [{table}] set [{column}] = ? where [{column}] = ?",
                           [new, old])
        db.execute("update history set user_id = ? where user_id = ?", [new, old])
    for table, column in USER_LISTS.items():
        for row_id, ids in db.execute(f"select id, [{column}] from [{table}]").fetchall():
            listed = json.loads(ids or "[]")
            if any(i in merged for i in listed):
                db.execute(f"update [{table}] set [{column}] = ? where id = ?",
                           [json.dumps([merged.get(i, i) for i in listed]), row_id])


def _rename_targets(db):
    """Targets are named by office: those of a merged office take the central office's ids."""
    renamed = {}
    for row_id, office, commune, year, month in db.execute(
            "select id, office_id, commune_code, year, month from targets").fetchall():
        new = target_id(office, commune, year, month)
        if new != row_id:
            db.execute("update targets set id = ? where id = ?", [new, row_id])
            db.execute("update history set row_id = ? where table_name = 'targets'"
                       " and row_id = ?", [new, row_id])
            renamed[row_id] = new
    return renamed


def _log_again(db, central, renamed, own_devices, offset_ms):
    """Replace the log with one whole entry per record made here, stamps made by this laptop's
    wrong clock corrected, in the order the records were first written."""
    logged = db.execute("select table_name, row_id from sync_log group by table_name, row_id"
                        " order by min(seq)").fetchall()
    db.execute("delete from sync_log")
    shift = offset_ms if abs(offset_ms) > CLOCK_TOLERANCE_MS else 0
    ceiling = hlc.now_ms() + offset_ms
    for table, row_id in logged:
        row_id = renamed.get(row_id, row_id) if table == "targets" else row_id
        if table in CENTRAL_ONLY or (table, row_id) in central or table not in SYNCED_TABLES:
            continue
        if shift:
            _correct_clock(db, table, row_id, own_devices, shift, ceiling)
        refused.log_whole(db, table, row_id)
    if shift:
        last = capture.state(db, "hlc_last")
        if last:
            capture.set_state(db, "hlc_last", hlc.shifted(last, shift, ceiling))


def _correct_clock(db, table, row_id, own_devices, shift, ceiling):
    """Move the row's stamps made by this laptop's own clock by its measured error."""
    row = merge._row(db, table, row_id)
    if row is None:
        return
    clock = capture.row_clock(row)
    corrected = {name: hlc.shifted(stamp, shift, ceiling)
                 if hlc.valid(stamp) and hlc.parse(stamp)[2] in own_devices else stamp
                 for name, stamp in clock.items()}
    if corrected != clock:
        merge.set_clock(db, table, row_id, corrected)
