"""The whole correction story (issue 22), in the browser on a real laptop process: a visit
recorded on the wrong household is moved to the right one, a person entered twice is removed,
undone and removed again; then the laptop syncs, and the central server and another laptop show
the same figures and the same histories."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from fieldapp import create_app, demo, history
from fieldapp.db import connect
from fieldapp.reports import counting, scope
from syncing import Central, Laptop, Server, flask

from .conftest import log_in, open_page, text
from .test_sync_journey import _serving

pytestmark = pytest.mark.e2e


@pytest.fixture
def central(tmp_path):
    yield from _serving(Central(tmp_path / "central"))


@pytest.fixture
def field_laptop(tmp_path, central):
    """A demo laptop process, enrolled from the command line and synced once."""
    server = Server(tmp_path / "laptop")
    made = flask(server.instance, "enrol", "--central", central.url, "--code", central.code(),
                 "--name", "Máy của Dế")
    assert made.returncode == 0, made.stdout
    assert flask(server.instance, "sync").returncode == 0
    yield from _serving(server)


def figures(db, office):
    found = counting.total(counting.figures(db, scope.Area(office), date(2000, 1, 1),
                                            date(2100, 1, 1)))
    return {k: found[k] for k in ("visits", "households", "people", "vssid_installed")}


def histories(instance, db, rows):
    app = create_app({"TESTING": True, "DATABASE": str(instance / "fieldapp.sqlite3")},
                     instance_path=str(instance))
    with app.app_context():
        return [[(h["action"], h["user_name"], [tuple(map(str, c)) for c in h["changes"]],
                  h["reason"], h["restored"]) for h in history.entries(db, table, row_id)]
                for table, row_id in rows]


def test_a_visit_on_the_wrong_household_and_a_person_entered_twice_are_put_right(
        browser, central, field_laptop, tmp_path):
    page = open_page(browser, field_laptop.url)
    log_in(page, "canbo", central.logins["canbo"])
    db = connect(field_laptop.instance / "fieldapp.sqlite3")
    wrong, right = (db.execute("select household_id from people where full_name = ?",
                               [name]).fetchone()[0] for name in ("Giàng A Páo", "Hờ A Chứ"))
    chu = db.execute("select id from people where full_name = 'Hờ A Chứ'").fetchone()[0]

    # A visit saved on the wrong household: Páo's, where Chứ installed VssID.
    page.goto(f"/households/{wrong}/visits/new")
    page.locator("input[name=present]").first.check()
    page.locator("#notes").fill("Cài VssID cho anh Chứ")
    page.get_by_role("button", name=text("vi", "Save the visit")).click()
    expect(page).to_have_url(re.compile(rf"/households/{wrong}$"))
    page.get_by_role("link", name=re.compile(r"\d{4}-\d{2}-\d{2} ")).first.click()
    visit_id = page.url.rsplit("/", 1)[1]
    # Moved to Chứ's household, then who was met there is ticked.
    page.locator("#household_id").select_option(right)
    page.get_by_role("button", name=text("vi", "Move the visit to this household")).click()
    expect(page).to_have_url(re.compile(rf"/visits/{visit_id}/people$"))
    page.locator(f"input[name=present][value='{chu}']").check()
    page.locator(f"input[name=outcome_{chu.replace('-', '')}][value=vssid_installed]").check()
    page.get_by_role("button", name=text("vi", "Save")).click()
    expect(page.locator("p.flash-success")).to_have_text(text("vi", "Visit saved."))

    # Chứ entered twice: the copy is removed with a reason, undone, and removed again.
    page.goto(f"/households/{right}/people/new")
    page.locator("#full_name").fill("Hờ A Chứ")
    page.locator("#birth_year").fill("1990")
    page.locator("#relation").select_option("other")
    page.get_by_role("button", name=text("vi", "Save"), exact=True).click()
    # The answer is either the form again, asking whether this is the same person, or saved.
    confirm = page.locator("input[name=confirm_duplicate]")
    expect(confirm.or_(page.locator("p.flash-success"))).to_be_visible()
    if confirm.count():
        confirm.check()
        page.get_by_role("button", name=text("vi", "Save"), exact=True).click()
    # Saved once the browser has left the form: only then is the row in the database.
    expect(page).not_to_have_url(re.compile(r"/people/new"))
    twice = db.execute("select id from people where full_name = 'Hờ A Chứ' and id != ?",
                       [chu]).fetchone()[0]
    for _ in range(2):
        page.goto(f"/people/{twice}")
        page.locator("#remove #reason").fill("Nhập hai lần")
        page.get_by_role("button", name=text("vi", "Remove from the registry")).click()
        expect(page.locator("form.undo button")).to_have_text(text("vi", "Undo"))
        if db.execute("select deleted_at from people where id = ?", [twice]).fetchone()[0] \
                and _ == 0:
            page.locator("form.undo button").click()
            expect(page.locator("p.flash-success")).to_have_text(
                text("vi", "Brought back to the household."))
    assert db.execute("select removed_reason from people where id = ?",
                      [twice]).fetchone()[0] == "Nhập hai lần"

    page.goto("/sync")
    with page.expect_response(lambda r: r.url.endswith("/sync/now")):
        page.get_by_role("button", name=text("vi", "Sync now")).click()
    expect(page.locator("#sync-step")).to_have_text(text("vi", "Done"), timeout=60_000)
    expect(page.locator("#sync-error")).to_be_hidden()
    page.context.close()

    other = Laptop(tmp_path / "other", central)
    try:
        other.sync()
        office = central.office_id()
        expected = figures(db, office)
        assert figures(central.db, office) == expected == figures(other.db, office)
        for machine in (db, central.db, other.db):
            (household,) = machine.execute("select household_id from visits where id = ?",
                                           [visit_id]).fetchone()
            assert household == right
            assert machine.execute("select vssid from people where id = ?",
                                   [chu]).fetchone()[0] == "installed"
            assert machine.execute("select deleted_at is not null from people where id = ?",
                                   [twice]).fetchone()[0] == 1
        rows = [("visits", visit_id), ("people", twice), ("people", chu)]
        on_laptop = histories(field_laptop.instance, db, rows)
        assert histories(central.instance, central.db, rows) == on_laptop
        assert histories(other.instance, other.db, rows) == on_laptop
        assert on_laptop[1][0][:4] == ("delete", "Giàng A Dế", [], "Nhập hai lần")
    finally:
        other.close()
        db.close()
