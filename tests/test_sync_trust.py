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
