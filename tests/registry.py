"""Building households, people and visits for tests through the app's own functions."""

from datetime import datetime

from fieldapp.households import queries as households
from fieldapp.visits import queries as visits


def person(full_name, birth_year, gender="female", **values):
    return {"full_name": full_name, "birth_year": birth_year, "gender": gender,
            "bhxh_status": "none", "vssid": "unknown", **values}


def household(db, village_id, user_id, head, *members, language="vi", phone=""):
    """A household with its head and members; returns {full name: person id, 'id': household}."""
    household_id = households.register_household(
        db, village_id, {"language": language, "phone": phone}, head, user_id=user_id)
    ids = {"id": household_id, head["full_name"]: _id(db, household_id, head["full_name"])}
    for member in members:
        row = households.add_person(db, household_id, {"relation": "child", **member},
                                    user_id=user_id)
        ids[member["full_name"]] = row["id"]
    return ids


def _id(db, household_id, full_name):
    return db.execute("select id from people where household_id = ? and full_name = ?",
                      [household_id, full_name]).fetchone()[0]


def visit(db, household_id, officer_id, when, **kwargs):
    if isinstance(when, str):
        when = datetime.fromisoformat(when)
    return visits.record_visit(db, household_id, officer_id=officer_id, visited_at=when,
                               **kwargs)


def village_id(db, name):
    return db.execute("select id from villages where name = ?", [name]).fetchone()[0]


def user_id(db, username):
    return db.execute("select id from users where username = ?", [username]).fetchone()[0]
