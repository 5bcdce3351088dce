"""Walking the app: every GET address of the url_map, with its ids taken from the database."""

import itertools

from fieldapp.i18n import LANGUAGES
from fieldapp.lists import LIST_NAMES
from fieldapp.worklists.views import TITLES as WORKLISTS

# The sync API answers devices, not browsers; static files hold no data.
_NOT_PAGES = ("static", "sync_api.")


def _ids(db, sql):
    return [r[0] for r in db.execute(sql).fetchall()]


def argument_values(db):
    """For each url argument: values of rows that exist (at most a few of each kind)."""
    return {
        "code": list(LANGUAGES),
        "list_name": list(LIST_NAMES),
        "kind": list(WORKLISTS),
        "office_id": _ids(db, "select id from offices where deleted_at is null limit 3"),
        "user_id": _ids(db, "select id from users where deleted_at is null"),
        "village_id": _ids(db, "select id from villages where deleted_at is null limit 3"),
        "household_id": _ids(db, "select id from households where deleted_at is null limit 3"),
        "person_id": _ids(db, "select id from people where deleted_at is null limit 3"),
        "visit_id": _ids(db, "select id from visits where deleted_at is null limit 3"),
        "session_id": _ids(db, "select id from group_sessions where deleted_at is null limit 3"),
        "script_id": _ids(db, "select id from scripts where deleted_at is null"),
        "conflict_id": _ids(db, "select id from sync_conflicts limit 3"),
        "device_id": _ids(db, "select id from devices limit 3"),
        "figure_id": _ids(db, "select id from policy_figures where deleted_at is null limit 3"),
    }


def get_rules(app):
    """The url_map's rules a browser can GET, pages and files alike."""
    return [rule for rule in app.url_map.iter_rules()
            if "GET" in rule.methods and not rule.endpoint.startswith(_NOT_PAGES)]


def addresses(app, db):
    """Every GET address with its arguments filled from the database: [(endpoint, path)]."""
    values = argument_values(db)
    communes = _ids(db, """select commune_code from villages where deleted_at is null
                            group by commune_code limit 3""")
    found = []
    with app.test_request_context():
        from flask import url_for
        for rule in get_rules(app):
            names = sorted(rule.arguments)
            # A commune's code is an int; a language's code is text.
            given = {**values, "code": communes} if rule.endpoint == "places.commune" else values
            unknown = [n for n in names if n not in given]
            assert not unknown, f"no values for {unknown} of {rule.rule}: add them to the walk"
            for combination in itertools.product(*(given[n] for n in names)):
                found.append((rule.endpoint,
                              url_for(rule.endpoint, **dict(zip(names, combination)))))
    return found
