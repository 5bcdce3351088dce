"""Reports: every figure against counts made by hand, targets, exports, scope and central mode."""

import csv
import io
from datetime import date, datetime, timedelta

import pytest
from openpyxl import load_workbook

from conftest import PASSWORD
from fieldapp import accounts, clock, offices, store
from fieldapp.group_sessions import queries as sessions
from fieldapp.places import queries as places
from fieldapp.reach import paths
from fieldapp.reports import counting, scope, targets
from helpers import (assert_report_counts_as_built_again, catalog_text, derive_reach_again,
                     field_errors, input_value, new_client, one, parse, rows_of, squash)
from registry import household, person, user_id, village_id, visit
from sync import capture

# Run on a central server on SQLite and on PostgreSQL (tests/conftest.py).
CENTRAL_STORES = ("sqlite", "postgresql")

START, END = date(2026, 1, 1), date(2026, 6, 30)
PERIOD = {"start": START.isoformat(), "end": END.isoformat()}

# What the outreach fixture below adds up to, counted by hand from its visits and sessions.
# People: met at visits P1 P2 P5 P6, on rosters P1 P7 P5 -> 5 known, and 10-2 + 4-1 = 11
# attendees not on a roster. Outcomes, each person once: BHXH P1 P7; BHYT P1 P6 P5;
# VssID P2 P6 P1.
TOTAL = {"visits": 4, "households": 2, "sessions": 2, "attendees": 14, "attendees_female": 8,
         "attendees_male": 5, "attendees_gender_unknown": 1, "people": 16,
         "voluntary_bhxh": 2, "household_bhyt": 3, "vssid_installed": 3}
BY_COMMUNE = {
    # V1 V2 V3 (H1 twice, H2 nobody home), S1; people P1 P2 P7 + 8; BHXH P1 P7; BHYT P1;
    # VssID P2 P1.
    "Xã Chế Tạo": {"visits": 3, "households": 1, "sessions": 1, "attendees": 10, "people": 11,
                   "voluntary_bhxh": 2, "household_bhyt": 1, "vssid_installed": 2},
    # V4, S2; people P5 P6 + 3; BHYT P6 P5; VssID P6.
    "Xã Lao Chải": {"visits": 1, "households": 1, "sessions": 1, "attendees": 4, "people": 5,
                    "voluntary_bhxh": 0, "household_bhyt": 2, "vssid_installed": 1},
}
BY_OFFICER = {
    # V1 V3 V4, S1 S2 (facilitator of both).
    "canbo": {"visits": 3, "households": 2, "sessions": 2, "attendees": 14, "people": 16,
              "voluntary_bhxh": 2, "household_bhyt": 2, "vssid_installed": 3},
    # V2, S2 (co-facilitator); people P1 P5 + 3.
    "giamsat": {"visits": 1, "households": 1, "sessions": 1, "attendees": 4, "people": 5,
                "voluntary_bhxh": 0, "household_bhyt": 2, "vssid_installed": 0},
}
ETHNICITY = {"mong": 8, "kinh": 1, "unknown": 1, "thai": 4}
# The other office's visit VB and session SB: never in the demo office's figures.
OTHER = {"visits": 1, "households": 1, "sessions": 1, "attendees": 7, "people": 8,
         "voluntary_bhxh": 1, "household_bhyt": 0, "vssid_installed": 0}


def when(text):
    return datetime.fromisoformat(text)


def session(db, village, held_at, facilitators, total, female, male, by_ethnicity, roster=(),
            outcomes=None):
    commune = db["villages"].get(village)["commune_code"]
    session_id = sessions.record_session(
        db, commune_code=commune, village_id=village, held_at=when(held_at),
        format="small_group", target_group="voluntary", facilitators=facilitators, total=total,
        female=female, male=male, gender_unknown=total - female - male,
        by_ethnicity=by_ethnicity, roster=roster, user_id=facilitators[0])
    if outcomes:
        sessions.set_outcomes(db, session_id, outcomes, user_id=facilitators[0])
    return session_id


@pytest.fixture
def other_office(db):
    return build_other_office(db)


def build_other_office(db):
    """A second office, in Hà Nội, with an officer, a household, a visit and a session."""
    commune = one(db, "select code from communes where province_code = 1"
                      " and name = 'Phường Ba Đình'")["code"]
    office = offices.create_office(db, name="BHXH Ba Đình", province_code=1,
                                   communes=[commune], user_id=None)
    village = places.create_village(db, commune, "Tổ dân phố 7", "to_dan_pho", user_id=None)
    hanoi = accounts.create_user(db, username="hanoi", full_name="Trần Văn Hà",
                                 password=PASSWORD, role="officer", office_id=office["id"],
                                 user_id=None)["id"]
    home = household(db, village["id"], hanoi, person("Nguyễn Thị Bình", 1985))
    visit(db, home["id"], hanoi, "2026-03-01T09:00",
          outcomes={home["Nguyễn Thị Bình"]: (["voluntary_bhxh"], None)})
    session(db, village["id"], "2026-03-10T14:00", [hanoi], 7, 7, 0, {"kinh": 7})
    return {"office": office["id"], "commune": commune, "village": village["id"],
            "officer": hanoi}


@pytest.fixture
def outreach(db, other_office):
    return build_outreach(db, other_office)


