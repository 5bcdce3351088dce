"""Issue 21, defence in depth: a link already in a database from a record of office A to a record
of office B (a roster row, a visit outcome, a household's head, a visit's `present` list, a
session's village) shows nothing of B on A's pages, PDFs and exports, and writes through it leave
B's person as it was.

Each bad link is planted with raw SQL, as a corrupted or older database would hold it (the sync
server refuses such links now). Every page is read as office A's officer and supervisor, on a
laptop and on the central server.
"""

import csv
import io
import json
import re
import unicodedata
import uuid
from datetime import datetime, timedelta
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

import registry
from conftest import PASSWORD
from fieldapp import accounts, clock, demo, offices
from fieldapp.db import connect
from fieldapp.group_sessions import queries as group_sessions
from fieldapp.places import queries as places
from helpers import new_client, one

# Run on a central server on SQLite and on PostgreSQL (tests/conftest.py).
CENTRAL_STORES = ("sqlite", "postgresql")

# What office B holds that office A's users must never see through a bad link.
B_NAME, B_CCCD, B_BHXH, B_YEAR = "Hoàng Thị Bí Mật", "001137012345", "0112233445", 1937
B_VILLAGE, B_OFFICER = "Tổ dân phố Kín", "Lê Văn Bộ"

TODAY = clock.today()
VISITED = datetime.combine(TODAY - timedelta(days=2), datetime.min.time()).replace(hour=9)
PERIOD = {"start": (TODAY - timedelta(days=10)).isoformat(), "end": TODAY.isoformat()}
ROLES = ("canbo", "giamsat")


def _plant(db, sql, params):
    """A raw write, past the app's functions (and their checks), committed."""
    db.execute(sql, params)
    db.conn.commit()


def _plant_copy(db, table, row_id, **changes):
    """A raw INSERT of a copy of one row, with a new id and the changes."""
    row = {**db[table].get(row_id), "id": str(uuid.uuid4()), **changes}
    columns = ", ".join(f"[{c}]" for c in row)
    _plant(db, f"insert into [{table}] ({columns}) values ({', '.join('?' * len(row))})",
           list(row.values()))
    return row["id"]


