"""Scripts for every target group and topic (issue 23, part 4): seeded in five languages, the
minority ones drafts, Thái in Tai Viet letters, figures only as placeholders; filtered on the
scripts page; offered on the visit form from the household's situations and on the session form
from its target group."""

import json
import re
from datetime import date, timedelta

import pytest

from fieldapp import clock, policy_figures, rules
from fieldapp.db import connect
from fieldapp.migrations import migrations
from fieldapp.migrations import step_0018_scripts_for_every_group as step
from fieldapp.scripts import queries as scripts
from fieldapp.scripts import suggestions
from helpers import new_client, parse
from registry import household, person, user_id, village_id

LANGUAGES = ("vi", "en", "hnj", "blt", "ium")
DRAFTS = ("hnj", "blt", "ium")
GROUPS = ("authorities", "employers", "voluntary", "pupils", "health_facilities",
          "collaborators")
# Step 0005's samples: the households' group, three topics.
SAMPLES = {("voluntary", "voluntary_bhxh"), ("voluntary", "household_bhyt"),
           ("voluntary", "vssid")}
PAIRS = {(group, topic) for group, topic, _texts in step._SCRIPTS_V18} | SAMPLES
PLACEHOLDER = re.compile(r"\{(\w+)\}")
# Names that stay as they are in every language (../shared/domain.md).
NAMES = re.compile(r"BHXH|BHYT|BHTN|VssID|CCCD|OTP")
TAI_VIET = re.compile("[\uaa80-\uaadf]")


def seeded_script(db, group, topic):
    rows = list(db.query("select * from scripts where target_group = ? and topic = ?"
                         " and sample = 1 and deleted_at is null", [group, topic]))
    assert len(rows) == 1, (group, topic)
    return rows[0]


def latest_texts(db, script_id):
    return {row["language"]: row for row in db.query("""
        select * from script_texts t where script_id = ? and deleted_at is null
           and revision = (select max(revision) from script_texts u where u.script_id =
                           t.script_id and u.language = t.language)""", [script_id])}


def strings(text):
    """Every piece of a script text a reader sees: title, key messages, questions, answers."""
    yield text["title"]
    yield text["key_messages"]
    for pair in json.loads(text["questions"]):
        yield pair["q"]
        yield pair["a"]


# ---- What is seeded -------------------------------------------------------------------------

def test_every_group_and_topic_has_a_script_or_a_reason(db):
    topics = {row["code"] for row in db.query(
        "select code from list_items where list = 'topic' and deleted_at is null")} - {"other"}
    groups = {row["code"] for row in db.query(
        "select code from list_items where list = 'target_group' and deleted_at is null")}
    assert groups == set(GROUPS)
    # The topics the target groups needed are list items now.
    assert {"mandatory_bhxh", "bhyt_care"} <= topics
    assert {"voluntary_bhxh", "household_bhyt", "pupil_bhyt", "vssid", "pensions",
            "unemployment"} <= topics
    # Every pair is either scripted or left out with a reason, never both, never neither.
    left_out = set(step.LEFT_OUT_V18)
    assert PAIRS.isdisjoint(left_out)
    assert PAIRS | left_out == {(g, t) for g in groups for t in topics}
    assert all(reason.strip() for reason in step.LEFT_OUT_V18.values())
    assert len(PAIRS) >= 20 and len(step._SCRIPTS_V18) >= 20
    # Every group and every topic has scripts of its own.
    assert {g for g, _t in PAIRS} == groups and {t for _g, t in PAIRS} == topics


@pytest.mark.parametrize("group, topic", sorted(PAIRS))
def test_each_pair_is_written_in_five_languages_the_minority_ones_drafts(db, group, topic):
    script = seeded_script(db, group, topic)
    texts = latest_texts(db, script["id"])
    assert set(texts) == set(LANGUAGES)
    for language, text in texts.items():
        assert text["reviewed"] == (0 if language in DRAFTS or (group, topic) in SAMPLES and
                                    language == "vi" else 1), language
        assert text["title"].strip() and text["key_messages"].strip()
        assert rules.problems("script_texts", text) == []
    # Each language says as much as the Vietnamese: the same points and questions.
    points = {language: [p for p in text["key_messages"].split("\n") if p[:1].isdigit()]
              for language, text in texts.items()}
    questions = {language: len(json.loads(text["questions"]))
                 for language, text in texts.items()}
    assert len({len(p) for p in points.values()}) == 1 and len(points["vi"]) >= 4
    assert len(set(questions.values())) == 1 and questions["vi"] >= 2


