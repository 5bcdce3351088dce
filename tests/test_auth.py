"""Logging in and out, throttling of failed logins, deactivation and password storage."""

from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs, urlsplit

import pytest
from werkzeug.security import check_password_hash

from fieldapp import accounts
# Imported at collection, before conftest swaps in cheap hashing: the production function.
from fieldapp.accounts import hash_password as production_hash_password

from conftest import LOCALES, PASSWORD
from helpers import (OFF_SITE, catalog_regex, catalog_text, demo_ids, field_errors,
                     input_value, new_client, parse, squash)

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=timezone.utc)


def form_error(response):
    """The refusal beside the password, which is marked invalid, and the same in the summary."""
    page = parse(response)
    password = page.find("input", id="password")
    errors = page.find(id="password-errors")
    if errors is None:
        return None
    assert password.get("aria-invalid") == "true"
    assert "password-errors" in password.get("aria-describedby").split()
    summary = page.find(class_="error-summary", role="alert")
    assert squash(summary.find("a", href="#password").text).endswith(squash(errors.text))
    return squash(errors.text)


def is_logged_in(client):
    response = client.get("/")
    return response.status_code == 200


@pytest.mark.parametrize("locale", LOCALES)
def test_login_page_renders(app, locale):
    """The page has the form with a CSRF token, in the chosen language."""
    client = new_client(app, locale)
    response = client.get("/login")
    page = parse(response)
    assert response.status_code == 200
    assert page.find("html").get("lang") == locale
    form = page.find("form", method="post", novalidate="")
    assert form.find("input", name="username") is not None
    assert form.find("input", name="password", type="password") is not None
    assert form.find("input", name="csrf_token").get("value")
    assert squash(page.find("h1").text) == catalog_text(app, locale, "Log in")


def test_right_password_logs_in_and_home_shows_the_office_communes(client, db):
    response = client.login("canbo")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    home = client.get("/").get_data(as_text=True)
    communes = [r["name"] for r in db.query(
        "select c.name from office_communes oc join communes c on c.code = oc.commune_code"
        " where oc.deleted_at is null")]
    assert len(communes) == 10
    for name in communes:
        assert name in home


def test_login_ignores_case_and_spaces_of_the_username(client):
    assert client.login("  CanBo ").status_code == 302
    assert is_logged_in(client)


@pytest.mark.parametrize("locale", LOCALES)
def test_wrong_password_is_refused_with_a_message(app, locale):
    client = new_client(app, locale)
    response = client.login("canbo", "not-the-password")
    assert response.status_code == 401
    assert form_error(response) == catalog_text(app, locale, "Wrong username or password.")
    assert not is_logged_in(client)


def test_the_typed_username_is_kept_after_a_failed_login(client):
    """The officer retypes only the password; the password itself is never sent back."""
    response = client.login("CanBo.Typo", "secret-typed-1")
    page = parse(response)
    assert input_value(page, "username") == "CanBo.Typo"
    assert not input_value(page, "password")
    assert "secret-typed-1" not in response.get_data(as_text=True)


@pytest.mark.parametrize("locale", LOCALES)
def test_empty_fields_are_required(app, locale):
    client = new_client(app, locale)
    response = client.post_form("/login", {"username": "", "password": ""})
    page = parse(response)
    required = catalog_text(app, locale, "This field is required.")
    assert field_errors(page, "username") == [required]
    assert field_errors(page, "password") == [required]


@pytest.mark.parametrize("locale", LOCALES)
def test_an_overlong_username_is_refused_beside_the_field(app, locale):
    """Not a server error: WTForms' length message goes through the catalogs."""
    client = new_client(app, locale)
    response = client.post_form("/login", {"username": "x" * 65, "password": "whatever-1"})
    assert response.status_code == 200
    assert field_errors(parse(response), "username") == [
        catalog_text(app, locale, "At most %(max)d characters.", max=64)]


