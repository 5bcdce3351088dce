"""Issue 21: a translation cannot break a page.

A review typed in the app, a review pushed by a laptop and an entry of a catalog brought into
translations/ are each checked against the source string's placeholders by one function
(fieldapp.placeholders, msgfmt --check-format's rules), and refused with a reason; a broken
translation that got into a database or a catalog anyway is never shown: every page renders,
in every language, with the source string instead.
"""

import io
import logging
import os
import re
import shutil
import subprocess

import pytest
from babel.messages.pofile import read_po, write_po

from fieldapp import i18n, placeholders, rules, store
from fieldapp.i18n import LANGUAGES, TRANSLATIONS_DIR, read_template
from helpers import field_errors, new_client, one, parse, registry_app, rows_of, squash
from syncing import Web
from walking import addresses

PERCENT, PLACEHOLDERS = placeholders.PERCENT, placeholders.PLACEHOLDERS
COUNT = ("%(commune)s was handed to another office: its %(count)s records were removed from "
         "this laptop.")
BRACES = ("Figures such as {base_salary} or {voluntary_bhxh_min_monthly} are filled in from "
          "the policy figures in force.")
NAMED = "%(name)s saved."

# (source string, translation, the kind of problem): every one refused wherever it comes in.
HOSTILE = {
    "percent at the end": ("Log in", "Danh sách 100%", PERCENT),
    "percent sign alone": ("Log in", "%", PERCENT),
    "percent before a letter": ("Log in", "100% of", PERCENT),
    "percent beside a name": (NAMED, "%(name)s lưu 100%", PERCENT),
    "unnamed %d": ("Log in", "Đăng nhập %d", PERCENT),
    "unnamed %d beside a name": (NAMED, "%(name)s lưu %d", PERCENT),
    "%(x)r not in the source": ("Log in", "%(x)r", PLACEHOLDERS),
    "%(count)s missing": (COUNT, "%(commune)s đã chuyển cho văn phòng khác.", PLACEHOLDERS),
    "an extra %(y)s": (NAMED, "%(name)s %(y)s đã lưu.", PLACEHOLDERS),
    "%(name)d for %(name)s": (NAMED, "%(name)d đã lưu.", PLACEHOLDERS),
    "{0}": ("Log in", "Đăng nhập {0}", PLACEHOLDERS),
    "a brace placeholder missing": (BRACES, "Số liệu {base_salary} lấy từ chính sách.",
                                    PLACEHOLDERS),
}
# Kept: a percent sign written %%, and markup, which is text and shown escaped.
ACCEPTED = {
    "%%": ("Log in", "Đăng nhập 100%%", "Đăng nhập 100%"),
    "markup": ("Log in", "<b>x</b>", "<b>x</b>"),
    "placeholders kept": (NAMED, "Đã lưu %(name)s.", None),
    "braces kept": (BRACES, "{voluntary_bhxh_min_monthly} và {base_salary} {{7*7}}", None),
}
# Which of them would make formatting fail (the rest read oddly but render).
BREAKING = {name for name in HOSTILE if name not in (
    "%(count)s missing", "{0}", "a brace placeholder missing")}


def english_messages(source, kind):
    """What the review form says, in English, for a kind of problem."""
    if kind == PERCENT:
        return ["Write %% for a percent sign: a single % starts a placeholder."]
    names = ", ".join(placeholders.written(source)) or "—"
    return [f"Keep the placeholders exactly as in the source: {names}."]


@pytest.fixture(autouse=True)
def warnings_anew():
    """Broken translations are logged once per process: each test starts from none logged."""
    i18n._warned.clear()
    yield
    i18n._warned.clear()


# ---- The check ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name", HOSTILE)
def test_every_hostile_format_is_found_with_its_kind_and_a_reason(name):
    source, text, kind = HOSTILE[name]
    found = placeholders.problems(source, text)
    assert found and {p.kind for p in found} == {kind}
    assert all(p.reason for p in found)
    assert placeholders.safe(source, text) == (name not in BREAKING)
    # The same through the rules the store and the central server's merge apply.
    refused = rules.problems("translation_reviews", {"language": "hnj", "msgid": source,
                                                     "msgstr": text, "reviewed": 1})
    assert [field for field, _ in refused] == ["msgstr"] * len(found)


