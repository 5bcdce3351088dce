"""Recording visits: outcomes change statuses in the same transaction, and bad input is refused."""

from datetime import date, datetime, timedelta

import pytest

from fieldapp import clock
from fieldapp.visits import queries as visits
from helpers import field_errors, input_value, parse, snapshot
from registry import person, user_id, village_id


@pytest.fixture
def home(create_household):
    return create_household(person("Giàng A Páo", 1980, "male"), person("Sùng Thị Mỷ", 1984),
                            person("Giàng A Tráng", 2012, "male", bhyt_card_type="household",
                                   bhyt_expiry="2027-03-31"))


def key(person_id):
    return person_id.replace("-", "")


def post_visit(client, home, **data):
    return client.post_form(f"/households/{home['id']}/visits/new",
                            {"visited_at": "2026-11-20T09:30", "language": "hnj", **data})


def test_outcomes_update_statuses_with_the_visit(officer, db, home):
    pao, my, trang = home["Giàng A Páo"], home["Sùng Thị Mỷ"], home["Giàng A Tráng"]
    response = post_visit(officer, home, topics=["voluntary_bhxh", "household_bhyt"],
                          materials=["leaflet"], companions="Trưởng bản Mùa A Chông",
                          follow_up_on="2026-12-01", notes="Hẹn sau mùa gặt", **{
                              f"outcome_{key(pao)}": ["voluntary_bhxh", "vssid_installed"],
                              f"outcome_{key(my)}": ["household_bhyt"],
                              f"outcome_{key(trang)}": ["household_bhyt"]})
    assert response.status_code == 302
    people = {p["id"]: p for p in db["people"].rows}
    assert (people[pao]["bhxh_status"], people[pao]["vssid"]) == ("voluntary", "installed")
    assert (people[my]["bhyt_card_type"], people[my]["bhyt_expiry"]) == ("household",
                                                                         "2027-11-20")
    # A renewal runs on from the end of the card the person already holds.
    assert people[trang]["bhyt_expiry"] == "2028-03-31"
    visit = db["visits"].get(next(iter(db["visits"].pks_and_rows_where()))[0])
    assert visit["officer_id"] == user_id(db, "canbo")
    assert visit["follow_up_on"] == "2026-12-01"
    outcomes = {(o["person_id"], o["outcome"]) for o in db["visit_outcomes"].rows}
    assert outcomes == {(pao, "voluntary_bhxh"), (pao, "vssid_installed"),
                        (my, "household_bhyt"), (trang, "household_bhyt")}
    # People with an outcome were present even if the box was not ticked.
    assert set(visits.visit(db, visit["id"], db["offices"].rows.__next__()["id"])["present"]) \
        == {pao, my, trang}
    history = [h["action"] for h in db.query(
        "select action from history where table_name = 'people' and row_id = ?", [pao])]
    assert history == ["insert", "update"]


def test_status_change_and_visit_are_one_transaction(db, home, create_household):
    stranger = create_household(person("Lý Thị Dua", 1990),
                                village_id=village_id(db, "Tu San"))["Lý Thị Dua"]
    before = snapshot(db)
    with pytest.raises(ValueError):
        visits.record_visit(db, home["id"], officer_id=user_id(db, "canbo"),
                            visited_at=datetime(2026, 11, 20, 9),
                            outcomes={home["Giàng A Páo"]: (["voluntary_bhxh"], None),
                                      stranger: (["vssid_installed"], None)})
    assert snapshot(db) == before


def test_nobody_home_is_one_click(officer, db, home):
    response = officer.post_form(f"/households/{home['id']}/visits/nobody-home")
    assert response.status_code == 302
    visit = next(db["visits"].rows)
    assert visit["nobody_home"] == 1
    assert visit["language"] == "vi"
    assert abs(datetime.fromisoformat(visit["visited_at"]) - clock.now()) < timedelta(minutes=2)