def test_logout_clears_the_session(officer):
    assert is_logged_in(officer)
    response = officer.logout()
    assert response.status_code == 302
    assert response.headers["Location"] == "/login"
    home = officer.get("/")
    assert home.status_code == 302
    assert urlsplit(home.headers["Location"]).path == "/login"


def test_logout_keeps_the_chosen_language(app):
    client = new_client(app, "en", "canbo")
    client.logout()
    assert parse(client.get("/login")).find("html").get("lang") == "en"


def test_logout_by_get_is_not_allowed(officer):
    """Logging out changes state, so a link or an image cannot do it."""
    assert officer.get("/logout").status_code == 405
    assert is_logged_in(officer)


@pytest.mark.parametrize("locale", LOCALES)
def test_throttled_login_is_refused_even_with_the_right_password(app, db, locale):
    """After LOGIN_FREE_ATTEMPTS failures in a row the next try waits, whatever it is."""
    # A long first delay, so that a slow machine cannot let the wait expire mid-test.
    app.config["LOGIN_BASE_DELAY_SECONDS"] = 60
    client = new_client(app, locale)
    free = app.config["LOGIN_FREE_ATTEMPTS"]
    assert free == 5
    for _ in range(free):
        assert client.login("canbo", "wrong-password").status_code == 401

    response = client.login("canbo", PASSWORD)

    assert response.status_code == 401
    message = form_error(response)
    assert catalog_regex(app, locale, "Too many failed attempts. "
                                      "Try again in %(seconds)d seconds.").fullmatch(message)
    if locale == "en":
        assert "Try again in" in message
    assert not is_logged_in(client)
    assert db.execute("select failures from login_failures where username = 'canbo'"
                      ).fetchone()[0] == free


def test_login_delay_doubles_and_is_capped(app, db):
    """2, 4, 8 ... seconds after each further failure, never more than the maximum."""
    config = app.config
    free, base, cap = (config["LOGIN_FREE_ATTEMPTS"], config["LOGIN_BASE_DELAY_SECONDS"],
                       config["LOGIN_MAX_DELAY_SECONDS"])
    # A minute at most: a stranger typing a real user's name cannot hold them up for long.
    assert (free, base, cap) == (5, 2, 60)
    with app.app_context():
        for _ in range(free):
            assert accounts.authenticate(db, "canbo", "wrong", now=T0) is None
        now = T0
        delays = []
        for _ in range(12):
            wait = accounts.seconds_to_wait(db, "canbo", now)
            delays.append(wait)
            with pytest.raises(accounts.Throttled) as refused:
                accounts.authenticate(db, "canbo", PASSWORD, now=now + timedelta(seconds=wait - 1))
            assert refused.value.seconds == 1
            now += timedelta(seconds=wait)
            assert accounts.authenticate(db, "canbo", "wrong", now=now) is None
    assert delays == [2, 4, 8, 16, 32, 60, 60, 60, 60, 60, 60, 60]


def test_no_delay_before_the_free_attempts_are_used(app, db):
    with app.app_context():
        for _ in range(app.config["LOGIN_FREE_ATTEMPTS"] - 1):
            assert accounts.authenticate(db, "canbo", "wrong", now=T0) is None
            assert accounts.seconds_to_wait(db, "canbo", T0) == 0
        assert accounts.authenticate(db, "canbo", PASSWORD, now=T0)["username"] == "canbo"


def test_a_successful_login_resets_the_counter(app, db):
    with app.app_context():
        for _ in range(5):
            accounts.authenticate(db, "canbo", "wrong", now=T0)
        later = T0 + timedelta(seconds=2)
        assert accounts.authenticate(db, "canbo", PASSWORD, now=later)["username"] == "canbo"
        assert db["login_failures"].count == 0
        # One more failure is the first of a new series: no wait.
        assert accounts.authenticate(db, "canbo", "wrong", now=later) is None
        assert accounts.seconds_to_wait(db, "canbo", later) == 0