@pytest.mark.parametrize("name", ACCEPTED)
def test_kept_placeholders_a_doubled_percent_and_markup_pass(name):
    source, text, _ = ACCEPTED[name]
    assert placeholders.problems(source, text) == []
    assert rules.problems("translation_reviews", {"language": "hnj", "msgid": source,
                                                  "msgstr": text}) == []


def test_the_store_refuses_them_and_an_edit_carries_its_msgid_for_the_central_server(db):
    import json
    row = store.insert(db, "translation_reviews", {
        "language": "hnj", "msgid": NAMED, "msgstr": "%(name)s lawm", "reviewed": 1},
        user_id=None)
    before = rows_of(db, "translation_reviews")
    for name, (source, text, _) in HOSTILE.items():
        with pytest.raises(store.Invalid):
            store.insert(db, "translation_reviews", {"language": "hnj", "msgid": source,
                                                     "msgstr": text}, user_id=None)
    with pytest.raises(store.Invalid):
        store.update(db, "translation_reviews", row["id"], {"msgstr": "%(y)s lawm"},
                     user_id=None)
    assert rows_of(db, "translation_reviews") == before
    # An edit of the text is logged with the msgid it translates, as the merge needs to judge
    # it; an edit of the tick alone is not.
    store.update(db, "translation_reviews", row["id"], {"msgstr": "Khaws %(name)s"},
                 user_id=None)
    fields = json.loads(db.execute("select fields from sync_log order by seq desc limit 1"
                                   ).fetchone()[0])
    assert fields["msgid"][0] == NAMED and fields["msgstr"][0] == "Khaws %(name)s"
    store.update(db, "translation_reviews", row["id"], {"reviewed": 0}, user_id=None)
    fields = json.loads(db.execute("select fields from sync_log order by seq desc limit 1"
                                   ).fetchone()[0])
    assert "msgid" not in fields and "msgstr" not in fields


# Pairs msgfmt judges as python-format (or python-brace-format) strings: the check agrees.
MSGFMT_PAIRS = [
    ("%(num)d x", "%(num)d y"), ("%(num)d x", "%(num)s y"), ("%(num)d x", "%(num)i y"),
    ("%(x)s", "%(x)r"), ("%(x)s", "%(x)a"), ("%(x)c", "%(x)s"), ("%(x)-5.3f", "%(x)e"),
    ("%(x)s", "%(x)#s"), ("%(x)s", "%(x) s"), ("%(x)ls", "%(x)Ls"), ("%(x)s", "%()s"),
    ("%(a b)s", "%(a b)s y"), ("%(x(y))s", "y %(x(y))s"), ("a %(x)s %(y)s", "%(y)s %(x)s"),
    ("a %(x)s %(y)s", "%(x)s"), ("a %(x)s", "%(x)s %(y)s"), ("x %(x)s", "%(x)s %(x)s"),
    ("x %(x)s", "%(x)s %(x)d"), ("a %s", "b %r"), ("a %s %d", "%s"), ("a %s", "%s %s"),
    ("a %s %d", "%d %s"), ("%*s", "%*s"), ("%.*s", "%*s"), ("%s", "%*s"),
    ("Log in", "100%%"), ("Log in", "Danh sách 100%"), ("Log in", "%"), ("Log in", "100% of"),
    ("Log in", "%d"), ("Log in", "%(x)r"), ("%(x)s", "%(x)s 100% of"), ("%(x)s", "%(x)s %d"),
    ("%(x)s", "%(x)"), ("%(x)s", "%(x"), (NAMED, "lưu"), (COUNT, "%(commune)s %(count)s"),
]
BRACE_PAIRS = [(BRACES, "{base_salary} {voluntary_bhxh_min_monthly}"), (BRACES, "{base_salary}"),
               (BRACES, "{base_salary} {voluntary_bhxh_min_monthly} {other}"),
               ("{a} and {b}", "{b} {a}"), ("{a}", "{b}"), ("{a}", "{a} {{x}}")]
# Where Python's % is stricter than msgfmt, which takes these for a percent sign: Python fails.
STRICTER = [("Log in", "%5%"), ("%(x)s", "%(x)s %-%"), ("Log in", "100% %")]


