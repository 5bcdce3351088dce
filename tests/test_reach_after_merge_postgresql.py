"""On PostgreSQL a merge's reach months are counted after its commit, once the merge lock is
released (revision 0009): the next merge goes on meanwhile, the counts come out as a rebuild's,
what a failed count left pending is counted by the next merge or before a report reads, and any
other write still counts at its own commit."""

import json
import threading
import time
import uuid
from datetime import date, datetime

import psycopg
import pytest

from fieldapp import demo
from fieldapp.db import connect
from fieldapp.dialects import postgresql as dialect
from fieldapp.households import queries as households_queries
from fieldapp.reach import paths as reach_paths
from fieldapp.reports import counting
from fieldapp.reports.scope import Area
from fieldapp.visits import queries as visits
from sync import clock, hlc, server
from sync.postgresql import MERGE_LOCK, PostgreSQLStore
from sync.postgresql import store as pg_store
from sync.protocol import PROTOCOL

import postgres

VISITED = "2026-11-20T09:00:00Z"


@pytest.fixture
def central(postgres_templates, postgres_server, central_demo_file):
    """(URL of a central database of the demo on PostgreSQL, its tested connection, an
    enrolled device, the office's households with their people, the officer)."""
    url, name = postgres_templates.copy("central", central_demo_file)
    db = postgres.tested(connect(url))
    office = db.value("select id from offices where name = ?", [demo.OFFICE_NAME])
    officer = db.value("select id from users where username = 'canbo'")
    village = db.value("""select v.id from villages v join office_communes oc
                            on oc.commune_code = v.commune_code and oc.deleted_at is null
                           where oc.office_id = ? order by v.id limit 1""", [office])
    households = [_household(db, village, officer, f"Giàng A Lử {n}") for n in range(4)]
    code = server.create_enrolment_code(db.sync, office, user_id=None)
    device = server.enrol(db.sync, {"protocol": PROTOCOL, "code": code,
                                    "device_name": "laptop"})["device_id"]
    yield url, db, device, households, officer
    db.close()
    postgres_server.drop_database(name)


def _household(db, village, officer, name):
    """(id, [its people's ids, the head first]) of a household of two registered."""
    household = households_queries.register_household(
        db, village, {"language": "vi"}, {"full_name": name, "birth_year": 1980,
                                          "gender": "male", "relation": "head"},
        user_id=officer)
    households_queries.add_person(db, household, {
        "full_name": f"{name} con", "birth_year": 2001, "gender": "female",
        "relation": "child"}, user_id=officer)
    return household, [r["id"] for r in db.all(
        "select id from people where household_id = ? order by relation = 'head' desc",
        [household])]


def _visit(device, household, people, officer, n, deleted=False):
    """The changes of a visit to the household, its people present and an outcome for the
    first; `deleted`: the visit removed."""
    stamp, at, visit = hlc.make(hlc.now_ms(), n, device), clock.stamp(), str(uuid.uuid4())
    fields = {"household_id": household, "visited_at": VISITED, "officer_id": officer,
              "present": json.dumps(people), "created_at": at, "updated_at": at}
    if deleted:
        fields["deleted_at"] = at
    return [{"table": "visits", "id": visit, "fields": {
                name: [value, stamp, ""] for name, value in fields.items()}},
            {"table": "visit_outcomes", "id": str(uuid.uuid4()), "fields": {
                name: [value, stamp, ""] for name, value in {
                    "visit_id": visit, "person_id": people[0], "outcome": "household_bhyt",
                    "created_at": at, "updated_at": at}.items()}}]


class Pushes:
    """A device's pushes, each merged through handle_sync on a store of its own connection."""

    def __init__(self, url, device):
        self.url, self.device, self.after = url, device, 0

    def push(self, changes):
        """The server's answer to a push of the changes."""
        for seq, change in enumerate(changes, self.after + 1):
            change["seq"] = seq
        after, self.after = self.after, self.after + len(changes)
        store = PostgreSQLStore.connect(self.url)
        try:
            answer = server.handle_sync(store, store.find("devices", id=self.device)[0], {
                "protocol": PROTOCOL, "app_version": "", "now": hlc.now_ms(),
                "push": {"after": after, "last": self.after, "changes": changes},
                "pull": {"cursor": 0}})
        finally:
            store.close()
        assert answer["rejected"] == []
        return answer


def _answered(pushes, changes, answers):
    """The push's answer, or what it raised, into `answers` (run in a thread)."""
    try:
        answers.append(pushes.push(changes))
    except BaseException as e:
        answers.append(e)
        raise


def _pending(db):
    return db.value("select count(*) from reach_pending")


