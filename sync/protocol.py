"""The sync protocol's messages: versions, limits, and checking what a request carries."""

import json
import math
import re

from . import hlc
from .policy import NEVER
from .synced_tables import SYNCED_TABLES

PROTOCOL = 4
# Version 4 answers a pull with pages of the central log (sync.pages), each office's encoded once
# and compactly, the laptop skipping its own changes. Version 3 says where a laptop's push starts and where its log ends (push.after, push.last),
# so that either side going back in time is noticed (sync.lineage). Version 2 did not; version
# 1 sent uncompressed bodies and no unknown fields. Both are still accepted.
SUPPORTED = (1, 2, 3, 4)
BATCH = 1000             # changes per push or pull
MAX_BODY = 32 * 1024 * 1024
MAX_VALUE = 20_000       # characters in one text value
# Fields in one change: the widest synced table has about 25 columns; the rest is room for the
# unknown fields of a newer app.
MAX_FIELDS = 200
# Arrays and objects inside one another: a sync request needs 6 levels.
MAX_DEPTH = 16
MAX_NAME = 100           # characters in a laptop's name or app version
MAX_ACCOUNTS = 1000      # usernames an enrolment request names
CLOCK_TOLERANCE_MS = 2 * 60 * 1000
# SQLite's integers are 64 bits; a clock stamp holds 13 digits of milliseconds.
MAX_INTEGER = 2**63 - 1
MAX_CLOCK_MS = 10**13 - 1

_ID = re.compile(r"[A-Za-z0-9-]{1,64}")
_FIELD = re.compile(r"[a-z][a-z0-9_]{0,63}")


# One word each: a request is denied (RequestDenied, an HTTP 4xx answer); a change of one is
# refused (sync.refused on a laptop, device_refusals here) with a code of policy.REASONS; the
# answer's "rejected" is the wire's name for a request's refusals, kept as protocol 1 named it.
class RequestDenied(Exception):
    """A whole request the server turns away, with a 4xx status and a plain reason."""

    def __init__(self, status, reason, **extra):
        super().__init__(reason)
        self.status, self.reason, self.extra = status, reason, extra


def decode(raw):
    """A request body's JSON; RequestDenied for anything that is not JSON or nests too deeply."""
    try:
        message = json.loads(raw, parse_constant=_not_json, parse_float=_finite)
    except (ValueError, UnicodeDecodeError):
        raise RequestDenied(400, "the body is not JSON") from None
    except RecursionError:
        raise RequestDenied(400, "the body nests too deeply") from None
    # Anything deeper than a request needs is refused before code that recurses sees it: a
    # value nested in MAX_DEPTH containers. Only containers are carried down a level (most of
    # a request is values).
    level = [message] if isinstance(message, (dict, list)) else []
    for _ in range(MAX_DEPTH - 1):
        if not level:
            return message
        level = [inner for outer in level
                 for inner in (outer.values() if isinstance(outer, dict) else outer)
                 if isinstance(inner, (dict, list))]
    if any(level):
        raise RequestDenied(400, "the body nests too deeply")
    return message


def _not_json(constant):
    raise ValueError(f"{constant} is not JSON")


def _finite(text):
    """A JSON number as a float; ValueError for one too large for 64 bits (1e400)."""
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"{text} is too large")
    return number


def _whole(value, low=0, high=MAX_INTEGER):
    """Whether a value is a whole number (not true or false, not 1.0) between low and high."""
    return type(value) is int and low <= value <= high


def _text(value, longest=MAX_VALUE):
    """Whether a value is text SQLite and every laptop can hold: no NUL, no lone surrogate."""
    if type(value) is not str or len(value) > longest or "\0" in value:
        return False
    if value.isascii():
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _shown(value):
    """A value quoted in a reason, short and printable whatever was sent."""
    return repr(value[:64]) if isinstance(value, str) else f"a {type(value).__name__}"


def _stamp(value):
    """Whether a value is a clock stamp exactly as hlc makes it (nothing after it, no newline)."""
    return type(value) is str and hlc.valid(value) and hlc.make(*hlc.parse(value)) == value


def check_version(message):
    version = message.get("protocol")
    if type(version) is not int:
        raise RequestDenied(400, "the request does not say which protocol version it speaks")
    if version < min(SUPPORTED):
        raise RequestDenied(426, f"this app is too old for the central server (protocol"
                                 f" {version}); update fieldapp, then sync again",
                            supported=list(SUPPORTED))
    if version > max(SUPPORTED):
        raise RequestDenied(400, f"protocol {version} is newer than this server knows;"
                                 " update the central server", supported=list(SUPPORTED))
    return version