def test_ids_are_the_same_on_every_laptop(db, tmp_path):
    other = connect(tmp_path / "other.sqlite3")
    try:
        migrations.apply(other)
        for table in ("scripts", "script_texts"):
            sql = f"select * from {table} where created_at = ? order by id"
            mine = [{k: v for k, v in row.items() if k != "rowid"}
                    for row in db.query(sql, [step._STAMP])]
            theirs = [{k: v for k, v in row.items() if k != "rowid"}
                      for row in other.query(sql, [step._STAMP])]
            assert mine == theirs and len(mine) > 20
    finally:
        other.close()
    script = seeded_script(db, "pupils", "pupil_bhyt")
    assert script["id"] == step._seeded_id("script", "pupils:pupil_bhyt")


def test_what_the_central_server_wrote_first_is_kept(tmp_path):
    """A topic or a text an administrator made before the step ran stays; the rest is added."""
    database = connect(tmp_path / "old.sqlite3")
    try:
        migrations.apply(database, stop_before=step.NAME)
        sample = step._seeded_id("script", "vssid")
        database["script_texts"].insert({
            "id": "central-written-hnj", "created_at": "2026-12-01T00:00:00.000+00:00",
            "updated_at": "2026-12-01T00:00:00.000+00:00", "script_id": sample,
            "language": "hnj", "revision": 1, "title": "VssID (sau hauv nruab nrab)",
            "key_messages": "1. Lus", "questions": "[]", "reviewed": 1})
        database["list_items"].insert({
            "id": "central-topic", "created_at": "2026-12-01T00:00:00.000+00:00",
            "updated_at": "2026-12-01T00:00:00.000+00:00", "list": "topic",
            "code": "bhyt_care", "label": "Khám chữa bệnh BHYT", "position": 90, "active": 1})
        migrations.apply(database)
        hnj = list(database.query("select id, title from script_texts where script_id = ?"
                                  " and language = 'hnj'", [sample]))
        assert hnj == [{"id": "central-written-hnj", "title": "VssID (sau hauv nruab nrab)"}]
        assert {r["language"] for r in database.query(
            "select language from script_texts where script_id = ?", [sample])} == \
            set(LANGUAGES)
        topic = list(database.query("select id, label from list_items where list = 'topic'"
                                    " and code = 'bhyt_care'"))
        assert topic == [{"id": "central-topic", "label": "Khám chữa bệnh BHYT"}]
    finally:
        database.close()


def test_thai_is_written_in_tai_viet_letters_and_mong_and_dao_keep_no_vietnamese(db):
    checked = 0
    for text in db.query("select * from script_texts where language in ('blt', 'hnj', 'ium')"
                         " and created_at = ?", [step._STAMP]):
        for piece in strings(text):
            rest = NAMES.sub("", PLACEHOLDER.sub("", piece))
            if text["language"] == "blt":
                assert re.findall(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]", rest) == [], piece
                assert TAI_VIET.search(rest), piece
            else:
                # RPA and Iu Mien are plain Latin letters: a Vietnamese letter (ă, đ, ơ, ư, a
                # tone mark) means a Vietnamese word was left in the draft.
                assert re.findall(r"[\u00c0-\u024f\u1e00-\u1eff\u0300-\u036f]", rest) == [], \
                    piece
            checked += 1
    assert checked > 300


def test_figures_are_placeholders_filled_from_the_policy_figures(db):
    values = policy_figures.placeholders(policy_figures.figures(db))
    amounts = policy_figures.amounts(policy_figures.figures(db))
    for group, topic in PAIRS:
        texts = latest_texts(db, seeded_script(db, group, topic)["id"])
        vietnamese = {name for piece in strings(texts["vi"])
                      for name in PLACEHOLDER.findall(piece)}
        for language, text in texts.items():
            used = {name for piece in strings(text) for name in PLACEHOLDER.findall(piece)}
            # A draft quotes the figures its Vietnamese source quotes, no more, no fewer.
            assert used == vietnamese, (group, topic, language)
            for piece in strings(text):
                assert "{" not in policy_figures.fill(piece, values), (group, topic, language)
    # No amount is written into a new script: every figure is a placeholder.
    written = {f"{amount:,}".replace(",", ".") for amount in amounts.values()
               if amount >= 1000} | {f"{value:,.0f}".replace(",", ".")
                                     for value in policy_figures.figures(db).values()
                                     if value >= 1000}
    assert "330.000" in written or "396.000" in written
    for text in db.query("select * from script_texts where created_at = ?", [step._STAMP]):
        for piece in strings(text):
            assert not any(figure in piece for figure in written), piece


