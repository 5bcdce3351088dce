"""Records a supervisor can trust (issue 22): an empty visit is no visit, and visits, sessions,
people and households are corrected or removed with a reason, undone, and every figure, status
and worklist follows."""

from datetime import date, datetime, timedelta

import pytest

from fieldapp import clock, removals
from fieldapp.group_sessions import queries as sessions
from fieldapp.households import queries as households
from fieldapp.reports import counting, scope
from helpers import (assert_report_counts_as_built_again, catalog_text, field_errors,
                     form_values, parse, snapshot)
from registry import person, user_id, village_id

DAY = "2026-11-20T09:30"


@pytest.fixture
def homes(create_household):
    return (create_household(person("Giàng A Páo", 1980, "male"),
                             person("Sùng Thị Mỷ", 1984)),
            create_household(person("Vàng A Chá", 1975, "male")))


def figures(db):
    office = db.execute("select id from offices").fetchone()[0]
    found = counting.total(counting.figures(db, scope.Area(office), date(2026, 1, 1),
                                            date(2026, 12, 31)))
    return {k: found[k] for k in ("visits", "households", "people", "vssid_installed",
                                  "sessions", "attendees")}


def key(person_id):
    return person_id.replace("-", "")


def test_an_untouched_visit_form_saves_nothing_and_says_why(app, officer, db, homes):
    before = snapshot(db)
    response = officer.post_form(f"/households/{homes[0]['id']}/visits/new",
                                 {"visited_at": DAY, "language": "hnj",
                                  "companions": "Trưởng bản"})
    assert response.status_code == 200
    page = parse(response)
    assert field_errors(page, "present") == [catalog_text(
        app, "vi", "Tick who was met, or \u201cNobody home\u201d, or write in the notes what"
                   " happened.")]
    assert page.find("input", id="companions").get("value") == "Trưởng bản"
    assert snapshot(db) == before
    # A note alone is something that happened: it saves.
    response = officer.post_form(f"/households/{homes[0]['id']}/visits/new",
                                 {"visited_at": DAY, "language": "hnj",
                                  "notes": "Nói chuyện qua hàng rào"})
    assert response.status_code == 302


def test_removing_a_visit_puts_back_statuses_and_figures_and_undo_brings_them_back(
        officer, db, homes, create_visit):
    pao = homes[0]["Giàng A Páo"]
    before = figures(db)
    visit_id = create_visit(homes[0]["id"], DAY, outcomes={pao: (["vssid_installed"], None)})
    during = figures(db)
    assert during["visits"] == before["visits"] + 1
    assert during["vssid_installed"] == before["vssid_installed"] + 1
    assert db["people"].get(pao)["vssid"] == "installed"
    response = officer.post_form(f"/visits/{visit_id}/remove", {"reason": "Nhập nhầm"})
    assert response.status_code == 302
    row = db["visits"].get(visit_id)
    assert row["deleted_at"] and row["removed_reason"] == "Nhập nhầm"
    assert db["people"].get(pao)["vssid"] == "unknown"
    assert figures(db) == before
    page = officer.get(response.headers["Location"]).get_data(as_text=True)
    assert f'action="/visits/{visit_id}/restore"' in page
    assert officer.post_form(f"/visits/{visit_id}/restore").status_code == 302
    assert db["people"].get(pao)["vssid"] == "installed"
    assert figures(db) == during
    assert_report_counts_as_built_again(db)


def test_a_visit_moved_to_the_right_household_counts_there_and_not_on_the_wrong_one(
        officer, db, homes, create_visit):
    wrong, right = homes
    pao, cha = wrong["Giàng A Páo"], right["Vàng A Chá"]
    visit_id = create_visit(wrong["id"], DAY, outcomes={pao: (["vssid_installed"], None)})
    response = officer.post_form(f"/visits/{visit_id}/move", {"household_id": right["id"]})
    assert response.headers["Location"].endswith(f"/visits/{visit_id}/people")
    assert db["people"].get(pao)["vssid"] == "unknown"
    response = officer.post_form(f"/visits/{visit_id}/people", {
        "present": [cha], f"outcome_{key(cha)}": ["vssid_installed"]})
    assert response.status_code == 302
    assert db["people"].get(cha)["vssid"] == "installed"
    outcomes = {(o["person_id"], o["outcome"]) for o in db.query(
        "select * from visit_outcomes where visit_id = ? and deleted_at is null", [visit_id])}
    assert outcomes == {(cha, "vssid_installed")}
    reached = {r["household_id"] for r in db.query(
        "select household_id from reach where source_id = ? and kind = 'visit'", [visit_id])}
    assert reached == {right["id"]}
    never = officer.get("/worklists/never-visited").get_data(as_text=True)
    assert "Giàng A Páo" in never and "Vàng A Chá" not in never
    assert_report_counts_as_built_again(db)


