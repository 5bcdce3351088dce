"""Records named in words for the sync page ("household of Giàng A Páo"), with a link and what
to do about them."""

import json
from datetime import date

from flask import url_for

from sync import inbox, merge
from sync import refused as refused_records
from sync.policy import LIST, REFERENCES
from sync.synced_tables import SYNCED_TABLES, USER_COLUMNS, USER_LISTS

from .. import history, policy_figures
from ..i18n import format_date, lazy_gettext as _l, translate

# What the officer can do about a refusal, by the central server's refusal code.
ADVICE = {
    "outside_office": _l("It lies in a commune outside your office, so the central server"
                         " will not take it from this laptop: ask your supervisor whether the"
                         " commune should be your office's, or discard it here."),
    "other_office": _l("It belongs to another office: ask your supervisor. If it was made here"
                       " by mistake, discard it here."),
    "central_only": _l("Offices, their communes and users are managed on the central server:"
                       " ask the central administrator to make this change there, then discard"
                       " it here."),
    "missing_parent": _l("It refers to a record the central server does not have (perhaps one"
                         " refused too): fix that record first. This one is sent again at every"
                         " sync."),
    "invalid": _l("A value is not accepted: open the record, correct it and sync again."),
}
DEFAULT_ADVICE = _l("The central server could not save it: open the record and check it. It is"
                    " sent again at every sync; ask your supervisor if it stays refused.")
WAITING = _l("Received from the central server but not saved here yet: it waits for a record it"
             " depends on, and is saved as soon as that arrives.")
REASONS = {
    "outside_office": _l("outside your office's communes"),
    "other_office": _l("belongs to another office"),
    "central_only": _l("managed on the central server"),
    "missing_parent": _l("refers to a record the central server does not have"),
    "invalid": _l("a value is not accepted"),
    "incomplete": _l("incomplete, or contradicts another record"),
    "not_allowed": _l("a laptop may not make this change"),
    "too_large": _l("it carries too many fields this version does not know"),
}
KINDS = {
    "offices": _l("Office %(name)s"), "office_communes": _l("A commune of an office"),
    "villages": _l("Village %(name)s"), "users": _l("Account of %(name)s"),
    "list_items": _l("List entry %(name)s"), "households": _l("Household of %(name)s"),
    "people": _l("Person %(name)s"), "visits": _l("Visit of %(date)s to the household of %(name)s"),
    "visit_outcomes": _l("Outcome for %(name)s at a visit"),
    "group_sessions": _l("Small-group session of %(date)s"),
    "session_attendees": _l("%(name)s on a session's roster"),
    "scripts": _l("A communication script"), "script_texts": _l("Script text %(name)s"),
    "policy_figures": _l("Policy figure %(name)s"),
    "translation_reviews": _l("Translation review"), "sync_conflicts": _l("Conflict review"),
    "targets": _l("Targets for %(date)s"),
    "devices": _l("Laptop %(name)s"),
}


def described(db, table, row_id, fields=None):
    """(words naming the record, a link to it or None); `fields`: what waits in the inbox
    when the row itself is not here."""
    held = _row(db, table, row_id)
    row = held or {n: t[0] for n, t in (fields or {}).items()}
    name, date, link = _facts(db, table, row_id, row, held is not None)
    words = KINDS.get(table, _l("A record"))
    return str(words) % {"name": name or "…", "date": date or "…"}, link


def _row(db, table, row_id):
    # Table names come from the central server's answers: only synced ones are looked up.
    if table == "devices":
        found = db.value("select name from devices where id = ?", [row_id])
        return {"name": found} if found else None
    return merge.row(db.sync, table, row_id) if table in SYNCED_TABLES else None


def _day(moment):
    """The day of a stored time or date, written the user's way."""
    try:
        return format_date(date.fromisoformat((moment or "")[:10]))
    except ValueError:
        return None


