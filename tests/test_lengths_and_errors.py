"""Nothing typed is lost silently, every error page is in the user's language with a way back,
refusals of the central server in whole sentences, and defaults that show the point (issue 22,
parts 5 and 6)."""

import inspect
import json
import time
from datetime import date

import pytest
from wtforms.fields.core import UnboundField
from wtforms.validators import Length

import forms
from conftest import LOCALES, copy_app
from fieldapp import clock, history, rules, store
from fieldapp.reports import scope, targets
from fieldapp.sync_pages import records
from fieldapp.sync_pages import views as sync_views
from helpers import catalog_text, field_errors, new_client, one, parse, squash
from registry import household, person, user_id, village_id
from sync import merge, policy, server
from sync.protocol import PROTOCOL
from test_pages import render_all

NOTE = ("Hộ nghèo, con đi làm xa. " * 250)[:5000]
AT_MOST = "At most %(max)d characters."


@pytest.fixture
def home(db):
    return household(db, village_id(db, "Mí Háng"), user_id(db, "canbo"),
                     person("Giàng A Páo", 1980, "male"), phone="0912345678")


def textarea_text(page, name):
    """A textarea's text as a browser reads it (the one line break after the tag dropped)."""
    text = page.find("textarea", name=name).text
    return text[2:] if text.startswith("\r\n") else text.removeprefix("\n")


# ---- Length limits -----------------------------------------------------------------------

@pytest.mark.parametrize("locale", LOCALES)
def test_a_note_past_its_limit_comes_back_beside_its_field_with_the_typing_kept(
        app, db, home, locale):
    officer = new_client(app, locale, "canbo")
    url = f"/households/{home['id']}/visits/new"
    # Before typing: the limit in words beside the field, and nothing the browser would cut at.
    notes = parse(officer.get(url)).find("textarea", name="notes")
    assert notes.get("maxlength") is None
    assert notes.get("data-limit") == "2000"
    hint = parse(officer.get(url)).find(id="notes-limit")
    assert squash(hint.text) == catalog_text(app, locale, AT_MOST, max=2000)
    assert "notes-limit" in notes.get("aria-describedby").split()

    before = db.execute("select count(*) from visits").fetchone()[0]
    response = officer.post_form(url, {"visited_at": "2026-01-20T09:30", "language": "hnj",
                                       "topics": ["voluntary_bhxh"], "notes": NOTE})
    assert response.status_code == 200
    page = parse(response)
    assert field_errors(page, "notes") == [catalog_text(app, locale, AT_MOST, max=2000)]
    assert textarea_text(page, "notes") == NOTE
    # The count of what was sent, beside the field, not the message twice.
    assert squash(page.find(id="notes-limit").text) == "5000 / 2000"
    assert db.execute("select count(*) from visits").fetchone()[0] == before


def test_a_note_at_its_limit_is_saved_whole(app, db, home):
    officer = new_client(app, "vi", "canbo")
    note = NOTE[:1999] + "."
    response = officer.post_form(f"/households/{home['id']}/visits/new", {
        "visited_at": "2026-01-20T09:30", "language": "hnj", "topics": ["voluntary_bhxh"],
        "notes": note})
    assert response.status_code == 302
    assert one(db, "select notes from visits where household_id = ?", [home["id"]])["notes"] \
        == note


def test_no_page_lets_the_browser_cut_what_is_typed(app, db):
    """Every field with a length limit, on every page and form state, shows it beside itself
    in words, and none carries `maxlength` (which cuts a longer paste without a word)."""
    shown = render_all(app, "en")
    limited = 0
    for name, (response, _status) in shown.items():
        page = parse(response)
        assert not any("maxlength" in e.attrs for e in page.iter()), name
        for control in page.iter():
            if "data-limit" not in control.attrs:
                continue
            limited += 1
            hint = page.find(id=f"{control.get('id')}-limit")
            assert hint is not None, (name, control.get("name"))
            box = next(a for a in control.ancestors() if "field" in a.get("class", "").split())
            assert hint in box.iter(), (name, control.get("name"))
            most = int(control.get("data-limit"))
            assert catalog_text(app, "en", AT_MOST, max=most) in squash(hint.text) \
                or f"/ {most}" in hint.text, (name, control.get("name"))
    assert limited > 20


def _form_classes():
    for module_name in ("admin", "audit", "auth", "households", "places", "printing",
                        "reports", "scripts", "sessions", "syncing", "translating", "visits"):
        module = __import__(f"forms.{module_name}", fromlist=["_"])
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.Form) and cls.__module__ == module.__name__:
                yield cls