def build(db):
    """Office B with a village, an officer, a household whose head has personal numbers, and a
    visit; office A's households, visits and sessions; then the bad links, planted raw."""
    w = SimpleNamespace()
    w.office_a = one(db, "select id from offices where name = ?", [demo.OFFICE_NAME])["id"]
    w.officer = registry.user_id(db, "canbo")
    commune_b = one(db, "select code from communes where province_code = 1"
                        " and name = 'Phường Ba Đình'")["code"]
    office_b = offices.create_office(db, name="BHXH Ba Đình", province_code=1,
                                     communes=[commune_b], user_id=None)
    w.village_b = places.create_village(db, commune_b, B_VILLAGE, "to_dan_pho",
                                        user_id=None)["id"]
    officer_b = accounts.create_user(db, username="canbo_b", full_name=B_OFFICER,
                                     password=PASSWORD, role="officer",
                                     office_id=office_b["id"], user_id=None)["id"]
    home_b = registry.household(db, w.village_b, officer_b, registry.person(
        B_NAME, B_YEAR, cccd=B_CCCD, bhxh_number=B_BHXH))
    w.household_b, w.person_b = home_b["id"], home_b[B_NAME]
    w.visit_b = registry.visit(db, w.household_b, officer_b, VISITED, topics=["vssid"])

    w.village_a = registry.village_id(db, "Mí Háng")
    commune_a = db["villages"].get(w.village_a)["commune_code"]
    home = registry.household(db, w.village_a, w.officer,
                              registry.person("Giàng A Páo", 1981, "male"),
                              registry.person("Giàng Thị Dợ", 1984))
    w.household, w.pao, w.do = home["id"], home["Giàng A Páo"], home["Giàng Thị Dợ"]
    headless = registry.household(db, w.village_a, w.officer,
                                  registry.person("Sùng A Lử", 1970, "male"),
                                  registry.person("Sùng Thị Mai", 1975))
    w.headless, w.lu, w.mai = headless["id"], headless["Sùng A Lử"], headless["Sùng Thị Mai"]
    w.visit = registry.visit(db, w.household, w.officer, VISITED, topics=["vssid"],
                             present=[w.pao], outcomes={w.pao: (["vssid_installed"], None)})
    w.visit_headless = registry.visit(db, w.headless, w.officer, VISITED + timedelta(hours=1),
                                      topics=["household_bhyt"],
                                      follow_up_on=TODAY + timedelta(days=3))
    session = dict(commune_code=commune_a, village_id=w.village_a, held_at=VISITED,
                   format="small_group", target_group="voluntary", topics=["voluntary_bhxh"],
                   languages=["vi"], facilitators=[w.officer], female=3, male=2,
                   by_ethnicity={"mong": 5}, user_id=w.officer)
    w.session = group_sessions.record_session(db, total=5, roster=[w.pao], **session)
    w.session_village = group_sessions.record_session(db, total=5, **session)

    # The bad links.
    w.attendee_b = _plant_copy(db, "session_attendees", one(
        db, "select id from session_attendees where session_id = ?", [w.session])["id"],
        person_id=w.person_b)
    w.outcome_b = _plant_copy(db, "visit_outcomes", one(
        db, "select id from visit_outcomes where visit_id = ?", [w.visit])["id"],
        person_id=w.person_b, outcome="voluntary_bhxh")
    _plant(db, "update visits set present = ? where id = ?",
           [json.dumps([w.pao, w.person_b]), w.visit])
    _plant(db, "update households set head_person_id = ? where id = ?",
           [w.person_b, w.headless])
    _plant(db, "update group_sessions set village_id = ? where id = ?",
           [w.village_b, w.session_village])
    # And one the other way: B's visit names A's person.
    _plant_copy(db, "visit_outcomes", w.outcome_b, visit_id=w.visit_b, person_id=w.pao)
    w.secrets = (B_NAME, B_CCCD, B_BHXH, B_VILLAGE, B_OFFICER, w.person_b, w.household_b,
                 w.village_b, w.visit_b)
    return w


@pytest.fixture(params=["laptop", "central"])
def site(request):
    """(app, database, world) on a laptop's database or on the central server's."""
    if request.param == "laptop":
        app = request.getfixturevalue("app")
    else:
        app, _central_db = request.getfixturevalue("central_app")
    db = connect(app.config["DATABASE"])
    world = build(db)
    world.central = request.param == "central"
    yield app, db, world
    db.close()


# ------------------------------------------------------------------------------------------------
# Reading what a page, a PDF or an export shows.

def _pdf_text(data):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _xlsx_text(data):
    from openpyxl import load_workbook
    book = load_workbook(io.BytesIO(data), read_only=True)
    return "\n".join(str(cell) for sheet in book.worksheets
                     for row in sheet.iter_rows(values_only=True) for cell in row
                     if cell is not None)


def shown(response):
    """What a response shows: the page's HTML, a PDF's text, an export's cells."""
    assert response.status_code < 500, response.status_code
    if response.mimetype == "application/pdf":
        text = _pdf_text(response.data)
    elif response.mimetype.endswith("spreadsheetml.sheet"):
        text = _xlsx_text(response.data)
    elif response.mimetype == "text/csv":
        text = "\n".join(",".join(row) for row in csv.reader(
            io.StringIO(response.data.decode("utf-8-sig"))))
    else:
        text = response.get_data(as_text=True)
    return unicodedata.normalize("NFC", text)


def assert_nothing_of_b(world, url, response, *, status=200, sent=()):
    """The response shows none of B's records (`sent`: ids the request itself named, which a
    refusal may repeat)."""
    assert response.status_code == status, (url, response.status_code)
    text = shown(response)
    flat = re.sub(r"\s+", " ", text)
    for secret in set(world.secrets) - set(sent):
        assert secret not in text and secret not in flat, (url, secret)
    # B's person's birth year, in a roster row or beside a name.
    assert not re.search(rf"(?<![\w-]){B_YEAR}(?![\w-])", text), (url, B_YEAR)
    return text


