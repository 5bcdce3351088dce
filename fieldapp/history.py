"""A record's history as people read it: field names and coded values in the user's language."""

import json
from datetime import date, datetime

from . import lists, personal, store
from .i18n import format_date, lazy_gettext as _l
from .vocabulary import (BHXH_STATUS_LABELS, GENDER_LABELS, METRIC_LABELS, OUTCOME_LABELS,
                         ROLE_LABELS, VILLAGE_KIND_LABELS, VSSID_LABELS)

FIELD_LABELS = {
    "full_name": _l("Full name"), "gender": _l("Sex"), "birth_year": _l("Birth year"),
    "birth_date": _l("Birth date"), "relation": _l("Relation to the head"),
    "ethnicity": _l("Ethnicity"), "cccd": _l("CCCD"), "bhxh_number": _l("Mã số BHXH"),
    "bhyt_card_type": _l("BHYT card"), "bhyt_expiry": _l("Card valid until"),
    "bhxh_status": _l("Social insurance (BHXH)"), "vssid": _l("VssID app"),
    "household_id": _l("Household"), "head_person_id": _l("Head of household"),
    "address_note": _l("Address note"), "language": _l("Preferred language"),
    "phone": _l("Phone"), "village_id": _l("Village"), "companions": _l("Accompanied by"),
    "topics": _l("Topics discussed"), "materials": _l("Materials left"),
    "follow_up_on": _l("Come back on"), "notes": _l("Notes"), "visited_at": _l("Date and time"),
    "present": _l("Who was present"), "nobody_home": _l("Nobody home"),
    "removed_reason": _l("Why is it removed?"),
    "status_changes": _l("Statuses the outcomes changed"),
    # Villages, sessions, rosters, targets, accounts, scripts and reviews: the sync pages name
    # a field of any record a laptop writes (tests/test_lengths_and_errors.py checks each).
    "name": _l("Name"), "name_key": _l("Name"), "kind": _l("Kind"), "commune_code": _l("Commune"),
    "officer_id": _l("Officer"), "visit_id": _l("Visit"), "person_id": _l("Person"),
    "outcome": _l("Outcome"), "decline_reason": _l("Reason for declining"),
    "held_at": _l("Date and time"), "place": _l("Place"), "format": _l("Format"),
    "target_group": _l("Target group"), "languages": _l("Languages used"),
    "facilitators": _l("Facilitators"), "outside_facilitators": _l("Other facilitators"),
    "attendees_total": _l("People attending"), "attendees_female": _l("Women"),
    "attendees_male": _l("Men"), "attendees_gender_unknown": _l("Sex not recorded"),
    "attendees_by_ethnicity": _l("Attendees by ethnic group"), "session_id": _l("Session"),
    "outcomes": _l("Outcomes"), "office_id": _l("Office"), "year": _l("Year"),
    "month": _l("Month"), "username": _l("Username"), "role": _l("Role"),
    "locale": _l("Language"), "active": _l("Active"), "translator": _l("May review translations"),
    "title": _l("Title"), "key_messages": _l("Key messages"),
    "questions": _l("Common questions and answers"), "reviewed": _l("Reviewed"),
    "msgid": _l("English source"), "msgstr": _l("Translation"), "deleted_at": _l("Removed"),
    "resolved_at": _l("Conflict resolved"), "resolution": _l("Keep"),
    "status_changes": _l("Status"),
    "numbers_erased_at": _l("Personal numbers erased"),
}
# Where a table's field means something else than the field of that name elsewhere.
TABLE_FIELD_LABELS = {
    "visits": {"language": _l("Language used")},
    "script_texts": {"language": _l("Language")},
    "translation_reviews": {"language": _l("Language")},
    "group_sessions": {"topics": _l("Topics"), "materials": _l("Materials handed out")},
    "targets": METRIC_LABELS,
}


def field_label(table, field):
    """A field's name as people read it, in the user's language; never its column name."""
    label = TABLE_FIELD_LABELS.get(table, {}).get(field, FIELD_LABELS.get(field))
    return label if label is not None else _l("Another field")


# A supervisor's choice on a conflict, as the review form words it.
CONFLICT_CHOICE_LABELS = {"kept": _l("The value kept now"), "lost": _l("The other value"),
                          "new": _l("A new value")}

# Fields whose values are ids or internal keys: the change is shown, not the value.
_HIDDEN_VALUES = {"household_id", "head_person_id", "village_id", "present", "name_key",
                  "status_changes", "numbers_erased_at"}
