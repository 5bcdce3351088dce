"""Does the central server hold this laptop's records as the laptop does?

A check a supervisor asks for before a laptop is wiped: the laptop sends a fingerprint of every
record it holds (of the tables a device may write), the central server answers which it holds
exactly so ("same"), which it holds otherwise ("different": another version of a field, newer
or older) and which it does not have ("missing"). A fingerprint is a hash of the row's field
stamps, which say exactly which version of each field the row holds; no value is sent.

The central server answers only about its rows of the device's office, judged as the merge
judges a pushed change (sync.capture.scope and the office's communes): a row outside the office
is "missing", as one it does not hold, so the answer tells nothing of another office.
"""

import hashlib
import json

from . import capture, clock, policy, server
from .client import API, SyncError, _post
from .protocol import _ID, PROTOCOL, SUPPORTED, RequestDenied, check_app_version, check_version
from .synced_tables import CLOCK_COLUMN, COMMUNE_PATH, OFFICE_SCOPED

# The tables a device may write, but for its office's users and the conflicts the central server
# found: those are the central server's records, which a laptop only reviews or renames.
TABLES = tuple(t for t in policy.DEVICE_TABLES if t not in ("users", "sync_conflicts"))
# Records named in one request, and in the requests a laptop sends for one check.
MAX_RECORDS = 200_000
BATCH = 50_000
# How many records not held the same the laptop keeps to show.
KEPT = 200
STATE = "verified"

_HEX = frozenset("0123456789abcdef")


def fingerprint(row):
    """A row's field stamps as 16 hex digits: equal when two rows hold the same version of every
    field."""
    stamps = json.dumps(capture.row_clock(row), sort_keys=True, separators=(",", ":"))
    return hashlib.blake2b(stamps.encode(), digest_size=8).hexdigest()


def fingerprints(store):
    """[table, id, fingerprint] of every row this database holds in TABLES, deleted ones
    included (a deletion is a version of the record too)."""
    with store.snapshot():
        return [[table, row["id"], fingerprint(row)] for table in TABLES
                for row in store.find(table, order_by=["id"], only=["id", CLOCK_COLUMN])]


# ---- The central server's side

def check_verify(message):
    """A check request: {"protocol", "app_version"?, "records": [[table, id, fingerprint]]};
    the records, or RequestDenied for anything malformed."""
    if not isinstance(message, dict):
        raise RequestDenied(400, "the body is not a JSON object")
    check_version(message)
    check_app_version(message)
    records = message.get("records")
    if not isinstance(records, list):
        raise RequestDenied(400, "'records' must be a list of [table, id, fingerprint]")
    if len(records) > MAX_RECORDS:
        raise RequestDenied(413, f"at most {MAX_RECORDS} records per check")
    seen = set()
    for n, record in enumerate(records):
        where = f"record {n + 1}"
        if type(record) is not list or len(record) != 3:
            raise RequestDenied(400, f"{where} is not [table, id, fingerprint]")
        table, row_id, held = record
        if type(table) is not str or table not in TABLES:
            raise RequestDenied(400, f"{where} names a table the check does not cover")
        if type(row_id) is not str or not _ID.fullmatch(row_id):
            raise RequestDenied(400, f"{where} has no valid record id")
        if type(held) is not str or len(held) != 16 or not _HEX.issuperset(held):
            raise RequestDenied(400, f"{where} has no valid fingerprint (16 hex digits)")
        if (table, row_id) in seen:
            raise RequestDenied(400, f"{where} names a record named before")
        seen.add((table, row_id))
    return records


def held(store, device, message):
    """Which of the records a device names the central server holds as the device does: {
    "records": how many, "same": how many, "different": [[table, id]], "missing": [[table,
    id]]}. Reads only; refuses a malformed message with RequestDenied."""
    records = check_verify(message)
    wanted = {}
    for table, row_id, _ in records:
        wanted.setdefault(table, []).append(row_id)
    with store.snapshot():
        communes = server.office_commune_codes(store, device["office_id"])
        here = {}
        for table, ids in wanted.items():
            for row_id, row in _in_office(store, table, ids, device["office_id"],
                                          communes).items():
                here[(table, row_id)] = fingerprint(row)
    same, different, missing = 0, [], []
    for table, row_id, theirs in records:
        ours = here.get((table, row_id))
        if ours is None:
            missing.append([table, row_id])
        elif ours == theirs:
            same += 1
        else:
            different.append([table, row_id])
    return {"protocol": PROTOCOL, "records": len(records), "same": same,
            "different": different, "missing": missing}