def test_throttling_counts_per_username(app, db):
    """Another officer on the same laptop is not slowed down by someone else's typos."""
    with app.app_context():
        for _ in range(5):
            accounts.authenticate(db, "canbo", "wrong", now=T0)
        assert accounts.seconds_to_wait(db, "giamsat", T0) == 0
        assert accounts.authenticate(db, "giamsat", PASSWORD, now=T0)["username"] == "giamsat"
        # The same name typed differently is the same account.
        assert accounts.seconds_to_wait(db, " CANBO ", T0) == 2


def test_throttling_applies_to_unknown_usernames(app, db):
    """Guessing names is slowed down just like guessing passwords."""
    with app.app_context():
        for _ in range(5):
            assert accounts.authenticate(db, "nobody", "guess", now=T0) is None
        with pytest.raises(accounts.Throttled):
            accounts.authenticate(db, "nobody", "guess", now=T0 + timedelta(seconds=1))


def test_throttling_of_unknown_usernames_through_the_login_page(app, client):
    app.config["LOGIN_BASE_DELAY_SECONDS"] = 60
    for _ in range(5):
        assert client.login("nobody", "guess-1234").status_code == 401
    response = client.login("nobody", "guess-1234")
    assert response.status_code == 401
    assert catalog_regex(app, "vi", "Too many failed attempts. Try again in %(seconds)d seconds."
                         ).fullmatch(form_error(response))


# ---- Slowing down by client address -------------------------------------------------------

STRANGER, OWNER = "198.51.100.9", "192.0.2.10"


def client_at(app, address):
    """A browser at this client address."""
    client = new_client(app)
    client.environ_base["REMOTE_ADDR"] = address
    return client


def test_a_strangers_failures_do_not_keep_the_user_out_from_another_address(app, db):
    app.config["LOGIN_BASE_DELAY_SECONDS"] = 60
    stranger = client_at(app, STRANGER)
    for _ in range(app.config["LOGIN_FREE_ATTEMPTS"] + 1):
        assert stranger.login("canbo", "guess-12345").status_code == 401
    # The stranger is held up, even with the right password...
    response = stranger.login("canbo", PASSWORD)
    assert response.status_code == 401
    assert catalog_regex(app, "vi", "Too many failed attempts. Try again in %(seconds)d seconds."
                         ).fullmatch(form_error(response))
    # ... the officer at their own address is not.
    owner = client_at(app, OWNER)
    assert owner.login("canbo", PASSWORD).status_code == 302
    assert is_logged_in(owner)
    assert db.execute("select count(*) from login_failures where username = 'canbo'"
                      ).fetchone()[0] == 0


def test_a_clean_address_gets_one_try_then_waits_like_the_rest(app, db):
    """Through sooner only with the right password: a wrong one makes that address failing."""
    app.config["LOGIN_BASE_DELAY_SECONDS"] = 60
    stranger = client_at(app, STRANGER)
    for _ in range(app.config["LOGIN_FREE_ATTEMPTS"]):
        stranger.login("canbo", "guess-12345")
    second = client_at(app, "203.0.113.50")
    response = second.login("canbo", "another-guess-1")
    assert form_error(response) == catalog_text(app, "vi", "Wrong username or password.")
    response = second.login("canbo", PASSWORD)
    assert response.status_code == 401
    assert catalog_regex(app, "vi", "Too many failed attempts. Try again in %(seconds)d seconds."
                         ).fullmatch(form_error(response))
    assert not is_logged_in(second)


def test_an_address_guessing_many_names_is_slowed_down(app, db):
    """Each name stays under its own free attempts; the address as a whole does not."""
    app.config["LOGIN_BASE_DELAY_SECONDS"] = 60
    free = app.config["LOGIN_ADDRESS_FREE_ATTEMPTS"]
    assert free == 20
    stranger = client_at(app, STRANGER)
    names = [f"name{n}" for n in range(free)]
    for name in names:
        assert stranger.login(name, "guess-12345").status_code == 401
    response = stranger.login("giamsat", PASSWORD)
    assert response.status_code == 401
    assert catalog_regex(app, "vi", "Too many failed attempts. Try again in %(seconds)d seconds."
                         ).fullmatch(form_error(response))
    assert not is_logged_in(stranger)
    assert db.execute("select failures from login_failures_by_address where address = ?",
                      [STRANGER]).fetchone()[0] == free
    # Another address, the same names: nobody else is held up.
    assert client_at(app, OWNER).login("giamsat", PASSWORD).status_code == 302