def test_a_person_entered_twice_and_removed_is_reached_by_nobody_until_restored(
        supervisor, db, homes, create_person, create_visit):
    twice = create_person(homes[0]["id"], "Sùng Thị Mỷ", 1984, relation="spouse")["id"]
    create_visit(homes[0]["id"], DAY, present=[homes[0]["Sùng Thị Mỷ"], twice])
    counted = figures(db)["people"]
    response = supervisor.post_form(f"/people/{twice}/remove", {"reason": "Nhập hai lần"})
    assert response.status_code == 302
    assert figures(db)["people"] == counted - 1
    assert db["people"].get(twice)["removed_reason"] == "Nhập hai lần"
    assert supervisor.post_form(f"/people/{twice}/restore").status_code == 302
    assert figures(db)["people"] == counted
    assert_report_counts_as_built_again(db)


def test_a_household_removed_takes_its_people_and_visits_and_undo_only_those(
        supervisor, db, homes, create_person, create_visit):
    before = figures(db)
    already = create_person(homes[1]["id"], "Vàng Thị Dung", 1990)["id"]
    households.remove_person(db, already, "Chuyển đi", user_id=user_id(db, "canbo"))
    create_visit(homes[1]["id"], DAY, nobody_home=True)
    response = supervisor.post_form(f"/households/{homes[1]['id']}/remove",
                                    {"reason": "Đăng ký hai lần"})
    assert response.status_code == 302
    assert db.execute("select count(*) from people where household_id = ? and deleted_at"
                      " is null", [homes[1]["id"]]).fetchone()[0] == 0
    assert figures(db) == before
    assert supervisor.post_form(f"/households/{homes[1]['id']}/restore").status_code == 302
    live = {r[0] for r in db.execute("select full_name from people where household_id = ?"
                                     " and deleted_at is null", [homes[1]["id"]])}
    # The person removed before, for a reason of their own, stays removed.
    assert live == {"Vàng A Chá"}
    assert figures(db)["visits"] == before["visits"] + 1


def test_a_session_removed_with_its_roster_stops_counting_until_undone(supervisor, db, homes):
    commune = db["villages"].get(village_id(db, "Mí Háng"))["commune_code"]
    before = figures(db)
    session_id = sessions.record_session(
        db, commune_code=commune, village_id=village_id(db, "Mí Háng"),
        held_at=datetime.fromisoformat(DAY), format="village_meeting",
        target_group="farmers", total=2, gender_unknown=2, by_ethnicity={"hmong": 2},
        roster=[homes[0]["Giàng A Páo"]], user_id=user_id(db, "canbo"))
    during = figures(db)
    assert during["sessions"] == before["sessions"] + 1
    response = supervisor.post_form(f"/sessions/{session_id}/remove", {"reason": "Trùng"})
    assert response.status_code == 302
    assert figures(db) == before
    assert db.execute("select count(*) from session_attendees where session_id = ? and"
                      " deleted_at is null", [session_id]).fetchone()[0] == 0
    assert supervisor.post_form(f"/sessions/{session_id}/restore").status_code == 302
    assert figures(db) == during


def test_an_officer_removes_their_own_records_for_a_week_and_nobody_elses(app, client, db,
                                                                          homes, create_visit):
    mine = create_visit(homes[0]["id"], DAY, nobody_home=True)
    theirs = create_visit(homes[1]["id"], DAY, officer_id=user_id(db, "giamsat"),
                          nobody_home=True)
    client.login("canbo")
    before = snapshot(db)
    assert client.post_form(f"/visits/{theirs}/remove", {"reason": "x"}).status_code == 403
    assert snapshot(db) == before
    officer = {"id": user_id(db, "canbo"), "role": "officer"}
    row = db["visits"].get(mine)
    made = datetime.fromisoformat(row["created_at"])
    assert removals.may_remove(officer, row, now=made + timedelta(days=7))
    assert not removals.may_remove(officer, row, now=made + timedelta(days=8))
    assert removals.may_remove({"id": "other", "role": "supervisor"}, row,
                               now=made + timedelta(days=400))
    # A removal needs its reason: refused with a message, nothing removed.
    response = client.post_form(f"/visits/{mine}/remove", {"reason": "  "},
                                follow_redirects=True)
    assert catalog_text(app, "vi", "Say why it is removed: nothing was removed.") in \
        response.get_data(as_text=True)
    assert db["visits"].get(mine)["deleted_at"] is None