def read_all(app, world, username, urls):
    client = new_client(app, "vi", username)
    return {url: assert_nothing_of_b(world, url, client.get(url)) for url in urls}


# ------------------------------------------------------------------------------------------------
# Pages, PDFs and exports.

@pytest.mark.parametrize("username", ROLES)
def test_session_pages_and_pdfs_show_nothing_of_another_office(site, username):
    app, _db, w = site
    pages = read_all(app, w, username, [
        f"/sessions/{w.session}", f"/sessions/{w.session}/attendance",
        f"/sessions/{w.session}/summary.pdf", f"/sessions/{w.session_village}",
        f"/sessions/{w.session_village}/attendance",
        f"/sessions/{w.session_village}/summary.pdf",
        f"/sessions/?month={VISITED:%Y-%m}"])
    # The session's own attendee is still there.
    assert "Giàng A Páo" in pages[f"/sessions/{w.session}"]
    assert "Giàng A Páo" in pages[f"/sessions/{w.session}/summary.pdf"]


@pytest.mark.parametrize("username", ROLES)
def test_visit_pages_and_pdfs_show_nothing_of_another_office(site, username):
    app, _db, w = site
    pages = read_all(app, w, username, [
        f"/visits/{w.visit}", f"/visits/{w.visit}/summary.pdf",
        f"/visits/{w.visit_headless}", f"/visits/{w.visit_headless}/summary.pdf",
        f"/print/visits?start={VISITED:%Y-%m-%d}&size=A5"])
    page = pages[f"/visits/{w.visit}"]
    assert "Giàng A Páo" in page
    # Who was present: A's person only, without a blank where B's person was named.
    assert "Giàng A Páo" in re.findall(r"<dd>([^<]*)</dd>", page)
    assert "Giàng A Páo" in pages[f"/visits/{w.visit}/summary.pdf"]


@pytest.mark.parametrize("username", ROLES)
def test_household_and_person_pages_show_nothing_of_another_office(site, username):
    app, _db, w = site
    pages = read_all(app, w, username, [
        f"/households/{w.headless}", f"/households/{w.headless}/edit",
        f"/households/{w.headless}/visits/new", f"/households/{w.household}",
        f"/villages/{w.village_a}", f"/people/{w.mai}", f"/people/{w.mai}/move",
        f"/people/{w.pao}", f"/people/{w.pao}/move?q=sung"])
    assert "Sùng Thị Mai" in pages[f"/households/{w.headless}"]
    # The visit's outcomes are counted without the one naming B's person.
    assert "1 kết quả" in pages[f"/households/{w.household}"]
    assert "Giàng A Páo" in pages[f"/villages/{w.village_a}"]


@pytest.mark.parametrize("username", ROLES)
def test_search_worklists_and_dashboard_show_nothing_of_another_office(site, username):
    app, _db, w = site
    # On the central server a supervisor's dashboard is every office's: office A's is asked for.
    office = f"?office={w.office_a}" if w.central and username != "canbo" else ""
    pages = read_all(app, w, username, [
        "/search?q=sung", "/search?q=giang a pao", "/worklists/no-bhyt",
        f"/worklists/no-bhyt?village={w.village_a}", "/worklists/no-bhyt?sort=name",
        "/worklists/follow-ups?days=30", f"/worklists/follow-ups?days=30&village={w.village_a}",
        "/worklists/no-bhxh", f"/dashboard{office}"])
    assert "Sùng Thị Mai" in pages["/search?q=sung"]
    assert "Sùng Thị Mai" in pages["/worklists/no-bhyt"]


@pytest.mark.parametrize("username", ROLES)
def test_exports_show_nothing_of_another_office(site, username):
    app, _db, w = site
    # On the central server a supervisor sees every office: office A's exports are asked for.
    office = f"&office={w.office_a}" if w.central and username != "canbo" else ""
    urls = [f"/reports/export?start={PERIOD['start']}&end={PERIOD['end']}&dataset={dataset}"
            f"&format={fmt}{office}"
            for dataset in ("visits", "sessions") for fmt in ("csv", "xlsx")]
    pages = read_all(app, w, username, urls)
    assert "Giàng A Páo" in pages[urls[0]] and "Giàng A Páo" in pages[urls[1]]