def build_outreach(db, other_office):
    """Two communes of the demo office, two officers, visits and sessions in the first half of
    2026, and some that must not count: outside the period, deleted, or of the other office."""
    canbo, giamsat = user_id(db, "canbo"), user_id(db, "giamsat")
    mi_hang, tu_san = village_id(db, "Mí Háng"), village_id(db, "Tu San")
    lao_chai = village_id(db, "Lao Chải")
    h1 = household(db, mi_hang, canbo, person("P1 Giàng A Páo", 1980, "male"),
                   person("P2 Sùng Thị Mỷ", 1983), person("P3 Giàng A Lử", 2012, "male"))
    h2 = household(db, tu_san, canbo, person("P4 Thào A Tủa", 1968, "male"))
    h3 = household(db, lao_chai, giamsat, person("P5 Lò Văn Tâm", 1985, "male"),
                   person("P6 Lò Thị Ún", 1987))
    h4 = household(db, mi_hang, canbo, person("P7 Hờ A Chứ", 1990, "male"))
    p = {**h1, **h2, **h3, **h4}
    p = {name.split()[0]: pid for name, pid in p.items() if name != "id"}
    visit(db, h1["id"], canbo, "2026-02-10T09:00", present=[p["P1"], p["P2"]],
          outcomes={p["P1"]: (["voluntary_bhxh"], None), p["P2"]: (["vssid_installed"], None)})
    visit(db, h1["id"], giamsat, "2026-03-05T10:00", present=[p["P1"]],
          outcomes={p["P1"]: (["household_bhyt"], None)})
    visit(db, h2["id"], canbo, "2026-03-06T10:00", nobody_home=True)
    visit(db, h3["id"], canbo, "2026-04-01T08:30", present=[p["P5"], p["P6"]],
          outcomes={p["P6"]: (["household_bhyt", "vssid_installed"], None),
                    p["P5"]: (["declined"], "cannot_afford")})
    # The last day of the period counts, whatever the hour; the next day does not.
    visit(db, h2["id"], canbo, "2026-07-01T07:00", present=[p["P4"]],
          outcomes={p["P4"]: (["voluntary_bhxh"], None)})
    deleted = visit(db, h4["id"], canbo, "2026-02-15T09:00", present=[p["P7"]],
                    outcomes={p["P7"]: (["voluntary_bhxh"], None)})
    store.soft_delete(db, "visits", deleted, user_id=canbo)
    session(db, mi_hang, "2026-03-20T14:00", [canbo], 10, 6, 3,
            {"mong": 8, "kinh": 1, "unknown": 1}, roster=[p["P1"], p["P7"]],
            outcomes={p["P7"]: ["voluntary_bhxh"], p["P1"]: ["vssid_installed"]})
    session(db, lao_chai, "2026-06-30T18:00", [canbo, giamsat], 4, 2, 2, {"thai": 4},
            roster=[p["P5"]], outcomes={p["P5"]: ["household_bhyt"]})
    session(db, mi_hang, "2026-08-01T09:00", [canbo], 5, 5, 0, {"mong": 5})
    return {"people": p, "communes": {n: one(db, "select code from communes where name = ?"
                                                 " and province_code = 15", [n])["code"]
                                      for n in BY_COMMUNE},
            "canbo": canbo, "giamsat": giamsat, "other": other_office}


def office_id(db):
    return one(db, "select id from offices where name like 'BHXH cơ sở%'")["id"]


def picked(figures, names=TOTAL):
    return {k: figures[k] for k in names}


# ---- Figures --------------------------------------------------------------------------------

def test_every_figure_of_the_office_matches_the_count_by_hand(db, outreach):
    area = scope.Area(office_id(db))
    assert picked(counting.total(counting.figures(db, area, START, END))) == TOTAL
    assert counting.attendees_by_ethnicity(db, area, START, END) == ETHNICITY


def test_figures_by_commune_and_by_officer_match_the_count_by_hand(db, outreach):
    area = scope.Area(office_id(db))
    by_commune = counting.figures(db, area, START, END, by="commune")
    assert {code: picked(by_commune[code], BY_COMMUNE["Xã Chế Tạo"])
            for code in by_commune} == {outreach["communes"][n]: BY_COMMUNE[n]
                                        for n in BY_COMMUNE}
    by_officer = counting.figures(db, area, START, END, by="officer")
    assert {k: picked(v, BY_OFFICER["canbo"]) for k, v in by_officer.items()} == {
        outreach[name]: BY_OFFICER[name] for name in BY_OFFICER}


def test_one_officers_and_one_communes_figures(db, outreach):
    area = scope.Area(office_id(db), officer_id=outreach["giamsat"])
    assert picked(counting.total(counting.figures(db, area, START, END)),
                  BY_OFFICER["giamsat"]) == BY_OFFICER["giamsat"]
    commune = outreach["communes"]["Xã Lao Chải"]
    area = scope.Area(office_id(db), commune_code=commune)
    assert picked(counting.total(counting.figures(db, area, START, END)),
                  BY_COMMUNE["Xã Lao Chải"]) == BY_COMMUNE["Xã Lao Chải"]
    assert counting.attendees_by_ethnicity(db, area, START, END) == {"thai": 4}


def test_the_period_bounds_are_days_both_included(db, outreach):
    area = scope.Area(office_id(db))
    july = counting.total(counting.figures(db, area, date(2026, 7, 1), date(2026, 7, 1)))
    assert picked(july, ("visits", "households", "people", "voluntary_bhxh")) == {
        "visits": 1, "households": 1, "people": 1, "voluntary_bhxh": 1}
    june_30 = counting.total(counting.figures(db, area, date(2026, 6, 30), date(2026, 6, 30)))
    assert (june_30["sessions"], june_30["visits"]) == (1, 0)


