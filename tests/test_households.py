"""The household registry: registering, members, validation, duplicates, moves and history."""

import re
from datetime import date

import pytest

from fieldapp.households import queries as households
from helpers import field_errors, flashes, input_value, new_client, parse, snapshot
from registry import household, person, user_id, village_id

# Run on a central server on SQLite and on PostgreSQL (tests/conftest.py).
CENTRAL_STORES = ("sqlite", "postgresql")

HEAD = {"address_note": "Gần trường tiểu học", "phone": "0912 345 678", "ethnicity": "mong",
        "language": "hnj", "full_name": "Giàng A Páo", "gender": "male", "birth_year": "1980",
        "cccd": "015080001234", "bhxh_number": "", "bhyt_card_type": "",
        "bhxh_status": "none", "vssid": "unknown"}


@pytest.fixture
def mi_hang(db):
    return village_id(db, "Mí Háng")


def test_register_household_creates_household_and_head_in_one_go(officer, db, mi_hang):
    response = officer.post_form(f"/villages/{mi_hang}/households/new", HEAD)
    assert response.status_code == 302
    household_id = response.headers["Location"].rsplit("/", 1)[1]
    row = db["households"].get(household_id)
    head = db["people"].get(row["head_person_id"])
    assert (head["full_name"], head["relation"], head["name_key"]) == (
        "Giàng A Páo", "head", "giang a pao")
    assert row["phone"] == "0912345678"
    assert row["language"] == "hnj"
    page = officer.get(f"/households/{household_id}").get_data(as_text=True)
    assert "Giàng A Páo" in page
    # The CCCD is not shown on the household page: only where it is needed.
    assert "015080001234" not in page


def test_age_is_derived_from_birth_year_or_date():
    today = date(2026, 11, 23)
    assert households.age({"birth_year": 1980, "birth_date": None}, today) == 46
    assert households.age({"birth_year": 1980, "birth_date": "1980-12-01"}, today) == 45
    assert households.age({"birth_year": 1980, "birth_date": "1980-11-23"}, today) == 46


INVALID = [
    ("full_name", "", "This field is required."),
    ("birth_year", "1850", "Enter a year between %(min)s and %(max)s."),
    ("birth_year", "abc", "Not a valid integer value."),
    ("birth_year", "", "Enter the birth year or the birth date."),
    ("cccd", "12345", "A CCCD has exactly 12 digits."),
    ("cccd", "015081001234", "This CCCD belongs to someone born in another year: check the "
                             "number and the birth year."),
    ("bhxh_number", "12345678", "A mã số BHXH has exactly 10 digits."),
    ("phone", "12345", "Enter a Vietnamese phone number, e.g. 0912 345 678 or 0216 3878 123."),
    ("birth_date", "2999-01-01", "This date is in the future."),
    ("bhyt_expiry", "", "Enter the date until which the card is valid."),
]


@pytest.mark.parametrize("locale", ["vi", "en"])
@pytest.mark.parametrize("field, value, msgid", INVALID, ids=[i[0] + ":" + i[1] for i in INVALID])
def test_invalid_input_shows_message_beside_field_and_keeps_typing(
        app, client, db, mi_hang, locale, field, value, msgid):
    client.set_language(locale)
    client.login()
    data = {**HEAD, field: value}
    if field == "bhyt_expiry":
        data["bhyt_card_type"] = "household"
    if field == "birth_date":
        data["birth_year"] = ""
    before = snapshot(db)
    response = client.post_form(f"/villages/{mi_hang}/households/new", data)
    assert response.status_code == 200
    page = parse(response)
    expected = app.extensions["fieldapp_catalogs"].gettext(locale, msgid)
    pattern = re.escape(expected).replace(re.escape("%(min)s"), r"\d+").replace(
        re.escape("%(max)s"), r"\d+")
    assert any(re.fullmatch(pattern, e) for e in field_errors(page, field)), \
        field_errors(page, field)
    assert input_value(page, "address_note") == HEAD["address_note"]
    if field != "full_name":
        assert input_value(page, "full_name") == HEAD["full_name"]
    assert snapshot(db) == before


def _add(client, household_id, **values):
    data = {"gender": "female", "relation": "child", "bhxh_status": "none", "vssid": "unknown",
            **values}
    return client.post_form(f"/households/{household_id}/people/new", data)


def test_likely_duplicate_is_flagged_with_a_link_and_can_be_saved_deliberately(
        officer, db, create_household):
    first = create_household(person("Sùng Thị Mỷ", 1990))
    other = create_household(person("Lý A Sử", 1970, "male"),
                             village_id=village_id(db, "Tu San"))
    # Same folded name and birth year, same commune, typed differently.
    response = _add(officer, other["id"], full_name="sung thi  MY", birth_year="1990")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f'/households/{first["id"]}' in page
    assert db["people"].count == 2
    response = _add(officer, other["id"], full_name="sung thi  MY", birth_year="1990",
                    confirm_duplicate="y")
    assert response.status_code == 302
    assert db["people"].count == 3


