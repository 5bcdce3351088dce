"""The laptop's database encrypted at rest (issue 26): key slots, the locked start, the recovery
code, the conversion of a plain database, no plaintext on disk, sync with an encrypted laptop
and central server, and the instance's files readable by the app's user alone."""

import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from fieldapp import accounts, create_app, demo, keys
from fieldapp.db import IntegrityError, WrongKey, connect, is_encrypted, upgrade
from fieldapp.search import queries as search
from helpers import PASSWORD, FormClient, parse, squash
from registry import household, person, user_id, village_id, visit

# scrypt's cost in these tests: the same code, a fraction of a production login's time.
CHEAP = 16
NAME, CCCD = "Giàng Thị Khánh Linh", "015080001234"


def encrypted_app(instance, seeded_database, **config):
    """An app on a copy of the demo database, encrypted as `flask encrypt` does it; returns
    (app, recovery code, plain backup)."""
    instance.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(seeded_database, instance / "fieldapp.sqlite3")
    app = app_on(instance, **config)
    code, backup = keys.encrypt(app)
    return app, code, backup


def app_on(instance, **config):
    """The app as a new process makes it on that instance: no key held."""
    instance = Path(instance)
    return create_app({"TESTING": True, "DATABASE": str(instance / "fieldapp.sqlite3"),
                       "ENCRYPTED": True, "KEY_SLOT_SCRYPT_N": CHEAP, **config},
                      instance_path=str(instance))


@pytest.fixture
def laptop(tmp_path, seeded_database):
    """An encrypted laptop where the officer (canbo) has logged in once, then restarted:
    locked; (app, recovery code)."""
    app, code, _ = encrypted_app(tmp_path / "instance", seeded_database)
    assert FormClient(app.test_client()).login("canbo").status_code == 302
    return app_on(tmp_path / "instance"), code


def slot_usernames(app):
    return sorted(slot["username"] for slot in keys.slots_of(app).read()["users"].values())


def test_a_locked_laptop_sends_every_page_to_the_login_and_serves_only_it(laptop):
    app, _ = laptop
    client = FormClient(app.test_client())
    for path in ("/", "/sync", "/search?q=a", "/admin/users", "/no-such-page"):
        answer = client.get(path)
        assert answer.status_code == 302, path
        assert answer.headers["Location"].startswith("/login"), path
    assert client.get("/").headers["Location"] == "/login?next=/"
    page = client.get("/login")
    assert page.status_code == 200
    assert parse(page).find("a", href="/unlock") is not None
    assert client.get("/unlock").status_code == 200
    assert client.get("/static/css/fieldapp.css").status_code == 200
    # The language is chosen while locked too.
    assert client.post_form("/language", {"locale": "en", "next": "/login"}).status_code == 302
    assert parse(client.get("/login")).find("html").get("lang") == "en"
    assert keys.locked(app)


def test_the_first_login_with_a_slot_opens_the_laptop(laptop):
    app, _ = laptop
    client = FormClient(app.test_client())
    answer = client.login("canbo")
    assert answer.status_code == 302 and answer.headers["Location"] == "/"
    assert not keys.locked(app)
    assert "Xã Mù Cang Chải" in client.get("/").get_data(as_text=True)


def test_a_wrong_password_does_not_open_it(laptop):
    app, _ = laptop
    client = FormClient(app.test_client())
    client.set_language("en")
    answer = client.login("canbo", "not-the-password")
    assert answer.status_code == 401
    assert "Wrong username or password." in answer.get_data(as_text=True)
    assert keys.locked(app) and "database_key" not in app.extensions


def test_a_user_without_a_slot_is_told_while_locked_and_gets_one_once_it_is_open(laptop):
    app, _ = laptop
    assert slot_usernames(app) == ["canbo"]
    supervisor = FormClient(app.test_client())
    supervisor.set_language("en")
    answer = supervisor.login("giamsat")
    assert answer.status_code == 401
    assert ("This laptop is locked. The first login after it starts must be by someone who has"
            " logged in on it before, or with the office's recovery code."
            in squash(parse(answer).text))
    assert keys.locked(app)

    assert FormClient(app.test_client()).login("canbo").status_code == 302
    assert supervisor.login("giamsat").status_code == 302
    assert slot_usernames(app) == ["canbo", "giamsat"]
    # Their own password opens the laptop from its next start on.
    again = app_on(app.instance_path)
    assert FormClient(again.test_client()).login("giamsat").status_code == 302
    assert not keys.locked(again)


