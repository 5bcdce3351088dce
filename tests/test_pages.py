"""Every page in both languages: nothing missing from the Vietnamese catalog, no bare English."""

import re
import shutil

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from conftest import LOCALES
from fieldapp.i18n import LANGUAGES
from helpers import ROOT, demo_ids, fill, new_client, parse, registry_app

POT = ROOT / "translations" / "messages.pot"

# name: (who is logged in, address, expected status)
PAGES = {
    "login": (None, "/login", 200),
    "home": ("canbo", "/", 200),
    "commune": ("canbo", "/communes/{commune}", 200),
    "village edit": ("canbo", "/villages/{village}/edit", 200),
    "offices": ("quantri", "/admin/offices", 200),
    "office new": ("quantri", "/admin/offices/new", 200),
    "office edit": ("quantri", "/admin/offices/{office}", 200),
    "users": ("quantri", "/admin/users", 200),
    "user new": ("quantri", "/admin/users/new", 200),
    "user edit": ("quantri", "/admin/users/{officer}", 200),
    "lists": ("quantri", "/admin/lists/topic", 200),
    "village households": ("canbo", "/villages/{village}", 200),
    "register household": ("canbo", "/villages/{village}/households/new", 200),
    "household": ("canbo", "/households/{household}", 200),
    "household edit": ("canbo", "/households/{household}/edit", 200),
    "member add": ("canbo", "/households/{household}/people/new", 200),
    "person": ("canbo", "/people/{person}", 200),
    "person move": ("canbo", "/people/{person}/move?q=giang", 200),
    "visit new": ("canbo", "/households/{household}/visits/new", 200),
    "visit": ("canbo", "/visits/{visit}", 200),
    "never visited": ("canbo", "/worklists/never-visited", 200),
    "no bhyt": ("canbo", "/worklists/no-bhyt?village={village}", 200),
    "bhyt expiring": ("canbo", "/worklists/bhyt-expiring?days=60", 200),
    "no bhxh": ("canbo", "/worklists/no-bhxh?sort=birth_year&dir=desc", 200),
    "follow-ups": ("canbo", "/worklists/follow-ups?days=30", 200),
    "search": ("canbo", "/search?q=giang", 200),
    "search number": ("canbo", "/search?q=0912345678", 200),
    "sessions": ("canbo", "/sessions/?month={month}", 200),
    "session village": ("canbo", "/sessions/new", 200),
    "session new": ("canbo", "/sessions/new?village={village}", 200),
    "session": ("canbo", "/sessions/{session}", 200),
    "attendance sheet": ("canbo", "/sessions/{session}/attendance", 200),
    "print visits": ("canbo", "/print/visits", 200),
    "scripts": ("canbo", "/scripts/", 200),
    "script": ("canbo", "/scripts/{script}", 200),
    "script fallback": ("canbo", "/scripts/{script}?lang=ium", 200),
    "script history": ("canbo", "/scripts/{script}/history", 200),
    "script edit": ("giamsat", "/scripts/{script}/edit?lang=hnj", 200),
    "script new": ("giamsat", "/scripts/new", 200),
    "duplicate villages": ("giamsat", "/villages/duplicates", 200),
    "translations": ("quantri", "/translations/", 200),
    "translation strings": ("quantri", "/translations/hnj?state=draft", 200),
    "translation string": ("quantri", "/translations/blt/string?msgid=Save", 200),
    "dashboard": ("canbo", "/dashboard", 200),
    "dashboard supervisor": ("giamsat", "/dashboard?commune={commune}&metric=people", 200),
    "report": ("giamsat", "/reports/?start=2026-01-01&end=2026-12-31", 200),
    "report officer": ("canbo", "/reports/", 200),
    "targets": ("giamsat", "/reports/targets", 200),
    "targets month": ("quantri", "/reports/targets?month=1", 200),
    "policy figures": ("canbo", "/policy-figures/", 200),
    "404": ("canbo", "/no-such-page", 404),
    "403": ("canbo", "/admin/users", 403),
}

