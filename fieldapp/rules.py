"""What a stored record's values may be: checked by the forms and by the central server's merge
of records laptops push, so that nothing a form would refuse can arrive by sync either."""

import json
import re
from datetime import date, datetime, timedelta

from . import clock, personal, placeholders
from .vocabulary import (BHXH_STATUSES, GENDERS, METRIC_LABELS, OUTCOMES, ROLES, VILLAGE_KINDS,
                         VSSID_STATES)

CONFLICT_CHOICES = ("kept", "lost", "new")
FIRST_YEAR, LAST_YEAR = 1900, 2100
# Lengths the forms allow; the merge allows the same.
LENGTHS = {"name": 120, "note": 200, "notes": 2000, "place": 200, "code": 40, "id": 64,
           "script": 20_000}
_CODE = re.compile(r"^[a-z0-9_]{1,40}$")
_ID = re.compile(r"^[A-Za-z0-9-]{1,64}$")
_LOCALE = re.compile(r"^[a-z]{2,3}$")
_HASH = re.compile(r"^(scrypt|pbkdf2):[^$\s]{1,64}\$[^$\s]{1,64}\$[0-9a-f]{32,256}$")


def _text(limit, required=False):
    def check(value):
        if value is None or value == "":
            return "required" if required else None
        if not isinstance(value, str):
            return "not text"
        if len(value) > limit:
            return f"longer than {limit} characters"
        if "\x00" in value:
            return "holds a NUL character"
        return None
    return check


def _integer(low, high, required=False):
    def check(value):
        if value is None:
            return "required" if required else None
        if type(value) is not int or not low <= value <= high:
            return f"not a whole number from {low} to {high}"
        return None
    return check


def _number(low, high, required=False):
    """A whole or decimal number (a policy figure's value)."""
    def check(value):
        if value is None:
            return "required" if required else None
        if type(value) not in (int, float) or not low <= value <= high:
            return f"not a number from {low} to {high}"
        return None
    return check


def _flag(value):
    return None if value in (0, 1, True, False) else "not 0 or 1"


def _one_of(choices, required=True):
    def check(value):
        if value is None:
            return "required" if required else None
        return None if value in choices else f"not one of {', '.join(choices)}"
    return check


def _code(required=False):
    """A configurable list's code (ethnicity, language, topic, ...)."""
    def check(value):
        if value is None or value == "":
            return "required" if required else None
        return None if isinstance(value, str) and _CODE.match(value) else "not a list code"
    return check


def _ident(required=False):
    def check(value):
        if value is None:
            return "required" if required else None
        return None if isinstance(value, str) and _ID.match(value) else "not a record id"
    return check


def _day(required=False):
    """An ISO date within the years people and cards can have."""
    def check(value):
        if value is None or value == "":
            return "required" if required else None
        try:
            day = date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 \
                else None
        except ValueError:
            day = None
        if day is None or not FIRST_YEAR <= day.year <= LAST_YEAR:
            return "not a date (YYYY-MM-DD)"
        return None
    return check


def _moment(required=False):
    """An ISO date and time (a visit's, or when a row was written)."""
    def check(value):
        if value is None or value == "":
            return "required" if required else None
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00")) \
                if isinstance(value, str) and 16 <= len(value) <= 40 else None
        except ValueError:
            moment = None
        if moment is None or not FIRST_YEAR <= moment.year <= LAST_YEAR:
            return "not a date and time"
        return None
    return check


def _json_list(item, limit=200):
    def check(value):
        try:
            items = json.loads(value) if isinstance(value, str) else None
        except ValueError:
            items = None
        if not isinstance(items, list) or len(items) > limit:
            return "not a JSON list"
        return next((f"holds {problem}" for problem in map(item, items) if problem), None)
    return check


# What a visit's outcomes may change on a person, and the values each field may take.
_STATUS_FIELDS = {"bhxh_status": _one_of(BHXH_STATUSES, False), "vssid": _one_of(VSSID_STATES, False),
                  "bhyt_card_type": _code(), "bhyt_expiry": _day()}


