"""A laptop holds what offline login needs, for its own office's active field users only, and
what the central server changes of an account reaches it at its next sync (issue 26, part 5)."""

import sqlite3

import pytest

from fieldapp import accounts, store
from helpers import new_client
from syncing import second_office

PASSWORD = "mat-khau-can-bo-moi-1"


def hashes(laptop):
    """{username: password hash} as the laptop's database file holds them, read with sqlite3."""
    file = sqlite3.connect(laptop.app.config["DATABASE"])
    try:
        return dict(file.execute("select username, password_hash from users"))
    finally:
        file.close()


def held_anywhere(laptop, text):
    """The tables of the laptop's database file with a value containing the text."""
    file = sqlite3.connect(laptop.app.config["DATABASE"])
    try:
        tables = [t for (t,) in file.execute("select name from sqlite_master where type = 'table'"
                                             " and name not like '%fts%'")]
        return [t for t in tables if any(text in str(value) for row in
                                         file.execute(f"select * from [{t}]") for value in row)]
    finally:
        file.close()


def openable(held):
    """The usernames whose hash a password could open (a real scrypt hash)."""
    return {username for username, hash_ in held.items() if (hash_ or "").startswith("scrypt:")}


def logs_in(laptop, username, password):
    """A new browser on the laptop logs in with these; the browser if it did, else None."""
    browser = new_client(laptop.app, "en")
    response = browser.login(username, password)
    return browser if response.status_code == 302 and "/login" not in response.location \
        else None


def logged_in(browser):
    """Whether the browser's session still opens the dashboard."""
    response = browser.get("/")
    return response.status_code == 200


def make_user(central, username, role="officer", office_id=None):
    """An account made by an administrator on the central server; its id."""
    return accounts.create_user(central.db, username=username, full_name=f"Người {username}",
                                password=PASSWORD, role=role,
                                office_id=office_id or central.office_id(), user_id=None)["id"]


@pytest.fixture(scope="module")
def office_b(central):
    """A second office on the central server, with its own officer and administrator."""
    db = central.db
    with db.atomic():
        office, _commune = second_office(db)
        make_user(central, "canbo.badinh", office_id=office)
        make_user(central, "quantri.badinh", role="admin", office_id=office)
    return office


def test_a_laptop_holds_hashes_only_of_its_offices_active_field_users(central, office_b,
                                                                      laptops):
    """At enrolment and after each sync: no administrator's hash, no other office's user, no
    hash of a disabled, removed or promoted account; their rows kept, for names in history."""
    for username in ("ctv.lam", "nghi.viec", "da.xoa", "len.chuc", "tam.nghi"):
        make_user(central, username)
    ids = {u: central.db.execute("select id from users where username = ?", [u]).fetchone()[0]
           for u in ("nghi.viec", "da.xoa", "len.chuc", "tam.nghi")}
    accounts.set_active(central.db, ids["nghi.viec"], False, user_id=None)
    store.soft_delete(central.db, "users", ids["da.xoa"], user_id=None)
    early = laptops("early")   # enrolled now: takes the office's users from the directory
    field = {"canbo", "giamsat", "ctv.lam", "len.chuc", "tam.nghi"}
    assert openable(hashes(early)) == field
    assert {"nghi.viec", "da.xoa", "quantri", "trungtam"} <= hashes(early).keys()
    assert not {"canbo.badinh", "quantri.badinh"} & hashes(early).keys()

    # Changed on the central server after enrolment: the laptop follows at its next sync.
    accounts.set_active(central.db, ids["tam.nghi"], False, user_id=None)
    accounts.update_user(central.db, ids["len.chuc"], full_name="Người len.chuc",
                         role="admin", office_id=central.office_id(), user_id=None)
    late = laptops("late")
    early.sync()
    for laptop in (early, late):
        held = hashes(laptop)
        assert openable(held) == field - {"len.chuc", "tam.nghi"}
        # Kept, with nothing a password opens: the records they made still show their names.
        assert {"nghi.viec", "da.xoa", "len.chuc", "tam.nghi", "quantri", "trungtam"} \
            <= held.keys()
        assert all(held[u] == "!" for u in held.keys() - openable(held))
        assert logs_in(laptop, "tam.nghi", PASSWORD) is None
        assert logs_in(laptop, "len.chuc", PASSWORD) is None

    # Active again, or back to field work: the laptop's hash opens again.
    accounts.set_active(central.db, ids["tam.nghi"], True, user_id=None)
    accounts.update_user(central.db, ids["len.chuc"], full_name="Người len.chuc",
                         role="supervisor", office_id=central.office_id(), user_id=None)
    early.sync()
    assert openable(hashes(early)) == field
    assert logs_in(early, "tam.nghi", PASSWORD) and logs_in(early, "len.chuc", PASSWORD)


