"""Configurable lists (topics, card types, ethnicities, ...): a stable code and a label."""

from forms import options

from . import store
from .i18n import translate


def items(db, list_name, include_inactive=False):
    """The list's items in order; labels stay English source strings."""
    sql = ("select code, label, active from list_items"
           " where list = ? and deleted_at is null")
    if not include_inactive:
        sql += " and active = 1"
    return list(db.query(sql + " order by position, code", [list_name]))


def choices(db, list_name, blank=None):
    """(code, translated label) pairs for a select field; `blank` first when given."""
    pairs = [(item["code"], translate(item["label"])) for item in items(db, list_name)]
    return options([("", blank)] + pairs if blank is not None else pairs)


def labels(db, list_name):
    """{code: translated label}, inactive items included so old records still read well."""
    return {item["code"]: translate(item["label"])
            for item in items(db, list_name, include_inactive=True)}


LIST_NAMES = ("topic", "material", "decline_reason", "bhyt_card_type", "ethnicity", "relation",
              "language")


class CodeTaken(ValueError):
    pass


def add_item(db, list_name, code, label, *, user_id):
    """A new item at the end of the list; codes are for ever, so one in use is refused."""
    with db.atomic():
        if db.value("select 1 from list_items where list = ? and code = ?",
                    [list_name, code]):
            raise CodeTaken(code)
        last = db.value("select coalesce(max(position), 0) from list_items where list = ?",
                        [list_name])
        return store.insert(db, "list_items", {"list": list_name, "code": code,
                                               "label": label.strip(), "position": last + 10,
                                               "active": 1}, user_id=user_id)


def item_id(db, list_name, code):
    found = db.value("select id from list_items where list = ? and code = ?", [list_name, code])
    if found is None:
        raise store.NotFound(f"{list_name}:{code}")
    return found


def set_active(db, list_name, code, active, *, user_id):
    store.update(db, "list_items", item_id(db, list_name, code), {"active": 1 if active else 0},
                 user_id=user_id)
