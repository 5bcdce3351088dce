"""Backups that restore (issue 26): copies taken while writes go on, rotation, the day's backup,
the backup before an upgrade, restores refused, and a laptop restored from yesterday's backup
that ends, after a sync, with everything the central server has and what it had sent since."""

import hashlib
import json
import os
import stat
import threading
import time
from pathlib import Path

import pytest

from fieldapp import backups, offices
from fieldapp.db import connect, upgrade
from fieldapp.migrations import migrations as fieldapp_migrations
from sync import capture
from helpers import FormClient, field_errors, flashes, parse
from syncing import Laptop, flask, reopened
from test_sync import converge, register


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def digest(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def integrity(path):
    db = connect(path)
    try:
        return db.value("PRAGMA integrity_check")
    finally:
        db.close()


# ---- Taking backups


def test_a_backup_taken_while_writes_go_on_is_whole_and_holds_a_consistent_prefix(app):
    """A writer commits numbered rows one by one, each with a household's history row, while
    backups are taken: each copy passes integrity_check and holds rows 1..n with no gap, and
    each row's companion."""
    database = app.config["DATABASE"]
    setup = connect(database)
    setup.execute("create table tally (n integer primary key, twin integer not null)")
    setup.close()
    stop, written = threading.Event(), [0]

    def writer():
        db = connect(database)
        n = 0
        while not stop.is_set():
            n += 1
            with db.atomic():
                # Two statements, one transaction: a copy holds both or neither.
                db.execute("insert into tally (n, twin) values (?, 0)", [n])
                db.execute("update tally set twin = n where n = ?", [n])
            written[0] = n
        db.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        made = []
        while len(made) < 4:
            if written[0] > 20 * (len(made) + 1):
                made.append(backups.back_up(app, reason="manual"))
            time.sleep(0.005)
    finally:
        stop.set()
        thread.join()
    counts = []
    for backup in made:
        assert integrity(backup.path) == "ok"
        copy = connect(backup.path)
        rows = copy.execute("select n, twin from tally order by n").fetchall()
        assert copy.value("PRAGMA journal_mode") == "delete"  # one file, whole
        copy.close()
        assert [n for n, _ in rows] == list(range(1, len(rows) + 1))
        assert all(n == twin for n, twin in rows)
        counts.append(len(rows))
    assert counts == sorted(counts) and counts[-1] > counts[0] > 0
    assert written[0] > counts[-1] - 1
    # Private: the folder 0700, each file and its sidecar 0600.
    folder = Path(app.instance_path) / "backups"
    assert mode(folder) == 0o700
    for backup in made:
        assert mode(backup.path) == 0o600 and mode(backup.path.with_suffix(".json")) == 0o600
    sidecar = json.loads(made[0].path.with_suffix(".json").read_text())
    assert sidecar["reason"] == "manual" and sidecar["app_version"]
    assert sidecar["device_id"].startswith("local-") and sidecar["office_id"] is None
    assert "fieldapp/0001_places_and_accounts" in sidecar["migrations"]
    assert sidecar["created_at"].endswith("+00:00")
    assert not list(folder.glob("*-journal")) and not list(folder.glob("*-wal"))


def test_rotation_keeps_the_newest_automatic_backups_and_every_one_made_by_hand(
        tmp_path, seeded_database):
    from conftest import copy_app
    app = copy_app(tmp_path / "instance", seeded_database, BACKUPS_KEPT=3)
    by_hand = backups.back_up(app, reason="manual")
    automatic = [backups.back_up(app, reason=reason) for reason in
                 ("daily", "before-upgrade", "daily", "before-restore", "daily")]
    listed = backups.backups(backups.folder_of(app))
    assert [b.path for b in listed] == [b.path for b in reversed(automatic[2:])] + [by_hand.path]
    for gone in automatic[:2]:
        assert not gone.path.exists() and not gone.path.with_suffix(".json").exists()


def test_the_days_backup_is_made_once_at_the_first_request_of_the_day(tmp_path,
                                                                        seeded_database):
    from conftest import copy_app
    app = copy_app(tmp_path / "instance", seeded_database, BACKUPS_DAILY_IN_TESTS=True)
    client = app.test_client()
    client.get("/login")
    client.get("/login")
    daily = [b for b in backups.backups(backups.folder_of(app)) if b.reason == "daily"]
    assert len(daily) == 1
    # A second process of the same install (the central server's workers) does not make
    # another: the day's marker says it is made.
    other = copy_app(tmp_path / "instance", seeded_database, BACKUPS_DAILY_IN_TESTS=True)
    other.config["DATABASE"] = app.config["DATABASE"]
    other.test_client().get("/login")
    assert len([b for b in backups.backups(backups.folder_of(app))
                if b.reason == "daily"]) == 1


def test_an_upgrade_with_migrations_pending_is_preceded_by_a_backup(tmp_path):
    path = tmp_path / "old.sqlite3"
    db = connect(path)
    # As an older release left it: its last step not applied yet.
    last = fieldapp_migrations._migrations[-1].name
    fieldapp_migrations.apply(db, stop_before=last)
    applied = upgrade(db)
    db.close()
    assert last in applied
    made = backups.backups(tmp_path / "backups")
    assert [b.reason for b in made] == ["before-upgrade"]
    assert f"fieldapp/{last}" not in made[0].facts["migrations"]
    assert integrity(made[0].path) == "ok"


# ---- Restores refused


@pytest.fixture
def live(app):
    """The app's database as a restore must leave it when it refuses: its bytes."""
    database = Path(app.config["DATABASE"])
    db = connect(database)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return database, digest(database)


def refused(app, path, live):
    database, before = live
    with pytest.raises(backups.Refused) as refusal:
        backups.restore(app, path)
    assert digest(database) == before
    assert not [b for b in backups.backups(backups.folder_of(app))
                if b.reason == "before-restore"]
    assert not list(database.parent.glob(".restoring-*"))
    return str(refusal.value)


def test_restore_refuses_a_file_that_is_not_a_database(app, live, tmp_path):
    text = tmp_path / "notes.sqlite3"
    text.write_text("danh sách hộ gia đình\n" * 200)
    assert "not a fieldapp database" in refused(app, text, live)
    other = tmp_path / "other.sqlite3"
    db = connect(other)
    db.execute("create table t (x)")
    db.close()
    assert "not a fieldapp database" in refused(app, other, live)


def test_restore_refuses_a_damaged_backup(app, live):
    backup = backups.back_up(app, reason="manual")
    copy = connect(backup.path)
    root = copy.value("select rootpage from sqlite_master where name = 'households'")
    page_size = copy.value("PRAGMA page_size")
    copy.close()
    data = bytearray(backup.path.read_bytes())
    # Bytes flipped in the households table's first page, as a failing drive leaves them.
    start = (root - 1) * page_size
    data[start:start + 64] = bytes(b ^ 0xA5 for b in data[start:start + 64])
    backup.path.write_bytes(bytes(data))
    assert "damaged" in refused(app, backup.path, live)


def test_restore_refuses_a_backup_of_a_newer_app(app, live):
    backup = backups.back_up(app, reason="manual")
    copy = connect(backup.path)
    copy.execute("insert into _sqlite_migrations (migration_set, name, applied_at)"
                 " values ('fieldapp', 'step_9999_from_the_future', '2030-01-01')")
    copy.close()
    assert "newer fieldapp" in refused(app, backup.path, live)


def test_restore_refuses_while_the_app_holds_the_database(app, live):
    backup = backups.back_up(app, reason="manual")
    database, before = live
    reader = connect(database)
    reader.value("select count(*) from households")  # the app running a request, or a sync
    try:
        assert "in use" in refused(app, backup.path, live)
    finally:
        reader.close()
    assert backups.restore(app, backup.path).kept.exists()


def test_a_central_servers_backup_does_not_restore_on_a_laptop_nor_the_reverse(
        app, live, central_app):
    central, held = central_app
    backup = backups.back_up(central, reason="manual")
    assert backup.facts["central"]
    assert "central server" in refused(app, backup.path, live)
    laptop_backup = backups.back_up(app, reason="manual")
    with pytest.raises(backups.Refused):
        backups.restore(central, laptop_backup.path)
    # Its own backup restores on the central server, stopped, keeping what it replaced.
    held.close()
    restored = backups.restore(central, backup.path)
    assert restored.notes == [] and restored.kept.exists()


# ---- Restores with a real central server


class Writer:
    """A second connection to a laptop's database, as the app's request threads write."""

    def __init__(self, laptop):
        self.db = connect(laptop.app.config["DATABASE"])
        self.user_id = laptop.user()

    def user(self, username="canbo"):
        return self.user_id


def households_in(path):
    db = connect(path)
    try:
        return {r[0] for r in db.execute("select id from households where deleted_at is null")}
    finally:
        db.close()


def test_a_laptop_restored_from_yesterdays_backup_ends_with_todays_work(central, laptops,
                                                                        tmp_path):
    a, b = laptops("a"), laptops("b")
    before = {register(a, f"Hộ trước {n}")[0] for n in range(3)}
    a.sync()
    # Yesterday's backup, taken while an officer goes on registering households.
    writer, stop, during = Writer(a), threading.Event(), []

    def work():
        while not stop.is_set() and len(during) < 200:
            during.append(register(writer, f"Hộ trong lúc sao lưu {len(during)}")[0])
    thread = threading.Thread(target=work)
    thread.start()
    while len(during) < 5:
        time.sleep(0.01)
    yesterday = backups.back_up(a.app, reason="daily")
    stop.set()
    thread.join()
    writer.db.close()
    held = households_in(yesterday.path)
    assert integrity(yesterday.path) == "ok"
    assert before <= held and 0 < len(held & set(during)) <= len(during)
    # Today: more households, one of yesterday's removed, all sent; the other laptop works too.
    today = {register(a, f"Hộ hôm nay {n}")[0] for n in range(4)}
    gone = sorted(before)[0]
    from fieldapp import store
    store.soft_delete(a.db, "households", gone, user_id=a.user())
    a.sync()
    others = {register(b, f"Hộ máy b {n}")[0] for n in range(3)}
    b.sync()
    a_before = a.db.value("select count(*) from households")
    # The disk is damaged: fieldapp is stopped and yesterday's backup restored from the
    # command line.
    a.close()
    restored = flask(a.instance, "restore", str(yesterday.path), "--yes")
    assert restored.returncode == 0, restored.stdout
    assert "the database it replaced is kept in" in restored.stdout
    kept = [bk for bk in backups.backups(a.instance / "backups") if bk.reason == "before-restore"]
    assert len(kept) == 1 and mode(kept[0].path) == 0o600
    assert (today | set(during)) <= households_in(kept[0].path)
    assert connect(kept[0].path).value("select count(*) from households") == a_before
    a = reopened(a.instance)
    try:
        assert households_in(a.app.config["DATABASE"]) == held
        assert not list(a.instance.glob(".restoring-*"))
        result = a.sync()
        assert result.repairs == ["split"]
        # Every synced table the same on both laptops and the central server.
        converge(central, a, b)
        mine = households_in(a.app.config["DATABASE"])
        assert (before - {gone}) | set(during) | today | others <= mine
        assert gone not in mine
        assert capture.unsynced_count(a.db.sync) == 0
    finally:
        a.close()


def test_restore_refuses_another_offices_backup_and_says_when_it_is_another_laptop(
        central, laptops, tmp_path):
    commune = central.db.value("select code from communes where province_code = 1 and code not"
                               " in (select commune_code from office_communes) limit 1")
    office = offices.create_office(central.db, name="BHXH Ba Đình (thử)", province_code=1,
                                   communes=[commune], user_id=None)
    a, b = laptops("a"), laptops("b")
    elsewhere = Laptop(tmp_path / "elsewhere", central, office_id=office["id"])
    try:
        elsewhere.sync()
        foreign = backups.back_up(elsewhere.app, reason="usb")
    finally:
        elsewhere.close()
    database = Path(a.app.config["DATABASE"])
    a.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = digest(database)
    with pytest.raises(backups.Refused, match="another office"):
        backups.restore(a.app, foreign.path)
    assert digest(database) == before
    # A backup of a laptop of the same office restores, and says whose it is.
    mine = {register(a, f"Hộ máy a {n}")[0] for n in range(2)}
    a.sync()
    theirs = {register(b, f"Hộ máy b {n}")[0] for n in range(2)}
    colleague = backups.back_up(b.app, reason="usb")
    a.close()
    restored = backups.restore(a.app, colleague.path)
    assert any("another laptop of this office" in note for note in restored.notes)
    # At its next sync it is told apart from b, and both end with everything.
    a = reopened(a.instance)
    try:
        assert theirs <= households_in(a.app.config["DATABASE"])
        assert a.sync().repairs == ["split"]
        assert a.device["device_id"] != b.device["device_id"]
        converge(central, a, b)
        assert mine | theirs <= households_in(a.app.config["DATABASE"])
        assert mine | theirs <= households_in(central.instance / "fieldapp.sqlite3")
    finally:
        a.close()


# ---- The command line and the page


def test_backup_to_a_drive_and_the_list_from_the_command_line(app, runner, tmp_path):
    drive = tmp_path / "media" / "USB"
    made = flask(app.instance_path, "backup", "--to", str(drive))
    assert made.returncode == 0, made.stdout
    files = list(drive.glob("fieldapp-*-usb.sqlite3"))
    assert len(files) == 1 and mode(files[0]) == 0o600 and mode(drive) == 0o700
    assert integrity(files[0]) == "ok"
    assert runner.invoke(args=["backup"]).exit_code == 0
    listed = runner.invoke(args=["backups"]).output
    assert "manual" in listed and "usb" not in listed
    assert "usb" in runner.invoke(args=["backups", "--in", str(drive)]).output
    # The restore command refuses without changing anything, and says why.
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(os.urandom(8192))
    answer = flask(app.instance_path, "restore", str(junk), "--yes")
    assert answer.returncode != 0 and "nothing was restored" in answer.stdout


def test_the_backups_page_backs_up_now_and_to_a_typed_folder(app, tmp_path):
    browser = FormClient(app.test_client())
    browser.login("canbo")
    page = browser.get("/backups").get_data(as_text=True)
    assert "restore" in page and 'action="/backups/now"' in page
    answer = browser.post_form("/backups/now", follow_redirects=True)
    assert answer.status_code == 200
    assert [b.reason for b in backups.backups(backups.folder_of(app))] == ["manual"]
    shown = parse(answer.get_data(as_text=True))
    assert shown.find("section", id="backup-list").text.count("fieldapp-") == 1
    # A folder that is not there is refused beside the field, nothing written.
    answer = browser.post_form("/backups/drive", {"folder": "typed",
                                                  "typed": str(tmp_path / "no-drive")})
    assert answer.status_code == 400
    assert field_errors(parse(answer.get_data(as_text=True)), "typed")
    drive = tmp_path / "drive"
    drive.mkdir()
    answer = browser.post_form("/backups/drive", {"folder": "typed", "typed": str(drive)},
                               follow_redirects=True)
    assert answer.status_code == 200
    assert len(list(drive.glob("fieldapp-*-usb.sqlite3"))) == 1
    assert any(str(drive) in f for f in flashes(parse(answer.get_data(as_text=True))))


def test_backups_of_an_encrypted_database_are_encrypted_and_restore_with_its_key(
        tmp_path, app):
    pytest.importorskip("sqlcipher3")
    import secrets

    from fieldapp import create_app
    key = secrets.token_hex(32)
    instance = tmp_path / "encrypted"
    instance.mkdir()
    try:
        db = connect(instance / "fieldapp.sqlite3", key=key)
    except NotImplementedError:
        pytest.skip("this fieldapp opens no encrypted database yet")
    upgrade(db)
    db.execute("create table marker (text)")
    db.execute("insert into marker values ('CCCD 001234567890')")
    db.close()
    encrypted = create_app({"TESTING": True, "DATABASE_KEY": key}, instance_path=str(instance))
    made = backups.back_up(encrypted, reason="manual")
    data = made.path.read_bytes()
    assert not data.startswith(b"SQLite format 3") and b"001234567890" not in data
    restored = backups.restore(encrypted, made.path)
    assert restored.kept.exists()
    assert connect(instance / "fieldapp.sqlite3", key=key).value("select text from marker")
    # A plain backup (another install's, or from before encryption) is not this install's.
    plain = backups.back_up(app, reason="manual")
    with pytest.raises(backups.Refused, match="key|not a fieldapp"):
        backups.restore(encrypted, plain.path)


def test_on_the_central_server_only_administrators_back_up_from_the_page(central_app):
    central, _db = central_app
    for username, status in (("giamsat", 403), ("canbo", 403), ("quantri", 200)):
        browser = FormClient(central.test_client())
        browser.login(username)
        assert browser.get("/backups").status_code == status, username
        assert browser.post_form("/backups/now").status_code in (
            (403,) if status == 403 else (302,)), username
    assert [b.reason for b in backups.backups(backups.folder_of(central))] == ["manual"]


def test_the_days_backup_keeps_the_locks_this_processs_connections_hold(tmp_path,
                                                                         seeded_database):
    """The first request of the day (each of the central server's workers) decides whether a
    backup is due without touching the database file: a descriptor of it closed by Python
    dropped every lock of the process on it, so another process took itself for the last
    one, emptied and removed the write-ahead log, and what this process committed next went
    into the removed file: enrolments answered, then lost."""
    import subprocess
    import sys

    from conftest import copy_app
    app = copy_app(tmp_path / "instance", seeded_database, BACKUPS_DAILY_IN_TESTS=True)
    path = app.config["DATABASE"]
    worker = connect(path)  # another request's connection in this process
    assert worker.value("select count(*) from offices")
    app.test_client().get("/login")  # the day's first request here
    assert [b.reason for b in backups.backups(backups.folder_of(app))] == ["daily"]
    other_process = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]);"
                     " c.execute('select count(*) from offices').fetchone(); c.close()")
    subprocess.run([sys.executable, "-c", other_process, path], check=True)
    assert os.path.exists(path + "-wal"), "another process removed the log this one still uses"
    worker.execute("insert into sync_state (key, value) values ('written_after', 'kept')")
    seen = subprocess.run(
        [sys.executable, "-c", "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("
         "\"select value from sync_state where key = 'written_after'\").fetchone())", path],
        check=True, capture_output=True, text=True).stdout
    worker.close()
    assert seen.strip() == "('kept',)"


