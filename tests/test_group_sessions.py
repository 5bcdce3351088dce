"""Small-group sessions: attendance rules, roster and quick add, outcomes, pages."""

import json
import re

import pytest

from fieldapp.group_sessions import queries as sessions
from helpers import field_errors, input_value, parse, snapshot
from registry import household, person, user_id, village_id


@pytest.fixture
def mi_hang(db):
    return village_id(db, "Mí Háng")


@pytest.fixture
def home(db, mi_hang):
    return household(db, mi_hang, user_id(db, "canbo"), person("Giàng A Páo", 1980, "male"),
                     person("Sùng Thị Mỷ", 1984))


def form_data(**overrides):
    data = {"held_at": "2026-11-20T14:00", "place": "Nhà văn hóa bản", "format": "small_group",
            "target_group": "voluntary", "topics": ["voluntary_bhxh", "vssid"],
            "languages": ["hnj", "vi"], "outside_facilitators": "Trưởng bản Mùa A Chông",
            "attendees_total": "6", "attendees_female": "4", "attendees_male": "2",
            "eth_mong": "5", "eth_unknown": "1"}
    return {**data, **overrides}


def test_session_with_roster_and_quick_add_is_saved_whole(officer, db, mi_hang, home):
    me = user_id(db, "canbo")
    # The officer recording the session is ticked as a facilitator to begin with.
    page = parse(officer.get(f"/sessions/new?village={mi_hang}"))
    assert page.find("input", name="facilitators", value=me).get("checked") is not None
    response = officer.post_form(f"/sessions/new?village={mi_hang}", form_data(
        roster=[home["Giàng A Páo"]], facilitators=[me], **{"quick-0-full_name": "Hờ Thị Dua",
                                         "quick-0-gender": "female",
                                         "quick-0-birth_year": "1995"}))
    assert response.status_code == 302
    row = next(db["group_sessions"].rows)
    assert (row["attendees_total"], row["attendees_female"], row["attendees_male"]) == (6, 4, 2)
    assert json.loads(row["attendees_by_ethnicity"]) == {"mong": 5, "unknown": 1}
    assert json.loads(row["facilitators"]) == [me]
    roster = {a["full_name"] for a in sessions.attendees(db, row["id"])}
    assert roster == {"Giàng A Páo", "Hờ Thị Dua"}
    dua = db.execute("select * from people where full_name = 'Hờ Thị Dua'").fetchone()
    assert dua is not None
    # The quick-added person heads a new household in the session's village.
    household_row = db.execute("select village_id, head_person_id from households"
                               " where id = (select household_id from people"
                               " where full_name = 'Hờ Thị Dua')").fetchone()
    assert household_row[0] == mi_hang


@pytest.mark.parametrize("locale", ["vi", "en"])
@pytest.mark.parametrize("overrides, field, msgid, figures", [
    ({"attendees_male": "1"}, "attendees_gender_unknown",
     "Women, men and unknown add up to %(sum)d, but the total is %(total)d.",
     {"sum": 5, "total": 6}),
    ({"eth_mong": "3"}, "eth_unknown",
     "The ethnic groups add up to %(sum)d, but the total is %(total)d.", {"sum": 4, "total": 6}),
    ({"attendees_total": "1", "attendees_female": "1", "attendees_male": "0", "eth_mong": "1",
      "eth_unknown": "0"}, "roster",
     "The roster names %(roster)d people, more than the %(total)d who attended.",
     {"roster": 2, "total": 1}),
    ({"held_at": "2999-01-01T10:00"}, "held_at", "A session cannot be in the future.", {}),
    ({"attendees_total": "0"}, "attendees_total", "Enter a number from 1 to 10000.", {}),
    # A quick-added name without a birth year: refused, not a server error.
    ({"quick-0-full_name": "Hờ Thị Dua"}, "quick-0-birth_year",
     "Enter the birth year or the birth date.", {}),
], ids=["gender", "ethnicity", "roster", "future", "zero", "quick-no-year"])
def test_attendance_that_does_not_add_up_is_refused(app, client, db, mi_hang, home, locale,
                                                   overrides, field, msgid, figures):
    client.set_language(locale)
    client.login()
    before = snapshot(db)
    response = client.post_form(f"/sessions/new?village={mi_hang}", form_data(
        roster=[home["Giàng A Páo"], home["Sùng Thị Mỷ"]], **overrides))
    assert response.status_code == 200
    page = parse(response)
    expected = app.extensions["fieldapp_catalogs"].gettext(locale, msgid) % figures
    if field == "roster":
        errors = [" ".join(li.text.split())
                  for li in page.find("ul", id="roster-errors").find_all("li")]
    else:
        errors = field_errors(page, field)
    assert expected in errors
    assert input_value(page, "place") == "Nhà văn hóa bản"
    assert snapshot(db) == before
    assert db["group_sessions"].count == 0