def test_figures_follow_edits_moves_and_deletions(db, outreach):
    """reach is derived by triggers: a corrected roster, a moved household and a deleted
    session change the figures at once."""
    area = scope.Area(office_id(db))
    canbo, p = outreach["canbo"], outreach["people"]
    s2 = one(db, "select id from group_sessions where held_at = '2026-06-30T18:00'")["id"]
    sessions.set_outcomes(db, s2, {p["P5"]: []}, user_id=canbo)
    assert counting.total(counting.figures(db, area, START, END))["household_bhyt"] == 2
    # The Lao Chải household moves to Tu San (Chế Tạo): its visit's figures go with it.
    h3 = one(db, "select household_id from people where id = ?", [p["P5"]])["household_id"]
    store.update(db, "households", h3, {"village_id": village_id(db, "Tu San")}, user_id=canbo)
    by_commune = counting.figures(db, area, START, END, by="commune")
    assert by_commune[outreach["communes"]["Xã Chế Tạo"]]["households"] == 2
    assert by_commune[outreach["communes"]["Xã Lao Chải"]]["visits"] == 0
    store.soft_delete(db, "group_sessions", s2, user_id=canbo)
    total = counting.total(counting.figures(db, area, START, END))
    assert (total["sessions"], total["attendees"], total["people"]) == (1, 10, 5 + 8)


def test_the_other_office_counts_only_for_itself(db, outreach):
    area = scope.Area(outreach["other"]["office"])
    assert picked(counting.total(counting.figures(db, area, START, END)), OTHER) == OTHER
    # Every office together, as on the central server.
    both = counting.total(counting.figures(db, scope.Area(), START, END))
    assert picked(both, OTHER) == {k: TOTAL[k] + OTHER[k] for k in OTHER}


# Areas and groupings the counts kept ready (migration 0010) answer, and periods of whole
# months: each must give what a count over the reach rows themselves gives.
COUNTED_PERIODS = {"half": (START, END), "march": (date(2026, 3, 1), date(2026, 3, 31)),
                   "year": (date(2026, 1, 1), date(2026, 12, 31))}


def counted_areas(db, outreach):
    office, other = office_id(db), outreach["other"]
    yield scope.Area(office), ("commune", "officer", "month", None)
    yield scope.Area(), ("office", "commune", "officer", "month", None)
    yield scope.Area(province_code=15), ("office", "commune", "officer", None)
    yield scope.Area(office, commune_code=outreach["communes"]["Xã Chế Tạo"]), (
        "officer", "month", None)
    yield scope.Area(office, officer_id=outreach["giamsat"]), ("commune", "month", None)
    yield scope.Area(office, officer_id=outreach["canbo"]), ("commune", None)
    yield scope.Area(office, commune_code=outreach["communes"]["Xã Lao Chải"],
                     officer_id=outreach["canbo"]), ("month", None)
    yield scope.Area(province_code=15, commune_code=outreach["communes"]["Xã Lao Chải"]), (
        "officer", None)
    yield scope.Area(other["office"]), ("commune", "officer", None)


def scanned(monkeypatch, *args, **kwargs):
    """The figures counted over the reach rows, as for a period of any days."""
    with monkeypatch.context() as patched:
        patched.setattr(paths, "whole_months", lambda db, periods: None)
        return counting.figures_of_periods(*args, **kwargs)


def test_the_counts_kept_ready_give_what_a_count_over_reach_gives(db, outreach, monkeypatch):
    checked = 0
    for area, groupings in counted_areas(db, outreach):
        for by in groupings:
            assert paths.counted_dim(area, by), (area, by)
            counted = counting.figures_of_periods(db, area, COUNTED_PERIODS, by)
            assert counted == scanned(monkeypatch, db, area, COUNTED_PERIODS, by), (area, by)
            checked += any(f["people"] for p in counted.values() for f in p.values())
    assert checked >= 25
    assert db.execute("select count(*) from reach_shared").fetchone()[0] == 0


def test_reach_added_row_by_row_equals_reach_rebuilt_whole(db, outreach):
    """Outcomes and roster rows add their own reach rows (migration 0010); rebuilding every
    visit's and session's rows, as their update triggers do, gives the same rows."""
    added = rows_of(db, "reach")
    assert {r[-1] for r in added} >= {"attendee", "voluntary_bhxh", "household_bhyt",
                                     "vssid_installed", "present", "visit", "closed"}
    derive_reach_again(db)
    assert rows_of(db, "reach") == added
    assert_report_counts_as_built_again(db)


def test_the_counts_follow_every_edit_and_a_commune_moved_to_another_office(
        db, outreach, monkeypatch):
    canbo, p = outreach["canbo"], outreach["people"]
    assert_report_counts_as_built_again(db)
    v1 = one(db, "select id from visits where visited_at = '2026-02-10T09:00'")["id"]
    store.update(db, "visits", v1, {"present": f'["{p["P2"]}"]'}, user_id=canbo)
    s1 = one(db, "select id from group_sessions where held_at = '2026-03-20T14:00'")["id"]
    sessions.set_outcomes(db, s1, {p["P7"]: [], p["P1"]: ["household_bhyt"]}, user_id=canbo)
    h3 = one(db, "select household_id from people where id = ?", [p["P5"]])["household_id"]
    store.update(db, "households", h3, {"village_id": village_id(db, "Tu San")}, user_id=canbo)
    store.soft_delete(db, "visits", one(
        db, "select id from visits where visited_at = '2026-03-06T10:00'")["id"], user_id=canbo)
    assert_report_counts_as_built_again(db)
    # Lao Chải is given to the other office: its figures go with it.
    lao_chai = outreach["communes"]["Xã Lao Chải"]
    link = one(db, "select id from office_communes where commune_code = ?", [lao_chai])["id"]
    store.update(db, "office_communes", link, {"office_id": outreach["other"]["office"]},
                 user_id=None)
    assert_report_counts_as_built_again(db)
    # P5, whose household moved, is now reached in both offices: across offices only the scan
    # counts them once.
    assert db.execute("select kind from reach_shared").fetchall() == [("person",)]
    assert not paths.counts_add_up(db, scope.Area(), None, "office", 2026, ["person"])
    for area, groupings in counted_areas(db, outreach):
        for by in groupings:
            if area.commune_code == lao_chai or area.officer_id:
                continue
            assert counting.figures_of_periods(db, area, COUNTED_PERIODS, by) == scanned(
                monkeypatch, db, area, COUNTED_PERIODS, by), (area, by)
    other = counting.total(counting.figures(db, scope.Area(outreach["other"]["office"]),
                                            START, END))
    assert other["sessions"] == OTHER["sessions"] + 1


