"""Erasing personal numbers (issue 26, part 4; decree 13/2023/NĐ-CP): a person or household
removed with "erase personal numbers" leaves no CCCD, mã số BHXH or phone in any file of any
instance folder (database, its -wal and -shm, anything else there): not on the laptop that
erased, not on the central server (a real `run.py --central` process), not on another laptop
once it has synced. The files are read as bytes, as a thief holding the disk would read them; on
PostgreSQL, the central database's own files too."""

import json
import subprocess
from pathlib import Path

import pytest

from fieldapp import accounts, backups, history, offices, store
from fieldapp.db import connect
from fieldapp.households import queries as households
from fieldapp.places import queries as places
from helpers import FormClient, form_values, parse, rows_of, squash
from sync import erasure
from syncing import flask
from test_sync import converge, register
from test_sync_attacks import Thief

# The central server of this module runs on SQLite and on PostgreSQL (tests/conftest.py).
CENTRAL_STORES = ("sqlite", "postgresql")

# A head of household born 1980, male: his CCCD as first typed (a typo), as corrected, as typed
# on the second laptop at the same time; his mã số BHXH.
CCCD_TYPO, CCCD, CCCD_B, BHXH = "001080011111", "001080012345", "001080054321", "0112345678"
# A second member (born 1984, female), and the household's phone.
CCCD_WIFE, BHXH_WIFE, PHONE = "001184067890", "0198765432", "0987654321"
# Numbers never erased, which every machine keeps (each test's own, as they share the central).
CCCD_KEPT, BHXH_KEPT = "001080077777", "0177777777"
CCCD_OTHER, BHXH_OTHER, PHONE_OTHER = "001184011111", "0111111111", "0911111111"


def files_holding(instance, numbers):
    """{file, relative to the instance folder: the numbers its bytes hold}, over every file.

    Read by grep in a process of its own: a file of a database this process has open, closed
    here, would drop this process's SQLite locks on it (POSIX advisory locks are per process)."""
    found = subprocess.run(["grep", "-r", "-a", "-o", "-F", *(a for n in numbers
                                                                 for a in ("-e", n)),
                            str(instance)], capture_output=True, check=False)
    assert found.returncode in (0, 1), found.stderr
    held = {}
    for line in found.stdout.decode("utf-8", "replace").splitlines():
        path, _, number = line.rpartition(":")
        name = str(Path(path).relative_to(instance))
        if number not in held.setdefault(name, []):
            held[name].append(number)
    return held


def database_folder(central):
    """The folder of a PostgreSQL central server's database files (its tables and indexes, in
    the data directory of the suite's server), or None on SQLite (in its instance folder)."""
    if not central.database_url:
        return None
    data, oid = central.db.execute(
        "select current_setting('data_directory'), oid from pg_database"
        " where datname = current_database()").fetchone()
    return Path(data) / "base" / str(oid)


# A table's row versions (live, or dead and not yet vacuumed) and a B-tree index's entries,
# each page read through the server's buffers.
ROW_VERSIONS = """
    select count(*) from generate_series(0, pg_relation_size(:oid) / 8192 - 1) as page,
           heap_page_items(get_raw_page(:name, page::int))
     where position(convert_to(:number, 'UTF8') in t_data) > 0"""
INDEX_ENTRIES = """
    select count(*) from generate_series(1, pg_relation_size(:oid) / 8192 - 1) as page,
           bt_page_items(get_raw_page(:name, page::int))
     where position(encode(convert_to(:number, 'UTF8'), 'hex') in replace(data, ' ', '')) > 0"""


def holding(machine, numbers):
    """files_holding of the machine's instance folder; on PostgreSQL, also the tables and
    indexes of its database a row version or an index entry of which holds a number.

    Not what is left in those pages' free space, nor PostgreSQL's write-ahead log (pg_wal):
    there the bytes stay until overwritten, which nothing of fieldapp's decides
    (docs/deployment.md); the database's files only tell which relations to read."""
    held = files_holding(machine.instance, numbers)
    folder = database_folder(machine) if hasattr(machine, "database_url") else None
    if folder is None:
        return held
    db = machine.db
    db.execute("create extension if not exists pageinspect")
    db.execute("checkpoint")  # every page in the files, for grep to point at
    for name, found in files_holding(folder, numbers).items():
        node = int(name.split("_")[0].split(".")[0])
        relation = db.one("select c.oid, c.relname, c.relkind, a.amname from pg_class c"
                          " left join pg_am a on a.oid = c.relam"
                          " where pg_relation_filenode(c.oid) = ?", [node])
        if relation is None:
            continue  # a file of a relation dropped since, removed at the next checkpoint
        query = {"r": ROW_VERSIONS, "t": ROW_VERSIONS}.get(relation["relkind"]) or (
            INDEX_ENTRIES if relation["amname"] == "btree" else None)
        kept = [number for number in found if query is None or db.value(query, {
            "oid": relation["oid"], "name": relation["relname"], "number": number})]
        if kept:
            held[f"{relation['relname']} ({name})"] = kept
    return held


