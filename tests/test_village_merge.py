"""Villages of one commune with the same folded name, made on two laptops, merged by a supervisor."""

from datetime import date

import pytest

from fieldapp import store
from fieldapp.places import queries as places
from fieldapp.text import fold
from helpers import (assert_report_counts_as_built_again, catalog_text, demo_ids, field_errors,
                     flashes, new_client, parse, registry_app, squash)
import registry


@pytest.fixture
def app(tmp_path, seeded_database):
    return registry_app(tmp_path / "instance", seeded_database)


@pytest.fixture
def ids(db):
    return demo_ids(db)


def made_elsewhere(db, commune, name, user_id):
    """A village as sync brings it from another laptop: no local duplicate check."""
    return store.insert(db, "villages", {"commune_code": commune, "name": name,
                                         "name_key": fold(name), "kind": "ban"},
                        user_id=user_id)["id"]


@pytest.fixture
def twin(db, ids):
    """A second "Mí Háng" with a household of two and the demo's session."""
    village_id = made_elsewhere(db, ids["commune"], "Mí  háng", ids["officer"])
    household = registry.household(
        db, village_id, ids["officer"], registry.person("Lý A Sểnh", 1975, "male"),
        registry.person("Lý Thị Dua", 1978))
    registry.visit(db, household["id"], ids["officer"], date.today().isoformat() + "T08:00")
    store.update(db, "group_sessions", ids["session"], {"village_id": village_id},
                 user_id=ids["officer"])
    return {"village": village_id, "household": household["id"]}


def live_households(db, village_id):
    return db.execute("select count(*) from households where village_id = ?"
                      " and deleted_at is null", [village_id]).fetchone()[0]


def test_supervisors_see_same_named_villages_with_their_counts(app, db, ids, twin):
    kept_households = live_households(db, ids["village"])
    supervisor = new_client(app, "vi", "giamsat")

    page = parse(supervisor.get("/villages/duplicates"))
    rows = [[squash(td.text) for td in tr.find_all("td")]
            for tr in page.find("table").find("tbody").find_all("tr")]
    by_name = {r[0]: r[2:] for r in rows}
    assert by_name == {"Mí Háng": [str(kept_households), "0"], "Mí háng": ["1", "1"]}
    for address in ("/", f"/communes/{ids['commune']}"):
        links = parse(supervisor.get(address)).find_all("a", href="/villages/duplicates")
        assert len(links) == 1, address


def test_officers_get_no_link_and_403(app, ids, twin):
    officer = new_client(app, "vi", "canbo")
    assert not parse(officer.get("/")).find_all("a", href="/villages/duplicates")
    assert officer.get("/villages/duplicates").status_code == 403
    assert officer.get(f"/villages/{twin['village']}/merge").status_code == 403
    assert officer.post_form(f"/villages/{twin['village']}/merge",
                             {"keep": ids["village"]}).status_code == 403


def test_no_duplicates_no_link(app, ids):
    supervisor = new_client(app, "vi", "giamsat")
    assert not parse(supervisor.get("/")).find_all("a", href="/villages/duplicates")
    page = parse(supervisor.get("/villages/duplicates"))
    assert page.find("table") is None


def test_a_village_of_another_office_is_404(app, db, ids):
    other_commune = db.execute(
        "select code from communes where code not in (select commune_code from office_communes)"
        " limit 1").fetchone()[0]
    first = made_elsewhere(db, other_commune, "Bản Xa", None)
    made_elsewhere(db, other_commune, "Bản Xa", None)
    supervisor = new_client(app, "vi", "giamsat")
    assert supervisor.get(f"/villages/{first}/merge").status_code == 404
    assert supervisor.post_form(f"/villages/{first}/merge", {"keep": first}).status_code == 404
    assert "Bản Xa" not in supervisor.get("/villages/duplicates").get_data(as_text=True)


def test_merging_moves_households_and_sessions_and_removes_the_other(app, db, ids, twin):
    before = live_households(db, ids["village"])
    supervisor = new_client(app, "vi", "giamsat")

    response = supervisor.post_form(f"/villages/{twin['village']}/merge",
                                    {"keep": ids["village"]})

    assert response.status_code == 302
    assert response.headers["Location"] == f"/villages/{ids['village']}"
    assert live_households(db, ids["village"]) == before + 1
    assert store.get(db, "villages", twin["village"], include_deleted=True)["deleted_at"]
    assert store.get(db, "group_sessions", ids["session"])["village_id"] == ids["village"]
    # Reports follow: reach rows of the moved household and session name the kept village.
    assert db.execute("select count(*) from reach where village_id = ?",
                      [twin["village"]]).fetchone()[0] == 0
    assert db.execute("select count(*) from reach where household_id = ? and village_id = ?",
                      [twin["household"], ids["village"]]).fetchone()[0] > 0
    assert_report_counts_as_built_again(db)
    # Every change is an ordinary edit: in the history and in the sync log.
    assert [h["action"] for h in store.history(db, "villages", twin["village"])][-1] == "delete"
    assert db.execute("select count(*) from sync_log where table_name = 'households'"
                      " and row_id = ?", [twin["household"]]).fetchone()[0] >= 2
    page = parse(supervisor.get(response.headers["Location"]))
    merged = app.extensions["fieldapp_catalogs"].ngettext(
        "vi", "Villages merged: %(num)d household moved.",
        "Villages merged: %(num)d households moved.", 1) % {"num": 1}
    assert merged in flashes(page)
    assert places.duplicate_villages(db, ids["office"]) == []


def test_the_village_to_keep_must_be_one_of_them(app, db, ids, twin):
    supervisor = new_client(app, "vi", "giamsat")
    other = db.execute("select id from villages where id not in (?, ?) limit 1",
                       [ids["village"], twin["village"]]).fetchone()[0]
    response = supervisor.post_form(f"/villages/{twin['village']}/merge", {"keep": other})
    assert response.status_code == 200
    assert field_errors(parse(response), "keep") == [
        catalog_text(app, "vi", "Not a valid choice.")]
    assert live_households(db, twin["village"]) == 1
    assert not store.get(db, "villages", twin["village"])["deleted_at"]
