"""Review sheets (issue 23, part 6): a language's drafts out as XLSX with their context, back in
as reviews through the store, a sheet out of shape refused whole with nothing changed, the CLI
commands, and coverage as the catalogs and the reviews give it."""

import io
import json
import re

import pytest
from babel.messages.pofile import read_po
from openpyxl import Workbook, load_workbook

from fieldapp.i18n import LANGUAGES, SOURCE, TRANSLATIONS_DIR
from fieldapp.translating import glossary, queries, sheet
from helpers import flash_elements, new_client, parse, snapshot, squash

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# ---- Helpers ---------------------------------------------------------------------------------

def download(client, code):
    response = client.get(f"/translations/{code}/review-sheet.xlsx")
    assert response.status_code == 200
    assert response.mimetype == XLSX
    assert f"fieldapp-{code}-review.xlsx" in response.headers["Content-Disposition"]
    return response.data


def book_of(data):
    return load_workbook(io.BytesIO(data))


def header(ws):
    return [c.value for c in ws[1]]


def column(ws, name):
    return header(ws).index(name) + 1


def row_of(ws, key, key_column=1):
    for row in range(2, ws.max_row + 1):
        if ws.cell(row, key_column).value == key:
            return row
    raise AssertionError(f"no row {key!r}")


def fill(data, versions, sheet_name="Strings", key_column=1):
    """The sheet with reviewer's versions written in: {key: text}."""
    book = book_of(data)
    ws = book[sheet_name]
    reviewer = column(ws, "Reviewer's version")
    for key, text in versions.items():
        ws.cell(row_of(ws, key, key_column), reviewer, text)
    return save(book)


def save(book):
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client, data, code="hnj", **extra):
    return client.post_form("/translations/import", {
        "language": code, "sheet": (io.BytesIO(data), f"{code}.xlsx"), **extra},
        content_type="multipart/form-data")


def errors(response):
    box = parse(response).find("ul", id="sheet-errors")
    assert box is not None, response.get_data(as_text=True)[:2000]
    return [squash(li.text) for li in box.find_all("li")]


@pytest.fixture
def admin(app):
    return new_client(app, locale="en", username="quantri")


@pytest.fixture
def hnj_sheet(admin):
    return download(admin, "hnj")


# ---- Export ----------------------------------------------------------------------------------

def test_the_sheet_holds_every_string_with_its_context(app, db, admin, hnj_sheet):
    book = book_of(hnj_sheet)
    assert book.sheetnames == ["About this sheet", "Strings", "Glossary", "Scripts"]
    about = book["About this sheet"]
    assert [c.value for c in about[1]][:2] == [sheet.MARKER, sheet.VERSION]
    assert [c.value for c in about[2]] == ["language", "hnj", "Hmoob"]
    strings = book["Strings"]
    assert header(strings) == ["English source", "Vietnamese", "Current text", "State",
                               "Where it appears", "Screenshot", "Glossary terms",
                               "Reviewer's version"]
    entries = queries.entries(db, TRANSLATIONS_DIR, "hnj")
    assert strings.max_row - 1 == len(entries)
    assert [strings.cell(r, 1).value for r in range(2, strings.max_row + 1)] == [
        e.msgid for e in entries]
    # Every reviewer's cell is empty, for the reviewer.
    reviewer = column(strings, "Reviewer's version")
    assert {strings.cell(r, reviewer).value for r in range(2, strings.max_row + 1)} == {None}

    with open(TRANSLATIONS_DIR / "messages.pot", "rb") as f:
        pot = read_po(f)
    with open(TRANSLATIONS_DIR / "hnj" / "LC_MESSAGES" / "messages.po", "rb") as f:
        po = read_po(f)
    row = row_of(strings, "Record a visit")
    cells = {name: strings.cell(row, column(strings, name)).value for name in header(strings)}
    assert cells["Current text"] == po.get("Record a visit").string
    assert cells["Vietnamese"]
    assert cells["State"] == "Draft"
    assert cells["Where it appears"].split("\n") == [
        f"{path}:{line}" for path, line in pot.get("Record a visit").locations]
    assert "visit = zaug mus xyuas" in cells["Glossary terms"].split("\n")
    # A string of the dashboard names the guide's screenshot of the dashboard.
    row = next(r for r in range(2, strings.max_row + 1) if "reports/dashboard.html" in (
        strings.cell(r, column(strings, "Where it appears")).value or ""))
    assert "help/vi-dashboard.png" in strings.cell(row, column(strings, "Screenshot")).value
    assert (TRANSLATIONS_DIR.parent / "fieldapp" / "static" / "help" / "vi-dashboard.png"
            ).is_file()

    terms = book["Glossary"]
    assert header(terms) == ["Term", "English", "Vietnamese", "Current text", "State", "Note",
                             "Reviewer's version"]
    assert terms.max_row - 1 == len(glossary.terms(TRANSLATIONS_DIR, "hnj"))
    scripts = book["Scripts"]
    assert header(scripts) == ["Script", "Part", "Target group", "Topic", "Vietnamese",
                               "Current text", "State", "Glossary terms", "Reviewer's version"]
    live = db.execute("select count(*) from scripts where deleted_at is null").fetchone()[0]
    assert {scripts.cell(r, 1).value for r in range(2, scripts.max_row + 1)} == {
        r[0] for r in db.execute("select id from scripts where deleted_at is null")}
    assert scripts.max_row - 1 >= 2 * live