def test_an_office_reaching_into_another_province_is_counted_over_reach(
        db, outreach, monkeypatch):
    """A province's totals are its offices' only while they lie wholly in it."""
    other = outreach["other"]
    lao_cai_commune = one(db, "select code from communes where province_code = 15"
                              " and code not in (select commune_code from office_communes)"
                              " limit 1")["code"]
    store.insert(db, "office_communes", {"office_id": other["office"],
                                         "commune_code": lao_cai_commune}, user_id=None)
    for province in (1, 15):
        area = scope.Area(province_code=province)
        assert not paths.counts_add_up(db, area, None, "office", 2026, ["person"])
        assert counting.figures_of_periods(db, area, COUNTED_PERIODS) == scanned(
            monkeypatch, db, area, COUNTED_PERIODS)


def test_a_period_ending_before_work_recorded_later_that_month_is_counted_over_reach(
        db, outreach):
    area = scope.Area(office_id(db))
    # Up to 5 March: the visit of 6 March lies after the period, in the same month.
    to_the_5th = {"p": (date(2026, 3, 1), date(2026, 3, 5))}
    assert paths.whole_months(db, to_the_5th) is None
    assert counting.total(counting.figures(db, area, *to_the_5th["p"]))["visits"] == 1
    # Up to 25 April: nothing after it in April, so the counts kept for April answer.
    assert paths.whole_months(db, {"p": (date(2026, 4, 1), date(2026, 4, 25))}) == (
        2026, {"p": 1 << 3})
    assert paths.whole_months(db, {"p": (date(2025, 12, 1), date(2026, 1, 31))}) is None


# ---- Pages -----------------------------------------------------------------------------------

def cells(page, table_heading):
    """{row heading: [cell texts]} of the table under the h2 with this text."""
    heading = next(h for h in page.find_all("h2") if squash(h.text) == table_heading)
    table = next(e for e in heading.parent.iter() if e.tag == "table"
                 and "figures" in e.get("class", "").split() and _after(heading, e))
    return {squash(tr.find("th").text): [squash(td.text) for td in tr.find_all("td")]
            for tr in table.find("tbody").find_all("tr")}


def _after(first, element):
    """Whether element comes after first in the document."""
    order = list(first.parent.iter())
    return order.index(element) > order.index(first)


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_the_report_page_shows_the_figures_in_the_users_language(app, db, outreach, locale):
    page = parse(new_client(app, locale, "giamsat").get("/reports/", query_string=PERIOD))
    text = lambda msgid: catalog_text(app, locale, msgid)  # noqa: E731
    summary = cells(page, text("Summary"))
    assert summary[text("Door-to-door visits")] == ["4"]
    assert summary[text("People reached")] == ["16"]
    assert summary[text("New or renewed household BHYT")] == ["3"]
    communes = cells(page, text("By commune"))
    columns = ["visits", "households", "sessions", "attendees", "people", "voluntary_bhxh",
               "household_bhyt", "vssid_installed"]
    for name, expected in BY_COMMUNE.items():
        assert communes[name] == [str(expected[c]) for c in columns]
    officers = cells(page, text("By officer"))
    assert officers["Giàng A Dế"] == [str(BY_OFFICER["canbo"][c]) for c in columns]
    assert officers["Lò Thị Mai"] == [str(BY_OFFICER["giamsat"][c]) for c in columns]
    html = page.find("main").text
    assert "Ba Đình" not in html and "Trần Văn Hà" not in html


def test_an_officer_sees_only_their_own_figures(app, db, outreach):
    client = new_client(app, "en", "giamsat")
    page = parse(client.get("/reports/", query_string=PERIOD))
    assert cells(page, "Summary")["Door-to-door visits"] == ["4"]
    officer = new_client(app, "en", "canbo")
    # Asking for another officer changes nothing: an officer's report is their own.
    page = parse(officer.get("/reports/", query_string={
        **PERIOD, "officer": outreach["giamsat"]}))
    summary = cells(page, "Summary")
    assert summary["Door-to-door visits"] == ["3"]
    assert summary["People reached"] == ["16"]
    assert page.find("select", id="officer") is None


def test_a_period_that_ends_before_it_starts_is_refused_beside_the_field(app, db, outreach):
    client = new_client(app, "vi", "giamsat")
    page = parse(client.get("/reports/", query_string={"start": "2026-05-01",
                                                       "end": "2026-01-31"}))
    assert field_errors(page, "end") == [catalog_text(
        app, "vi", "The end of the period must not come before its start.")]
    assert input_value(page, "start") == "2026-05-01"
    assert input_value(page, "end") == "2026-01-31"
    assert page.find("h2", id="summary") is None


def test_places_of_another_office_answer_404(app, db, outreach):
    other = outreach["other"]
    client = new_client(app, None, "giamsat")
    for args in ({"commune": other["commune"]}, {"officer": other["officer"]},
                 {"commune": outreach["communes"]["Xã Chế Tạo"], "village": other["village"]}):
        assert client.get("/reports/", query_string={**PERIOD, **args}).status_code == 404
        assert client.get("/dashboard", query_string=args).status_code == 404
        assert client.get("/reports/export", query_string={
            **PERIOD, **args, "dataset": "visits", "format": "csv"}).status_code == 404
    # On a laptop the office filter is not offered, and asking for it changes nothing.
    page = parse(client.get("/reports/", query_string={**PERIOD, "office": other["office"]}))
    assert cells(page, catalog_text(app, "vi", "Summary"))[
        catalog_text(app, "vi", "Door-to-door visits")] == ["4"]


