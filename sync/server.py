"""The central server's side: enrolment codes, devices, and answering a sync request."""

import hashlib
import hmac
import json
import secrets
import threading
import uuid
from datetime import datetime, timedelta, timezone

from . import capture, hlc, merge, policy
from .protocol import (BATCH, CLOCK_TOLERANCE_MS, PROTOCOL, Refused, check_sync,
                       check_version)
from .synced_tables import COMMUNE_PATH, OFFICE_SCOPED

CODE_HOURS = 24
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
# One merge at a time in this process: requests queue here, however many laptops sync at once,
# rather than at SQLite's busy timeout (which would answer "database is locked" past 10 s).
# BEGIN IMMEDIATE still orders writers of other processes (the command line).
_MERGING = threading.Lock()


def _hash(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


def _utc(delta=timedelta()):
    return (datetime.now(timezone.utc) + delta).isoformat(timespec="seconds")


def make_central(db):
    """Mark this database as the central server's."""
    capture.set_state(db, "role", "central")
    capture.set_state(db, "device_id", capture.CENTRAL_DEVICE)
    db._fieldapp_central = True
    db._fieldapp_clock = None


def create_enrolment_code(db, office_id, *, user_id):
    """A one-time code for one laptop of the office, valid for a day; only its hash is kept."""
    code = "-".join("".join(secrets.choice(_CODE_ALPHABET) for _ in range(4))
                    for _ in range(3))
    db.execute("insert into enrolment_codes (code_hash, office_id, created_at, created_by,"
               " expires_at) values (?, ?, ?, ?, ?)",
               [_hash(code), office_id, _utc(), user_id, _utc(timedelta(hours=CODE_HOURS))])
    return code


def code_expires_at(db, code):
    """When an enrolment code stops being accepted (UTC text), or None for an unknown code."""
    row = db.execute("select expires_at from enrolment_codes where code_hash = ?",
                     [_hash(code)]).fetchone()
    return row[0] if row else None


def enrol(db, message):
    """Turn a valid code into a device id and secret for the laptop."""
    if not isinstance(message, dict):
        raise Refused(400, "the body is not a JSON object")
    check_version(message)
    code = str(message.get("code") or "").strip().upper()
    name = str(message.get("device_name") or "").strip()[:100]
    if not code or not name:
        raise Refused(400, "an enrolment needs the code and a name for the laptop")
    with db.atomic():
        row = db.execute("select office_id, expires_at, used_at from enrolment_codes"
                         " where code_hash = ?", [_hash(code)]).fetchone()
        if row is None:
            raise Refused(403, "this enrolment code is not known: check it with the central"
                               " administrator")
        office_id, expires_at, used_at = row
        if used_at:
            raise Refused(403, "this enrolment code was already used: ask for a new one")
        if expires_at < _utc():
            raise Refused(403, "this enrolment code has expired: ask for a new one")
        device_id, secret = str(uuid.uuid4()), secrets.token_urlsafe(32)
        db.execute("insert into devices (id, name, office_id, secret_hash, enrolled_at,"
                   " app_version) values (?, ?, ?, ?, ?, ?)",
                   [device_id, name, office_id, _hash(secret), _utc(),
                    str(message.get("app_version") or "")[:40]])
        db.execute("update enrolment_codes set used_at = ?, device_id = ? where code_hash = ?",
                   [_utc(), device_id, _hash(code)])
        directory = office_directory(db, office_id)
    return {"protocol": PROTOCOL, "device_id": device_id, "secret": secret,
            "office_id": office_id, "directory": directory, "server_now": hlc.now_ms()}


def office_directory(db, office_id):
    """The office, its communes and its users as pulled changes: what a laptop takes over at
    enrolment, before it syncs."""
    rows = [("offices", r) for r in _rows(db, "select * from offices where id = ?",
                                         [office_id])]
    rows += [("office_communes", r) for r in _rows(
        db, "select * from office_communes where office_id = ? order by created_at", [office_id])]
    rows += [("users", r) for r in _rows(
        db, "select * from users where office_id = ? order by created_at", [office_id])]
    return [{"table": table, "id": row["id"], "fields": _as_held(table, row)}
            for table, row in rows]


def _rows(db, sql, params):
    cursor = db.conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, found)) for found in cursor]


def _as_held(table, row, names=None):
    """A row's fields as the server holds them, {name: [value, stamp, ""]}, but for the password
    hashes of administrators: they never leave the central server (an unusable "!" instead)."""
    clock = capture.row_clock(row)
    held = {name: [row.get(name), stamp, ""] for name, stamp in clock.items()
            if (names is None or name in names) and name in row}
    if table == "users" and row.get("role") == "admin" and "password_hash" in held:
        held["password_hash"][0] = UNUSABLE_HASH
    return held