# ------------------------------------------------------------------------------------------------
# Writes through a bad link.

def _person_b(db, w):
    """B's person, household and village as they are, and what hangs on them."""
    return (db["people"].get(w.person_b), db["households"].get(w.household_b),
            db.execute("select count(*) from households where village_id = ?",
                       [w.village_b]).fetchone()[0],
            db.execute("select count(*) from session_attendees where person_id = ?",
                       [w.person_b]).fetchone()[0],
            db["session_attendees"].get(w.attendee_b))


@pytest.mark.parametrize("username", ROLES)
def test_ticking_outcomes_on_a_session_leaves_the_other_offices_person_unchanged(site,
                                                                                 username):
    app, db, w = site
    before = _person_b(db, w)
    client = new_client(app, "vi", username)
    everything = list(group_sessions.SESSION_OUTCOMES)
    response = client.post_form(f"/sessions/{w.session}/outcomes", {
        f"outcome_{w.pao}": ["vssid_installed"], f"outcome_{w.person_b}": everything})
    assert response.status_code == 302
    assert db["people"].get(w.pao)["vssid"] == "installed"
    assert _person_b(db, w) == before


@pytest.mark.parametrize("username", ROLES)
def test_adding_attendees_to_a_session_held_in_another_offices_village_touches_nothing_of_it(
        site, username):
    app, db, w = site
    before = _person_b(db, w)
    client = new_client(app, "vi", username)
    # B's people are not offered, and one named anyway is refused.
    response = client.post_form(f"/sessions/{w.session_village}/attendees",
                                {"roster": [w.person_b]})
    assert_nothing_of_b(w, "attendees", response, status=400, sent=[w.person_b])
    # Nobody is registered in B's village.
    response = client.post_form(f"/sessions/{w.session_village}/attendees", {
        "quick-0-full_name": "Lý A Sử", "quick-0-gender": "male", "quick-0-birth_year": "1970"})
    assert_nothing_of_b(w, "quick", response, status=400)
    assert '<ul class="errors">' in response.get_data(as_text=True)
    assert db.execute("select count(*) from people where full_name = 'Lý A Sử'").fetchone()[0] \
        == 0
    assert _person_b(db, w) == before


@pytest.mark.parametrize("username", ROLES)
@pytest.mark.parametrize("write", ["make head", "move in as head"])
def test_writes_through_a_households_head_leave_the_other_offices_person_unchanged(
        site, username, write):
    app, db, w = site
    before = _person_b(db, w)
    client = new_client(app, "vi", username)
    # A visit to the household whose head is B's person, with outcomes asked for B's person too.
    response = client.post_form(f"/households/{w.headless}/visits/new", {
        "visited_at": VISITED.strftime("%Y-%m-%dT%H:%M"), "language": "vi",
        "present": [w.mai], f"outcome_{w.mai.replace('-', '')}": ["vssid_installed"],
        f"outcome_{w.person_b.replace('-', '')}": ["voluntary_bhxh", "vssid_installed"]})
    assert response.status_code == 302
    assert db["people"].get(w.mai)["vssid"] == "installed"
    assert _person_b(db, w) == before
    # A member made head, or a person moved in as head: B's person is not demoted.
    if write == "make head":
        response = client.post_form(f"/people/{w.mai}", {
            "full_name": "Sùng Thị Mai", "gender": "female", "birth_year": "1975",
            "relation": "head", "bhxh_status": "none", "vssid": "installed"})
        new_head = w.mai
    else:
        response = client.post_form(f"/people/{w.do}/move",
                                    {"household_id": w.headless, "relation": "head"})
        new_head = w.do
    assert response.status_code == 302
    assert db["households"].get(w.headless)["head_person_id"] == new_head
    assert _person_b(db, w) == before