def test_thai_cells_name_the_tai_viet_font(admin):
    book = book_of(download(admin, "blt"))
    for name in ("Strings", "Glossary"):
        ws = book[name]
        for title in ("Current text", "Reviewer's version"):
            cell = ws.cell(2, column(ws, title))
            assert cell.font.name == "Noto Sans Tai Viet", (name, title)
        # Context in other languages keeps the default font.
        assert book[name].cell(2, 1).font.name != "Noto Sans Tai Viet"
    strings = book["Strings"]
    assert strings.cell(row_of(strings, "Save"), column(strings, "Current text")).value == \
        "ꪹꪀꪸꪚ"
    mong = book_of(download(admin, "hnj"))["Strings"]
    assert mong.cell(2, column(mong, "Current text")).font.name != "Noto Sans Tai Viet"


def test_vietnamese_has_a_sheet_of_strings_only(admin):
    assert book_of(download(admin, "vi")).sheetnames == ["About this sheet", "Strings"]
    assert admin.get("/translations/en/review-sheet.xlsx").status_code == 404


def test_a_text_starting_with_equals_is_stored_as_text(app, db, admin):
    queries.save_review(db, "hnj", "Log out", "=HYPERLINK(\"http://evil.example\")", False,
                        user_id=None)
    ws = book_of(download(admin, "hnj"))["Strings"]
    cell = ws.cell(row_of(ws, "Log out"), column(ws, "Current text"))
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


# ---- Import ----------------------------------------------------------------------------------

def test_two_reviewer_versions_become_reviews_shown_at_once(app, db, admin, hnj_sheet):
    before = queries.coverage(db, TRANSLATIONS_DIR)["hnj"]
    filled = fill(hnj_sheet, {"Log out": "Tawm mus",
                              "%(name)s added to the household.":
                                  "Ntxiv %(name)s rau tsev neeg lawm."})
    response = upload(admin, filled)
    assert response.status_code == 302
    page = parse(admin.get(response.headers["Location"]))
    flashed = [squash(p.text) for p in flash_elements(page)]
    assert any("2 reviewed, 0 unchanged, 0 refused" in f for f in flashed), flashed

    rows = {r["msgid"]: r for r in db.query("select * from translation_reviews")}
    assert set(rows) == {"Log out", "%(name)s added to the household."}
    admin_id = db.execute("select id from users where username = 'quantri'").fetchone()[0]
    assert all(r["reviewed"] == 1 and r["language"] == "hnj" and r["created_by"] == admin_id
               for r in rows.values())
    # Reviews are ordinary synced rows: their changes wait in the sync log.
    assert db.execute("select count(*) from history where table_name = 'translation_reviews'"
                      ).fetchone()[0] == 2

    # Shown at once: the page in Mông, the strings list, the coverage.
    officer = new_client(app, locale="hnj", username="canbo")
    assert parse(officer.get("/")).find("form", class_="logout").find("button").text == \
        "Tawm mus"
    listing = parse(admin.get("/translations/hnj?state=reviewed&q=Log+out"))
    assert "Tawm mus" in squash(listing.find("table", class_="strings").text)
    after = queries.coverage(db, TRANSLATIONS_DIR)["hnj"]
    assert after["reviewed"] == before["reviewed"] + 2
    assert after["draft"] == before["draft"] - 2

    # The same sheet again changes nothing more: both are unchanged now.
    again = upload(admin, filled)
    assert again.status_code == 302
    page = parse(admin.get(again.headers["Location"]))
    flashed = [squash(p.text) for p in flash_elements(page)]
    assert any("0 reviewed, 2 unchanged" in f for f in flashed), flashed
    assert db.execute("select count(*) from translation_reviews").fetchone()[0] == 2


