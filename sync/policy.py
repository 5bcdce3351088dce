"""What a laptop may write on the central server: the written policy the merge enforces.

A laptop is a device in a bag in a mountain village: it can be stolen and its credentials
copied. So every pushed change is judged as if a stranger holding that device's key sent it:

1. Its table must be one a device may write (DEVICE_TABLES); offices, their communes, policy
   figures and configurable lists are the central server's alone, and so are the official
   scripts and their texts (OFFICIAL).
2. A new row must be one a device may create (never an account: accounts are made on the
   central server); a change to an existing row may touch only the fields the policy lists
   for that table (for users: their own name and language, never a role, office, password or
   username).
3. The row must lie in the device's office both as it stands and as it would become: the
   server works that out from the row and its parents, never from anything the device names.
4. Every other record it names (REFERENCES: a person, a village, a commune, a script...) must
   be one of the device's office, or one the central server does not hold; every user it names
   must be a user of the device's office; an author (AUTHORS) must be one who may write it.
5. Its values must pass the same checks as the forms (fieldapp.rules, handed in by the app).
6. Its stamps are the sending device's own, but in a record sent again whole.
7. Fields this version does not know are kept for newer apps, within a size cap.

A refusal is per record, with a code and a reason, and changes nothing.
"""

from dataclasses import dataclass

from . import erasure
from .synced_tables import USER_COLUMNS, USER_LISTS

ALL = "all"


@dataclass(frozen=True)
class Rule:
    create: bool            # may a device create rows of the table?
    change: object = ALL    # fields it may change on an existing row: ALL, or a set
    refusal: str = "not_allowed"  # the code of a change the rule refuses


_DATA = Rule(create=True)
_WHO = {"updated_at", "updated_by"}

DEVICE_TABLES = {
    "villages": _DATA, "households": _DATA, "people": _DATA, "visits": _DATA,
    "visit_outcomes": _DATA, "group_sessions": _DATA, "session_attendees": _DATA,
    "targets": _DATA,
    # Accounts are made on the central server only, as ODK Central's app users are: a user
    # may change their own name and language from a laptop (OWN_ROW), nothing more. A
    # collaborator met in the field is a visit's companion or a person, not a login.
    "users": Rule(create=False, change={"full_name", "locale", *_WHO}, refusal="central_only"),
    # Conflicts are found by the central server; a laptop only sends a supervisor's choice.
    "sync_conflicts": Rule(create=False, change={"resolved_at", "resolution", *_WHO}),
    # Drafts of scripts in the field, owned by the office that wrote them (OWNED); the
    # official (sample) scripts are the central server's.
    "scripts": Rule(create=True, change={"deleted_at", *_WHO}),
    "script_texts": Rule(create=True, change=set()),
    # Reviews by the office's translators (AUTHORS).
    "translation_reviews": _DATA,
}
# Tables whose rows a device may change only when the row is the changing user's own.
OWN_ROW = {"users"}

ONE, LIST = "one", "list"
# Every column that names another record: (the table it names, one id or a JSON list of ids).
# Each must name a record of the device's office or one the central server does not hold yet
# (the device sends it later); never another office's. The commune path (synced_tables.
# COMMUNE_PATH) and the office columns are judged as the row's scope; the rest here, one by
# one. Columns naming users are USER_FIELDS and USER_LIST_FIELDS. A synced table that gains a
# column naming a record must be listed here (tests/test_sync_trust.py checks).
REFERENCES = {
    "villages": {"commune_code": ("communes", ONE)},
    "households": {"village_id": ("villages", ONE), "head_person_id": ("people", ONE)},
    "people": {"household_id": ("households", ONE)},
    "visits": {"household_id": ("households", ONE), "present": ("people", LIST)},
    "visit_outcomes": {"visit_id": ("visits", ONE), "person_id": ("people", ONE)},
    "group_sessions": {"commune_code": ("communes", ONE), "village_id": ("villages", ONE)},
    "session_attendees": {"session_id": ("group_sessions", ONE), "person_id": ("people", ONE)},
    "targets": {"office_id": ("offices", ONE), "commune_code": ("communes", ONE)},
    "users": {"office_id": ("offices", ONE)},
    "script_texts": {"script_id": ("scripts", ONE)},
}
# Rows every office reads but one office owns, that of the user who created them: only the
# owner's devices change them (a draft script and, through it, its texts).
OWNED = {"scripts"}
# Rows of a device's table that are the central server's all the same (central_only): an
# official (sample) script, and a text of one. {table: (the table holding the mark, the column
# naming its row, None for the row itself; the mark, a column set to 1)}.
OFFICIAL = {"scripts": ("scripts", None, "sample"),
            "script_texts": ("scripts", "script_id", "sample")}