def _rule_limit(table, column):
    """The longest text the store takes in this column, or None for a column without one."""
    for problem in (p for _name, p in rules.problems(table, {column: "a" * 100_000})):
        if problem.startswith("longer than"):
            return int(problem.split()[2])
    return None


def test_every_text_a_form_stores_has_its_limit_on_the_form():
    """The store's length limits (fieldapp.rules) are the forms' too, so each is shown beside
    its field and refused there with the typing kept, never only by the store."""
    checked = 0
    for cls in _form_classes():
        tables = next((vars(k.Meta)["tables"] for k in cls.__mro__
                       if "Meta" in vars(k) and "tables" in vars(k.Meta)), ())
        for table in tables:
            for name in dir(cls):
                unbound = getattr(cls, name)
                if not isinstance(unbound, UnboundField) or name not in rules.RECORDS[table]:
                    continue
                most = _rule_limit(table, name)
                if most is None:
                    continue
                limits = [v.max for v in unbound.kwargs.get("validators", ())
                          if isinstance(v, Length)]
                assert limits and min(limits) <= most, f"{cls.__name__}.{name}"
                checked += 1
    assert checked >= 5


# ---- Error pages ---------------------------------------------------------------------------

EXPORT = "/reports/export?start=2026-01-01&end=2026-06-30&dataset=visits&format=csv"


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("tampered", [
    "/reports/export?start=2026-13-01&end=2026-06-30&dataset=visits&format=csv",
    "/reports/export?start=2026-01-01&end=2026-06-30&dataset=visits&format=exe",
    "/reports/export?start=2026-01-01&end=2026-06",
    "/reports/report.pdf?start=2026-01-01&end=2025-01-01",
])
def test_a_tampered_export_link_answers_in_the_users_language_with_a_way_back(
        app, locale, tampered):
    supervisor = new_client(app, locale, "giamsat")
    assert supervisor.get(EXPORT).status_code == 200
    came_from = "/reports/?start=2026-01-01&end=2026-06-30"
    response = supervisor.get(tampered, headers={"Referer": f"http://localhost{came_from}"})
    assert response.status_code == 400
    page = parse(response)
    assert page.find("html").get("lang") == locale
    assert squash(page.find("h1").text) == catalog_text(app, locale, "This link does not work")
    assert "Bad Request" not in response.get_data(as_text=True)
    links = {a.get("href"): squash(a.text) for a in page.find("main").find_all("a")}
    assert links[came_from] == catalog_text(app, locale, "Back to the previous page")
    assert links["/"] == catalog_text(app, locale, "Back to the home page")


@pytest.mark.parametrize("referrer", [
    "http://evil.example/reports/", "http://localhost//evil.example/x",
    "http://localhost/\\evil.example", "javascript:alert(1)", "not a url"])
def test_the_way_back_never_leads_off_the_site(app, referrer):
    response = new_client(app, "en", "canbo").get("/no-such-page",
                                                  headers={"Referer": referrer})
    assert response.status_code == 404
    hrefs = [a.get("href") for a in parse(response).find("main").find_all("a")]
    assert hrefs == ["/"]


@pytest.mark.parametrize("locale", LOCALES)
def test_each_error_page_has_a_way_back_in_the_users_language(app, locale):
    came_from = "http://localhost/worklists/never-visited"
    officer = new_client(app, locale, "canbo")
    answers = {404: officer.get("/no-such-page", headers={"Referer": came_from}),
               403: officer.get("/admin/users", headers={"Referer": came_from}),
               405: officer.get("/logout", headers={"Referer": came_from})}
    for status, response in answers.items():
        assert response.status_code == status
        page = parse(response)
        assert page.find("html").get("lang") == locale
        back = page.find("main").find("a", href="/worklists/never-visited")
        assert back is not None, status
        assert squash(back.text) == catalog_text(app, locale, "Back to the previous page")


@pytest.mark.parametrize("locale", LOCALES)
def test_any_other_refusal_is_a_page_in_the_users_language(tmp_path, seeded_database, locale):
    from flask import abort
    app = copy_app(tmp_path / "instance", seeded_database)
    app.add_url_rule("/too-large", "too_large", lambda: abort(413))
    app.add_url_rule("/unavailable", "unavailable", lambda: abort(503))
    client = new_client(app, locale, "canbo")
    response = client.get("/too-large")
    assert response.status_code == 413
    page = parse(response)
    assert page.find("html").get("lang") == locale
    assert squash(page.find("h1").text) == catalog_text(app, locale,
                                                        "This request cannot be answered")
    response = client.get("/unavailable")
    assert response.status_code == 503
    assert squash(parse(response).find("h1").text) == catalog_text(app, locale,
                                                                   "Something went wrong")