def new_script(db):
    """A script written in Vietnamese only, with a figure and a question."""
    from fieldapp.scripts import queries as scripts
    return scripts.create_script(
        db, target_group="pupils", topic="pupil_bhyt", title="BHYT học sinh",
        key_messages="Mức đóng: {household_bhyt_first_yearly} đồng/năm.",
        questions=[{"q": "Ai đóng?", "a": "Nhà trường thu."}], user_id=None)


@pytest.fixture
def script_id(db):
    return new_script(db)


def test_a_glossary_term_and_a_script_are_reviewed_from_the_sheet(app, db, admin, script_id):
    before = queries.coverage(db, TRANSLATIONS_DIR)["hnj"]
    filled = fill(download(admin, "hnj"), {"visit": "zaug mus xyuas"}, "Glossary")
    book = book_of(filled)
    ws = book["Scripts"]
    reviewer, part = column(ws, "Reviewer's version"), column(ws, "Part")
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, 1).value == script_id and ws.cell(r, part).value == "Title":
            ws.cell(r, reviewer, "BHXH yeem koom: nyiaj laus thaum laus")
        if ws.cell(r, 1).value == script_id and ws.cell(r, part).value == "Key messages":
            # The figures of the Vietnamese text are kept, as its placeholders.
            figures = re.findall(r"\{\w+\}", ws.cell(r, column(ws, "Vietnamese")).value)
            ws.cell(r, reviewer, "1. BHXH yeem koom: " + ", ".join(figures))
    response = upload(admin, save(book))
    assert response.status_code == 302, errors(response)

    review = one_review(db, glossary.review_key("visit"))
    assert (review["msgstr"], review["reviewed"]) == ("zaug mus xyuas", 1)
    terms = {t.term: t for t in glossary.with_reviews(glossary.terms(TRANSLATIONS_DIR, "hnj"),
                                                      queries.reviews(db, "hnj"))}
    assert terms["visit"].reviewed
    text = one_row(db, "select * from script_texts where script_id = ? and language = 'hnj'",
                   [script_id])
    assert text["title"] == "BHXH yeem koom: nyiaj laus thaum laus"
    assert json.loads(text["questions"]) == []
    # Only the parts given: the script has questions in Vietnamese, so it stays a draft.
    assert text["reviewed"] == 0
    page = admin.get(f"/scripts/{script_id}?lang=hnj").get_data(as_text=True)
    assert "BHXH yeem koom: nyiaj laus thaum laus" in page
    after = queries.coverage(db, TRANSLATIONS_DIR)["hnj"]
    assert after["glossary"]["reviewed"] == before["glossary"]["reviewed"] + 1
    assert after["scripts"]["translated"] == before["scripts"]["translated"] + 1
    assert after["scripts"]["reviewed"] == before["scripts"]["reviewed"]

    # Its questions too, the next time: every part given, the text is reviewed.
    ws = book_of(download(admin, "hnj"))["Scripts"]
    book = ws.parent
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, 1).value == script_id:
            text = {"Title": "BHXH yeem koom: nyiaj laus thaum laus",
                    "Common questions and answers": "Leej twg them?\nTsev kawm ntawv sau."}
            ws.cell(r, column(ws, "Reviewer's version"),
                    text.get(ws.cell(r, part).value, ws.cell(r, column(ws, "Current text")).value))
    assert upload(admin, save(book)).status_code == 302
    latest = list(db.query("select * from script_texts where script_id = ? and language = 'hnj'"
                           " order by revision", [script_id]))
    assert len(latest) == 2 and latest[-1]["reviewed"] == 1
    assert json.loads(latest[-1]["questions"]) == [{"q": "Leej twg them?",
                                                   "a": "Tsev kawm ntawv sau."}]
    assert queries.coverage(db, TRANSLATIONS_DIR)["hnj"]["scripts"]["reviewed"] == \
        before["scripts"]["reviewed"] + 1