# What a laptop holds for an administrator's password: no password opens it.
UNUSABLE_HASH = "!"


def authenticate(db, authorization):
    """The device a request's 'Authorization: Device <id>:<secret>' header names."""
    scheme, _, credentials = (authorization or "").partition(" ")
    device_id, _, secret = credentials.partition(":")
    if scheme != "Device" or not device_id or not secret:
        raise Refused(401, "this request carries no device credentials")
    row = db.execute("select * from devices where id = ?", [device_id])
    names = [d[0] for d in row.description]
    found = row.fetchone()
    device = dict(zip(names, found)) if found else None
    if device is None or not hmac.compare_digest(device["secret_hash"], _hash(secret)):
        raise Refused(401, "this laptop is not enrolled with the central server")
    if device["revoked_at"]:
        raise Refused(403, "this laptop's access was revoked by the central administrator;"
                           " its unsynced changes stay on the laptop")
    return device


def revoke(db, device_id):
    db.execute("update devices set revoked_at = ? where id = ? and revoked_at is null",
               [_utc(), device_id])


def devices(db):
    return list(db.query("""
        select d.*, o.name as office_name from devices d join offices o on o.id = d.office_id
         order by d.revoked_at is not null, o.name, d.name"""))


def office_communes(db, office_id):
    return {r[0] for r in db.execute(
        "select commune_code from office_communes where office_id = ? and deleted_at is null",
        [office_id])}


class _Judge:
    """Decides, for one request, whether each pushed change may be taken from the device, by
    the written policy (sync/policy.py)."""

    def __init__(self, db, device, communes, check_values):
        self.db, self.device, self.communes = db, device, communes
        self.office = device["office_id"]
        self.check_values = check_values
        self.office_users = {r[0] for r in db.execute(
            "select id from users where office_id = ?", [self.office])}
        self.extra_bytes = 0

    def refusal(self, table, row_id, current, fields, communes_of=None):
        """(the code of why the change may not be taken, or None; the row's scope)."""
        code = policy.judged(table, current, fields)
        if code:
            return code, None
        values = {name: triple[0] for name, triple in fields.items()}
        after = {**(current or {}), **values}
        if current is not None:
            # As it stands: a device cannot reach into another office's rows.
            code, _ = self._scope(table, current, None)
            if code:
                return code, None
        code, scope = self._scope(table, after, communes_of)
        if code:
            return code, None
        known = merge.columns(self.db, table)
        code = (self._values(table, {n: v for n, v in values.items() if n in known}, after)
                or self._extra(table, row_id, {n: v for n, v in values.items()
                                               if n not in known}))
        if code:
            return code, None
        if table == "users" and current is None:
            if not policy.new_user_allowed(after, self.office):
                return "central_only", None
            self.office_users.add(row_id)
        return None, scope

    def _scope(self, table, values, communes_of):
        commune, office = capture.scope(self.db, table, values, communes_of)
        if table in OFFICE_SCOPED or office is not None:
            return (None if office == self.office else "other_office"), (commune, office)
        if table in COMMUNE_PATH or table == "sync_conflicts":
            if commune == -1:
                return "missing_parent", None
            if commune not in self.communes:
                return "outside_office", None
        return None, (commune, office)

    def _values(self, table, values, after):
        """The forms' checks, and the users a row names: each of the device's office."""
        if self.check_values(table, values):
            return "invalid"
        named = dict(values)
        for field in policy.USER_LIST_FIELDS & values.keys():
            try:
                named[field] = json.loads(values[field] or "[]")
            except ValueError:
                return "invalid"
        if not policy.named_users(named) <= self.office_users:
            return "other_office"
        if table == "translation_reviews" and not self._translator(after.get("updated_by")):
            return "central_only"
        if table == "script_texts" and self._official_script(after.get("script_id")):
            return "central_only"
        if table == "scripts" and after.get("sample"):
            return "central_only"
        return None

    def _official_script(self, script_id):
        found = self.db.execute("select sample from scripts where id = ?", [script_id]
                                ).fetchone()
        return found is not None and found[0] == 1

    def _translator(self, user_id):
        found = self.db.execute("select translator, role from users where id = ? and"
                                " office_id = ? and active = 1", [user_id, self.office]
                                ).fetchone()
        return found is not None and (found[0] == 1 or found[1] == "admin")

    def _extra(self, table, row_id, unknown):
        """Fields a newer app sent: kept, within a cap per record and per request. What the
        record already holds travels with its every change and is not counted again, so
        nobody's later edits of the record are refused for it."""
        if not unknown:
            return None
        held = merge.extra_fields(self.db, table, row_id)
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
        new_stamp = hlc.shifted(stamp, shift_ms if _device(stamp) == device_id else 0,
                                ceiling_ms)
        if base and _device(base) == device_id:
            base = hlc.shifted(base, shift_ms, ceiling_ms)
        if base and new_stamp <= base:
            # An edit made after seeing another stays after it, however its clock is moved.
            wall_ms, counter, _ = hlc.parse(base)
            new_stamp = hlc.make(wall_ms, counter + 1, device_id)
        exact = exact and new_stamp == stamp
        out[name] = [value, new_stamp, base if base < new_stamp else ""]
    return out, exact, max(triple[1] for triple in out.values())