def test_the_recovery_code_opens_it_and_gives_the_user_a_slot(laptop):
    app, code = laptop
    client = FormClient(app.test_client())
    client.set_language("en")
    wrong = client.post_form("/unlock", {"recovery_code": "ACEF-HJKL-MNPR-UWXY-ACEF-HJKL",
                                         "username": "quantri", "password": PASSWORD})
    assert wrong.status_code == 401
    field = parse(wrong).find("input", name="recovery_code")
    assert field.get("aria-invalid") == "true"
    assert "This is not this laptop's recovery code." in squash(parse(wrong).text)
    assert keys.locked(app)

    # The right code with a wrong password opens nothing either.
    assert client.post_form("/unlock", {"recovery_code": code, "username": "quantri",
                                        "password": "wrong"}).status_code == 401
    assert keys.locked(app)

    typed = code.lower().replace("-", " ")  # as read aloud and typed
    answer = client.post_form("/unlock", {"recovery_code": typed, "username": "quantri",
                                          "password": PASSWORD})
    assert answer.status_code == 302
    assert not keys.locked(app)
    assert slot_usernames(app) == ["canbo", "quantri"]


def test_a_password_changed_here_rewraps_the_slot(laptop):
    app, _ = laptop
    admin = FormClient(app.test_client())
    assert admin.login("canbo").status_code == 302  # opens it
    assert admin.logout().status_code == 302
    assert not keys.locked(app)  # logging out keeps the laptop open
    assert admin.login("quantri").status_code == 302
    db = connect(app.config["DATABASE"], key=keys.key_of(app))
    officer = user_id(db, "canbo")
    db.close()
    before = keys.slots_of(app).read()["users"][officer]
    new = "a-new-long-password-7"
    answer = admin.post_form(f"/admin/users/{officer}/password",
                             {"password": new, "confirm": new})
    assert answer.status_code == 302, answer.get_data(as_text=True)
    assert keys.slots_of(app).read()["users"][officer]["wrapped_key"] != before["wrapped_key"]

    again = app_on(app.instance_path)
    assert FormClient(again.test_client()).login("canbo", PASSWORD).status_code == 401
    assert keys.locked(again)
    assert FormClient(again.test_client()).login(
        "canbo", "a-new-long-password-7").status_code == 302
    assert not keys.locked(again)


def test_a_user_disabled_or_whose_password_changed_elsewhere_loses_the_slot(laptop):
    app, code = laptop
    key = keys.slots_of(app).open_with_recovery_code(code)
    db = connect(app.config["DATABASE"], key=key)
    for username in ("giamsat", "quantri"):
        keys.slots_of(app).add(key, accounts.user_by_username(db, username), PASSWORD, CHEAP)
    admin_id = user_id(db, "quantri")
    accounts.set_active(db, user_id(db, "giamsat"), False, user_id=admin_id)
    # As a sync would bring it: the hash changes, the slot was made for the old one.
    db.execute("update users set password_hash = ? where id = ?",
               [accounts.hash_password("changed-centrally-9"), admin_id])
    db.close()
    assert slot_usernames(app) == ["canbo", "giamsat", "quantri"]

    assert FormClient(app.test_client()).login("canbo").status_code == 302
    assert slot_usernames(app) == ["canbo"]


def test_conversion_keeps_every_row_and_leaves_a_plain_backup(tmp_path, seeded_database):
    instance = tmp_path / "instance"
    app, code, backup = encrypted_app(instance, seeded_database)
    database = instance / "fieldapp.sqlite3"
    assert is_encrypted(database)
    assert backup.parent == instance / "backups"
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert stat.S_IMODE(backup.parent.stat().st_mode) == 0o700
    assert backup.read_bytes()[:16] == b"SQLite format 3\x00"
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(database).execute("select count(*) from users").fetchone()

    plain = sqlite3.connect(backup)
    encrypted = connect(database, key=keys.key_of(app))
    tables = [r[0] for r in plain.execute(
        "select name from sqlite_master where type = 'table' order by name")]
    assert "people" in tables and "sync_log" in tables
    for table in tables:
        rows = f'select * from "{table}" order by 1'
        assert plain.execute(rows).fetchall() == encrypted.execute(rows).fetchall(), table
    for pragma in ("user_version", "journal_mode"):
        assert (plain.execute(f"pragma {pragma}").fetchone()
                == encrypted.execute(f"pragma {pragma}").fetchone())
    assert encrypted.execute("pragma integrity_check").fetchone()[0] == "ok"
    plain.close()
    encrypted.close()

    with pytest.raises(keys.AlreadyEncrypted):
        keys.encrypt(app)
    # The code opens the same key.
    assert keys.slots_of(app).open_with_recovery_code(code) == keys.key_of(app)