def _visits_of(db, household):
    return db.value("select count(*) from visits where household_id = ?", [household])


def _free(url, lock):
    """Whether another connection takes the advisory lock at once (let go again)."""
    with psycopg.connect(url, autocommit=True) as conn:
        taken = conn.execute("select pg_try_advisory_lock(%s)", [lock]).fetchone()[0]
        if taken:
            conn.execute("select pg_advisory_unlock(%s)", [lock])
        return taken


def _waiting_to(db, statement):
    """Wait until a connection running the statement waits for an advisory lock."""
    for _ in range(300):
        if db.value("select count(*) from pg_stat_activity where wait_event = 'advisory'"
                    " and query like ?", [statement + "%"]):
            return
        time.sleep(0.05)
    raise AssertionError(f"nothing waits to {statement}")


def _waiting_to_settle(db, answers, merges=1):
    """Wait until `merges` connections wait for the settle lock, their merges committed."""
    for _ in range(300):
        assert not answers, answers
        if db.value("select count(*) from pg_stat_activity where wait_event = 'advisory'"
                    " and query = ?", [pg_store.SETTLE_COUNTS]) >= merges:
            return
        time.sleep(0.05)
    raise AssertionError("no merge came to count its months")


def test_a_merge_releases_the_merge_lock_before_its_months_are_counted(central):
    """Counted at the commit, under the merge lock, a merge's months held every other merge
    up a quarter of its time; now a merge commits and the next takes the lock at once."""
    url, db, device, households, officer = central
    pushes = Pushes(url, device)
    settling = psycopg.connect(url, autocommit=True)
    settling.execute("select pg_advisory_lock(%s)", [dialect.SETTLE_LOCK])
    answers, threads = [], []
    try:
        for n, (household, people) in enumerate(households[:2]):
            threads.append(threading.Thread(target=_answered, args=(
                pushes, _visit(device, household, people, officer, n), answers)))
            threads[-1].start()
            # Merged and committed while its months wait to be counted...
            _waiting_to_settle(db, answers, merges=n + 1)
            assert _visits_of(db, household) == 1
        # ...and the merge lock free for the next merge all along.
        assert _free(url, MERGE_LOCK)
        assert _pending(db) == 2
        assert db.value("select count(*) from reach_months where entity = ?",
                        [households[0][0]]) == 0
    finally:
        settling.execute("select pg_advisory_unlock(%s)", [dialect.SETTLE_LOCK])
        settling.close()
        for thread in threads:
            thread.join(30)
    assert len(answers) == 2 and all(isinstance(a, dict) for a in answers), answers
    assert _pending(db) == 0
    assert db.value("select count(*) from reach_months where entity = ?",
                    [households[0][0]]) > 0
    postgres.assert_counts_kept(db)


def test_the_counts_after_merges_are_a_rebuild_s(central):
    """Visits added, an outcome on the same person again and a visit removed, in merges one
    after another: each settled at once, the counts as derived again from reach."""
    url, db, device, households, officer = central
    pushes = Pushes(url, device)
    before = postgres.rows_of(db, "reach_counts")
    for n, (household, people) in enumerate(households):
        pushes.push(_visit(device, household, people, officer, n))
        assert _pending(db) == 0
        postgres.assert_counts_kept(db)
    household, people = households[0]
    removed = _visit(device, household, people, officer, 10)
    pushes.push(removed)
    stamp = hlc.make(hlc.now_ms(), 11, device)
    pushes.push([{"table": "visits", "id": removed[0]["id"], "fields": {
        "deleted_at": [clock.stamp(), stamp, ""], "updated_at": [clock.stamp(), stamp, ""]}}])
    assert _pending(db) == 0
    assert postgres.rows_of(db, "reach_counts") != before
    postgres.assert_counts_kept(db)