def _in_office(store, table, ids, office, communes):
    """{id: row} of the rows named that the server holds in the office, as the merge scopes a
    row (sync.server's _Judge): by its office, else by its commune through its parents."""
    path = COMMUNE_PATH.get(table)
    scope_columns = ([OFFICE_SCOPED[table]] if table in OFFICE_SCOPED
                     else ["commune_code"] if table in COMMUNE_PATH and path is None
                     else [path[1]] if path else [])
    rows = store.find(table, id=ids, only=["id", CLOCK_COLUMN, *scope_columns])
    known = {}
    if path:
        # The parents' communes, asked of the store once for all the rows.
        parent, column = path
        known = {(parent, parent_id): commune for parent_id, commune in store.communes_of(
            parent, {r[column] for r in rows if r[column]}).items()}
    found = {}
    for row in rows:
        commune, row_office = capture.scope(store, table, row, known)
        if table in OFFICE_SCOPED or row_office is not None:
            inside = row_office == office
        elif table in COMMUNE_PATH:
            inside = commune in communes  # a missing parent (-1) is in no office
        else:
            inside = True  # shared by every office (scripts, their texts, reviews)
        if inside:
            found[row["id"]] = row
    return found


# ---- The laptop's side

def check(store, device, timeout=60, app_version=""):
    """Ask the central server whether it holds every record of this laptop as it is here; keep
    the answer in sync_state ("verified") for the Sync page and return it: {"at", "records",
    "same", "different", "missing" (counts), "not_held": the first KEPT [table, id, "different"
    or "missing"], "log_seq": this laptop's last change when checked}. Raises SyncError."""
    with store.snapshot():
        records = fingerprints(store)
        log_seq = store.last_seq()
    url = device["central_url"] + API + "/verify"
    same, different, missing = 0, [], []
    for start in range(0, len(records), BATCH) if records else [0]:
        part = records[start:start + BATCH]
        answer, _, _ = _post(url, {"protocol": PROTOCOL, "app_version": app_version,
                                   "records": part}, device, timeout=timeout,
                             app_version=app_version)
        if not isinstance(answer, dict) or answer.get("protocol") not in SUPPORTED:
            raise SyncError("the central server speaks another protocol version")
        try:
            if answer["records"] != len(part) or answer["same"] + len(answer["different"]) \
                    + len(answer["missing"]) != len(part):
                raise TypeError
            same += answer["same"]
            different += [(str(t), str(i)) for t, i in answer["different"]]
            missing += [(str(t), str(i)) for t, i in answer["missing"]]
        except (KeyError, TypeError, ValueError):
            raise SyncError("the central server's answer was cut off or garbled") from None
    how = {**dict.fromkeys(different, "different"), **dict.fromkeys(missing, "missing")}
    if len(how) != len(different) + len(missing) or not how.keys() <= {
            (t, i) for t, i, _ in records}:
        raise SyncError("the central server's answer was cut off or garbled")
    # In the laptop's order: table by table, as fingerprints() lists them.
    not_held = [[t, i, how[(t, i)]] for t, i, _ in records if (t, i) in how]
    result = {"at": clock.stamp(), "records": len(records), "same": same,
              "different": len(different), "missing": len(missing),
              "not_held": not_held[:KEPT], "log_seq": log_seq}
    with store.atomic():
        store.set_state(STATE, json.dumps(result, ensure_ascii=False))
    return result


def last_check(store):
    """The last check's result as check() returned it, or None."""
    text = store.state(STATE)
    return json.loads(text) if text else None


def changed_since(store, result):
    """Whether this laptop's records changed since the check (its log grew)."""
    return store.last_seq() > int(result.get("log_seq", 0))
