"""Villages under the office's communes: adding, duplicates, renaming and removing."""

from urllib.parse import urlsplit

import pytest

from fieldapp import store

from conftest import LOCALES
from helpers import (catalog_text, demo_ids, field_errors, flashes, input_value, new_client,
                     one, parse, squash)


def live_villages(db, commune):
    return [r["name"] for r in db.query(
        "select name from villages where commune_code = ? and deleted_at is null"
        " order by name_key", [commune])]


def listed_villages(page):
    """Village names in the table of the commune page."""
    table = page.find("table")
    if table is None:
        return []
    return [squash(row.find("td").text) for row in table.find("tbody").find_all("tr")]


@pytest.fixture
def ids(db):
    return demo_ids(db)


@pytest.mark.parametrize("locale", LOCALES)
def test_an_officer_adds_a_village(app, db, ids, locale):
    officer = new_client(app, locale, "canbo")
    response = officer.post_form(f"/communes/{ids['commune']}",
                                 {"name": "  Pá   Hu ", "kind": "thon"})

    assert response.status_code == 302
    assert urlsplit(response.headers["Location"]).path == f"/communes/{ids['commune']}"
    row = one(db, "select * from villages where name = 'Pá Hu'")
    assert (row["commune_code"], row["kind"], row["name_key"]) == (ids["commune"], "thon", "pa hu")
    assert row["created_by"] == ids["officer"]
    page = parse(officer.get(f"/communes/{ids['commune']}"))
    assert flashes(page) == [catalog_text(app, locale, "Village added.")]
    assert "Pá Hu" in listed_villages(page)
    assert "Pá Hu" in officer.get("/").get_data(as_text=True)


@pytest.mark.parametrize("locale", LOCALES)
def test_a_likely_duplicate_is_refused_beside_the_name(app, db, ids, locale):
    """Same name once case, diacritics and spaces are folded: refused, the typing kept."""
    officer = new_client(app, locale, "canbo")
    before = store.get(db, "villages", ids["village"])
    count = db["villages"].count

    response = officer.post_form(f"/communes/{ids['commune']}",
                                 {"name": "  mi   HANG ", "kind": "thon"})

    assert response.status_code == 200
    page = parse(response)
    assert field_errors(page, "name") == [catalog_text(
        app, locale, "A village named “%(name)s” already exists in this commune.",
        name="Mí Háng")]
    assert input_value(page, "name") == "  mi   HANG "
    assert page.find("select", name="kind").find("option", selected="").get("value") == "thon"
    assert db["villages"].count == count
    assert store.get(db, "villages", ids["village"]) == before


def test_duplicate_spellings(app, db, ids):
    officer = new_client(app, None, "canbo")
    count = db["villages"].count
    for typed in ["Mí Háng", "MÍ HÁNG", "mi hang", "Mi\tHang", "Mí  Háng ", "MI HÁNG"]:
        response = officer.post_form(f"/communes/{ids['commune']}",
                                     {"name": typed, "kind": "ban"})
        assert response.status_code == 200, typed
        assert field_errors(parse(response), "name"), typed
    assert db["villages"].count == count


def test_the_same_name_in_another_commune_is_fine(app, db, ids):
    """Duplicates are looked for within one commune only."""
    other = one(db, "select code from communes where province_code = 15"
                    " and name = 'Xã Lao Chải'")["code"]
    officer = new_client(app, None, "canbo")
    response = officer.post_form(f"/communes/{other}", {"name": "Mí Háng", "kind": "ban"})
    assert response.status_code == 302
    assert "Mí Háng" in live_villages(db, other)


def test_a_deleted_villages_name_can_be_used_again(app, db, ids):
    officer = new_client(app, None, "canbo")
    assert officer.post_form(f"/villages/{ids['village']}/delete").status_code == 302

    response = officer.post_form(f"/communes/{ids['commune']}", {"name": "mí háng", "kind": "ban"})

    assert response.status_code == 302
    rows = list(db.query("select id, name, deleted_at from villages where name_key = 'mi hang'"
                         " and commune_code = ? order by created_at", [ids["commune"]]))
    assert len(rows) == 2
    assert rows[0]["id"] == ids["village"] and rows[0]["deleted_at"] is not None
    assert rows[1]["name"] == "mí háng" and rows[1]["deleted_at"] is None


