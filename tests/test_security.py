"""CSRF protection, the generated secret key and the session cookie."""

import stat

import pytest

from fieldapp import create_app

from conftest import PASSWORD, FormClient
from helpers import OFF_SITE, catalog_text, demo_ids, new_client, parse, snapshot, squash

# (who is logged in, form address, a form that would be accepted with a token)
FORMS = {
    "login": (None, "/login", {"username": "canbo", "password": PASSWORD}),
    "logout": ("canbo", "/logout", {}),
    "language": ("canbo", "/language", {"locale": "vi"}),
    "village": ("canbo", "/communes/{commune}", {"name": "Bản Mới", "kind": "ban"}),
    "village edit": ("canbo", "/villages/{village}/edit", {"name": "Mí Háng Mới", "kind": "ban"}),
    "village delete": ("canbo", "/villages/{village}/delete", {}),
    "office new": ("quantri", "/admin/offices/new", {"name": "BHXH Hà Nội", "province_code": "1"}),
    "office edit": ("quantri", "/admin/offices/{office}", {"name": "Đổi tên"}),
    "user new": ("quantri", "/admin/users/new", {
        "username": "moi", "full_name": "Người Mới", "role": "officer", "office_id": "{office}",
        "password": "new-password-1", "confirm": "new-password-1"}),
    "user edit": ("quantri", "/admin/users/{officer}", {
        "full_name": "Tên Mới", "role": "officer", "office_id": "{office}"}),
    "user password": ("quantri", "/admin/users/{officer}/password", {
        "password": "new-password-1", "confirm": "new-password-1"}),
    "user active": ("quantri", "/admin/users/{officer}/active", {}),
}


def state(client, db):
    """Everything a forged form could change: the data, the login and the language."""
    home = client.get("/")
    lang = parse(client.get("/login")).find("html").get("lang")
    return snapshot(db), home.status_code, lang


@pytest.mark.parametrize("name", FORMS)
def test_a_form_without_its_csrf_token_is_refused_and_changes_nothing(app, db, name):
    who, url, data = FORMS[name]
    ids = demo_ids(db)
    url = url.format(**ids)
    data = {k: v.format(**ids) for k, v in data.items()}
    client = new_client(app, "en", who)
    other_token = new_client(app).csrf_token()
    before = state(client, db)

    for token in (None, "not-a-token", other_token):
        form = data if token is None else {**data, "csrf_token": token}
        response = client.post(url, data=form)
        assert response.status_code == 400, token
        # The refusal page is in the user's language.
        assert squash(parse(response).find("h1").text) == "The form has expired"
        assert state(client, db) == before, token

    # The same form with its token does change something: the refusal above was the token's.
    response = client.post_form(url, data)
    assert response.status_code == 302
    assert state(client, db) != before


def test_every_form_address_checks_the_token(app):
    """Any POST route, present or future, refuses a request without a token.

    Except the sync API: devices send no browser session and carry their own credentials."""
    client = new_client(app, None, "quantri")
    checked = []
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods or rule.endpoint.startswith("sync_api."):
            continue
        url = rule.build({arg: 1 for arg in rule.arguments}, append_unknown=False)[1]
        assert client.post(url, data={}).status_code == 400, rule.rule
        checked.append(rule.rule)
    assert {"/login", "/logout", "/language", "/admin/offices/new"} <= set(checked)


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_the_refusal_page_is_in_the_users_language(app, locale):
    client = new_client(app, locale, "canbo")
    response = client.post("/logout")
    page = parse(response)
    assert response.status_code == 400
    assert page.find("html").get("lang") == locale
    assert squash(page.find("h1").text) == catalog_text(app, locale, "The form has expired")
    # The header still shows who is logged in: the refusal did not look like a logout.
    assert page.find("span", class_="user-name") is not None


def test_the_secret_key_is_generated_once_per_instance(tmp_path):
    one, other = tmp_path / "one", tmp_path / "other"
    first = create_app({"TESTING": True}, instance_path=str(one))
    key_file = one / "secret_key"

    assert key_file.exists()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    key = key_file.read_text().strip()
    assert first.secret_key == key
    assert len(key) >= 32
    assert create_app({"TESTING": True}, instance_path=str(one)).secret_key == key
    assert create_app({"TESTING": True}, instance_path=str(other)).secret_key != key