# Values the forms' checks judge against another of the row: a translation's placeholders
# against its source's.
CHECKED_TOGETHER = {"translation_reviews": {"msgstr": "msgid"}}
# Who may be named as a row's author ("updated_by"): an active member of the office, a
# translator of it for a review (one must be named), never an administrator (administrators do
# not work on laptops). A user's own row is written by that user (OWN_ROW).
AUTHORS = {"translation_reviews": "translator", "script_texts": "member",
           "scripts": "member", "users": "member"}
# Who logs in on a laptop without the central server: the office's active field users
# (officers, collaborators among them, and supervisors). Only their password hashes go to the
# office's laptops; every other account a laptop holds (for names in its records) comes with
# WITHHELD_HASH, which no password opens. Administrators work on the central server.
OFFLINE_LOGIN_ROLES = frozenset({"officer", "supervisor"})
WITHHELD_HASH = "!"
# The fields of an account that decide whether its hash goes to a laptop: a change of any of
# them sends the hash (or WITHHELD_HASH) again.
OFFLINE_LOGIN_FIELDS = frozenset({"role", "active", "deleted_at", "office_id", "password_hash"})
# Never taken from a device, on any table: the row's identity and clock are the server's.
NEVER = {"id", "sync_clock"}
# Columns naming a user (visits.officer_id, every row's created_by/updated_by) or a list of
# users (group_sessions.facilitators): each must be a user of the device's office.
USER_FIELDS = {column for columns in USER_COLUMNS.values() for column in columns}
USER_LIST_FIELDS = set(USER_LISTS.values())
# Fields this version has no column for, kept for a newer app: at most this much.
EXTRA_PER_CHANGE = 4 * 1024
EXTRA_PER_REQUEST = 64 * 1024

REASONS = {
    "central_only": "offices, their communes, users' roles and passwords, policy figures and"
                    " lists are managed on the central server",
    "not_allowed": "a laptop may not make this change",
    "other_office": "the record belongs to another office",
    "outside_office": "the record lies outside your office's communes",
    "missing_parent": "it refers to a record the central server does not have",
    "invalid": "a value is not accepted",
    "too_large": "it carries too many unknown fields",
    "incomplete": "the record is incomplete or contradicts another",
}


def judged(table, current, fields):
    """The code of why the table or fields may not come from a device, or None; `current` is
    the row as the server holds it (None for a new row)."""
    rule = DEVICE_TABLES.get(table)
    if rule is None:
        return "central_only"
    if NEVER & fields.keys():
        return "not_allowed"
    if erasure.marks_erasure(table, fields) and erasure.leaves_numbers(
            table, {**(current or {}), **{name: t[0] for name, t in fields.items()}}):
        # An erasure that leaves a number behind is none: refused, as any contradiction.
        return "invalid"
    if current is None:
        return None if rule.create else rule.refusal
    if rule.change is not ALL and not fields.keys() <= rule.change:
        return rule.refusal
    return None


def named_users(values):
    """The user ids a row's values name."""
    names = {values[f] for f in USER_FIELDS if values.get(f)}
    for field in USER_LIST_FIELDS & values.keys():
        names.update(values[field] or [])
    return names


def logs_in_offline(user, office_id):
    """Whether the account may log in on a laptop of this office, so its hash goes there."""
    return (user.get("office_id") == office_id and user.get("role") in OFFLINE_LOGIN_ROLES
            and bool(user.get("active")) and not user.get("deleted_at"))
