"""Corrections travel (issue 22): a record's history on the central server and on another laptop
is the one the laptop that made the change shows, removals and their reasons included, and
the figures follow the correction everywhere."""

import contextlib
import fcntl
import json
import threading
import time
from datetime import date, datetime

from fieldapp import history
from fieldapp.households import queries as households
from fieldapp.reports import counting, scope
from fieldapp.visits import queries as visits
from test_sync import converge, register

# Run on a central server on SQLite and on PostgreSQL (tests/conftest.py).
CENTRAL_STORES = ("sqlite", "postgresql")


def read(machine, table, row_id):
    """The history as its page shows it: (action, who, changes in words, reason), newest first."""
    with machine.app.app_context():
        return [(h["action"], h["user_name"], [tuple(map(str, c)) for c in h["changes"]],
                 h["reason"], h["restored"])
                for h in history.entries(machine.db, table, row_id)]


def figures(db, office):
    found = counting.total(counting.figures(db, scope.Area(office), date(2026, 1, 1),
                                            date(2026, 12, 31)))
    return {k: found[k] for k in ("visits", "households", "people", "vssid_installed")}


class _Central:
    """The central server's database, read as a laptop's: the app it serves, on its file."""

    def __init__(self, central):
        from fieldapp import create_app
        self.db = central.db
        self.app = create_app({"TESTING": True, "CENTRAL": True,
                               "DATABASE": str(central.instance / "fieldapp.sqlite3")},
                              instance_path=str(central.instance))


def test_a_correction_and_a_removal_read_the_same_on_every_machine(central, laptops):
    a, b = laptops("a"), laptops("b")
    office = central.office_id()
    household_id, head = register(a, "Giàng A Lử")
    twice = households.add_person(a.db, household_id, {
        "full_name": "Giàng A Lử", "gender": "male", "birth_year": 1980, "relation": "other",
        "bhxh_status": "none", "vssid": "unknown"}, user_id=a.user())["id"]
    visit_id = visits.record_visit(a.db, household_id, officer_id=a.user(),
                                   visited_at=datetime(2026, 11, 20, 9, 30), present=[twice],
                                   outcomes={head: (["vssid_installed"], None)})
    households.update_person(a.db, head, {"cccd": "012345678901"}, user_id=a.user())
    converge(central, a, b)
    before = figures(central.db, office)
    # The duplicate goes, with its reason; the visit is removed, then brought back.
    households.remove_person(a.db, twice, "Nhập hai lần", user_id=a.user())
    visits.remove_visit(a.db, visit_id, "Nhầm hộ", user_id=a.user())
    visits.restore_visit(a.db, visit_id, user_id=a.user())
    converge(central, a, b)
    machines = (a, _Central(central), b)
    for table, row_id in (("people", head), ("people", twice), ("visits", visit_id)):
        on_a = read(a, table, row_id)
        assert on_a, (table, row_id)
        for other in machines[1:]:
            assert read(other, table, row_id) == on_a, (table, row_id)
    # Who: the officer, not the laptop; the number masked as on the laptop.
    cccd = [e for e in read(b, "people", head) if e[0] == "update"
            and any(c[1:] != ("", "") for c in e[2])]
    assert cccd and cccd[-1][1] == "Giàng A Dế"
    assert "012345678901" not in str(read(b, "people", head))
    removed = read(machines[1], "people", twice)[0]
    assert removed[:2] == ("delete", "Giàng A Dế") and removed[3] == "Nhập hai lần"
    assert read(b, "visits", visit_id)[0][4] is True  # brought back
    # The figures follow: one person fewer reached, on every machine alike.
    after = {m.__class__.__name__ + str(i): figures(m.db, office)
             for i, m in enumerate(machines)}
    expected = {**before, "people": before["people"] - 1}
    assert all(f == expected for f in after.values()), after


def test_the_central_audit_trail_names_the_officer_the_record_and_the_values(central, laptops):
    from syncing import Web
    a = laptops("a")
    household_id, head = register(a, "Mùa A Sình")
    households.update_person(a.db, head, {"cccd": "012345678902"}, user_id=a.user())
    a.sync()
    admin = Web(central.url)
    admin.log_in("trungtam", central.logins["trungtam"])
    page = admin.get(f"/central/audit/?action=merged&row={head}")[2]
    assert "Giàng A Dế" in page  # the officer, not only the laptop
    assert f'href="/people/{head}"' in page and "Mùa A Sình" in page
    assert "••••••••8902" in page and "012345678902" not in page
    assert central.db.execute("select count(*) from audit_log where detail like ?",
                              ["%012345678902%"]).fetchone()[0] == 0


@contextlib.contextmanager
def merges_held(central):
    """The central server's merge lock, held by the test (its file lock on SQLite, its advisory
    lock on PostgreSQL) until the block ends."""
    if central.database_url:
        import psycopg

        from sync.postgresql import MERGE_LOCK
        with psycopg.connect(central.database_url, autocommit=True) as conn:
            conn.execute("select pg_advisory_lock(%s)", [MERGE_LOCK])
            yield
            conn.execute("select pg_advisory_unlock(%s)", [MERGE_LOCK])
        return
    with open(central.instance / "fieldapp.sqlite3-merge.lock", "a") as merges:
        fcntl.flock(merges, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(merges, fcntl.LOCK_UN)


def test_the_audit_trail_of_a_push_names_its_own_change_when_another_merge_came_first(
        central, laptops):
    """The history entry a merge leaves goes to the trail as it is: a merge of the same record
    that took the lock between the push's arrival and its own merge is not taken for it."""
    a = laptops("a")
    household_id, head = register(a, "Thào A Chứ")
    a.sync()
    households.update_person(a.db, head, {"birth_year": 1971}, user_id=a.user())
    pushing = threading.Thread(target=a.sync)
    with merges_held(central):
        pushing.start()
        time.sleep(1)  # the push waits for the lock held here
        assert pushing.is_alive()
        # Another merge's entry for the same person, committed first.
        central.db.execute(
            "insert into history (table_name, row_id, at, user_id, action, changes)"
            " values ('people', ?, '2026-12-01T00:00:00.000+00:00', null, 'update', ?)",
            [head, '{"full_name": ["Thào A Chứ", "Someone Else"]}'])
    pushing.join(60)
    assert not pushing.is_alive()
    rows = central.db.execute(
        "select user_id, detail from audit_log where action = 'merged' and row_id = ?"
        " order by id", [head]).fetchall()
    detail = json.loads(rows[-1][1])
    assert rows[-1][0] == a.user() and "birth_year" in detail["fields"]
    assert (detail["action"], detail["changes"]) == ("update", {"birth_year": [1980, 1971]})
