"""Reports across offices as a national server counts them: the session figures of an area and
of its offices summed from its communes', the listings kept to the area's communes written out,
PostgreSQL's connections without JIT; each equal to what a direct count gives, on both stores."""

import json
from datetime import date, datetime

import pytest

from fieldapp import offices, store
from fieldapp.group_sessions import queries as sessions
from fieldapp.reports import counting, listings, scope
from helpers import new_client
from registry import user_id
from test_reports import build_other_office, build_outreach

CENTRAL_STORES = ("sqlite", "postgresql")

PERIODS = {"month": (date(2026, 3, 1), date(2026, 3, 31)),
           "half": (date(2026, 1, 1), date(2026, 6, 30)),
           "year": (date(2026, 1, 1), date(2026, 12, 31))}


def counted_directly(db, area, periods, by):
    """{key: {period: {figure: n}}} of the session figures, one query for the grouping itself
    (as every grouping was counted before the communes' sums)."""
    found = {}
    for row in counting._session_figures(db, area, counting._periods_params(area, periods),
                                         periods, by):
        key = row.pop("key")
        counts = found.setdefault(key, {name: dict.fromkeys(counting.FIGURES, 0)
                                        for name in periods})
        for column, value in row.items():
            name, figure = column.split("__")
            counts[name][figure] += value or 0
    return found


@pytest.fixture
def national(central_app):
    """Two offices with visits and sessions (one led by two officers, one by none); a session
    moved to the other office's commune, one removed, a roster cut by one; a commune moved to a
    third office."""
    _app, db = central_app
    data = build_outreach(db, build_other_office(db))
    canbo = data["canbo"]
    march = db.value("select id from group_sessions where held_at like '2026-03-20%'")
    store.update(db, "group_sessions", march, {"commune_code": data["other"]["commune"]},
                 user_id=canbo)
    for row in db.query("select id from group_sessions where deleted_at is null"
                        " and held_at like '2026-08%'"):
        sessions.remove_session(db, row["id"], "mistake", user_id=canbo)
    # Led by nobody on the staff: its figures count under no officer.
    sessions.record_session(
        db, commune_code=data["communes"]["Xã Lao Chải"], village_id=None,
        held_at=datetime(2026, 3, 25, 9, 0), format="small_group", target_group="voluntary",
        facilitators=[], total=6, female=3, male=3, gender_unknown=0, by_ethnicity={"thai": 6},
        roster=[data["people"]["P5"]], user_id=canbo)
    store.soft_delete(db, "session_attendees", db.value(
        "select min(id) from session_attendees where session_id = ?", [march]), user_id=canbo)
    third = offices.create_office(db, name="BHXH Ba", province_code=15, communes=[],
                                  user_id=None)
    offices.move_commune(db, data["communes"]["Xã Lao Chải"], third["id"],
                         user_id=user_id(db, "quantri"))
    return db, {**data, "third": third["id"]}


def areas(data):
    yield scope.Area.asked()
    yield scope.Area.asked(province_code=15)
    yield scope.Area.asked(office_id=data["other"]["office"])
    yield scope.Area.asked(office_id=data["third"])
    yield scope.Area.asked(commune_code=data["communes"]["Xã Lao Chải"])
    yield scope.Area.asked(officer_id=data["canbo"])


def shown(found):
    """The groups with something in a period: one with nothing is left out either way."""
    return {k: v for k, v in found.items() if any(any(f.values()) for f in v.values())}


def test_session_figures_summed_from_communes_equal_a_count_of_each_grouping(national):
    db, data = national
    staff = {len(json.loads(row["facilitators"])) for row in db.query(
        "select facilitators from group_sessions where deleted_at is null")}
    assert {0, 2} <= staff, "sessions led by two officers and by none"
    for by, area in ((by, area) for by in (None, "office", "commune", "officer")
                     for area in areas(data)):
        kept = {key: {name: {f: figures[f] for f in counting.FAMILIES["sessions"]}
                      for name, figures in periods.items()}
                for key, periods in counting.figures_of_periods(
                    db, area, PERIODS, by, families=("sessions",)).items()}
        direct = {key: {name: {f: figures[f] for f in counting.FAMILIES["sessions"]}
                        for name, figures in periods.items()}
                  for key, periods in counted_directly(db, area, PERIODS, by).items()}
        assert shown(kept) == shown(direct), (area, by)
    for by in (None, "office", "commune", "officer"):
        assert any(shown(counted_directly(db, scope.Area.asked(), PERIODS, by)).values())


def test_the_listings_of_an_area_are_the_rows_of_its_communes(national):
    db, data = national
    start, end = PERIODS["year"]
    everyone = scope.Area.asked()
    every_visit = list(listings.visit_rows(db, everyone, start, end))
    every_session = list(listings.session_rows(db, everyone, start, end))
    every_person = list(listings.people_rows(db, everyone))
    assert every_visit and every_session and every_person
    for area in areas(data):
        if area.officer_id:
            continue
        communes = {c["name"] for c in area.communes(db)}
        assert list(listings.visit_rows(db, area, start, end)) == [
            r for r in every_visit if r["commune_name"] in communes], area
        assert list(listings.session_rows(db, area, start, end)) == [
            r for r in every_session if r["commune_name"] in communes], area
        assert list(listings.people_rows(db, area)) == [
            r for r in every_person if r["commune_name"] in communes], area


def test_an_area_without_communes_lists_nothing(national):
    db, data = national
    empty = offices.create_office(db, name="BHXH Trống", province_code=1, communes=[],
                                  user_id=None)
    area = scope.Area.asked(office_id=empty["id"])
    assert scope.in_area_communes(db, area, "r.commune_code") == ["1 = 0"]
    assert list(listings.visit_rows(db, area, *PERIODS["year"])) == []
    assert counting.figures(db, area, *PERIODS["year"]) == {}


@pytest.mark.central_stores("postgresql")
def test_the_apps_postgresql_connections_run_without_jit(central_app):
    """JIT compiled an export's query for longer than it ran (its JSON functions' estimates
    lift it over jit_above_cost)."""
    app, db = central_app
    from fieldapp.db import connect
    with app.app_context():
        fresh = connect(app.config["DATABASE_URL"])
        try:
            assert fresh.value("show jit") == "off"
            assert not fresh.in_transaction
        finally:
            fresh.close()


def test_the_dashboard_across_offices_charts_the_session_figures(central_app):
    """Charting a figure of the sessions alone reads no reach row (PostgreSQL refused the
    empty list of reach kinds the counts were probed with)."""
    app, db = central_app
    build_outreach(db, build_other_office(db))
    client = new_client(app, "en", "quantri")
    for metric in ("sessions", "attendees", "people"):
        assert client.get("/dashboard", query_string={"metric": metric}).status_code == 200
    assert counting.figures(db, scope.Area.asked(), *PERIODS["year"], by="month",
                            families=("sessions",))["2026-03"]["sessions"] == 2

