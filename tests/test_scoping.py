"""Every user sees only their own office's communes and villages; admin pages are for admins."""

from urllib.parse import urlsplit

import pytest

from fieldapp import store

from helpers import demo_ids, new_client, one, parse, snapshot

DEMO_COMMUNES = ("Xã Mù Cang Chải", "Xã Khao Mang", "Xã Lao Chải", "Xã Chế Tạo", "Xã Nậm Có",
                 "Xã Púng Luông", "Xã Trạm Tấu", "Xã Hạnh Phúc", "Xã Phình Hồ", "Xã Tà Xi Láng")


@pytest.fixture
def hanoi(db, create_office, create_village, create_user):
    """A second office, in Hà Nội, with one commune, a village and an officer."""
    commune = one(db, "select code, name from communes where province_code = 1"
                      " and name = 'Phường Ba Đình'")
    office = create_office("BHXH Ba Đình", 1, communes=[commune["code"]])
    village = create_village("Tổ dân phố 7", commune["code"], "to_dan_pho")
    create_user("hanoi", full_name="Trần Văn Hà", office_id=office["id"])
    return {"office": office["id"], "commune": commune["code"], "commune_name": commune["name"],
            "village": village["id"]}


@pytest.mark.parametrize("username", ["canbo", "giamsat", "quantri"])
def test_another_offices_commune_and_village_answer_404(app, db, hanoi, username):
    """Same answer as for a page that does not exist: the other office is not even revealed."""
    client = new_client(app, None, username)
    before = snapshot(db)

    assert client.get(f"/communes/{hanoi['commune']}").status_code == 404
    assert client.post_form(f"/communes/{hanoi['commune']}",
                            {"name": "Bản Lạ", "kind": "ban"}).status_code == 404
    assert client.get(f"/villages/{hanoi['village']}/edit").status_code == 404
    assert client.post_form(f"/villages/{hanoi['village']}/edit",
                            {"name": "Đổi Tên", "kind": "thon"}).status_code == 404
    assert client.post_form(f"/villages/{hanoi['village']}/delete").status_code == 404

    assert snapshot(db) == before
    assert store.get(db, "villages", hanoi["village"])["deleted_at"] is None


def test_the_other_officer_sees_only_their_own_communes(app, hanoi):
    client = new_client(app, None, "hanoi")
    home = client.get("/").get_data(as_text=True)
    assert hanoi["commune_name"] in home
    assert "Tổ dân phố 7" in home
    for name in DEMO_COMMUNES:
        assert name not in home
    assert "Mí Háng" not in home
    assert client.get(f"/communes/{hanoi['commune']}").status_code == 200


def test_the_other_officer_cannot_reach_the_demo_office(app, db, hanoi):
    ids = demo_ids(db)
    client = new_client(app, None, "hanoi")
    assert client.get(f"/communes/{ids['commune']}").status_code == 404
    assert client.get(f"/villages/{ids['village']}/edit").status_code == 404
    assert client.post_form(f"/villages/{ids['village']}/delete").status_code == 404
    assert store.get(db, "villages", ids["village"])["deleted_at"] is None


def test_a_commune_dropped_by_the_office_is_out_of_scope(app, db):
    """Scope follows the office's live communes, not the villages' history."""
    ids = demo_ids(db)
    client = new_client(app, None, "canbo")
    assert client.get(f"/communes/{ids['commune']}").status_code == 200
    link = one(db, "select id from office_communes where commune_code = ?", [ids["commune"]])
    store.soft_delete(db, "office_communes", link["id"], user_id=None)
    assert client.get(f"/communes/{ids['commune']}").status_code == 404
    assert client.get(f"/villages/{ids['village']}/edit").status_code == 404


ADMIN_PAGES = ["/admin/offices", "/admin/offices/new", "/admin/offices/{office}",
               "/admin/users", "/admin/users/new", "/admin/users/{officer}"]
ADMIN_FORMS = [("/admin/offices/new", {"name": "Lén", "province_code": "1"}),
               ("/admin/offices/{office}", {"name": "Lén"}),
               ("/admin/users/new", {"username": "len", "full_name": "Lén", "role": "admin",
                                     "office_id": "{office}", "password": "len-password",
                                     "confirm": "len-password"}),
               ("/admin/users/{me}", {"full_name": "Lén", "role": "admin",
                                      "office_id": "{office}"}),
               ("/admin/users/{admin}/password", {"password": "len-password",
                                                  "confirm": "len-password"}),
               ("/admin/users/{admin}/active", {})]


@pytest.mark.parametrize("username", ["canbo", "giamsat"])
def test_officers_and_supervisors_get_403_on_admin_pages(app, db, username):
    ids = {**demo_ids(db), "me": demo_ids(db)["officer" if username == "canbo" else "supervisor"]}
    client = new_client(app, None, username)
    before = snapshot(db)
    for page in ADMIN_PAGES:
        assert client.get(page.format(**ids)).status_code == 403, page
    # Forms too: a user cannot promote themselves or lock out the administrator.
    for url, data in ADMIN_FORMS:
        data = {k: v.format(**ids) for k, v in data.items()}
        assert client.post_form(url.format(**ids), data).status_code == 403, url
    assert snapshot(db) == before


def test_the_admin_menu_is_shown_to_admins_only(app):
    for username, shown in (("canbo", False), ("giamsat", False), ("quantri", True)):
        nav = parse(new_client(app, None, username).get("/")).find("nav")
        links = {a.get("href") for a in nav.find_all("a")}
        assert ("/admin/offices" in links) is shown, username
        assert ("/admin/users" in links) is shown, username


PROTECTED = ["/", "/communes/{commune}", "/villages/{village}/edit",
             *ADMIN_PAGES]
PROTECTED_FORMS = [("/communes/{commune}", {"name": "Bản Lạ", "kind": "ban"}),
                   ("/villages/{village}/edit", {"name": "Đổi Tên", "kind": "ban"}),
                   ("/villages/{village}/delete", {}),
                   *ADMIN_FORMS]


def test_anonymous_users_are_sent_to_the_login_page(app, db):
    ids = {**demo_ids(db), "me": demo_ids(db)["admin"]}
    client = new_client(app)
    for page in PROTECTED:
        url = page.format(**ids)
        response = client.get(url)
        assert response.status_code == 302, url
        assert urlsplit(response.headers["Location"]).path == "/login", url
    before = snapshot(db)
    for url, data in PROTECTED_FORMS:
        data = {k: v.format(**ids) for k, v in data.items()}
        response = client.post_form(url.format(**ids), data)
        assert response.status_code == 302, url
        assert urlsplit(response.headers["Location"]).path == "/login", url
    assert snapshot(db) == before


def test_every_page_but_the_login_page_needs_a_login(app):
    """Pages added later are covered too: only /login, the guide and static files are public.

    The sync API (/api/v1) answers devices, which prove who they are with their own
    credentials: tests/test_sync_api.py checks it refuses requests without them."""
    client = new_client(app)
    checked = 0
    for rule in app.url_map.iter_rules():
        # The guide holds no data and helps whoever cannot log in (fieldapp/help/views.py).
        if ("GET" not in rule.methods
                or rule.endpoint in ("static", "auth.login", "help.guide", "help.pdf")
                or rule.endpoint.startswith("sync_api.")):
            continue
        url = rule.build({arg: 1 for arg in rule.arguments}, append_unknown=False)[1]
        response = client.get(url)
        assert response.status_code == 302, url
        assert urlsplit(response.headers["Location"]).path == "/login", url
        checked += 1
    assert checked >= len(PROTECTED)
    assert client.get("/login").status_code == 200