def test_a_draft_shows_its_figures_in_its_language(officer, db):
    script = seeded_script(db, "collaborators", "household_bhyt")
    amounts = policy_figures.amounts(policy_figures.figures(db))
    yearly = f"{amounts['household_bhyt_first_yearly']:,}".replace(",", ".")
    page = parse(officer.get(f"/scripts/{script['id']}?lang=blt"))
    article = page.find("article")
    text = " ".join(article.text.split())
    assert article.get("lang") == "blt"
    assert yearly in text and "{" not in text and TAI_VIET.search(text)
    # Marked as a draft not yet reviewed by a speaker, and as a sample for the province.
    assert len(article.find_all("span", class_="badge badge-draft")) == 2


# ---- The scripts page, filtered ---------------------------------------------------------------

def rows(client, query=""):
    page = parse(client.get(f"/scripts/{query}"))
    body = page.find("tbody")
    return page, body.find_all("tr") if body else []


def test_filter_by_target_group_topic_and_language(officer, db):
    _page, every = rows(officer)
    assert len(every) == db.execute("select count(*) from scripts").fetchone()[0]
    _page, pupils = rows(officer, "?target_group=pupils")
    assert len(pupils) == len([p for p in PAIRS if p[0] == "pupils"]) == 3
    label = " ".join(pupils[0].find_all("td")[2].text.split())
    assert all(" ".join(r.find_all("td")[2].text.split()) == label for r in pupils)
    _page, vssid = rows(officer, "?topic=vssid")
    assert len(vssid) == len([p for p in PAIRS if p[1] == "vssid"])
    _page, one = rows(officer, "?target_group=employers&topic=unemployment")
    assert len(one) == 1
    assert one[0].find("a").get("href") == \
        f"/scripts/{seeded_script(db, 'employers', 'unemployment')['id']}"
    # Unknown values narrow nothing.
    _page, unknown = rows(officer, "?target_group=nobody&topic=%3Cb%3E")
    assert len(unknown) == len(every)


def test_filter_by_language_lists_what_is_written_in_it_titled_in_it(officer, db):
    own = scripts.create_script(db, target_group="pupils", topic="other",
                                title="Học sinh bản Mí Háng", key_messages="1. Điểm",
                                questions=[], user_id=None)
    _page, vietnamese = rows(officer, "?target_group=pupils&language=vi")
    assert own in {script_id_of(r) for r in vietnamese}
    _page, thai = rows(officer, "?target_group=pupils&language=blt")
    assert len(thai) == 3 and own not in {script_id_of(r) for r in thai}
    for row in thai:
        link = row.find("a")
        assert link.get("lang") == "blt" and TAI_VIET.search(link.text)
        assert link.get("href").endswith("?lang=blt")
    # A language with nothing to show says so.
    db.execute("update script_texts set deleted_at = '2026-12-04T00:00:00Z'"
               " where language = 'ium'")
    page, none = rows(officer, "?language=ium")
    assert none == [] and page.find("tbody") is None
    assert page.find("main").find("p", class_=None) is not None


def test_titles_follow_the_interface_language(app, db):
    client = new_client(app, locale="hnj", username="canbo")
    _page, mong = rows(client, "?topic=pensions")
    assert mong and all(r.find("a").get("lang") == "hnj" for r in mong)


# ---- Offered on the visit form from the household's situations --------------------------------

def year(age):
    return clock.today().year - age


CARD = {"bhyt_card_type": "household",
        "bhyt_expiry": (clock.today() + timedelta(days=200)).isoformat()}


def offered(client, home):
    page = parse(client.get(f"/households/{home['id']}/visits/new"))
    box = page.find("aside", class_="scripts-box")
    items = box.find("ol", class_="suggested-scripts")
    return box, items.find_all("li") if items else []


def script_id_of(item):
    return item.find("a").get("href").split("?")[0].rsplit("/", 1)[-1]


