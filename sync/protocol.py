"""The sync protocol's messages: versions, limits, and checking what a request carries."""

import re

from . import hlc
from .tables import SYNCED_TABLES

PROTOCOL = 2
# The previous version sent uncompressed bodies and no unknown fields; it is still accepted.
SUPPORTED = (1, 2)
BATCH = 1000             # changes per push or pull
MAX_BODY = 32 * 1024 * 1024
MAX_VALUE = 20_000       # characters in one text value
CLOCK_TOLERANCE_MS = 2 * 60 * 1000

_ID = re.compile(r"^[A-Za-z0-9-]{1,64}$")
_FIELD = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_NUMBERS = (bool, int, float)
# SQLite's integers: a sequence, cursor or clock beyond them cannot be stored or compared.
INT_MAX = 2 ** 63 - 1


class Refused(Exception):
    """A request the server answers with a 4xx status and a plain reason."""

    def __init__(self, status, reason, **extra):
        super().__init__(reason)
        self.status, self.reason, self.extra = status, reason, extra


def check_version(message):
    version = message.get("protocol")
    if not isinstance(version, int):
        raise Refused(400, "the request does not say which protocol version it speaks")
    if version < min(SUPPORTED):
        raise Refused(426, f"this app is too old for the central server (protocol {version});"
                           " update fieldapp, then sync again", supported=list(SUPPORTED))
    if version > max(SUPPORTED):
        raise Refused(400, f"protocol {version} is newer than this server knows;"
                           " update the central server", supported=list(SUPPORTED))
    return version


def check_change(change, where, checked=None):
    """One change: {seq?, table, id, fields: {name: [value, stamp, base]}}.

    `checked` is (field names, stamps) already found valid: the changes of a batch mostly
    share them, so the loop below rarely goes past a set lookup.
    """
    if not isinstance(change, dict):
        raise Refused(400, f"{where} is not an object")
    if change.get("table") not in SYNCED_TABLES:
        raise Refused(400, f"{where} names an unknown table {change.get('table')!r}")
    if not isinstance(change.get("id"), str) or not _ID.match(change["id"]):
        raise Refused(400, f"{where} has no valid record id")
    fields = change.get("fields")
    if not isinstance(fields, dict) or not fields:
        raise Refused(400, f"{where} has no fields")
    if type(change.get("again", False)) is not bool:
        raise Refused(400, f"{where}: 'again' must be true or false")
    valid_names, valid_stamps = checked if checked is not None else (set(), set())
    for name, triple in fields.items():
        if name not in valid_names:
            if not _FIELD.match(name) or name in ("id", "sync_clock"):
                raise Refused(400, f"{where} has an invalid field name {name!r}")
            valid_names.add(name)
        if type(triple) is not list or len(triple) != 3:
            raise Refused(400, f"{where}, field {name}: expected [value, stamp, base stamp]")
        value, stamp, base = triple
        if not (value is None or type(value) in _NUMBERS
                or (type(value) is str and len(value) <= MAX_VALUE)):
            raise Refused(400, f"{where}, field {name}: a value must be text (at most"
                               f" {MAX_VALUE} characters), a number, true, false or null")
        for one in (stamp,) if base == "" else (stamp, base):
            if one not in valid_stamps:
                if type(one) is not str or not hlc.valid(one):
                    raise Refused(400, f"{where}, field {name}: expected [value, stamp,"
                                       " base stamp]")
                valid_stamps.add(one)
        if base != "" and base >= stamp:
            raise Refused(400, f"{where}, field {name}: its base stamp is not before its stamp")


def check_sync(message):
    """A sync request: push (optional) and pull; raises Refused for anything malformed."""
    if not isinstance(message, dict):
        raise Refused(400, "the body is not a JSON object")
    version = check_version(message)
    if type(message.get("now")) is not int or not 0 <= message["now"] <= INT_MAX:
        raise Refused(400, "the request does not carry the device's clock ('now', in ms)")
    push = message.get("push") or {"changes": []}
    if not isinstance(push, dict) or not isinstance(push.get("changes"), list):
        raise Refused(400, "'push' must hold a list of changes")
    if len(push["changes"]) > BATCH:
        raise Refused(413, f"at most {BATCH} changes per request")
    previous, checked = None, (set(), set())
    for n, change in enumerate(push["changes"]):
        where = f"change {n + 1}"
        check_change(change, where, checked)
        seq = change.get("seq")
        if type(seq) is not int or not 1 <= seq <= INT_MAX \
                or (previous is not None and seq <= previous):
            raise Refused(400, f"{where} has no increasing sequence number")
        previous = seq
    pull = message.get("pull") or {}
    if not isinstance(pull, dict) or type(pull.get("cursor", 0)) is not int \
            or not 0 <= pull.get("cursor", 0) <= INT_MAX:
        raise Refused(400, "'pull' must carry a cursor: a whole number from 0")
    return version
