"""A record's history as people read it: field names and coded values in the user's language."""

import json

from . import lists, personal, store
from .i18n import lazy_gettext as _l
from .vocabulary import BHXH_STATUS_LABELS, GENDER_LABELS, VSSID_LABELS

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
}
# Fields whose values are ids or internal keys: the change is shown, not the value.
_HIDDEN_VALUES = {"household_id", "head_person_id", "village_id", "present", "name_key"}
_MASKED = {"cccd", "bhxh_number"}
_LISTED = {"ethnicity": "ethnicity", "relation": "relation", "bhyt_card_type": "bhyt_card_type",
           "language": "language", "topics": "topic", "materials": "material"}
_STATUSES = {"gender": GENDER_LABELS, "bhxh_status": BHXH_STATUS_LABELS, "vssid": VSSID_LABELS}


def _shown(db, field, value, list_labels):
    if value in (None, "", "[]"):
        return "—"
    if field in _MASKED:
        return personal.mask(str(value))
    if field in _STATUSES:
        return str(_STATUSES[field].get(value, value))
    if field in _LISTED:
        labels = list_labels.setdefault(field, lists.labels(db, _LISTED[field]))
        if field in ("topics", "materials"):
            return ", ".join(labels.get(code, code) for code in json.loads(value))
        return labels.get(value, value)
    return str(value)


def entries(db, table, row_id):
    """The row's history, newest first; each change as (label, old, new) in plain words."""
    list_labels = {}
    result = []
    for entry in reversed(store.history(db, table, row_id)):
        changes = []
        if entry["action"] == "update":
            for field, (old, new) in entry["changes"].items():
                if field == "name_key":
                    continue
                label = FIELD_LABELS.get(field, field)
                if field in _HIDDEN_VALUES:
                    changes.append((label, "", ""))
                else:
                    changes.append((label, _shown(db, field, old, list_labels),
                                    _shown(db, field, new, list_labels)))
        result.append({**entry, "changes": changes})
    return result