def msgfmt_refuses(pairs, flag):
    """For each (msgid, msgstr): whether `msgfmt --check-format` refuses it."""
    if shutil.which("msgfmt") is None:
        pytest.fail("GNU msgfmt is missing: `make test` installs gettext")
    po = ['msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n']
    po += [f'#, {flag}\nmsgid "{source} #{n}"\nmsgstr "{text} #{n}"\n'
           for n, (source, text) in enumerate(pairs)]
    po = "\n".join(po)
    result = subprocess.run(["msgfmt", "--check-format", "-o", "/dev/null", "-"],
                            input=po, capture_output=True, text=True)
    # Each error names the line of an entry's msgstr, which ends with the entry's number.
    lines = po.splitlines()
    refused = {int(re.search(r"#(\d+)\"$", lines[int(at) - 1]).group(1))
               for at in re.findall(r"^<stdin>:(\d+):", result.stderr, re.M)}
    return [n in refused for n in range(len(pairs))]


def test_the_check_agrees_with_msgfmt_check_format():
    for pairs, flag in ((MSGFMT_PAIRS, "python-format"), (BRACE_PAIRS, "python-brace-format")):
        theirs = msgfmt_refuses(pairs, flag)
        ours = [bool(placeholders.problems(s, t)) for s, t in pairs]
        assert [(pair, o) for pair, o, t in zip(pairs, ours, theirs) if o != t] == []
    assert msgfmt_refuses(STRICTER, "python-format") == [False] * len(STRICTER)
    for source, text in STRICTER:
        with pytest.raises((ValueError, TypeError)):
            text % {"x": 1}
        assert [p.kind for p in placeholders.problems(source, text)] == [PERCENT]


def test_every_shipped_catalog_passes_the_check():
    """The gate a catalog brought back into translations/ goes through (`make test`): msgfmt
    checks only entries marked python-format, this check every entry, since templates format
    every string."""
    for code in LANGUAGES:
        with open(TRANSLATIONS_DIR / code / "LC_MESSAGES" / "messages.po", "rb") as f:
            assert placeholders.catalog_problems(read_po(f)) == [], code


# ---- The review form ---------------------------------------------------------------------------

def make_translator(central, laptop):
    """The laptop's officer made a translator on the central server, and synced."""
    canbo = one(central.db, "select id from users where username = 'canbo'")["id"]
    if not central.db["users"].get(canbo)["translator"]:
        store.update(central.db, "users", canbo, {"translator": 1}, user_id=None)
    laptop.sync()
    assert one(laptop.db, "select translator from users where id = ?", [canbo])["translator"]
    return canbo


def review_client(central, laptop):
    from conftest import FormClient
    client = FormClient(laptop.app.test_client())
    assert client.login("canbo", central.logins["canbo"]).status_code == 302
    client.set_language("en")  # the form's messages in English: the source of new strings
    return client


def test_the_review_form_on_a_laptop_refuses_each_hostile_format_beside_the_field(
        central, laptops):
    laptop = laptops("reviewer")
    make_translator(central, laptop)
    client = review_client(central, laptop)
    reviews, logged = rows_of(laptop.db, "translation_reviews"), laptop.db["sync_log"].count
    for name, (source, text, kind) in HOSTILE.items():
        response = client.post_form("/translations/hnj/string", {
            "msgid": source, "msgstr": text, "reviewed": "y"})
        assert response.status_code == 200, name
        page = parse(response)
        assert field_errors(page, "msgstr") == english_messages(source, kind), name
        # What was typed is kept, to be corrected.
        assert page.find("textarea", id="msgstr").text.lstrip("\r\n") == text, name
    assert rows_of(laptop.db, "translation_reviews") == reviews
    assert laptop.db["sync_log"].count == logged
    # In Vietnamese, the message that was there before this issue is in the catalog.
    client.set_language("vi")
    page = parse(client.post_form("/translations/hnj/string", {
        "msgid": NAMED, "msgstr": "%(y)s lưu"}))
    assert field_errors(page, "msgstr") == [squash(app_text(laptop.app, "vi", (
        "Keep the placeholders exactly as in the source: %(names)s."), names="%(name)s"))]