# ---- Enrolment refused: whole sentences in the user's language ------------------------------

@pytest.fixture
def laptop_admin(tmp_path, seeded_database):
    """A laptop not enrolled yet, and its administrator's browser in a language."""
    app = copy_app(tmp_path / "laptop", seeded_database)
    return lambda locale: new_client(app, locale, "quantri")


def _enrol_errors(admin, central, code):
    response = admin.post_form("/sync/enrol", {"central_url": central.url, "code": code,
                                               "device_name": "Máy của A"})
    assert response.status_code == 400
    return [squash(li.text) for li in parse(response).find("ul", id="code-errors")
            .find_all("li")]


@pytest.mark.parametrize("locale", LOCALES)
def test_a_refused_enrolment_code_is_told_in_the_users_language(central, laptop_admin, locale):
    admin = laptop_admin(locale)
    used, expired = central.code(), central.code()
    with central.db.atomic():
        central.db.execute("update enrolment_codes set used_at = '2026-01-01T00:00:00+00:00'"
                           " where code_hash = ?", [server._hash(used)])
        central.db.execute("update enrolment_codes set expires_at = '2000-01-01T00:00:00+00:00'"
                           " where code_hash = ?", [server._hash(expired)])
    half = catalog_text(admin.application, locale,
                        "The central server refused this laptop: %(reason)s", reason="")
    cases = {"AAAA-BBBB-CCCC": "code_unknown", used: "code_used", expired: "code_expired"}
    for code, refusal in cases.items():
        shown = _enrol_errors(admin, central, code)
        # The whole sentence from the catalog, not the server's English reason in one.
        assert shown == [catalog_text(admin.application, locale,
                                      msgid(sync_views.REFUSALS[refusal]))], code
        assert half not in shown[0] and "ask for a new one" not in shown[0] \
            and "check it with the central" not in shown[0]


def msgid(lazy):
    """The source string of a lazy_gettext label."""
    return lazy._args[0]


def test_an_unknown_refusal_code_falls_back_to_the_servers_reason(app):
    with app.test_request_context():
        from flask import g
        g.locale = "en"
        text = sync_views.error_text("refused", "a reason from a newer server", "new_code")
        assert text == catalog_text(app, "en", "The central server refused this laptop:"
                                    " %(reason)s", reason="a reason from a newer server")
        assert sync_views.error_text("refused", "ignored", "code_used") == catalog_text(
            app, "en", msgid(sync_views.REFUSALS["code_used"]))