def test_a_script_without_a_text_needs_its_title_and_key_messages(app, db, admin, script_id):
    book = book_of(download(admin, "hnj"))
    ws = book["Scripts"]
    title = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == script_id
                 and ws.cell(r, column(ws, "Part")).value == "Title")
    ws.cell(title, column(ws, "Reviewer's version"), "Npe xwb")  # a title alone
    response = upload(admin, save(book))
    assert response.status_code == 302
    page = parse(admin.get(response.headers["Location"]))
    flashed = " ".join(squash(p.text) for p in flash_elements(page))
    assert "0 reviewed, 0 unchanged, 1 refused" in flashed
    assert "title and its key messages together" in flashed
    assert db.execute("select count(*) from script_texts where script_id = ?"
                      " and language = 'hnj'", [script_id]).fetchone()[0] == 0


def one_review(db, msgid):
    return one_row(db, "select * from translation_reviews where msgid = ?", [msgid])


def one_row(db, sql, params):
    rows = list(db.query(sql, params))
    assert len(rows) == 1, rows
    return rows[0]


def test_a_row_changed_since_the_export_is_refused_alone(app, db, admin, hnj_sheet):
    filled = fill(hnj_sheet, {"Log out": "Tawm mus", "Search": "Nrhiav"})
    # Someone reviewed "Search" in the app after the sheet was exported.
    queries.save_review(db, "hnj", "Search", "Nrhiav saib", True, user_id=None)
    response = upload(admin, filled)
    assert response.status_code == 302
    page = parse(admin.get(response.headers["Location"]))
    flashed = [squash(p.text) for p in flash_elements(page)]
    assert any("1 reviewed, 0 unchanged, 1 refused" in f for f in flashed), flashed
    assert any("row" in f and "Search" in f and "Nrhiav saib" in f for f in flashed), flashed
    assert one_review(db, "Search")["msgstr"] == "Nrhiav saib"
    assert one_review(db, "Log out")["msgstr"] == "Tawm mus"


def test_a_version_typed_over_the_current_text_is_said(app, db, admin, hnj_sheet):
    book = book_of(hnj_sheet)
    ws = book["Strings"]
    ws.cell(row_of(ws, "Log out"), column(ws, "Current text"), "Tawm mus")
    response = upload(admin, save(book))
    page = parse(admin.get(response.headers["Location"]))
    flashed = " ".join(squash(p.text) for p in flash_elements(page))
    assert "1 refused" in flashed and "edited in the sheet" in flashed
    assert db.execute("select count(*) from translation_reviews").fetchone()[0] == 0


# ---- Refused whole ---------------------------------------------------------------------------

def renamed_column(data):
    book = book_of(data)
    ws = book["Strings"]
    ws.cell(1, column(ws, "Reviewer's version"), "My version")
    ws.cell(row_of(ws, "Log out"), 8, "Tawm mus")
    return save(book)


def unknown_msgid(data):
    book = book_of(fill(data, {"Log out": "Tawm mus"}))
    ws = book["Strings"]
    ws.cell(row_of(ws, "Search"), 1, "Search everything")
    return save(book)


def missing_sheet(data):
    book = book_of(fill(data, {"Log out": "Tawm mus"}))
    del book["Glossary"]
    return save(book)