def _device(stamp):
    return hlc.parse(stamp)[2]


def handle_sync(db, device, message, check_values=lambda table, values: [],
                on_merged=lambda changes: None):
    """Merge a device's pushed changes, then answer with what it should pull.

    `check_values(table, values)` lists what is wrong with a record's values (the app's forms'
    rules): a change with a wrong value is refused. `on_merged(changes)` is told, in the merge's
    transaction, each change taken: (table, row id, field names), for the audit trail.
    """
    version = check_sync(message)
    server_now = hlc.now_ms()
    # The device's clock, as corrected by what it learnt from this server: any difference left
    # is an error its stamps share (see docs/sync-protocol.md, Clocks).
    skew = server_now - message["now"]
    shift = skew if abs(skew) > CLOCK_TOLERANCE_MS else 0
    changes = (message.get("push") or {}).get("changes", [])
    communes = office_communes(db, device["office_id"])
    with _MERGING, db.atomic():
        last_seq, rejected, taken = _merge_push(db, device, communes, changes, shift,
                                                server_now, check_values)
        on_merged([(c["table"], c["id"], list(c["fields"])) for c in taken])
        db.execute("update devices set last_seq = ?, last_seen_at = ?, app_version = ?"
                   " where id = ?", [last_seq, _utc(),
                                     str(message.get("app_version") or "")[:40], device["id"]])
    pull = _pull(db, device, communes, (message.get("pull") or {}).get("cursor", 0))
    return {"protocol": version, "server_now": server_now, "clock_offset_ms": skew,
            "ack_seq": last_seq, "rejected": rejected, "pull": pull}


def _merge_push(db, device, communes, changes, shift, server_now, check_values):
    """Merge the changes the device has not sent before, in the caller's transaction; return
    (the device's last merged seq, the refusals of every change of the request, the changes
    taken)."""
    # Read under the write lock: a retry that waited for its first attempt sees it merged.
    known_seq = db.execute("select last_seq from devices where id = ?",
                           [device["id"]]).fetchone()[0]
    fresh = [c for c in changes if c["seq"] > known_seq]
    retried = [c["seq"] for c in changes if c["seq"] <= known_seq]
    rejected, seen = [], []
    judge = _Judge(db, device, communes, check_values)
    # Most rows of a first push are new: they need no lookup, and the communes of the rows they
    # hang from are looked up at once for the batch.
    absent = merge.absent_rows(db, fresh)
    held_communes = capture.parent_communes(db, fresh)
    communes_of = dict(held_communes)

    def refuse(change, code, detail=""):
        rejected.append({"seq": change["seq"], "table": change["table"], "id": change["id"],
                         "code": code, "reason": policy.REASONS[code] + detail})

    def accepted(change, current, known_communes):
        """(corrected fields, exact, scope) of a change the device may make; None, the refusal
        noted, if it may not."""
        fields, exact, latest = _corrected(change, shift, server_now, device["id"])
        seen.append(latest)
        code, scope = judge.refusal(change["table"], change["id"], current, fields,
                                    known_communes)
        if code is None:
            return fields, exact, scope
        refuse(change, code)
        return None

    def merge_one(change):
        table, row_id = change["table"], change["id"]
        current = None if (table, row_id) in absent else merge._row(db, table, row_id)
        absent.discard((table, row_id))
        taken = accepted(change, current, communes_of)
        if taken:
            fields, exact, scope = taken
            merge.merge_pushed(db, table, row_id, fields, device["id"], exact, scope, current,
                               again=change.get("again", False))
            if current is not None and _moves(table, fields):
                # Its rows below now lie elsewhere: the communes remembered may be wrong.
                communes_of.clear()

    def inserted_at_once():
        """Merge a batch of new rows with one statement per run of rows; False, having written
        nothing, if one breaks a constraint."""
        rows, log, parents = [], [], dict(held_communes)
        for change in fresh:
            taken = accepted(change, None, parents)
            if taken:
                fields, exact, scope = taken
                # A later row of the batch may hang from this one, which is not written yet.
                parents[(change["table"], change["id"])] = scope[0]
                rows.append((change["table"], change["id"], fields))
                log.append(capture.log_entry(change["table"], change["id"], fields,
                                             device["id"], scope, exact))
        return merge.insert_new_rows(db, rows, log)

    def broken(change, error):
        refuse(change, "incomplete", f" ({error})")

    def retry():
        rejected.clear(), seen.clear()
        communes_of.clear(), communes_of.update(held_communes)
        absent.update(merge.absent_rows(db, fresh))

    if not (merge.new_rows_only(db, fresh, absent) and inserted_at_once()):
        rejected.clear(), seen.clear()  # of a batch that was not written at once
        merge.each_alone_if_needed(db, fresh, merge_one, broken, before_retry=retry)
    # The server's clock moves past what it merged (corrected stamps: never in the future).
    capture.observe(db, [max(seen, default="")])
    at = _utc()
    db.conn.executemany(
        "insert or replace into device_refusals (device_id, seq, table_name, row_id, code,"
        " reason, at) values (?, ?, ?, ?, ?, ?, ?)",
        [(device["id"], r["seq"], r["table"], r["id"], r["code"], r["reason"], at)
         for r in rejected])
    refused_now = {r["seq"] for r in rejected}
    taken = [c for c in fresh if c["seq"] not in refused_now]
    rejected += _refused_before(db, device["id"], retried)
    rejected.sort(key=lambda r: r["seq"])
    return (fresh[-1]["seq"] if fresh else known_seq), rejected, taken