@pytest.mark.parametrize("locale", ["vi", "en"])
@pytest.mark.parametrize("data, field, msgid", [
    ({"visited_at": (clock.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")},
     "visited_at", "A visit cannot be in the future."),
    ({"visited_at": ""}, "visited_at", "This field is required."),
    ({"follow_up_on": "2026-11-01"}, "follow_up_on",
     "The follow-up date must come after the visit."),
    ({"nobody_home": "y", "present": ["PAO"]}, "nobody_home",
     "Nobody was home, so nobody can be present or have an outcome."),
    ({"outcome_PAO": ["declined"]}, "reason_PAO", "Say why the person declined."),
    ({"topics": ["no_such_topic"]}, "topics",
     "'%(value)s' is not a valid choice for this field."),
], ids=["future", "missing-date", "follow-up-before", "nobody-home-with-people",
        "declined-without-reason", "unknown-topic"])
def test_bad_visit_input_is_refused_beside_the_field(app, client, db, home, locale, data, field,
                                                     msgid):
    client.set_language(locale)
    client.login()
    pao = key(home["Giàng A Páo"])
    data = {k.replace("PAO", pao): ([home["Giàng A Páo"]] if v == ["PAO"] else v)
            for k, v in data.items()}
    field = field.replace("PAO", pao)
    before = snapshot(db)
    response = post_visit(client, home, companions="Trưởng bản", **data)
    assert response.status_code == 200
    page = parse(response)
    expected = app.extensions["fieldapp_catalogs"].gettext(locale, msgid)
    errors = field_errors(page, field) if field != "topics" else [
        " ".join(li.text.split()) for li in page.find("ul", id="topics-errors").find_all("li")]
    assert errors and errors[0].startswith(expected.split("%")[0].rstrip("'"))
    assert input_value(page, "companions") == "Trưởng bản"
    assert snapshot(db) == before


def test_declined_with_reason_is_saved_without_status_change(officer, db, home):
    my = home["Sùng Thị Mỷ"]
    response = post_visit(officer, home, **{f"outcome_{key(my)}": ["declined"],
                                            f"reason_{key(my)}": "cannot_afford"})
    assert response.status_code == 302
    outcome = next(db["visit_outcomes"].rows)
    assert (outcome["outcome"], outcome["decline_reason"]) == ("declined", "cannot_afford")
    assert db["people"].get(my)["bhxh_status"] == "none"


def test_visit_form_defaults_to_now_and_the_household_language(officer, db, home):
    db["households"].update(home["id"], {"language": "hnj"})
    page = parse(officer.get(f"/households/{home['id']}/visits/new"))
    shown = datetime.strptime(input_value(page, "visited_at"), "%Y-%m-%dT%H:%M")
    assert abs(shown - clock.now()) < timedelta(minutes=2)
    selected = page.find("select", name="language").find("option", selected="")
    assert selected.get("value") == "hnj"


def test_visit_details_can_be_corrected_with_history(officer, db, home, create_visit):
    visit_id = create_visit(home["id"], "2026-11-20T09:00", topics=["vssid"])
    response = officer.post_form(f"/visits/{visit_id}", {
        "topics": ["vssid", "household_bhyt"], "notes": "Đã gọi lại", "follow_up_on": ""})
    assert response.status_code == 302
    assert db["visits"].get(visit_id)["notes"] == "Đã gọi lại"
    page = " ".join(parse(officer.get(f"/visits/{visit_id}")).find(
        "section", class_="history").text.split())
    assert "Ứng dụng VssID → Ứng dụng VssID, Bảo hiểm y tế hộ gia đình" in page


def test_household_bhyt_renewal_dates():
    person_without = {"bhxh_status": "none", "vssid": "unknown", "bhyt_card_type": None,
                      "bhyt_expiry": None}
    assert visits.status_changes(person_without, ["household_bhyt"], date(2024, 2, 29)) == {
        "bhyt_card_type": "household", "bhyt_expiry": "2025-02-28"}
    expired = {**person_without, "bhyt_card_type": "household", "bhyt_expiry": "2026-01-01"}
    assert visits.status_changes(expired, ["household_bhyt"], date(2026, 11, 20))[
        "bhyt_expiry"] == "2027-11-20"
    assert visits.status_changes(person_without, ["interested", "declined"],
                                 date(2026, 11, 20)) == {}