def test_the_central_server_says_which_refusal_it_is(central):
    """The machine-readable code beside the reason, which the laptop turns into a sentence."""
    import urllib.error
    import urllib.request
    request = urllib.request.Request(
        central.url + "/api/v1/enroll", method="POST",
        data=json.dumps({"protocol": PROTOCOL, "code": "AAAA-BBBB-CCCC",
                         "device_name": "x"}).encode(),
        headers={"Content-Type": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    answer = json.loads(refused.value.read())
    assert refused.value.code == 403
    assert answer["code"] == "code_unknown" and "not known" in answer["reason"]


@pytest.mark.parametrize("locale", LOCALES)
def test_a_revoked_laptop_is_told_in_the_users_language(central, laptops, locale):
    laptop = laptops(f"revoked-{locale}")
    with central.db.atomic():
        server.revoke(central.db.sync, laptop.device["device_id"])
    client = new_client(laptop.app, locale, "canbo", central.logins["canbo"])
    assert client.post_form("/sync/now").status_code == 302
    for _ in range(100):
        progress = client.get("/sync/progress").get_json()
        if not progress["running"]:
            break
        time.sleep(0.1)
    assert progress["error"] == catalog_text(laptop.app, locale,
                                             msgid(sync_views.REFUSALS["revoked"]))
    assert "its unsynced changes stay on the laptop" not in progress["error"]


# ---- Field names on the sync pages ---------------------------------------------------------

def _conflict(db, table, row_id, field, kept, lost):
    return store.insert(db, "sync_conflicts", {
        "table_name": table, "row_id": row_id, "field": field,
        "kept_value": json.dumps(kept), "kept_hlc": "0000000000002.00000.a",
        "lost_value": json.dumps(lost), "lost_hlc": "0000000000001.00000.b"}, user_id=None)["id"]


@pytest.mark.parametrize("locale", LOCALES)
def test_a_conflict_names_its_field_in_the_users_language(app, db, home, locale):
    conflict = _conflict(db, "households", home["id"], "phone", "0912345678", "0987654321")
    supervisor = new_client(app, locale, "giamsat")
    page = parse(supervisor.get("/conflicts"))
    row = next(tr for tr in page.find("tbody").find_all("tr") if "0987654321" in tr.text)
    assert squash(row.find_all("td")[1].text) == catalog_text(app, locale, "Phone")
    page = parse(supervisor.get(f"/conflicts/{conflict}"))
    field = next(div for div in page.find("dl").find_all("div")
                 if squash(div.find("dt").text) == catalog_text(app, locale, "Field"))
    assert squash(field.find("dd").text) == catalog_text(app, locale, "Phone")
    assert "phone" not in [squash(td.text) for td in page.iter() if td.tag in ("td", "dd")]


def test_every_field_a_laptop_may_change_has_a_label():
    """The conflict screen names any field two laptops may change at once, never its column."""
    missing = []
    for table, rule in policy.DEVICE_TABLES.items():
        fields = set(rules.RECORDS[table]) if rule.change is policy.ALL else set(rule.change)
        for field in (fields | {"deleted_at"}) - merge.BOOKKEEPING - policy.NEVER:
            if history.field_label(table, field) is history.field_label("", "no such field"):
                missing.append((table, field))
            elif field not in history.FIELD_LABELS and \
                    field not in history.TABLE_FIELD_LABELS.get(table, {}):
                missing.append((table, field))
    assert missing == []


def test_every_refusal_of_a_record_is_said_in_the_users_language():
    """The refused-records list says why in the user's words for every code the central server
    gives, never its English reason."""
    assert set(policy.REASONS) <= set(records.REASONS)


# ---- The report's default period shows its targets -----------------------------------------

def _summary(page):
    """The summary table: its header cells and {figure: cells}."""
    heading = next(h for h in page.find_all("h2") if squash(h.text) == "Summary")
    table = next(e for e in heading.parent.iter() if e.tag == "table"
                 and "summary" in e.get("class", "").split())
    header = [squash(th.text) for th in table.find("thead").find_all("th")]
    return header, {squash(tr.find("th").text): [squash(td.text) for td in tr.find_all("td")]
                    for tr in table.find("tbody").find_all("tr")}


def _office(db):
    return one(db, "select office_id from users where username = 'giamsat'")["office_id"]


def test_the_default_report_shows_this_months_target(app, db):
    with app.app_context():
        today = clock.today()
    targets.save_target(db, _office(db), None, today.year, today.month, {"households": 7},
                        user_id=None)
    targets.save_target(db, _office(db), None, today.year, None, {"households": 80},
                        user_id=None)
    page = parse(new_client(app, "en", "giamsat").get("/reports/"))
    header, rows = _summary(page)
    assert "Target" in header
    assert rows["Households visited"][1] == "7"
    assert page.find("input", name="start").get("value") == today.replace(day=1).isoformat()
    assert page.find("input", name="end").get("value") == \
        scope.month_end(today.year, today.month).isoformat()


def test_the_default_report_shows_the_years_target_when_the_month_has_none(app, db):
    with app.app_context():
        today = clock.today()
    targets.save_target(db, _office(db), None, today.year, None, {"households": 80},
                        user_id=None)
    page = parse(new_client(app, "en", "giamsat").get("/reports/"))
    header, rows = _summary(page)
    assert "Target" in header
    assert rows["Households visited"][1] == "80"
    assert page.find("input", name="start").get("value") == date(today.year, 1, 1).isoformat()
    assert page.find("input", name="end").get("value") == date(today.year, 12, 31).isoformat()
    # An officer opens the same: the office's targets are theirs to aim at too.
    header, _rows = _summary(parse(new_client(app, "en", "canbo").get("/reports/")))
    assert "Target" in header


def test_without_targets_the_default_report_is_this_month(app, db):
    with app.app_context():
        today = clock.today()
    page = parse(new_client(app, "en", "giamsat").get("/reports/"))
    header, _rows = _summary(page)
    assert "Target" not in header
    assert page.find("input", name="start").get("value") == today.replace(day=1).isoformat()