def _refused_before(db, device_id, seqs):
    """The refusals of changes a device sends again, as its first attempt was answered."""
    found = []
    for start in range(0, len(seqs), 500):
        part = seqs[start:start + 500]
        found += [{"seq": seq, "table": table, "id": row_id, "code": code, "reason": reason}
                  for seq, table, row_id, code, reason in db.execute(
                      "select seq, table_name, row_id, code, reason from device_refusals"
                      f" where device_id = ? and seq in ({','.join('?' * len(part))})",
                      [device_id, *part])]
    return found


def _moves(table, fields):
    """Whether a change moves a row to another commune (and the rows hanging from it)."""
    path = COMMUNE_PATH.get(table, False)
    if path is False:
        return False
    return ("commune_code" if path is None else path[1]) in fields


def _pull(db, device, communes, cursor):
    """The next batch of changes the device may see, after its cursor, read from one snapshot:
    the new cursor never passes a change the batch did not consider."""
    marks = ",".join("?" * len(communes)) or "null"
    with db.snapshot():
        rows = db.execute(f"""
            select seq, table_name, row_id, fields from sync_log
             where seq > ?
               and ((scope_commune is null and scope_office is null)
                    or scope_commune in ({marks}) or scope_office = ?)
               and not (origin = ? and origin_has_it = 1)
             order by seq limit ?""",
                          [cursor, *sorted(communes), device["office_id"], device["id"],
                           BATCH + 1]).fetchall()
        more = len(rows) > BATCH
        rows = rows[:BATCH]
        if more:
            new_cursor = rows[-1][0]
        else:
            new_cursor = max(cursor, db.execute("select coalesce(max(seq), 0) from sync_log"
                                                ).fetchone()[0])
        current = _current_rows(db, rows)
        has_extra = db.execute("select exists (select 1 from sync_extra)").fetchone()[0]
        changes = []
        for seq, table, row_id, fields in rows:
            row = current.get((table, row_id), {})
            extra = merge.extra_fields(db, table, row_id) if has_extra else {}
            # The fields as the server holds them now: a laptop can take them as they are,
            # since a later change can only have moved them forward.
            now = _as_held(table, row, json.loads(fields))
            now.update({name: extra[name] for name in json.loads(fields) if name in extra})
            changes.append({"seq": seq, "table": table, "id": row_id, "fields": now})
    return {"cursor": new_cursor, "more": more, "changes": changes}


def _current_rows(db, entries):
    """The rows a batch of log entries names, fetched table by table."""
    wanted = {}
    for _seq, table, row_id, _fields in entries:
        wanted.setdefault(table, set()).add(row_id)
    rows = {}
    for table, ids in wanted.items():
        ids = sorted(ids)
        for start in range(0, len(ids), 500):
            part = ids[start:start + 500]
            cursor = db.conn.execute(f"select * from [{table}] where id in"
                                     f" ({','.join('?' * len(part))})", part)
            names = [d[0] for d in cursor.description]
            for found in cursor:
                row = dict(zip(names, found))
                rows[(table, row["id"])] = row
    return rows