@pytest.mark.parametrize("locale", LOCALES)
def test_renaming_to_another_villages_name_is_refused(app, db, ids, locale):
    tu_san = one(db, "select * from villages where name = 'Tu San'")
    officer = new_client(app, locale, "canbo")

    response = officer.post_form(f"/villages/{tu_san['id']}/edit",
                                 {"name": "MI HANG", "kind": "ban"})

    assert response.status_code == 200
    page = parse(response)
    assert field_errors(page, "name") == [catalog_text(
        app, locale, "A village named “%(name)s” already exists in this commune.",
        name="Mí Háng")]
    assert input_value(page, "name") == "MI HANG"
    assert store.get(db, "villages", tu_san["id"]) == tu_san


def test_renaming_a_village_and_changing_its_kind(app, db, ids):
    """A new spelling of its own name is not a duplicate of itself."""
    officer = new_client(app, "en", "canbo")
    page = parse(officer.get(f"/villages/{ids['village']}/edit"))
    assert input_value(page, "name") == "Mí Háng"

    response = officer.post_form(f"/villages/{ids['village']}/edit",
                                 {"name": "Mí  háng", "kind": "thon"})

    assert response.status_code == 302
    row = store.get(db, "villages", ids["village"])
    assert (row["name"], row["name_key"], row["kind"]) == ("Mí háng", "mi hang", "thon")
    assert row["updated_by"] == ids["officer"]
    assert flashes(parse(officer.get(response.headers["Location"]))) == ["Village saved."]


def test_removing_a_village_soft_deletes_it(app, db, ids):
    officer = new_client(app, "en", "canbo")

    response = officer.post_form(f"/villages/{ids['village']}/delete")

    assert response.status_code == 302
    assert urlsplit(response.headers["Location"]).path == f"/communes/{ids['commune']}"
    row = store.get(db, "villages", ids["village"], include_deleted=True)
    assert row["deleted_at"] is not None
    assert row["updated_by"] == ids["officer"]
    page = parse(officer.get(f"/communes/{ids['commune']}"))
    assert flashes(page) == ["Village “Mí Háng” removed."]
    assert "Mí Háng" not in listed_villages(page)
    assert "Mí Háng" not in officer.get("/").get_data(as_text=True)
    assert officer.get(f"/villages/{ids['village']}/edit").status_code == 404
    assert officer.post_form(f"/villages/{ids['village']}/delete").status_code == 404


@pytest.mark.parametrize("locale", LOCALES)
def test_an_empty_name_is_required(app, db, ids, locale):
    officer = new_client(app, locale, "canbo")
    count = db["villages"].count
    for name in ("", "   "):
        response = officer.post_form(f"/communes/{ids['commune']}",
                                     {"name": name, "kind": "ban"})
        assert response.status_code == 200
        assert field_errors(parse(response), "name") == [
            catalog_text(app, locale, "This field is required.")]
    assert db["villages"].count == count


def test_an_overlong_name_is_refused(app, db, ids):
    officer = new_client(app, "en", "canbo")
    count = db["villages"].count
    response = officer.post_form(f"/communes/{ids['commune']}",
                                 {"name": "B" * 101, "kind": "ban"})
    assert field_errors(parse(response), "name") == ["At most 100 characters."]
    assert db["villages"].count == count


@pytest.mark.parametrize("locale", LOCALES)
def test_an_invalid_kind_is_refused(app, db, ids, locale):
    officer = new_client(app, locale, "canbo")
    count = db["villages"].count
    for kind in ("xyz", "", "ban; drop table villages"):
        response = officer.post_form(f"/communes/{ids['commune']}",
                                     {"name": "Bản Mới", "kind": kind})
        assert response.status_code == 200, kind
        assert field_errors(parse(response), "kind") == [
            catalog_text(app, locale, "Not a valid choice.")], kind
    assert db["villages"].count == count


def test_an_invalid_kind_is_refused_on_edit(app, db, ids):
    officer = new_client(app, None, "canbo")
    before = store.get(db, "villages", ids["village"])
    response = officer.post_form(f"/villages/{ids['village']}/edit",
                                 {"name": "Mí Háng", "kind": "city"})
    assert response.status_code == 200
    assert field_errors(parse(response), "kind")
    assert store.get(db, "villages", ids["village"]) == before


def test_the_commune_page_lists_its_live_villages_in_order(app, db, ids):
    officer = new_client(app, None, "canbo")
    page = parse(officer.get(f"/communes/{ids['commune']}"))
    assert listed_villages(page) == live_villages(db, ids["commune"])
    assert listed_villages(page) == ["Làng Sang", "Mí Háng", "Tu San"]
