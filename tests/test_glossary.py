"""The glossary of the field's terms (translations/glossary/*.csv): its shape, Thái drafts in Tai
Viet letters, every catalog draft using its terms, and reviewers seeing it."""

import shutil
import subprocess
import sys

import pytest

from fieldapp.i18n import TRANSLATIONS_DIR
from fieldapp.translating import glossary
from helpers import ROOT, new_client, parse, squash

# The field's terms every glossary has (issue 23).
REQUIRED = ("BHXH", "BHYT", "VssID", "household", "visit", "card", "contribution", "worklist",
            "sync", "session", "officer", "supervisor", "password", "laptop", "central server",
            "commune", "village", "enrolment code", "outcome", "remove", "undo")


def text(code):
    return glossary.path(TRANSLATIONS_DIR, code).read_text(encoding="utf-8")


@pytest.mark.parametrize("code", glossary.LANGUAGES)
def test_each_glossary_has_the_columns_and_the_field_terms(code):
    assert glossary.shape_problems(text(code), code) == []
    rows, header = glossary.read(text(code))
    assert header == ("term", "vi", "en", "draft", "note", "reviewed")
    assert len(rows) >= 40
    assert {r["en"] for r in rows} >= set(REQUIRED)
    # Drafts until a speaker reviews them.
    assert {r["reviewed"] for r in rows} == {"no"}


def test_the_three_glossaries_hold_the_same_terms():
    terms = {code: [(r["term"], r["vi"], r["en"]) for r in glossary.read(text(code))[0]]
             for code in glossary.LANGUAGES}
    assert terms["hnj"] == terms["blt"] == terms["ium"]


def test_every_thai_draft_is_in_tai_viet_letters():
    rows, _ = glossary.read(text("blt"))
    latin = [(r["term"], r["draft"]) for r in rows if not glossary.is_tai_viet(r["draft"])]
    assert latin == []
    # Proper names stay as they are; anything else in Latin letters is refused.
    assert glossary.is_tai_viet("BHXH") and glossary.is_tai_viet("ꪶꪎ BHXH")
    assert not glossary.is_tai_viet("đồng bộ") and not glossary.is_tai_viet("ꪻꪚ máy tính")
    # The official names kept as printed, as the catalogs keep them; not a part of one.
    assert glossary.is_tai_viet("mã số BHXH") and glossary.is_tai_viet("Mã số BHXH")
    assert glossary.is_tai_viet("ꪹꪮꪱ mã số BHXH") and glossary.is_tai_viet("VNeID")
    assert not glossary.is_tai_viet("mã số") and not glossary.is_tai_viet("ꪶꪎ số BHXH")
    assert not glossary.shape_problems(text("blt"), "blt")
    broken = text("blt").replace(",ꪎꪷꪉ ꪀꪾꪚ ꪻꪒ ꪭꪾꪚ,", ",đồng bộ,")
    assert any("Tai Viet" in p for p in glossary.shape_problems(broken, "blt"))


def test_no_draft_keeps_a_vietnamese_word_the_drafting_notes_found():
    # domain.md: "cán bộ", "thẻ", "mật khẩu", "xã" were found in drafts.
    for code in glossary.LANGUAGES:
        for row in glossary.read(text(code))[0]:
            for word in ("cán bộ", "thẻ", "mật khẩu", "xã", "đồng bộ", "máy"):
                assert not glossary.holds(row["draft"], word), (code, row["term"])


def test_shape_problems_are_named():
    good = text("hnj")
    assert glossary.shape_problems(good.replace("term,vi,en", "key,vi,en", 1))
    twice = good + good.splitlines()[1] + "\n"
    assert any("twice" in p for p in glossary.shape_problems(twice))
    assert any("reviewed" in p for p in glossary.shape_problems(
        good.replace(",no\n", ",maybe\n", 1)))


def test_terms_match_whole_english_words_and_plurals_not_placeholders():
    terms = glossary.terms(TRANSLATIONS_DIR, "hnj")
    by_term = {t.term: t for t in terms}
    assert glossary.in_english(by_term["household"], "Households", terms)
    assert not glossary.in_english(by_term["reason"], "Refused: %(reason)s", terms)
    # Inside a longer term, the shorter one is that term's business.
    assert not glossary.in_english(by_term["household"], "Head of household", terms)
    assert not glossary.in_english(by_term["target"], "Target group", terms)
    assert glossary.holds("Tshem lub zos no tawm", "zos")
    assert not glossary.holds("zoos", "zos")
    # A Tai Viet syllable is never cut after its consonant.
    assert not glossary.holds("ꪖꪾ", "ꪖ")


def report(found):
    return "\n".join(f"{m.language} {m.term} = {m.draft!r}: {m.msgid!r} -> {m.msgstr!r}"
                     for m in found)


@pytest.mark.parametrize("code", glossary.LANGUAGES)
def test_every_catalog_draft_uses_the_glossary_terms(code):
    # Every entry whose English holds a term holds the term's draft: fix the draft, or the
    # glossary row with a note saying why in its note column; never leave a mismatch.
    found = glossary.mismatches(TRANSLATIONS_DIR, code)
    assert found == [], (f"{code}: {len(found)} catalog entries do not use their glossary"
                         f" term:\n{report(found)}")