def test_a_password_changed_centrally_opens_the_laptop_after_its_next_sync(central, laptops):
    user = make_user(central, "doi.mat.khau")
    laptop = laptops("laptop")
    open_session = logs_in(laptop, "doi.mat.khau", PASSWORD)
    assert open_session and logged_in(open_session)
    accounts.set_password(central.db, user, "mat-khau-thay-doi-2", user_id=None)
    assert logs_in(laptop, "doi.mat.khau", PASSWORD)  # offline, the laptop knows nothing yet
    laptop.sync()
    assert logs_in(laptop, "doi.mat.khau", PASSWORD) is None
    assert logs_in(laptop, "doi.mat.khau", "mat-khau-thay-doi-2")
    assert not logged_in(open_session)
    central_hash = central.db.execute("select password_hash from users where id = ?",
                                      [user]).fetchone()[0]
    assert hashes(laptop)["doi.mat.khau"] == central_hash


def test_an_account_disabled_centrally_stops_on_the_laptop_and_its_session_ends(central,
                                                                               laptops):
    user = make_user(central, "bi.khoa")
    laptop = laptops("laptop")
    open_session = logs_in(laptop, "bi.khoa", PASSWORD)
    assert open_session and logged_in(open_session)
    old_hash = hashes(laptop)["bi.khoa"]
    accounts.set_active(central.db, user, False, user_id=None)
    laptop.sync()
    assert not logged_in(open_session)
    assert logs_in(laptop, "bi.khoa", PASSWORD) is None
    assert hashes(laptop)["bi.khoa"] == "!"
    assert held_anywhere(laptop, old_hash.rsplit("$", 1)[-1]) == []  # nor in history or logs
    assert laptop.db.execute("select active, full_name from users where id = ?",
                             [user]).fetchone() == (0, "Người bi.khoa")


def test_a_user_moved_to_another_office_leaves_the_first_offices_laptops(central, office_b,
                                                                        laptops):
    user = make_user(central, "chuyen.cong.tac")
    laptop_a = laptops("a")
    laptop_b = laptops("b", office_id=office_b)
    assert "chuyen.cong.tac" not in hashes(laptop_b)
    open_session = logs_in(laptop_a, "chuyen.cong.tac", PASSWORD)
    assert open_session and logged_in(open_session)
    accounts.update_user(central.db, user, full_name="Người chuyen.cong.tac", role="officer",
                         office_id=office_b, user_id=None)
    laptop_a.sync(), laptop_b.sync()
    assert hashes(laptop_a)["chuyen.cong.tac"] == "!"
    assert logs_in(laptop_a, "chuyen.cong.tac", PASSWORD) is None
    assert not logged_in(open_session)
    # The office it joined takes the account whole, and it logs in there.
    assert "chuyen.cong.tac" in openable(hashes(laptop_b))
    assert logs_in(laptop_b, "chuyen.cong.tac", PASSWORD)
    assert laptop_b.db.execute("select count(*) from sync_inbox").fetchone()[0] == 0