def _status_changes(value):
    """{person id: {status field: [before, after]}}, as visits.status_changes holds it."""
    try:
        changes = json.loads(value) if isinstance(value, str) else None
    except ValueError:
        changes = None
    if not isinstance(changes, dict) or len(changes) > 200:
        return "not a JSON object of people"
    for person, fields in changes.items():
        if _ident(True)(person) or not isinstance(fields, dict):
            return "not a JSON object of people"
        for field, pair in fields.items():
            if field not in _STATUS_FIELDS or not isinstance(pair, list) or len(pair) != 2 \
                    or any(_STATUS_FIELDS[field](v) for v in pair):
                return f"holds a change of {field!r} that is not a status"
    return None


def _question(item):
    """A script's question with its answer."""
    if not isinstance(item, dict) or not item.keys() <= {"q", "a"} or any(
            not isinstance(v, str) or len(v) > LENGTHS["notes"] for v in item.values()):
        return "not a question and its answer"
    return None


def _json_counts(value):
    try:
        counts = json.loads(value) if isinstance(value, str) else None
    except ValueError:
        counts = None
    if not isinstance(counts, dict) or len(counts) > 100 or not all(
            isinstance(k, str) and _CODE.match(k) and type(n) is int and 0 <= n <= 100_000
            for k, n in counts.items()):
        return "not counts by code"
    return None


def _cccd(value):
    if value is None:
        return None
    return "not a CCCD" if not isinstance(value, str) or personal.cccd_problem(value) else None


def _bhxh_number(value):
    if value is None:
        return None
    return None if isinstance(value, str) and personal.bhxh_number_ok(value) else \
        "not a mã số BHXH"


def _phone(value):
    if value in (None, ""):
        return None
    return None if isinstance(value, str) and personal.normalise_phone(value) == value else \
        "not a phone number"


def _password_hash(value):
    return None if isinstance(value, str) and (_HASH.match(value) or value == "!") else \
        "not a password hash"


def _locale(value):
    return None if value is None or (isinstance(value, str) and _LOCALE.match(value)) else \
        "not a language code"


_COUNT = _integer(0, 100_000)
_BOOKKEEPING = {"created_at": _moment(True), "updated_at": _moment(True),
                "created_by": _ident(), "updated_by": _ident(), "deleted_at": _moment(),
                "removed_reason": _text(LENGTHS["note"])}

# Every field of every table a laptop may write, with its check.
RECORDS = {
    "villages": {"commune_code": _integer(1, 999_999, True),
                 "name": _text(LENGTHS["name"], True), "name_key": _text(LENGTHS["note"], True),
                 "kind": _one_of(VILLAGE_KINDS)},
    "households": {"village_id": _ident(True), "head_person_id": _ident(),
                   "address_note": _text(LENGTHS["note"]), "ethnicity": _code(),
                   "language": _code(True), "phone": _phone,
                   "numbers_erased_at": _moment()},
    "people": {"household_id": _ident(True), "full_name": _text(LENGTHS["name"], True),
               "name_key": _text(LENGTHS["note"], True), "gender": _one_of(GENDERS),
               "birth_year": _integer(FIRST_YEAR, LAST_YEAR, True), "birth_date": _day(),
               "relation": _code(True), "ethnicity": _code(), "cccd": _cccd,
               "bhxh_number": _bhxh_number, "bhyt_card_type": _code(), "bhyt_expiry": _day(),
               "bhxh_status": _one_of(BHXH_STATUSES), "vssid": _one_of(VSSID_STATES),
               "numbers_erased_at": _moment()},
    "visits": {"household_id": _ident(True), "visited_at": _moment(True),
               "officer_id": _ident(True), "companions": _text(LENGTHS["note"]),
               "language": _code(True), "nobody_home": _flag,
               "present": _json_list(_ident(True)), "topics": _json_list(_code(True)),
               "materials": _json_list(_code(True)), "follow_up_on": _day(),
               "notes": _text(LENGTHS["notes"]), "status_changes": _status_changes},
    "visit_outcomes": {"visit_id": _ident(True), "person_id": _ident(True),
                       "outcome": _one_of(OUTCOMES), "decline_reason": _code()},
    "group_sessions": {"held_at": _moment(True), "commune_code": _integer(1, 999_999, True),
                       "village_id": _ident(), "place": _text(LENGTHS["place"]),
                       "format": _code(True), "target_group": _code(True),
                       "topics": _json_list(_code(True)), "languages": _json_list(_code(True)),
                       "facilitators": _json_list(_ident(True)),
                       "outside_facilitators": _text(LENGTHS["note"]),
                       "attendees_total": _integer(1, 100_000, True),
                       "attendees_female": _COUNT, "attendees_male": _COUNT,
                       "attendees_gender_unknown": _COUNT,
                       "attendees_by_ethnicity": _json_counts,
                       "materials": _json_list(_code(True)), "notes": _text(LENGTHS["notes"])},
    "session_attendees": {"session_id": _ident(True), "person_id": _ident(True),
                          "outcomes": _json_list(_one_of(OUTCOMES))},
    "targets": {"office_id": _ident(True), "commune_code": _integer(1, 999_999),
                "year": _integer(2000, LAST_YEAR, True), "month": _integer(1, 12),
                **{metric: _integer(0, 10_000_000) for metric in METRIC_LABELS}},
    "users": {"username": _text(LENGTHS["code"], True), "full_name": _text(LENGTHS["name"], True),
              "password_hash": _password_hash, "role": _one_of(ROLES),
              "office_id": _ident(True), "locale": _locale, "active": _flag,
              "translator": _flag},
    "sync_conflicts": {"resolved_at": _moment(), "resolution": _one_of(CONFLICT_CHOICES, False)},
    "translation_reviews": {"language": _locale, "msgid": _text(LENGTHS["script"], True),
                            "msgstr": _text(LENGTHS["script"]), "reviewed": _flag},
    "scripts": {"target_group": _code(True), "topic": _code(True), "sample": _flag},
    "script_texts": {"script_id": _ident(True), "language": _locale,
                     "revision": _integer(1, 100_000, True),
                     "title": _text(LENGTHS["note"], True),
                     "key_messages": _text(LENGTHS["script"], True),
                     "questions": _json_list(_question, 100), "reviewed": _flag},
    # Written on the central server only (sync/policy.py refuses them from devices).
    "policy_figures": {"key": _code(True), "value": _number(0, 1_000_000_000_000, True),
                       "unit": _text(LENGTHS["code"], True), "effective_from": _day(True),
                       "source": _text(LENGTHS["note"], True), "note": _text(LENGTHS["notes"]),
                       "confirmed": _flag},
}


