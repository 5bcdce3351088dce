"""PostgreSQL's reach triggers at a national size: what a write recounts is found by index."""

from datetime import datetime

from fieldapp.households import queries as households
from fieldapp.places import queries as places
from fieldapp.visits import queries as visits

import postgres


def test_a_visit_recounts_its_household_and_people_without_reading_all_of_reach(
        postgres_central_database):
    """Revision 0002's recount joined reach on an expression: a scan of every reach row for
    each statement writing reach (2.4 s a visit at 1,000,000 households)."""
    db = postgres_central_database
    officer, office = tuple(db.one("select id, office_id from users where username = 'canbo'"
                                   ).values())
    commune = db.value("select min(commune_code) from office_communes where office_id = ?",
                       [office])
    village = places.create_village(db, commune, "Bản Đo Quét", "ban", user_id=officer)["id"]

    def register(name):
        household = households.register_household(
            db, village, {"language": "vi"}, {"full_name": name, "birth_year": 1980,
                                              "gender": "male", "relation": "head"},
            user_id=officer)
        return household, db.value("select id from people where household_id = ?", [household])
    # A province's visits as reach holds them (written directly: only their number matters).
    db.execute("alter table reach disable trigger user")
    db.execute("""insert into reach (source_id, day, commune_code, village_id, officer_id,
                                     household_id, person_id, kind)
                  select 'v' || n, '2026-11-02', ?, ?, ?, 'h' || n, null, 'visit'
                    from generate_series(1, 20000) n""", [commune, village, officer])
    db.execute("alter table reach enable trigger user")
    db.execute(db.dialect.rebuild_counts())
    db.execute("analyze reach")
    others = db.value("select count(*) from reach")
    household, head = register("Giàng A Páo")
    visit = visits.record_visit(db, household, officer_id=officer, visited_at=datetime.now(),
                                present=[head], outcomes={head: (["household_bhyt"], None)})
    reads = ("select seq_tup_read + idx_tup_fetch from pg_stat_xact_user_tables"
             " where relname = 'reach'")
    with db.atomic():
        # Counted from within the transaction: what this backend read in the last second and
        # has not reported yet is counted in the view too (PostgreSQL 15's statistics).
        before = db.value(reads)
        # The visit's reach rows written again, and its household and head counted again.
        db.execute("update visits set notes = 'Hẹn quay lại' where id = ?", [visit])
        read = db.value(reads) - before
    # Each statement's recount reads the visit's own rows, not the province's: at most one
    # pass over reach is left in the whole write (before, one per statement: five here).
    assert read < 2 * others
    assert db.value("select count(*) from reach where household_id = ?", [household]) == 3
    postgres.assert_counts_kept(db)
