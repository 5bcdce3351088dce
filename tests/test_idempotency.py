"""A form sent twice saves once: double clicks, lost answers and the back button."""

import json
import threading
import time
from datetime import datetime, timedelta, timezone

import pytest

from fieldapp import store, submissions
from fieldapp.db import connect
from fieldapp.places import queries as places
from fieldapp.visits import queries as visits
from helpers import (catalog_text, demo_ids, fill, flashes, form_values, new_client, one, parse,
                     registry_app, snapshot)

# name: (who, page showing the form, address it posts to (None: the page itself),
#        fields changed from what the page shows, rows counted, how many the form adds)
FORMS = {
    "village": ("canbo", "/communes/{commune}", None, {"name": "Sán Chải", "kind": "ban"},
                "select count(*) from villages where name = 'Sán Chải'", 1),
    "village edit": ("canbo", "/villages/{village}/edit", None, {"name": "Mí Háng Trên"},
                     None, None),
    "village delete": ("canbo", "/villages/{empty_village}/edit",
                       "/villages/{empty_village}/delete", {},
                       "select count(*) from villages where deleted_at is not null", 1),
    "household": ("canbo", "/villages/{village}/households/new", None, {
        "full_name": "Vàng A Dính", "gender": "male", "birth_year": "1979"},
        "select count(*) from households", 1),
    "household edit": ("canbo", "/households/{household}/edit", None, {"phone": "0912000111"},
                       None, None),
    "person": ("canbo", "/households/{household}/people/new", None, {
        "full_name": "Giàng Thị Mai", "gender": "female", "birth_year": "2015"},
        "select count(*) from people", 1),
    "person edit": ("canbo", "/people/{person}", None, {"full_name": "Sùng Thị Mỷ (mẹ)"},
                    None, None),
    "person move": ("canbo", "/people/{person}/move", None, {"household_id": "{other_household}"},
                    "select count(*) from people where household_id = '{other_household}'", 1),
    "person remove": ("canbo", "/people/{person}", "/people/{person}/remove",
                      {"reason": "Nhập hai lần"},
                      "select count(*) from people where deleted_at is not null", 1),
    "visit": ("canbo", "/households/{household}/visits/new", None,
              {"topics": ["vssid"], "notes": "Giới thiệu VssID"},
              "select count(*) from visits", 1),
    "nobody home": ("canbo", "/households/{household}/visits/new",
                    "/households/{household}/visits/nobody-home", {},
                    "select count(*) from visits", 1),
    "visit edit": ("canbo", "/visits/{visit}", None, {"notes": "Hẹn quay lại tháng sau."},
                   None, None),
    "session": ("canbo", "/sessions/new?village={village}", None, {
        "attendees_total": "3", "attendees_female": "2", "attendees_male": "1",
        "attendees_gender_unknown": "0", "eth_unknown": "3"},
        "select count(*) from group_sessions", 1),
    "session roster": ("canbo", "/sessions/{session}", "/sessions/{session}/attendees", {
        "quick-0-full_name": "Lầu A Sử", "quick-0-gender": "male",
        "quick-0-birth_year": "1990"}, "select count(*) from session_attendees", 1),
    "session outcomes": ("canbo", "/sessions/{session}", "/sessions/{session}/outcomes",
                         {"outcome_{attendee}": ["interested"]},
                         "select count(*) from people where vssid = 'installed'", 0),
    "script": ("giamsat", "/scripts/new", None, {
        "title": "Thẻ BHYT cho cả nhà", "key_messages": "Mua thẻ cho mọi người trong hộ."},
        "select count(*) from scripts", 1),
    "script edit": ("giamsat", "/scripts/{script}/edit?lang=hnj", None, {
        "title": "Daim npav", "key_messages": "Yuav daim npav rau txhua tus."}, None, None),
    "targets": ("giamsat", "/reports/targets", None, {"office-households": "120"},
                None, None),
    "office": ("quantri", "/admin/offices/new", None, {"name": "BHXH Ba Đình",
                                                       "province_code": "1"},
               "select count(*) from offices", 1),
    "office edit": ("quantri", "/admin/offices/{office}", None, {"phone": "0214 3840 123"},
                    None, None),
    "user": ("quantri", "/admin/users/new", None, {
        "username": "canbo2", "full_name": "Cán Bộ Hai", "role": "officer",
        "password": "long-enough-1", "confirm": "long-enough-1"},
        "select count(*) from users", 1),
    "user edit": ("quantri", "/admin/users/{officer}", "/admin/users/{officer}",
                  {"full_name": "Cán Bộ Mới"}, None, None),
    "password": ("quantri", "/admin/users/{officer}", "/admin/users/{officer}/password",
                 {"password": "long-enough-1", "confirm": "long-enough-1"}, None, None),
    "user active": ("quantri", "/admin/users", "/admin/users/{supervisor}/active", {},
                    "select count(*) from users where active = 0", 1),
    "list item": ("quantri", "/admin/lists/topic", None, {"code": "pension",
                                                         "label": "Trợ cấp hưu trí xã hội"},
                  "select count(*) from list_items", 1),
    "list item active": ("quantri", "/admin/lists/topic", "/admin/lists/topic/vssid/active",
                         {}, "select count(*) from list_items where active = 0", 1),
    "translation review": ("quantri", "/translations/hnj/string?msgid=Save", None,
                           {"msgstr": "Khaws", "reviewed": "y"},
                           "select count(*) from translation_reviews", 1),
    "village merge": ("giamsat", "/villages/{twin_village}/merge", None, {"keep": "{village}"},
                      "select count(*) from villages where deleted_at is not null", 1),
    "conflict": ("giamsat", "/conflicts/{conflict}", None, {"choice": "lost"},
                 "select count(*) from sync_conflicts where resolved_at is not null", 1),
}