def officer_of(laptop, central):
    officer = FormClient(laptop.app.test_client())
    officer.login("canbo", central.logins["canbo"])
    officer.set_language("en")
    return officer


def remove_form(officer, page, action, reason, erase):
    """The page's removal form as a browser sends it, the reason typed and the box ticked."""
    shown = parse(officer.get(page).get_data(as_text=True))
    form = shown.find("form", id="remove")
    assert form.get("action") == action
    box = form.find("input", name="erase_numbers")
    assert box.get("type") == "checkbox"
    assert "Erase personal numbers (CCCD, mã số BHXH, phone)" in squash(box.parent.text)
    assert "Cannot be undone" in shown.find(id=box.get("aria-describedby")).text
    values = form_values(form)
    assert "erase_numbers" not in values  # unticked unless the user ticks it
    values.update(reason=[reason], **({"erase_numbers": ["y"]} if erase else {}))
    return officer.client.post(action, data=values, follow_redirects=True)


def flashed(response):
    return " ".join(response.get_data(as_text=True).split())


def test_a_person_erased_on_one_laptop_leaves_no_number_on_any_machine(central, laptops):
    a, b = laptops("a"), laptops("b")
    household_id, head = register(a, "Vàng A Chứ")
    households.update_person(a.db, head, {"cccd": CCCD_TYPO, "bhxh_number": BHXH},
                             user_id=a.user())
    converge(central, a, b)
    # The typo corrected on one laptop while the other typed another number: a conflict, whose
    # values every machine keeps (sync_conflicts, and its log on the central server).
    households.update_person(a.db, head, {"cccd": CCCD}, user_id=a.user())
    households.update_person(b.db, head, {"cccd": CCCD_B}, user_id=b.user())
    a.sync(), b.sync()
    converge(central, a, b)
    assert central.db.execute("select count(*) from sync_conflicts where row_id = ?"
                              " and field = 'cccd'", [head]).fetchone()[0] == 1
    numbers = (CCCD_TYPO, CCCD, CCCD_B, BHXH)
    # The search is sound: before the erasure every machine's files hold the numbers.
    for machine in (a, central, b):
        assert holding(machine, numbers), machine.instance

    officer = officer_of(a, central)
    action = f"/people/{head}/remove"
    answer = remove_form(officer, f"/people/{head}", action, "Chuyển đi nơi khác", True)
    assert answer.status_code == 200
    assert "Personal numbers erased: Undo brings the record back without them." \
        in flashed(answer)
    # On the laptop that erased, at once, before any sync.
    assert holding(a, numbers) == {}
    a.sync()
    assert holding(central, numbers) == {}
    b.sync()
    assert holding(b, numbers) == {}
    # The record itself: removed, no numbers, the erasure's time; the same everywhere.
    for machine in (a, central, b):
        row = machine.db["people"].get(head)
        assert (row["cccd"], row["bhxh_number"]) == (None, None), machine.instance
        assert row["deleted_at"] and row[erasure.MARKER], machine.instance
        conflict = machine.db.execute("select kept_value, lost_value from sync_conflicts"
                                      " where row_id = ?", [head]).fetchone()
        assert tuple(conflict) == ("null", "null"), machine.instance
    # The central audit trail says the numbers were erased, by whom, never what they were.
    merged = [json.loads(detail) for (detail,) in central.db.execute(
        "select detail from audit_log where action = 'merged' and row_id = ?", [head])]
    assert any(erasure.MARKER in entry["fields"] for entry in merged)
    # Its history still says who changed the numbers, and that they were erased, never what.
    with b.app.app_context():
        said = [(str(label), old, new) for entry in history.entries(b.db, "people", head)
                for label, old, new in entry["changes"]]
    assert ("Đã xóa các số định danh", "", "") in said  # "Personal numbers erased"
    assert ("CCCD", "—", "—") in said
    # Undo brings the person back, without the numbers, and says so.
    answer = officer.post_form(f"/people/{head}/restore", follow_redirects=True)
    assert "they do not come back" in flashed(answer)
    row = a.db["people"].get(head)
    assert row["deleted_at"] is None and row["cccd"] is None
    a.sync(), b.sync()
    assert central.db["people"].get(head)["deleted_at"] is None
    for machine in (a, central, b):
        assert holding(machine, numbers) == {}, machine.instance


