"""Configurable lists (topics, card types, ethnicities, ...): data with a stable code and a label."""

from .i18n import gettext


def items(db, list_name, include_inactive=False):
    """The list's items in order; labels stay English source strings."""
    sql = ("select code, label, active from list_items"
           " where list = ? and deleted_at is null")
    if not include_inactive:
        sql += " and active = 1"
    return list(db.query(sql + " order by position, code", [list_name]))


def choices(db, list_name, blank=None):
    """(code, translated label) pairs for a select field; `blank` first when given."""
    pairs = [(item["code"], gettext(item["label"])) for item in items(db, list_name)]
    return [("", blank)] + pairs if blank is not None else pairs


def labels(db, list_name):
    """{code: translated label}, inactive items included so old records still read well."""
    return {item["code"]: gettext(item["label"])
            for item in items(db, list_name, include_inactive=True)}