def twice(data):
    book = book_of(fill(data, {"Log out": "Tawm mus"}))
    book["Strings"].append(["Log out", "", "Tawm", "", "", "", "", "Tawm dua"])
    return save(book)


def not_a_review_sheet(_data):
    book = Workbook()
    book.active.append(["name", "phone"])
    return save(book)


def script_without_its_figures(data):
    """A script's key messages translated without the policy figures of the Vietnamese."""
    book = book_of(data)
    ws = book["Scripts"]
    row = next(r for r in range(2, ws.max_row + 1)
               if "{" in (ws.cell(r, column(ws, "Vietnamese")).value or ""))
    ws.cell(row, column(ws, "Reviewer's version"), "Tsis muaj tus lej")
    return save(book)


REFUSALS = {
    "renamed column": (renamed_column, "the column “Reviewer's version” is missing"),
    "bad placeholder": (lambda d: fill(d, {"Log out": "Tawm mus", "%(name)s added to the"
                                           " household.": "Ntxiv %(npe)s lawm."}),
                        "does not keep the placeholders"),
    "stray percent": (lambda d: fill(d, {"Log out": "Tawm 100%"}),
                      "does not keep the placeholders"),
    "unknown msgid": (unknown_msgid, "“Search everything” is not a string of the app's"
                                     " catalog"),
    "missing sheet": (missing_sheet, "The sheet “Glossary” is missing"),
    "same string twice": (twice, "“Log out” is already on row"),
    "not a review sheet": (not_a_review_sheet, "not a review sheet exported by the app"),
    "not a workbook": (lambda d: b"name,phone\nA,1\n", "not a review sheet exported by the app"),
    "bad script placeholder": (script_without_its_figures, "does not keep the placeholders"),
}


@pytest.mark.parametrize("case", REFUSALS)
def test_a_sheet_out_of_shape_is_refused_whole_and_nothing_changes(app, db, admin, hnj_sheet,
                                                                    case):
    make, words = REFUSALS[case]
    before = snapshot(db)
    response = upload(admin, make(hnj_sheet))
    assert response.status_code == 422
    found = errors(response)
    assert found[0] == "Nothing was imported: the sheet was edited out of shape."
    assert any(words in e for e in found), found
    assert snapshot(db) == before


def test_another_languages_sheet_is_refused(app, db, admin):
    thai = fill(download(admin, "blt"), {"Log out": "ꪮꪮꪀ"})
    before = snapshot(db)
    response = upload(admin, thai, code="hnj")
    assert response.status_code == 422
    assert any("review sheet of ꪼꪕꪒꪾ, not of Hmoob" in e for e in errors(response))
    assert snapshot(db) == before
    # For its own language it goes in.
    assert upload(admin, thai, code="blt").status_code == 302
    assert one_review(db, "Log out")["language"] == "blt"


def test_the_refusal_is_in_the_users_language(app, db, hnj_sheet):
    translator = new_client(app, locale="vi", username="quantri")
    response = upload(translator, renamed_column(hnj_sheet))
    assert response.status_code == 422
    page = parse(response)
    assert page.find("html").get("lang") == "vi"
    # The column is named as the Vietnamese user reads it (its source until the catalogs have
    # it), the words around it through the catalogs too.
    assert errors(response)[0] == squash(
        app.extensions["fieldapp_catalogs"].gettext(
            "vi", "Nothing was imported: the sheet was edited out of shape."))


def test_headers_in_another_language_are_recognised(app, db, hnj_sheet):
    # Exported with English headers, imported by a user of the Vietnamese interface.
    translator = new_client(app, locale="vi", username="quantri")
    response = upload(translator, fill(hnj_sheet, {"Log out": "Tawm mus"}))
    assert response.status_code == 302
    assert one_review(db, "Log out")["msgstr"] == "Tawm mus"