def test_a_household_erased_takes_every_members_numbers_and_its_phone(central, laptops):
    a = laptops("a")
    household_id, head = register(a, "Sùng A Lềnh")
    store.update(a.db, "households", household_id, {"phone": PHONE}, user_id=a.user())
    households.update_person(a.db, head, {"cccd": CCCD, "bhxh_number": BHXH},
                             user_id=a.user())
    wife = households.add_person(a.db, household_id, {
        "full_name": "Giàng Thị Mỷ", "gender": "female", "birth_year": 1984,
        "relation": "spouse", "cccd": CCCD_WIFE, "bhxh_number": BHXH_WIFE,
        "bhxh_status": "none", "vssid": "unknown"}, user_id=a.user())["id"]
    # A member removed before (without erasure) loses hers too.
    households.remove_person(a.db, wife, "Nhập hai lần", user_id=a.user())
    a.sync()
    numbers = (CCCD, BHXH, CCCD_WIFE, BHXH_WIFE, PHONE)
    assert holding(central, numbers)
    # Backups made before the erasure, on the laptop and on the central server, hold them (a
    # PostgreSQL central server's backups are PostgreSQL's, not the app's: `flask backup`
    # refuses there).
    kept = backups.back_up(a.app, reason="manual")
    assert "backups/" + kept.path.name in holding(a, numbers)
    if not central.database_url:
        assert flask(central.instance, "backup").returncode == 0
        assert any(name.startswith("backups/") for name in holding(central, numbers))

    officer = officer_of(a, central)
    action = f"/households/{household_id}/remove"
    answer = remove_form(officer, f"/households/{household_id}", action, "Đăng ký hai lần",
                         True)
    assert "Household removed, with its members and visits." in flashed(answer)
    assert holding(a, numbers) == {}
    a.sync()
    assert holding(central, numbers) == {}
    # The backups still restore what they held, but for the numbers.
    copy = connect(kept.path)
    try:
        assert copy.value("pragma integrity_check") == "ok"
        assert copy["households"].get(household_id)["phone"] == ""
        assert copy["people"].get(head)["full_name"] == "Sùng A Lềnh"
    finally:
        copy.close()
    for machine in (a, central):
        assert machine.db["households"].get(household_id)["phone"] == ""
        for person in (head, wife):
            row = machine.db["people"].get(person)
            assert (row["cccd"], row["bhxh_number"]) == (None, None)
            assert row[erasure.MARKER]


@pytest.mark.central_stores("sqlite")  # the laptop's own removal: no sync, nothing central
def test_a_removal_without_the_box_ticked_keeps_the_numbers(central, laptops):
    a = laptops("a")
    household_id, head = register(a, "Lý A Tả")
    households.update_person(a.db, head, {"cccd": CCCD, "bhxh_number": BHXH},
                             user_id=a.user())
    officer = officer_of(a, central)
    action = f"/people/{head}/remove"
    remove_form(officer, f"/people/{head}", action, "Chuyển đi", False)
    row = a.db["people"].get(head)
    assert row["deleted_at"] and row["cccd"] == CCCD and row[erasure.MARKER] is None