_MASKED = {"cccd", "bhxh_number"}
# Codes of a configurable list, one or a JSON list of them, by the list they come from.
_LISTED = {"ethnicity": "ethnicity", "relation": "relation", "bhyt_card_type": "bhyt_card_type",
           "language": "language", "locale": "language", "languages": "language",
           "topics": "topic", "topic": "topic", "materials": "material",
           "decline_reason": "decline_reason", "format": "session_format",
           "target_group": "target_group"}
_STATUSES = {"gender": GENDER_LABELS, "bhxh_status": BHXH_STATUS_LABELS, "vssid": VSSID_LABELS,
             "outcome": OUTCOME_LABELS, "outcomes": OUTCOME_LABELS, "kind": VILLAGE_KIND_LABELS,
             "role": ROLE_LABELS, "resolution": CONFLICT_CHOICE_LABELS}
_DAYS = {"birth_date", "bhyt_expiry", "follow_up_on", "effective_from"}
# Times an officer typed: local already, unlike the times the app records (UTC).
_TYPED_TIMES = {"visited_at", "held_at"}
_FLAGS = {"nobody_home", "active", "translator", "reviewed", "confirmed", "sample"}
_COUNTS_BY_LIST = {"attendees_by_ethnicity": "ethnicity"}


def masked(changes):
    """A history entry's changes with personal numbers masked, for a record kept elsewhere."""
    return {field: ([personal.mask(str(v)) if v else v for v in value]
                    if isinstance(value, list) else personal.mask(str(value)) if value else value)
            if field in _MASKED else value for field, value in changes.items()}


def _decoded(value):
    """A JSON list or object as stored (text), or as already read."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return None
    return value


def _day(value):
    try:
        return format_date(date.fromisoformat(str(value)[:10]))
    except ValueError:
        return str(value)


def _typed_time(value):
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return f"{format_date(moment.date())} {moment:%H:%M}"


def shown(db, table, field, value, list_labels=None, mask=True):
    """A stored value as the forms show it, in the user's language: a code by its label, a day
    or a time written the language's way, a list of codes by their labels; "—" for none.
    `mask`: personal numbers masked, as a record's history keeps them."""
    list_labels = {} if list_labels is None else list_labels
    if value in (None, "", "[]", "{}", [], {}):
        return "—"
    if field in _MASKED:
        return personal.mask(str(value)) if mask else str(value)
    if field in _DAYS:
        return _day(value)
    if field in _TYPED_TIMES:
        return _typed_time(value)
    if field in _FLAGS:
        return str(_l("Yes") if value in (1, True, "1") else _l("No"))
    if field in _COUNTS_BY_LIST:
        counts = _decoded(value)
        if isinstance(counts, dict):
            labels = list_labels.setdefault(field, lists.labels(db, _COUNTS_BY_LIST[field]))
            return ", ".join(f"{labels.get(code, code)}: {count}"
                             for code, count in counts.items())
    if field in _STATUSES or field in _LISTED:
        if field in _STATUSES:
            labels = _STATUSES[field]
        else:
            labels = list_labels.setdefault(field, lists.labels(db, _LISTED[field]))
        items = _decoded(value) if isinstance(value, list) or str(value).startswith("[") \
            else [value]
        if isinstance(items, list):
            return ", ".join(str(labels.get(code, code)) for code in items) or "—"
    return str(value)


def entries(db, table, row_id):
    """The row's history, newest first; each change as (label, old, new) in plain words."""
    list_labels = {}
    return [{**entry, **in_words(db, table, entry["action"], entry["changes"], list_labels)}
            for entry in reversed(store.history(db, table, row_id))]


def in_words(db, table, action, changes, list_labels=None):
    """What one history entry changed, as people read it: {"changes": [(label, old, new)],
    "restored": a removal undone, "reason": why it was removed}."""
    list_labels = {} if list_labels is None else list_labels
    said, restored = [], False
    if action == "update":
        for field, (old, new) in changes.items():
            if field == "deleted_at":
                restored = True
                continue
            if field == "name_key":
                continue
            label = field_label(table, field)
            if field in _HIDDEN_VALUES:
                said.append((label, "", ""))
            else:
                said.append((label, shown(db, table, field, old, list_labels),
                             shown(db, table, field, new, list_labels)))
    return {"changes": said, "restored": restored,
            "reason": changes.get("reason") if action == "delete" else None}