def test_a_locked_laptop_makes_the_days_backup_once_a_login_opened_it(tmp_path, caplog):
    pytest.importorskip("sqlcipher3")
    from fieldapp import create_app, keys
    instance = tmp_path / "locked"
    instance.mkdir()
    settings = {"TESTING": True, "ENCRYPTED": True, "KEY_SLOT_SCRYPT_N": 16}
    db = connect(instance / "fieldapp.sqlite3")
    upgrade(db)
    db.close()
    # Encrypted as `flask encrypt` does it; the key it made is what a first login unwraps.
    first = create_app(settings, instance_path=str(instance))
    keys.encrypt(first)
    key = first.extensions["database_key"]
    from fieldapp.sync_pages.backups import daily_backup
    # The app as it starts again: locked until a login.
    laptop = create_app({**settings, "BACKUPS_DAILY_IN_TESTS": True},
                        instance_path=str(instance))
    # The hook as each request runs it first (the login page's own work left out).
    with laptop.test_request_context("/login"):
        daily_backup()
    assert backups.backups(backups.folder_of(laptop)) == []
    assert "daily backup failed" not in caplog.text
    laptop.extensions["database_key"] = key  # what the first login unwraps
    with laptop.test_request_context("/"):
        daily_backup()
    made = backups.backups(backups.folder_of(laptop))
    assert [b.reason for b in made] == ["daily"]
    assert not made[0].path.read_bytes().startswith(b"SQLite format 3")