def test_a_device_may_not_erase_another_offices_numbers(central, laptops, tmp_path):
    """A stolen laptop's credentials cannot erase (nor even scrub the history of) a person of
    another office, nor send an erasure that leaves a number."""
    db = central.db
    commune = db.execute("select code from communes where province_code = 1"
                         " order by code limit 1").fetchone()[0]
    with db.atomic():
        office = offices.create_office(db, name="BHXH cơ sở Ba Đình thử", province_code=1,
                                       communes=[commune], user_id=None)
        village = places.create_village(db, commune, "Tổ 7", "to_dan_pho", user_id=None)["id"]
        officer = accounts.create_user(db, username="canbo_hg", full_name="Lò Văn Hà",
                                       password="mat-khau-ha-giang-1", role="officer",
                                       office_id=office["id"], user_id=None)["id"]
    other = households.register_household(
        db, village, {"language": "vi", "phone": PHONE_OTHER},
        {"full_name": "Lò Thị Mai", "gender": "female", "birth_year": 1984,
         "cccd": CCCD_OTHER, "bhxh_number": BHXH_OTHER, "bhxh_status": "none",
         "vssid": "unknown"}, user_id=officer)
    person = db["households"].get(other)["head_person_id"]
    stolen = laptops("stolen")
    thief = Thief(central, stolen)
    kept = ("people", "households", "history", "sync_log", "sync_conflicts", "audit_log")
    before = {table: rows_of(db, table) for table in kept}
    now = "2026-12-01T08:00:00.000Z"
    answer = thief.push(
        thief.change("people", person, cccd=None, bhxh_number=None,
                     **{erasure.MARKER: now, "updated_at": now, "updated_by": stolen.user()}),
        thief.change("households", other, phone="", **{erasure.MARKER: now}))
    assert [(r["id"], r["code"]) for r in answer["rejected"]] == [
        (person, "outside_office"), (other, "outside_office")]
    assert {table: rows_of(db, table) for table in kept} == before
    assert holding(central, (CCCD_OTHER, BHXH_OTHER, PHONE_OTHER))
    # Within its own office, an "erasure" that leaves the numbers is none.
    household_id, head = register(stolen, "Hầu A Dình")
    households.update_person(stolen.db, head, {"cccd": CCCD_KEPT, "bhxh_number": BHXH_KEPT},
                             user_id=stolen.user())
    stolen.sync()
    before = {table: rows_of(db, table) for table in kept}
    answer = thief.push(thief.change("people", head, **{erasure.MARKER: now}))
    assert [(r["id"], r["code"]) for r in answer["rejected"]] == [(head, "invalid")]
    assert {table: rows_of(db, table) for table in kept} == before
    assert db["people"].get(head)["cccd"] == CCCD_KEPT
    assert holding(central, (CCCD_KEPT, BHXH_KEPT))



def test_a_number_typed_elsewhere_before_the_erasure_stays_erased(central, laptops):
    """A laptop that typed a number before the erasure, and sends it after, neither brings it
    back nor leaves it in a conflict: every machine ends without it."""
    a, b = laptops("a"), laptops("b")
    household_id, head = register(a, "Thào A Tủa")
    households.update_person(a.db, head, {"bhxh_number": BHXH}, user_id=a.user())
    converge(central, a, b)
    households.update_person(b.db, head, {"cccd": CCCD_B}, user_id=b.user())
    officer = officer_of(a, central)
    remove_form(officer, f"/people/{head}", f"/people/{head}/remove", "Chuyển đi", True)
    a.sync()
    assert b.sync().refused == []
    a.sync()
    numbers = (CCCD_B, BHXH)
    for machine in (a, central, b):
        assert machine.db["people"].get(head)["cccd"] is None, machine.instance
        assert holding(machine, numbers) == {}, machine.instance
    assert central.db.execute("select count(*) from sync_conflicts where row_id = ?",
                              [head]).fetchone()[0] == 0


def test_a_supervisor_erases_on_the_central_server_and_the_laptops_follow(central, laptops):
    from syncing import Web
    a = laptops("a")
    household_id, head = register(a, "Giàng A Sử")
    cccd, bhxh = "001080033333", "0133333333"
    households.update_person(a.db, head, {"cccd": cccd, "bhxh_number": bhxh},
                             user_id=a.user())
    a.sync()
    supervisor = Web(central.url)
    supervisor.log_in("giamsat", central.logins["giamsat"])
    status, _, page = supervisor.fill(f"/people/{head}", {
        "reason": "Trùng với hộ khác", "erase_numbers": "y"}, action=f"/people/{head}/remove")
    assert status == 200 and "Đã xóa các số định danh" in page  # "Personal numbers erased"
    assert holding(central, (cccd, bhxh)) == {}
    assert central.db.execute("select count(*) from audit_log where action = 'numbers_erased'"
                              " and table_name = 'people' and row_id = ?",
                              [head]).fetchone()[0] == 1
    a.sync()
    assert a.db["people"].get(head)["cccd"] is None
    assert holding(a, (cccd, bhxh)) == {}