def test_sessions_survive_a_restart_of_the_app(tmp_path, app):
    """A second app on the same instance reads the same key, so logins stay valid."""
    client = new_client(app, None, "canbo")
    restarted = create_app({"TESTING": True, "DATABASE": app.config["DATABASE"]},
                           instance_path=app.instance_path)
    cookie = client.get_cookie("session")
    again = FormClient(restarted.test_client())
    again.set_cookie("session", cookie.value)
    assert again.get("/").status_code == 200


def test_a_session_signed_with_another_key_is_rejected(tmp_path, app):
    client = new_client(app, None, "canbo")
    elsewhere = create_app({"TESTING": True, "DATABASE": app.config["DATABASE"]},
                           instance_path=str(tmp_path / "elsewhere"))
    forged = FormClient(elsewhere.test_client())
    forged.set_cookie("session", client.get_cookie("session").value)
    assert forged.get("/").status_code == 302


def test_the_session_cookie_is_http_only_and_same_site_lax(client):
    response = client.login("canbo")
    cookies = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]
    assert len(cookies) == 1
    attributes = {a.strip().split("=")[0].lower(): a.strip() for a in cookies[0].split(";")[1:]}
    assert "httponly" in attributes
    assert attributes["samesite"] == "SameSite=Lax"


@pytest.mark.parametrize("target", OFF_SITE)
def test_the_language_switch_never_leaves_the_site(client, target):
    response = client.post_form("/language", {"locale": "en", "next": target})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_the_language_switch_returns_to_the_page(client):
    response = client.post_form("/language", {"locale": "en", "next": "/login?x=1"})
    assert response.headers["Location"] == "/login?x=1"


def test_an_unknown_language_is_ignored(client):
    client.post_form("/language", {"locale": "xx"})
    assert parse(client.get("/login")).find("html").get("lang") == "vi"


# ---- Behind a TLS reverse proxy ----------------------------------------------------------

def session_cookie_attributes(response):
    """The attributes of the session cookie this response sets, lower-cased names."""
    cookies = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]
    assert len(cookies) == 1
    return {a.strip().split("=")[0].lower() for a in cookies[0].split(";")[1:]}


def proxied_client(app, proto):
    """A browser reaching the app through the proxy, which says how the browser came."""
    client = FormClient(app.test_client())
    client.environ_base.update({"HTTP_X_FORWARDED_PROTO": proto,
                                "HTTP_X_FORWARDED_FOR": "203.0.113.7"})
    if proto == "https":
        # What a browser sends with a form on an https page.
        client.environ_base["HTTP_REFERER"] = "https://localhost/login"
    return client


@pytest.fixture
def proxied_app(tmp_path, seeded_database):
    from conftest import copy_app
    return copy_app(tmp_path / "proxied", seeded_database, BEHIND_PROXY=True)


def test_behind_the_proxy_an_https_login_gets_a_secure_session_cookie(proxied_app):
    client = proxied_client(proxied_app, "https")
    # The login form's CSRF token lives in the session: that cookie is Secure already.
    assert "secure" in session_cookie_attributes(client.get("/login"))
    response = client.login("canbo")
    assert response.status_code == 302
    assert {"secure", "httponly", "samesite"} <= session_cookie_attributes(response)
    assert client.get("/").status_code == 200


def test_behind_the_proxy_plain_http_keeps_the_cookie_usable(proxied_app):
    client = proxied_client(proxied_app, "http")
    response = client.login("canbo")
    assert response.status_code == 302
    assert "secure" not in session_cookie_attributes(response)
    assert client.get("/").status_code == 200


def test_behind_the_proxy_an_https_form_from_another_site_is_refused(proxied_app):
    """Over https Flask-WTF also checks that the form came from this site's pages."""
    from fieldapp.db import connect
    client = proxied_client(proxied_app, "https")
    database = connect(proxied_app.config["DATABASE"])
    before = snapshot(database)
    token = client.csrf_token()
    client.environ_base["HTTP_REFERER"] = "https://evil.example/login"
    response = client.post("/login", data={"csrf_token": token, "username": "canbo",
                                           "password": PASSWORD})
    assert response.status_code == 400
    assert client.get("/").status_code == 302
    assert snapshot(database) == before
    database.close()


def test_a_laptop_ignores_forwarded_headers(client):
    """Without BEHIND_PROXY nobody may claim https (or another address) by a header."""
    client.environ_base.update({"HTTP_X_FORWARDED_PROTO": "https",
                                "HTTP_X_FORWARDED_FOR": "203.0.113.7"})
    response = client.login("canbo")
    assert response.status_code == 302
    assert "secure" not in session_cookie_attributes(response)
    assert client.get("/").status_code == 200