def test_same_cccd_or_bhxh_number_anywhere_in_the_office_is_a_likely_duplicate(
        db, mi_hang, create_household):
    office = db.execute("select office_id from users where id = ?",
                        [user_id(db, "canbo")]).fetchone()[0]
    create_household(person("Lò Văn Tâm", 1980, "male", cccd="015080001234",
                            bhxh_number="0123456789"), village_id=mi_hang)
    commune = db.execute("select commune_code from villages where id = ?", [mi_hang]).fetchone()[0]
    by_cccd = households.likely_duplicates(db, office, 0, "Someone Else", 1999,
                                           cccd="015080001234")
    by_bhxh = households.likely_duplicates(db, office, 0, "Someone Else", 1999,
                                           bhxh_number="0123456789")
    assert [d["full_name"] for d in by_cccd] == ["Lò Văn Tâm"]
    assert by_cccd[0]["same_cccd"] == 1
    assert [d["full_name"] for d in by_bhxh] == ["Lò Văn Tâm"]
    assert households.likely_duplicates(db, office, commune, "Lo Van Tam", 1981) == []
    assert len(households.likely_duplicates(db, office, commune, "lo van tam", 1980)) == 1
    assert households.likely_duplicates(db, "another office", 0, "Someone Else", 1999,
                                        cccd="015080001234") == []


def test_the_central_duplicate_warning_never_shows_another_offices_person(central_app):
    """Office B's CCCD and mã số BHXH typed in office A: no warning, nothing of B shown."""
    from test_reports import build_other_office

    app, db = central_app
    b = build_other_office(db)
    household(db, b["village"], b["officer"], person(
        "Hoàng Thị Bí Mật", 1975, cccd="001175009999", bhxh_number="0199999999"))
    b_household = db.execute("select household_id from people where full_name = ?",
                             ["Hoàng Thị Bí Mật"]).fetchone()[0]
    a_household = household(db, village_id(db, "Mí Háng"), user_id(db, "canbo"),
                            person("Giàng A Dê", 1960, "male"))["id"]
    client = new_client(app, "en", "canbo")
    response = _add(client, a_household, full_name="Ai Đó", birth_year="1975",
                    cccd="001175009999", bhxh_number="0199999999")
    # No warning to confirm: the person is saved in office A, and nothing of B was shown.
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    for secret in ("Hoàng Thị Bí Mật", "Tổ dân phố 7", b_household):
        assert secret not in page
    # In B's own office, the same numbers are a likely duplicate.
    response = _add(new_client(app, "en", "hanoi"), b_household, full_name="Ai Đó",
                    birth_year="1975", bhxh_number="0199999999")
    assert response.status_code == 200
    assert f"/households/{b_household}" in response.get_data(as_text=True)


def test_person_moves_with_history_kept(officer, db, create_household):
    home = create_household(person("Giàng A Dình", 1960, "male"),
                            person("Giàng Thị Sua", 2000))
    new_home = create_household(person("Hờ A Chứ", 1998, "male"))
    sua = home["Giàng Thị Sua"]
    response = officer.get(f"/people/{sua}/move?q=ho a chu")
    assert f'value="{new_home["id"]}"' in response.get_data(as_text=True)
    response = officer.post_form(f"/people/{sua}/move",
                                 {"household_id": new_home["id"], "relation": "spouse"})
    assert response.status_code == 302
    row = db["people"].get(sua)
    assert (row["household_id"], row["relation"]) == (new_home["id"], "spouse")
    page = officer.get(f"/people/{sua}").get_data(as_text=True)
    history = page[page.index("history"):]
    assert "Household" in history or "Hộ gia đình" in history
    assert "Vợ, chồng" in history and "Con" in history


def test_editing_a_person_records_who_changed_which_field(officer, db, create_household):
    home = create_household(person("Vàng A Lử", 1975, "male"))
    lu = home["Vàng A Lử"]
    response = officer.post_form(f"/people/{lu}", {
        "full_name": "Vàng A Lử", "gender": "male", "birth_year": "1975", "relation": "head",
        "bhxh_status": "voluntary", "vssid": "installed", "cccd": "015075001111"})
    assert response.status_code == 302
    page = parse(officer.get(f"/people/{lu}"))
    history = page.find("section", class_="history")
    text = " ".join(history.text.split())
    assert "Giàng A Dế" in text  # the demo officer's name
    assert "Chưa tham gia BHXH → BHXH tự nguyện" in text
    assert "Chưa rõ → Đã cài" in text
    # The new CCCD is in the history masked, never in full.
    assert "••••••••1111" in text and "015075001111" not in text
    assert flashes(page) == ["Đã lưu Vàng A Lử."]


def test_household_of_another_office_is_not_found(app, db, mi_hang, create_household,
                                                  create_office, create_user):
    home = create_household(person("Thào A Tủa", 1970, "male"), village_id=mi_hang)
    hanoi = db.execute("select code from communes where province_code = 1 limit 1").fetchone()[0]
    other = create_office("BHXH Hà Nội", 1, communes=[hanoi])
    create_user("hanoi", office_id=other["id"])
    outsider = new_client(app, username="hanoi")
    person_id = db["households"].get(home["id"])["head_person_id"]
    for url in (f"/households/{home['id']}", f"/households/{home['id']}/edit",
                f"/households/{home['id']}/visits/new", f"/people/{person_id}",
                f"/villages/{mi_hang}", f"/villages/{mi_hang}/households/new"):
        assert outsider.get(url).status_code == 404, url
    assert outsider.post_form(f"/people/{person_id}/remove").status_code == 404
    assert db["people"].get(person_id)["deleted_at"] is None
    assert "Thào A Tủa" not in outsider.get("/search?q=thao").get_data(as_text=True)


def test_village_with_households_cannot_be_removed(officer, db, mi_hang, create_household):
    create_household(person("Mùa A Chông", 1985, "male"), village_id=mi_hang)
    response = officer.post_form(f"/villages/{mi_hang}/delete")
    assert response.status_code == 302
    assert db["villages"].get(mi_hang)["deleted_at"] is None
