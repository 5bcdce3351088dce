"""A push's new rows are written a table at a time, one statement per run of rows alike, and
the rest of the push after them in its own order: on PostgreSQL the reach rows of a day's thirty
visits then follow one statement, not thirty (revision 0010). The same rows, reach and counts
as row by row, on both stores."""

import json
import shutil
import uuid

import pytest

from fieldapp import demo
from fieldapp.db import PostgreSQLDatabase, connect
from fieldapp.households import queries as households_queries
from sync import clock, hlc, server
from sync.protocol import PROTOCOL

import postgres

VISITED = "2026-11-20T09:00:00Z"


@pytest.fixture(params=["sqlite", "postgresql"])
def central(request, tmp_path, central_demo_file):
    """(the central database of the demo, an enrolled device, a village of its office, a
    household of it with its two people, the officer)."""
    if request.param == "postgresql":
        templates = request.getfixturevalue("postgres_templates")
        url, name = templates.copy("central", central_demo_file)
        request.addfinalizer(lambda: request.getfixturevalue("postgres_server")
                             .drop_database(name))
    else:
        url = tmp_path / "central.sqlite3"
        shutil.copyfile(central_demo_file, url)
    db = connect(url)
    request.addfinalizer(db.close)
    office = db.value("select id from offices where name = ?", [demo.OFFICE_NAME])
    officer = db.value("select id from users where username = 'canbo'")
    village = db.value("""select v.id from villages v join office_communes oc
                            on oc.commune_code = v.commune_code and oc.deleted_at is null
                           where oc.office_id = ? order by v.id limit 1""", [office])
    household = households_queries.register_household(
        db, village, {"language": "hnj"}, {"full_name": "Giàng A Lử", "birth_year": 1980,
                                           "gender": "male", "relation": "head"},
        user_id=officer)
    households_queries.add_person(db, household, {
        "full_name": "Giàng Thị Mỷ", "birth_year": 2001, "gender": "female",
        "relation": "child"}, user_id=officer)
    people = [r["id"] for r in db.all(
        "select id from people where household_id = ? order by relation = 'head' desc",
        [household])]
    code = server.create_enrolment_code(db.sync, office, user_id=None)
    device = server.enrol(db.sync, {"protocol": PROTOCOL, "code": code,
                                    "device_name": "laptop"})["device_id"]
    return db, device, village, household, people, officer


def _change(table, row_id, values, stamp):
    return {"table": table, "id": row_id,
            "fields": {name: [value, stamp, ""] for name, value in values.items()}}


def _day(device, village, household, people, officer):
    """A laptop's day as its log holds it: each visit with its outcome, then a correction of
    a person the server holds; a new family; a session with its roster; ids by table."""
    now, at = hlc.now_ms(), clock.stamp()
    made = {"created_at": at, "updated_at": at}
    changes, ids = [], {}

    def stamp():
        return hlc.make(now, len(changes), device)

    def add(table, values, row_id=None):
        row_id = row_id or str(uuid.uuid4())
        changes.append(_change(table, row_id, {**values, **made}, stamp()))
        ids.setdefault(table, []).append(row_id)
        return row_id

    for n in range(3):
        visit = add("visits", {"household_id": household, "visited_at": VISITED,
                               "officer_id": officer, "present": json.dumps(people)})
        add("visit_outcomes", {"visit_id": visit, "person_id": people[n % 2],
                               "outcome": "household_bhyt"})
        changes.append(_change("people", people[n % 2], {
            "full_name": f"Giàng A Lử {n}", "name_key": f"giang a lu {n}",
            "updated_at": at}, stamp()))
    family = add("households", {"village_id": village, "language": "hnj"})
    newborn = add("people", {"household_id": family, "full_name": "Giàng A Páo",
                             "name_key": "giang a pao", "gender": "male", "birth_year": 2020,
                             "relation": "head"})
    # The new household's head, set once its person was made: a second change of a new row.
    changes.append(_change("households", family, {"head_person_id": newborn,
                                                  "updated_at": at}, stamp()))
    session = add("group_sessions", {
        "held_at": VISITED, "commune_code": None, "village_id": village,
        "format": "village_meeting", "target_group": "voluntary", "attendees_total": 2,
        "facilitators": json.dumps([officer])})
    for person in people:
        add("session_attendees", {"session_id": session, "person_id": person,
                                  "outcomes": json.dumps(["interested"])})
    for seq, change in enumerate(changes, 1):
        change["seq"] = seq
    return changes, ids


def _push(db, device, changes, after=0):
    return server.handle_sync(db.sync, db.sync.find("devices", id=device)[0], {
        "protocol": PROTOCOL, "app_version": "", "now": hlc.now_ms(),
        "push": {"after": after, "last": changes[-1]["seq"], "changes": changes},
        "pull": {"cursor": 0}})


def _reach(db, sources):
    marks = ", ".join("?" * len(sources))
    return sorted((tuple(r.values()) for r in db.all(
        "select source_id, day, commune_code, village_id, officer_id, household_id,"
        f" person_id, kind from reach where source_id in ({marks})", sources)), key=repr)


