"""The central server's own pages in Mông, Thái and Dao, in Chromium, with real content (issue
23): the laptops page with a laptop that synced and one revoked, the conflicts a supervisor
reviews after two laptops changed the same fields, the audit trail with entries of every kind,
the offices, users and policy figures as the central administrator edits them. No visible
Vietnamese or English word outside names, places and official names."""

import re
import time
from datetime import datetime

import pytest

from fieldapp import demo, policy_figures, store
from fieldapp.visits import queries as visits
from syncing import Central, Laptop, Web
from test_pages import data_words
from test_sync import register

from .conftest import log_in, open_page
from .test_pages_in_each_language import MINORITY, VISIBLE, WORD, foreign, own_words

pytestmark = pytest.mark.e2e

# The laptops' names, as their officers name them: data, like people's names.
LAPTOPS = ("Máy của Páo", "Máy của Mai", "Máy bị mất")
# Fields two laptops change at once, one of each kind a form shows: (table, field, the value
# on the first laptop, the later value on the second).
CLASHES = (
    ("people", "bhxh_status", "voluntary", "mandatory"),
    ("people", "bhyt_expiry", "2027-01-31", "2027-06-30"),
    ("people", "ethnicity", "mong", "dao"),
    ("people", "bhyt_card_type", "household", "state_ethnic"),
    ("people", "vssid", "not_installed", "unknown"),
    ("people", "gender", "female", "other"),
    ("households", "language", "blt", "ium"),
    ("households", "address_note", "Gần trường", "Đầu bản"),
    ("visits", "topics", '["vssid", "voluntary_bhxh"]', '["household_bhyt"]'),
    ("visits", "follow_up_on", "2026-12-01", "2026-12-15"),
)