def test_an_upload_past_the_limit_is_refused_with_a_message(app, db, admin):
    before = snapshot(db)
    # Past what the request may carry: answered before the body is read.
    response = upload(admin, b"PK" + b"\0" * (sheet.MAX_BYTES + 100_000))
    assert response.status_code == 413
    assert any("too large" in e for e in errors(response))
    # Bounded before the CSRF check reads the form: without a token, the same answer.
    response = admin.client.post("/translations/import", data={
        "language": "hnj", "sheet": (io.BytesIO(b"\0" * (sheet.MAX_BYTES + 100_000)), "a.xlsx")},
        content_type="multipart/form-data")
    assert response.status_code == 413
    # Within it, but past the sheet's own limit: refused as a sheet.
    response = upload(admin, b"PK" + b"\0" * (sheet.MAX_BYTES + 100))
    assert response.status_code == 422
    assert any("too large" in e for e in errors(response))
    assert snapshot(db) == before


def test_the_upload_form_needs_its_csrf_token(app, db, admin, hnj_sheet):
    before = snapshot(db)
    response = admin.client.post("/translations/import", data={
        "language": "hnj", "sheet": (io.BytesIO(fill(hnj_sheet, {"Log out": "x"})), "a.xlsx")},
        content_type="multipart/form-data")
    assert response.status_code == 400
    assert snapshot(db) == before
    form = parse(admin.get("/translations/")).find("form", enctype="multipart/form-data")
    assert form.find("input", name="csrf_token") is not None
    assert form.find("input", type="file", name="sheet") is not None


def test_only_translators_and_administrators(app, db, hnj_sheet):
    officer = new_client(app, username="canbo")
    assert officer.get("/translations/hnj/review-sheet.xlsx").status_code == 403
    assert upload(officer, fill(hnj_sheet, {"Log out": "x"})).status_code == 403
    assert db.execute("select count(*) from translation_reviews").fetchone()[0] == 0
    db.execute("update users set translator = 1 where username = 'canbo'")
    translator = new_client(app, username="canbo")
    assert upload(translator, fill(hnj_sheet, {"Log out": "Tawm mus"})).status_code == 302
    assert one_review(db, "Log out")["msgstr"] == "Tawm mus"


def test_a_form_sent_twice_imports_once(app, db, admin, hnj_sheet):
    filled = fill(hnj_sheet, {"Log out": "Tawm mus"})
    first = upload(admin, filled, form_key="same-key-1")
    second = upload(admin, filled, form_key="same-key-1")
    assert first.status_code == second.status_code == 302
    assert second.headers["Location"] == first.headers["Location"]
    assert db.execute("select count(*) from history where table_name = 'translation_reviews'"
                      ).fetchone()[0] == 1


# ---- Command line ----------------------------------------------------------------------------