# ---- Dashboard -------------------------------------------------------------------------------

@pytest.fixture
def this_year(db):
    """A visit today and one on the first of January, a session this month, targets."""
    today = clock.today()
    canbo, giamsat = user_id(db, "canbo"), user_id(db, "giamsat")
    home = household(db, village_id(db, "Mí Háng"), canbo, person("Giàng A Páo", 1980, "male"))
    visit(db, home["id"], canbo, datetime.combine(today, datetime.min.time()),
          present=[home["Giàng A Páo"]],
          outcomes={home["Giàng A Páo"]: (["vssid_installed"], None)})
    second = household(db, village_id(db, "Tu San"), giamsat, person("Lý Thị Dua", 1990))
    visit(db, second["id"], giamsat, f"{today.year}-01-01T09:00", present=[second["Lý Thị Dua"]])
    session(db, village_id(db, "Mí Háng"), f"{today:%Y-%m}-01T08:00", [canbo], 6, 3, 3,
            {"mong": 6}, roster=[home["Giàng A Páo"]])
    office = office_id(db)
    che_tao = one(db, "select code from communes where name = 'Xã Chế Tạo'")["code"]
    targets.save_target(db, office, None, today.year, None, {"households": 40, "people": 80},
                        user_id=giamsat)
    targets.save_target(db, office, che_tao, today.year, None, {"households": 10},
                        user_id=giamsat)
    targets.save_target(db, office, None, today.year, today.month, {"households": 4},
                        user_id=giamsat)
    return {"january": today.month == 1}


def test_the_supervisors_dashboard_measures_month_and_year_against_targets(app, db, this_year):
    page = parse(new_client(app, "en", "giamsat").get("/dashboard"))
    summary = cells(page, "Against target")
    # This month: today's visit (and the one of 1 January in January); the session's 6.
    month_households = 2 if this_year["january"] else 1
    assert summary["Households visited"] == [str(month_households), "4", "2", "40", "5%"]
    # People: Giàng A Páo (visit and roster), 5 attendees not on the roster, and in the year
    # (or a January month) Lý Thị Dua.
    month_people = 7 if this_year["january"] else 6
    assert summary["People reached"][2:] == ["7", "80", "9%"]
    assert summary["People reached"][0] == str(month_people)
    assert summary["VssID installs"][2:] == ["1", "—", "—"]
    communes = cells(page, "By commune")
    # Month and year per figure; Chế Tạo's (Mí Háng and Tu San) yearly households target after
    # a slash.
    assert communes["Xã Chế Tạo"][:2] == [str(month_households), "2 / 10"]
    assert "Xã Lao Chải" in communes
    officers = cells(page, "By officer")
    assert set(officers) == {"Giàng A Dế", "Lò Thị Mai"}
    svg = page.find_all("svg")
    assert len(svg) == 2 and all(s.get("role") == "img" for s in svg)
    assert "Xã Chế Tạo" in svg[0].text and "2 / 10" in svg[0].text
    # Bars and target ticks share one scale: 2 done of 10 reaches a fifth of the way to the tick.
    bar, *others = svg[0].find_all("rect")
    tick = svg[0].find("line")
    assert float(tick.get("x1")) - float(bar.get("x")) == pytest.approx(
        5 * float(bar.get("width")))
    assert {float(r.get("width")) for r in others} == {0.0}
    assert page.find("polyline") is not None or clock.today().month == 1
    # Nothing on the page comes from elsewhere: the app is used offline.
    html = new_client(app, "en", "giamsat").get("/dashboard").get_data(as_text=True)
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in html


def test_an_officers_dashboard_shows_their_figures_and_follow_ups(app, db, this_year):
    canbo = user_id(db, "canbo")
    home = household(db, village_id(db, "Tu San"), canbo, person("Vàng A Lử", 1975, "male"))
    visit(db, home["id"], canbo, clock.now() - timedelta(days=3),
          follow_up_on=clock.today() + timedelta(days=2))
    page = parse(new_client(app, "en", "canbo").get("/dashboard"))
    summary = cells(page, "Against target")
    # Their own visits only (today's and three days ago), not the supervisor's of 1 January.
    assert summary["Households visited"][2] == "2"
    assert "By officer" not in [squash(h.text) for h in page.find_all("h2")]
    follow_ups = page.find("h2", id="follow-ups")
    assert follow_ups is not None
    assert "Vàng A Lử" in page.find("main").text
    assert page.find("a", href="/reports/targets") is None


# ---- Targets ---------------------------------------------------------------------------------

