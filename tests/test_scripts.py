"""Communication scripts: language with fallback, edit history, policy figures by date."""

from datetime import date

import pytest

from fieldapp import policy_figures
from fieldapp.scripts import queries as scripts
from helpers import parse, snapshot


@pytest.fixture
def bhyt_script(db):
    return scripts.matching(db, "household_bhyt", "voluntary")


@pytest.fixture
def vi_only_script(db):
    """A script an office wrote, in Vietnamese only (the seeded ones are in every language)."""
    return scripts.create_script(
        db, target_group="voluntary", topic="other", title="BHYT hộ gia đình ở bản",
        key_messages="Mua BHYT cho cả hộ.", questions=[], user_id=None)


def article(client, url):
    page = parse(client.get(url))
    return page, " ".join(page.find("article").text.split())


def test_samples_are_seeded_and_marked_as_samples(officer, db):
    page = parse(officer.get("/scripts/"))
    rows = page.find("tbody").find_all("tr")
    # Step 0005's three samples and step 0018's scripts for every target group and topic.
    assert len(rows) == db.execute("select count(*) from scripts where sample = 1").fetchone()[0]
    assert len(rows) >= 23
    assert all(r.find("span", class_="badge badge-draft") is not None for r in rows)


def test_script_shows_policy_figures_in_force(officer, db, bhyt_script):
    _page, text = article(officer, f"/scripts/{bhyt_script}?lang=vi")
    # 4.5% of the base salary in force today (2,530,000 đồng from 1 July 2026, unconfirmed:
    # 113,850 a month, 1,366,200 a year).
    amounts = policy_figures.amounts(policy_figures.figures(db))
    monthly, yearly = (f"{amounts[k]:,}".replace(",", ".") for k in (
        "household_bhyt_first_monthly", "household_bhyt_first_yearly"))
    assert f"{monthly} đồng/tháng" in text and f"{yearly} đồng/năm" in text
    assert "{" not in text


def test_missing_language_falls_back_to_vietnamese_with_a_notice(officer, db, vi_only_script):
    page, text = article(officer, f"/scripts/{vi_only_script}?lang=hnj")
    assert "BHYT hộ gia đình" in text
    assert page.find("article").get("lang") == "vi"
    assert "Mông" in " ".join(page.find("p", class_="warning").text.split())


def test_matching_script_opens_in_the_household_language(officer, db):
    response = officer.get("/scripts/for?topic=vssid&lang=hnj")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("?lang=hnj")
    assert officer.get("/scripts/for?topic=no_such_topic").headers["Location"].endswith(
        "/scripts/")


def test_editing_keeps_every_version_and_marks_drafts(app, db, vi_only_script):
    from helpers import new_client
    supervisor = new_client(app, username="giamsat")
    for n, reviewed in ((1, ""), (2, "y")):
        response = supervisor.post_form(f"/scripts/{vi_only_script}/edit?lang=hnj", {
            "title": f"BHYT tsev neeg {n}", "key_messages": f"Lus tseem ceeb {n}",
            "questions": "Nug 1\nTeb 1\n\nNug 2\nTeb 2", "reviewed": reviewed})
        assert response.status_code == 302
    versions = scripts.revisions(db, vi_only_script, "hnj")
    assert [(v["revision"], v["title"], v["reviewed"]) for v in versions] == [
        (2, "BHYT tsev neeg 2", 1), (1, "BHYT tsev neeg 1", 0)]
    assert versions[0]["questions"] == [{"q": "Nug 1", "a": "Teb 1"}, {"q": "Nug 2", "a": "Teb 2"}]
    page, text = article(supervisor, f"/scripts/{vi_only_script}?lang=hnj")
    assert "BHYT tsev neeg 2" in text
    assert page.find("article").get("lang") == "hnj"
    history = parse(supervisor.get(f"/scripts/{vi_only_script}/history?lang=hnj"))
    assert len(history.find_all("details")) == 2
    # The Vietnamese text is untouched by the Mông edits.
    assert scripts.text(db, vi_only_script, "vi")[0]["revision"] == 1


def test_officers_read_scripts_but_cannot_edit(officer, db, bhyt_script):
    before = snapshot(db)
    assert officer.get(f"/scripts/{bhyt_script}/edit").status_code == 403
    assert officer.post_form(f"/scripts/{bhyt_script}/edit",
                             {"title": "x", "key_messages": "y"}).status_code == 403
    assert officer.get("/scripts/new").status_code == 403
    assert snapshot(db) == before


def test_supervisor_creates_a_script_for_a_target_group(app, db):
    from helpers import new_client
    supervisor = new_client(app, username="giamsat")
    response = supervisor.post_form("/scripts/new", {
        "target_group": "pupils", "topic": "pupil_bhyt", "title": "BHYT học sinh",
        "key_messages": "Học sinh tham gia BHYT tại trường.", "questions": ""})
    assert response.status_code == 302
    assert scripts.matching(db, "pupil_bhyt", "pupils") is not None


def test_policy_figures_apply_from_their_effective_date(db):
    from fieldapp import store
    store.insert(db, "policy_figures", {"key": "base_salary", "value": 2_600_000,
                                        "unit": "VND/month", "effective_from": "2027-01-01",
                                        "source": "test"}, user_id=None)
    assert policy_figures.figures(db, date(2026, 12, 31))["base_salary"] == 2_530_000
    assert policy_figures.figures(db, date(2027, 1, 1))["base_salary"] == 2_600_000
    # No base salary was seeded for 2020: a script then shows its placeholder, not a guess.
    assert "base_salary" not in policy_figures.figures(db, date(2020, 1, 1))
    # The day before the support of Decree 159/2025 (migration 0017) and the base salary of
    # 1 July 2026.
    amounts = policy_figures.amounts(policy_figures.figures(db, date(2025, 6, 30)))
    assert amounts["voluntary_bhxh_min_monthly"] == 330_000
    assert amounts["voluntary_bhxh_min_monthly_poor"] == 231_000
    assert amounts["household_bhyt_second_yearly"] == 884_520


def test_unknown_placeholder_stays_visible():
    assert policy_figures.fill("{base_salary} và {no_such_figure}", {"base_salary": "1"}) == \
        "1 và {no_such_figure}"