def test_merges_at_once_leave_nothing_pending_and_the_counts_a_rebuild_s(central):
    """Laptops merging at once, the settles of some waiting for others': nothing left pending,
    no merge failed, the counts as derived again from reach."""
    url, db, device, households, officer = central
    office = db.value("select office_id from devices where id = ?", [device])
    devices = [device] + [server.enrol(db.sync, {
        "protocol": PROTOCOL, "code": server.create_enrolment_code(db.sync, office, user_id=None),
        "device_name": f"laptop {n}"})["device_id"] for n in range(1, 4)]
    answers = []

    def evening(device, household, people):
        pushes = Pushes(url, device)
        for n in range(3):
            _answered(pushes, _visit(device, household, people, officer, n), answers)
    threads = [threading.Thread(target=evening, args=(d, *h))
               for d, h in zip(devices, households)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(answers) == 12 and all(isinstance(a, dict) for a in answers), answers
    assert _pending(db) == 0
    assert db.value("select count(*) from visits") == 12
    postgres.assert_counts_kept(db)


def test_communes_moving_take_the_merge_lock_before_the_settle_lock(central):
    """The rebuild when communes move, like a form's count at its commit (which holds the
    merge lock for its log entry), takes the merge lock first: in the other order the two
    would wait for each other."""
    url, db, device, households, officer = central
    household, people = households[0]
    Pushes(url, device).push(_visit(device, household, people, officer, 0))
    commune = db.value("select commune_code from reach where household_id = ? limit 1",
                       [household])
    merging = psycopg.connect(url, autocommit=True)
    merging.execute("select pg_advisory_lock(%s)", [MERGE_LOCK])
    moved = []

    def move():
        mover = connect(url)
        try:
            mover.execute("update office_communes set deleted_at = '2026-12-05T10:00:00Z'"
                          " where commune_code = ?", [commune])
            moved.append(True)
        finally:
            mover.close()
    thread = threading.Thread(target=move)
    try:
        thread.start()
        _waiting_to(db, "update office_communes")
        # Waiting for the merge lock, it holds no settle lock yet.
        assert _free(url, dialect.SETTLE_LOCK)
        assert not moved
    finally:
        merging.execute("select pg_advisory_unlock(%s)", [MERGE_LOCK])
        merging.close()
        thread.join(30)
    assert moved
    assert db.value("select count(*) from reach_months where entity = ?", [household]) == 0
    db.execute("update office_communes set deleted_at = null where commune_code = ?", [commune])
    assert db.value("select count(*) from reach_months where entity = ?", [household]) > 0
    postgres.assert_counts_kept(db)


def _failing_settle(monkeypatch):
    """The settle after a merge fails (as when its connection drops after the commit)."""
    monkeypatch.setattr(pg_store, "SETTLE_COUNTS", "select reach_settle_gone()")


def test_what_a_failed_count_left_is_counted_by_the_next_merge(central, monkeypatch, caplog):
    url, db, device, households, officer = central
    pushes = Pushes(url, device)
    _failing_settle(monkeypatch)
    (first, first_people), (second, second_people) = households[:2]
    pushes.push(_visit(device, first, first_people, officer, 0))
    # The merge stands; its months are left pending, not lost.
    assert _visits_of(db, first) == 1 and _pending(db) == 1
    assert "reach counts left pending" in caplog.text
    with pytest.raises(AssertionError):
        postgres.assert_counts_kept(db)
    monkeypatch.undo()
    pushes.push(_visit(device, second, second_people, officer, 1))
    assert _pending(db) == 0
    assert db.value("select count(*) from reach_months where entity = ?", [first]) > 0
    postgres.assert_counts_kept(db)


def _households_visited(db, office):
    """The office's households visited in the visits' month, as a report counts them."""
    area, month = Area.asked(office_id=office), (date(2026, 11, 1), date(2026, 11, 30))
    found = counting.figures(db, area, *month, families=("visits",))
    # Read from the counts, not counted over reach.
    assert reach_paths.counting_path(db, area, {"p": month}, None, ["household"])
    return found[None]["households"] if found else 0


def test_what_a_failed_count_left_is_counted_before_a_report_reads(central, monkeypatch):
    url, db, device, households, officer = central
    pushes = Pushes(url, device)
    office = db.value("select office_id from devices where id = ?", [device])
    was = _households_visited(db, office)
    _failing_settle(monkeypatch)
    for n, (household, people) in enumerate(households[:2]):
        pushes.push(_visit(device, household, people, officer, n))
    assert _pending(db) == 2
    # The counts as they were, not yet the merges'...
    assert postgres.rows_of(db, "reach_months") != postgres.counts_built_again(
        db)["reach_months"]
    # ...are counted before the report reads them.
    assert _households_visited(db, office) == was + 2
    assert _pending(db) == 0
    postgres.assert_counts_kept(db)


def test_the_apps_own_write_counts_at_its_commit(central):
    """A form's visit on the central server is counted at its commit, also on a connection
    that merged before (saying it merges holds for the merge's transaction only)."""
    url, db, device, households, officer = central
    (merged, merged_people), (visited, people) = households[:2]
    with db.sync.merging() as store:
        store.update("households", {"address_note": "sửa"}, id=merged)
    visits.record_visit(db, visited, officer_id=officer, visited_at=datetime(2026, 11, 21, 9),
                        present=people, outcomes={people[0]: (["household_bhyt"], None)})
    assert _pending(db) == 0
    assert db.value("select count(*) from reach_months where entity = ?", [visited]) > 0
    postgres.assert_counts_kept(db)