def app_text(app, locale, msgid, **variables):
    return app.extensions["fieldapp_catalogs"].gettext(locale, msgid) % variables


def test_the_review_form_keeps_a_doubled_percent_and_markup_and_shows_them_as_text(
        central, laptops):
    laptop = laptops("kept")
    make_translator(central, laptop)
    client = review_client(central, laptop)
    for name in ("%%", "markup"):
        source, text, shown = ACCEPTED[name]
        response = client.post_form("/translations/blt/string", {
            "msgid": source, "msgstr": text, "reviewed": "y"})
        assert response.status_code == 302, name
        assert one(laptop.db, "select msgstr from translation_reviews where language = 'blt'"
                              " and msgid = ?", [source])["msgstr"] == text
        # The login page, for anybody who chose Thái: the text, never markup.
        page = parse(new_client(laptop.app, "blt").get("/login"))
        assert page.find("h1").text == shown, name
        assert page.find("main").find("b") is None
    # Both reach the central server.
    assert laptop.sync().refused == []


# ---- A pushed review ---------------------------------------------------------------------------

def test_a_pushed_review_that_breaks_its_placeholders_is_refused_by_the_central_server(
        central, laptops, monkeypatch):
    laptop = laptops("pusher")
    canbo = make_translator(central, laptop)
    # A review that is right, synced; then edits and new reviews from a laptop that did not
    # check them (an older app, a changed one): the central server judges them as they come.
    kept = store.insert(laptop.db, "translation_reviews", {
        "language": "ium", "msgid": "Log in", "msgstr": "Nkag", "reviewed": 1},
        user_id=canbo)["id"]
    assert laptop.sync().refused == []
    before = rows_of(central.db, "translation_reviews")
    made = {}
    with monkeypatch.context() as unchecked:
        unchecked.setattr(rules, "problems", lambda table, values: [])
        for name, (source, text, _) in HOSTILE.items():
            made[store.insert(laptop.db, "translation_reviews", {
                "language": "ium", "msgid": source, "msgstr": text, "reviewed": 1},
                user_id=canbo)["id"]] = name
        store.update(laptop.db, "translation_reviews", kept, {"msgstr": "Danh sách 100%"},
                     user_id=canbo)
        made[kept] = "an edit"
    result = laptop.sync()
    refused = {r["id"]: r for r in result.refused}
    assert set(refused) == set(made)
    assert {r["code"] for r in refused.values()} == {"invalid"}
    assert all(r["reason"] for r in refused.values())
    # Nothing changed on the central server, and another laptop gets none of it.
    assert rows_of(central.db, "translation_reviews") == before
    other = laptops("other")
    assert {r["msgstr"] for r in other.db.query(
        "select msgstr from translation_reviews where language = 'ium'")} <= {"Nkag"}
    # Every page of the central server still answers, in every language: the login page too.
    for code in LANGUAGES:
        browser = Web(central.url)
        browser.post("/language", {"locale": code})
        status, _, page = browser.get("/login")
        assert status == 200 and "<h1>" in page, code
        browser.log_in("canbo", central.logins["canbo"])
        assert browser.get("/")[0] == 200, code
    assert central.errors() == []
    # The laptop that holds them shows none that would break a page: the source instead.
    response = new_client(laptop.app, "ium").get("/login")
    assert response.status_code == 200
    assert parse(response).find("h1").text not in {HOSTILE[name][1] for name in BREAKING}


# ---- Broken translations already stored ----------------------------------------------------------

def broken_text(n, msgid):
    """A breaking translation of msgid, one of the hostile kinds in turn."""
    name = sorted(BREAKING)[n % len(BREAKING)]
    return HOSTILE[name][1] + (" " + " ".join(placeholders.written(msgid))).rstrip()


def force_reviews(db):
    """A breaking review of every string in every language, straight into the table (as an
    old database or a sync from an older server may hold them): no check on the way."""
    rows = []
    for n, message in enumerate(m for m in read_template(TRANSLATIONS_DIR) if m.id):
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        for code in LANGUAGES:
            text = "Danh sách 100%" if msgid == "Log in" else broken_text(n, msgid)
            rows.append({"id": f"forced-{code}-{n}", "language": code, "msgid": msgid,
                         "msgstr": text, "reviewed": 1, "created_at": "2026-01-01T00:00:00Z",
                         "updated_at": "2026-01-01T00:00:00Z"})
    db["translation_reviews"].insert_all(rows)
    db.conn.commit()