def test_a_day_s_new_rows_go_a_table_at_a_time_and_the_rest_after_them(central, monkeypatch):
    db, device, village, household, people, officer = central
    changes, ids = _day(device, village, household, people, officer)
    session = ids["group_sessions"][0]
    commune = db.value("select commune_code from villages where id = ?", [village])
    changes[[c["id"] for c in changes].index(session)]["fields"]["commune_code"][0] = commune
    written = []
    insert = db.sync.insert
    monkeypatch.setattr(db.sync, "insert", lambda table, rows, *a, **k: (
        written.append((table, len(rows))), insert(table, rows, *a, **k))[-1])

    answer = _push(db, device, changes)

    assert answer["rejected"] == []
    # One statement for the visits, one for their outcomes (two runs of the same shapes).
    for table, count in (("visits", 3), ("visit_outcomes", 3), ("session_attendees", 2)):
        assert [n for t, n in written if t == table] == [count], written
    # Logged parents' tables first, each in the push's order; the changes of rows held (and
    # the second change of a new row) after them, in the push's order.
    logged = [(r["table_name"], r["row_id"]) for r in db.all(
        "select table_name, row_id from sync_log where origin = ? order by seq", [device])]
    new = [(table, row_id) for table in ("households", "people", "visits", "visit_outcomes",
                                         "group_sessions", "session_attendees")
           for row_id in ids.get(table, [])]
    later = [(c["table"], c["id"]) for c in changes if (c["table"], c["id"]) not in new or
             c["table"] == "households" and "head_person_id" in c["fields"]]
    assert logged == new + later
    assert db.value("select full_name from people where id = ?", [people[0]]) == "Giàng A Lử 2"
    assert db.value("select head_person_id from households where id = ?",
                    [ids["households"][0]]) == ids["people"][0]

    # The reach rows written for each statement's rows are those each row's own rebuild
    # writes (an edit writes a visit's or a session's rows again, row by row).
    sources = ids["visits"] + [session]
    by_statement = _reach(db, sources)
    assert len(by_statement) == 3 * (1 + 2 + 1) + 2 * 2
    with db.atomic():
        db.execute("update visits set notes = 'x' where household_id = ?", [household])
        db.execute("update group_sessions set notes = 'x' where id = ?", [session])
    assert _reach(db, sources) == by_statement
    if isinstance(db, PostgreSQLDatabase):
        postgres.assert_counts_kept(db)


def test_a_broken_new_row_of_a_mixed_push_is_refused_alone(central):
    """A new row that breaks a column undoes the push's first attempt: each change is then
    merged alone, that one refused, the others (new rows and edits alike) taken."""
    db, device, village, household, people, officer = central
    changes, ids = _day(device, village, household, people, officer)
    changes = [c for c in changes if c["table"] not in ("group_sessions", "session_attendees")]
    broken = changes[[c["table"] for c in changes].index("visit_outcomes")]
    broken["fields"]["person_id"][0] = None  # not null

    answer = _push(db, device, changes)

    assert [(r["seq"], r["code"]) for r in answer["rejected"]] == [(broken["seq"],
                                                                    "incomplete")]
    assert answer["ack_seq"] == changes[-1]["seq"]
    assert db.value("select count(*) from visits where household_id = ?", [household]) == 3
    assert db.value("select count(*) from visit_outcomes where id = ?", [broken["id"]]) == 0
    others = [i for i in ids["visit_outcomes"] if i != broken["id"]]
    assert db.value("select count(*) from visit_outcomes where id in (?, ?)", others) == 2
    assert db.value("select full_name from people where id = ?", [people[0]]) == "Giàng A Lử 2"
    assert db.value("select count(*) from sync_log where row_id = ?", [broken["id"]]) == 0
    if isinstance(db, PostgreSQLDatabase):
        postgres.assert_counts_kept(db)


def test_a_push_that_moves_a_household_is_merged_in_its_own_order(central):
    """What follows a move in a push may hang from the moved row: a new person of the moved
    household comes after the move, and lies in the household's new commune."""
    db, device, village, household, people, officer = central
    commune = db.value("select commune_code from villages where id = ?", [village])
    other = db.value("select id from villages where commune_code = ? and id <> ? limit 1",
                     [commune, village])
    if other is None:
        other = str(uuid.uuid4())
        db.execute("insert into villages (id, commune_code, name, name_key, kind, created_at,"
                   " updated_at) values (?, ?, 'Bản Mới', 'ban moi', 'ban', '', '')",
                   [other, commune])
    stamp, at = hlc.make(hlc.now_ms(), 0, device), clock.stamp()
    person = str(uuid.uuid4())
    changes = [
        _change("households", household, {"village_id": other, "updated_at": at}, stamp),
        _change("people", person, {"household_id": household, "full_name": "Giàng A Chư",
                                   "name_key": "giang a chu", "gender": "male",
                                   "birth_year": 2010, "relation": "child", "created_at": at,
                                   "updated_at": at}, stamp)]
    for seq, change in enumerate(changes, 1):
        change["seq"] = seq

    assert _push(db, device, changes)["rejected"] == []

    assert [r["row_id"] for r in db.all(
        "select row_id from sync_log where origin = ? order by seq", [device])] == [
        household, person]
    assert db.value("select village_id from households where id = ?", [household]) == other
