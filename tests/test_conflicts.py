"""Conflict review on the central server: each supervisor their office's, one field of one row."""

import json
from datetime import datetime

import pytest

from fieldapp import accounts, offices, store
from fieldapp.households import queries as households
from fieldapp.visits import queries as visits
from helpers import new_client, one, parse, squash
from conftest import PASSWORD

# Conflicts reviewed on a central server on SQLite and on PostgreSQL.
CENTRAL_STORES = ("sqlite", "postgresql")


@pytest.fixture
def two_offices(central_app):
    """The demo office with a household, and office B with a household and a supervisor."""
    app, db = central_app
    other_commune = db.execute("select code from communes where province_code = 1"
                               " order by code limit 1").fetchone()[0]
    from fieldapp.places import queries as places
    with db.atomic():
        office_b = offices.create_office(db, name="BHXH cơ sở Ba Đình", province_code=1,
                                         communes=[other_commune], user_id=None)
        accounts.create_user(db, username="giamsat.b", full_name="Giám sát B",
                             password=PASSWORD, role="supervisor", office_id=office_b["id"],
                             user_id=None)
        homes = {}
        for key, commune in (("a", None), ("b", other_commune)):
            village = places.create_village(
                db, commune or db.execute("select commune_code from villages").fetchone()[0],
                f"Thôn {key}", "thon", user_id=None)
            homes[key] = households.register_household(
                db, village["id"], {"language": "vi"},
                {"full_name": f"Chủ hộ {key}", "gender": "male", "birth_year": 1970,
                 "bhxh_status": "none", "vssid": "unknown"}, user_id=None)
    conflicts = {key: _conflict(db, "households", home, "address_note", "Gần trường", "Đầu bản")
                 for key, home in homes.items()}
    return app, db, homes, conflicts


def _conflict(db, table, row_id, field, kept, lost):
    """A conflict as the central server records one, scoped by the row it concerns."""
    from sync import capture
    row = store.get(db, table, row_id)
    commune, office = capture.scope(db.sync, table, row)
    return store.insert(db, "sync_conflicts", {
        "table_name": table, "row_id": row_id, "field": field,
        "kept_value": json.dumps(kept), "kept_hlc": "0000000000002.00000.a",
        "lost_value": json.dumps(lost), "lost_hlc": "0000000000001.00000.b",
        "scope_commune": commune, "scope_office": office}, user_id=None)["id"]


def _listed(client):
    page = client.get("/conflicts").get_data(as_text=True)
    return page


def test_a_supervisor_sees_and_resolves_only_their_offices_conflicts(two_offices):
    app, db, homes, conflicts = two_offices
    supervisor_a = new_client(app, "en", "giamsat")
    supervisor_b = new_client(app, "en", "giamsat.b")
    assert "Chủ hộ a" in _listed(supervisor_a) and "Chủ hộ b" not in _listed(supervisor_a)
    assert "Chủ hộ b" in _listed(supervisor_b) and "Chủ hộ a" not in _listed(supervisor_b)
    assert supervisor_a.get(f"/conflicts/{conflicts['b']}").status_code == 404
    answer = supervisor_a.post_form(f"/conflicts/{conflicts['b']}", {"choice": "new",
                                                                     "value": "Của A"})
    assert answer.status_code == 404
    assert store.get(db, "households", homes["b"])["address_note"] == ""
    # The central administrator reviews every office's.
    admin = new_client(app, "en", "quantri")
    assert "Chủ hộ a" in _listed(admin) and "Chủ hộ b" in _listed(admin)
    answer = admin.post_form(f"/conflicts/{conflicts['b']}", {"choice": "lost"})
    assert answer.status_code == 302
    assert store.get(db, "households", homes["b"])["address_note"] == "Đầu bản"


def test_a_conflict_about_a_field_no_device_may_edit_cannot_be_resolved(two_offices):
    """A forged conflict naming a user's role: resolving it would promote or demote anyone."""
    app, db, homes, _ = two_offices
    target = accounts.user_by_username(db, "giamsat.b")
    forged = store.insert(db, "sync_conflicts", {
        "table_name": "users", "row_id": target["id"], "field": "role",
        "kept_value": '"supervisor"', "kept_hlc": "0000000000002.00000.a",
        "lost_value": '"officer"', "lost_hlc": "0000000000001.00000.b",
        "scope_office": target["office_id"]}, user_id=None)["id"]
    admin = new_client(app, "en", "quantri")
    assert admin.get(f"/conflicts/{forged}").status_code == 404
    assert admin.post_form(f"/conflicts/{forged}", {"choice": "lost"}).status_code == 404
    assert accounts.user_by_username(db, "giamsat.b")["role"] == "supervisor"