def test_an_addresss_wait_grows_beyond_a_usernames(app, db):
    """2, 4, 8 ... seconds up to an hour, where a username's stops at a minute."""
    config = app.config
    assert config["LOGIN_ADDRESS_MAX_DELAY_SECONDS"] == 3600
    with app.app_context():
        for n in range(config["LOGIN_ADDRESS_FREE_ATTEMPTS"]):
            assert accounts.authenticate(db, f"name{n}", "wrong", address=STRANGER,
                                         now=T0) is None
        now, delays = T0, []
        for n in range(13):
            wait = accounts.seconds_to_wait_from(db, STRANGER, now)
            delays.append(wait)
            with pytest.raises(accounts.Throttled) as refused:
                accounts.authenticate(db, "canbo", PASSWORD, address=STRANGER,
                                      now=now + timedelta(seconds=wait - 1))
            assert refused.value.seconds == 1
            now += timedelta(seconds=wait)
            # A new name each time: the username counters never reach their own wait.
            assert accounts.authenticate(db, f"more{n}", "wrong", address=STRANGER,
                                         now=now) is None
    assert delays == [2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 3600, 3600]


def test_a_right_password_clears_the_address(app, db):
    with app.app_context():
        for n in range(app.config["LOGIN_ADDRESS_FREE_ATTEMPTS"] - 1):
            accounts.authenticate(db, f"name{n}", "wrong", address=OWNER, now=T0)
        assert accounts.authenticate(db, "canbo", PASSWORD, address=OWNER,
                                     now=T0)["username"] == "canbo"
        assert db["login_failures_by_address"].count == 0
        accounts.authenticate(db, "someone", "wrong", address=OWNER, now=T0)
        assert accounts.seconds_to_wait_from(db, OWNER, T0) == 0


def test_behind_the_proxy_failures_count_by_the_forwarded_address(tmp_path, seeded_database):
    from conftest import copy_app
    from fieldapp.db import connect
    app = copy_app(tmp_path / "proxied", seeded_database, BEHIND_PROXY=True)
    client = client_at(app, "127.0.0.1")
    client.environ_base["HTTP_X_FORWARDED_FOR"] = STRANGER
    client.login("canbo", "guess-12345")
    database = connect(app.config["DATABASE"])
    assert [tuple(r) for r in database.execute(
        "select address, failures from login_failures_by_address")] == [(STRANGER, 1)]
    database.close()


def test_a_laptop_counts_the_real_address_whatever_a_header_claims(app, db):
    """Without BEHIND_PROXY, a new X-Forwarded-For each try is no new address."""
    client = client_at(app, STRANGER)
    for n in range(3):
        client.environ_base["HTTP_X_FORWARDED_FOR"] = f"203.0.113.{n}"
        client.login("canbo", "guess-12345")
    assert [tuple(r) for r in db.execute(
        "select address, failures from login_failures_by_address")] == [(STRANGER, 3)]


@pytest.mark.parametrize("locale", LOCALES)
def test_a_deactivated_user_cannot_log_in(app, db, locale):
    accounts.set_active(db, demo_ids(db)["officer"], False, user_id=None)
    client = new_client(app, locale)
    response = client.login("canbo")
    assert response.status_code == 401
    assert form_error(response) == catalog_text(
        app, locale, "This account has been deactivated. Ask an administrator.")
    if locale == "en":
        assert "deactivated" in form_error(response)
    assert not is_logged_in(client)


def test_a_wrong_password_for_a_deactivated_user_does_not_say_deactivated(app, db):
    """Only the right password learns that the account exists but is off."""
    accounts.set_active(db, demo_ids(db)["officer"], False, user_id=None)
    client = new_client(app, "en")
    assert form_error(client.login("canbo", "wrong-password")) == "Wrong username or password."