def test_a_member_without_a_card_brings_household_bhyt_first(officer, db):
    home = household(db, village_id(db, "Mí Háng"), user_id(db, "canbo"),
                     person("Giàng A Lử", year(40), "male", bhxh_status="voluntary", **CARD),
                     person("Sùng Thị Say", year(36), bhxh_status="voluntary"),
                     language="hnj")
    box, items = offered(officer, home)
    assert [i.get("data-topic") for i in items] == ["household_bhyt"]
    first = items[0]
    assert script_id_of(first) == seeded_script(db, "voluntary", "household_bhyt")["id"]
    # Opened in the household's language, titled in it, with whom it is for.
    assert first.find("a").get("href").endswith("?lang=hnj")
    assert first.find("a").get("lang") == "hnj"
    assert "Sùng Thị Say" in first.text and "Giàng A Lử" not in first.text
    # The other topics are still there, without the one already offered.
    others = [a.get("href") for a in box.find_all("a") if "/scripts/for" in a.get("href")]
    assert others and not any("topic=household_bhyt" in href for href in others)
    assert any("topic=pupil_bhyt" in href for href in others)


def test_a_member_of_75_or_more_brings_the_pension_script(officer, db):
    home = household(db, village_id(db, "Mí Háng"), user_id(db, "canbo"),
                     person("Vàng A Dế", year(52), "male", bhxh_status="voluntary", **CARD),
                     person("Vàng Thị Mai", year(80), **CARD))
    _box, items = offered(officer, home)
    assert [i.get("data-topic") for i in items] == ["pensions"]
    assert script_id_of(items[0]) == seeded_script(db, "voluntary", "pensions")["id"]
    assert "Vàng Thị Mai" in items[0].text


def test_every_situation_in_the_order_it_most_needs_saying(officer, db):
    home = household(
        db, village_id(db, "Mí Háng"), user_id(db, "canbo"),
        person("Lý A Sử", year(45), "male", vssid="not_installed", bhxh_status="mandatory",
               **CARD),
        person("Lý Thị Pằng", year(30)),                       # no card, no BHXH
        person("Lý A Chu", year(10), "male"),                  # pupil age, no card
        person("Lý Thị Lan", year(78)),                        # 75+, no card
        person("Lý A Dơ", year(3), "male", relation="grandchild"))   # under 6, no card
    _box, items = offered(officer, home)
    assert [i.get("data-topic") for i in items] == [
        "household_bhyt", "voluntary_bhxh", "pupil_bhyt", "pensions", "vssid"]
    reasons = {i.get("data-topic"): i.find("span", class_="hint").text for i in items}
    assert "Lý Thị Pằng" in reasons["household_bhyt"]
    assert "Lý A Dơ" in reasons["household_bhyt"]
    # The pupil's card comes through school, the 75-year-old's with the social pension.
    assert "Lý A Chu" not in reasons["household_bhyt"] and "Lý A Chu" in reasons["pupil_bhyt"]
    assert "Lý Thị Lan" not in reasons["household_bhyt"]
    assert "Lý Thị Lan" in reasons["pensions"]
    assert "Lý Thị Pằng" in reasons["voluntary_bhxh"]
    assert "Lý A Sử" not in reasons["voluntary_bhxh"]
    assert "Lý A Sử" in reasons["vssid"]
    assert script_id_of(items[2]) == seeded_script(db, "voluntary", "pupil_bhyt")["id"]


def test_a_household_with_nothing_missing_gets_the_topics_only(officer, db):
    home = household(db, village_id(db, "Mí Háng"), user_id(db, "canbo"),
                     person("Hờ A Vàng", year(40), "male", bhxh_status="voluntary",
                            vssid="installed", **CARD))
    box, items = offered(officer, home)
    assert items == []
    assert len([a for a in box.find_all("a") if "/scripts/for" in a.get("href")]) == \
        db.execute("select count(*) from list_items where list = 'topic' and active = 1"
                   " and deleted_at is null").fetchone()[0]