def test_the_encrypt_command_says_where_the_backup_is_and_the_code(tmp_path, seeded_database):
    instance = tmp_path / "instance"
    instance.mkdir()
    shutil.copyfile(seeded_database, instance / "fieldapp.sqlite3")
    app = app_on(instance)
    result = app.test_cli_runner().invoke(args=["encrypt"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    code = lines[[n for n, line in enumerate(lines) if line.startswith("recovery code")][0] + 1]
    assert keys.slots_of(app).open_with_recovery_code(code.strip()) is not None
    assert "backups/plain-before-encryption-" in result.output
    again = app.test_cli_runner().invoke(args=["encrypt"])
    assert again.exit_code != 0 and "already encrypted" in again.output


def test_a_command_on_a_locked_laptop_asks_for_a_login(laptop, monkeypatch):
    app, code = laptop
    refused = app.test_cli_runner().invoke(args=["db-migrations"])
    assert refused.exit_code != 0 and "encrypted" in refused.output
    monkeypatch.setenv("FIELDAPP_UNLOCK_PROMPT", "1")
    wrong = app.test_cli_runner().invoke(args=["db-migrations"], input="canbo\nwrong\n")
    assert wrong.exit_code != 0 and "wrong username or password" in wrong.output
    listed = app_on(app.instance_path).test_cli_runner().invoke(
        args=["db-migrations"], input=f"canbo\n{PASSWORD}\n")
    assert listed.exit_code == 0, listed.output
    assert "0001_places_and_accounts  applied" in listed.output
    # No username: the recovery code (every password forgotten).
    recovered = app_on(app.instance_path).test_cli_runner().invoke(
        args=["db-migrations"], input=f"\n{code}\n")
    assert recovered.exit_code == 0, recovered.output
    assert "0001_places_and_accounts  applied" in recovered.output


def test_everything_works_on_a_new_encrypted_database_and_nothing_is_plain_on_disk(tmp_path):
    """Every migration, FTS5 search, the reach-count triggers, WAL and the driver's errors, on
    SQLCipher; the file, its -wal and its -shm hold no name or CCCD in clear."""
    path = tmp_path / "fieldapp.sqlite3"
    key = os.urandom(32)
    db = connect(path, key=key)
    applied = upgrade(db)
    assert "0001_places_and_accounts" in applied and db.journal_mode == "wal"
    demo.seed_demo(db, password=PASSWORD)
    officer, village = user_id(db, "canbo"), village_id(db, "Mí Háng")
    home = household(db, village, officer, person(NAME, 1980, cccd=CCCD))
    visit(db, home["id"], officer, "2026-11-20T09:30", present=[home[NAME]],
          topics=["household_bhyt"])
    office = db.value("select office_id from users where id = ?", [officer])
    assert [r["full_name"] for r in search.search(db, office, "khanh linh")] == [NAME]
    assert db.value("select count(*) from reach_counts") > 0  # kept by the triggers
    with pytest.raises(IntegrityError):  # the driver's own error, raised as db's
        with db.own_errors():
            db.execute("insert into users (id, username) select id, username from users limit 1")
    # Written and not yet checkpointed: the -wal and -shm exist beside the file.
    files = [path, tmp_path / "fieldapp.sqlite3-wal", tmp_path / "fieldapp.sqlite3-shm"]
    assert all(f.exists() and f.stat().st_size for f in files)
    for f in files:
        data = f.read_bytes()
        for secret in (NAME.encode(), CCCD.encode(), "Khanh Linh".encode(), b"canbo"):
            assert secret not in data, (f.name, secret)
    assert path.read_bytes()[:16] != b"SQLite format 3\x00"
    db.close()
    with pytest.raises(WrongKey):
        connect(path, key=os.urandom(32))
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(path).execute("select count(*) from people").fetchone()


def test_instance_files_readable_by_others_are_made_private_at_start(tmp_path, capsys):
    instance = tmp_path / "instance"
    (instance / "backups").mkdir(parents=True)
    made = {name: instance / name for name in
            ("fieldapp.sqlite3", "fieldapp.sqlite3-wal", "secret_key", "config.py")}
    made["backup"] = instance / "backups" / "old.sqlite3"
    for path in made.values():
        path.write_text("x")
        os.chmod(path, 0o644)
    os.chmod(instance / "backups", 0o755)
    os.chmod(instance, 0o755)
    create_app({"TESTING": True}, instance_path=str(instance))
    for path in made.values():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    for folder in (instance, instance / "backups"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    said = capsys.readouterr().err
    assert f"{made['secret_key']} could be read by other users of this computer (mode 0644); " \
           f"now 0600" in said


def test_a_file_that_cannot_be_made_private_stops_the_start(tmp_path, monkeypatch):
    from fieldapp.config import ConfigError
    instance = tmp_path / "instance"
    instance.mkdir(mode=0o700)
    (instance / "secret_key").write_text("x")
    os.chmod(instance / "secret_key", 0o644)

    def refused(path, mode):
        raise PermissionError(1, "Operation not permitted")
    monkeypatch.setattr(os, "chmod", refused)
    with pytest.raises(ConfigError, match="secret_key can be read by other users.*cannot be "
                                          "made private"):
        create_app({"TESTING": True}, instance_path=str(instance))


def test_what_an_encrypted_laptop_writes_is_its_users_alone(laptop):
    app, _ = laptop
    client = FormClient(app.test_client())
    client.login("canbo")
    # Open while the check runs: the -wal and -shm exist only while a connection does.
    db = connect(app.config["DATABASE"], key=keys.key_of(app))
    db.execute("select count(*) from users").fetchone()
    instance = app.instance_path
    for name in ("keys.json", "fieldapp.sqlite3", "fieldapp.sqlite3-wal", "fieldapp.sqlite3-shm",
                 "secret_key"):
        assert stat.S_IMODE(os.stat(os.path.join(instance, name)).st_mode) == 0o600, name
    assert stat.S_IMODE(os.stat(instance).st_mode) == 0o700
    db.close()


def test_an_encrypted_laptop_syncs_with_an_encrypted_central_server(tmp_path, monkeypatch):
    """Both ends SQLCipher, the central server's key from FIELDAPP_DATABASE_KEY: the office
    comes down, a household goes up, and a user disabled centrally loses the laptop's slot."""
    from sync import client, server
    from syncing import Server

    from fieldapp.sync_pages.views import run_sync

    central_key = os.urandom(32).hex()
    monkeypatch.setenv("FIELDAPP_DATABASE_KEY", central_key)
    central = Server(tmp_path / "central", "--central")
    monkeypatch.delenv("FIELDAPP_DATABASE_KEY")
    central_db = None
    try:
        central_path = tmp_path / "central" / "fieldapp.sqlite3"
        assert is_encrypted(central_path)
        central_db = connect(central_path, key=central_key)
        office = central_db.value("select id from offices where name = ?", [demo.OFFICE_NAME])
        code = server.create_enrolment_code(central_db.sync, office, user_id=None)

        instance = tmp_path / "laptop"
        app = app_on(instance)
        keys.encrypt(app)
        key = keys.key_of(app)
        path = app.config["DATABASE"]
        db = connect(path, key=key)
        upgrade(db)
        client.enrol(db.sync, str(instance), central.url, code, "laptop")
        run_sync(path, str(instance), key=key)
        officer = user_id(db, "canbo")
        supervisor = accounts.user_by_username(db, "giamsat")
        keys.slots_of(app).add(key, supervisor, "any password", CHEAP)
        home = household(db, village_id(db, "Mí Háng"), officer, person(NAME, 1980, cccd=CCCD))

        accounts.set_active(central_db, supervisor["id"], False,
                            user_id=user_id(central_db, "trungtam"))
        result = run_sync(path, str(instance), key=key)
        assert result.sent >= 2 and not result.refused
        assert central_db.value("select cccd from people where id = ?", [home[NAME]]) == CCCD
        assert slot_usernames(app) == []
        for f in (tmp_path / "laptop").glob("fieldapp.sqlite3*"):
            assert CCCD.encode() not in f.read_bytes(), f
        for f in (tmp_path / "central").glob("fieldapp.sqlite3*"):
            assert CCCD.encode() not in f.read_bytes(), f
        # Pull pages are not shared through files beside an encrypted database: in clear.
        assert not (tmp_path / "central" / "fieldapp.sqlite3-pages").exists()
        db.close()
        assert central.errors() == []
        assert ("database: encrypted (SQLCipher, key from FIELDAPP_DATABASE_KEY)\n"
                in central.output)
    finally:
        if central_db is not None:
            central_db.close()
        central.stop()


def test_run_py_converts_a_plain_laptop_database_at_start(tmp_path, seeded_database,
                                                          monkeypatch, capsys):
    import run
    instance = tmp_path / "instance"
    instance.mkdir()
    shutil.copyfile(seeded_database, instance / "fieldapp.sqlite3")
    (instance / "config.py").write_text(f"KEY_SLOT_SCRYPT_N = {CHEAP}\n")
    monkeypatch.delenv("FIELDAPP_ENCRYPTED")
    app = run.prepare(str(instance), seed_demo=False)
    printed = capsys.readouterr().out.splitlines()
    assert any(line.startswith("database encrypted; the plain copy it was made from: "
                               f"{instance / 'backups'}/") for line in printed)
    code = printed[[n for n, line in enumerate(printed)
                    if line.startswith("recovery code")][0] + 1].strip()
    assert is_encrypted(instance / "fieldapp.sqlite3")
    assert keys.slots_of(app).open_with_recovery_code(code) == keys.key_of(app)
    # This process holds the key: the officer logs in and gets a slot.
    assert FormClient(app.test_client()).login("canbo").status_code == 302
    assert slot_usernames(app) == ["canbo"]
    assert run.encryption_note(app).startswith("database: encrypted")
    # The next start: locked, nothing migrated until a login.
    run.prepare(str(instance), seed_demo=False)
    assert "database encrypted and locked: the first login opens it" in capsys.readouterr().out


def test_run_py_converts_a_plain_central_database_given_its_key(tmp_path, seeded_database,
                                                                monkeypatch, capsys):
    import run
    instance = tmp_path / "central"
    instance.mkdir()
    shutil.copyfile(seeded_database, instance / "fieldapp.sqlite3")
    before = sqlite3.connect(instance / "fieldapp.sqlite3")
    counts = keys.table_counts(before)
    before.close()
    key = os.urandom(32).hex()
    monkeypatch.setenv("FIELDAPP_DATABASE_KEY", key)
    app = run.prepare(str(instance), seed_demo=False, central=True)
    printed = capsys.readouterr().out
    assert "database encrypted; the plain copy it was made from:" in printed
    assert "recovery code" not in printed and not (instance / "keys.json").exists()
    assert run.encryption_note(app) == ("database: encrypted (SQLCipher, key from "
                                        "FIELDAPP_DATABASE_KEY)")
    db = connect(instance / "fieldapp.sqlite3", key=key)
    # Every row kept; becoming central adds its own state.
    found = keys.table_counts(db.conn)
    assert {t: n for t, n in found.items() if t in counts and t != "sync_state"} == {
        t: n for t, n in counts.items() if t != "sync_state"}
    assert counts["users"] > 0 and counts["villages"] > 0
    db.close()
    monkeypatch.setenv("FIELDAPP_DATABASE_KEY", os.urandom(32).hex())
    assert run.main(["--central", "--instance", str(instance)]) == 2
    assert "the key does not open this database" in capsys.readouterr().err


def test_the_real_db_upgrade_command_encrypts_a_new_install(tmp_path, monkeypatch):
    from syncing import flask
    monkeypatch.delenv("FIELDAPP_ENCRYPTED")
    instance = tmp_path / "real"
    upgraded = flask(instance, "db-upgrade")
    assert upgraded.returncode == 0, upgraded.stdout
    lines = upgraded.stdout.splitlines()
    assert "applied 0001_places_and_accounts" in lines
    code = lines[[n for n, line in enumerate(lines) if line.startswith("recovery code")][0] + 1]
    assert is_encrypted(instance / "fieldapp.sqlite3")
    key = keys.slots_in(instance).open_with_recovery_code(code.strip())
    db = connect(instance / "fieldapp.sqlite3", key=key)
    assert db.value("select count(*) from provinces") > 0
    db.close()