# Pages as shown after a form: error messages and flashes are catalog strings too. In order:
# the supervisor's password is changed and the account deactivated near the end.
# name: (who, address, form or None for a GET, send the CSRF token, expected final status)
STATES = {
    "login refused": (None, "/login", {"username": "nobody", "password": "wrong-pass"}, True, 401),
    "login fields": (None, "/login", {"username": "x" * 65, "password": ""}, True, 200),
    "household errors": ("canbo", "/villages/{village}/households/new", {
        "full_name": "", "gender": "male", "birth_year": "1850", "cccd": "123",
        "bhxh_number": "12", "phone": "12", "language": "vi", "bhyt_card_type": "household",
        "bhxh_status": "none", "vssid": "unknown"}, True, 200),
    "likely duplicate": ("canbo", "/households/{household}/people/new", {
        "full_name": "sung thi my", "gender": "female", "birth_year": "1983",
        "relation": "child", "bhxh_status": "none", "vssid": "unknown"}, True, 200),
    "visit errors": ("canbo", "/households/{household}/visits/new", {
        "visited_at": "2999-01-01T10:00", "language": "hnj", "nobody_home": "y",
        "present": ["{person}"], "follow_up_on": "2000-01-01"}, True, 200),
    "visit saved": ("canbo", "/households/{household}/visits/nobody-home", {}, True, 200),
    "session errors": ("canbo", "/sessions/new?village={village}", {
        "held_at": "2026-11-20T10:00", "format": "small_group", "target_group": "voluntary",
        "attendees_total": "3", "attendees_female": "1", "attendees_male": "1",
        "eth_mong": "1", "roster": ["{person}"], "quick-0-full_name": "Lầu A Sử",
        "quick-0-birth_year": ""}, True, 200),
    "roster too long": ("canbo", "/sessions/{session}/attendees", {
        "quick-0-full_name": "A", "quick-0-gender": "male", "quick-0-birth_year": "1990",
        **{f"quick-{i}-{k}": v for i in range(1, 12) for k, v in (
            ("full_name", f"Người {i}"), ("gender", "female"), ("birth_year", "1990"))}},
        True, 400),
    "outcomes saved": ("canbo", "/sessions/{session}/outcomes",
                       {"outcome_{person}": ["interested"]}, True, 200),
    "script errors": ("giamsat", "/scripts/{script}/edit?lang=hnj",
                      {"title": "", "key_messages": ""}, True, 200),
    "report period errors": ("giamsat", "/reports/?start=2026-05-01&end=2026-01-01", None, True,
                             200),
    "targets errors": ("giamsat", "/reports/targets", {"office-households": "abc",
                                                       "office-people": "-1"}, True, 200),
    "targets saved": ("giamsat", "/reports/targets", {"office-households": "100"}, True, 200),
    "review errors": ("quantri", "/translations/hnj/string", {
        "msgid": "%(name)s saved.", "msgstr": "lawm", "reviewed": "y"}, True, 200),
    "list item taken": ("quantri", "/admin/lists/topic", {"code": "vssid", "label": "x"},
                        True, 200),
    "village errors": ("canbo", "/communes/{commune}", {"name": "", "kind": "x"}, True, 200),
    "village duplicate": ("canbo", "/communes/{commune}", {"name": "mi hang", "kind": "ban"},
                          True, 200),
    "village added": ("canbo", "/communes/{commune}", {"name": "Sán Chải", "kind": "ban"},
                      True, 200),
    "village removed": ("canbo", "/villages/{village}/delete", {}, True, 200),
    "office errors": ("quantri", "/admin/offices/new",
                      {"name": "", "province_code": "x", "phone": "12", "address": "x" * 201},
                      True, 200),
    "office created": ("quantri", "/admin/offices/new", {"name": "BHXH Ba Đình",
                                                         "province_code": "1"}, True, 200),
    "office commune not offered": ("quantri", "/admin/offices/{office}",
                                   {"name": "BHXH", "communes": "4"}, True, 200),
    "user errors": ("quantri", "/admin/users/new", {
        "username": "a b", "full_name": "", "role": "officer", "office_id": "{office}",
        "password": "short", "confirm": "other"}, True, 200),
    "user taken": ("quantri", "/admin/users/new", {
        "username": "canbo", "full_name": "Cán Bộ", "role": "officer", "office_id": "{office}",
        "password": "long-enough-1", "confirm": "long-enough-1"}, True, 200),
    "own role": ("quantri", "/admin/users/{admin}", {
        "full_name": "Nguyễn Văn Hùng", "role": "officer", "office_id": "{office}"}, True, 200),
    "password errors": ("quantri", "/admin/users/{officer}/password",
                        {"password": "short", "confirm": "other"}, True, 400),
    "password changed": ("quantri", "/admin/users/{supervisor}/password",
                         {"password": "long-enough-1", "confirm": "long-enough-1"}, True, 200),
    "deactivate self": ("quantri", "/admin/users/{admin}/active", {}, True, 200),
    "deactivated": ("quantri", "/admin/users/{supervisor}/active", {}, True, 200),
    "form expired": ("canbo", "/language", {"locale": "en"}, False, 400),
    "print errors": ("canbo", "/print/visits?start=2026-05-10&end=2026-05-01", None, True, 200),
    "print nothing found": ("canbo", "/print/visits?start=2001-01-01", None, True, 200),
    "wrong method": ("canbo", "/logout", None, True, 405),
    "logged out": ("canbo", "/logout", {}, True, 200),
}