def test_a_supervisor_sets_targets_that_are_stored_for_sync(app, db):
    client = new_client(app, "vi", "giamsat")
    office = office_id(db)
    che_tao = one(db, "select code from communes where name = 'Xã Chế Tạo'")["code"]
    response = client.post_form("/reports/targets?year=2026", {
        "office-households": "1200", "office-people": "", f"c{che_tao}-sessions": "24"})
    assert response.status_code == 302
    saved = targets.office_targets(db, office, 2026)
    assert saved[(None, None)]["households"] == 1200 and saved[(None, None)]["people"] is None
    assert saved[(che_tao, None)]["sessions"] == 24
    row = store.get(db, "targets", targets.target_id(office, che_tao, 2026, None))
    assert capture.scope(db.sync, "targets", row) == (None, office)
    assert db.execute("select count(*) from sync_log where table_name = 'targets'"
                      ).fetchone()[0] == 2
    # Shown again as saved; changing one figure edits the same row.
    page = parse(client.get("/reports/targets?year=2026"))
    assert input_value(page, "office-households") == "1200"
    client.post_form("/reports/targets?year=2026", {"office-households": "1300",
                                                    f"c{che_tao}-sessions": "24"})
    assert db.execute("select count(*) from targets").fetchone()[0] == 2
    assert targets.office_targets(db, office, 2026)[(None, None)]["households"] == 1300


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_wrong_targets_are_refused_beside_the_field_and_kept(app, db, locale):
    client = new_client(app, locale, "giamsat")
    office = office_id(db)
    targets.save_target(db, office, None, 2026, None, {"sessions": 100}, user_id=None)
    page = parse(client.post_form("/reports/targets?year=2026&month=3", {
        "office-households": "abc", "office-people": "-5", "office-sessions": "120"}))
    assert field_errors(page, "office-households") == [
        catalog_text(app, locale, "Not a valid integer value.")]
    assert field_errors(page, "office-people") == [
        catalog_text(app, locale, "Enter a whole number from 0 to %(max)d.", max=10_000_000)]
    assert field_errors(page, "office-sessions") == [
        catalog_text(app, locale, "More than the year's target (%(year)d).", year=100)]
    assert input_value(page, "office-households") == "abc"
    assert input_value(page, "office-sessions") == "120"
    assert targets.office_targets(db, office, 2026) == {
        (None, None): {**dict.fromkeys(counting.METRICS), "sessions": 100}}


def test_officers_cannot_set_targets(app, db):
    client = new_client(app, None, "canbo")
    assert client.get("/reports/targets").status_code == 403
    assert client.post_form("/reports/targets?year=2026",
                            {"office-households": "5"}).status_code == 403
    assert db.execute("select count(*) from targets").fetchone()[0] == 0


def test_an_offices_target_is_its_own_or_the_sum_of_its_communes(db, other_office):
    office = office_id(db)
    codes = [r["code"] for r in db.query(
        "select code from communes where province_code = 15"
        " and name in ('Xã Chế Tạo', 'Xã Lao Chải') order by code")]
    for code, households in zip(codes, (30, 12)):
        targets.save_target(db, office, code, 2026, None, {"households": households,
                                                           "sessions": 2}, user_id=None)
    targets.save_target(db, office, None, 2026, None, {"sessions": 50}, user_id=None)
    targets.save_target(db, other_office["office"], None, 2026, None, {"households": 8},
                        user_id=None)
    mine = targets.area_targets(db, scope.Area(office), 2026)[None]
    assert (mine["households"], mine["sessions"], mine["people"]) == (42, 50, None)
    assert targets.area_targets(db, scope.Area(office, commune_code=codes[1]), 2026)[None][
        "households"] == 12
    everyone = targets.area_targets(db, scope.Area(), 2026)[None]
    assert (everyone["households"], everyone["sessions"]) == (50, 50)
    assert targets.area_targets(db, scope.Area(province_code=1), 2026)[None]["households"] == 8
    assert targets.area_targets(db, scope.Area(office), 2026, 5)[None]["households"] is None


def test_group_targets_give_each_units_targets_as_area_targets_does(db, other_office):
    office, other = office_id(db), other_office["office"]
    codes = [r["code"] for r in db.query(
        "select code from communes where province_code = 15"
        " and name in ('Xã Chế Tạo', 'Xã Lao Chải') order by code")]
    targets.save_target(db, office, codes[0], 2026, None, {"households": 30}, user_id=None)
    targets.save_target(db, office, codes[1], 2026, 3, {"visits": 4}, user_id=None)
    targets.save_target(db, office, None, 2026, 3, {"sessions": 5}, user_id=None)
    targets.save_target(db, other, other_office["commune"], 2026, None, {"households": 8},
                        user_id=None)
    units = {"year": (2026, None), "march": (2026, 3), "april": (2026, 4)}
    for area in (scope.Area(), scope.Area(office), scope.Area(province_code=1),
                 scope.Area(office, commune_code=codes[1]),
                 scope.Area(province_code=15, commune_code=codes[0])):
        found = targets.group_targets(db, area, units, ("commune", "office"))
        for by in (None, "commune", "office"):
            for name, unit in units.items():
                expected = targets.area_targets(db, area, *unit, by=by)
                assert {key: found[by][key][name] for key in expected} == expected, (area, by)
                assert all(found[by][key][name] == {} for key in found[by]
                           if key not in expected), (area, by)


def test_the_report_of_a_calendar_year_shows_its_targets(app, db, outreach):
    targets.save_target(db, office_id(db), None, 2026, None, {"households": 60}, user_id=None)
    page = parse(new_client(app, "en", "giamsat").get(
        "/reports/", query_string={"start": "2026-01-01", "end": "2026-12-31"}))
    assert cells(page, "Summary")["Households visited"] == ["3", "60"]
    # Any other period has no target to show.
    page = parse(new_client(app, "en", "giamsat").get("/reports/", query_string=PERIOD))
    assert cells(page, "Summary")["Households visited"] == ["2"]


# ---- Exports ---------------------------------------------------------------------------------

def download(client, dataset, fmt, **args):
    response = client.get("/reports/export", query_string={
        **PERIOD, "dataset": dataset, "format": fmt, **args})
    assert response.status_code == 200, response.status_code
    return response


def read_csv(response):
    data = response.data
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_visits_export_as_csv_with_a_bom_and_headers_in_the_users_language(app, db, outreach,
                                                                           locale):
    response = download(new_client(app, locale, "giamsat"), "visits", "csv")
    assert response.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in response.headers["Content-Disposition"]
    header, *rows = read_csv(response)
    assert header[:3] == [catalog_text(app, locale, m)
                          for m in ("Date and time", "Commune", "Village")]
    assert [r[0] for r in rows] == ["2026-02-10 09:00", "2026-03-05 10:00", "2026-03-06 10:00",
                                    "2026-04-01 08:30"]
    outcomes = rows[0][header.index(catalog_text(app, locale, "Outcomes"))]
    assert "P1 Giàng A Páo: " + catalog_text(app, locale, "Registered for voluntary BHXH") \
        in outcomes