def force_catalogs(directory):
    """Every catalog with every entry broken, as a .po copied into translations/ would be."""
    shutil.copytree(TRANSLATIONS_DIR, directory)
    for code in LANGUAGES:
        path = directory / code / "LC_MESSAGES" / "messages.po"
        with path.open("rb") as f:
            catalog = read_po(f)
        for n, message in enumerate(m for m in read_template(TRANSLATIONS_DIR) if m.id):
            msgid = message.id if isinstance(message.id, str) else message.id[0]
            text = "Danh sách 100%" if msgid == "Log in" else broken_text(n, msgid)
            string = (text,) * catalog.num_plurals if isinstance(message.id, tuple) else text
            if catalog.get(message.id) is None:
                catalog.add(message.id, string)
            else:
                catalog.get(message.id).string = string
        buf = io.BytesIO()
        write_po(buf, catalog)
        path.write_bytes(buf.getvalue())
        path.with_suffix(".mo").unlink(missing_ok=True)
        # The gate a catalog brought back goes through refuses every entry, with its reason.
        found = placeholders.catalog_problems(catalog)
        assert {msgid for msgid, _ in found} >= {"Log in", NAMED, COUNT}
        assert all(problem.reason for _, problem in found)


@pytest.fixture(scope="module")
def broken_sites(tmp_path_factory, seeded_database):
    """{'database': app, 'catalog': app}: every string broken in the database's reviews, or in
    the catalogs the app reads."""
    root = tmp_path_factory.mktemp("broken")
    in_database = registry_app(root / "database", seeded_database, PROPAGATE_EXCEPTIONS=False)
    from fieldapp.db import connect
    db = connect(in_database.config["DATABASE"])
    force_reviews(db)
    db.close()
    force_catalogs(root / "translations")
    in_catalog = registry_app(root / "catalog", seeded_database, PROPAGATE_EXCEPTIONS=False,
                              TRANSLATIONS_DIR=str(root / "translations"))
    return {"database": in_database, "catalog": in_catalog}


# Reviews in the database override the catalogs the same way in every language: by default
# they are broken in two languages and the catalogs in all (FORMATS_ALL_LANGUAGES=1: both in
# all), to keep `make test` within its time.
REVIEWED_IN = list(LANGUAGES) if os.environ.get("FORMATS_ALL_LANGUAGES") else ["vi", "hnj"]


@pytest.mark.parametrize("where, locale", [("database", locale) for locale in REVIEWED_IN]
                         + [("catalog", locale) for locale in LANGUAGES])
def test_every_page_renders_in_every_language_with_the_source_instead(
        broken_sites, where, locale, caplog):
    app = broken_sites[where]
    with app.app_context():
        from fieldapp.db import get_db
        found = addresses(app, get_db())
    failed = []
    for who in (None, "canbo", "giamsat", "quantri"):
        client = new_client(app, locale, who)
        for _endpoint, path in found:
            status = client.get(path).status_code
            if status >= 500:
                failed.append((who, path, status))
    assert failed == []
    # The login page, for anybody: "Log in" in English, its broken text nowhere.
    anybody = new_client(app, locale)
    page = parse(anybody.get("/login"))
    assert page.find("h1").text == "Log in"
    assert page.find("button", class_="primary").text == "Log in"
    assert "100%" not in page.text
    # Logged in: the header's button, broken in every language, is its source too.
    officer = new_client(app, locale, "canbo")
    assert parse(officer.get("/")).find("form", class_="logout").find("button").text == \
        "Log out"
    # Each broken text is logged, once.
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="fieldapp.i18n"):
        anybody.get("/login")
        anybody.get("/login")
    assert not [r for r in caplog.records if "'Log in'" in r.getMessage()]


def test_a_broken_text_is_logged_once(broken_sites, caplog):
    app = broken_sites["database"]
    anybody = new_client(app, "hnj")
    with caplog.at_level(logging.WARNING, logger="fieldapp.i18n"):
        for _ in range(3):
            anybody.get("/login")
    about = [r for r in caplog.records if "'Log in' in hnj" in r.getMessage()]
    assert len(about) == 1
    assert "Danh sách 100%" in about[0].getMessage()


