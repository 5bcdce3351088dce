"""Sessions follow the central server: a password changed or an account disabled there ends
that user's sessions on every laptop at its next sync (issue 21)."""

from fieldapp import accounts
from helpers import new_client
from syncing import Central, Laptop


def logged_in(browser):
    """Whether the browser's session still opens the dashboard."""
    response = browser.get("/")
    return response.status_code == 200 and "/login" not in response.headers.get("Location", "")


def test_a_password_changed_or_an_account_disabled_centrally_ends_sessions_on_laptops(tmp_path):
    central = Central(tmp_path / "central")
    laptop = Laptop(tmp_path / "laptop", central)
    try:
        laptop.sync()
        officer, supervisor, other = (new_client(laptop.app, "en") for _ in range(3))
        officer.login("canbo", central.logins["canbo"])
        supervisor.login("giamsat", central.logins["giamsat"])
        other.login("canbo", central.logins["canbo"])
        assert all(logged_in(b) for b in (officer, supervisor, other))
        ids = {u: central.db.execute("select id from users where username = ?",
                                     [u]).fetchone()[0] for u in ("canbo", "giamsat")}
        accounts.set_password(central.db, ids["canbo"], "mat-khau-moi-cua-can-bo-1",
                              user_id=None)
        accounts.set_active(central.db, ids["giamsat"], False, user_id=None)
        # Offline, the laptop knows nothing yet.
        assert all(logged_in(b) for b in (officer, supervisor))
        laptop.sync()
        assert not logged_in(officer) and not logged_in(other) and not logged_in(supervisor)
        # The new password opens the laptop; the old one and the disabled account do not.
        assert "/login" in new_client(laptop.app, "en").login(
            "canbo", central.logins["canbo"]).headers.get("Location", "/login")
        again = new_client(laptop.app, "en")
        again.login("canbo", "mat-khau-moi-cua-can-bo-1")
        assert logged_in(again)
        refused = new_client(laptop.app, "en")
        refused.login("giamsat", central.logins["giamsat"])
        assert not logged_in(refused)
    finally:
        laptop.close()
        central.stop()


def test_no_account_is_born_on_a_laptop(tmp_path):
    """An account made on an enrolled laptop (a thief's, with a password of its choosing) is
    refused by the central server, which keeps no trace of it and lets nobody log in with it;
    a user's own change of name still syncs."""
    from fieldapp import store
    from sync import capture
    from syncing import Web
    central = Central(tmp_path / "central")
    laptop = Laptop(tmp_path / "laptop", central)
    try:
        laptop.sync()
        office = central.office_id()
        users_before = central.db.execute("select count(*) from users").fetchone()[0]
        made = accounts.create_user(laptop.db, username="ke.trom", full_name="Kẻ Trộm",
                                    password="mat-khau-ke-trom-1", role="officer",
                                    office_id=office, user_id=laptop.user())
        store.update(laptop.db, "users", laptop.user(), {"full_name": "Vàng A Sử (đổi tên)"},
                     user_id=laptop.user())
        result = laptop.sync()
        assert [(r["table"], r["id"], r["code"]) for r in result.refused] == [
            ("users", made["id"], "central_only")]
        assert central.db.execute("select count(*) from users").fetchone()[0] == users_before
        assert central.db.execute("select full_name from users where username = 'canbo'"
                                  ).fetchone()[0] == "Vàng A Sử (đổi tên)"
        status, url, _ = Web(central.url).post("/login", {"username": "ke.trom",
                                                          "password": "mat-khau-ke-trom-1"})
        assert "/login" in url
        assert capture.unsynced_count(laptop.db.sync) == 1  # held here, shown as refused
    finally:
        laptop.close()
        central.stop()


def test_revoking_a_laptop_disables_every_account_it_made(tmp_path):
    """An account a laptop pushed while devices still could (stamped by that device) stops
    logging in, on the central server, when the laptop is revoked; sessions end at once."""
    import json

    from sync import capture, merge
    from syncing import Web
    central = Central(tmp_path / "central")
    laptop = Laptop(tmp_path / "laptop", central)
    try:
        laptop.sync()
        device = laptop.device["device_id"]
        born = accounts.create_user(central.db, username="sinh.tu.may", full_name="Sinh Từ Máy",
                                    password="mat-khau-tu-may-1", role="officer",
                                    office_id=central.office_id(), user_id=None)
        clock = {name: stamp.rsplit(".", 1)[0] + "." + device for name, stamp in
                 capture.row_clock(central.db["users"].get(born["id"])).items()}
        with central.db.atomic():
            merge.set_clock(central.db.sync, "users", born["id"], clock)
        its_session = Web(central.url)
        its_session.log_in("sinh.tu.may", "mat-khau-tu-may-1")
        admin = Web(central.url)
        admin.log_in("trungtam", central.logins["trungtam"])
        status, _, _ = admin.post(f"/central/devices/{device}/revoke", {})
        assert status == 200
        assert central.db.execute("select active from users where id = ?",
                                  [born["id"]]).fetchone()[0] == 0
        assert "/login" in its_session.get("/")[1]
        assert "/login" in Web(central.url).post(
            "/login", {"username": "sinh.tu.may", "password": "mat-khau-tu-may-1"})[1]
        # The office's own accounts, made centrally, are untouched.
        assert central.db.execute("select count(*) from users where active = 0").fetchone()[0] \
            == 1
        entry = central.db.execute("select detail from audit_log where action ="
                                   " 'device_revoked'").fetchone()[0]
        assert json.loads(entry)["accounts_disabled"] == [born["id"]]
    finally:
        laptop.close()
        central.stop()


def test_after_enrolment_the_page_names_who_can_log_in_and_each_of_them_can(tmp_path,
                                                                            seeded_database):
    """Nobody locked out by enrolment: the page names the office's officers and supervisors,
    each logs in with the central password; administrators are told to work centrally, and
    their laptop copy opens with no password."""
    from conftest import PASSWORD, copy_app
    from helpers import flashes, parse
    central = Central(tmp_path / "central")
    try:
        app = copy_app(tmp_path / "demo-laptop", seeded_database)
        admin = new_client(app, "en", "quantri")
        response = admin.post_form("/sync/enrol", {"central_url": central.url,
                                                   "code": central.code(), "device_name": "demo"},
                                   follow_redirects=True)
        said = " ".join(flashes(parse(response)))
        assert "Who can log in on this laptop" in said
        names = said.split("Who can log in on this laptop")[1]
        assert "(canbo)" in names and "(giamsat)" in names and "(quantri)" not in names
        for username in ("canbo", "giamsat"):
            browser = new_client(app, "en")
            browser.login(username, central.logins[username])
            assert logged_in(browser), username
        for password in (PASSWORD, *central.logins.values()):
            browser = new_client(app, "en")
            browser.login("quantri", password)
            assert not logged_in(browser)
    finally:
        central.stop()
