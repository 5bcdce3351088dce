"""Noticing that a laptop or the central server went back in time, and repairing it.

Either side's database can be replaced by an older copy (a backup restored, a laptop's instance
folder copied back), and a laptop's folder can be copied to a second machine that then syncs
under the same identity. Each side remembers what it has seen of the other, so the first sync
after such an event finds it:

- The central server remembers, per device, what each of its recent pushed changes was (a
  digest, by the device's log position) and the highest pull position it handed the device.
- Every request (protocol 3) says after which of its changes the push starts and where the
  laptop's log ends, beside its pull position.

From these the server decides, before it merges anything:

- **the server went back** (the laptop has had changes acknowledged that the server does not
  hold, or has pulled past what the server handed it): the laptop is asked to send again
  everything it holds, from the server's position, and to pull again from a position both logs
  share ("resend");
- **the laptop went back, or is a second machine with one identity** (its log ends before
  changes the server merged from it, or a change at a known position is not the one merged
  there): the laptop is given a new device identity, split from the old ("split"). Its changes
  the server already holds stay under the old identity; the rest are stamped anew and sent as
  the new device's, so edits made on both machines meet as conflicts like any two laptops'; and
  it now pulls the old identity's changes like anyone else's, getting back what it lost.

A change sent again because an answer was lost is known by what it is (its digest at its
position), merged once and skipped after; a new change that reuses an old number is never taken
for one.
"""

import hashlib
import json
import secrets
import uuid

from . import capture, clock, handover, hlc, merge
from .protocol import BATCH, RequestDenied
from .synced_tables import COMMUNE_PATH, OFFICE_SCOPED

# A device's recent changes kept by digest: a laptop that lost answers sends again at most the
# two batches it had in flight; a copy of a laptop holds what it had not synced when copied,
# which the server tells it it holds already, as far back as this.
WINDOW = 10 * BATCH
# New identities one device may be split into, however often its copies sync.
MAX_SPLITS = 10
RESEND = "resend"
# The merged position of a device split from another until its first request says where its
# own changes start.
UNPLACED = -1
SPLIT = "split"
# Tables a laptop sends again whole when the central server lost its work: those a device may
# write, parents before children. Users and conflicts are the central server's to make.
RESENT_TABLES = ("villages", "households", "people", "visits", "visit_outcomes",
                 "group_sessions", "session_attendees", "targets", "scripts", "script_texts",
                 "translation_reviews")


def digest(change, device_id):
    """What a change of a device is: its record, whether it is sent again whole, and each field
    the device wrote itself, with its value and stamps. The same change sent twice has the
    same digest, whatever fields of other devices travel with it; work done after a laptop went
    back in time, or on a second machine, never has the digest of what it replaced."""
    own = "." + device_id
    parts = [change["table"], change["id"], "again" if change.get("again") else ""]
    parts += [f"{name}={value!r}@{stamp}<{base}"
              for name, (value, stamp, base) in change["fields"].items() if stamp.endswith(own)]
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=8).hexdigest()


# The central server's side


def sorted_out(store, device_id, changes, merged_seq):
    """(changes to merge, seqs of changes already merged): a change at or below the device's
    last merged position is one already merged only if it is the very change merged there."""
    overlap = [c["seq"] for c in changes if c["seq"] <= merged_seq]
    if not overlap:
        return changes, []
    held = {r["seq"]: r["digest"] for r in store.find(
        "device_pushes", device_id=device_id, seq=overlap)}
    retried = {c["seq"] for c in changes
               if c["seq"] <= merged_seq and held.get(c["seq"]) == digest(c, device_id)}
    return [c for c in changes if c["seq"] not in retried], sorted(retried)


def remember(store, device_id, changes, merged_seq):
    """Keep the digests of the changes just merged (or refused), and forget those too old for
    any laptop to send again."""
    store.remember_pushes(device_id, [(c["seq"], digest(c, device_id)) for c in changes],
                          merged_seq - WINDOW)


