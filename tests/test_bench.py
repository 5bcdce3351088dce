"""The benchmarks still run: `make bench` builds through the app's own code and the engine's."""

import json

from bench import generate, sync_engine, sync_load
from fieldapp.db import connect, upgrade


def test_a_small_generated_database_is_built_then_reused(tmp_path, capsys):
    path = tmp_path / "pages.sqlite3"
    generate.generate(path, households=60, seed=7)
    generate.generate(path, households=60, seed=7)

    built, reused = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert (built["reused"], reused["reused"]) == (False, True)
    assert built["households"] == reused["households"] == 60
    db = connect(path)
    assert upgrade(db) == []  # every step of the app and of the sync engine was applied
    assert db.execute("select count(*) from households").fetchone()[0] == 60
    # The demo office's rows went through the store: logged for sync like any other write.
    assert db.sync.log_count(0) > 0


def test_the_engine_benchmark_merges_serves_and_applies_a_small_push(tmp_path, monkeypatch):
    monkeypatch.setattr(sync_engine, "RECORDS", 60)
    timed, baseline = sync_engine._round(tmp_path)  # asserts every record reached the fresh laptop
    assert set(timed) == {"merge", "serve_pull", "apply"}
    assert baseline > 0 and all(seconds > 0 for seconds in timed.values())


def test_the_load_benchmark_merges_every_laptops_day_without_errors(capsys):
    line = sync_load.run(laptops=4, office_size=2, window=1)
    assert line["errors"] == {} and line["completed"] == 4
    # Every laptop's day reached the central server as rows of its own.
    assert line["households_merged"] == line["households_expected"] > 0
    assert line["alone"]["pulled"] >= 2 * line["changes_per_day"]  # its two office-mates' days
    assert json.loads(capsys.readouterr().out.splitlines()[-1])["bench"] == "load"