def check_change(change, where, checked=None):
    """One change: {seq?, table, id, fields: {name: [value, stamp, base]}}.

    `checked` is (field names, stamps) already found valid: the changes of a batch mostly
    share them, so the loop below rarely goes past a set lookup.
    """
    if not isinstance(change, dict):
        raise RequestDenied(400, f"{where} is not an object")
    if not isinstance(change.get("table"), str) or change["table"] not in SYNCED_TABLES:
        raise RequestDenied(400, f"{where} names an unknown table {_shown(change.get('table'))}")
    if not isinstance(change.get("id"), str) or not _ID.fullmatch(change["id"]):
        raise RequestDenied(400, f"{where} has no valid record id")
    fields = change.get("fields")
    if not isinstance(fields, dict) or not fields:
        raise RequestDenied(400, f"{where} has no fields")
    if len(fields) > MAX_FIELDS:
        raise RequestDenied(413, f"{where} has more than {MAX_FIELDS} fields")
    if type(change.get("again", False)) is not bool:
        raise RequestDenied(400, f"{where}: 'again' must be true or false")
    valid_names, valid_stamps = checked if checked is not None else (set(), set())
    for name, triple in fields.items():
        if name not in valid_names:
            if not _FIELD.fullmatch(name) or name in NEVER:
                raise RequestDenied(400, f"{where} has an invalid field name {_shown(name)}")
            valid_names.add(name)
        if type(triple) is not list or len(triple) != 3:
            raise RequestDenied(400, f"{where}, field {name}: expected [value, stamp, base stamp]")
        value, stamp, base = triple
        if not (value is None or type(value) is bool or _whole(value, -MAX_INTEGER - 1)
                or type(value) is float or _text(value)):
            raise RequestDenied(400, f"{where}, field {name}: a value must be text (at most"
                                     f" {MAX_VALUE} characters of valid Unicode, no NUL), a number"
                                     " that fits in 64 bits, true, false or null")
        for one in (stamp,) if base == "" else (stamp, base):
            if type(one) is not str:
                raise RequestDenied(400, f"{where}, field {name}: expected [value, stamp,"
                                         " base stamp]")
            if one not in valid_stamps:
                if not _stamp(one):
                    raise RequestDenied(400, f"{where}, field {name}: expected [value, stamp,"
                                             " base stamp]")
                valid_stamps.add(one)
        if base != "" and base >= stamp:
            raise RequestDenied(400, f"{where}, field {name}: its base stamp is not before its"
                                     " stamp")


def check_sync(message):
    """A sync request: push (optional) and pull; raises RequestDenied for anything malformed."""
    if not isinstance(message, dict):
        raise RequestDenied(400, "the body is not a JSON object")
    version = check_version(message)
    if not _whole(message.get("now"), 0, MAX_CLOCK_MS):
        raise RequestDenied(400, "the request does not carry the device's clock ('now':"
                                 f" milliseconds since 1970, from 0 to {MAX_CLOCK_MS})")
    check_app_version(message)
    push = {"changes": []} if message.get("push") is None else message["push"]
    if not isinstance(push, dict) or not isinstance(push.get("changes"), list):
        raise RequestDenied(400, "'push' must hold a list of changes")
    if len(push["changes"]) > BATCH:
        raise RequestDenied(413, f"at most {BATCH} changes per request")
    # Required from version 3; checked whenever given.
    placed = version >= 3 or "after" in push or "last" in push
    if placed:
        after, last = push.get("after"), push.get("last")
        if not (_whole(after) and _whole(last) and after <= last):
            raise RequestDenied(400, "'push' must say after which of the laptop's changes it"
                                     " starts ('after') and where its log ends ('last'): whole"
                                     " numbers, 'after' not past 'last'")
    previous, checked = None, (set(), set())
    for n, change in enumerate(push["changes"]):
        where = f"change {n + 1}"
        check_change(change, where, checked)
        seq = change.get("seq")
        if not _whole(seq, 1) or (previous is not None and seq <= previous):
            raise RequestDenied(400, f"{where} has no increasing sequence number (a whole number"
                                     f" from 1 to {MAX_INTEGER})")
        previous = seq
    if placed and push["changes"] and not (
            push["after"] < push["changes"][0]["seq"] and previous <= push["last"]):
        raise RequestDenied(400, "the pushed changes lie outside 'after' and 'last'")
    # Absent or null, else an object: false, 0 or [] are no request to pull from 0.
    pull = {} if message.get("pull") is None else message["pull"]
    if not isinstance(pull, dict) or not _whole(pull.get("cursor", 0)):
        raise RequestDenied(400, "'pull' must carry a cursor: a whole number from 0 to"
                                 f" {MAX_INTEGER}")
    if type(pull.get("mine", False)) is not bool:
        raise RequestDenied(400, "'pull.mine' must be true or false")
    if type(pull.get("continuing", False)) is not bool:
        raise RequestDenied(400, "'pull.continuing' must be true or false")
    return version


def check_enrol(message):
    """An enrolment request: a one-time code, a name for the laptop and the usernames of its
    accounts that made records (`accounts`, optional)."""
    if not isinstance(message, dict):
        raise RequestDenied(400, "the body is not a JSON object")
    version = check_version(message)
    if not (_text(message.get("code"), MAX_NAME) and _text(message.get("device_name"), MAX_NAME)):
        raise RequestDenied(400, "an enrolment needs the code and a name for the laptop (text, at"
                                 f" most {MAX_NAME} characters)")
    accounts = message.get("accounts", [])
    if not (isinstance(accounts, list) and len(accounts) <= MAX_ACCOUNTS
            and all(_text(a, MAX_NAME) for a in accounts)):
        raise RequestDenied(400, f"'accounts' must be a list of at most {MAX_ACCOUNTS} usernames")
    check_app_version(message)
    return version


def check_app_version(message):
    if "app_version" in message and not _text(message["app_version"], MAX_NAME):
        raise RequestDenied(400, f"'app_version' must be text of at most {MAX_NAME} characters")