def test_the_check_fails_when_one_draft_stops_using_its_term(tmp_path):
    # The catalogs as they are, but for one Mông draft back to zaum "to sit" for zaug "time".
    folder = tmp_path / "translations"
    (folder / "hnj" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copytree(TRANSLATIONS_DIR / "glossary", folder / "glossary")
    po = TRANSLATIONS_DIR / "hnj" / "LC_MESSAGES" / "messages.po"
    source = po.read_text(encoding="utf-8")
    assert 'msgstr "Sau zaug mus xyuas"' in source
    (folder / "hnj" / "LC_MESSAGES" / "messages.po").write_text(
        source.replace('msgstr "Sau zaug mus xyuas"', 'msgstr "Sau zaum mus xyuas"'),
        encoding="utf-8")
    found = glossary.mismatches(folder, "hnj")
    assert [(m.term, m.msgid) for m in found] == [("visit", "Record a visit")], report(found)
    assert glossary.main(["--check", "--lang", "hnj", "--directory", str(folder)]) == 1


def test_the_check_command_lists_the_mismatches():
    result = subprocess.run([sys.executable, "-m", "fieldapp.translating.glossary", "--check",
                             "--lang", "hnj"], capture_output=True, text=True, cwd=ROOT)
    mismatches = glossary.mismatches(TRANSLATIONS_DIR, "hnj")
    assert result.returncode == (1 if mismatches else 0), result.stderr
    assert f"hnj: {len(mismatches)} catalog entries do not use their glossary term" \
        in result.stdout
    for m in mismatches[:5]:
        assert repr(m.msgid) in result.stdout


def test_the_check_passes_a_catalog_that_uses_every_term(tmp_path):
    folder = tmp_path / "translations"
    (folder / "glossary").mkdir(parents=True)
    (folder / "hnj" / "LC_MESSAGES").mkdir(parents=True)
    (folder / "glossary" / "hnj.csv").write_text(
        "term,vi,en,draft,note,reviewed\nvillage,thôn bản,village,zos,,no\n", encoding="utf-8")
    po = folder / "hnj" / "LC_MESSAGES" / "messages.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
                  'msgid "Villages"\nmsgstr "Cov zos"\n\n'
                  'msgid "Add a village"\nmsgstr "Ntxiv ib lub zog"\n', encoding="utf-8")
    found = glossary.mismatches(folder, "hnj")
    assert [(m.term, m.msgid) for m in found] == [("village", "Add a village")]
    assert glossary.main(["--check", "--lang", "hnj", "--directory", str(folder)]) == 1
    po.write_text(po.read_text(encoding="utf-8").replace("zog", "zos"), encoding="utf-8")
    assert glossary.main(["--check", "--lang", "hnj", "--directory", str(folder)]) == 0


def test_the_review_page_shows_the_glossary_terms_of_the_string(app, db):
    admin = new_client(app, username="quantri")
    page = parse(admin.get("/translations/hnj/string?msgid=Record+a+visit"))
    table = page.find("table", class_="glossary")
    assert table is not None
    rows = {squash(r.find("th").text): [squash(c.text)
                                                     for c in r.find_all("td")]
            for r in table.find("tbody").find_all("tr")}
    visit = next(cells for head, cells in rows.items() if "visit" in head)
    assert "zaug mus xyuas" in visit
    assert any("zaum" in cell for cell in visit)  # the note
    assert table.find("td", lang="hnj") is not None
    # Thái terms are marked as Thái, for the Tai Viet font.
    page = parse(admin.get("/translations/blt/string?msgid=Record+a+visit"))
    assert page.find("table", class_="glossary").find("td", lang="blt").text == "ꪖꪾ ꪹꪭꪙ"


def test_a_string_without_a_term_shows_no_glossary(app, db):
    admin = new_client(app, username="quantri")
    page = parse(admin.get("/translations/hnj/string?msgid=Name"))
    assert page.find("table", class_="glossary") is None


def test_a_reviewed_term_overrides_the_csv_in_the_app(app, db):
    from fieldapp.translating import queries
    queries.save_review(db, "hnj", glossary.review_key("visit"), "zaug mus saib", True,
                        user_id=None)
    admin = new_client(app, username="quantri")
    page = parse(admin.get("/translations/hnj/string?msgid=Record+a+visit"))
    cells = [squash(c.text) for c in page.find("table", class_="glossary")
             .find_all("td")]
    assert "zaug mus saib" in cells
    # The glossary with its reviews, as a CSV for translations/glossary/.
    response = admin.get("/translations/hnj/glossary.csv")
    assert response.status_code == 200
    rows, header = glossary.read(response.get_data(as_text=True))
    assert header == glossary.COLUMNS
    assert next(r for r in rows if r["term"] == "visit")["draft"] == "zaug mus saib"
    assert next(r for r in rows if r["term"] == "visit")["reviewed"] == "yes"
    assert admin.get("/translations/vi/glossary.csv").status_code == 404
