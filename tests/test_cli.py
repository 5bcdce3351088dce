"""Command-line tasks through Flask's CLI: in-process with the test runner, and for real."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from fieldapp import create_app, demo
from fieldapp.db import connect, migration_sets

from conftest import PASSWORD
from helpers import ROOT, new_client, one

STEPS = [m.name for steps in migration_sets() for m in steps._migrations]
FLASK = Path(sys.executable).parent / "flask"


@pytest.fixture
def fresh(tmp_path):
    """An app on an instance folder with no database yet."""
    return create_app({"TESTING": True}, instance_path=str(tmp_path / "fresh"))


def invoke(app, *args, **kwargs):
    return app.test_cli_runner().invoke(args=list(args), **kwargs)


def count(app, sql, params=()):
    database = connect(app.config["DATABASE"])
    try:
        return database.execute(sql, params).fetchone()[0]
    finally:
        database.close()


def test_db_upgrade_applies_every_step_then_says_up_to_date(fresh):
    first = invoke(fresh, "db-upgrade")
    assert first.exit_code == 0, first.output
    assert first.output.splitlines() == [f"applied {name}" for name in STEPS]
    assert {"applied 0001_places_and_accounts", "applied 0002_village_kind"} <= set(
        first.output.splitlines())
    assert count(fresh, "select count(*) from communes") == 3321

    second = invoke(fresh, "db-upgrade")
    assert second.exit_code == 0
    assert second.output.splitlines() == ["database is up to date"]


def test_db_migrations_lists_every_step(fresh):
    pending = invoke(fresh, "db-migrations")
    assert pending.exit_code == 0, pending.output
    assert pending.output.splitlines() == [f"{name}  pending" for name in STEPS]

    invoke(fresh, "db-upgrade")
    applied = invoke(fresh, "db-migrations").output.splitlines()
    assert [line.split()[0] for line in applied] == STEPS
    assert all(line.split()[1] == "applied" for line in applied)
    assert {"0001_places_and_accounts", "0002_village_kind"} <= {
        line.split()[0] for line in applied}


def test_seed_demo_writes_the_logins_once(fresh):
    invoke(fresh, "db-upgrade")

    result = invoke(fresh, "seed-demo")

    assert result.exit_code == 0, result.output
    logins_file = Path(fresh.instance_path) / "demo-logins.txt"
    assert str(logins_file) in result.output
    assert stat.S_IMODE(logins_file.stat().st_mode) == 0o600
    logins = dict(line.split(" ") for line in logins_file.read_text().splitlines())
    assert set(logins) == {"canbo", "giamsat", "quantri"}
    assert demo.read_logins(fresh.instance_path) == logins
    for username, password in logins.items():
        assert len(password) >= 12
        assert new_client(fresh).login(username, password).status_code == 302, username
        assert new_client(fresh).login(username, PASSWORD).status_code == 401

    again = invoke(fresh, "seed-demo")

    assert again.exit_code != 0
    assert "already has offices" in again.output
    assert count(fresh, "select count(*) from offices") == 1
    assert count(fresh, "select count(*) from users") == 3
    assert dict(line.split(" ") for line in logins_file.read_text().splitlines()) == logins


def test_create_user_adds_a_user_to_an_office_by_name(app, runner):
    result = runner.invoke(args=[
        "create-user", "--username", "QuanTri2", "--full-name", "Hoàng Thị Lan",
        "--role", "admin", "--office", demo.OFFICE_NAME, "--password", "long-password-1"])

    assert result.exit_code == 0, result.output
    assert result.output.strip() == "created admin quantri2"
    database = connect(app.config["DATABASE"])
    user = one(database, "select * from users where username = 'quantri2'")
    database.close()
    assert (user["full_name"], user["role"]) == ("Hoàng Thị Lan", "admin")
    assert user["created_by"] is None
    assert "long-password-1" not in user["password_hash"]
    client = new_client(app, None, "quantri2", "long-password-1")
    assert client.get("/admin/users").status_code == 200


def test_create_user_prompts_for_the_password_twice(app, runner):
    result = runner.invoke(args=[
        "create-user", "--username", "moi", "--full-name", "Người Mới",
        "--office", demo.OFFICE_NAME], input="long-password-1\nlong-password-1\n")
    assert result.exit_code == 0, result.output
    assert "created officer moi" in result.output
    assert "long-password-1" not in result.output
    assert new_client(app).login("moi", "long-password-1").status_code == 302


@pytest.mark.parametrize("change, message", [
    ({"--office": "Văn phòng không có"}, "no office named 'Văn phòng không có'"),
    ({"--password": "short"}, "at least 10 characters"),
    ({"--password": "0123456789"}, "not only letters, not only digits"),
    ({"--password": "Nguoi-Moi-2026"}, "the username or the person's name"),
    ({"--password": "moi-2026-2027"}, "the username or the person's name"),
    ({"--password": "password-1"}, "among the most common ones"),
    ({"--username": "CanBo"}, "username 'CanBo' is taken"),
    ({"--role": "boss"}, "Invalid value for '--role'"),
])
def test_create_user_refusals(app, runner, change, message):
    options = {"--username": "moi", "--full-name": "Người Mới", "--role": "officer",
               "--office": demo.OFFICE_NAME, "--password": "long-password-1", **change}
    users = count(app, "select count(*) from users")
    result = runner.invoke(args=["create-user", *[x for kv in options.items() for x in kv]])
    assert result.exit_code != 0
    assert message in result.output
    assert count(app, "select count(*) from users") == users


def test_create_office_with_communes(app, runner):
    database = connect(app.config["DATABASE"])
    codes = [r["code"] for r in database.query(
        "select code from communes where province_code = 1 order by code limit 2")]
    database.close()
    result = runner.invoke(args=["create-office", "--name", "BHXH Hà Nội", "--province", "1",
                                 "--commune", str(codes[0]), "--commune", str(codes[1])])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "created office 'BHXH Hà Nội' with 2 communes"
    assert count(app, "select count(*) from office_communes oc join offices o"
                      " on o.id = oc.office_id where o.name = 'BHXH Hà Nội'") == 2


@pytest.mark.parametrize("args, message", [
    (["--province", "999"], "no province with code 999"),
    (["--province", "1", "--commune", "{lao_cai}"], "communes not in province 1"),
    (["--province", "15", "--commune", "{lao_cai}"], "already covered by another office"),
])
def test_create_office_refusals(app, runner, args, message):
    lao_cai = count(app, "select code from communes where province_code = 15"
                                " and name = 'Xã Mù Cang Chải'")
    before = count(app, "select count(*) from offices"), count(app, "select count(*) from "
                                                                  "office_communes")
    result = runner.invoke(args=["create-office", "--name", "Mới",
                                 *[a.format(lao_cai=lao_cai) for a in args]])
    assert result.exit_code != 0
    assert message in result.output
    assert (count(app, "select count(*) from offices"),
            count(app, "select count(*) from office_communes")) == before


def test_every_command_has_help(app, runner):
    ours = {name: command for name, command in app.cli.commands.items()}
    assert {"db-upgrade", "db-migrations", "seed-demo", "create-user",
            "create-office"} <= set(ours)
    for name, command in ours.items():
        result = runner.invoke(args=[name, "--help"])
        assert result.exit_code == 0, name
        summary = command.help.strip().splitlines()[0]
        assert len(summary) > 10, name
        assert summary in " ".join(result.output.split()), name


def run_flask(*args, instance):
    env = {**os.environ, "FIELDAPP_INSTANCE": str(instance)}
    return subprocess.run([str(FLASK), "--app", "fieldapp", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)


def test_the_real_flask_command(tmp_path):
    """The installed `flask` script finds the app and the instance from $FIELDAPP_INSTANCE."""
    instance = tmp_path / "real"
    listing = run_flask("--help", instance=instance)
    assert listing.returncode == 0, listing.stderr
    for name in ("db-upgrade", "db-migrations", "seed-demo", "create-user", "create-office"):
        assert name in listing.stdout

    upgraded = run_flask("db-upgrade", instance=instance)
    assert upgraded.returncode == 0, upgraded.stderr
    assert upgraded.stdout.splitlines() == [f"applied {name}" for name in STEPS]
    assert (instance / "fieldapp.sqlite3").exists()
    assert stat.S_IMODE((instance / "secret_key").stat().st_mode) == 0o600


def test_an_enrolled_laptop_makes_no_office_or_user_of_its_own(app, runner):
    from sync import capture
    database = connect(app.config["DATABASE"])
    with database.atomic():
        database.sync.set_state("enrolled_office", "the-central-office")
    database.close()
    before = [count(app, f"select count(*) from {t}") for t in ("offices", "users")]
    for args in (["create-office", "--name", "Mới", "--province", "1"],
                 ["create-user", "--username", "moi", "--full-name", "Người Mới",
                  "--office", demo.OFFICE_NAME, "--password", "long-password-1"]):
        result = runner.invoke(args=args)
        assert result.exit_code != 0
        assert "managed there" in result.output
    assert [count(app, f"select count(*) from {t}") for t in ("offices", "users")] == before