def test_export_and_import_from_the_command_line(app, db, runner, tmp_path):
    target = tmp_path / "hnj.xlsx"
    result = runner.invoke(args=["translations-export", "--lang", "hnj", "--to", str(target)])
    assert result.exit_code == 0, result.output
    book = load_workbook(target)
    # Headers in Vietnamese by default: each is the catalog's Vietnamese, or its source.
    catalogs = app.extensions["fieldapp_catalogs"]
    assert header(book.worksheets[1])[0] == catalogs.gettext("vi", "English source")
    ws = book.worksheets[1]
    ws.cell(row_of(ws, "Log out"), 8, "Tawm mus")
    book.save(target)

    # The summary in the reviewer's language (English here).
    db.execute("update users set locale = 'en' where username = 'quantri'")
    result = runner.invoke(args=["translations-import", str(target), "--user", "quantri"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith(
        "Review sheet imported: 1 reviewed, 0 unchanged, 0 refused;")
    review = one_review(db, "Log out")
    assert (review["msgstr"], review["reviewed"]) == ("Tawm mus", 1)

    # Refused: another language asked for, an unknown user, an officer.
    result = runner.invoke(args=["translations-import", str(target), "--user", "quantri",
                                 "--lang", "blt"])
    assert result.exit_code == 1 and "Hmoob" in result.output
    result = runner.invoke(args=["translations-import", str(target), "--user", "nobody"])
    assert result.exit_code == 1 and "no active user" in result.output
    result = runner.invoke(args=["translations-import", str(target), "--user", "canbo"])
    assert result.exit_code == 1 and "may not review" in result.output


def test_the_command_line_refuses_a_sheet_out_of_shape(app, db, runner, tmp_path, hnj_sheet):
    target = tmp_path / "bad.xlsx"
    target.write_bytes(renamed_column(hnj_sheet))
    db.execute("update users set locale = 'en' where username = 'quantri'")
    before = snapshot(db)
    result = runner.invoke(args=["translations-import", str(target), "--user", "quantri"])
    assert result.exit_code == 1
    assert "Nothing was imported" in result.output
    assert "the column “Reviewer's version” is missing" in result.output
    assert snapshot(db) == before


# ---- Coverage --------------------------------------------------------------------------------

def from_catalogs(db, code, reviews):
    """total, translated, reviewed, draft, missing of a language, counted from the .po files
    and the in-app reviews ({msgid: reviewed?}); labels an administrator added to a list are
    strings to translate too, missing from every catalog."""
    with open(TRANSLATIONS_DIR / "messages.pot", "rb") as f:
        pot = [m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id]
    pot += sorted({r[0] for r in db.execute("select label from list_items"
                                            " where deleted_at is null")} - set(pot))
    with open(TRANSLATIONS_DIR / code / "LC_MESSAGES" / "messages.po", "rb") as f:
        po = {(m.id if isinstance(m.id, str) else m.id[0]): m for m in read_po(f) if m.id}
    counts = {"total": len(pot), "reviewed": 0, "draft": 0, "missing": 0}
    for msgid in pot:
        message = po.get(msgid)
        text = message and (message.string if isinstance(message.string, str)
                            else message.string[0])
        if msgid in reviews:
            counts["reviewed" if reviews[msgid] else "draft"] += 1
        elif text:
            counts["draft" if message.fuzzy else "reviewed"] += 1
        else:
            counts["missing"] += 1
    counts["translated"] = counts["reviewed"] + counts["draft"]
    return counts


def test_coverage_is_what_the_catalogs_and_reviews_give(app, db, admin, runner, hnj_sheet):
    upload(admin, fill(hnj_sheet, {"Log out": "Tawm mus", "Search": "Nrhiav"}))
    queries.save_review(db, "hnj", "Save", "Khaws", False, user_id=None)  # a draft in the app
    coverage = queries.coverage(db, TRANSLATIONS_DIR)
    assert set(coverage) == {code for code in LANGUAGES if code != SOURCE}
    for code in coverage:
        reviews = {"Log out": True, "Search": True, "Save": False} if code == "hnj" else {}
        expected = from_catalogs(db, code, reviews)
        assert {k: coverage[code][k] for k in expected} == expected, code
    assert coverage["hnj"]["reviewed"] == 2

    # The same figures on the translations page and from the command line.
    page = parse(admin.get("/translations/"))
    rows = {r.find("a").get("href").rsplit("/", 1)[1]: [squash(c.text) for c in r.find_all("td")]
            for r in page.find("table").find("tbody").find_all("tr")}
    assert rows["hnj"][1:6] == [str(coverage["hnj"][k]) for k in
                                ("total", "translated", "reviewed", "draft", "missing")]
    more = page.find("table", class_="coverage-more")
    cells = [squash(c.text) for c in more.find("tr", **{"data-language": "hnj"}).find_all("td")]
    assert cells[1:] == [str(coverage["hnj"]["glossary"]["total"]),
                         str(coverage["hnj"]["glossary"]["reviewed"]),
                         str(coverage["hnj"]["scripts"]["total"]),
                         str(coverage["hnj"]["scripts"]["translated"]),
                         str(coverage["hnj"]["scripts"]["reviewed"])]
    result = runner.invoke(args=["translations-coverage"])
    assert result.exit_code == 0
    lines = [line.split() for line in result.output.splitlines() if line.startswith("hnj")]
    assert lines[0][-5:] == [str(coverage["hnj"][k]) for k in
                             ("total", "translated", "reviewed", "draft", "missing")]
    assert lines[1][-5:] == cells[1:]
