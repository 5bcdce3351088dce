"""PostgreSQL's reach months are counted again once, at the commit, for a whole transaction."""

from datetime import datetime

import pytest

from fieldapp.households import queries as households
from fieldapp.places import queries as places
from fieldapp.visits import queries as visits

import postgres


def _recounts(db):
    """How many times reach_recount ran in this transaction so far."""
    return db.value("select coalesce(sum(calls), 0) from pg_stat_xact_user_functions"
                    " where funcname = 'reach_recount'")


@pytest.fixture
def place(postgres_central_database):
    db = postgres_central_database
    officer, office = tuple(db.one("select id, office_id from users where username = 'canbo'"
                                   ).values())
    commune = db.value("select min(commune_code) from office_communes where office_id = ?",
                       [office])
    village = places.create_village(db, commune, "Bản Cuối Giao Dịch", "ban",
                                    user_id=officer)["id"]
    db.execute("set track_functions = 'pl'")
    return db, officer, village


def _household(db, village, officer, name, members=2):
    household = households.register_household(
        db, village, {"language": "vi"}, {"full_name": name, "birth_year": 1980,
                                          "gender": "male", "relation": "head"},
        user_id=officer)
    for m in range(members - 1):
        households.add_person(db, household, {"full_name": f"{name} {m}", "birth_year": 2001,
                                              "gender": "female", "relation": "child"},
                              user_id=officer)
    return household, [r["id"] for r in db.all("select id from people where household_id = ?"
                                                " order by relation = 'head' desc", [household])]


def test_a_transaction_of_many_visits_recounts_once_at_its_commit(place):
    """A merged day wrote reach in a hundred statements, each counting again what it touched
    (1.7 ms apiece under the merge lock); the counts must come out as a rebuild's all the same."""
    db, officer, village = place
    registered = [_household(db, village, officer, f"Giàng A Lử {n}") for n in range(3)]
    with db.atomic():
        for n, (household, people) in enumerate(registered * 2):
            visits.record_visit(db, household, officer_id=officer, visited_at=datetime.now(),
                                present=people, outcomes={
                                    people[0]: (["household_bhyt"], None),
                                    people[1]: (["declined"] if n % 2 else ["interested"],
                                                None if n % 2 else "cannot_afford")})
        # Visits, their reach rows and outcomes: many statements on reach, none recounted yet.
        assert db.value("select count(*) from reach where household_id = ?",
                        [registered[0][0]]) > 0
        assert _recounts(db) == 0
        # What the commit runs, run now: one recount for everything touched.
        db.execute("set constraints reach_recount_at_commit immediate")
        assert _recounts(db) == 1
        db.execute("set constraints reach_recount_at_commit deferred")
        visits.record_visit(db, registered[0][0], officer_id=officer, visited_at=datetime.now(),
                            present=registered[0][1][:1])
        assert _recounts(db) == 1
    postgres.assert_counts_kept(db)


def test_what_a_rolled_back_savepoint_touched_is_not_counted(place):
    """The touched people noted in a savepoint undone go with it, as its reach rows do."""
    db, officer, village = place
    (kept, kept_people), (undone, undone_people) = (
        _household(db, village, officer, name) for name in ("Vàng A Dê", "Lý Thị Mai"))
    with db.atomic():
        visits.record_visit(db, kept, officer_id=officer, visited_at=datetime.now(),
                            present=kept_people[:1])
        with pytest.raises(RuntimeError), db.atomic():
            visits.record_visit(db, undone, officer_id=officer, visited_at=datetime.now(),
                                present=undone_people, outcomes={
                                    undone_people[0]: (["household_bhyt"], None)})
            noted = db.value("select current_setting('fieldapp.reach_touched', true)")
            assert undone in noted
            raise RuntimeError("the merge of this change failed")
        noted = db.value("select current_setting('fieldapp.reach_touched', true)")
        assert kept in noted and undone not in noted
    assert db.value("select current_setting('fieldapp.reach_touched', true)") in ("", None)
    assert db.value("select count(*) from reach_months where entity = ?", [kept]) > 0
    assert db.value("select count(*) from reach_months where entity = ?", [undone]) == 0
    postgres.assert_counts_kept(db)


def test_a_visit_removed_in_the_transaction_that_wrote_it_leaves_no_count(place):
    """Counted at the commit from reach as it stands then, not from what each statement saw."""
    db, officer, village = place
    household, people = _household(db, village, officer, "Sùng A Chứ")
    with db.atomic():
        visit = visits.record_visit(db, household, officer_id=officer,
                                    visited_at=datetime.now(), present=people,
                                    outcomes={people[0]: (["household_bhyt"], None)})
        db.execute("update visits set deleted_at = '2026-12-05T10:00:00Z' where id = ?",
                   [visit])
    assert db.value("select count(*) from reach where household_id = ?", [household]) == 0
    assert db.value("select count(*) from reach_months where entity in (?, ?)",
                    [household, people[0]]) == 0
    postgres.assert_counts_kept(db)