def test_a_new_value_must_pass_the_forms_checks(two_offices):
    app, db, homes, _ = two_offices
    person = store.get(db, "households", homes["a"])["head_person_id"]
    conflict = _conflict(db, "people", person, "birth_year", 1970, 1971)
    supervisor = new_client(app, "en", "giamsat")
    answer = supervisor.post_form(f"/conflicts/{conflict}", {"choice": "new", "value": "abc"})
    assert answer.status_code == 200
    assert "not accepted" in answer.get_data(as_text=True)
    assert store.get(db, "people", person)["birth_year"] == 1970
    answer = supervisor.post_form(f"/conflicts/{conflict}", {"choice": "new", "value": "1972"})
    assert answer.status_code == 302
    assert store.get(db, "people", person)["birth_year"] == 1972


def test_a_conflicts_values_are_shown_as_the_forms_show_them(two_offices):
    """Labels for codes, days the language's way, a visit named by its day: never as stored."""
    app, db, homes, _ = two_offices
    person = store.get(db, "households", homes["a"])["head_person_id"]
    officer = accounts.user_by_username(db, "canbo")["id"]
    visit = visits.record_visit(db, homes["a"], officer_id=officer,
                                visited_at=datetime(2026, 11, 20, 9, 30), topics=["vssid"])
    for table, row_id, field, kept, lost in (
            ("people", person, "bhxh_status", "mandatory", "voluntary"),
            ("people", person, "bhyt_expiry", "2027-06-30", "2027-01-31"),
            ("people", person, "ethnicity", "dao", None),
            ("households", homes["a"], "language", "ium", "blt"),
            ("visits", visit, "topics", '["household_bhyt"]', '["vssid", "voluntary_bhxh"]'),
            ("visits", visit, "visited_at", "2026-11-20T09:30", "2026-11-21T14:00"),
            ("people", person, "cccd", "012345678901", "012345678902")):
        _conflict(db, table, row_id, field, kept, lost)

    def label(list_name, code):
        return one(db, "select label from list_items where list = ? and code = ?",
                   [list_name, code])["label"]
    page = parse(_listed(new_client(app, "en", "giamsat")))
    shown = {squash(tds[1].text): [squash(td.text) for td in (tds[0], tds[2], tds[3])]
             for tr in page.find("tbody").find_all("tr") for tds in [tr.find_all("td")]}
    visit_named = "Visit of Nov 20, 2026 to the household of Chủ hộ a"
    assert shown == {
        "Address note": ["Household of Chủ hộ a", "Gần trường", "Đầu bản"],
        "Social insurance (BHXH)": ["Person Chủ hộ a", "Mandatory BHXH (employee)",
                                    "Voluntary BHXH"],
        "Card valid until": ["Person Chủ hộ a", "Jun 30, 2027", "Jan 31, 2027"],
        "Ethnicity": ["Person Chủ hộ a", label("ethnicity", "dao"), "—"],
        "Preferred language": ["Household of Chủ hộ a", label("language", "ium"),
                               label("language", "blt")],
        "Topics discussed": [visit_named, label("topic", "household_bhyt"),
                             f"{label('topic', 'vssid')}, {label('topic', 'voluntary_bhxh')}"],
        "Date and time": [visit_named, "Nov 20, 2026 09:30", "Nov 21, 2026 14:00"],
        # A supervisor compares the numbers themselves.
        "CCCD": ["Person Chủ hộ a", "012345678901", "012345678902"],
    }
    conflict = one(db, "select id from sync_conflicts where field = 'bhyt_expiry'")["id"]
    facts = parse(new_client(app, "en", "giamsat").get(f"/conflicts/{conflict}")).find("dl")
    assert [squash(dd.text) for dd in facts.find_all("dd")][2:4] == ["Jun 30, 2027",
                                                                    "Jan 31, 2027"]
