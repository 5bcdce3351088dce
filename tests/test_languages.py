"""Mông, Thái and Dao: the registry, catalogs, fallback, in-app review and .po export."""

import io
import shutil
import subprocess

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from fieldapp.i18n import LANGUAGES, TRANSLATIONS_DIR, Catalogs
from fieldapp.translating import queries as translating
from helpers import new_client, parse, squash

MINORITY = ("hnj", "blt", "ium")


def catalog_path(code):
    return TRANSLATIONS_DIR / code / "LC_MESSAGES" / "messages.po"


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_every_language_has_a_catalog_that_passes_babel_and_msgfmt(code):
    with open(catalog_path(code), "rb") as f:
        catalog = read_po(f)
    problems = [(m.id, errors) for m, errors in catalog.check()]
    assert problems == []
    write_mo(io.BytesIO(), catalog, use_fuzzy=True)
    if shutil.which("msgfmt") is None:
        pytest.fail("GNU msgfmt is missing: `make test` installs gettext")
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(catalog_path(code))],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("code", MINORITY)
def test_minority_catalogs_hold_marked_drafts_of_the_most_seen_strings(code):
    with open(catalog_path(code), "rb") as f:
        catalog = read_po(f)
    drafted = [m for m in catalog if m.id and m.string and (
        m.string if isinstance(m.string, str) else all(m.string))]
    assert len(drafted) >= 150
    # Nobody on the team speaks these languages: every catalog string is a draft.
    assert all(m.fuzzy for m in drafted)


def test_registry_keeps_catalog_and_format_locale_apart():
    assert LANGUAGES["blt"].script == "Tavt" and LANGUAGES["blt"].font == "Noto Sans Tai Viet"
    assert LANGUAGES["blt"].autonym == "ꪼꪕꪒꪾ" and LANGUAGES["blt"].autonym_latin
    assert LANGUAGES["hnj"].script == "Latn"  # Babel's hnj is Nyiakeng Puachue: not used
    for code in MINORITY:
        assert LANGUAGES[code].format_locale == "vi"
        assert LANGUAGES[code].fallback == "vi"


@pytest.mark.parametrize("code", MINORITY)
def test_pages_render_with_switcher_autonyms_and_the_draft_notice(app, code):
    client = new_client(app, locale=code, username="quantri")
    page = parse(client.get("/admin/offices"))  # uses the number filter: Babel formats as vi
    assert page.find("html").get("lang") == code
    switcher = page.find("form", id="language-choice")
    labels = " ".join(switcher.text.split())
    for language in LANGUAGES.values():
        assert language.autonym in labels
    assert page.find("p", class_="draft-notice") is not None


def test_a_string_missing_in_a_draft_language_falls_back_to_vietnamese(app, monkeypatch):
    catalogs = app.extensions["fieldapp_catalogs"]
    msgid = "Keep the placeholders exactly as in the source: %(names)s."
    # Every string has a draft today: the Dao catalog without these, as a string added after
    # the drafts were made would be missing.
    missing = {msgid, ("%(num)d string", 0), ("%(num)d string", 1)}
    dao = {k: v for k, v in catalogs.by_code["ium"]._catalog.items() if k not in missing}
    monkeypatch.setattr(catalogs.by_code["ium"], "_catalog", dao)
    assert not dao.get(msgid)
    assert catalogs.gettext("ium", msgid) == catalogs.gettext("vi", msgid) != msgid
    plural = catalogs.ngettext("ium", "%(num)d string", "%(num)d strings", 3)
    assert plural == catalogs.ngettext("vi", "%(num)d string", "%(num)d strings", 3)


def test_fallback_never_shows_blank_or_source_for_a_page(app):
    client = new_client(app, locale="ium", username="canbo")
    page = client.get("/").get_data(as_text=True)
    # The heading is a Dao draft or, failing that, the Vietnamese text: never the English source.
    assert "Communes and villages" not in page


def test_in_app_review_overrides_the_catalog_at_once(app, db):
    db.execute("update users set translator = 1 where username = 'canbo'")
    translator = new_client(app, locale="hnj", username="canbo")
    response = translator.post_form("/translations/hnj/string", {
        "msgid": "Log out", "msgstr": "Tawm mus (kuaj lawm)", "reviewed": "y"})
    assert response.status_code == 302
    page = parse(translator.get("/"))
    assert page.find("form", class_="logout").find("button").text == "Tawm mus (kuaj lawm)"
    row = next(db["translation_reviews"].rows)
    assert (row["language"], row["msgid"], row["reviewed"]) == ("hnj", "Log out", 1)
    # An ordinary synced row: the store stamped it and recorded who changed it.
    assert row["created_by"] == db.execute("select id from users where username = 'canbo'"
                                           ).fetchone()[0]
    entry = next(e for e in translating.entries(db, TRANSLATIONS_DIR, "hnj")
                 if e.msgid == "Log out")
    assert entry.state == "reviewed"


def test_data_labels_are_translated_through_the_same_mechanism(app, db):
    from fieldapp.translating.queries import save_review
    save_review(db, "hnj", "The VssID app", "Daim app VssID", True, user_id=None)
    officer = new_client(app, locale="hnj", username="canbo")
    page = officer.get("/scripts/").get_data(as_text=True)
    assert "Daim app VssID" in page


def test_a_translation_must_keep_the_placeholders(app, db):
    admin = new_client(app, locale="vi", username="quantri")
    response = admin.post_form("/translations/hnj/string", {
        "msgid": "%(name)s saved.", "msgstr": "Khaws lawm", "reviewed": "y"})
    assert response.status_code == 200
    assert "%(name)s" in " ".join(parse(response).find("ul", id="msgstr-errors").text.split())
    assert db["translation_reviews"].count == 0