def recovery(store, device, push, cursor):
    """What the laptop must do before anything of this request is merged, or None: the
    'resend' or 'split' instruction of the answer (see the module's docstring)."""
    merged, bound = device["last_seq"], device["pull_bound"]
    after, last, changes = push["after"], push["last"], push["changes"]
    beyond_log = cursor > store.last_seq()
    if after > merged or beyond_log or (bound is not None and cursor > bound):
        # Both logs share everything up to the lower of the two positions; a pull position
        # this server never handed out is shared with nothing, when it cannot tell.
        if bound is not None:
            cursor = min(cursor, bound)
        elif beyond_log:
            cursor = 0
        # The offices' communes as this server holds them: which records the laptop should
        # hold may have changed with what the server lost.
        links = [{"id": r["id"], "fields": {name: [r.get(name), stamp, ""] for name, stamp
                                            in capture.row_clock(r).items() if name in r}}
                 for r in store.find("office_communes")]
        return {"kind": RESEND, "after": min(after, merged), "cursor": cursor, "links": links}
    fresh, retried = sorted_out(store, device["id"], changes, merged)
    went_back = last < merged or (after < merged and not retried) or any(
        c["seq"] <= merged for c in fresh)
    if not went_back:
        return None
    # What the server merged from this identity after the laptop's position, by digest: the
    # laptop finds which of its changes those are, which stay the old identity's.
    known = [[r["seq"], r["digest"]] for r in store.find(
        "device_pushes", device_id=device["id"], order_by=["seq"])
             if after < r["seq"] <= merged]
    return {"kind": SPLIT, "after": after, "merged": merged, "known": known,
            **split(store, device)}


def in_step(store, device, push, cursor):
    """Whether a request that pushes nothing finds the device where the server left it: what
    recovery() would answer None to, read without writing anything."""
    merged, bound = device["last_seq"], device["pull_bound"]
    after, last = push.get("after", merged), push.get("last", merged)
    if after > merged or cursor > store.last_seq() or (bound is not None and cursor > bound):
        return False
    return not (last < merged or after < merged)


def split(store, device):
    """A new device of the same office for a machine that shares another's identity; its
    credentials, which only this answer carries. Its position is taken from its first
    request."""
    # Every identity split from one laptop, splits of splits included, counts against it.
    root = device["split_from"] or device["id"]
    if store.count("devices", split_from=root) >= MAX_SPLITS:
        # Stolen credentials must not mint identities without end: a machine copied this
        # often is enrolled again by the office.
        raise RequestDenied(403, "this laptop's identity was copied or restored too many times:"
                                 " ask the central administrator to enrol it again")
    device_id, secret = str(uuid.uuid4()), secrets.token_urlsafe(32)
    now = clock.stamp()
    store.insert("devices", [{
        "id": device_id, "name": device["name"], "office_id": device["office_id"],
        "secret_hash": hashlib.sha256(secret.encode()).hexdigest(), "enrolled_at": now,
        "enrolled_by": device.get("enrolled_by"), "last_seq": UNPLACED,
        "pull_bound": device["pull_bound"], "app_version": device.get("app_version"),
        "split_from": root, "split_at": now}])
    return {"device_id": device_id, "secret": secret}


# The laptop's side


def common_position(store, split):
    """How far this laptop's log is what the server merged from its old identity: its changes
    after the split's `after` whose digests the server knows at their positions, in a row."""
    old, known = capture.device_id(store), dict(map(tuple, split["known"]))
    common = split["after"]
    for seq, table, row_id, fields, origin in store.log_after(common, None):
        change = {"table": table, "id": row_id, "fields": json.loads(fields),
                  "again": origin == capture.AGAIN}
        if seq > split["merged"] or known.get(seq) != digest(change, old):
            break
        common = seq
    return common