def test_the_po_export_leaves_out_broken_reviews(broken_sites):
    """A broken review cannot travel into translations/ through the export either."""
    admin = new_client(broken_sites["database"], "en", "quantri")
    response = admin.get("/translations/hnj/export.po")
    assert response.status_code == 200
    assert placeholders.catalog_problems(read_po(io.BytesIO(response.data))) == []
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", "-"], input=response.data,
                            capture_output=True)
    assert result.returncode == 0, result.stderr


def test_the_translations_pages_still_open_to_correct_a_broken_review(app, db):
    db["translation_reviews"].insert({
        "id": "forced", "language": "hnj", "msgid": "Log in", "msgstr": "Danh sách 100%",
        "reviewed": 1, "created_at": "2026-01-01T00:00:00Z",
        "updated_at": "2026-01-01T00:00:00Z"})
    db.conn.commit()
    assert parse(new_client(app, "hnj").get("/login")).find("h1").text == "Log in"
    admin = new_client(app, "en", "quantri")
    page = parse(admin.get("/translations/hnj/string?msgid=Log+in"))
    # The broken text is shown to be corrected, as text.
    assert page.find("textarea", id="msgstr").text.lstrip("\r\n") == "Danh sách 100%"
    response = admin.post_form("/translations/hnj/string", {
        "msgid": "Log in", "msgstr": "Nkag mus 100%%", "reviewed": "y"})
    assert response.status_code == 302
    page = parse(new_client(app, "hnj").get("/login"))
    assert page.find("h1").text == "Nkag mus 100%"


# ---- The formatting wrappers themselves --------------------------------------------------------

def test_templates_and_python_fall_back_to_the_source_when_formatting_fails(
        app, db, monkeypatch, caplog):
    """Were a broken text to get past the check, formatting it falls back to the source,
    formatted with the values, and logs it once."""
    monkeypatch.setattr(placeholders, "safe", lambda source, text: True)
    user = one(db, "select id from users where username = 'quantri'")["id"]
    with db.atomic():
        for msgid, text in (("Log in", "Danh sách 100%"), (NAMED, "%(y)s %(name)s lưu"),
                            ("%(num)d string", "%(x)r chuỗi")):
            db["translation_reviews"].insert({
                "id": f"wrapped-{len(text)}", "language": "hnj", "msgid": msgid,
                "msgstr": text, "reviewed": 1, "created_at": "2026-01-01T00:00:00Z",
                "updated_at": "2026-01-01T00:00:00Z", "created_by": user,
                "updated_by": user})
    with caplog.at_level(logging.WARNING, logger="fieldapp.i18n"):
        page = parse(new_client(app, "hnj").get("/login"))
        assert page.find("h1").text == "Log in"
        new_client(app, "hnj").get("/login")
        with app.test_request_context():
            from flask import g
            from fieldapp.db import get_db
            g.locale = "hnj"
            g.translation_overrides = i18n.load_overrides(get_db(), "hnj")
            assert i18n.gettext(NAMED, name="<Páo>") == "<Páo> saved."
            assert i18n.ngettext("%(num)d string", "%(num)d strings", 3) == "3 strings"
            template = app.jinja_env.from_string(
                "{{ _('%(name)s saved.', name='<b>') }}|{{ ngettext('%(num)d string', "
                "'%(num)d strings', 1) }}")
            assert template.render() == "&lt;b&gt; saved.|1 string"
    logged = [r.getMessage() for r in caplog.records]
    assert len([m for m in logged if "'Danh sách 100%'" in m]) == 1
    assert any("'%(y)s %(name)s lưu'" in m for m in logged)


def test_a_list_label_with_a_percent_sign_renders(admin, db):
    """A label is a source string too, and no format string: shown as it is."""
    from fieldapp import lists
    lists.add_item(db, "topic", "ho_tro_30", "Hỗ trợ 30% mức đóng", user_id=None)
    response = admin.get("/admin/lists/topic")
    assert response.status_code == 200
    assert "Hỗ trợ 30% mức đóng" in parse(response).text