def test_outcomes_update_statuses_once(officer, db, mi_hang, home):
    pao = home["Giàng A Páo"]
    session_id = sessions.record_session(
        db, commune_code=db["villages"].get(mi_hang)["commune_code"], village_id=mi_hang,
        held_at=__import__("datetime").datetime(2026, 11, 20, 14), format="small_group",
        target_group="voluntary", total=3, female=1, male=2, by_ethnicity={"mong": 3},
        roster=[pao], user_id=user_id(db, "canbo"))
    response = officer.post_form(f"/sessions/{session_id}/outcomes",
                                 {f"outcome_{pao}": ["household_bhyt", "vssid_installed",
                                                     "not_an_outcome"]})
    assert response.status_code == 302
    first = db["people"].get(pao)
    assert (first["bhyt_card_type"], first["bhyt_expiry"], first["vssid"]) == (
        "household", "2027-11-20", "installed")
    # Saving the same ticks again must not extend the card a second time.
    officer.post_form(f"/sessions/{session_id}/outcomes",
                      {f"outcome_{pao}": ["household_bhyt", "vssid_installed"]})
    assert db["people"].get(pao)["bhyt_expiry"] == "2027-11-20"
    attendee = next(db["session_attendees"].rows)
    assert json.loads(attendee["outcomes"]) == ["household_bhyt", "vssid_installed"]


def test_roster_cannot_outgrow_attendance_when_adding_later(officer, db, mi_hang, home):
    session_id = sessions.record_session(
        db, commune_code=db["villages"].get(mi_hang)["commune_code"], village_id=mi_hang,
        held_at=__import__("datetime").datetime(2026, 11, 20, 14), format="small_group",
        target_group="voluntary", total=2, female=1, male=1, by_ethnicity={"mong": 2},
        roster=[home["Giàng A Páo"]], user_id=user_id(db, "canbo"))
    response = officer.post_form(f"/sessions/{session_id}/attendees", {
        "roster": [home["Sùng Thị Mỷ"]], "quick-0-full_name": "Lý A Sử",
        "quick-0-gender": "male", "quick-0-birth_year": "1970"})
    assert response.status_code == 400
    assert "3" in " ".join(parse(response).find("ul", id="roster-errors").text.split())
    assert db["session_attendees"].count == 1
    assert db.execute("select count(*) from people where full_name = 'Lý A Sử'").fetchone()[0] \
        == 0
    response = officer.post_form(f"/sessions/{session_id}/attendees",
                                 {"roster": [home["Sùng Thị Mỷ"]]})
    assert response.status_code == 302
    assert db["session_attendees"].count == 2


def test_month_list_filters_and_attendance_sheet(officer, db, mi_hang, home):
    commune = db["villages"].get(mi_hang)["commune_code"]
    from datetime import datetime
    for held, fmt, languages in ((datetime(2026, 11, 3, 9), "small_group", ["hnj"]),
                                 (datetime(2026, 11, 10, 9), "village_meeting", ["vi"]),
                                 (datetime(2026, 10, 10, 9), "small_group", ["hnj"])):
        sessions.record_session(db, commune_code=commune, village_id=mi_hang, held_at=held,
                                format=fmt, target_group="voluntary", languages=languages,
                                total=4, female=2, male=2, by_ethnicity={"mong": 4},
                                roster=[home["Giàng A Páo"]], user_id=user_id(db, "canbo"))
    def listed(query):
        page = parse(officer.get("/sessions/?" + query))
        return [a.text for a in page.find("table").find_all("a")] if page.find("table") else []
    assert len(listed("month=2026-11")) == 2
    assert listed("month=2026-11&format=village_meeting") == ["2026-11-10 09:00"]
    assert listed("month=2026-11&language=hnj") == ["2026-11-03 09:00"]
    assert len(listed("month=2026-10")) == 1
    session_id = db.execute("select id from group_sessions where held_at like '2026-11-03%'"
                            ).fetchone()[0]
    sheet = parse(officer.get(f"/sessions/{session_id}/attendance"))
    rows = sheet.find("tbody").find_all("tr")
    # One named row, three blank rows to reach the four who attended; each with a signature cell.
    assert len(rows) == 4
    assert "Giàng A Páo" in rows[0].text
    assert all(r.find("td", class_="signature") is not None for r in rows)
    assert re.sub(r"\s", "", rows[3].text) == "4"