def render_all(app, locale):
    """Every page and form state in one language: {name: (response, expected status)}."""
    with app.app_context():
        from fieldapp.db import get_db
        ids = demo_ids(get_db())
    shown = {}
    for name, (who, url, status) in PAGES.items():
        client = new_client(app, locale, who)
        shown[name] = client.get(url.format(**ids)), status
    for name, (who, url, form, token, status) in STATES.items():
        client = new_client(app, locale, who)
        url = url.format(**ids)
        if form is None:
            response = client.get(url)
        elif token:
            response = client.post_form(url, fill(form, ids), follow_redirects=True)
        else:
            response = client.post(url, data=fill(form, ids), follow_redirects=True)
        shown[name] = response, status
    return shown


@pytest.fixture(scope="module")
def site(tmp_path_factory, seeded_database):
    """One app for the read-only page checks."""
    app = registry_app(tmp_path_factory.mktemp("pages") / "instance", seeded_database)
    with app.app_context():
        from fieldapp.db import get_db
        return app, demo_ids(get_db())


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("locale", list(LANGUAGES))
def test_every_page_renders_in_the_chosen_language(site, locale, page):
    app, ids = site
    who, url, status = PAGES[page]
    response = new_client(app, locale, who).get(url.format(**ids))
    assert response.status_code == status
    assert f'<html lang="{locale}">' in response.get_data(as_text=True)
    assert parse(response).find("h1").text.strip()


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, seeded_database):
    """render_all for a language, once per module, each language on an app of its own."""
    done = {}

    def render(locale):
        if locale not in done:
            instance = tmp_path_factory.mktemp(f"states-{locale}") / "instance"
            app = registry_app(instance, seeded_database)
            done[locale] = app, render_all(app, locale)
        return done[locale]
    return render


@pytest.mark.parametrize("locale", LOCALES)
def test_every_form_state_renders_in_the_chosen_language(rendered, locale):
    for name, (response, status) in rendered(locale)[1].items():
        assert response.status_code == status, name
        assert parse(response).find("html").get("lang") == locale, name


def test_every_scrolling_table_is_a_named_region_the_keyboard_reaches(rendered):
    """A table wider than a phone scrolls in its box: a keyboard user must reach the box, and
    a screen reader must hear what it holds (issue 24)."""
    _, shown = rendered("vi")
    unnamed = []
    for name, (response, _status) in shown.items():
        page = parse(response)
        ids = {e.get("id") for e in page.iter() if e.get("id")}
        for box in page.find_all("div"):
            if "table-scroll" not in box.get("class", "").split():
                continue
            named = box.get("aria-label", "").strip() or (
                box.get("aria-labelledby") and set(box.get("aria-labelledby").split()) <= ids)
            if not (box.get("role") == "region" and box.get("tabindex") == "0" and named):
                unnamed.append((name, box.get("aria-label"), box.get("aria-labelledby")))
    assert unnamed == []


def test_no_vietnamese_string_is_missing_from_the_catalog(rendered):
    """Every string looked up while showing every page in Vietnamese has a translation."""
    app, _ = rendered("vi")
    missing = app.extensions["fieldapp_catalogs"].missing
    assert sorted(msgid for code, msgid in missing if code == "vi") == []


# ---- Pseudo-locale: text that never went through gettext ---------------------------------

OPEN, CLOSE = "⟦", "⟧"
_PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[sd]")
_WORD = re.compile(r"[^\W\d_]{3,}")
_TRANSLATED = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")


def pseudo_translations(directory):
    """A 'vi' catalog in which every msgstr is its msgid in brackets."""
    with POT.open("rb") as f:
        catalog = read_po(f)
    catalog.locale = "vi"
    for message in catalog:
        if not message.id:
            continue
        message.flags.discard("fuzzy")
        if isinstance(message.id, (list, tuple)):
            singular, plural = message.id[0], message.id[1]
            message.string = tuple(f"{OPEN}{singular if i == 0 else plural}{CLOSE}"
                                   for i in range(catalog.num_plurals))
        else:
            message.string = f"{OPEN}{message.id}{CLOSE}"
    folder = directory / "vi" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copyfile(POT, directory / "messages.pot")
    with (folder / "messages.mo").open("wb") as f:
        write_mo(f, catalog, use_fuzzy=True)
    return catalog