def test_a_logged_in_user_who_is_deactivated_is_logged_out(app, db, officer):
    officer_id = demo_ids(db)["officer"]
    assert is_logged_in(officer)
    accounts.set_active(db, officer_id, False, user_id=None)
    response = officer.get("/")
    assert response.status_code == 302
    assert urlsplit(response.headers["Location"]).path == "/login"
    # The session itself was cleared, not just refused once.
    accounts.set_active(db, officer_id, True, user_id=None)
    assert not is_logged_in(officer)


def test_passwords_are_stored_hashed(db):
    for user in db.query("select password_hash from users"):
        assert user["password_hash"].startswith("scrypt:")
        assert PASSWORD not in user["password_hash"]
        assert check_password_hash(user["password_hash"], PASSWORD)


def test_production_hashing_is_werkzeug_scrypt_with_its_default_cost():
    hashed = production_hash_password("a-password-1")
    assert hashed.startswith("scrypt:32768:8:1$")
    assert "a-password-1" not in hashed
    assert check_password_hash(hashed, "a-password-1")


def test_login_from_a_protected_page_returns_there(app, db):
    client = new_client(app)
    path = f"/communes/{demo_ids(db)['commune']}"
    response = client.get(path)
    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    assert location.path == "/login"
    assert parse_qs(location.query) == {"next": [path]}
    response = client.post_form(f"{location.path}?{location.query}",
                                {"username": "canbo", "password": PASSWORD})
    assert response.headers["Location"] == path
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("target", OFF_SITE)
def test_next_to_another_site_is_ignored(client, target):
    response = client.post_form("/login", {"username": "canbo", "password": PASSWORD},
                                query_string={"next": target})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


# ---- Sessions end ------------------------------------------------------------------------

def logged_in(client):
    """Whether the client's session still opens the home page."""
    return client.get("/").status_code == 200


def test_logging_out_ends_every_session_of_the_user(app):
    laptop, phone = new_client(app, "vi", "canbo"), new_client(app, "vi", "canbo")
    other = new_client(app, "vi", "giamsat")
    assert logged_in(laptop) and logged_in(phone)
    laptop.logout()
    assert not logged_in(laptop)
    assert not logged_in(phone)
    assert logged_in(other)
    # Logging in again starts a session that works.
    assert new_client(app, "vi", "canbo") and logged_in(new_client(app, "vi", "canbo"))


def test_a_new_password_ends_every_session_of_that_user(app, db):
    officer, admin = new_client(app, "vi", "canbo"), new_client(app, "vi", "quantri")
    ids = demo_ids(db)
    response = admin.post_form(f"/admin/users/{ids['officer']}/password",
                               {"password": "Núi-cao-2026", "confirm": "Núi-cao-2026"})
    assert response.status_code == 302
    assert not logged_in(officer)
    assert logged_in(admin)
    # The administrator's own new password keeps the session that changed it, ends others.
    elsewhere = new_client(app, "vi", "quantri")
    response = admin.post_form(f"/admin/users/{ids['admin']}/password",
                               {"password": "Núi-cao-2027", "confirm": "Núi-cao-2027"})
    assert response.status_code == 302
    assert logged_in(admin)
    assert not logged_in(elsewhere)


@pytest.mark.parametrize("idle_hours, still_in", [(9, True), (11, False)])
def test_a_session_unused_for_a_working_day_ends(app, idle_hours, still_in):
    assert app.config["SESSION_IDLE_HOURS"] == 10
    client = new_client(app, "vi", "canbo")
    with client.session_transaction() as session:
        session["seen_at"] -= idle_hours * 3600
    assert logged_in(client) is still_in
    # The language chosen outlives the session.
    assert parse(client.get("/login")).find("html").get("lang") == "vi"


def test_a_session_from_before_the_generations_is_refused(app, db):
    """A cookie without a generation (made before sessions could end) logs nobody in."""
    client = new_client(app, "vi", "canbo")
    with client.session_transaction() as session:
        del session["generation"]
    assert not logged_in(client)