def take_new_identity(store, new_device, common):
    """Become `new_device` after the server split this laptop's identity, in the caller's
    transaction: changes after `common` are stamped as the new device's, in the log and in
    the rows, and are sent as its own; what came before stays the old identity's."""
    old = capture.device_id(store)
    entries = [(seq, table, row_id, json.loads(fields), origin)
               for seq, table, row_id, fields, origin in store.log_after(common, None)]
    # The edits made here after `common`, by their stamps; a record sent again whole also
    # carries stamps merged long ago, which stay as they are.
    renamed = {}
    for _seq, _table, _row_id, fields, origin in entries:
        if origin != capture.AGAIN:
            for _value, stamp, _base in fields.values():
                if hlc.device(stamp) == old and stamp not in renamed:
                    wall_ms, counter, _ = hlc.parse(stamp)
                    renamed[stamp] = hlc.make(wall_ms, counter, new_device)
    touched = set()
    for seq, table, row_id, fields, origin in entries:
        moved = {name: [value, renamed.get(stamp, stamp), renamed.get(base, base)]
                 for name, (value, stamp, base) in fields.items()}
        if moved != fields:
            store.update("sync_log", {"fields": capture.compact_json(moved),
                                      "origin": new_device if origin == old else origin},
                         seq=seq)
            touched.add((table, row_id))
    for table, row_id in touched:
        row = merge.row(store, table, row_id)
        if row is not None:
            clock = capture.row_clock(row)
            merge.set_clock(store, table, row_id,
                            {name: renamed.get(stamp, stamp) for name, stamp in clock.items()})
    last = store.state("hlc_last")
    if last:
        wall_ms, counter, _ = hlc.parse(last)
        store.set_state("hlc_last", hlc.make(wall_ms, counter, new_device))
    store.set_state("device_id", new_device)
    store.set_state("pushed_seq", common)
    store.clock = None
    return len(touched)


def send_everything_again(store, resend):
    """After the central server lost work: take its offices' communes as they are (dropping the
    records of a commune the office no longer holds, pulling again from the start for one it
    gained), push again from its position, every record this laptop holds sent whole, and
    pull again from the position both logs share; in the caller's transaction. Returns how
    many records are sent again."""
    pushed = min(int(store.state("pushed_seq", 0)), resend["after"])
    before = handover.office_commune_codes(store)
    held = {link["id"] for link in resend.get("links", [])}
    gone = [r["id"] for r in store.find("office_communes", only=["id"]) if r["id"] not in held]
    if gone:
        store.delete("office_communes", id=gone)
    for link in resend.get("links", []):
        merge.adopt_pulled(store, "office_communes", link["id"], link["fields"], set())
    gained = handover.changed(store, before)
    handover.drop_left(store)
    count = log_everything(store, store.state("enrolled_office"))
    store.set_state("pushed_seq", pushed)
    if gained:
        store.set_state("pull_mine_until", store.state("pull_cursor", 0))
    store.set_state("pull_cursor", 0 if gained else resend["cursor"])
    return count


def log_everything(store, office):
    """Log every record this laptop holds of the tables a device writes, whole (sent again,
    never a conflict): its office's records, and the shared ones its office's users made.
    Returns how many."""
    colleagues = {u["id"] for u in store.find("users", office_id=office, only=["id"])}
    official = {s["id"] for s in store.find("scripts", sample=1, only=["id"])}
    entries = []
    for table in RESENT_TABLES:
        shared = table not in COMMUNE_PATH and table not in OFFICE_SCOPED
        for row in store.find(table):
            # Shared records go back only from the office whose users made them; official
            # scripts are the central server's.
            if (shared and row.get("created_by") not in colleagues) or \
                    row["id"] in official or row.get("script_id") in official:
                continue
            fields = {name: [row[name], stamp, ""]
                      for name, stamp in capture.row_clock(row).items() if name in row}
            if fields:
                entries.append(capture.log_entry(table, row["id"], fields, capture.AGAIN,
                                                 (None, None), False))
    store.append_log(entries)
    return len(entries)