def test_only_translators_and_admins_review(app, db):
    officer = new_client(app, username="canbo")
    assert officer.get("/translations/").status_code == 403
    assert officer.post_form("/translations/hnj/string", {
        "msgid": "Log out", "msgstr": "x"}).status_code == 403
    assert db["translation_reviews"].count == 0


def test_po_export_round_trips_through_babel(app, db, tmp_path):
    from fieldapp.translating.queries import save_review
    save_review(db, "blt", "Log out", "ꪁꪮꪀꪠꪱ", True, user_id=None)
    save_review(db, "blt", "Search", "ꪶꪋꪀ", False, user_id=None)
    admin = new_client(app, username="quantri")
    response = admin.get("/translations/blt/export.po")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    exported = read_po(io.BytesIO(response.data))
    assert exported.get("Log out").string == "ꪁꪮꪀꪠꪱ"
    assert not exported.get("Log out").fuzzy
    assert exported.get("Search").fuzzy  # saved without the reviewed tick: still a draft
    # Back into a translations folder, compiled by Babel, it gives the reviewed text.
    folder = tmp_path / "translations"
    shutil.copytree(TRANSLATIONS_DIR, folder)
    (folder / "blt" / "LC_MESSAGES" / "messages.po").write_bytes(response.data)
    (folder / "blt" / "LC_MESSAGES" / "messages.mo").unlink(missing_ok=True)
    catalogs = Catalogs(folder)
    assert catalogs.gettext("blt", "Log out") == "ꪁꪮꪀꪠꪱ"
    assert "Search" in catalogs.drafts["blt"]
    buf = io.BytesIO()
    write_mo(buf, exported, use_fuzzy=False)
    buf.seek(0)
    assert Translations(buf).gettext("Log out") == "ꪁꪮꪀꪠꪱ"
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", "-"], input=response.data,
                            capture_output=True)
    assert result.returncode == 0, result.stderr


def test_coverage_page_and_command_agree(app, db, runner):
    admin = new_client(app, username="quantri")
    page = parse(admin.get("/translations/"))
    rows = {r.find("a").get("href").rsplit("/", 1)[1]: [c.text.strip() for c in r.find_all("td")]
            for r in page.find("tbody").find_all("tr")}
    assert set(rows) == {"vi", "hnj", "blt", "ium"}
    coverage = translating.coverage(db, TRANSLATIONS_DIR)
    for code, cells in rows.items():
        assert cells[1:6] == [str(coverage[code][k]) for k in
                              ("total", "translated", "reviewed", "draft", "missing")]
    result = runner.invoke(args=["translations-coverage"])
    assert result.exit_code == 0
    line = next(row for row in result.output.splitlines() if row.startswith("hnj"))
    assert line.split()[-5:] == [str(coverage["hnj"][k]) for k in
                                 ("total", "translated", "reviewed", "draft", "missing")]
    assert coverage["vi"]["missing"] == 0


@pytest.mark.parametrize("code", MINORITY)
def test_every_string_has_a_draft_and_one_form_for_every_count(app, code):
    """A new string cannot land half in Vietnamese: each has its draft here. None of the three
    languages inflects for number (domain.md): one form, nplurals=1."""
    with open(catalog_path(code), "rb") as f:
        catalog = read_po(f)
    undrafted = [m.id for m in catalog if m.id and not (
        m.string if isinstance(m.string, str) else m.string[0])]
    assert undrafted == []
    plurals = [m for m in catalog if m.id and isinstance(m.id, (list, tuple))]
    assert plurals
    if code != "ium":
        # Babel knows no ium locale, so writes no plural header and reads two forms back; the
        # app counts one form for it all the same (fieldapp.i18n.ONE_FORM).
        assert catalog.num_plurals == 1 and all(len(m.string) == 1 for m in plurals)
    catalogs = app.extensions["fieldapp_catalogs"]
    singular, plural = plurals[0].id
    assert catalogs.ngettext(code, singular, plural, 1) == \
        catalogs.ngettext(code, singular, plural, 5) == plurals[0].string[0]


def test_a_string_shown_in_its_fallback_language_is_marked_with_that_language(app, monkeypatch):
    """A screen reader reads a Vietnamese fallback with the Vietnamese voice (issue 24)."""
    catalogs = app.extensions["fieldapp_catalogs"]
    missing = {"Communes and villages", "Log out", "%(count)d village", "Skip to the page content"}
    hmong = {k: v for k, v in catalogs.by_code["hnj"]._catalog.items()
             if (k[0] if isinstance(k, tuple) else k) not in missing}
    monkeypatch.setattr(catalogs.by_code["hnj"], "_catalog", hmong)
    page = parse(new_client(app, locale="hnj", username="canbo").get("/"))
    vietnamese = catalogs.gettext("vi", "Communes and villages")
    heading = page.find("h2")
    assert squash(heading.text) == vietnamese
    assert [e.get("lang") for e in heading.iter() if squash(e.text) == vietnamese][-1] == "vi"
    logout = page.find("form", class_="logout").find("button")
    assert logout.find("span").get("lang") == "vi"
    assert logout.find("span").get("class") == "fallback"
    assert squash(logout.text) == catalogs.gettext("vi", "Log out")
    # Text that cannot hold markup stays as it is; the page's own strings are not marked.
    assert page.find("html").get("lang") == "hnj"
    assert not [e for e in page.find("title").iter() if e.tag == "span"]
    marked = {squash(e.text) for e in page.iter() if e.get("lang") == "vi"}
    assert marked <= {vietnamese, LANGUAGES["vi"].autonym, catalogs.gettext("vi", "Log out"),
                      catalogs.gettext("vi", "Skip to the page content")}