def test_sessions_and_report_export_as_xlsx(app, db, outreach):
    client = new_client(app, "en", "giamsat")
    book = load_workbook(io.BytesIO(download(client, "sessions", "xlsx").data))
    rows = list(book.active.values)
    assert rows[0][:3] == ("Date and time", "Commune", "Village")
    assert [(r[0], r[10]) for r in rows[1:]] == [("2026-03-20 14:00", 10),
                                                 ("2026-06-30 18:00", 4)]
    book = load_workbook(io.BytesIO(download(client, "report", "xlsx").data))
    assert book.sheetnames[:3] == ["Summary", "By commune", "By officer"]
    summary = {r[0]: r[1] for r in list(book["Summary"].values)[1:]}
    assert summary["Door-to-door visits"] == 4 and summary["People reached"] == 16
    communes = {r[0]: r[1:] for r in list(book["By commune"].values)[1:]}
    assert communes["Xã Chế Tạo"] == (3, 1, 1, 10, 11, 2, 1, 2)
    ethnicity = {r[0]: r[1] for r in list(book["Attendees by ethnic group"].values)[1:]}
    assert ethnicity == {"Mông (Hmong)": 8, "Kinh": 1, "Not recorded": 1, "Thái": 4}


def test_report_export_as_csv_holds_every_table(app, db, outreach):
    rows = read_csv(download(new_client(app, "en", "giamsat"), "report", "csv"))
    titles = [r[0] for r in rows if len(r) == 1]
    assert titles == ["Summary", "By commune", "By officer", "Attendees by ethnic group"]


@pytest.fixture
def numbered(db):
    """A person with both personal numbers, in the demo office."""
    return household(db, village_id(db, "Mí Háng"), user_id(db, "canbo"),
                     person("Vàng Thị Sy", 1990, cccd="015190000123", bhxh_number="1512345678"))


@pytest.mark.parametrize("username, asked, shown", [
    ("giamsat", False, False), ("giamsat", True, True), ("quantri", True, True),
    ("canbo", False, False), ("canbo", True, False)])
def test_personal_numbers_only_for_managers_who_ask(app, db, numbered, username, asked, shown):
    client = new_client(app, "en", username)
    args = {"personal": "y"} if asked else {}
    for fmt in ("csv", "xlsx"):
        response = download(client, "people", fmt, **args)
        if fmt == "csv":
            header, *rows = read_csv(response)
        else:
            header, *rows = list(load_workbook(io.BytesIO(response.data)).active.values)
        assert ("CCCD" in header) is shown
        assert ("Mã số BHXH" in header) is shown
        row = next(r for r in rows if r[0] == "Vàng Thị Sy")
        assert ("015190000123" in row) is shown
        assert ("1512345678" in row) is shown
        if not shown:
            assert b"015190000123" not in response.data


def test_the_personal_numbers_option_is_offered_to_managers_only(app, db, outreach):
    for username, offered in (("giamsat", True), ("canbo", False)):
        page = parse(new_client(app, "en", username).get("/reports/", query_string=PERIOD))
        assert (page.find("input", name="personal") is not None) is offered


# ---- Central server --------------------------------------------------------------------------

def summary_counts(client, **args):
    page = parse(client.get("/reports/", query_string={**PERIOD, **args}))
    return {k: v[0] for k, v in cells(page, "Summary").items()}


def test_central_reports_across_offices_with_filters(central_app):
    app, db = central_app
    outreach_data = build_outreach(db, build_other_office(db))
    client = new_client(app, "en", "giamsat")
    everyone = summary_counts(client)
    assert everyone["Door-to-door visits"] == str(TOTAL["visits"] + OTHER["visits"])
    assert everyone["People reached"] == str(TOTAL["people"] + OTHER["people"])
    other = outreach_data["other"]
    assert summary_counts(client, office=other["office"])["Door-to-door visits"] == "1"
    assert summary_counts(client, province=1)["People reached"] == str(OTHER["people"])
    assert summary_counts(client, province=15)["People reached"] == str(TOTAL["people"])
    assert summary_counts(client, commune=outreach_data["communes"]["Xã Lao Chải"])[
        "People reached"] == "5"
    page = parse(client.get("/reports/", query_string=PERIOD))
    offices_table = cells(page, "By office")
    assert offices_table["BHXH Ba Đình"][0] == "1"
    assert offices_table["BHXH cơ sở Mù Cang Chải – Trạm Tấu"][0] == "4"
    # Exports follow the same filters and name each row's office.
    header, *rows = read_csv(client.get("/reports/export", query_string={
        **PERIOD, "dataset": "visits", "format": "csv", "province": 1}))
    assert header[1] == "Office" and [r[1] for r in rows] == ["BHXH Ba Đình"]
    dashboard = parse(client.get("/dashboard", query_string={"office": other["office"]}))
    assert "By office" not in [squash(h.text) for h in dashboard.find_all("h2")]
    assert "Phường Ba Đình" in cells(dashboard, "By commune")


def decisions(monkeypatch):
    """[(what was decided, with its arguments)] each time a report asks the database."""
    asked = []

    def recorded(module, name, what):
        real = getattr(module, name)

        def decide(*args):
            asked.append((name, what(*args)))
            return real(*args)
        monkeypatch.setattr(module, name, decide)

    recorded(scope, "_communes", lambda db, area: (area.office_id, area.province_code))
    recorded(paths, "whole_months", lambda db, periods: tuple(periods.items()))
    recorded(paths, "counts_add_up", lambda db, area, by, dim, year, kinds: (
        area.office_id, area.province_code, by == "office", dim, year, tuple(kinds)))
    recorded(targets, "_read", lambda db, area, year, month: (
        area.office_id, area.province_code, year, month))
    return asked