def value(db, table, field, stored):
    """A stored value of a record's field as the forms show it: a record it names in words,
    a user by name, a code by its label, a day the language's way; personal numbers whole, for
    those who review them."""
    if stored in (None, ""):
        return "—"
    named = REFERENCES.get(table, {}).get(field)
    if named is not None:
        ids = history._decoded(stored) if named[1] == LIST else [stored]
        return ", ".join(_named(db, named[0], row_id) for row_id in ids or []) or "—"
    if field in USER_COLUMNS.get(table, ()) or field == USER_LISTS.get(table):
        ids = history._decoded(stored) if field == USER_LISTS.get(table) else [stored]
        return ", ".join(_named(db, "users", row_id) for row_id in ids or []) or "—"
    return history.shown(db, table, field, stored, mask=False)


def _named(db, table, row_id):
    if table == "communes":
        return db.value("select name from communes where code = ?", [row_id]) or str(row_id)
    if table == "users":
        return db.value("select full_name from users where id = ?", [row_id]) or "…"
    return described(db, table, row_id)[0]


def _head_name(db, household_id):
    return db.value("select p.full_name from households h join people p"
                    " on p.id = h.head_person_id where h.id = ?", [household_id])


def _person_name(db, person_id):
    return db.value("select full_name from people where id = ?", [person_id])


def _facts(db, table, row_id, row, held):
    """(name, date, link) for one record; None where the record has none. `held`: the row is
    on this laptop (not only waiting in the inbox)."""
    live = held and not row.get("deleted_at")
    if table == "villages":
        return row.get("name"), None, live and url_for("households.village", village_id=row_id)
    if table == "households":
        return (_head_name(db, row_id), None,
                live and url_for("households.view", household_id=row_id))
    if table == "people":
        return (row.get("full_name"), None,
                live and url_for("households.edit_person", person_id=row_id))
    if table == "visits":
        return (_head_name(db, row.get("household_id")), _day(row.get("visited_at")),
                live and url_for("visits.view", visit_id=row_id))
    if table == "visit_outcomes":
        visit = row.get("visit_id")
        return (_person_name(db, row.get("person_id")), None,
                _row(db, "visits", visit) and url_for("visits.view", visit_id=visit))
    if table == "group_sessions":
        return (None, _day(row.get("held_at")),
                live and url_for("group_sessions.view", session_id=row_id))
    if table == "session_attendees":
        session = row.get("session_id")
        return (_person_name(db, row.get("person_id")), None,
                _row(db, "group_sessions", session)
                and url_for("group_sessions.view", session_id=session))
    if table == "users":
        return (row.get("full_name") or row.get("username"), None, None)
    if table == "targets":
        year, month = row.get("year"), row.get("month")
        return None, f"{month:02d}/{year}" if month else str(year or ""), None
    if table == "script_texts":
        return row.get("title"), None, None
    if table == "policy_figures":
        return policy_figures.label(row.get("key")), None, None
    if table == "list_items":
        # Seeded items' labels are source strings; those added on the central server, words.
        label = row.get("label")
        return translate(label) if label else None, None, None
    if table in ("offices", "devices"):
        return row.get("name"), None, None
    return None, None, None


# Refused for lying outside the office: its page is not the user's to open either.
_UNREACHABLE = {"outside_office", "other_office"}


def refused(db):
    """The refused records, newest first, each described, with its reason and advice."""
    return [{**r, "words": words,
             "link": None if r["code"] in _UNREACHABLE else link or None,
             "why": REASONS.get(r["code"], r["reason"]),
             "advice": ADVICE.get(r["code"], DEFAULT_ADVICE)}
            for r in refused_records.listed(db.sync)
            for words, link in [described(db, r["table_name"], r["row_id"])]]


def waiting(db):
    """Received changes not saved yet, in the order they arrived, each described."""
    return [{**r, "words": words, "link": link or None, "advice": WAITING}
            for r in inbox.waiting(db.sync)
            for words, link in [described(db, r["table_name"], r["row_id"],
                                          json.loads(r["fields"]))]]