def english_words(catalog):
    words = set()
    for message in catalog:
        ids = message.id if isinstance(message.id, (list, tuple)) else [message.id]
        for text in ids:
            words |= {w.lower() for w in _WORD.findall(_PLACEHOLDER.sub(" ", text or ""))}
    return words


def data_words(db):
    """Words of names that come from data, not from the catalog (places, people, offices)."""
    texts = [r[0] or "" for sql in (
        "select name from provinces", "select name from communes", "select name from villages",
        "select name from offices", "select address from offices",
        "select full_name from users", "select username from users",
        "select full_name from people", "select address_note from households",
        "select notes || ' ' || companions from visits",
        "select place || ' ' || outside_facilitators from group_sessions",
        # Scripts as the pages show them; their English texts use the catalog's own words.
        "select title || ' ' || key_messages || ' ' || questions from script_texts"
        " where language != 'en'")
        for r in db.execute(sql).fetchall()]
    return {w.lower() for text in texts for w in _WORD.findall(text)}


class _VisibleText:
    """Text a user reads or hears: text nodes and the attributes shown or spoken."""

    SPOKEN = ("placeholder", "title", "aria-label", "alt")

    def __init__(self, page):
        self.strings = []
        self._walk(page)

    def _walk(self, element):
        # Scripts, styles, and what the page itself marks as not to be translated (codes,
        # source strings shown to translators).
        if element.tag in ("script", "style") or element.get("translate") == "no":
            return
        # The language switcher names each language in itself (autonyms), on purpose.
        if element.tag == "button" and element.get("name") == "locale":
            return
        for name in self.SPOKEN:
            if element.get(name):
                self.strings.append(element.get(name))
        if element.tag == "input" and element.get("type") in ("submit", "button", "reset"):
            self.strings.append(element.get("value") or "")
        for child in element.children:
            if isinstance(child, str):
                self.strings.append(child)
            else:
                self._walk(child)


def untranslated(strings, english):
    """(text, word) for every catalog word found outside the bracketed translations."""
    found = []
    for text in strings:
        outside, inner = text, None
        while inner != outside:  # innermost brackets first: a value inside a translated string
            inner, outside = outside, _TRANSLATED.sub(" ", outside)
        found += [(text.strip(), w) for w in _WORD.findall(outside) if w.lower() in english]
    return found


def test_untranslated_text_is_caught_by_the_check():
    """The check itself: bare English is reported, bracketed text and data are not."""
    english = {"save", "village", "added"}
    assert untranslated(["⟦Village added.⟧", "Mí Háng", "⟦Save⟧ · fieldapp"], english) == []
    # A translated value inside a translated sentence is still all translated.
    assert untranslated(["⟦Save ⟦Village⟧ added⟧"], english) == []
    assert untranslated(["Save", "⟦Village⟧ added"], english) == [("Save", "Save"),
                                                                 ("⟦Village⟧ added", "added")]
    page = parse('<html><head><title>Save</title><script>var save;</script></head><body>'
                 '<button name="locale" value="en">English</button>'
                 '<input type="submit" value="Added"><img alt="village"></body></html>')
    assert sorted(_VisibleText(page).strings) == ["Added", "Save", "village"]


def test_every_page_shows_only_translated_text_in_a_pseudo_locale(tmp_path, seeded_database):
    catalog = pseudo_translations(tmp_path / "translations")
    app = registry_app(tmp_path / "instance", seeded_database,
                       TRANSLATIONS_DIR=str(tmp_path / "translations"))
    with app.app_context():
        from fieldapp.db import get_db
        # The product's name is the same in every language.
        english = english_words(catalog) - data_words(get_db()) - {"fieldapp"}
    assert {"village", "password", "office"} <= english

    problems = {}
    for name, (response, status) in render_all(app, "vi").items():
        assert response.status_code == status, name
        page = parse(response)
        assert OPEN in page.find("main").text, name
        found = untranslated(_VisibleText(page).strings, english)
        if found:
            problems[name] = found
    assert problems == {}, problems
    # Every string the pages looked up is in messages.pot, so translators get to see it.
    missing = app.extensions["fieldapp_catalogs"].missing
    assert sorted(msgid for code, msgid in missing if code == "vi") == []