@pytest.mark.parametrize("args", [{}, {"province": 15}, {"commune": "Xã Lao Chải"}])
def test_a_request_decides_each_thing_about_its_area_once(central_app, monkeypatch, args):
    """The area's communes, the probes choosing a counting path and the targets of a month or
    a year are asked of the database once per page, however many tables use them."""
    app, db = central_app
    outreach_data = build_outreach(db, build_other_office(db))
    args = {k: outreach_data["communes"].get(v, v) for k, v in args.items()}
    client = new_client(app, "en", "giamsat")
    asked = decisions(monkeypatch)
    for route, period in (("/dashboard", {}), ("/reports/", {}),
                          ("/reports/", {"start": "2026-01-01", "end": "2026-12-31"})):
        asked.clear()
        assert client.get(route, query_string={**period, **args}).status_code == 200
        assert len(asked) == len(set(asked)), (route, asked)
        assert [what for what in asked if what[0] == "_communes"] == [
            ("_communes", (None, args.get("province")))]
        assert any(what[0] == "_read" for what in asked)
        # The dashboard's periods end today: whether the counts kept ready answer is probed.
        assert route != "/dashboard" or any(what[0] == "whole_months" for what in asked)


def test_central_officers_still_see_only_their_own_work(central_app):
    app, db = central_app
    outreach_data = build_outreach(db, build_other_office(db))
    client = new_client(app, "en", "canbo")
    assert summary_counts(client)["Door-to-door visits"] == "3"
    assert client.get("/reports/", query_string={
        **PERIOD, "commune": outreach_data["other"]["commune"]}).status_code == 404


def test_central_managers_set_any_offices_targets(central_app):
    app, db = central_app
    other = build_other_office(db)
    client = new_client(app, "en", "quantri")
    assert client.post_form(f"/reports/targets?year=2026&office={other['office']}",
                            {"office-households": "9"}).status_code == 302
    row = store.get(db, "targets", targets.target_id(other["office"], None, 2026, None))
    # Logged with its office's scope: only that office's laptops receive it.
    assert one(db, "select scope_office from sync_log where table_name = 'targets'"
                   " and row_id = ?", [row["id"]])["scope_office"] == other["office"]



# ---- PDF -------------------------------------------------------------------------------------

@pytest.mark.parametrize("locale", ["vi", "en"])
def test_the_report_pdf_holds_the_figures_in_the_users_language(app, db, outreach, locale):
    from pypdf import PdfReader

    client = new_client(app, locale, "giamsat")
    page = parse(client.get("/reports/", query_string=PERIOD))
    link = next(
        a for a in page.find_all("a") if a.get("href", "").startswith("/reports/report.pdf"))
    response = client.get(link.get("href"))
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    text = squash(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages))
    assert catalog_text(app, locale, "Outreach report") in text
    assert f'{catalog_text(app, locale, "Door-to-door visits")} 4' in text
    assert f'{catalog_text(app, locale, "People reached")} 16' in text
    # Chế Tạo's row: visits, households, sessions, attendees, people, BHXH, BHYT, VssID.
    assert "Xã Chế Tạo 3 1 1 10 11 2 1 2" in text
    assert "Ba Đình" not in text and "Trần Văn Hà" not in text
    assert "BHXH cơ sở Mù Cang Chải" in text


def test_a_wrong_period_gives_no_pdf(app, db):
    client = new_client(app, "en", "giamsat")
    assert client.get("/reports/report.pdf", query_string={
        "start": "2026-05-01", "end": "2026-01-01"}).status_code == 400


# Names as a spreadsheet would run them, or that an XLSX file cannot hold as they are.
FORMULAS = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(1)"]
CONTROLS = "Giàng\x01 A\x02 Páo\x7f"


def test_exports_run_no_formula_and_survive_control_characters(app, db):
    household(db, village_id(db, "Mí Háng"), user_id(db, "canbo"),
              person(CONTROLS, 1980), *[person(name, 1990 + i) for i, name in enumerate(FORMULAS)])
    client = new_client(app, "en", "giamsat")
    header, *rows = read_csv(download(client, "people", "csv"))
    names = [r[0] for r in rows]
    # Text that would start a formula is kept, behind an apostrophe the spreadsheet hides.
    assert all("'" + name in names for name in FORMULAS)
    assert not [n for n in names if n.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert "Giàng A Páo" in names

    header, *rows = list(load_workbook(io.BytesIO(download(client, "people", "xlsx").data))
                         .active.iter_rows())
    cells = {row[0].value: row for row in rows}
    for name in FORMULAS:
        # Stored as text: the same characters, never a formula.
        assert cells[name][0].data_type == "s"
    assert "Giàng A Páo" in cells
    # Numbers stay numbers.
    years = [c.value for c in cells["-2+3"] if isinstance(c.value, int)]
    assert 1992 in years


def test_central_personal_numbers_only_for_the_offices_a_user_supervises(central_app):
    """On the central server a supervisor's export of people across offices holds the personal
    numbers of their own office's people only; the central administrator's, everyone's."""
    app, db = central_app
    other = build_other_office(db)
    household(db, other["village"], other["officer"],
              person("Lê Văn Số", 1991, cccd="001091000456", bhxh_number="0112345678"))
    household(db, village_id(db, "Mí Háng"), user_id(db, "canbo"),
              person("Vàng Thị Sy", 1990, cccd="015190000123", bhxh_number="1512345678"))
    for username, shown in (("giamsat", {"015190000123"}),
                            ("quantri", {"015190000123", "001091000456"})):
        header, *rows = read_csv(download(new_client(app, "en", username), "people", "csv",
                                          personal="y"))
        numbers = {r[header.index("CCCD")] for r in rows} - {""}
        assert numbers == shown, username