def test_undo_right_after_saving_a_visit_keeps_nothing_of_it(app, officer, db, homes):
    before = figures(db)
    response = officer.post_form(f"/households/{homes[0]['id']}/visits/new", {
        "visited_at": clock.now().strftime("%Y-%m-%dT%H:%M"), "language": "hnj",
        "nobody_home": "y"})
    page = officer.get(response.headers["Location"]).get_data(as_text=True)
    undo = parse(page).find("form", **{"class": "undo"})
    assert undo is not None
    assert officer.post_form(undo.get("action")).status_code == 302
    assert db.execute("select removed_reason from visits where household_id = ?",
                      [homes[0]["id"]]).fetchone()[0] == catalog_text(
        app, "vi", "Undone right after saving")
    assert db.execute("select count(*) from visits where household_id = ? and deleted_at"
                      " is null", [homes[0]["id"]]).fetchone()[0] == 0
    assert figures(db) == before


def test_a_session_whose_attendee_was_removed_still_saves_its_outcomes(supervisor, db, homes):
    commune = db["villages"].get(village_id(db, "Mí Háng"))["commune_code"]
    pao, my = homes[0]["Giàng A Páo"], homes[0]["Sùng Thị Mỷ"]
    session_id = sessions.record_session(
        db, commune_code=commune, village_id=village_id(db, "Mí Háng"),
        held_at=datetime.fromisoformat(DAY), format="village_meeting",
        target_group="farmers", total=2, gender_unknown=2, by_ethnicity={"hmong": 2},
        roster=[pao, my], user_id=user_id(db, "canbo"))
    households.remove_person(db, my, "Nhập hai lần", user_id=user_id(db, "canbo"))
    response = supervisor.post_form(f"/sessions/{session_id}/outcomes",
                                    {f"outcome_{pao}": ["vssid_installed"],
                                     f"outcome_{my}": ["vssid_installed"]})
    assert response.status_code == 302
    assert db["people"].get(pao)["vssid"] == "installed"
    assert db["people"].get(my)["vssid"] == "unknown"


def test_a_supervisor_brings_back_a_removal_later_from_the_household_and_village_pages(
        supervisor, db, homes, create_person):
    twice = create_person(homes[0]["id"], "Giàng A Páo", 1980, relation="other")["id"]
    households.remove_person(db, twice, "Nhập <b>hai</b> lần", user_id=user_id(db, "canbo"))
    households.remove_household(db, homes[1]["id"], "Trùng", user_id=user_id(db, "canbo"))
    page = supervisor.get(f"/households/{homes[0]['id']}").get_data(as_text=True)
    section = parse(page).find("section", id="removed")
    assert "Nhập <b>hai</b> lần" in section.text  # the reason as text, never markup
    assert "<b>hai</b>" not in page
    assert f'action="/people/{twice}/restore"' in page
    village = supervisor.get(f"/villages/{village_id(db, 'Mí Háng')}").get_data(as_text=True)
    assert f'action="/households/{homes[1]["id"]}/restore"' in village
    assert supervisor.post_form(f"/people/{twice}/restore").status_code == 302
    assert db["people"].get(twice)["deleted_at"] is None
    # An officer sees the list, but may bring back only their own records of the week.
    officer = supervisor
    officer.logout()
    officer.login("canbo")
    assert f'action="/households/{homes[1]["id"]}/restore"' in officer.get(
        f"/villages/{village_id(db, 'Mí Háng')}").get_data(as_text=True)


def test_undo_right_after_registering_a_household_or_saving_a_session(officer, db):
    village = village_id(db, "Mí Háng")
    response = officer.post_form(f"/villages/{village}/households/new", {
        "full_name": "Vừ A Sểnh", "gender": "male", "birth_year": "1977", "language": "hnj"})
    assert response.status_code == 302
    household = response.headers["Location"].rsplit("/", 1)[1]
    undo = parse(officer.get(response.headers["Location"])).find("form", **{"class": "undo"})
    assert undo.get("action") == f"/households/{household}/undo-save"
    assert officer.post_form(undo.get("action")).status_code == 302
    assert db.execute("select count(*) from people where household_id = ? and deleted_at"
                      " is null", [household]).fetchone()[0] == 0
    page = f"/sessions/new?village={village}"
    shown = [f for f in parse(officer.get(page)).find_all("form")
             if f.get("method") == "post" and not f.get("action")][0]
    response = officer.post(page, data={
        **form_values(shown), "held_at": DAY, "attendees_total": "3", "attendees_female": "2",
        "attendees_male": "1", "attendees_gender_unknown": "0", "eth_unknown": "3"})
    assert response.status_code == 302
    undo = parse(officer.get(response.headers["Location"])).find("form", **{"class": "undo"})
    assert officer.post_form(undo.get("action")).status_code == 302
    assert db.execute("select count(*) from group_sessions where deleted_at is null and"
                      " held_at like '2026-11-20%'").fetchone()[0] == 0