@pytest.fixture
def app(tmp_path, seeded_database):
    """The demo with its households, visits and session, an empty village and a conflict."""
    app = registry_app(tmp_path / "instance", seeded_database)
    return app


@pytest.fixture
def ids(app):
    db = connect(app.config["DATABASE"])
    found = demo_ids(db)
    found["empty_village"] = places.create_village(
        db, found["commune"], "Bản Trống", "ban", user_id=found["officer"])["id"]
    # The same village made on another laptop, as sync brings it.
    found["twin_village"] = store.insert(db, "villages", {
        "commune_code": found["commune"], "name": "Mí Háng", "name_key": "mi hang",
        "kind": "ban"}, user_id=found["officer"])["id"]
    found["other_household"] = one(db, "select id from households where id != ? limit 1",
                                   [found["household"]])["id"]
    found["attendee"] = one(db, "select person_id from session_attendees where session_id = ?"
                                " limit 1", [found["session"]])["person_id"]
    person = store.get(db, "people", found["person"])
    found["conflict"] = store.insert(db, "sync_conflicts", {
        "table_name": "people", "row_id": person["id"], "field": "bhxh_status",
        "kept_value": json.dumps(person["bhxh_status"]), "kept_hlc": "1.00000.a",
        "lost_value": json.dumps("voluntary"), "lost_hlc": "1.00000.b",
        "scope_commune": found["commune"]}, user_id=None)["id"]
    db.close()
    return found


def posting_to(html, page, action):
    """The one form of the page that posts to `action` (None: the page itself)."""
    forms = [f for f in html.find_all("form") if f.get("method") == "post"
             and f.get("action", page) == (action or page)]
    assert len(forms) == 1, f"{len(forms)} forms posting to {action or page} on {page}"
    return forms[0]


def shown_form(client, page, action):
    """What the browser sends from that form as the page shows it."""
    return form_values(posting_to(parse(client.get(page)), page, action))


def key_of(values):
    assert len(values.get("form_key", [])) == 1, "the form carries no key"
    return values["form_key"][0]


def count(app, sql, params=()):
    db = connect(app.config["DATABASE"])
    try:
        return db.execute(sql, params).fetchone()[0]
    finally:
        db.close()


def everything(app):
    db = connect(app.config["DATABASE"])
    try:
        return snapshot(db)
    finally:
        db.close()


@pytest.mark.parametrize("name", FORMS)
def test_a_form_sent_twice_saves_once(app, ids, name):
    who, page, action, changes, counted, added = fill(list(FORMS[name]), ids)
    client = new_client(app, "vi", who)
    values = shown_form(client, page, action)
    key = key_of(values)
    data = {**values, **changes}
    before = count(app, counted) if counted else None
    untouched = everything(app)

    first = client.post(action or page, data=data)
    assert first.status_code == 302, parse(first).text
    saved = everything(app)
    assert saved != untouched, "the first send saved nothing"
    assert count(app, "select count(*) from form_submissions where key = ?", [key]) == 1

    again = client.post(action or page, data=data)
    assert again.status_code == 302
    assert again.headers["Location"] == first.headers["Location"]
    assert everything(app) == saved
    if counted:
        assert count(app, counted) == before + added
    landed = parse(client.get(again.headers["Location"]))
    assert catalog_text(app, "vi", "This form was already saved.") in flashes(landed)