@pytest.mark.parametrize("age, topics", [
    (5, {"household_bhyt"}), (6, {"pupil_bhyt"}), (14, {"pupil_bhyt"}),
    (15, {"pupil_bhyt", "voluntary_bhxh"}), (18, {"pupil_bhyt", "voluntary_bhxh"}),
    (19, {"household_bhyt", "voluntary_bhxh"}), (60, {"household_bhyt", "voluntary_bhxh"}),
    (61, {"household_bhyt"}), (74, {"household_bhyt"}), (75, {"pensions"}),
])
def test_ages_at_each_boundary(age, topics):
    on = date(2026, 12, 4)
    someone = {"id": "p", "full_name": "A", "birth_year": 1900,
               "birth_date": date(on.year - age, on.month, on.day).isoformat(),
               "bhyt_card_type": None, "bhyt_expiry": None, "bhxh_status": "none",
               "vssid": "unknown"}
    assert {topic for topic, _people in suggestions.situations([someone], on)} == topics
    # A birthday tomorrow: a year younger.
    younger = {**someone, "birth_date": (date(on.year - age, on.month, on.day)
                                         + timedelta(days=1)).isoformat()}
    assert suggestions.age(younger, on) == age - 1


def test_a_card_is_valid_through_its_last_day():
    on = date(2026, 12, 4)
    holder = {"id": "p", "full_name": "A", "birth_year": 1986, "bhxh_status": "mandatory",
              "vssid": "installed", "bhyt_card_type": "household"}
    assert suggestions.situations([{**holder, "bhyt_expiry": "2026-12-04"}], on) == []
    assert [t for t, _p in suggestions.situations(
        [{**holder, "bhyt_expiry": "2026-12-03"}], on)] == ["household_bhyt"]
    # Without a birth date, age is counted from the birth year.
    assert suggestions.age({"birth_year": 1951, "birth_date": None}, on) == 75


# ---- Offered on the session form from its target group ----------------------------------------

def groups_offered(client, query):
    page = parse(client.get(f"/sessions/new?village={query}"))
    box = page.find("aside", class_="scripts-box")
    return page, box.find_all("details", class_="group-scripts")


def test_a_session_for_pupils_offers_the_pupils_scripts_first(officer, db):
    mi_hang = village_id(db, "Mí Háng")
    page, groups = groups_offered(officer, f"{mi_hang}&target_group=pupils")
    assert page.find("select", id="target_group").find(
        "option", value="pupils").get("selected") is not None
    first = groups[0]
    assert first.get("data-target-group") == "pupils" and first.get("open") is not None
    assert all(g.get("open") is None for g in groups[1:])
    assert {g.get("data-target-group") for g in groups} == set(GROUPS)
    offered_ids = {a.get("href").split("?")[0].rsplit("/", 1)[-1] for a in first.find_all("a")}
    assert offered_ids == {seeded_script(db, "pupils", t)["id"]
                           for g, t in PAIRS if g == "pupils"}
    # The script's own script tag follows the form's select.
    assert any("scripts_box.js" in (s.get("src") or "") for s in page.find_all("script"))


def test_a_refused_session_keeps_its_groups_scripts_first(officer, db):
    mi_hang = village_id(db, "Mí Háng")
    response = officer.post_form(f"/sessions/new?village={mi_hang}", {
        "held_at": "2026-11-20T14:00", "format": "small_group",
        "target_group": "health_facilities", "attendees_total": "0"})
    assert response.status_code == 200
    groups = parse(response).find("aside", class_="scripts-box").find_all(
        "details", class_="group-scripts")
    assert groups[0].get("data-target-group") == "health_facilities"
    assert groups[0].get("open") is not None


def test_without_a_group_the_first_of_the_list_is_offered(officer, db):
    _page, groups = groups_offered(officer, village_id(db, "Mí Háng"))
    assert groups[0].get("data-target-group") == "authorities"
    assert groups[0].get("open") is not None
    # An unknown group in the address is ignored.
    _page, groups = groups_offered(officer, f"{village_id(db, 'Mí Háng')}&target_group=x")
    assert groups[0].get("data-target-group") == "authorities"


def test_a_session_in_mong_titles_its_scripts_in_mong(officer, db):
    mi_hang = village_id(db, "Mí Háng")
    response = officer.post_form(f"/sessions/new?village={mi_hang}", {
        "held_at": "2026-11-20T14:00", "format": "small_group", "target_group": "voluntary",
        "languages": ["hnj"], "attendees_total": "0"})
    first = parse(response).find("aside", class_="scripts-box").find("details")
    links = first.find_all("a")
    assert links and all(a.get("lang") == "hnj" for a in links)
    assert all(a.get("href").endswith("?lang=hnj") for a in links)
