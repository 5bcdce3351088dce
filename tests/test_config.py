"""Settings: read from the instance and the environment, and checked at start with a message
that names the setting."""

import subprocess
import sys

import pytest

from fieldapp import create_app
from fieldapp.config import ConfigError, database_path, from_environment
from helpers import ROOT


def make(tmp_path, **settings):
    return create_app({"TESTING": True, **settings}, instance_path=str(tmp_path / "instance"))


@pytest.mark.parametrize("settings, message", [
    ({"TIMEZONE": "Asia/Hanoi_City"}, "TIMEZONE 'Asia/Hanoi_City' is not a time zone"),
    ({"WORKERS": "many"}, "WORKERS 'many' is not a whole number"),
    ({"WORKERS": 0}, "WORKERS 0 must be a whole number of at least 1"),
    ({"LOGIN_FREE_ATTEMPTS": -1}, "LOGIN_FREE_ATTEMPTS -1 must be a whole number"),
    ({"DATABASE_URL": "postgresql://fieldapp@localhost/fieldapp"},
     "DATABASE_URL: PostgreSQL is for the central server only"),
    ({"DATABASE_URL": "postgresql://fieldapp@localhost/fieldapp", "CENTRAL": True,
      "DATABASE_KEY": "ab" * 32}, "DATABASE_KEY encrypts an SQLite file"),
    ({"DATABASE_URL": "postgresql://fieldapp@localhost", "CENTRAL": True},
     "DATABASE_URL: name the database"),
    ({"DATABASE_URL": "mysql://x/y"}, "DATABASE_URL 'mysql://x/y' is not sqlite:///"),
    ({"DATABASE_KEY": "  "}, "DATABASE_KEY is set but empty"),
    ({"DATABASE": "/nowhere/at/all/fieldapp.sqlite3"}, "the folder /nowhere/at/all does not"),
])
def test_a_setting_the_app_cannot_run_with_stops_the_start_and_is_named(tmp_path, settings,
                                                                         message):
    with pytest.raises(ConfigError, match=message):
        make(tmp_path, **settings)


def test_a_sqlite_url_names_the_database_file(tmp_path):
    app = make(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path}/other%20name.sqlite3",
               WORKERS="3")
    assert app.config["DATABASE"] == f"{tmp_path}/other name.sqlite3"
    assert app.config["WORKERS"] == 3
    assert database_path("sqlite:////srv/fieldapp/db.sqlite3") == "/srv/fieldapp/db.sqlite3"


def test_the_environment_overrides_the_instance_settings(tmp_path, monkeypatch):
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text("TIMEZONE = 'UTC'\nBEHIND_PROXY = False\n")
    monkeypatch.setenv("FIELDAPP_TIMEZONE", "Asia/Bangkok")
    monkeypatch.setenv("FIELDAPP_BEHIND_PROXY", "yes")
    app = create_app(instance_path=str(instance))
    assert app.config["TIMEZONE"] == "Asia/Bangkok"
    assert app.config["BEHIND_PROXY"] is True
    assert from_environment({"FIELDAPP_WORKERS": "4", "OTHER": "x"}, {"WORKERS": None}) == \
        {"WORKERS": "4"}


def test_run_says_which_setting_is_wrong_instead_of_a_traceback(tmp_path):
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text("TIMEZONE = 'Mars/Olympus'\n")
    done = subprocess.run([sys.executable, str(ROOT / "run.py"), "--instance", str(instance),
                           "--port", "0"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "fieldapp cannot start: TIMEZONE 'Mars/Olympus' is not a time zone" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (instance / "fieldapp.sqlite3").exists()
