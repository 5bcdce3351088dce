"""Worklists ("rà từng người"): who is on each list, filters, sorting and the pages."""

from datetime import date

import pytest

from fieldapp.worklists import queries as worklists
from helpers import parse
from registry import household, person, user_id, village_id, visit

TODAY = date(2026, 11, 23)


@pytest.fixture
def village(db):
    """Two villages' households, built to sit on some lists and not on others."""
    canbo, giamsat = user_id(db, "canbo"), user_id(db, "giamsat")
    mi_hang, tu_san = village_id(db, "Mí Háng"), village_id(db, "Tu San")
    ids = {}
    ids.update(household(db, mi_hang, canbo,
                         person("Giàng A Páo", 1980, "male", bhyt_card_type="state_ethnic",
                                bhyt_expiry="2026-12-10"),
                         person("Giàng Thị Sua", 2015, bhyt_card_type="child_under_6",
                                bhyt_expiry="2026-11-01"),
                         person("Giàng A Lử", 2012, "male")))
    ids["never"] = ids.pop("id")
    ids.update(household(db, mi_hang, canbo,
                         person("Sùng A Chư", 1970, "male", bhxh_status="voluntary",
                                bhyt_card_type="household", bhyt_expiry="2027-06-30")))
    ids["visited"] = ids.pop("id")
    ids.update(household(db, tu_san, giamsat,
                         person("Lý Thị Dua", 1990, bhyt_card_type="household",
                                bhyt_expiry="2027-01-15")))
    ids["other_village"] = ids.pop("id")
    visit(db, ids["visited"], canbo, "2026-11-01T10:00", follow_up_on=date(2026, 11, 20))
    visit(db, ids["other_village"], giamsat, "2026-10-01T10:00", follow_up_on=date(2026, 10, 15))
    visit(db, ids["other_village"], giamsat, "2026-10-20T10:00")
    return ids


def names(rows, key="full_name"):
    return sorted(r[key] for r in rows)


def run(db, kind, **kwargs):
    office = next(db["offices"].rows)["id"]
    rows, _ = worklists.worklist(db, kind, office, today=TODAY, **kwargs)
    return rows


def test_never_visited_lists_only_households_without_a_visit(db, village):
    assert names(run(db, "never-visited"), "head_name") == ["Giàng A Páo"]


def test_no_bhyt_lists_people_without_a_card_or_with_an_expired_one(db, village):
    assert names(run(db, "no-bhyt")) == ["Giàng A Lử", "Giàng Thị Sua"]


def test_bhyt_expiring_lists_cards_ending_within_the_days_asked(db, village):
    assert names(run(db, "bhyt-expiring", days=30)) == ["Giàng A Páo"]
    assert names(run(db, "bhyt-expiring", days=60)) == ["Giàng A Páo", "Lý Thị Dua"]
    rows = run(db, "bhyt-expiring", days=400, sort="expiry", descending=True)
    assert [r["full_name"] for r in rows] == ["Sùng A Chư", "Lý Thị Dua", "Giàng A Páo"]


def test_no_bhxh_lists_people_aged_15_and_over_without_social_insurance(db, village):
    # Born 2012: 14 in 2026, not yet; Sùng A Chư already pays voluntary BHXH.
    assert names(run(db, "no-bhxh")) == ["Giàng A Páo", "Lý Thị Dua"]


def test_follow_ups_due_skip_households_visited_since(db, village):
    rows = run(db, "follow-ups")
    assert [(r["head_name"], r["follow_up_on"]) for r in rows] == [("Sùng A Chư", "2026-11-20")]


def test_filters_by_village_and_officer(db, village):
    assert names(run(db, "no-bhxh", village_id=village_id(db, "Tu San"))) == ["Lý Thị Dua"]
    assert names(run(db, "no-bhxh", officer_id=user_id(db, "giamsat"))) == ["Lý Thị Dua"]
    assert run(db, "follow-ups", officer_id=user_id(db, "giamsat")) == []


def test_pages_paginate_at_page_size(db, monkeypatch):
    monkeypatch.setattr(worklists, "PAGE_SIZE", 2)
    for n in range(5):
        household(db, village_id(db, "Mí Háng"), user_id(db, "canbo"),
                  person(f"Người {n}", 1980))
    office = next(db["offices"].rows)["id"]
    seen = []
    for page in (1, 2, 3):
        rows, more = worklists.worklist(db, "never-visited", office, page=page, sort="name")
        seen += [r["head_name"] for r in rows]
        assert more == (page < 3)
    assert seen == [f"Người {n}" for n in range(5)]


@pytest.mark.parametrize("kind", list(worklists.WORKLISTS))
def test_worklist_pages_have_a_record_a_visit_action_on_every_row(officer, db, village, kind):
    response = officer.get(f"/worklists/{kind}?days=400&village=")
    assert response.status_code == 200
    page = parse(response)
    rows = page.find("table", class_="worklist").find("tbody").find_all("tr")
    assert rows
    for row in rows:
        links = [a.get("href") for a in row.find_all("a")]
        assert any(h.endswith("/visits/new") for h in links), links
    # Sortable column headers link to the same list sorted.
    assert any("sort=" in a.get("href", "") for a in page.find("thead").find_all("a"))


def test_unknown_worklist_or_foreign_village_is_not_found(officer):
    assert officer.get("/worklists/everyone").status_code == 404
    assert officer.get("/worklists/no-bhyt?village=not-a-village").status_code == 404


def test_commune_filter_narrows_and_offers_only_that_communes_villages(officer, db, village):
    commune = db.execute("select commune_code from villages where name = 'Mí Háng'").fetchone()[0]
    assert names(run(db, "no-bhxh", commune=commune)) == ["Giàng A Páo", "Lý Thị Dua"]
    page = parse(officer.get(f"/worklists/no-bhxh?commune={commune}"))
    offered = {o.text for o in page.find("select", id="village").find_all("option")}
    assert {"Mí Háng", "Tu San", "Làng Sang"} <= offered and "Lao Chải" not in offered
    other = db.execute("select code from communes where province_code = 1 limit 1").fetchone()[0]
    assert officer.get(f"/worklists/no-bhxh?commune={other}").status_code == 404