# What a form never shows, and these pages showed of conflicts and changes: a day as it is
# stored, a code of a list or a status, a JSON text.
RAW = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b[a-z]+(?:_[a-z]+)+\b|[\[{]\"")
# Text the page marks as not for translation (an id, an address, a username): words of the
# catalog there are words hidden from the reader's language, not codes.
MARKED_AS_CODES = """() => [...document.querySelectorAll('main [translate=no]:not(.code)')]
    .map(e => e.innerText).join(' ')"""
HEX = re.compile(r"[a-f]+")


def shown_raw(page, data, english, own):
    """Foreign words, stored values shown as they are stored, and catalog words marked as
    codes, on the page as it stands."""
    visible = page.evaluate(VISIBLE, page.locator("html").get_attribute("lang"))
    found = foreign(visible, data, english, own)
    found += sorted(set(RAW.findall(visible)))
    found += sorted({word for word in WORD.findall(page.evaluate(MARKED_AS_CODES))
                     if word.lower() in english and word.lower() not in data | own
                     and not HEX.fullmatch(word)})
    return found


def _edit(laptop, table, row_id, field, value):
    store.update(laptop.db, table, row_id, {field: value}, user_id=laptop.user())


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A demo central server after a working day: two laptops that synced and changed the same
    fields, a third revoked, and the administrator's edits of accounts, offices, lists, targets,
    translations and policy figures; stopped after the module."""
    root = tmp_path_factory.mktemp("central-walk")
    central = Central(root / "central")
    a, b, lost = (Laptop(root / name, central) for name in LAPTOPS)
    try:
        for laptop in (a, b, lost):
            laptop.sync()
        household, person = register(a, "Thào A Tủa")
        visit = visits.record_visit(a.db, household, officer_id=a.user(),
                                    visited_at=datetime(2026, 11, 20, 9, 30), topics=["vssid"],
                                    outcomes={person: (["vssid_installed"], None)})
        a.sync(), b.sync()
        rows = {"people": person, "households": household, "visits": visit}
        for table, field, first, _later in CLASHES:
            _edit(a, table, rows[table], field, first)
        time.sleep(0.01)
        for table, field, _first, later in CLASHES:
            _edit(b, table, rows[table], field, later)
        for laptop in (a, b, a, b):
            laptop.sync()
        _administrators_day(central, lost.device["device_id"])
        yield central
    finally:
        for laptop in (a, b, lost):
            laptop.close()
        central.stop()


def _administrators_day(central, lost_device):
    """What the central administrator does in a day, through the pages' forms."""
    refused = Web(central.url)
    refused.post("/login", {"username": "trungtam", "password": "not-the-password"})
    web = Web(central.url)
    web.log_in("trungtam", central.logins["trungtam"])
    office = central.office_id(demo.OFFICE_NAME)
    ok = (200, 302)
    assert web.post("/central/devices", {"office_id": office})[0] in ok
    assert web.post(f"/central/devices/{lost_device}/revoke", {})[0] in ok
    assert web.post("/admin/users/new", {
        "username": "canbo2", "full_name": "Lò Văn Sáng", "role": "officer",
        "office_id": office, "password": "long-enough-1", "confirm": "long-enough-1"})[0] in ok
    new = central.db.execute("select id from users where username = 'canbo2'").fetchone()[0]
    assert web.fill(f"/admin/users/{new}", {"role": "supervisor"})[0] in ok
    assert web.post(f"/admin/users/{new}/password", {
        "password": "another-one-2", "confirm": "another-one-2"})[0] in ok
    assert web.post(f"/admin/users/{new}/active", {})[0] in ok
    assert web.fill(f"/admin/offices/{office}", {"phone": "0214 3840 123"})[0] in ok
    assert web.post("/admin/offices/new", {"name": "BHXH Ba Đình", "province_code": "1"})[0] in ok
    assert web.post("/admin/lists/topic", {"code": "pension",
                                           "label": "Trợ cấp hưu trí xã hội"})[0] in ok
    assert web.post("/reports/targets?year=2026", {"office-households": "120"})[0] in ok
    assert web.post("/translations/hnj/string", {
        "msgid": "Log out", "msgstr": "Tawm mus", "reviewed": "y"})[0] in ok
    assert web.get("/reports/export?dataset=people&format=csv&personal=y"
                   "&start=2026-01-01&end=2026-12-31")[0] == 200
    conflict = central.db.execute("select id from sync_conflicts where field = 'address_note'"
                                  ).fetchone()[0]
    assert web.post(f"/conflicts/{conflict}", {"choice": "lost"})[0] in ok
    salary = policy_figures.in_force(central.db)["base_salary"]
    assert web.fill(f"/policy-figures/{salary['id']}/edit", {
        "value": "2.600.000", "source": "Nghị định 161/2026/NĐ-CP", "confirmed": "y"})[0] in ok
    assert web.post("/policy-figures/new", {
        "key": "household_bhyt_rate", "value": "4,5", "effective_from": "2027-01-01",
        "source": "Luật Bảo hiểm y tế 2008, Điều 13"})[0] in ok
    web.post("/logout", {})


@pytest.fixture(scope="module")
def words_of_data(world):
    db = world.db
    peoples = {w.lower() for (label,) in db.execute(
        "select label from list_items where list = 'ethnicity'") for w in WORD.findall(label)}
    named = {w.lower() for sql in (
        "select name from devices",
        "select source || ' ' || note from policy_figures",
        "select msgid from translation_reviews") for (text,) in db.execute(sql)
        for w in WORD.findall(text)}
    return data_words(db) | peoples | named | {"fieldapp"}


def _pages(db):
    """{name: (who, address)} of the central server's pages with what they hold."""
    office = db.execute("select id from offices where name = ?", [demo.OFFICE_NAME]).fetchone()[0]
    user = db.execute("select id from users where username = 'canbo2'").fetchone()[0]
    salary = policy_figures.in_force(db)["base_salary"]["id"]
    pages = {
        "audit trail": ("trungtam", "/central/audit/"),
        "audit merged": ("trungtam", "/central/audit/?action=merged"),
        "laptops": ("trungtam", "/central/devices"),
        "conflicts": ("giamsat", "/conflicts"),
        "offices": ("trungtam", "/admin/offices"),
        "office edit": ("trungtam", f"/admin/offices/{office}"),
        "users": ("trungtam", "/admin/users"),
        "user edit": ("trungtam", f"/admin/users/{user}"),
        "policy figures": ("trungtam", "/policy-figures/"),
        "policy figure edit": ("trungtam", f"/policy-figures/{salary}/edit"),
        "policy figure new": ("trungtam", "/policy-figures/new"),
    }
    for conflict, field in db.execute(
            "select id, field from sync_conflicts where resolved_at is null order by field"):
        pages[f"conflict {field}"] = ("giamsat", f"/conflicts/{conflict}")
    return pages


def test_the_world_holds_what_the_pages_show(world):
    db = world.db
    fields = {r[0] for r in db.execute("select field from sync_conflicts")}
    assert fields == {field for _table, field, _a, _b in CLASHES}
    assert db.execute("select count(*) from devices where revoked_at is not null"
                      ).fetchone()[0] == 1
    actions = {r[0] for r in db.execute("select distinct action from audit_log")}
    assert actions >= {"login", "login_failed", "logout", "enrolment_code", "device_revoked",
                       "user_created", "user_edited", "password_set", "user_deactivated",
                       "office_edited", "office_created", "list_item_added", "targets_saved",
                       "translation_reviewed", "export_personal", "conflict_resolved",
                       "merged", "policy_figure_edited", "policy_figure_added"}


@pytest.mark.parametrize("code", MINORITY)
def test_every_central_page_is_in_the_language_chosen(browser, world, words_of_data, code):
    english, own = own_words(code)
    signed_in, problems = {}, {}
    for name, (who, url) in _pages(world.db).items():
        if who not in signed_in:
            page = open_page(browser, world.url)
            log_in(page, who, world.logins[who], code)
            signed_in[who] = page
        page = signed_in[who]
        response = page.goto(url)
        assert response.status == 200, (name, url, response.status)
        found = shown_raw(page, words_of_data, english, own)
        if found:
            problems[name] = found
    # The enrolment code as the administrator makes one, in the page's language.
    page = signed_in["trungtam"]
    page.goto("/central/devices")
    page.locator("#office_id").select_option(label=demo.OFFICE_NAME)
    page.locator("form.inline-form button[type=submit]").click()
    page.locator("strong.code").wait_for()
    found = shown_raw(page, words_of_data, english, own)
    if found:
        problems["enrolment code"] = found
    errors = [e for page in signed_in.values() for e in page.script_errors]
    for page in signed_in.values():
        page.context.close()
    assert errors == []
    assert problems == {}, "\n".join(f"{k}: {v}" for k, v in problems.items())