def _review_text(values):
    """A translation review's text keeps the placeholders of the source string it translates
    (fieldapp.placeholders), which the row names in its msgid."""
    msgid, msgstr = values["msgid"], values["msgstr"]
    if not isinstance(msgid, str) or not isinstance(msgstr, str):
        return []  # the fields' own checks say so
    return [("msgstr", f"breaks the placeholders of its msgid: {problem.reason}")
            for problem in placeholders.problems(msgid, msgstr)]


# Fields judged together: a review's text against the msgid it translates. The store sends them
# together (a change of one carries the others as they stand), so that the central server's
# merge, which sees only a pushed change's values, judges every change this app makes.
TOGETHER = {"translation_reviews": (("msgid", "msgstr"), _review_text)}


def problems(table, values):
    """[(field, what is wrong)] of the values of a record of `table`; fields the table does not
    have are not judged here (they are the merge's unknown fields)."""
    checks = RECORDS.get(table, {})
    found = []
    for name, value in values.items():
        check = checks.get(name) or _BOOKKEEPING.get(name)
        problem = check(value) if check else None
        if problem:
            found.append((name, problem))
    if table in TOGETHER:
        fields, check = TOGETHER[table]
        if all(name in values for name in fields):
            found += check(values)
    return found


def attendance_problems(total, female, male, gender_unknown, by_ethnicity, roster_size):
    """Which attendance figures contradict each other, by field, with the figures involved."""
    problems = {}
    if total < 1:
        problems["attendees_total"] = ("total_positive", {})
    if female + male + gender_unknown != total:
        problems["attendees_female"] = ("gender_sum", {
            "sum": female + male + gender_unknown, "total": total})
    if sum(by_ethnicity.values()) != total:
        problems["ethnicity"] = ("ethnicity_sum", {"sum": sum(by_ethnicity.values()),
                                                   "total": total})
    if roster_size > total:
        problems["roster"] = ("roster_size", {"roster": roster_size, "total": total})
    return problems


def not_in_future(moment, now=None, slack=timedelta(minutes=5)):
    """True unless the moment lies in the future (a few minutes of clock slack allowed)."""
    return moment <= (now or clock.now()) + slack
