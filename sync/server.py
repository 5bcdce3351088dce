"""The central server's side: enrolment codes, devices, and answering a sync request."""

import hashlib
import hmac
import json
import secrets
import uuid
from datetime import timedelta

from . import capture, clock, compaction, erasure, hlc, lineage, merge, policy, pull, trail
from .protocol import (CLOCK_TOLERANCE_MS, PROTOCOL, RequestDenied, check_sync,
                       check_version)
from .store import Broken
from .synced_tables import COMMUNE_PATH, OFFICE_SCOPED, SYNCED_TABLES

CODE_HOURS = 24
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


def _hash(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


def _utc(delta=timedelta()):
    """Now, moved by `delta`, as the stored text of a recorded time."""
    return clock.stamp(clock.utcnow() + delta)


def make_central(store):
    """Mark this database as the central server's."""
    store.set_state("role", "central")
    store.set_state("device_id", capture.CENTRAL_DEVICE)
    store.central, store.clock = True, None


def create_enrolment_code(store, office_id, *, user_id):
    """A one-time code for one laptop of the office, valid for a day; only its hash is kept."""
    code = "-".join("".join(secrets.choice(_CODE_ALPHABET) for _ in range(4))
                    for _ in range(3))
    store.insert("enrolment_codes", [{
        "code_hash": _hash(code), "office_id": office_id, "created_at": _utc(),
        "created_by": user_id, "expires_at": _utc(timedelta(hours=CODE_HOURS))}])
    return code


def code_expires_at(store, code):
    """When an enrolment code stops being accepted (UTC text), or None for an unknown code."""
    found = store.find("enrolment_codes", code_hash=_hash(code))
    return found[0]["expires_at"] if found else None


def enrol(store, message):
    """Turn a valid code into a device id and secret for the laptop."""
    if not isinstance(message, dict):
        raise RequestDenied(400, "the body is not a JSON object")
    check_version(message)
    code = str(message.get("code") or "").strip().upper()
    name = str(message.get("device_name") or "").strip()[:100]
    if not code or not name:
        raise RequestDenied(400, "an enrolment needs the code and a name for the laptop")
    with store.atomic():
        found = store.find("enrolment_codes", code_hash=_hash(code))
        if not found:
            raise RequestDenied(403, "this enrolment code is not known: check it with the central"
                                     " administrator", code="code_unknown")
        office_id, expires_at, used_at = (found[0][k] for k in ("office_id", "expires_at",
                                                                "used_at"))
        if used_at:
            raise RequestDenied(403, "this enrolment code was already used: ask for a new one",
                                code="code_used")
        # Read, not compared as text: codes made before hold the time to the second.
        if clock.parse(expires_at) < clock.utcnow():
            raise RequestDenied(403, "this enrolment code has expired: ask for a new one",
                                code="code_expired")
        # Accounts are made here only: the laptop's own accounts that made records must have
        # one in the office already, or their records could name nobody. The code stays
        # unused, so the same code works once the administrator has added them.
        missing = accounts_missing(store, office_id, message.get("accounts") or [])
        if missing:
            raise RequestDenied(409, "the central server has no account in this office for these"
                                     " users of the laptop, who made records on it: "
                                     + ", ".join(missing), missing=missing)
        device_id, secret = str(uuid.uuid4()), secrets.token_urlsafe(32)
        store.insert("devices", [{
            "id": device_id, "name": name, "office_id": office_id,
            "secret_hash": _hash(secret), "enrolled_at": _utc(), "pull_bound": 0,
            "app_version": str(message.get("app_version") or "")[:40]}])
        store.update("enrolment_codes", {"used_at": _utc(), "device_id": device_id},
                     code_hash=_hash(code))
        directory = office_directory(store, office_id)
    return {"protocol": PROTOCOL, "device_id": device_id, "secret": secret,
            "office_id": office_id, "directory": directory, "server_now": hlc.now_ms()}


def accounts_missing(store, office_id, usernames):
    """The usernames that are no active account of the office, sorted."""
    wanted = sorted({str(u).strip().lower() for u in usernames})
    if not wanted:
        return []
    held = {u["username"] for u in store.find("users", username=wanted, office_id=office_id,
                                              deleted_at=None, active=1, only=["username"])}
    return [u for u in wanted if u not in held]


def office_directory(store, office_id):
    """The office, its communes and its users as pulled changes: what a laptop takes over at
    enrolment, before it syncs."""
    rows = [("offices", r) for r in store.find("offices", id=office_id)]
    rows += [(table, r) for table in ("office_communes", "users")
             for r in store.find(table, order_by=["created_at"], office_id=office_id)]
    return [{"table": table, "id": row["id"],
             "fields": pull.as_held(table, row, office=office_id)} for table, row in rows]


def account_moved(store, user_id, offices):
    """After an account moved office on the central server: the whole row logged for each
    office's laptops, so that the office it left withdraws its hash and the one it joined gets
    it (a change is otherwise seen only by the office the row names now)."""
    row = store.find("users", id=user_id)[0]
    fields = {name: [row.get(name), stamp, ""]
              for name, stamp in capture.row_clock(row).items()}
    for office in dict.fromkeys(offices):
        capture.log(store, "users", user_id, fields, capture.device_id(store), row,
                    known_scope=(None, office))


def authenticate(store, authorization):
    """The device a request's 'Authorization: Device <id>:<secret>' header names."""
    scheme, _, credentials = (authorization or "").partition(" ")
    device_id, _, secret = credentials.partition(":")
    if scheme != "Device" or not device_id or not secret:
        raise RequestDenied(401, "this request carries no device credentials", code="not_enrolled")
    found = store.find("devices", id=device_id)
    device = found[0] if found else None
    if device is None or not hmac.compare_digest(device["secret_hash"], _hash(secret)):
        raise RequestDenied(401, "this laptop is not enrolled with the central server",
                            code="not_enrolled")
    if device["revoked_at"]:
        raise RequestDenied(403, "this laptop's access was revoked by the central administrator;"
                                 " its unsynced changes stay on the laptop", code="revoked")
    return device


def revoke(store, device_id):
    """End a device's access, and that of every device split from it: a thief holding its
    credentials may have had a split made to get new ones. Returns the ids of the accounts
    those devices made (before devices could no longer make any), for the caller to disable."""
    revoking, revoked = [device_id], []
    while revoking:
        store.update("devices", {"revoked_at": _utc()}, id=revoking, revoked_at=None)
        revoked += revoking
        revoking = [d["id"] for d in store.find("devices", split_from=revoking, only=["id"])]
    return accounts_made_by(store, revoked)


def accounts_made_by(store, device_ids):
    """The users whose username a device stamped: accounts a laptop pushed when it could."""
    devices = set(device_ids)
    return [row["id"] for row in store.find("users")
            if hlc.device(capture.row_clock(row).get("username", "")) in devices]


def devices(store):
    """Every device with its office's name: those still allowed first, by office and name."""
    found = store.find("devices")
    offices = {o["id"]: o["name"] for o in store.find(
        "offices", id=sorted({d["office_id"] for d in found}))}
    return sorted(({**d, "office_name": offices.get(d["office_id"], "")} for d in found),
                  key=lambda d: (d["revoked_at"] is not None, d["office_name"], d["name"]))


def office_commune_codes(store, office_id):
    """The codes of the communes the office holds now."""
    return {r["commune_code"] for r in store.find("office_communes", office_id=office_id,
                                                  deleted_at=None)}


# How long after a commune moves to another office the old office's laptops may still send
# work they did on its records before the move.
HANDOVER_GRACE_MS = 30 * 24 * 3600 * 1000


# The columns judged as the row's scope (its commune path, its office), not as references.
_SCOPE_COLUMNS = {table: {"commune_code" if path is None else path[1]}
                  for table, path in COMMUNE_PATH.items()}
for _table, _column in OFFICE_SCOPED.items():
    _SCOPE_COLUMNS.setdefault(_table, set()).add(_column)


def handed_over(store, office_id, communes, since_ms):
    """{commune code: when it left the office, in ms} for communes the office held until a
    moment after `since_ms` and holds no more."""
    left = {}
    for link in store.find("office_communes", office_id=office_id):
        if link["deleted_at"] is None or link["commune_code"] in communes:
            continue
        stamp = capture.row_clock(link).get("deleted_at")
        when = hlc.wall(stamp) if stamp and hlc.valid(stamp) else 0
        if when > since_ms:
            left[link["commune_code"]] = max(when, left.get(link["commune_code"], 0))
    return left


class _Judge:
    """Decides, for one request, whether each pushed change may be taken from the device, by
    the written policy (sync/policy.py)."""

    def __init__(self, store, device, communes, check_values):
        self.store, self.device, self.communes = store, device, communes
        self.office = device["office_id"]
        self.check_values = check_values
        self.members = {r["id"]: r for r in store.find(
            "users", office_id=self.office, only=["id", "role", "active", "translator"])}
        self.extra_bytes = 0
        self.handed_over, self.made_ms = None, 0
        # The commune of each record named, or None for one not held: asked once a request.
        self.named = {}

    def refusal(self, table, row_id, current, fields, communes_of=None):
        """(the code of why the change may not be taken, or None; the row's scope)."""
        code = policy.judged(table, current, fields)
        if code:
            return code, None
        values = {name: triple[0] for name, triple in fields.items()}
        after = {**(current or {}), **values}
        self.made_ms = hlc.wall(max(triple[1] for triple in fields.values()))
        if current is not None:
            # As it stands: a device cannot reach into another office's rows.
            code, standing = self._scope(table, current, communes_of)
            if code:
                return code, None
        code, scope = self._scope(table, after, communes_of)
        if code:
            return code, None
        if current is not None and table in COMMUNE_PATH and \
                standing[0] not in self.communes and scope[0] != standing[0]:
            # Work on a commune handed to another office stays in it: moving its record out
            # would bring the new office's values back to the old.
            return "outside_office", None
        known = self.store.columns(table)
        code = (self._values(table, {n: v for n, v in values.items() if n in known}, after)
                or self._references(table, values)
                or self._written_by(table, row_id, current, after)
                or self._extra(table, row_id, {n: v for n, v in values.items()
                                               if n not in known}))
        if code:
            return code, None
        return None, scope

    def _scope(self, table, values, communes_of):
        commune, office = capture.scope(self.store, table, values, communes_of)
        if table in OFFICE_SCOPED or office is not None:
            return (None if office == self.office else "other_office"), (commune, office)
        if table in COMMUNE_PATH or table == "sync_conflicts":
            if commune == -1:
                return "missing_parent", None
            if commune not in self.communes and not self._handed_over_since(commune):
                return "outside_office", None
        return None, (commune, office)

    def _handed_over_since(self, commune):
        """Whether the change was made while the commune was still the office's, in the last
        days before it was handed to another office: work done before the laptop heard of
        the move is not lost (docs/sync-protocol.md, A commune that changes office)."""
        if self.handed_over is None:
            self.handed_over = handed_over(self.store, self.office, self.communes,
                                           hlc.now_ms() - HANDOVER_GRACE_MS)
        # A change stamped in the very millisecond of the handover cannot be told to have come
        # after it: it counts as the office's, so that nothing made then is lost.
        return self.handed_over.get(commune, -1) >= self.made_ms

    def _values(self, table, values, after):
        """The forms' checks, and the users a row names: each of the device's office."""
        checked = values
        for field, together in policy.CHECKED_TOGETHER.get(table, {}).items():
            # A value judged against another of its row (a translation against its source):
            # that one as the row would become, though the change does not carry it.
            if field in values and together not in values and after.get(together) is not None:
                checked = {**checked, together: after[together]}
        if self.check_values(table, checked):
            return "invalid"
        named = dict(values)
        for field in policy.USER_LIST_FIELDS & values.keys():
            try:
                named[field] = json.loads(values[field] or "[]")
            except ValueError:
                return "invalid"
        if not policy.named_users(named) <= self.members.keys():
            return "other_office"
        if self._official(table, after):
            return "central_only"
        return None

    def _references(self, table, values):
        """Every record the change names, but its scope (judged already), of the office."""
        for column, (named, how) in policy.REFERENCES.get(table, {}).items():
            if column not in values or values[column] in (None, "") or \
                    column in _SCOPE_COLUMNS.get(table, ()):
                continue
            ids = values[column]
            if how == policy.LIST:
                try:
                    ids = json.loads(ids)
                except (TypeError, ValueError):
                    return "invalid"
                if not isinstance(ids, list):
                    return "invalid"
            for row_id in ids if how == policy.LIST else [ids]:
                if not self._of_office(named, row_id):
                    return "other_office"
        return None

    def _of_office(self, table, row_id):
        """Whether a record named is the office's, or one this server does not hold."""
        if table == "communes":
            return row_id in self.communes or self._handed_over_since(row_id)
        if table == "offices":
            return row_id == self.office
        if table in policy.OWNED:
            return self._owner(table, row_id) in (None, self.office)
        key = (table, row_id)
        if key not in self.named:
            self.named[key] = self._commune_of(table, row_id)
        commune = self.named[key]
        return commune is None or commune in self.communes or \
            self._handed_over_since(commune)

    def _commune_of(self, table, row_id):
        """The commune of a record this server holds (-1 for one hanging from nothing); None
        for one it does not hold."""
        if table not in COMMUNE_PATH or not isinstance(row_id, str) or \
                not self.store.count(table, id=row_id):
            return None
        return self.store.communes_of(table, [row_id]).get(row_id, -1)

    def prefetch(self, changes):
        """Look up at once the communes of the records a batch of changes names."""
        wanted = {}
        for change in changes:
            for column, (named, how) in policy.REFERENCES.get(change["table"], {}).items():
                value = change["fields"].get(column, [None])[0]
                if named not in COMMUNE_PATH or value in (None, "") or \
                        column in _SCOPE_COLUMNS.get(change["table"], ()):
                    continue
                if how == policy.LIST:
                    try:
                        value = json.loads(value)
                    except (TypeError, ValueError):
                        continue
                ids = value if isinstance(value, list) else [value]
                wanted.setdefault(named, set()).update(i for i in ids if isinstance(i, str))
        for table, ids in wanted.items():
            held = {r["id"] for r in self.store.find(table, id=sorted(ids), only=["id"])}
            communes = self.store.communes_of(table, held) if held else {}
            for row_id in ids:
                self.named[(table, row_id)] = communes.get(row_id, -1) if row_id in held \
                    else None

    def _owner(self, table, row_id):
        """The office owning a shared record (a draft script): its writer's; None for one not
        held or written by nobody's account."""
        rows = self.store.find(table, id=row_id, only=["created_by"]) \
            if isinstance(row_id, str) else []
        writer = rows[0]["created_by"] if rows else None
        if writer is None:
            return None
        found = self.store.find("users", id=writer, only=["office_id"])
        return found[0]["office_id"] if found else None

    def _written_by(self, table, row_id, current, after):
        """The row's owner and author, as the written policy says who may write it."""
        if table in policy.OWNED and current is not None and \
                self._owner(table, row_id) not in (None, self.office):
            return "other_office"
        author = after.get("updated_by")
        if table in policy.OWN_ROW and current is not None and author != row_id:
            # A user changes their own name and language from a laptop, nobody else's.
            return "not_allowed"
        kind = policy.AUTHORS.get(table)
        if kind == "translator" and author is None:
            return "central_only"
        if kind is not None and author is not None:
            member = self.members.get(author)
            if member is None or member["role"] == "admin" or not member["active"] or \
                    (kind == "translator" and not member["translator"]):
                return "central_only" if kind == "translator" else "not_allowed"
        return None

    def _official(self, table, after):
        """Whether the row as it would become is the central server's (policy.OFFICIAL)."""
        if table not in policy.OFFICIAL:
            return False
        holder, column, mark = policy.OFFICIAL[table]
        if column is None:
            return bool(after.get(mark))
        return any(r[mark] == 1 for r in self.store.find(holder, id=after.get(column),
                                                          only=[mark]))

    def _extra(self, table, row_id, unknown):
        """Fields a newer app sent: kept, within a cap per record and per request. What the
        record already holds travels with its every change and is not counted again, so
        nobody's later edits of the record are refused for it."""
        if not unknown:
            return None
        held = merge.extra_fields(self.store, table, row_id)
        new = {n: v for n, v in unknown.items() if n not in held or held[n][0] != v}
        if not new:
            return None
        size = len(json.dumps(new))
        kept = len(json.dumps({n: t[0] for n, t in held.items() if n not in new}))
        self.extra_bytes += size
        if size + kept > policy.EXTRA_PER_CHANGE or self.extra_bytes > policy.EXTRA_PER_REQUEST:
            return "too_large"
        return None


def _corrected(change, shift_ms, ceiling_ms, device_id):
    """(fields, exact, latest stamp): stamps the device made moved by its clock's measured
    error, and none in the future."""
    fields = change["fields"]
    latest = max(triple[1] for triple in fields.values())
    if not shift_ms and latest[:13] <= f"{ceiling_ms:013d}":
        return fields, True, latest  # the usual case: a right clock, nothing to move
    out, exact = {}, True
    for name, (value, stamp, base) in fields.items():
        # A record sent again whole holds stamps of other devices too: only its own move.
        new_stamp = hlc.shifted(stamp, shift_ms if hlc.device(stamp) == device_id else 0,
                                ceiling_ms)
        if base and hlc.device(base) == device_id:
            base = hlc.shifted(base, shift_ms, ceiling_ms)
        if base and new_stamp <= base:
            # An edit made after seeing another stays after it, however its clock is moved.
            wall_ms, counter, _ = hlc.parse(base)
            new_stamp = hlc.make(wall_ms, counter + 1, device_id)
        exact = exact and new_stamp == stamp
        out[name] = [value, new_stamp, base if base < new_stamp else ""]
    return out, exact, max(triple[1] for triple in out.values())


def handle_sync(store, device, message, check_values=lambda table, values: [],
                on_merged=lambda changes: None):
    """Merge a device's pushed changes, then answer with what it should pull.

    `check_values(table, values)` lists what is wrong with a record's values (the app's forms'
    rules): a change with a wrong value is refused. `on_merged(changes)` is told, in the merge's
    transaction, each change taken: (table, row id, field names, the history entry it left or
    None), for the audit trail.
    """
    version = check_sync(message)
    server_now = hlc.now_ms()
    # The device's clock, as corrected by what it learnt from this server: any difference left
    # is an error its stamps share (see docs/sync-protocol.md, Clocks).
    skew = server_now - message["now"]
    shift = skew if abs(skew) > CLOCK_TOLERANCE_MS else 0
    push = message.get("push") or {"changes": []}
    cursor = (message.get("pull") or {}).get("cursor", 0)
    communes = office_commune_codes(store, device["office_id"])
    seen_at = {"last_seen_at": _utc(), "app_version": str(message.get("app_version") or "")[:40]}
    mine = (message.get("pull") or {}).get("mine", False)
    answer = {"protocol": version, "server_now": server_now, "clock_offset_ms": skew}
    continuing = (message.get("pull") or {}).get("continuing", False)
    held = _bound_held(store, device, push, cursor, version, seen_at, continuing)
    if held:
        # Nothing to merge nor to record: the merge lock is left to those who push.
        upto, device = held
        return {**answer, "ack_seq": push.get("after", device["last_seq"]), "rejected": [],
                "pull": pull.pull(store, device, communes, cursor, upto, mine, version)}
    with store.merging():
        # Read under the merge lock: a retry that waited for its first attempt sees it merged.
        device = store.find("devices", id=device["id"])[0]
        if device["last_seq"] == lineage.UNPLACED:
            # Split from another: its own changes start where its first request says.
            device = {**device, "last_seq": push.get("after", 0)}
        recover = lineage.recovery(store, device, push, cursor) if version >= 3 else None
        if recover:
            store.update("devices", seen_at, id=device["id"])
        else:
            ack, refusals, taken = _Merge(store, device, communes, push, shift, server_now,
                                          check_values).run()
            on_merged([(c["table"], c["id"], list(c["fields"]), entry) for c, entry in taken])
            # A pull sees what was committed when this merge ended, and no further: the
            # device's pull position never passes what this server remembers handing it, and
            # nothing commits at or below it later (sync/store.py, the contract's point 2).
            upto = store.last_seq()
            store.update("devices", {**seen_at, "last_seq": max(ack, device["last_seq"]),
                                     "pull_bound": upto}, id=device["id"])
    # Numbers a device erased leave no old page in the write-ahead log here either.
    erasure.settle(store)
    if not recover and push.get("changes"):
        # Superseded entries go a batch at a time, at most every few minutes (sync.compaction).
        compaction.after_merge(store)
    if recover:
        # Nothing merged, nothing pulled: the laptop repairs its log, then syncs again.
        return {**answer, "ack_seq": push.get("after", 0), "rejected": [], "recover": recover,
                "pull": {"cursor": cursor, "more": True, "changes": []}}
    return {**answer, "ack_seq": ack, "rejected": refusals,
            "pull": pull.pull(store, device, communes, cursor, upto, mine, version)}


# How stale a device's last_seen_at may be before a request that pushes nothing records it.
SEEN_EVERY_MS = 60 * 1000


def _bound_held(store, device, push, cursor, version, seen_at, continuing=False):
    """(the pull's bound, the device) for a request that may skip the merge lock, else None.

    A later request of the same sync (`continuing`) that has reached its bound is done: what
    was logged since its push comes at its next sync, rather than every laptop of an evening
    waiting behind the merges queued for the lock to move its bound on."""
    # Lock-free only when nothing is to be written: no push, no repair, last_seen_at recent
    # and the app version unchanged, and a pull that goes no further than the bound this
    # server recorded before handing out any position up to it (lineage's check holds).
    if push.get("changes"):
        return None
    device = store.find("devices", id=device["id"])[0]
    bound = device["pull_bound"]
    if bound is None or device["last_seq"] == lineage.UNPLACED or \
            device["app_version"] != seen_at["app_version"] or not device["last_seen_at"] or \
            abs(clock.parse(seen_at["last_seen_at"]) - clock.parse(device["last_seen_at"])) \
            > timedelta(milliseconds=SEEN_EVERY_MS):
        # Also a last sight far ahead of now, recorded under a clock since put right.
        return None
    if version >= 3 and not lineage.in_step(store, device, push, cursor):
        return None
    if cursor < bound or (continuing and cursor == bound) or store.last_seq() == bound:
        return bound, device
    return None


# Parents' tables before their children's: a push's new rows are inserted in this order.
_TABLE_ORDER = {table: n for n, table in enumerate(SYNCED_TABLES)}


class _Merge:
    """The changes of one push the device has not sent before, merged in the caller's
    transaction; `run()` returns (how far the device's changes are acknowledged, the refusals
    of every change of the request, (each change taken, the history entry it left))."""

    def __init__(self, store, device, communes, push, shift, server_now, check_values):
        self.store, self.device, self.push = store, device, push
        self.shift, self.server_now = shift, server_now
        self.fresh, self.retried = lineage.sorted_out(store, device["id"], push["changes"],
                                                      device["last_seq"])
        self.judge = _Judge(store, device, communes, check_values)
        self.judge.prefetch(self.fresh)
        self.own_stamp = "." + device["id"]
        # Most rows of a first push are new: they need no lookup, and the communes of the rows
        # they hang from are looked up at once for the batch. The rows held are read at once
        # too (a round trip each on PostgreSQL), each taken once: a later change of the same
        # row reads it as the earlier one left it.
        self._read_held()
        self.held_communes = capture.parent_communes(store, self.fresh)
        self.communes_of = dict(self.held_communes)
        # What this attempt refused, the latest stamp of each change it judged, and the
        # history entry each change it took left (by the change's seq; None: nothing to read).
        self.refusals, self.latest_stamps, self.entries = [], [], {}

    def run(self):
        store, device, fresh = self.store, self.device, self.fresh
        merge.each_alone_if_needed(store, fresh, self._merge_one, self._broken,
                                   before_retry=self._retry, together=self._merge_together)
        self._children_of_later_parents()
        # The server's clock moves past what it merged (corrected stamps: never in the future).
        capture.observe(store, [max(self.latest_stamps, default="")])
        at = _utc()
        store.insert("device_refusals", [
            {"device_id": device["id"], "seq": r["seq"], "table_name": r["table"],
             "row_id": r["id"], "code": r["code"], "reason": r["reason"], "at": at}
            for r in self.refusals], replace=True)
        refused_now = {r["seq"] for r in self.refusals}
        # Each change's history entry as the history holds it, erasures of the push included.
        erased = set(getattr(store, "erased", None) or ())
        taken = [(c, erasure.as_left(self.entries.get(c["seq"]), erased)) for c in fresh
                 if c["seq"] not in refused_now]
        refusals = self.refusals + _refused_before(store, device["id"], self.retried)
        refusals.sort(key=lambda r: r["seq"])
        # Every change of the request is merged, refused or known: acknowledged up to its last.
        changes = self.push["changes"]
        ack = changes[-1]["seq"] if changes else self.push.get("after", device["last_seq"])
        lineage.remember(store, device["id"], fresh, max(ack, device["last_seq"]))
        return ack, refusals, taken

    def _children_of_later_parents(self):
        """Judge once more the changes refused for a missing parent: the parent may have come
        later in the same push (a record refused before and sent again goes at the end of the
        laptop's log, after a record made on it since)."""
        waiting = {r["seq"] for r in self.refusals if r["code"] == "missing_parent"}
        if not waiting:
            return
        self.refusals = [r for r in self.refusals if r["seq"] not in waiting]
        self.communes_of.clear()
        merge.each_alone_if_needed(self.store, [c for c in self.fresh if c["seq"] in waiting],
                                   self._merge_one, self._broken)

    def _refuse(self, change, code, detail=""):
        self.refusals.append({"seq": change["seq"], "table": change["table"], "id": change["id"],
                              "code": code, "reason": policy.REASONS[code] + detail})

    def _accepted(self, change, current, known_communes):
        """(corrected fields, exact, scope) of a change the device may make; None if it changes
        nothing or, the refusal noted, if it may not."""
        known = self.store.columns(change["table"])
        if not change.get("again") and not all(
                triple[1].endswith(self.own_stamp) for name, triple in change["fields"].items()
                if name in known):
            # An edit is stamped by the device that sends it: one signed with another device's
            # id would be taken for that device's, and a concurrent edit lost unseen. (Fields
            # of a newer app travel with a row's edits as they were stamped.)
            self._refuse(change, "not_allowed")
            return None
        fields, exact, latest = _corrected(change, self.shift, self.server_now,
                                           self.device["id"])
        self.latest_stamps.append(latest)
        if current is not None:
            # A field as the server holds it already (its very stamp) changes nothing, and is
            # not judged: a record sent again whole may carry fields the device may not change.
            held = capture.row_clock(current)
            fields = {name: t for name, t in fields.items() if held.get(name) != t[1]}
            if not fields:
                return None
        code, scope = self.judge.refusal(change["table"], change["id"], current, fields,
                                         known_communes)
        if code is None:
            return fields, exact, scope
        self._refuse(change, code)
        return None

    def _merge_one(self, change):
        table, row_id = change["table"], change["id"]
        key = (table, row_id)
        if key in self.absent:
            current = None
            self.absent.discard(key)
        else:
            current = self.held.pop(key, None) or merge.row(self.store, table, row_id)
        taken = self._accepted(change, current, self.communes_of)
        if taken:
            fields, exact, scope = taken
            _, self.entries[change["seq"]] = merge.merge_pushed(
                self.store, table, row_id, fields, self.device["id"], exact, scope, current,
                again=change.get("again", False))
            if current is not None and capture.moves(table, fields):
                # Its rows below now lie elsewhere: the communes remembered may be wrong.
                self.communes_of.clear()
            # A later change of the push may hang from this row: its commune without a read
            # (on PostgreSQL a read waits for every write sent before it).
            self.communes_of[key] = scope[0]
            if erasure.marks_erasure(table, fields):
                # An erasure empties other rows too (conflicts on the numbers): read again.
                self.held.clear()

    def _merge_together(self, changes):
        """Write the push's new rows first, a table at a time in the synced tables' order (one
        statement per run of rows alike: on PostgreSQL the reach rows of thirty visits follow
        one statement), then merge the others change by change in the push's order."""
        new, rest = self._new_and_rest(changes)
        if new and not self._inserted_at_once(new):
            raise Broken("a new row of the push breaks the store's rules")
        for change in rest:
            self._merge_one(change)

    def _new_and_rest(self, changes):
        """(the changes that make a row this server lacks, parents' tables first; the others)
        or ([], changes) when a change moves a row held here or marks an erasure: what follows
        it in the push may depend on it, so the push is merged in its own order."""
        new, rest, made = [], [], set()
        for change in changes:
            table, fields = change["table"], change["fields"]
            key = (table, change["id"])
            if erasure.marks_erasure(table, fields):
                return [], changes
            if key in self.absent and key not in made and \
                    fields.keys() <= merge.known_fields(self.store, table):
                made.add(key)
                new.append(change)
            elif capture.moves(table, fields):
                return [], changes
            else:
                rest.append(change)
        new.sort(key=lambda change: _TABLE_ORDER.get(change["table"], len(_TABLE_ORDER)))
        return new, rest

    def _inserted_at_once(self, changes):
        """Merge changes making new rows with one statement per run of rows alike; False,
        having written nothing, if one breaks a constraint."""
        rows, log, entries, parents = [], [], [], dict(self.communes_of)
        for change in changes:
            taken = self._accepted(change, None, parents)
            if taken:
                fields, exact, scope = taken
                # A later row of the batch may hang from this one, which is not written yet.
                parents[(change["table"], change["id"])] = scope[0]
                rows.append((change["table"], change["id"], fields))
                entries.append(trail.entry(change["table"], change["id"], None,
                                           {name: t[0] for name, t in fields.items()}))
                self.entries[change["seq"]] = entries[-1]
                log.append(capture.log_entry(change["table"], change["id"], fields,
                                             self.device["id"], scope, exact, entries[-1]))
        if not merge.insert_new_rows(self.store, rows, log, entries):
            return False
        # Merged: a later change of one of these rows reads it, and finds its parents' communes.
        self.absent.difference_update((c["table"], c["id"]) for c in changes)
        self.communes_of.update(parents)
        return True

    def _broken(self, change, error):
        self._refuse(change, "incomplete", f" ({error})")
        self.communes_of.pop((change["table"], change["id"]), None)  # not written after all

    def _retry(self):
        self.refusals.clear(), self.latest_stamps.clear(), self.entries.clear()
        self.communes_of.clear(), self.communes_of.update(self.held_communes)
        self._read_held()

    def _read_held(self):
        self.held = merge.held_rows(self.store, self.fresh)
        self.absent = {(c["table"], c["id"]) for c in self.fresh} - self.held.keys()


def _refused_before(store, device_id, seqs):
    """The refusals of changes a device sends again, as its first attempt was answered."""
    if not seqs:
        return []
    return [{"seq": r["seq"], "table": r["table_name"], "id": r["row_id"], "code": r["code"],
             "reason": r["reason"]}
            for r in store.find("device_refusals", device_id=device_id, seq=seqs)]