def test_a_form_shown_again_with_errors_keeps_its_key_and_then_saves_once(app, ids):
    client = new_client(app, "vi", "canbo")
    page = f"/households/{ids['household']}/visits/new"
    values = shown_form(client, page, None)
    key = key_of(values)
    before = count(app, "select count(*) from visits")

    refused = client.post(page, data={**values, "visited_at": "2999-01-01T10:00"})
    assert refused.status_code == 200
    assert count(app, "select count(*) from form_submissions") == 0

    fixed = form_values(posting_to(parse(refused), page, None))
    assert fixed["form_key"] == [key]
    fixed["visited_at"] = [datetime.now().strftime("%Y-%m-%dT%H:%M")]
    fixed["notes"] = ["Giới thiệu VssID"]
    for _ in range(2):
        assert client.post(page, data=fixed).status_code == 302
    assert count(app, "select count(*) from visits") == before + 1


def test_two_visits_on_the_same_day_are_two_forms(app, ids):
    """A fresh page is a fresh key: a second real visit is saved."""
    client = new_client(app, "vi", "canbo")
    page = f"/households/{ids['household']}/visits/new"
    before = count(app, "select count(*) from visits")
    first, second = shown_form(client, page, None), shown_form(client, page, None)
    assert key_of(first) != key_of(second)
    for values in (first, second):
        values["nobody_home"] = ["y"]
        assert client.post(page, data=values).status_code == 302
    assert count(app, "select count(*) from visits") == before + 2


def test_a_refused_action_records_no_key(app, ids):
    """A village that still has households is not removed: the same form may be sent later."""
    client = new_client(app, "vi", "canbo")
    action = f"/villages/{ids['village']}/delete"
    values = shown_form(client, f"/villages/{ids['village']}/edit", action)
    response = client.post(action, data=values)
    assert response.status_code == 302
    assert count(app, "select count(*) from form_submissions") == 0
    assert count(app, "select count(*) from villages where deleted_at is not null") == 0


def test_the_same_key_sent_twice_at_once_saves_once(app, ids, monkeypatch):
    """The second request waits for the first to commit its visit and key, then finds the key."""
    client_a = new_client(app, "vi", "canbo")
    client_b = new_client(app, "vi", "canbo")
    page = f"/households/{ids['household']}/visits/new"
    values = {**shown_form(client_a, page, None), "notes": ["Giới thiệu VssID"]}
    # The other tab of the same browser: its own session's CSRF token, the same form's key.
    values_b = {**shown_form(client_b, page, None), "form_key": values["form_key"],
                "notes": ["Giới thiệu VssID"]}
    before = count(app, "select count(*) from visits")

    writing = threading.Event()
    record_visit = visits.record_visit

    def slow_record_visit(*args, **kwargs):
        # Hold the first write open long enough for the second request to arrive meanwhile.
        writing.set()
        time.sleep(0.5)
        return record_visit(*args, **kwargs)

    monkeypatch.setattr(visits, "record_visit", slow_record_visit)
    answers = {}
    first = threading.Thread(target=lambda: answers.update(a=client_a.post(page, data=values)))
    first.start()
    assert writing.wait(5)
    answers["b"] = client_b.post(page, data=values_b)
    first.join(10)

    assert answers["a"].status_code == answers["b"].status_code == 302
    assert answers["a"].headers["Location"] == answers["b"].headers["Location"]
    assert count(app, "select count(*) from visits") == before + 1


def test_keys_older_than_the_keeping_time_are_forgotten(app):
    db = connect(app.config["DATABASE"])
    old = datetime.now(timezone.utc) - timedelta(days=submissions.KEEP_DAYS + 1)
    db.execute("insert into form_submissions (key, location, user_id, submitted_at)"
               " values ('old', '/', null, ?)", [old.isoformat(timespec="milliseconds")])
    submissions.record(db, "new", "/visits/1", None)
    assert [r[0] for r in db.execute("select key from form_submissions")] == ["new"]
    db.close()
